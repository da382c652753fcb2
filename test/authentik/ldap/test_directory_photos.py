"""Directory photos: an OpenLDAP (or Active Directory) picture becomes the person's avatar on every sync.

A real slapd, read with ldap3 as authentik reads it; authentik's LDAP user sync with the photo mapping;
the real endpoint. Each sync here is what authentik's worker does on its schedule.
"""

from __future__ import annotations

import base64
import socket
import struct
import zlib

import pytest
import requests
from photo_support import FIXTURES, POLICY, png_size, photo_sync
from expression_harness import run_prompt_validation

ROCKET = (FIXTURES / "rocket.jpg").read_bytes()
RETINA = (FIXTURES / "retina.jpg").read_bytes()
HUBBLE = (FIXTURES / "hubble_deep_field.jpg").read_bytes()
DAMAGED = (FIXTURES / "truncated.jpg").read_bytes()
SVG = (FIXTURES / "blobs-l.svg").read_bytes()


def user_named(authentik, username):
    found = [user for user in authentik.users if user.username == username]
    assert len(found) == 1, f"expected one authentik user {username!r}, found {len(found)}"
    return found[0]


def avatar_of(authentik, username):
    return user_named(authentik, username).attributes.get("avatar")


def served_png(endpoint, url):
    status, body = endpoint.get(url)
    assert status == 200, f"{url} answered {status}"
    assert png_size(body) == (1024, 1024)
    return body


def settings_save(user, **prompt_attributes):
    """The user settings flow: the real validation policy, then the user write stage's shallow update."""
    result, prompt_data = run_prompt_validation(POLICY.read_text(encoding="utf-8"), user, {"username": user.username, "attributes": dict(prompt_attributes)})
    assert result.passing, result.messages
    user.attributes.update(prompt_data["attributes"])


def test_a_new_person_with_a_jpeg_photo_gets_a_square_png_avatar_on_the_first_sync(directory, sync, authentik, policy_env):
    directory.add_person("alice", jpeg_photos=[ROCKET])
    before = set(policy_env.stored())

    report = sync()

    assert report.synced == 1 and not report.failed
    alice = user_named(authentik, "alice")
    assert alice.attributes["avatar"].startswith(f"{policy_env.url}/avatars/")
    assert alice.attributes["avatar_source"] == "directory"
    served_png(policy_env, alice.attributes["avatar"])
    assert len(set(policy_env.stored()) - before) == 1
    assert sync.syncer.warnings() == []


def test_binary_attributes_arrive_as_authentik_reads_them(directory, slapd_server):
    directory.add_person("bob", jpeg_photos=[ROCKET, RETINA], thumbnail=HUBBLE)

    with slapd_server.connection() as conn:
        conn.search(directory.dn("bob"), "(objectClass=*)", attributes=["*", "+"])
        attributes = conn.response[0]["attributes"]

    assert attributes["thumbnailPhoto"] == HUBBLE, "AD's thumbnailPhoto is SINGLE-VALUE: bare bytes"
    assert attributes["jpegPhoto"] == [ROCKET, RETINA], "inetOrgPerson's jpegPhoto is multi-valued: a list of bytes"
    assert attributes["thumbnailphoto"] == HUBBLE, "ldap3 hands mappings a case-insensitive dict"
    assert isinstance(attributes["entryUUID"], str)


def test_active_directorys_thumbnail_photo_wins_over_jpeg_photo(directory, sync, authentik, policy_env):
    directory.add_person("carol", jpeg_photos=[ROCKET], thumbnail=HUBBLE)
    directory.add_person("dave", jpeg_photos=[HUBBLE, ROCKET])  # the first jpegPhoto is used

    sync()

    carol = served_png(policy_env, avatar_of(authentik, "carol"))
    dave = served_png(policy_env, avatar_of(authentik, "dave"))
    assert carol == dave, "both avatars are the Hubble photo"


def test_an_unchanged_photo_keeps_the_url_and_stores_nothing_on_every_later_sync(directory, sync, authentik, policy_env):
    directory.add_person("erin", jpeg_photos=[ROCKET])
    sync()
    url = avatar_of(authentik, "erin")
    stored = policy_env.stored()
    attributes = dict(user_named(authentik, "erin").attributes)

    for _ in range(2):
        assert sync().synced == 1
        assert policy_env.stored() == stored
        assert user_named(authentik, "erin").attributes == attributes
    assert avatar_of(authentik, "erin") == url
    assert sync.syncer.warnings() == []


def test_an_unchanged_photo_costs_one_head_request_and_no_image_work(directory, sync, authentik):
    directory.add_person("erin", jpeg_photos=[ROCKET])
    sync()
    assert [method for method, _ in sync.syncer.requests_made()] == ["POST"]
    file_name = avatar_of(authentik, "erin").rsplit("/", 1)[-1]

    sync()

    assert sync.syncer.requests_made() == [("HEAD", f"/avatars/{file_name}")]


def test_an_avatar_lost_on_the_endpoint_comes_back_on_the_next_sync(directory, sync, authentik, policy_env):
    directory.add_person("lost", jpeg_photos=[ROCKET])
    sync()
    url = avatar_of(authentik, "lost")
    owner = f"directory:corp-ldap:{user_named(authentik, 'lost').attributes['ldap_uniq']}"
    deleted = requests.delete(f"{policy_env.url}/api/v1/avatars/{url.rsplit('/', 1)[-1]}", params={"owner": owner}, headers={"Authorization": f"Bearer {policy_env.token}"}, timeout=10)
    assert deleted.status_code == 204
    assert policy_env.get(url)[0] == 404

    sync()

    served_png(policy_env, avatar_of(authentik, "lost"))
    assert sync.syncer.warnings() == []


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


