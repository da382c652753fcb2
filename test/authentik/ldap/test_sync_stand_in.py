"""The sync stand-in does what authentik was measured doing (../shared/notes/authentik.md), so the photo
tests can trust it: bytes in a result drop the user, an exception stops the sync, attributes deep-merge."""

from __future__ import annotations

import pytest
from ldap_source_sync import DEFAULT_OPENLDAP_MAPPINGS, LDAPSource, LDAPSourceSync, SyncStopped
from photo_support import ROCKET
from slapd import PEOPLE


def stand_in(authentik, extra: dict[str, str]) -> LDAPSourceSync:
    return LDAPSourceSync(LDAPSource(slug="corp-ldap", base_dn=PEOPLE), {**DEFAULT_OPENLDAP_MAPPINGS, **extra}, authentik)


def test_a_mapping_that_returns_bytes_drops_the_user_with_a_configuration_error(directory, authentik, slapd_server):
    directory.add_person("yara", jpeg_photos=[ROCKET])
    sync = stand_in(authentik, {"photo as bytes": 'return {"attributes": {"photo": ldap.get("jpegPhoto")[0]}}'})

    with slapd_server.connection() as conn:
        report = sync.run(conn)

    assert report.synced == 0 and report.failed == [directory.dn("yara")]
    assert authentik.users == []
    assert [event["action"] for event in authentik.events] == ["configuration_error"]


def test_a_mapping_that_raises_stops_the_whole_sync(directory, authentik, slapd_server):
    directory.add_person("zed")
    sync = stand_in(authentik, {"broken": "return 1 / 0"})

    with slapd_server.connection() as conn, pytest.raises(SyncStopped):
        sync.run(conn)


def test_later_syncs_deep_merge_attributes_onto_the_stored_ones(directory, authentik, slapd_server):
    directory.add_person("amy")
    sync = stand_in(authentik, {"tag": 'return {"attributes": {"synced": True}}'})
    with slapd_server.connection() as conn:
        sync.run(conn)
    amy = authentik.users[0]
    amy.attributes["avatar"] = "https://avatars.example.org/avatars/0123456789abcdef0123456789abcdef.png"

    with slapd_server.connection() as conn:
        sync.run(conn)

    assert amy.attributes["avatar"].startswith("https://"), "what no mapping returns is kept"
    assert amy.attributes["synced"] is True
    assert amy.username == "amy" and amy.email == "amy@example.org" and amy.name == "Amy"
