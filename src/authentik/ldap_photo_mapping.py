# authentik-avatars: directory photos (an LDAP source property mapping).
#
# Add the mapping "authentik-avatars: directory photo" to the User Property Mappings of your LDAP
# source (Active Directory or OpenLDAP); the blueprint avatars-directory-photos.yaml creates it from this
# file. On every sync it sends each person's directory photo to the authentik-avatars endpoint and sets
# `attributes.avatar` to the square PNG it answers, with `attributes.avatar_source = "directory"`.
#
#   - photo: the first non-empty of AVATARS_DIRECTORY_ATTRIBUTES (default thumbnailPhoto, then
#     jpegPhoto). Binary attributes arrive from ldap3 as bytes (SINGLE-VALUE, e.g. AD's thumbnailPhoto)
#     or a list of bytes (inetOrgPerson's jpegPhoto); the first value is used. Bytes are never returned:
#     authentik cannot store them and would silently drop the whole user.
#   - unchanged photo: `attributes.avatar_directory_sha256` (the SHA-256 of the directory photo the
#     avatar was made from) still matches, so the mapping only asks the endpoint whether the avatar is
#     still there (one HEAD request, no image work); nothing is stored and the user is not even saved.
#     When the avatar is gone (or the attribute is missing), the photo is sent again and the endpoint
#     answers the current URL if the picture is the same.
#   - a person's own avatar wins: an avatar that did not come from the directory (an upload, or any
#     avatar without avatar_source = "directory") is left alone, unless AVATARS_DIRECTORY_WINS=true.
#     Remove in user settings clears it, and the next sync brings the directory photo back.
#   - photo removed from the directory: a directory avatar is cleared (the endpoint's sweep deletes the
#     file once nobody names it).
#   - endpoint down, or a photo it refuses (damaged, too large): one warning for that person, their
#     avatar is kept, the sync goes on. An unreachable endpoint is not asked again for a minute within
#     the same page of the sync, so a hung endpoint costs one timeout per page, not one per person. This mapping never raises: in authentik an exception in a
#     property mapping stops the whole sync.
#
# Environment of the authentik server and worker (the worker runs syncs):
#   AVATARS_URL                   internal URL of the authentik-avatars endpoint, e.g. http://avatars:8080
#   AVATARS_TOKEN                 the endpoint's bearer token
#   AVATARS_DIRECTORY_ATTRIBUTES  photo attributes to try, comma-separated (default thumbnailPhoto,jpegPhoto)
#   AVATARS_DIRECTORY_WINS        true: the directory photo replaces avatars people uploaded themselves
import hashlib
import os
import time
from urllib.parse import quote, urlsplit

service_url = os.environ.get("AVATARS_URL", "").rstrip("/")
token = os.environ.get("AVATARS_TOKEN", "")
photo_attributes = [name.strip() for name in os.environ.get("AVATARS_DIRECTORY_ATTRIBUTES", "thumbnailPhoto,jpegPhoto").split(",") if name.strip()]
directory_wins = os.environ.get("AVATARS_DIRECTORY_WINS", "").strip().lower() in ("1", "true", "yes", "on")
timeout = (3.05, 30)
# authentik syncs each page of entries (50 by default) with fresh mapping globals. After the endpoint
# was unreachable once, the rest of the page skips it for a minute instead of waiting on every person.
RETRY_AFTER_SECONDS = 60


def warn(reason, **fields):
    ak_logger.warning("directory photo not applied; the avatar was kept", reason=reason, dn=dn, **fields)


def endpoint_skipped():
    return time.monotonic() < globals().get("avatars_endpoint_unreachable_until", 0)


def unreachable(exc):
    globals()["avatars_endpoint_unreachable_until"] = time.monotonic() + RETRY_AFTER_SECONDS
    warn("the avatar service is unreachable", error=type(exc).__name__)


def directory_photo():
    """(bytes, None) for the photo, (None, None) when there is none, (None, reason) when it cannot be read."""
    unreadable = None
    for name in photo_attributes:
        value = ldap.get(name)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, (bytes, bytearray)) and len(item) > 0:
                return bytes(item), None
            if item not in (None, b"", ""):
                unreadable = f"{name} is a {type(item).__name__}, not bytes"
    return None, unreadable


