# authentik-avatars: the OpenID Connect `picture` claim.
#
# An authentik scope mapping (model `authentik_providers_oauth2.scopemapping`, scope `profile`); the
# blueprint creates it from this file. Add it to the selected scopes of every OAuth2/OpenID provider
# whose apps should show avatars (Nextcloud, Forgejo, ...). authentik merges its claims with those of
# the default `profile` mapping, which sets no `picture`.
#
# The claim is always an http(s) URL of a square PNG, never a data URI: apps such as Nextcloud accept
# only square PNG/JPEG, and a data URI would bloat every ID token.
#   - the user's `attributes.avatar` when it is an http(s) URL (what the validation policy stores);
#   - otherwise the endpoint's local identicon, <AVATARS_PUBLIC_URL>/identicon/<md5>.png, where the
#     hash is of the lower-cased email (the username when there is no email): the same hash authentik puts
#     in `%(mail_hash)s`, so apps show the identicon authentik shows, and no hash leaves your site.
#
# Environment of the authentik server and worker:
#   AVATARS_PUBLIC_URL  public URL of the authentik-avatars endpoint, e.g. https://avatars.example.org
import hashlib
import os

avatar = (user.attributes or {}).get("avatar")
if isinstance(avatar, str) and avatar.startswith(("https://", "http://")):
    return {"picture": avatar}

public_url = os.environ.get("AVATARS_PUBLIC_URL", "").rstrip("/")
if not public_url.startswith(("https://", "http://")):
    ak_logger.warning("picture claim left out: set AVATARS_PUBLIC_URL on the authentik server and worker")
    return {}

identity = (user.email or user.username or "").strip().lower()
digest = hashlib.md5(identity.encode("utf-8"), usedforsecurity=False).hexdigest()
return {"picture": f"{public_url}/identicon/{digest}.png"}
