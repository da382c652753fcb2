"""The avatar field survives authentik's own blueprints, in any order, on first start and after upgrades.

Runs the real blueprint file through a model of authentik's importer (blueprint_importer_model.py, whose
docstring names the source it follows) together with what authentik's default blueprints do.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from blueprint_importer_model import DEFAULT_BRAND, DEFAULT_USER_SETTINGS, Authentik, load

OURS_PATH = Path(__file__).resolve().parents[2] / "src" / "authentik" / "blueprints" / "avatars-user-settings.yaml"
OURS = load(OURS_PATH.read_text(encoding="utf-8"))
NAMES = {"ours": OURS["metadata"]["name"], "brand": DEFAULT_BRAND["metadata"]["name"], "settings": DEFAULT_USER_SETTINGS["metadata"]["name"]}


def fresh_authentik() -> Authentik:
    authentik = Authentik()
    authentik.discover(OURS, DEFAULT_BRAND, DEFAULT_USER_SETTINGS)
    return authentik


def field_keys(authentik: Authentik, stage: dict) -> list[str]:
    return [authentik.by_pk(pk)["field_key"] for pk in stage["fields"]]


def what_the_settings_page_shows(authentik: Authentik) -> tuple[list[str], list[str]]:
    """The default brand's settings flow, its prompt stage's field keys and validation policy names."""
    brand = authentik.find("authentik_brands.brand", default=True)
    flow = authentik.by_pk(brand["flow_user_settings"])
    bindings = sorted((row for row in authentik.rows["authentik_flows.flowstagebinding"] if row["target"] == flow["pk"]), key=lambda row: row["order"])
    stages = [authentik.by_pk(binding["stage"]) for binding in bindings]
    prompt_stage = next(stage for stage in stages if "fields" in stage)
    assert any(stage.get("user_creation_mode") == "never_create" for stage in stages), "the settings flow writes the user"
    policies = [authentik.by_pk(pk)["name"] for pk in prompt_stage["validation_policies"]]
    return field_keys(authentik, prompt_stage), policies


EXPECTED_FIELDS = ["username", "name", "email", "attributes.settings.locale", "attributes.avatar", "attributes.avatar_reset"]
EXPECTED_POLICIES = ["default-user-settings-authorization", "authentik-avatars-validate-avatar"]


@pytest.mark.parametrize("order", list(itertools.permutations(NAMES)), ids="-".join)
def test_on_first_start_any_apply_order_ends_with_the_avatar_field_on_the_settings_page(order):
    authentik = fresh_authentik()
    for name in order:
        assert authentik.apply(NAMES[name]), f"{name} applied"
    assert what_the_settings_page_shows(authentik) == (EXPECTED_FIELDS, EXPECTED_POLICIES)


@pytest.mark.parametrize("again", [["settings"], ["brand"], ["brand", "settings"], ["settings", "brand", "settings"]], ids="-".join)
def test_authentiks_blueprints_applied_again_after_ours_as_after_an_upgrade_change_nothing_of_ours(again):
    authentik = fresh_authentik()
    for name in ("settings", "brand", "ours"):
        assert authentik.apply(NAMES[name])
    for name in again:
        assert authentik.apply(NAMES[name])
    assert what_the_settings_page_shows(authentik) == (EXPECTED_FIELDS, EXPECTED_POLICIES)


def test_authentiks_own_stage_and_flow_stay_exactly_as_authentik_made_them():
    authentik = fresh_authentik()
    for name in ("ours", "brand", "settings"):
        authentik.apply(NAMES[name])
    default_stage = authentik.find("authentik_stages_prompt.promptstage", name="default-user-settings")
    assert field_keys(authentik, default_stage) == EXPECTED_FIELDS[:4]
    assert authentik.find("authentik_brands.brand", default=True)["flow_authentication"] is None  # as authentik left it (no such flow here)


def test_before_authentik_discovered_its_default_settings_blueprint_ours_fails_whole_and_the_next_discovery_applies_it():
    authentik = Authentik()
    authentik.discover(OURS)
    assert not authentik.apply(NAMES["ours"])
    assert authentik.rows == {}, "a failed apply changes nothing"
    authentik.discover(DEFAULT_BRAND, DEFAULT_USER_SETTINGS)
    assert authentik.apply(NAMES["ours"])  # authentik retries: discovery re-applies a blueprint whose hash was never applied
    assert what_the_settings_page_shows(authentik) == (EXPECTED_FIELDS, EXPECTED_POLICIES)


def test_a_settings_flow_the_admin_chose_is_never_replaced():
    authentik = fresh_authentik()
    authentik.apply(NAMES["brand"])
    own = {"pk": "admins-flow", "slug": "my-settings", "name": "Mine", "title": "Mine", "designation": "stage_configuration"}
    authentik.rows["authentik_flows.flow"].append(own)
    authentik.find("authentik_brands.brand", default=True)["flow_user_settings"] = own["pk"]
    assert authentik.apply(NAMES["ours"])
    assert authentik.find("authentik_brands.brand", default=True)["flow_user_settings"] == "admins-flow"


def test_the_model_is_not_a_rubber_stamp_fields_added_to_authentiks_own_stage_are_wiped_by_its_blueprint():
    # The design this project shipped before (issue 13): our prompts put on authentik's default stage.
    old_design = load("""
