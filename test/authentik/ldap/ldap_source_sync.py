"""A stand-in for authentik's LDAP source user sync (authentik/sources/ldap/sync/users.py, 2026.x).

It reads the directory with ldap3 exactly as authentik does (a schema-aware connection, every user and
operational attribute, paged by 50, each page with freshly compiled mappings) and builds each user the way `SourceMapper.build_object_properties`
does: base properties (`path`, `attributes.distinguishedName`, `attributes.ldap_uniq`), then every
property mapping in name order, each evaluated by expression_harness.ExpressionHarness (authentik's
wrapping and exec) with the LDAP source's context (`request`, `source`, `properties`, `ldap`, `dn`; no
`user`). A dict result is deep-merged with authentik's own merger (deepmerge, MERGE_LIST_UNIQUE); a
mapping that raises stops the whole sync (authentik's StopSync). The user is then matched by its
source connection (or the legacy `ldap_uniq` attribute), created or updated with
`User.update_attributes`; attributes that are not JSON (bytes) make that user's write fail with a
`configuration_error` event, as authentik's JSONField does.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Any

import requests
from deepmerge import Merger
from expression_harness import ExpressionHarness, PolicyRequest, User, _sanitize_arg
from ldap3 import ALL_ATTRIBUTES, ALL_OPERATIONAL_ATTRIBUTES, SUBTREE, Connection

MERGE_LIST_UNIQUE = Merger([(list, ["append_unique"]), (dict, ["merge"]), (set, ["union"])], ["override"], ["override"])
PAGED_CONTROL = "1.2.840.113556.1.4.319"

# authentik's own default LDAP mappings that the photo mapping's tests need (blueprints/system/sources-ldap.yaml).
DEFAULT_OPENLDAP_MAPPINGS = {
    "authentik default LDAP Mapping: Name": 'return {"name": ldap.get("cn")}',
    "authentik default LDAP Mapping: mail": 'return {"email": ldap.get("mail")}',
    "authentik default OpenLDAP Mapping: uid": 'return {"username": ldap.get("uid")}',
}


def flatten(value: Any) -> Any:
    """authentik.sources.ldap.models.flatten"""
    if isinstance(value, (list, set, tuple)):
        if not value:
            return None
        return next(iter(value)) if isinstance(value, set) else value[0]
    return value


class SyncStopped(Exception):
    """authentik's StopSync: a property mapping raised, the rest of the sync does not run."""


class UnsupportedLookup(AssertionError):
    pass


@dataclass
class LDAPSource:
    slug: str
    base_dn: str
    object_uniqueness_field: str = "entryUUID"
    user_object_filter: str = "(objectClass=inetOrgPerson)"

    def get_user_path(self) -> str:
        return f"goauthentik.io/sources/{self.slug}"


@dataclass
class AuthentikUser(User):
    uuid: str = field(default_factory=lambda: str(uuid_module.uuid4()))
    path: str = ""
    connections: dict[str, str] = field(default_factory=dict)  # source slug -> identifier


@dataclass
class Authentik:
    """authentik's users, source connections and events, as far as a sync touches them."""

    users: list[AuthentikUser] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def user_by(self, **filters: Any) -> AuthentikUser | None:
        """ak_user_by for the lookups a mapping may make; any other lookup fails the test loudly."""
        connection_source = filters.pop("usersourceconnection__source__slug", None)
        connection_identifier = filters.pop("usersourceconnection__identifier", None)
        checks = []
        if connection_source is not None or connection_identifier is not None:
            checks.append(lambda user: user.connections.get(connection_source) == connection_identifier)
        for key, wanted in filters.items():
            if key in ("username", "uuid", "pk", "email"):
                checks.append(lambda user, key=key, wanted=wanted: getattr(user, key) == wanted)
            elif key.startswith("attributes__") and "__" not in key[len("attributes__"):]:
                name = key[len("attributes__"):]
                checks.append(lambda user, name=name, wanted=wanted: name in user.attributes and user.attributes[name] == wanted)
            else:
                raise UnsupportedLookup(f"the sync harness does not know the lookup {key!r}: add it here after checking it against authentik")
        return next((user for user in self.users if all(check(user) for check in checks)), None)

    def create_user(self, **properties: Any) -> AuthentikUser:
        if any(user.username == properties["username"] for user in self.users):
            raise ValueError(f"IntegrityError: duplicate username {properties['username']!r}")
        json.dumps(properties.get("attributes", {}))  # JSONField: bytes raise TypeError
        user = AuthentikUser(username=properties["username"], pk=len(self.users) + 1)
        for key, value in properties.items():
            setattr(user, key, value)
        self.users.append(user)
        return user

    @staticmethod
    def update_attributes(user: AuthentikUser, properties: dict[str, Any]) -> None:
        """User.update_attributes: fields replaced, attributes deep-merged onto the stored ones."""
        final: dict[str, Any] = {}
        MERGE_LIST_UNIQUE.merge(final, json.loads(json.dumps(user.attributes)))
        MERGE_LIST_UNIQUE.merge(final, properties.get("attributes", {}))
        json.dumps(final)  # JSONField: bytes raise TypeError and nothing is saved
        for key, value in properties.items():
            if key != "attributes":
                setattr(user, key, value)
        user.attributes = final


@dataclass
class SyncReport:
    synced: int = 0
    failed: list[str] = field(default_factory=list)