def test_a_changed_photo_replaces_the_avatar(directory, sync, authentik, policy_env):
    directory.add_person("frank", jpeg_photos=[ROCKET])
    sync()
    old_url = avatar_of(authentik, "frank")
    old = served_png(policy_env, old_url)

    directory.set_jpeg_photos("frank", [RETINA])
    sync()

    new_url = avatar_of(authentik, "frank")
    assert new_url != old_url
    assert served_png(policy_env, new_url) != old
    assert user_named(authentik, "frank").attributes["avatar_source"] == "directory"


def test_a_photo_removed_from_the_directory_clears_the_directory_avatar(directory, sync, authentik):
    directory.add_person("grace", jpeg_photos=[ROCKET])
    sync()
    assert avatar_of(authentik, "grace")

    directory.remove_jpeg_photos("grace")
    sync()

    grace = user_named(authentik, "grace")
    assert grace.attributes["avatar"] == ""
    assert grace.attributes["avatar_source"] == ""
    assert grace.attributes["avatar_directory_sha256"] == ""


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


def test_a_persons_own_upload_is_left_alone_by_later_syncs(directory, sync, authentik, policy_env):
    directory.add_person("peggy", jpeg_photos=[ROCKET])
    sync()
    peggy = user_named(authentik, "peggy")
    settings_save(peggy, avatar="data:image/jpeg;base64," + base64.b64encode(HUBBLE).decode())
    uploaded = peggy.attributes["avatar"]
    assert peggy.attributes["avatar_source"] == "upload"

    directory.set_jpeg_photos("peggy", [RETINA])
    sync()
    directory.remove_jpeg_photos("peggy")
    sync()

    assert peggy.attributes["avatar"] == uploaded
    assert peggy.attributes["avatar_source"] == "upload"
    served_png(policy_env, uploaded)


def test_an_admin_can_make_the_directory_photo_win_over_uploads(directory, sync, authentik, policy_env, monkeypatch):
    directory.add_person("quentin", jpeg_photos=[ROCKET])
    sync()
    quentin = user_named(authentik, "quentin")
    settings_save(quentin, avatar="data:image/jpeg;base64," + base64.b64encode(HUBBLE).decode())
    uploaded = quentin.attributes["avatar"]
    monkeypatch.setenv("AVATARS_DIRECTORY_WINS", "true")

    sync()

    assert quentin.attributes["avatar"] not in ("", uploaded)
    assert quentin.attributes["avatar_source"] == "directory"
    served_png(policy_env, quentin.attributes["avatar"])


def test_remove_in_user_settings_brings_the_directory_photo_back_on_the_next_sync(directory, sync, authentik, policy_env):
    directory.add_person("rupert", jpeg_photos=[ROCKET])
    sync()
    rupert = user_named(authentik, "rupert")
    settings_save(rupert, avatar="data:image/jpeg;base64," + base64.b64encode(HUBBLE).decode())
    settings_save(rupert, avatar="data:application/octet-stream;base64,", avatar_reset="on")
    assert rupert.attributes["avatar"] == ""

    sync()

    assert rupert.attributes["avatar_source"] == "directory"
    served_png(policy_env, rupert.attributes["avatar"])


def test_remove_of_the_directory_avatar_itself_clears_it_and_the_next_sync_brings_it_back(directory, sync, authentik, policy_env):
    """The file belongs to the directory entry, so the policy's delete is refused (403) and only the profile is cleared."""
    directory.add_person("sam", jpeg_photos=[ROCKET])
    sync()
    sam = user_named(authentik, "sam")
    directory_url = sam.attributes["avatar"]

    settings_save(sam, avatar="data:application/octet-stream;base64,", avatar_reset="on")
    assert sam.attributes["avatar"] == "" and sam.attributes["avatar_source"] == ""
    assert policy_env.get(directory_url)[0] == 200, "not the user's file to delete: the orphan sweep removes it later"
    sync()

    assert sam.attributes["avatar_source"] == "directory"
    served_png(policy_env, sam.attributes["avatar"])


def test_an_avatar_set_before_directory_photos_existed_is_treated_as_the_persons_own(directory, sync, authentik):
    directory.add_person("sybil", jpeg_photos=[ROCKET])
    sync()
    sybil = user_named(authentik, "sybil")
    sybil.attributes = {**sybil.attributes, "avatar": "https://avatars.example.org/avatars/0123456789abcdef0123456789abcdef.png"}
    del sybil.attributes["avatar_source"]

    sync()

    assert sybil.attributes["avatar"] == "https://avatars.example.org/avatars/0123456789abcdef0123456789abcdef.png"


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


@pytest.mark.parametrize("name", ["0 authentik-avatars: directory photo", "zz authentik-avatars: directory photo"])
def test_the_mapping_works_whichever_position_its_name_sorts_to(directory, authentik, slapd_server, policy_env, name):
    """Databases sort mapping names by their collation; the photo mapping must not need the username mapping first."""
    directory.add_person("walter", jpeg_photos=[ROCKET])
    syncer = photo_sync(authentik, mapping_name=name)
    with slapd_server.connection() as conn:
        syncer.run(conn)
    url = avatar_of(authentik, "walter")
    stored = policy_env.stored()

    with slapd_server.connection() as conn:
        syncer.run(conn)

    assert avatar_of(authentik, "walter") == url
    assert policy_env.stored() == stored
    served_png(policy_env, url)
