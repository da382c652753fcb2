"""An avatar belongs to one person: the policy and the real endpoint, attacked the way people would."""

from __future__ import annotations

import base64
import uuid

from endpoint_support import POLICY, data_uri
from expression_harness import User, anonymous_user, run_prompt_validation

policy_source = POLICY.read_text(encoding="utf-8")
EMPTY_FILE = "data:application/octet-stream;base64,"


def person(name: str, **attributes) -> User:
    return User(username=name, email=f"{name}@example.org", attributes=dict(attributes), uuid=str(uuid.uuid5(uuid.NAMESPACE_DNS, name)))


def submit(user: User, client_ip: str = "127.0.0.1", **fields):
    """One prompt stage submit: the policy's verdict and the attributes the user write stage would save."""
    result, prompt_data = run_prompt_validation(policy_source, user, {"username": user.username, "attributes": dict(fields)}, client_ip=client_ip)
    return result, prompt_data["attributes"]


def saved(user: User, attributes: dict) -> User:
    """What authentik's user write stage does with the prompt data: a shallow merge into the attributes."""
    return User(username=user.username, email=user.email, attributes={**user.attributes, **attributes}, uuid=user.uuid)


def test_mallory_removing_a_copy_of_alices_avatar_leaves_alices_url_serving(policy_env):
    alice = person("alice-o1")
    _, stored = submit(alice, avatar=data_uri("astronaut.png", "image/png"))
    alice = saved(alice, stored)
    status, alice_png = policy_env.get(alice.attributes["avatar"])
    assert status == 200

    # Mallory downloads Alice's public PNG and submits it as her own avatar: the same bytes again.
    mallory = person("mallory-o1")
    result, stored = submit(mallory, avatar="data:image/png;base64," + base64.b64encode(alice_png).decode())
    assert result.passing, result.messages
    assert stored["avatar"] != alice.attributes["avatar"], "the same bytes are a new avatar with a URL of its own"
    mallory = saved(mallory, stored)

    result, stored = submit(mallory, avatar=EMPTY_FILE, avatar_reset="on")
    assert result.passing, result.messages
    assert policy_env.get(mallory.attributes["avatar"])[0] == 404, "Mallory's own copy is gone"
    assert policy_env.get(alice.attributes["avatar"])[0] == 200, "Alice's avatar still serves"


def test_a_profile_naming_someone_elses_url_can_clear_it_but_never_delete_it(policy_env):
    alice = person("alice-o2")
    _, stored = submit(alice, avatar=data_uri("chelsea.png", "image/png"))
    alices_url = stored["avatar"]

    # Mallory's profile names Alice's URL (an admin pasted it, or an old shared content-id URL).
    mallory = person("mallory-o2", avatar=alices_url)
    result, stored = submit(mallory, avatar=EMPTY_FILE, avatar_reset="on")
    assert result.passing, result.messages
    assert stored["avatar"] == "", "Mallory's profile no longer names it"
    assert policy_env.get(alices_url)[0] == 200

    # Uploading a new one with Alice's URL as "previous" does not touch Alice's either.
    result, stored = submit(mallory, avatar=data_uri("coffee.png", "image/png"))
    assert result.passing, result.messages
    assert policy_env.get(alices_url)[0] == 200


def test_two_colleagues_with_the_same_company_logo_each_change_only_their_own(policy_env):
    logo = data_uri("coffee.png", "image/png")
    ann, ben = person("ann-o3"), person("ben-o3")
    _, stored = submit(ann, avatar=logo)
    ann = saved(ann, stored)
    _, stored = submit(ben, avatar=logo)
    ben = saved(ben, stored)
    assert ann.attributes["avatar"] != ben.attributes["avatar"]

    _, stored = submit(ann, avatar=data_uri("retina.jpg", "image/jpeg"))
    ann = saved(ann, stored)
    _, _ = submit(ann, avatar=EMPTY_FILE, avatar_reset="on")
    assert policy_env.get(ann.attributes["avatar"])[0] == 404, "Ann removed her new avatar"
    assert policy_env.get(ben.attributes["avatar"])[0] == 200, "Ben's logo is untouched by all of Ann's changes"


