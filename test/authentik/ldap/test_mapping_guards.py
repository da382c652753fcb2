"""The mapping on entries a real directory rarely sends: it answers None with one warning, it never raises
(in authentik an exception in a property mapping stops the whole sync)."""

from __future__ import annotations

from ldap3.utils.ciDict import CaseInsensitiveDict
from ldap_source_sync import Authentik, LDAPSource, evaluate_mapping
from photo_support import FIXTURES, MAPPING

SOURCE = LDAPSource(slug="corp-ad", base_dn="dc=example,dc=org", object_uniqueness_field="objectGUID")
DN = "CN=Zoe,OU=Staff,DC=example,DC=org"
expression = MAPPING.read_text(encoding="utf-8")


def entry(**attributes) -> CaseInsensitiveDict:
    values = CaseInsensitiveDict()
    values.update(attributes)
    return values


def evaluate(ldap, uniq="{4b1d9c7e-2f3a-4e5b-8c6d-7e8f9a0b1c2d}"):
    return evaluate_mapping(expression, Authentik(), source=SOURCE, ldap=ldap, dn=DN, properties={"attributes": {"ldap_uniq": uniq}})


def warnings(records):
    return [fields for level, _, fields in records if level == "warning"]


def test_a_photo_attribute_that_is_not_bytes_is_reported_and_changes_nothing(policy_env):
    result, records = evaluate(entry(thumbnailPhoto="not a picture", objectGUID="x"))

    assert result is None
    assert [fields["reason"] for fields in warnings(records)] == ["thumbnailPhoto is a str, not bytes"]


class BrokenEntry:
    def get(self, name):
        raise RuntimeError("the directory handed over something odd")


def test_anything_unexpected_becomes_one_warning_instead_of_stopping_the_sync(policy_env):
    result, records = evaluate(BrokenEntry())

    assert result is None
    assert len(warnings(records)) == 1
    assert "something odd" in warnings(records)[0]["error"]


def test_an_entry_without_a_photo_and_without_a_user_changes_nothing_and_warns_nothing(policy_env):
    result, records = evaluate(entry(cn="Zoe"))

    assert result is None
    assert warnings(records) == []


def test_an_identifier_the_endpoint_cannot_take_as_an_owner_still_gets_the_photo(policy_env):
    """Owners are printable ASCII of limited length; odd or long identifiers are hashed into one."""
    photo = (FIXTURES / "rocket.jpg").read_bytes()
    for uniq in ["Zoë Ünïcode", "x" * 300, "with space"]:
        result, records = evaluate(entry(thumbnailPhoto=photo), uniq=uniq)

        assert warnings(records) == []
        assert result["attributes"]["avatar"].startswith(f"{policy_env.url}/avatars/")
        assert result["attributes"]["avatar_source"] == "directory"