class RecordingSession(requests.Session):
    """authentik's `requests` (a requests.Session) that remembers each request's method and path."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[tuple[str, str]] = []

    def request(self, method, url, *args, **kwargs):
        self.made.append((method.upper(), requests.utils.urlparse(url).path))
        return super().request(method, url, *args, **kwargs)


def _evaluator(name: str, authentik: Authentik) -> ExpressionHarness:
    harness = ExpressionHarness(name)
    harness._globals["requests"] = RecordingSession()
    harness._globals.update({"ak_user_by": authentik.user_by, "ak_create_event": lambda action, **kwargs: authentik.events.append({"action": action, **kwargs})})
    harness._globals["SkipObject"] = type("SkipObjectException", (Exception,), {})
    return harness


def _evaluate(harness: ExpressionHarness, expression: str, context: dict[str, Any]) -> Any:
    harness._context = {"request": PolicyRequest(user=User(username=""), context=dict(context)), **context}
    # Compiled once per page, as PropertyMappingManager does; the context keys never change within a sync.
    code = harness.__dict__.setdefault("compiled", {}).get(expression)
    if code is None:
        code = harness.compiled[expression] = compile(harness.wrap_expression(expression), harness._filename, "exec")
    local_vars = {_sanitize_arg(k): v for k, v in harness._context.items()}
    exec(code, harness._globals, local_vars)  # noqa: S102 - this is what authentik does
    return local_vars["result"]


def evaluate_mapping(expression: str, authentik: Authentik, *, source: LDAPSource, ldap: Any, dn: str, properties: dict[str, Any] | None = None) -> tuple[Any, list[tuple[str, str, dict[str, Any]]]]:
    """One evaluation of one mapping for one entry, as the sync makes it: its result and its log records."""
    harness = _evaluator("mapping under test", authentik)
    result = _evaluate(harness, expression, {"source": source, "properties": properties or {"attributes": {}}, "ldap": ldap, "dn": dn})
    return result, harness.logger.records


class LDAPSourceSync:
    """One LDAP source with its user property mappings (name -> expression), run against `authentik`.

    As in authentik, every page of entries is synced with freshly compiled mappings (ldap_sync_page
    builds a new synchronizer per page), so mapping globals live for one page."""

    def __init__(self, source: LDAPSource, mappings: dict[str, str], authentik: Authentik, page_size: int = 50) -> None:
        self.source, self.authentik, self.page_size = source, authentik, page_size
        self.mappings = sorted(mappings.items())
        self.evaluators: list[ExpressionHarness] = []

    def warnings(self) -> list[tuple[str, dict[str, Any]]]:
        return [(event, fields) for harness in self.evaluators for level, event, fields in harness.logger.records if level == "warning"]

    def requests_made(self) -> list[tuple[str, str]]:
        return [made for harness in self.evaluators for made in harness._globals["requests"].made]

    def clear_logs(self) -> None:
        self.evaluators.clear()

    def pages(self, conn: Connection):
        cookie: Any = True
        while cookie:
            conn.search(self.source.base_dn, self.source.user_object_filter, SUBTREE, attributes=[ALL_ATTRIBUTES, ALL_OPERATIONAL_ATTRIBUTES, self.source.object_uniqueness_field], paged_size=self.page_size, paged_cookie=None if cookie is True else cookie)
            try:
                cookie = conn.result["controls"][PAGED_CONTROL]["value"]["cookie"]
            except KeyError:
                cookie = None
            yield list(conn.response)

    def run(self, conn: Connection) -> SyncReport:
        report = SyncReport()
        for page in self.pages(conn):
            page_mappings = [(name, expression, _evaluator(name, self.authentik)) for name, expression in self.mappings]
            self.evaluators += [harness for _, _, harness in page_mappings]
            for entry in page:
                if "attributes" not in entry:
                    continue
                attributes = entry["attributes"]
                dn = flatten(entry.get("entryDN", entry.get("dn")))
                uniq = flatten(attributes.get(self.source.object_uniqueness_field))
                if not uniq:
                    continue
                try:
                    self._sync_one(page_mappings, dn, uniq, attributes)
                    report.synced += 1
                except (ValueError, TypeError, AttributeError) as exc:  # authentik: IntegrityError, FieldError, TypeError, AttributeError
                    self.authentik.events.append({"action": "configuration_error", "message": "Failed to create user", "exception": str(exc), "dn": dn})
                    report.failed.append(dn)
        return report

    def _sync_one(self, page_mappings: list[tuple[str, str, ExpressionHarness]], dn: str, uniq: Any, ldap: Any) -> None:
        properties: dict[str, Any] = {"attributes": {"distinguishedName": dn, "ldap_uniq": uniq}, "path": self.source.get_user_path()}
        for name, expression, harness in page_mappings:
            try:
                value = _evaluate(harness, expression, {"source": self.source, "properties": properties, "ldap": ldap, "dn": dn})
            except Exception as exc:
                raise SyncStopped(f"property mapping {name!r} raised {exc!r}: authentik stops the sync") from exc
            if value and isinstance(value, dict):
                MERGE_LIST_UNIQUE.merge(properties, value)
        defaults = {key: flatten(value) for key, value in properties.items() if value is not None}
        if "username" not in defaults:
            raise ValueError("IntegrityError: Username was not set by propertymappings")
        user = self.authentik.user_by(usersourceconnection__source__slug=self.source.slug, usersourceconnection__identifier=str(uniq))
        if user is None:
            legacy = self.authentik.user_by(attributes__ldap_uniq=uniq)
            if legacy is not None:
                legacy.connections[self.source.slug] = str(uniq)
                user = legacy
            else:
                user = self.authentik.create_user(**defaults)
                user.connections[self.source.slug] = str(uniq)
                return
        self.authentik.update_attributes(user, defaults)