version: 1
metadata: {name: old}
entries:
  - {model: authentik_blueprints.metaapplyblueprint, attrs: {identifiers: {name: Default - User settings flow}, required: true}}
  - {model: authentik_stages_prompt.prompt, id: avatar, identifiers: {name: avatar}, attrs: {field_key: attributes.avatar}}
  - model: authentik_stages_prompt.promptstage
    identifiers: {name: default-user-settings}
    attrs: {fields: [!Find [authentik_stages_prompt.prompt, [name, default-user-settings-field-username]], !KeyOf avatar]}
""")
    authentik = fresh_authentik()
    authentik.discover(old_design)
    authentik.apply("old")
    stage = authentik.find("authentik_stages_prompt.promptstage", name="default-user-settings")
    assert field_keys(authentik, stage) == ["username", "attributes.avatar"]
    authentik.apply(NAMES["brand"])  # default-brand.yaml applies the settings blueprint again
    assert "attributes.avatar" not in field_keys(authentik, stage)


# --- enrollment (opt-in: instantiated by the admin once authentik's example enrollment flow exists) ---

from blueprint_importer_model import EXAMPLE_ENROLLMENT  # noqa: E402

ENROLLMENT = load((OURS_PATH.parent / "avatars-enrollment.yaml").read_text(encoding="utf-8"))


def enrollment_pages(authentik: Authentik) -> list[list[str]]:
    flow = authentik.find("authentik_flows.flow", slug="default-enrollment-flow")
    bindings = sorted((row for row in authentik.rows["authentik_flows.flowstagebinding"] if row["target"] == flow["pk"]), key=lambda row: row["order"])
    stages = [authentik.by_pk(binding["stage"]) for binding in bindings]
    return [field_keys(authentik, stage) if "fields" in stage else ["(user write)"] for stage in stages]


@pytest.mark.parametrize("again", [[], ["example"], ["example", "ours", "example"]], ids=lambda names: "-".join(names) or "once")
def test_enrollment_gets_an_avatar_page_after_name_and_email_and_keeps_it_when_the_example_is_applied_again(again):
    authentik = fresh_authentik()
    authentik.discover(EXAMPLE_ENROLLMENT, ENROLLMENT)
    for name in (NAMES["settings"], NAMES["brand"], NAMES["ours"], EXAMPLE_ENROLLMENT["metadata"]["name"], ENROLLMENT["metadata"]["name"]):
        assert authentik.apply(name), name
    for which in again:
        assert authentik.apply(EXAMPLE_ENROLLMENT["metadata"]["name"] if which == "example" else ENROLLMENT["metadata"]["name"])
    assert enrollment_pages(authentik) == [["username"], ["name", "email"], ["attributes.avatar"], ["(user write)"]]


def test_the_enrollment_blueprint_without_the_example_flow_changes_nothing_but_its_own_stage():
    authentik = fresh_authentik()
    authentik.discover(ENROLLMENT)
    for name in (NAMES["settings"], NAMES["ours"], ENROLLMENT["metadata"]["name"]):
        assert authentik.apply(name)
    assert "authentik_flows.flow" in authentik.rows and authentik.find("authentik_flows.flow", slug="default-enrollment-flow") is None
    assert not [row for row in authentik.rows["authentik_flows.flowstagebinding"] if row["stage"] == authentik.find("authentik_stages_prompt.promptstage", name="authentik-avatars-enrollment-avatar")["pk"]]