def test_a_submit_that_fails_after_this_policy_keeps_the_current_avatar_serving(policy_env):
    """authentik's default settings policy refuses a username change on the same stage: ours passed,
    the user write stage never runs, and attributes.avatar still names the old URL."""
    alice = person("alice-o4")
    _, stored = submit(alice, avatar=data_uri("hubble_deep_field.jpg", "image/jpeg"))
    alice = saved(alice, stored)
    current = alice.attributes["avatar"]

    result, _ = submit(alice, avatar=data_uri("rocket.jpg", "image/jpeg"))
    assert result.passing, result.messages
    # ... the other validation policy fails: nothing is written; Alice's profile still names `current`.
    assert policy_env.get(current)[0] == 200

    # She tries again (fixing her username): the old avatar still serves until authentik saves the new one.
    result, stored = submit(alice, avatar=data_uri("rocket.jpg", "image/jpeg"))
    assert result.passing, result.messages
    assert policy_env.get(current)[0] == 200
    assert policy_env.get(stored["avatar"])[0] == 200


def test_saving_the_same_picture_again_keeps_the_url_and_stores_nothing(policy_env):
    alice = person("alice-o5")
    _, stored = submit(alice, avatar=data_uri("astronaut.png", "image/png"))
    alice = saved(alice, stored)
    before = policy_env.stored()

    result, stored = submit(alice, avatar=data_uri("astronaut.png", "image/png"))
    assert result.passing, result.messages
    assert stored["avatar"] == alice.attributes["avatar"]
    assert policy_env.stored() == before


def test_abandoned_enrollments_from_one_address_are_bounded_with_a_sentence_for_the_person(policy_env):
    results = [submit(anonymous_user(), client_ip="203.0.113.77", avatar=data_uri("retina.jpg", "image/jpeg"))[0] for _ in range(12)]
    passed = [result for result in results if result.passing]
    refused = [result for result in results if not result.passing]

    assert len(passed) == 10, "ANON_UPLOADS_PER_HOUR (default 10) uploads pass"
    assert len(refused) == 2
    assert "Too many avatar uploads from your network" in refused[0].messages[0]
    assert "continue without an avatar" in refused[0].messages[0]
    # Another address is not affected.
    result, _ = submit(anonymous_user(), client_ip="198.51.100.9", avatar=data_uri("retina.jpg", "image/jpeg"))
    assert result.passing, result.messages


def test_an_avatar_chosen_at_enrollment_can_be_removed_at_once_by_its_user(policy_env):
    _, stored = submit(anonymous_user(), client_ip="192.0.2.201", avatar=data_uri("coffee.png", "image/png"))
    assert stored["avatar_owner"].startswith("pending:"), "the enrollment remembers whose upload it was"
    enrolled = person("enrolled-o7", **stored)

    result, attributes = submit(enrolled, avatar=EMPTY_FILE, avatar_reset="on")
    assert result.passing, result.messages
    assert attributes["avatar"] == "" and attributes["avatar_owner"] == ""
    assert policy_env.get(stored["avatar"])[0] == 404


def test_a_pending_owner_in_the_profile_cannot_delete_another_enrollments_avatar(policy_env):
    _, first = submit(anonymous_user(), client_ip="192.0.2.202", avatar=data_uri("chelsea.png", "image/png"))
    _, second = submit(anonymous_user(), client_ip="192.0.2.203", avatar=data_uri("coffee.png", "image/png"))
    # A profile naming the first enrollment's avatar but carrying the second enrollment's owner.
    mixed = person("mixed-o8", avatar=first["avatar"], avatar_owner=second["avatar_owner"])
    result, _ = submit(mixed, avatar=EMPTY_FILE, avatar_reset="on")
    assert result.passing, result.messages
    assert policy_env.get(first["avatar"])[0] == 200
