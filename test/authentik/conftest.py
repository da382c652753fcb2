"""Fixtures of the policy tests: the real endpoint on loopback (see endpoint_support)."""

from endpoint_support import endpoint, policy_env  # noqa: F401 - fixtures pytest finds here
