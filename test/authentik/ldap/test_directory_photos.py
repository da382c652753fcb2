"""Directory photos: an OpenLDAP (or Active Directory) picture becomes the person's avatar on every sync.

A real slapd, read with ldap3 as authentik reads it; authentik's LDAP user sync with the photo mapping;
the real endpoint. Each sync here is what authentik's worker does on its schedule.
"""

from __future__ import annotations

import pytest
import requests
from photo_support import HUBBLE, RETINA, ROCKET, avatar_of, photo_sync, served_png, user_named


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
