"""Prints, and on request applies, authentik's `avatars` system setting for authentik-avatars.

    python3 src/authentik/avatars_setting.py --fallback identicon --public-url https://avatars.example.org
    AUTHENTIK_TOKEN=... python3 src/authentik/avatars_setting.py --fallback identicon \\
        --public-url https://avatars.example.org --authentik-url https://auth.example.org

The setting is a comma-separated list of modes that authentik tries in order; the first that gives a
value wins. authentik does not strip spaces, so the value has none. It cannot be set by a blueprint;
this command sets it with PATCH /api/v3/admin/settings/ (authentik 2024.2 and newer).

Fallbacks after the uploaded avatar (`attributes.avatar`):
  identicon  <public url>/identicon/%(mail_hash)s.png, served by authentik-avatars itself, so no email
             hash leaves your site. authentik fills %(mail_hash)s with the md5 hex of the lower-cased
             email; the /identicon route accepts md5 or sha256 hex. authentik checks the URL with a HEAD
             request from its server, so the server must reach the public URL.
  initials   authentik's own initials picture (an SVG data URI).
  gravatar   gravatar.com (sends a hash of every user's email to a third party).
  none       authentik's default placeholder picture.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

ATTRIBUTE = "attributes.avatar"
FALLBACKS = ("identicon", "initials", "gravatar", "none")
TIMEOUT_SECONDS = 15


class SettingError(Exception):
    """A problem the admin can act on; the message says what to do."""


def public_base(url: str) -> str:
    """The endpoint's public URL without a trailing slash, refused when authentik could not use it."""
    url = url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingError(f"the public URL must start with https:// or http://, got {url!r}")
    if parts.query or parts.fragment:
        raise SettingError(f"the public URL must not have a query or fragment, got {url!r}")
    for char, why in ((",", "authentik splits the setting at commas"), ("%", "authentik fills %(...)s placeholders"), (" ", "authentik does not strip spaces")):
        if char in url:
            raise SettingError(f"the public URL must not contain {char!r}: {why}")
    return url


def setting_value(fallback: str, public_url: str | None = None) -> str:
    """`attributes.avatar,<fallback>`, exactly as authentik must store it."""
    if fallback not in FALLBACKS:
        raise SettingError(f"unknown fallback {fallback!r}; choose one of {', '.join(FALLBACKS)}")
    if fallback != "identicon":
        return f"{ATTRIBUTE},{fallback}"
    if not public_url:
        raise SettingError("the identicon fallback needs the endpoint's public URL: pass --public-url or set AVATARS_PUBLIC_URL (or choose --fallback initials)")
    return f"{ATTRIBUTE},{public_base(public_url)}/identicon/%(mail_hash)s.png"


def _refusal(error: urllib.error.HTTPError, endpoint: str) -> SettingError:
    body = error.read().decode("utf-8", "replace").strip()
    detail = f" ({body[:300]})" if body else ""
    if error.code in (401, 403):
        return SettingError(
            f"authentik refused the token (HTTP {error.code}){detail}. Use an API token (intent: API) of a superuser or of a user "
            "allowed to edit system settings: Admin interface > Directory > Tokens and App passwords."
        )
    if error.code in (301, 302, 303, 307, 308):
        return SettingError(f"authentik redirected {endpoint} to {error.headers.get('Location')}: pass that address's base as --authentik-url")
    if error.code == 404:
        return SettingError(f"{endpoint} does not exist (HTTP 404): is --authentik-url the base URL of authentik 2024.2 or newer?")
    if error.code == 400:
        return SettingError(f"authentik rejected the value (HTTP 400){detail}")
    return SettingError(f"authentik answered HTTP {error.code}{detail}")


def apply_setting(authentik_url: str, token: str, value: str, timeout: float = TIMEOUT_SECONDS) -> None:
    """Sets the value through authentik's admin API and checks that authentik now reports it."""
    endpoint = authentik_url.strip().rstrip("/") + "/api/v3/admin/settings/"
    if not endpoint.startswith(("https://", "http://")):
        raise SettingError(f"--authentik-url must start with https:// or http://, got {authentik_url!r}")
    request = urllib.request.Request(
        endpoint,
        data=json.dumps({"avatars": value}).encode("utf-8"),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        raise _refusal(error, endpoint) from None
    except urllib.error.URLError as error:
        raise SettingError(f"could not reach authentik at {endpoint}: {error.reason}") from None
    except TimeoutError:
        raise SettingError(f"authentik at {endpoint} did not answer within {timeout:g} s") from None
    try:
        stored = json.loads(body)["avatars"]
    except (ValueError, KeyError, TypeError):
        raise SettingError(f"the answer from {endpoint} is not authentik's settings JSON: is --authentik-url really authentik?") from None
    if stored != value:
        raise SettingError(f"authentik answered, but its avatars setting is {stored!r} instead of {value!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fallback", choices=FALLBACKS, default="identicon", help="what users without an uploaded avatar get (default: identicon)")
    parser.add_argument("--public-url", default=os.environ.get("AVATARS_PUBLIC_URL"), help="public URL of authentik-avatars (default: $AVATARS_PUBLIC_URL)")
    parser.add_argument("--authentik-url", help="base URL of authentik; when given, the setting is applied there")
    parser.add_argument("--token", default=os.environ.get("AUTHENTIK_TOKEN"), help="authentik API token (default: $AUTHENTIK_TOKEN, which keeps it out of your shell history)")
    args = parser.parse_args(argv)
    try:
        value = setting_value(args.fallback, args.public_url)
        print(value)
        if args.authentik_url:
            if not args.token:
                raise SettingError("applying needs an authentik API token: pass --token or set AUTHENTIK_TOKEN")
            apply_setting(args.authentik_url, args.token, value)
            print(f"authentik at {args.authentik_url.rstrip('/')} now uses this avatars setting.", file=sys.stderr)
    except SettingError as error:
        print(f"avatars_setting: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
