"""The real endpoint (Node, sharp processor) on loopback, and helpers for running the policy through the harness.

Imported by name (``from endpoint_support import ...``), never as ``conftest``: test/authentik/ldap has a
conftest of its own, and two modules named ``conftest`` on sys.path shadow each other."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "real"
POLICY = ROOT / "src" / "authentik" / "avatar_policy.py"
sys.path.insert(0, str(ROOT / "demo" / "authentik"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def data_uri(name: str, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode((FIXTURES / name).read_bytes()).decode()


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


class Endpoint:
    def __init__(self, url: str, token: str, data_dir: Path) -> None:
        self.url, self.token, self.data_dir = url, token, data_dir

    def stored(self) -> list[str]:
        return sorted(p.name for p in (self.data_dir / "avatars").glob("*.png"))

    def get(self, url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@pytest.fixture(scope="session")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    if not FIXTURES.is_dir():
        pytest.fail(f"real fixtures missing at {FIXTURES}: the repo expects shared/ beside it")
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "tsx").is_dir():
        pytest.fail("Node.js and the project's node_modules are needed: install Node.js 20 and run `npm ci` first")
    port = free_port()
    token = "policy-tests-token-0123456789"
    data_dir = tmp_path_factory.mktemp("avatars-data")
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "AVATARS_TOKEN": token, "DATA_DIR": str(data_dir), "PROCESSOR": "sharp", "LOG_LEVEL": "warn"}
    env.pop("IMGPROXY_URL", None)
    # node itself rather than npx, so terminating it really stops the endpoint.
    process = subprocess.Popen([node, "--import", "tsx", "src/server/main.ts"], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if json.load(response)["status"] == "ok":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the avatar endpoint did not start (node --import tsx src/server/main.ts)")
        time.sleep(0.2)
    yield Endpoint(url, token, data_dir)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def policy_env(endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch) -> Endpoint:
    """authentik's server process environment, as the policy reads it."""
    monkeypatch.setenv("AVATARS_URL", endpoint.url)
    monkeypatch.setenv("AVATARS_TOKEN", endpoint.token)
    return endpoint
