"""Fixtures: a real slapd on loopback, authentik's LDAP source sync with the photo mapping, the real endpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The helpers beside this file are imported by their own names, by these tests and by the bench.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ldap_source_sync import Authentik  # noqa: E402
from photo_support import photo_sync  # noqa: E402
from slapd import Directory, Slapd, start_slapd  # noqa: E402


@pytest.fixture(scope="session")
def slapd_server(tmp_path_factory: pytest.TempPathFactory):
    try:
        server = start_slapd(tmp_path_factory.mktemp("slapd"))
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server
    server.stop()


@pytest.fixture
def directory(slapd_server: Slapd):
    people = Directory(slapd_server)
    people.delete_everyone()
    yield people
    people.conn.unbind()


@pytest.fixture
def authentik() -> Authentik:
    return Authentik()


@pytest.fixture
def sync(authentik: Authentik, slapd_server: Slapd, policy_env):
    """Runs one sync of the whole directory, as authentik's worker does, through a fresh schema-aware connection."""
    syncer = photo_sync(authentik)

    def run():
        syncer.clear_logs()
        with slapd_server.connection() as conn:
            return syncer.run(conn)

    run.syncer = syncer
    return run
