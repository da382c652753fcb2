"""A small model of authentik's blueprint importer, to prove what survives which apply order.

The semantics modelled here were read in authentik's source (github:SAY-5/authentik at addbf5a,
2026.5.0-rc1: authentik/blueprints/v1/importer.py, common.py, meta/apply_blueprint.py, tasks.py):
- entries run in file order inside one transaction; any invalid entry rolls the whole apply back;
- an entry's identifiers are ANDed into one query; the first match is updated PARTIALLY (only the
  attrs given), so a many-to-many list given in attrs REPLACES the stored list;
- `state: created` skips an entry whose object exists; `present` (the default) updates it;
- `conditions` are all evaluated first; any falsy one skips the entry;
- `!Find [model, [key, value], ...]` ANDs its pairs (Django lookups like `flow__slug`, `x__isnull`)
  and gives the first match's pk or None; `!KeyOf id` is the pk of an earlier entry of this blueprint;
- `metaapplyblueprint` applies another blueprint *instance* there and then; `required: true` fails
  this blueprint when that instance does not exist (yet); a failing inner apply changes nothing.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass(frozen=True)
class KeyOf:
    entry_id: str


@dataclass(frozen=True)
class Find:
    model: str
    conditions: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Condition:
    mode: str
    values: tuple[Any, ...]


class ModelLoader(yaml.SafeLoader):
    pass


ModelLoader.add_constructor("!KeyOf", lambda loader, node: KeyOf(loader.construct_scalar(node)))
ModelLoader.add_constructor(
    "!Find",
    lambda loader, node: (lambda model, *pairs: Find(model, tuple(tuple(pair) for pair in pairs)))(*loader.construct_sequence(node, deep=True)),
)
ModelLoader.add_constructor("!Condition", lambda loader, node: (lambda mode, *values: Condition(mode, tuple(values)))(*loader.construct_sequence(node, deep=True)))


def load(text: str) -> dict[str, Any]:
    return yaml.load(text, ModelLoader)  # noqa: S506 - SafeLoader subclass


class EntryInvalid(Exception):
    pass


# What a model's serializer refuses to create without (enough for the models these blueprints use).
REQUIRED_ON_CREATE = {"authentik_brands.brand": ("domain",), "authentik_flows.flow": ("slug", "name", "title", "designation")}
MANY_TO_MANY = {"fields", "validation_policies"}


@dataclass
class Authentik:
    """authentik's database (rows by model) and its blueprint instances (name -> blueprint)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    instances: dict[str, dict[str, Any]] = field(default_factory=dict)
    _pks: itertools.count = field(default_factory=lambda: itertools.count(1))

    def discover(self, *blueprints: dict[str, Any]) -> None:
        for blueprint in blueprints:
            self.instances[blueprint["metadata"]["name"]] = blueprint

    def by_pk(self, pk: Any) -> dict[str, Any] | None:
        return next((row for rows in self.rows.values() for row in rows if row["pk"] == pk), None)

    def find(self, model: str, **wanted: Any) -> dict[str, Any] | None:
        return next((row for row in self.rows.get(model, []) if all(self._matches(row, key, value) for key, value in wanted.items())), None)

    def _matches(self, row: dict[str, Any], lookup: str, value: Any) -> bool:
        name, _, rest = lookup.partition("__")
        if rest == "isnull":
            return (row.get(name) is None) == bool(value)
        if rest:
            target = self.by_pk(row.get(name))
            return target is not None and self._matches(target, rest, value)
        return row.get(name) == value

    # --- applying ------------------------------------------------------------------------------------

    def apply(self, name: str) -> bool:
        """What the worker's apply_blueprint does for one instance; False (nothing changed) on error."""
        saved = copy.deepcopy(self.rows)
        try:
            self._apply_entries(self.instances[name], depth=0)
        except EntryInvalid:
            self.rows = saved
            return False
        return True

    def _resolve(self, value: Any, ids: dict[str, Any]) -> Any:
        if isinstance(value, KeyOf):
            if value.entry_id not in ids:
                raise EntryInvalid(f"!KeyOf {value.entry_id} before its entry")
            return ids[value.entry_id]
        if isinstance(value, Find):
            row = self.find(value.model, **{key: self._resolve(inner, ids) for key, inner in value.conditions})
            return row["pk"] if row else None
        if isinstance(value, Condition):
            truth = [bool(self._resolve(inner, ids)) for inner in value.values]
            return {"AND": all(truth), "OR": any(truth), "NOR": not any(truth), "NAND": not all(truth)}[value.mode.upper()]
        if isinstance(value, dict):
            return {key: self._resolve(inner, ids) for key, inner in value.items()}
        if isinstance(value, list):
            return [self._resolve(inner, ids) for inner in value]
        return value

    def _apply_entries(self, blueprint: dict[str, Any], depth: int) -> None:
        ids: dict[str, Any] = {}
        for entry in blueprint["entries"]:
            if not all(self._resolve(condition, ids) for condition in entry.get("conditions", [])):
                continue
            attrs = self._resolve(entry.get("attrs", {}), ids)
            if entry["model"] == "authentik_blueprints.metaapplyblueprint":
                self._meta_apply(attrs, depth)
                continue
            identifiers = self._resolve(entry.get("identifiers", {}), ids)
            for key in MANY_TO_MANY & set(attrs):
                if any(item is None for item in attrs[key]):
                    raise EntryInvalid(f"{entry['model']} {key}: an entry does not exist")
            existing = self.find(entry["model"], **identifiers)
            state = entry.get("state", "present")
            if existing is not None and state == "created":
                row = existing
            elif existing is not None:
                existing.update(attrs)  # partial update: lists given are replaced, others kept
                row = existing
            else:
                row = {**attrs, **identifiers}
                missing = [key for key in REQUIRED_ON_CREATE.get(entry["model"], ()) if key not in row]
                if missing:
                    raise EntryInvalid(f"{entry['model']}: {missing} required")
                row["pk"] = f"pk-{next(self._pks)}"
                self.rows.setdefault(entry["model"], []).append(row)
            if "id" in entry:
                ids[entry["id"]] = row["pk"]

    def _meta_apply(self, attrs: dict[str, Any], depth: int) -> None:
        target = attrs["identifiers"]["name"]
        if target not in self.instances:
            if attrs.get("required", True):
                raise EntryInvalid(f"Required blueprint does not exist: {target}")
            return
        if depth > 8:
            raise EntryInvalid("blueprints apply each other in a loop")
        saved = copy.deepcopy(self.rows)
        try:
            self._apply_entries(self.instances[target], depth + 1)
        except EntryInvalid:
            self.rows = saved  # the inner importer's own transaction


