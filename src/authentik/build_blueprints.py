"""Generates the authentik blueprints from their templates, so the expression .py files stay the one source.

    python3 src/authentik/build_blueprints.py          rewrites src/authentik/blueprints/*.yaml
    python3 src/authentik/build_blueprints.py --check  exits 1 when a blueprint is stale (CI, tests)

A template is `blueprints/templates/<name>.yaml.in`. A line `<indent><key>: {{ <file>.py }}` becomes a
YAML literal block holding that file from src/authentik/ byte for byte; everything else is copied.
Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "blueprints" / "templates"
OUTPUT = HERE / "blueprints"
PLACEHOLDER = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*): \{\{ (?P<file>[\w-]+\.py) \}\}$")
# Characters a YAML literal block cannot carry verbatim.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")


class BuildError(Exception):
    pass


def literal_block(indent: str, key: str, text: str, source: str) -> list[str]:
    """`key: |` plus the text indented two more spaces; loads back as exactly `text`."""
    if not text.strip():
        raise BuildError(f"{source} is empty")
    if text[0] in " \t":
        raise BuildError(f"{source} starts with whitespace, which a YAML literal block cannot keep")
    if text.endswith("\n\n"):
        raise BuildError(f"{source} ends with blank lines: remove them")
    if UNPRINTABLE.search(text):
        raise BuildError(f"{source} contains a control character, CR, BOM or Unicode line separator, which a YAML literal block cannot keep")
    chomping = "" if text.endswith("\n") else "-"
    body = text[:-1] if text.endswith("\n") else text
    lines = [f"{indent}{key}: |{chomping}"]
    lines += [f"{indent}  {line}" if line else "" for line in body.split("\n")]
    return lines


def render(template: Path) -> str:
    relative = template.relative_to(HERE)
    out = [f"# GENERATED from src/authentik/{relative} by `python3 src/authentik/build_blueprints.py`.", "# Edit the template or the .py files it embeds, then run that command; never edit this file.", ""]
    for line in template.read_text(encoding="utf-8").splitlines():
        match = PLACEHOLDER.match(line)
        if not match:
            out.append(line)
            continue
        source = HERE / match["file"]
        if not source.is_file():
            raise BuildError(f"{relative}: {{{{ {match['file']} }}}} names a file that does not exist in src/authentik/")
        out += literal_block(match["indent"], match["key"], source.read_text(encoding="utf-8"), match["file"])
    return "\n".join(out) + "\n"


def outputs() -> dict[Path, str]:
    """Every blueprint file and the text it should have."""
    templates = sorted(TEMPLATES.glob("*.yaml.in"))
    if not templates:
        raise BuildError(f"no templates (*.yaml.in) in {TEMPLATES}")
    return {OUTPUT / template.name.removesuffix(".in"): render(template) for template in templates}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a blueprint differs from its template and sources")
    args = parser.parse_args(argv)
    try:
        wanted = outputs()
    except BuildError as error:
        print(f"build_blueprints: {error}", file=sys.stderr)
        return 2
    stale = [path for path, text in wanted.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(HERE.parent.parent)} (run `python3 src/authentik/build_blueprints.py`)", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
