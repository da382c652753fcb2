"""A person's own avatar wins over the directory photo; Remove brings the directory photo back; an admin
switch makes the directory win.
"""

from __future__ import annotations

import base64

from photo_support import HUBBLE, RETINA, ROCKET, served_png, settings_save, user_named


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
