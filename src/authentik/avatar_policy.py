# authentik-avatars: prompt stage validation policy for the avatar field.
#
# Paste into an Expression Policy and bind it as a validation policy of the prompt stage that holds
# the `attributes.avatar` (File) and `attributes.avatar_reset` (Checkbox) prompts. authentik wraps this
# code in a function, so `return` ends the policy: True lets the stage continue, False shows the
# `ak_message` text under the form.
#
# Environment of the authentik server and worker:
#   AVATARS_URL    internal URL of the authentik-avatars endpoint, e.g. http://avatars:8080
#   AVATARS_TOKEN  the endpoint's bearer token
import os
import secrets

service_url = os.environ.get("AVATARS_URL", "").rstrip("/")
token = os.environ.get("AVATARS_TOKEN", "")
timeout = (3.05, 30)

prompt_data = request.context.get("prompt_data") or {}
attributes = prompt_data.get("attributes")
if not isinstance(attributes, dict):
    return True

upload = attributes.get("avatar") or ""
reset = attributes.pop("avatar_reset", False) in (True, "on", "true", "True")
user = request.user
current = ""
if user is not None and getattr(user, "is_authenticated", False):
    current = (user.attributes or {}).get("avatar") or ""
ours = current.startswith("http://") or current.startswith("https://")
# Whose avatar it is: the endpoint only ever replaces or deletes avatars of the same owner. In
# enrollment the user does not exist yet: a random pending owner, which the endpoint limits per client
# and hands to the user once the orphan sweep sees the user name the avatar.
if getattr(user, "is_authenticated", False):
    owner = f"user:{getattr(user, 'uuid', None) or user.pk}"
else:
    owner = f"pending:{secrets.token_hex(16)}"
try:  # authentik's client address (X-Forwarded-For aware), set for every policy request
    client = str(ak_client_ip)
except NameError:
    client = None
if getattr(user, "is_authenticated", False):
    outcome = "your current avatar was kept."
else:  # enrollment: there is no avatar yet to keep
    outcome = "try again in a minute, or continue without an avatar."
unavailable = f"The avatar service is unavailable; {outcome}"


def endpoint_error(response):
    """The endpoint's own sentence when it gave one, else the generic message."""
    try:
        return response.json()["error"]["message"]
    except Exception:
        return unavailable


if reset:
    attributes["avatar"] = ""
    attributes["avatar_source"] = ""
    if not ours:
        return True
    if not service_url or not token:
        ak_message("The avatar service is not configured (AVATARS_URL, AVATARS_TOKEN); your avatar was not removed.")
        return False
    avatar_id = current.split("?")[0].rsplit("/", 1)[-1].removesuffix(".png")
    # An avatar chosen at enrollment still belongs to its pending owner until the orphan sweep hands it
    # to the user; the enrollment recorded that owner, so the user can remove it at once too.
    enrolled_as = (user.attributes or {}).get("avatar_owner") or ""
    owners = [owner] + ([enrolled_as] if enrolled_as.startswith("pending:") else [])
    attributes["avatar_owner"] = ""
    try:
        for asking in owners:
            response = requests.delete(
                f"{service_url}/api/v1/avatars/{avatar_id}",
                params={"owner": asking},
                headers={"Authorization": f"Bearer {token}"},
                timeout=timeout,
            )
            if response.status_code != 403:
                break
    except Exception as exc:
        ak_logger.warning("avatar delete failed", error=str(exc))
        ak_message("The avatar service is unavailable; your avatar was not removed. Try again in a minute.")
        return False
    if response.status_code == 403:
        # Not this person's file (shared before per-upload ids, or another's): their profile stops
        # naming it, the file stays for whoever else does, and the orphan sweep removes it otherwise.
        ak_logger.warning("avatar delete refused: not the user's own avatar", avatar=avatar_id)
        return True
    if response.status_code not in (204, 404):
        ak_logger.warning("avatar delete refused", status=response.status_code)
        ak_message(endpoint_error(response))
        return False
    return True

# The File prompt always sends the field; with nothing chosen it is an empty data URI. Dropping the key
# keeps the current avatar, because the user write stage only updates keys that are present.
if not isinstance(upload, str) or not upload.startswith("data:") or upload.partition(",")[2] == "":
    attributes.pop("avatar", None)
    return True

if not service_url or not token:
    ak_logger.warning("avatar service not configured: set AVATARS_URL and AVATARS_TOKEN")
    ak_message(f"The avatar service is not configured; {outcome}")
    return False

try:
    response = requests.post(
        f"{service_url}/api/v1/avatars",
        json={"image": upload, "owner": owner, "previous": current if ours else None, "client": client},
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    )
except Exception as exc:
    ak_logger.warning("avatar upload failed", error=str(exc))
    ak_message(unavailable)
    return False

if response.status_code not in (200, 201):
    ak_logger.info("avatar upload refused", status=response.status_code)
    ak_message(endpoint_error(response))
    return False

try:
    url = response.json()["url"]
except Exception:
    ak_message(unavailable)
    return False
attributes["avatar"] = url
attributes["avatar_source"] = "upload"
# Only an enrollment's owner needs remembering (see the reset above); a user's own uuid is known.
attributes["avatar_owner"] = owner if owner.startswith("pending:") else ""
return True
