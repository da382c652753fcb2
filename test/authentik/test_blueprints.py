"""The blueprints: valid against authentik's official schema, generated from the .py sources, safe to apply."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
AUTHENTIK = ROOT / "src" / "authentik"
BLUEPRINTS = sorted((AUTHENTIK / "blueprints").glob("*.yaml"))
SCHEMA = ROOT.parent / "shared" / "authentik" / "blueprint-schema-2025.12.json"
BUILD = AUTHENTIK / "build_blueprints.py"


# --- authentik's custom tags, turned into plain values the schema accepts -----------------------------


class Ref(str):
    """What `!KeyOf` / `!Find` resolve to in authentik: a primary key (a UUID here). Remembers its target."""

    def __new__(cls, tag: str, target: Any) -> Ref:
        ref = super().__new__(cls, uuid.uuid5(uuid.NAMESPACE_URL, f"{tag}:{json.dumps(target)}"))
        ref.tag, ref.target = tag, target
        return ref


class BlueprintLoader(yaml.SafeLoader):
    pass


def _args(loader: yaml.SafeLoader, node: yaml.Node) -> list[Any]:
    if isinstance(node, yaml.ScalarNode):
        return [loader.construct_scalar(node)]
    return loader.construct_sequence(node, deep=True)


def _find(loader, node):
    model, *conditions = _args(loader, node)
    return Ref("find", [model, conditions])


def _condition(loader, node):
    mode, *values = _args(loader, node)
    truth = [bool(v) for v in values]
    return {"AND": all(truth), "NAND": not all(truth), "OR": any(truth), "NOR": not any(truth), "XOR": sum(truth) % 2 == 1, "XNOR": sum(truth) % 2 == 0}[mode.upper()]


def _if(loader, node):
    condition, *branches = _args(loader, node)
    when_true, when_false = branches or (True, False)
    return when_true if condition else when_false


def _at_index(loader, node):
    obj, key, *default = _args(loader, node)
    try:
        return obj[key]
    except (IndexError, KeyError):
        if default:
            return default[0]
        raise


TAGS = {
    "!KeyOf": lambda loader, node: Ref("keyof", loader.construct_scalar(node)),
    "!Find": _find,
    "!FindObject": lambda loader, node: {"pk": _find(loader, node)},
    "!Env": lambda loader, node: (lambda key, default=None: os.environ.get(key) or default)(*_args(loader, node)),
    "!File": lambda loader, node: (_args(loader, node) + [None])[1],
    "!Context": lambda loader, node: (_args(loader, node) + [None])[1],
    "!Format": lambda loader, node: (lambda fmt, *values: fmt % tuple(values))(*_args(loader, node)),
    "!Condition": _condition,
    "!If": _if,
    "!Enumerate": lambda loader, node: [] if str(_args(loader, node)[1]).upper() == "SEQ" else {},
    "!Index": lambda loader, node: 0,
    "!Value": lambda loader, node: None,
    "!AtIndex": _at_index,
    "!ParseJSON": lambda loader, node: json.loads(loader.construct_scalar(node)),
}
for _tag, _constructor in TAGS.items():
    BlueprintLoader.add_constructor(_tag, _constructor)


def load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), BlueprintLoader)  # noqa: S506 - SafeLoader subclass


def entries(blueprint: dict[str, Any], model: str) -> list[dict[str, Any]]:
    return [entry for entry in blueprint["entries"] if entry["model"] == model]


def the_entry(blueprint: dict[str, Any], model: str, name: str) -> dict[str, Any]:
    found = [entry for entry in entries(blueprint, model) if entry.get("identifiers", {}).get("name") == name]
    assert len(found) == 1, f"exactly one {model} named {name!r}"
    return found[0]


def find(model: str, name: str) -> Ref:
    return Ref("find", [model, [["name", name]]])


def keyof(entry_id: str) -> Ref:
    return Ref("keyof", entry_id)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    if not SCHEMA.is_file():
        pytest.fail(f"authentik's blueprint schema is missing at {SCHEMA}: the repo expects shared/ beside it")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


user_settings = load(AUTHENTIK / "blueprints" / "avatars-user-settings.yaml")
enrollment = load(AUTHENTIK / "blueprints" / "avatars-enrollment.yaml")


# --- the specification -------------------------------------------------------------------------------


def test_the_project_ships_the_user_settings_the_optional_enrollment_and_the_directory_photos_blueprint():
    assert [path.name for path in BLUEPRINTS] == ["avatars-directory-photos.yaml", "avatars-enrollment.yaml", "avatars-user-settings.yaml"]


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda path: path.name)
def test_every_blueprint_validates_against_authentiks_official_schema(path: Path, validator):
    error = jsonschema.exceptions.best_match(validator.iter_errors(load(path)))
    assert error is None, f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda path: path.name)
def test_every_attribute_is_a_field_authentik_knows_so_typos_are_not_silently_ignored(path: Path, validator):
    for entry in load(path)["entries"]:
        known = validator.schema["$defs"][f"model_{entry['model']}"]["properties"]
        for part in ("attrs", "identifiers"):
            unknown = set(entry.get(part, {})) - set(known)
            assert not unknown, f"{entry['model']} {part} has fields the schema does not know: {sorted(unknown)}"


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda path: path.name)
def test_every_keyof_points_at_an_entry_defined_before_it(path: Path):
    defined: set[str] = set()

    def refs(value: Any):
        if isinstance(value, Ref) and value.tag == "keyof":
            yield value.target
        elif isinstance(value, dict):
            for inner in value.values():
                yield from refs(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from refs(inner)

    for entry in load(path)["entries"]:
        for target in refs(entry):
            assert target in defined, f"!KeyOf {target} is used before (or without) an entry with that id"
        if "id" in entry:
            defined.add(entry["id"])


def test_the_schema_check_is_real_an_unknown_prompt_type_is_refused(validator):
    broken = load(AUTHENTIK / "blueprints" / "avatars-user-settings.yaml")
    the_entry(broken, "authentik_stages_prompt.prompt", "authentik-avatars-field-avatar")["attrs"]["type"] = "image"
    assert not validator.is_valid(broken)


def test_the_policy_expression_is_avatar_policy_py_byte_for_byte():
    policy = the_entry(user_settings, "authentik_policies_expression.expressionpolicy", "authentik-avatars-validate-avatar")
    assert policy["attrs"]["expression"] == (AUTHENTIK / "avatar_policy.py").read_text(encoding="utf-8")


def test_the_picture_scope_mapping_expression_is_picture_mapping_py_byte_for_byte():
    mapping = the_entry(user_settings, "authentik_providers_oauth2.scopemapping", "authentik-avatars: picture claim")
    assert mapping["attrs"]["scope_name"] == "profile"
    assert mapping["attrs"]["expression"] == (AUTHENTIK / "picture_mapping.py").read_text(encoding="utf-8")


def test_the_two_prompts_are_an_optional_file_and_an_optional_checkbox():
    avatar = the_entry(user_settings, "authentik_stages_prompt.prompt", "authentik-avatars-field-avatar")["attrs"]
    reset = the_entry(user_settings, "authentik_stages_prompt.prompt", "authentik-avatars-field-avatar-reset")["attrs"]
    assert (avatar["field_key"], avatar["type"], avatar["required"]) == ("attributes.avatar", "file", False)
    assert (reset["field_key"], reset["type"], reset["required"]) == ("attributes.avatar_reset", "checkbox", False)
    assert 203 < avatar["order"] < reset["order"], "after authentik's own fields (orders 200..203)"


def test_our_own_settings_prompt_stage_lists_authentiks_default_fields_and_policy_and_adds_ours():
    stage = the_entry(user_settings, "authentik_stages_prompt.promptstage", "authentik-avatars-user-settings")["attrs"]
    assert stage["fields"] == [
        find("authentik_stages_prompt.prompt", "default-user-settings-field-username"),
        find("authentik_stages_prompt.prompt", "default-user-settings-field-name"),
        find("authentik_stages_prompt.prompt", "default-user-settings-field-email"),
        find("authentik_stages_prompt.prompt", "default-user-settings-field-locale"),
        keyof("avatar-field"),
        keyof("avatar-reset-field"),
    ]
    assert stage["validation_policies"] == [
        find("authentik_policies_expression.expressionpolicy", "default-user-settings-authorization"),
        keyof("avatar-policy"),
    ]


def test_no_entry_changes_an_object_that_authentiks_default_blueprints_own():
    defaults = {"default-user-settings", "default-user-settings-write", "default-user-settings-flow", "default-user-settings-authorization"}
    for entry in user_settings["entries"]:
        identifiers = entry.get("identifiers", {})
        assert not defaults & {identifiers.get("name"), identifiers.get("slug")}, entry


def test_authentiks_default_user_settings_blueprint_is_applied_first():
    first = user_settings["entries"][0]
    assert first["model"] == "authentik_blueprints.metaapplyblueprint"
    assert first["attrs"] == {"identifiers": {"name": "Default - User settings flow"}, "required": True}
    assert "identifiers" not in first, "metaapplyblueprint takes its target in attrs"


def test_the_user_settings_blueprint_is_applied_automatically():
    assert user_settings["metadata"]["labels"].get("blueprints.goauthentik.io/instantiate", "true") == "true"


def test_the_enrollment_blueprint_is_opt_in_and_applies_the_user_settings_blueprint_first():
    assert enrollment["metadata"]["labels"]["blueprints.goauthentik.io/instantiate"] == "false"
    first = enrollment["entries"][0]
    assert first["model"] == "authentik_blueprints.metaapplyblueprint"
    assert first["attrs"]["identifiers"] == {"name": user_settings["metadata"]["name"]}


def test_enrollment_gets_its_own_avatar_page_bound_between_the_examples_name_page_and_the_user_write():
    stage = the_entry(enrollment, "authentik_stages_prompt.promptstage", "authentik-avatars-enrollment-avatar")["attrs"]
    assert stage["fields"] == [find("authentik_stages_prompt.prompt", "authentik-avatars-field-avatar")]
    assert stage["validation_policies"] == [find("authentik_policies_expression.expressionpolicy", "authentik-avatars-validate-avatar")]
    (binding,) = entries(enrollment, "authentik_flows.flowstagebinding")
    assert binding["conditions"] == [True], "guarded by !Condition [AND, !Find <the flow>]"
    assert binding["identifiers"]["stage"] == keyof("enrollment-avatar-stage")
    assert 11 < binding["identifiers"]["order"] < 20
    assert not [entry for entry in enrollment["entries"] if entry.get("identifiers", {}).get("name", "").startswith("default-")]

def test_the_blueprints_are_up_to_date_with_their_templates_and_sources():
    result = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + "\nrun: python3 src/authentik/build_blueprints.py"


def test_check_fails_and_a_build_repairs_when_the_policy_source_changes(tmp_path: Path):
    copy = tmp_path / "src" / "authentik"
    shutil.copytree(AUTHENTIK / "blueprints", copy / "blueprints")
    for source in AUTHENTIK.glob("*.py"):
        shutil.copy(source, copy)
    (copy / "avatar_policy.py").write_text((AUTHENTIK / "avatar_policy.py").read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    script = [sys.executable, str(copy / "build_blueprints.py")]

    stale = subprocess.run([*script, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1
    assert "stale: src/authentik/blueprints/avatars-user-settings.yaml" in stale.stderr

    assert subprocess.run(script, capture_output=True, text=True).returncode == 0
    assert subprocess.run([*script, "--check"], capture_output=True, text=True).returncode == 0
    rebuilt = load(copy / "blueprints" / "avatars-user-settings.yaml")
    policy = the_entry(rebuilt, "authentik_policies_expression.expressionpolicy", "authentik-avatars-validate-avatar")
    assert policy["attrs"]["expression"].endswith("# changed\n")


@pytest.mark.parametrize("text", ["no final newline", "tabs\n\tand  spaces  \n\n# blank line above\n", "quotes ' \" # : - { } [ ] ! & * |\n"])
def test_the_literal_blocks_round_trip_exactly(text: str):
    sys.path.insert(0, str(AUTHENTIK))
    try:
        from build_blueprints import literal_block
    finally:
        sys.path.remove(str(AUTHENTIK))
    document = "\n".join(["entry:", *literal_block("  ", "expression", text, "test.py")]) + "\n"
    assert yaml.safe_load(document)["entry"]["expression"] == text
