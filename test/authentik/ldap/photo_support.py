"""What the directory photo tests and the bench share: the files, the photos, the mapping under test."""

from __future__ import annotations

import struct
from pathlib import Path

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
