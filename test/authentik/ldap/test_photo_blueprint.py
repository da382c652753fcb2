"""The directory photos blueprint: it creates the mapping from ldap_photo_mapping.py and changes no source."""

from __future__ import annotations

import yaml
from photo_support import MAPPING, MAPPING_NAME, ROOT

BLUEPRINT = ROOT / "src" / "authentik" / "blueprints" / "avatars-directory-photos.yaml"
blueprint = yaml.safe_load(BLUEPRINT.read_text(encoding="utf-8"))


def test_the_blueprint_creates_exactly_the_ldap_property_mapping_and_nothing_else():
    assert [(entry["model"], entry["identifiers"]) for entry in blueprint["entries"]] == [("authentik_sources_ldap.ldapsourcepropertymapping", {"name": MAPPING_NAME})]


def test_its_expression_is_ldap_photo_mapping_py_byte_for_byte():
    assert blueprint["entries"][0]["attrs"]["expression"] == MAPPING.read_text(encoding="utf-8")


def test_it_attaches_the_mapping_to_no_source_because_a_blueprint_would_replace_the_sources_mapping_list():
    assert not any(entry["model"].startswith("authentik_sources_ldap.ldapsource") and entry["model"] != "authentik_sources_ldap.ldapsourcepropertymapping" for entry in blueprint["entries"])
    assert "Add it yourself" in BLUEPRINT.read_text(encoding="utf-8")
