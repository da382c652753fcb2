"""Directory photos when something is wrong: damaged or hostile photos, an endpoint that is down or not
configured. One warning for that person, their avatar kept, the rest of the sync goes on.
"""

from __future__ import annotations

import socket
import struct
import zlib

import pytest
from photo_support import DAMAGED, RETINA, ROCKET, SVG, avatar_of, served_png, user_named


def test_a_damaged_jpeg_warns_once_for_that_person_and_the_others_still_get_theirs(directory, sync, authentik, policy_env):
    directory.add_person("heidi", jpeg_photos=[DAMAGED])
    directory.add_person("ivan", jpeg_photos=[ROCKET])

    report = sync()

    assert report.synced == 2 and not report.failed, "the damaged photo must not fail heidi's sync"
    assert "avatar" not in user_named(authentik, "heidi").attributes
    served_png(policy_env, avatar_of(authentik, "ivan"))
    warnings = sync.syncer.warnings()
    assert len(warnings) == 1
    assert warnings[0][1]["dn"] == directory.dn("heidi")
    assert warnings[0][1]["status"] == 422


def pixel_bomb() -> bytes:
    """A tiny PNG that claims 60000 x 60000 pixels: anyone who may write their own thumbnailPhoto can put one there."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"\x00" * (60001 * 16), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("hostile", "status"), [(pixel_bomb(), 413), (b"\xff\xd8\xff" + bytes(11 * 1024 * 1024), 413)], ids=["pixel bomb", "11 MB, above MAX_UPLOAD_BYTES"])
def test_a_hostile_photo_a_person_put_in_their_own_entry_is_refused_and_their_avatar_kept(directory, sync, authentik, hostile, status):
    directory.add_person("xavier", jpeg_photos=[ROCKET])
    sync()
    url = avatar_of(authentik, "xavier")

    directory.set_jpeg_photos("xavier", [hostile])
    report = sync()

    assert report.synced == 1 and not report.failed
    assert avatar_of(authentik, "xavier") == url
    warnings = sync.syncer.warnings()
    assert len(warnings) == 1
    assert warnings[0][1]["status"] == status


def test_a_photo_that_turns_damaged_keeps_the_current_avatar(directory, sync, authentik):
    directory.add_person("judy", jpeg_photos=[ROCKET])
    sync()
    url = avatar_of(authentik, "judy")

    directory.set_jpeg_photos("judy", [DAMAGED])
    sync()

    assert avatar_of(authentik, "judy") == url
    assert len(sync.syncer.warnings()) == 1


def test_with_the_endpoint_down_an_unchanged_photo_keeps_its_avatar(directory, sync, authentik, monkeypatch):
    directory.add_person("kept", jpeg_photos=[ROCKET])
    sync()
    attributes = dict(user_named(authentik, "kept").attributes)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        monkeypatch.setenv("AVATARS_URL", f"http://127.0.0.1:{closed.getsockname()[1]}")

        assert sync().synced == 1

    assert user_named(authentik, "kept").attributes == attributes
    assert len(sync.syncer.warnings()) == 1


def test_with_the_endpoint_down_everyone_keeps_their_avatar_and_the_sync_completes(directory, sync, authentik, monkeypatch):
    directory.add_person("mallory", jpeg_photos=[ROCKET])
    sync()
    url = avatar_of(authentik, "mallory")
    directory.set_jpeg_photos("mallory", [RETINA])
    directory.add_person("niaj", jpeg_photos=[ROCKET])
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        monkeypatch.setenv("AVATARS_URL", f"http://127.0.0.1:{closed.getsockname()[1]}")

        report = sync()

    assert report.synced == 2 and not report.failed
    assert avatar_of(authentik, "mallory") == url
    assert "avatar" not in user_named(authentik, "niaj").attributes
    warnings = sync.syncer.warnings()
    assert sorted(fields["dn"] for _, fields in warnings) == sorted([directory.dn("mallory"), directory.dn("niaj")])
    assert all(fields["reason"] == "the avatar service is unreachable" for _, fields in warnings)
    assert len(sync.syncer.requests_made()) == 1, "after the first failure the rest of the page does not wait on the endpoint"


def test_an_unreachable_endpoint_is_tried_once_per_page_of_the_sync(directory, sync, authentik, monkeypatch):
    """authentik syncs pages of 50 entries, each with fresh mapping globals: a hung endpoint costs one timeout per page."""
    for index in range(60):
        directory.add_person(f"page{index:02d}", jpeg_photos=[ROCKET])
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        monkeypatch.setenv("AVATARS_URL", f"http://127.0.0.1:{closed.getsockname()[1]}")

        report = sync()

    assert report.synced == 60 and not report.failed
    assert len(sync.syncer.requests_made()) == 2
    assert len(sync.syncer.warnings()) == 60, "still one warning for every person"
    assert not any("avatar" in user.attributes for user in authentik.users)


def test_without_the_endpoint_configured_the_sync_still_completes_with_a_warning(directory, sync, authentik, monkeypatch):
    directory.add_person("olivia", jpeg_photos=[ROCKET])
    monkeypatch.delenv("AVATARS_TOKEN")

    assert sync().synced == 1

    assert "avatar" not in user_named(authentik, "olivia").attributes
    assert ["AVATARS_URL and AVATARS_TOKEN" in fields["reason"] for _, fields in sync.syncer.warnings()] == [True]


def test_an_svg_in_a_photo_attribute_still_becomes_a_png_avatar(directory, sync, authentik, policy_env):
    """People can often write their own thumbnailPhoto in AD: whatever they put there is only ever a PNG."""
    directory.add_person("trent", thumbnail=SVG)

    sync()

    served_png(policy_env, avatar_of(authentik, "trent"))


def test_no_sync_ever_writes_bytes_or_fails_a_user(directory, sync, authentik):
    directory.add_person("uma", jpeg_photos=[ROCKET], thumbnail=DAMAGED)
    directory.add_person("victor")

    report = sync()

    assert report.synced == 2 and not report.failed
    assert authentik.events == [], "a configuration_error event means authentik dropped a user"
    assert "avatar" not in user_named(authentik, "victor").attributes
