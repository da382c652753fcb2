"""A stand-in for authentik's expression policy evaluator.

authentik itself cannot run here, so this reproduces what matters to a policy: the source is wrapped
into ``def handler(<context keys>)`` with the body indented, compiled and ``exec``'d with authentik's
globals (``ak_logger``, ``requests``, ``regex_match`` ...) and the context as locals (``request``,
``context``, ``http_request``, ``ak_message`` ...). A truthy result passes; an exception fails the
policy and its text becomes the message, exactly like ``PolicyEvaluator.evaluate``.
"""

from __future__ import annotations

import logging
import re
import uuid as uuid_module
from dataclasses import dataclass, field
from ipaddress import ip_address, ip_network
from textwrap import indent
from typing import Any

import requests

_ARG_SANITIZE = re.compile(r"[:.-]")


def _sanitize_arg(name: str) -> str:
    return _ARG_SANITIZE.sub("_", re.sub(r"[^\w\s:.-]", "", name).strip().lower())


class StructuredLogger:
    """structlog's call style (event plus keyword fields) on top of the standard logging module."""

    def __init__(self, name: str) -> None:
        self._logger = logging.getLogger(name)
        self.records: list[tuple[str, str, dict[str, Any]]] = []

    def _log(self, level: str, event: str, **fields: Any) -> None:
        self.records.append((level, event, fields))
        self._logger.log(getattr(logging, level.upper()), "%s %s", event, fields)

    def debug(self, event: str, **fields: Any) -> None:
        self._log("debug", event, **fields)

    def info(self, event: str, **fields: Any) -> None:
        self._log("info", event, **fields)

    def warning(self, event: str, **fields: Any) -> None:
        self._log("warning", event, **fields)

    def error(self, event: str, **fields: Any) -> None:
        self._log("error", event, **fields)


@dataclass
class User:
    """The fields of authentik's User model that policies use."""

    username: str
    email: str = ""
    name: str = ""
    pk: int = 1
    attributes: dict[str, Any] = field(default_factory=dict)
    uuid: str = field(default_factory=lambda: str(uuid_module.uuid4()))
    is_authenticated: bool = True
    is_anonymous: bool = False


def anonymous_user() -> User:
    """authentik runs enrollment policies with django-guardian's AnonymousUser."""
    return User(username="AnonymousUser", pk=-1, is_authenticated=False, is_anonymous=True)


@dataclass
class PolicyRequest:
    user: User
    http_request: Any = None
    obj: Any = None
    context: dict[str, Any] = field(default_factory=dict)
    debug: bool = False
    #: what authentik's ClientIPMiddleware found for the request (X-Forwarded-For aware)
    client_ip: str = "127.0.0.1"


@dataclass
class PolicyResult:
    passing: bool
    messages: list[str]


class ExpressionHarness:
    def __init__(self, filename: str = "PolicyEvaluator") -> None:
        self._filename = filename
        self.messages: list[str] = []
        self.logger = StructuredLogger(filename)
        self._globals: dict[str, Any] = {
            "ak_logger": self.logger,
            "ip_address": ip_address,
            "ip_network": ip_network,
            "list_flatten": lambda value: (value[0] if value else None) if isinstance(value, list) else value,
            "regex_match": lambda value, regex: re.search(regex, value) is not None,
            "regex_replace": lambda value, regex, repl: re.sub(regex, repl, value),
            "requests": requests.Session(),
        }
        self._context: dict[str, Any] = {"ak_message": self.messages.append}

    def set_policy_request(self, request: PolicyRequest) -> None:
        self._context["request"] = request
        self._context["context"] = request.context
        self._context["http_request"] = request.http_request
        self._context["ak_client_ip"] = ip_address(request.client_ip)

    def wrap_expression(self, expression: str) -> str:
        signature = ",".join(x for x in (_sanitize_arg(k) for k in self._context) if x)
        return f"def handler({signature}):\n{indent(expression, '    ')}\nresult = handler({signature})"

    def evaluate(self, expression: str) -> PolicyResult:
        code = compile(self.wrap_expression(expression), self._filename, "exec")
        local_vars = {_sanitize_arg(k): v for k, v in self._context.items()}
        try:
            exec(code, self._globals, local_vars)  # noqa: S102 - this is what authentik does
        except Exception as exc:  # noqa: BLE001 - authentik turns any exception into a failed result
            return PolicyResult(False, [str(exc)])
        return PolicyResult(bool(local_vars["result"]), list(self.messages))


def nest_dotted(flat: dict[str, Any]) -> dict[str, Any]:
    """authentik hands policies prompt data with dotted field keys nested: ``attributes.avatar`` -> ``{"attributes": {"avatar": ...}}``."""
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        node = nested
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return nested


def run_prompt_validation(expression: str, user: User, prompt_data: dict[str, Any], client_ip: str = "127.0.0.1") -> tuple[PolicyResult, dict[str, Any]]:
    """Runs a prompt stage validation policy the way the prompt stage does and returns the (possibly mutated) prompt data."""
    harness = ExpressionHarness()
    request = PolicyRequest(user=user, context={"prompt_data": prompt_data}, client_ip=client_ip)
    harness.set_policy_request(request)
    return harness.evaluate(expression), prompt_data


def evaluate_property_mapping(expression: str, user: User, **extra: Any) -> Any:
    """Runs a property mapping (e.g. an OAuth2 scope mapping) the way authentik's PropertyMappingEvaluator
    does: ``user`` and ``request`` in scope, the return value is the result, and an exception propagates
    (authentik logs it and leaves the mapping's claims out)."""
    harness = ExpressionHarness("PropertyMappingEvaluator")
    harness.set_policy_request(PolicyRequest(user=user))
    harness._context.update({"user": user, **extra})
    code = compile(harness.wrap_expression(expression), harness._filename, "exec")
    local_vars = {_sanitize_arg(k): v for k, v in harness._context.items()}
    exec(code, harness._globals, local_vars)  # noqa: S102 - this is what authentik does
    return local_vars["result"]
