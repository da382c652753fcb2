"""The OIDC `picture` scope mapping, run the way authentik runs property mappings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from expression_harness import User, evaluate_property_mapping

MAPPING = Path(__file__).resolve().parents[2] / "src" / "authentik" / "picture_mapping.py"
source = MAPPING.read_text(encoding="utf-8")
PUBLIC = "https://avatars.example.org"
OUR_AVATAR = f"{PUBLIC}/avatars/0123456789abcdef0123456789abcdef.png"


@pytest.fixture(autouse=True)
def public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVATARS_PUBLIC_URL", PUBLIC + "/")


def picture(user: User):
    return evaluate_property_mapping(source, user)


def identicon(text: str) -> str:
    return f"{PUBLIC}/identicon/{hashlib.md5(text.encode()).hexdigest()}.png"


def test_an_uploaded_avatar_url_is_the_picture():
    user = User(username="alice", email="alice@example.org", attributes={"avatar": OUR_AVATAR})
    assert picture(user) == {"picture": OUR_AVATAR}


def test_without_an_avatar_the_picture_is_the_local_identicon_of_the_lower_cased_email():
    user = User(username="alice", email="Alice@Example.ORG")
    assert picture(user) == {"picture": identicon("alice@example.org")}


@pytest.mark.parametrize(
    "legacy",
    [
        "data:image/svg+xml;base64,PHN2Zy8+",  # authentik's initials, or the original tutorial's data URI
        "data:image/png;base64,iVBORw0KGgo=",
        "/media/user-avatars/alice.png",  # the original tutorial's media path (not public from 2025.12)
        "",
        None,
        42,
    ],
)
def test_anything_but_an_http_url_falls_back_to_the_identicon_never_to_a_data_uri(legacy):
    user = User(username="alice", email="alice@example.org", attributes={"avatar": legacy})
    result = picture(user)
    assert result == {"picture": identicon("alice@example.org")}
    assert not result["picture"].startswith("data:")


def test_the_picture_is_always_an_http_png_url():
    for user in [User(username="a", email="a@example.org"), User(username="b", email="b@example.org", attributes={"avatar": OUR_AVATAR})]:
        url = picture(user)["picture"]
        assert url.startswith(("https://", "http://")) and url.endswith(".png")


def test_identicons_are_stable_per_person_and_distinct_between_people():
    first = picture(User(username="a", email="a@example.org"))
    again = picture(User(username="a2", email="A@example.org"))
    other = picture(User(username="b", email="b@example.org"))
    assert first == again
    assert first != other


def test_a_user_without_an_email_gets_an_identicon_of_the_username():
    assert picture(User(username="Service-Bot", email="")) == {"picture": identicon("service-bot")}


def test_without_avatars_public_url_the_claim_is_left_out_rather_than_wrong(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("AVATARS_PUBLIC_URL")
    assert picture(User(username="alice", email="alice@example.org")) == {}
    # An uploaded avatar needs no public URL setting.
    assert picture(User(username="alice", attributes={"avatar": OUR_AVATAR})) == {"picture": OUR_AVATAR}
