"""The avatars-setting command, against the demo's emulation of authentik's admin settings API."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from endpoint_support import ROOT, free_port

COMMAND = [sys.executable, str(ROOT / "src" / "authentik" / "avatars_setting.py")]
ADMIN_TOKEN = "settings-tests-admin-token"
PUBLIC = "https://avatars.example.org"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("AVATARS_PUBLIC_URL", "AUTHENTIK_TOKEN")}
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=60, env={**environment, **env})


@pytest.fixture(scope="module")
def authentik(tmp_path_factory: pytest.TempPathFactory):
    """`npx tsx demo/serve.ts`: the endpoint plus the emulated authentik API, on a free loopback port."""
    npx = shutil.which("npx")
    if not npx:
        pytest.fail("npx not found: install Node.js 20 and run `npm ci` first")
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "DATA_DIR": str(tmp_path_factory.mktemp("demo-data")),
        "PROCESSOR": "sharp",
        "LOG_LEVEL": "warn",
        "DEMO_ADMIN_TOKEN": ADMIN_TOKEN,
        "DEMO_AVATARS_SETTING": "gravatar,initials",
    }
    env.pop("IMGPROXY_URL", None)
    env.pop("AVATARS_URL", None)  # with it, the demo would leave the endpoint out
    # Its own process group: npx starts tsx, which starts node; stopping npx alone would orphan them.
    process = subprocess.Popen([npx, "tsx", "demo/serve.ts"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process, signal.SIGKILL)
            pytest.fail("the demo did not start (npx tsx demo/serve.ts)")
        time.sleep(0.2)
    yield url
    stop(process, signal.SIGTERM)


def stop(process: subprocess.Popen, sig: signal.Signals) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    process.wait(timeout=10)


def current_setting(url: str) -> str:
    request = urllib.request.Request(f"{url}/api/v3/admin/settings/", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["avatars"]


@pytest.mark.parametrize(
    ("fallback", "expected"),
    [
        ("identicon", "attributes.avatar,https://avatars.example.org/identicon/%(mail_hash)s.png"),
        ("initials", "attributes.avatar,initials"),
        ("gravatar", "attributes.avatar,gravatar"),
        ("none", "attributes.avatar,none"),
    ],
)
def test_it_prints_the_exact_setting_with_no_spaces(fallback: str, expected: str):
    result = run("--fallback", fallback, "--public-url", PUBLIC + "/")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected + "\n"


def test_identicon_is_the_default_and_the_public_url_may_come_from_the_environment():
    result = run(AVATARS_PUBLIC_URL=PUBLIC)
    assert result.stdout == "attributes.avatar,https://avatars.example.org/identicon/%(mail_hash)s.png\n"


@pytest.mark.parametrize(
    ("public_url", "message"),
    [
        (None, "needs the endpoint's public URL"),
        ("avatars.example.org", "must start with https://"),
        ("https://example.org/a,b", "must not contain ','"),
        ("https://example.org/caf%C3%A9", "must not contain '%'"),
        ("https://example.org/?x=1", "query or fragment"),
    ],
)
def test_an_identicon_url_authentik_could_not_use_is_refused(public_url: str | None, message: str):
    result = run("--fallback", "identicon", *(["--public-url", public_url] if public_url else []))
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_it_applies_the_setting_through_authentiks_admin_api(authentik: str):
    result = run("--public-url", PUBLIC, "--authentik-url", authentik + "/", AUTHENTIK_TOKEN=ADMIN_TOKEN)

    assert result.returncode == 0, result.stderr
    assert "now uses this avatars setting" in result.stderr
    assert current_setting(authentik) == "attributes.avatar,https://avatars.example.org/identicon/%(mail_hash)s.png"

    again = run("--fallback", "initials", "--authentik-url", authentik, "--token", ADMIN_TOKEN)
    assert again.returncode == 0, again.stderr
    assert current_setting(authentik) == "attributes.avatar,initials"


def test_a_wrong_token_is_reported_as_such_and_changes_nothing(authentik: str):
    before = current_setting(authentik)
    result = run("--fallback", "none", "--authentik-url", authentik, "--token", "not-the-admin-token")

    assert result.returncode == 1
    assert "authentik refused the token (HTTP 403)" in result.stderr
    assert "Tokens and App passwords" in result.stderr
    assert current_setting(authentik) == before


def test_applying_without_a_token_says_how_to_give_one(authentik: str):
    result = run("--fallback", "none", "--authentik-url", authentik)
    assert result.returncode == 1
    assert "pass --token or set AUTHENTIK_TOKEN" in result.stderr


def test_an_unreachable_authentik_is_reported_clearly():
    result = run("--fallback", "initials", "--authentik-url", f"http://127.0.0.1:{free_port()}", "--token", ADMIN_TOKEN)
    assert result.returncode == 1
    assert "could not reach authentik at http://127.0.0.1:" in result.stderr


def test_a_server_that_is_not_authentik_is_reported(authentik: str):
    result = run("--fallback", "initials", "--authentik-url", authentik + "/nothing-here", "--token", ADMIN_TOKEN)
    assert result.returncode == 1
    assert "HTTP 404" in result.stderr and "authentik 2024.2 or newer" in result.stderr
