"""What the directory photo tests and the bench share: the files, the photos, the mapping under test."""

from __future__ import annotations

import struct
from pathlib import Path

from expression_harness import run_prompt_validation
from ldap_source_sync import DEFAULT_OPENLDAP_MAPPINGS, Authentik, LDAPSource, LDAPSourceSync
from slapd import PEOPLE

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "real"
MAPPING = ROOT / "src" / "authentik" / "ldap_photo_mapping.py"
POLICY = ROOT / "src" / "authentik" / "avatar_policy.py"
MAPPING_NAME = "authentik-avatars: directory photo"


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


def photo_sync(authentik: Authentik, mapping_name: str = MAPPING_NAME) -> LDAPSourceSync:
    """An OpenLDAP source with authentik's default mappings plus the photo mapping, as an admin sets it up."""
    source = LDAPSource(slug="corp-ldap", base_dn=PEOPLE)
    return LDAPSourceSync(source, {**DEFAULT_OPENLDAP_MAPPINGS, mapping_name: MAPPING.read_text(encoding="utf-8")}, authentik)

ROCKET = (FIXTURES / "rocket.jpg").read_bytes()
RETINA = (FIXTURES / "retina.jpg").read_bytes()
HUBBLE = (FIXTURES / "hubble_deep_field.jpg").read_bytes()
DAMAGED = (FIXTURES / "truncated.jpg").read_bytes()
SVG = (FIXTURES / "blobs-l.svg").read_bytes()


def user_named(authentik, username):
    found = [user for user in authentik.users if user.username == username]
    assert len(found) == 1, f"expected one authentik user {username!r}, found {len(found)}"
    return found[0]


def avatar_of(authentik, username):
    return user_named(authentik, username).attributes.get("avatar")


def served_png(endpoint, url):
    status, body = endpoint.get(url)
    assert status == 200, f"{url} answered {status}"
    assert png_size(body) == (1024, 1024)
    return body


def settings_save(user, **prompt_attributes):
    """The user settings flow: the real validation policy, then the user write stage's shallow update."""
    result, prompt_data = run_prompt_validation(POLICY.read_text(encoding="utf-8"), user, {"username": user.username, "attributes": dict(prompt_attributes)})
    assert result.passing, result.messages
    user.attributes.update(prompt_data["attributes"])