def uniqueness_value():
    uniq = (properties.get("attributes") or {}).get("ldap_uniq")
    if uniq is None:
        uniq = list_flatten(ldap.get(source.object_uniqueness_field))
    return None if uniq is None else str(uniq)


def existing_user(uniq):
    """The authentik user this entry syncs into; None on a first sync. Mappings get no `user`."""
    lookups = []
    if uniq:
        lookups.append({"usersourceconnection__source__slug": source.slug, "usersourceconnection__identifier": uniq})
        lookups.append({"attributes__ldap_uniq": uniq})
    username = list_flatten(properties.get("username"))
    if isinstance(username, str) and username:
        lookups.append({"username": username})
    for filters in lookups:
        try:  # an older authentik without source connections answers None or raises: try the next lookup
            found = ak_user_by(**filters)
        except Exception:
            found = None
        if found is not None:
            return found
    return None


def owner_of(uniq):
    """The directory entry owns its photo's avatars, before and after its authentik user exists: a stable
    owner is what lets the endpoint answer "unchanged" on every later sync (an avatar of another owner is
    never reused or touched)."""
    stable = f"{source.slug}:{uniq}"
    if len(stable) > 200 or not all(" " < char <= "~" for char in stable):
        stable = f"{source.slug}:sha256-{hashlib.sha256(str(uniq).encode('utf-8')).hexdigest()}"
    return f"directory:{stable}"


def still_served(url):
    """True when the endpoint still has this avatar (asked at AVATARS_URL, the worker's way in), None when it cannot say."""
    file_name = urlsplit(url).path.rsplit("/", 1)[-1]
    try:
        response = requests.head(f"{service_url}/avatars/{quote(file_name)}", timeout=timeout)
    except Exception as exc:
        unreachable(exc)
        return None
    if response.status_code in (200, 404):
        return response.status_code == 200
    warn("the avatar service could not say whether the avatar is still there", status=response.status_code)
    return None


def upload(photo, owner, previous):
    """The avatar URL for this photo, or None (after one warning) when the endpoint does not give one."""
    params = {"owner": owner}
    if previous:
        params["previous"] = previous
    try:
        response = requests.post(
            f"{service_url}/api/v1/avatars",
            params=params,
            data=photo,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream"},
            timeout=timeout,
        )
    except Exception as exc:
        unreachable(exc)
        return None
    if response.status_code not in (200, 201):
        try:
            code = response.json()["error"]["code"]
        except Exception:
            code = None
        warn("the avatar service refused the photo", status=response.status_code, code=code)
        return None
    try:
        url = response.json()["url"]
    except Exception:
        url = None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        warn("the avatar service answered without an avatar URL", status=response.status_code)
        return None
    return url


try:
    uniq = uniqueness_value()
    if not uniq:  # authentik skips such entries before any mapping runs
        return None
    user = existing_user(uniq)
    current_attributes = (getattr(user, "attributes", None) or {}) if user is not None else {}
    current = current_attributes.get("avatar") or ""
    if not isinstance(current, str):
        current = ""
    from_directory = current_attributes.get("avatar_source") == "directory"
    if current and not from_directory and not directory_wins:
        return None
    photo, unreadable = directory_photo()
    if unreadable:
        warn(unreadable)
        return None
    if photo is None:
        if current and from_directory:
            return {"attributes": {"avatar": "", "avatar_source": "", "avatar_directory_sha256": ""}}
        return None
    if not service_url or not token:
        warn("the avatar service is not configured: set AVATARS_URL and AVATARS_TOKEN on the authentik worker")
        return None
    if endpoint_skipped():
        warn("the avatar service is unreachable", error="not retried for a minute in this sync page")
        return None
    ours = current.startswith(("https://", "http://"))
    photo_sha256 = hashlib.sha256(photo).hexdigest()
    if ours and from_directory and current_attributes.get("avatar_directory_sha256") == photo_sha256:
        served = still_served(current)
        if served is not False:  # unchanged (or the endpoint cannot say right now): keep everything as it is
            return None
    url = upload(photo, owner_of(uniq), current if ours else None)
    if url is None:
        return None
    return {"attributes": {"avatar": url, "avatar_source": "directory", "avatar_directory_sha256": photo_sha256}}
except Exception as exc:
    warn("the directory photo mapping failed", error=repr(exc))
    return None