# --- what authentik's own default blueprints do, as far as these objects go --------------------------
# (blueprints/default/flow-default-user-settings-flow.yaml and default-brand.yaml at addbf5a: the
# entries and fields that matter here, restated; authentik's expressions and labels left out.)

DEFAULT_USER_SETTINGS = load("""
version: 1
metadata: {name: Default - User settings flow}
entries:
  - {model: authentik_flows.flow, id: flow, identifiers: {slug: default-user-settings-flow},
     attrs: {name: User settings, title: Update your info, designation: stage_configuration}}
  - {model: authentik_stages_prompt.prompt, id: username, identifiers: {name: default-user-settings-field-username}, attrs: {field_key: username, order: 200}}
  - {model: authentik_stages_prompt.prompt, id: name, identifiers: {name: default-user-settings-field-name}, attrs: {field_key: name, order: 201}}
  - {model: authentik_stages_prompt.prompt, id: email, identifiers: {name: default-user-settings-field-email}, attrs: {field_key: email, order: 202}}
  - {model: authentik_stages_prompt.prompt, id: locale, identifiers: {name: default-user-settings-field-locale}, attrs: {field_key: attributes.settings.locale, order: 203}}
  - {model: authentik_policies_expression.expressionpolicy, id: authorization, identifiers: {name: default-user-settings-authorization}, attrs: {expression: "..."}}
  - {model: authentik_stages_user_write.userwritestage, id: write, identifiers: {name: default-user-settings-write}, attrs: {user_creation_mode: never_create}}
  - {model: authentik_stages_prompt.promptstage, id: stage, identifiers: {name: default-user-settings},
     attrs: {fields: [!KeyOf username, !KeyOf name, !KeyOf email, !KeyOf locale], validation_policies: [!KeyOf authorization]}}
  - {model: authentik_flows.flowstagebinding, identifiers: {order: 20, stage: !KeyOf stage, target: !KeyOf flow}}
  - {model: authentik_flows.flowstagebinding, identifiers: {order: 100, stage: !KeyOf write, target: !KeyOf flow}}
""")

DEFAULT_BRAND = load("""
version: 1
metadata: {name: Default - Brand}
entries:
  - {model: authentik_blueprints.metaapplyblueprint, attrs: {identifiers: {name: Default - Authentication flow}, required: false}}
  - {model: authentik_blueprints.metaapplyblueprint, attrs: {identifiers: {name: Default - Invalidation flow}, required: false}}
  - {model: authentik_blueprints.metaapplyblueprint, attrs: {identifiers: {name: Default - User settings flow}, required: false}}
  - model: authentik_brands.brand
    state: created
    conditions: [!Condition [NOR, !Find [authentik_brands.brand, [default, true]]]]
    identifiers: {domain: authentik-default, default: true}
    attrs:
      flow_authentication: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
      flow_user_settings: !Find [authentik_flows.flow, [slug, default-user-settings-flow]]
""")

# blueprints/example/flows-enrollment-2-stage.yaml at addbf5a (instantiate: "false"; the entries that matter here).
EXAMPLE_ENROLLMENT = load("""
version: 1
metadata: {name: Example - Enrollment (2 Stage)}
entries:
  - {model: authentik_flows.flow, id: flow, identifiers: {slug: default-enrollment-flow}, attrs: {name: Default enrollment Flow, title: Welcome to authentik!, designation: enrollment}}
  - {model: authentik_stages_prompt.prompt, id: username, identifiers: {name: default-enrollment-field-username}, attrs: {field_key: username, order: 0}}
  - {model: authentik_stages_prompt.prompt, id: name, identifiers: {name: default-enrollment-field-name}, attrs: {field_key: name, order: 0}}
  - {model: authentik_stages_prompt.prompt, id: email, identifiers: {name: default-enrollment-field-email}, attrs: {field_key: email, order: 1}}
  - {model: authentik_stages_prompt.promptstage, id: second, identifiers: {name: default-enrollment-prompt-second}, attrs: {fields: [!KeyOf name, !KeyOf email]}}
  - {model: authentik_stages_prompt.promptstage, id: first, identifiers: {name: default-enrollment-prompt-first}, attrs: {fields: [!KeyOf username]}}
  - {model: authentik_stages_user_write.userwritestage, id: write, identifiers: {name: default-enrollment-user-write}, attrs: {user_creation_mode: always_create}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf flow, stage: !KeyOf first, order: 10}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf flow, stage: !KeyOf second, order: 11}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf flow, stage: !KeyOf write, order: 20}}
""")
