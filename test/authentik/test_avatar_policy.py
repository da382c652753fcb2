"""The avatar validation policy, run the way authentik runs it, against the real endpoint."""

from __future__ import annotations

import socket

import pytest
from endpoint_support import POLICY, data_uri, free_port, png_size
from expression_harness import User, anonymous_user, run_prompt_validation

EMPTY_FILE = "data:application/octet-stream;base64,"
policy_source = POLICY.read_text(encoding="utf-8")


def run(user: User, **attributes):
    result, prompt_data = run_prompt_validation(policy_source, user, {"username": user.username, "attributes": dict(attributes)})
    return result, prompt_data["attributes"]


ALICE_UUID = "6d3f2b0e-8c1a-4a57-9a34-0a1b2c3d4e5f"


def alice(**attributes) -> User:
    return User(username="alice", email="Alice@Example.org", attributes=dict(attributes), uuid=ALICE_UUID)


def test_a_new_photo_becomes_a_stable_1024_png_url(policy_env):
    result, attributes = run(alice(), avatar=data_uri("astronaut.png", "image/png"))

    assert result.passing, result.messages
    assert attributes["avatar"].startswith(f"{policy_env.url}/avatars/")
    status, body = policy_env.get(attributes["avatar"])
    assert status == 200
    assert png_size(body) == (1024, 1024)


def test_the_declared_type_is_ignored_and_a_landscape_jpeg_is_square(policy_env):
    result, attributes = run(alice(), avatar=data_uri("rocket.jpg", "application/octet-stream"))

    assert result.passing, result.messages
    assert png_size(policy_env.get(attributes["avatar"])[1]) == (1024, 1024)


def test_submitting_without_choosing_a_file_keeps_the_current_avatar(policy_env):
    before = policy_env.stored()
    result, attributes = run(alice(avatar="https://old.example/avatar.png"), avatar=EMPTY_FILE)

    assert result.passing
    assert "avatar" not in attributes, "the user write stage must not touch the avatar"
    assert policy_env.stored() == before


def test_a_replacement_keeps_the_previous_avatar_until_authentik_has_saved_the_new_url(policy_env):
    _, first = run(alice(), avatar=data_uri("chelsea.png", "image/png"))
    old_url = first["avatar"]

    result, attributes = run(alice(avatar=old_url), avatar=data_uri("coffee.png", "image/png"))

    assert result.passing, result.messages
    assert attributes["avatar"] != old_url
    assert attributes["avatar_source"] == "upload"
    assert policy_env.get(attributes["avatar"])[0] == 200
    assert policy_env.get(old_url)[0] == 200, "the flow may still fail after this policy; the old URL is what authentik names until the write"


def test_remove_deletes_the_stored_avatar_and_clears_the_attribute(policy_env):
    _, first = run(alice(), avatar=data_uri("hubble_deep_field.jpg", "image/jpeg"))
    current = first["avatar"]

    result, attributes = run(alice(avatar=current), avatar=EMPTY_FILE, avatar_reset=True)

    assert result.passing, result.messages
    assert attributes["avatar"] == ""
    assert attributes["avatar_source"] == ""
    assert "avatar_reset" not in attributes, "the checkbox is an action, not something to store"
    assert policy_env.get(current)[0] == 404


def test_a_file_that_is_not_an_image_fails_with_the_endpoints_message(policy_env):
    html = "data:image/png;base64,PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjwvaHRtbD4="
    result, _ = run(alice(avatar="https://old.example/a.png"), avatar=html)

    assert not result.passing
    assert len(result.messages) == 1
    assert "Upload a PNG, JPEG" in result.messages[0]


def test_a_damaged_photo_fails_with_a_message_the_user_can_act_on(policy_env):
    result, _ = run(alice(), avatar=data_uri("truncated.jpg", "image/jpeg"))

    assert not result.passing
    assert "damaged or incomplete" in result.messages[0]


def test_when_the_service_is_down_the_user_is_told_and_keeps_the_current_avatar(policy_env, monkeypatch):
    monkeypatch.setenv("AVATARS_URL", f"http://127.0.0.1:{free_port()}")
    result, _ = run(alice(avatar="https://old.example/a.png"), avatar=data_uri("astronaut.png", "image/png"))

    assert not result.passing
    assert result.messages == ["The avatar service is unavailable; your current avatar was kept."]


def test_when_the_service_is_down_during_enrollment_the_person_may_continue_without_an_avatar(policy_env, monkeypatch):
    monkeypatch.setenv("AVATARS_URL", f"http://127.0.0.1:{free_port()}")
    result, _ = run(anonymous_user(), avatar=data_uri("astronaut.png", "image/png"))

    assert not result.passing
    assert result.messages == ["The avatar service is unavailable; try again in a minute, or continue without an avatar."]


def test_a_wrong_token_is_reported_not_ignored(policy_env, monkeypatch):
    monkeypatch.setenv("AVATARS_TOKEN", "not-the-right-token-at-all")
    result, _ = run(alice(), avatar=data_uri("astronaut.png", "image/png"))

    assert not result.passing
    assert "bearer token" in result.messages[0]


def test_enrollment_without_a_logged_in_user_uploads_without_a_previous_avatar(policy_env):
    result, attributes = run(anonymous_user(), avatar=data_uri("retina.jpg", "image/jpeg"))

    assert result.passing, result.messages
    assert png_size(policy_env.get(attributes["avatar"])[1]) == (1024, 1024)


def test_an_unconfigured_policy_refuses_uploads_with_a_clear_message(monkeypatch):
    monkeypatch.delenv("AVATARS_URL", raising=False)
    result, _ = run(alice(), avatar=data_uri("astronaut.png", "image/png"))

    assert not result.passing
    assert "not configured" in result.messages[0]
