"""A real OpenLDAP server (Debian's slapd) on loopback with its own temporary config and database.

It holds inetOrgPerson people (`jpegPhoto`, multi-valued) that may also carry Active Directory's
`thumbnailPhoto` (ad-thumbnail.schema: AD's OID and syntax, SINGLE-VALUE). Tests and the bench change
the directory through `Directory` with ldap3, as an administrator would.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ldap3 import ALL, MODIFY_DELETE, MODIFY_REPLACE, Connection, Server

HERE = Path(__file__).resolve().parent
SLAPD = Path("/usr/sbin/slapd")
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
SUFFIX = "dc=example,dc=org"
ADMIN_DN = f"cn=admin,{SUFFIX}"
ADMIN_PASSWORD = "directory-tests-admin"
PEOPLE = f"ou=people,{SUFFIX}"

MISSING = "Debian's slapd is needed for the directory photo tests: apt-get install slapd ldap-utils (or run bash test/setup/prerequisites.sh)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(root: Path) -> str:
    includes = [SCHEMAS / "core.schema", SCHEMAS / "cosine.schema", SCHEMAS / "inetorgperson.schema", HERE / "ad-thumbnail.schema"]
    return "\n".join(
        [*(f"include {path}" for path in includes), f"modulepath {MODULES}", "moduleload back_mdb", f"pidfile {root / 'slapd.pid'}",
         "sizelimit unlimited", "database mdb", "maxsize 1073741824", f'suffix "{SUFFIX}"', f'rootdn "{ADMIN_DN}"', f"rootpw {ADMIN_PASSWORD}",
         f"directory {root / 'db'}", "index entryUUID eq", ""]
    )


@dataclass
class Slapd:
    url: str
    process: subprocess.Popen

    def connection(self) -> Connection:
        """Bound as the administrator, with the server's schema read (authentik reads it too: get_info=ALL)."""
        return Connection(Server(self.url, get_info=ALL), user=ADMIN_DN, password=ADMIN_PASSWORD, auto_bind=True, raise_exceptions=True)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_slapd(root: Path) -> Slapd:
    if not SLAPD.is_file() or not (MODULES / "back_mdb.so").exists() or not (SCHEMAS / "inetorgperson.schema").is_file() or not shutil.which("ldapadd"):
        raise RuntimeError(MISSING)
    (root / "db").mkdir(parents=True, exist_ok=True)
    config = root / "slapd.conf"
    config.write_text(_config(root), encoding="utf-8")
    port = _free_port()
    url = f"ldap://127.0.0.1:{port}"
    log = (root / "slapd.log").open("w")
    # -d keeps slapd in the foreground (so terminating it stops it); level 0 logs nothing.
    process = subprocess.Popen([str(SLAPD), "-f", str(config), "-h", f"{url}/", "-d", "0"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"slapd did not start; its log: {(root / 'slapd.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    server = Slapd(url, process)
    with server.connection() as conn:
        conn.add(SUFFIX, ["dcObject", "organization"], {"o": "Example", "dc": "example"})
        conn.add(PEOPLE, ["organizationalUnit"], {"ou": "people"})
    return server


class Directory:
    """The people in the directory, changed the way an administrator (or AD) changes them."""

    def __init__(self, slapd: Slapd) -> None:
        self.conn = slapd.connection()

    @staticmethod
    def dn(uid: str) -> str:
        return f"uid={uid},{PEOPLE}"

    def add_person(self, uid: str, jpeg_photos: list[bytes] | None = None, thumbnail: bytes | None = None) -> str:
        attributes: dict[str, object] = {"uid": uid, "cn": uid.title(), "sn": uid, "mail": f"{uid}@example.org"}
        classes = ["inetOrgPerson"]
        if jpeg_photos:
            attributes["jpegPhoto"] = jpeg_photos
        if thumbnail is not None:
            classes.append("avatarsTestThumbnailHolder")
            attributes["thumbnailPhoto"] = thumbnail
        self.conn.add(self.dn(uid), classes, attributes)
        return self.dn(uid)

    def set_jpeg_photos(self, uid: str, photos: list[bytes]) -> None:
        self.conn.modify(self.dn(uid), {"jpegPhoto": [(MODIFY_REPLACE, photos)]})

    def remove_jpeg_photos(self, uid: str) -> None:
        self.conn.modify(self.dn(uid), {"jpegPhoto": [(MODIFY_DELETE, [])]})

    def delete_everyone(self) -> None:
        self.conn.search(PEOPLE, "(objectClass=inetOrgPerson)", attributes=[])
        for entry in list(self.conn.response):
            self.conn.delete(entry["dn"])
