"""Bench driver for directory photos (run by test/bench/directory-sync.ts, never by the tests).

A real slapd gets one person per JPEG in PHOTOS_DIR (as jpegPhoto); authentik's LDAP sync stand-in then
syncs them all against the endpoint at AVATARS_URL: once without the photo mapping (the baseline), then
with it: the first sync, an unchanged re-sync, and a re-sync where 100 people lack the photo hash (their
photos are sent again and the endpoint answers "unchanged"); then the baseline once more.
Prints one JSON object on stdout; progress on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "test" / "authentik" / "ldap"), str(REPO / "demo" / "authentik")]

from ldap_source_sync import DEFAULT_OPENLDAP_MAPPINGS, Authentik, LDAPSource, LDAPSourceSync  # noqa: E402
from photo_support import photo_sync  # noqa: E402
from slapd import PEOPLE, Directory, start_slapd  # noqa: E402

UNHASHED = 100


def stored(data_dir: Path) -> tuple[int, int]:
    files = list((data_dir / "avatars").glob("*.png"))
    return len(files), sum(file.stat().st_size for file in files)


def timed_sync(syncer: LDAPSourceSync, slapd) -> tuple[float, int, int]:
    syncer.clear_logs()
    started = time.perf_counter()
    with slapd.connection() as conn:
        report = syncer.run(conn)
    return time.perf_counter() - started, report.synced, len(syncer.warnings()) + len(report.failed)


def main() -> None:
    photos = sorted(Path(os.environ["PHOTOS_DIR"]).glob("*.jpg"))
    data_dir = Path(os.environ["DATA_DIR"])
    with tempfile.TemporaryDirectory(prefix="bench-slapd-") as root:
        slapd = start_slapd(Path(root))
        try:
            directory = Directory(slapd)
            for index, photo in enumerate(photos):
                directory.add_person(f"person{index:04d}", jpeg_photos=[photo.read_bytes()])
            print(f"[directory bench] {len(photos)} people in slapd", file=sys.stderr)

            baseline = LDAPSourceSync(LDAPSource(slug="corp-ldap", base_dn=PEOPLE), dict(DEFAULT_OPENLDAP_MAPPINGS), Authentik())
            baseline_seconds, _, _ = timed_sync(baseline, slapd)
            with_photos = photo_sync(Authentik())
            before = stored(data_dir)
            first_seconds, first_synced, first_problems = timed_sync(with_photos, slapd)
            after_first = stored(data_dir)
            print(f"[directory bench] first sync {first_seconds:.1f} s", file=sys.stderr)
            again_seconds, again_synced, again_problems = timed_sync(with_photos, slapd)
            after_again = stored(data_dir)
            # As after an upgrade from a version without photo hashes: those people's photos are sent again.
            for user in with_photos.authentik.users[:UNHASHED]:
                user.attributes.pop("avatar_directory_sha256")
            unhashed_seconds, unhashed_synced, unhashed_problems = timed_sync(with_photos, slapd)
            after_unhashed = stored(data_dir)
            baseline_again_seconds, _, _ = timed_sync(baseline, slapd)
        finally:
            slapd.stop()
    print(json.dumps({
        "people": len(photos),
        "photoBytes": sum(photo.stat().st_size for photo in photos),
        "baselineSeconds": min(baseline_seconds, baseline_again_seconds),
        "first": {"seconds": first_seconds, "synced": first_synced, "problems": first_problems, "files": after_first[0] - before[0], "bytes": after_first[1] - before[1]},
        "again": {"seconds": again_seconds, "synced": again_synced, "problems": again_problems, "files": after_again[0] - after_first[0], "bytes": after_again[1] - after_first[1]},
        "unhashed": {"count": UNHASHED, "seconds": unhashed_seconds, "synced": unhashed_synced, "problems": unhashed_problems, "files": after_unhashed[0] - after_again[0], "bytes": after_unhashed[1] - after_again[1]},
    }))


if __name__ == "__main__":
    main()
