"""The French catalog is complete, compiled, and knows every string of the code."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.needs import need_tool

BASE_DIR = Path(settings.BASE_DIR)
PO = BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# The same command as in the docs: the code, its templates, not the venv or the tests.
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "fr",
    "--ignore=.venv",
    "--ignore=node_modules",
    "--ignore=static/vendor",
    "--ignore=tests",
]


def _unquote(line: str) -> str:
    text = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def read_po(path: Path) -> list[dict]:
    """The catalog's live entries: {msgctxt, msgid, msgid_plural, msgstr: {n: ..}, fuzzy}."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict = {}
        key = None
        for line in block.splitlines():
            if m := re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d)\])? ", line):
                key = (m.group(1), int(m.group(2) or 0))
                fields[key] = _unquote(line)
            elif line.startswith('"') and key:
                fields[key] += _unquote(line)
        msgid = fields.get(("msgid", 0))
        if msgid:  # not the header, nor an obsolete (#~) entry
            entries.append(
                {
                    "msgctxt": fields.get(("msgctxt", 0)),
                    "msgid": msgid,
                    "msgid_plural": fields.get(("msgid_plural", 0)),
                    "msgstr": {n: v for (k, n), v in fields.items() if k == "msgstr"},
                    "fuzzy": bool(re.search(r"^#,.*\bfuzzy\b", block, re.M)),
                }
            )
    return entries


def keys(entries: list[dict]) -> set[tuple]:
    return {(e["msgctxt"], e["msgid"]) for e in entries}


def test_every_string_of_the_catalog_is_translated():
    entries = read_po(PO)
    assert len(entries) > 1000
    assert not [e["msgid"] for e in entries if e["fuzzy"]], "fuzzy entries"
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert not untranslated
    plurals = [e for e in entries if e["msgid_plural"]]
    assert plurals
    assert all(len(e["msgstr"]) == 2 for e in plurals)


def test_the_compiled_catalog_matches_the_po_file():
    """The .mo is committed (the quick start has no gettext): it must not lag behind."""
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for entry in read_po(PO):
        ctx, msgid, plural = entry["msgctxt"], entry["msgid"], entry["msgid_plural"]
        if plural:
            got = [
                compiled.npgettext(ctx, msgid, plural, n)
                if ctx
                else compiled.ngettext(msgid, plural, n)
                for n in (1, 2)
            ]
            expected = [entry["msgstr"][0], entry["msgstr"][1]]
        else:
            got = compiled.pgettext(ctx, msgid) if ctx else compiled.gettext(msgid)
            expected = entry["msgstr"][0]
        if got != expected:
            stale.append(msgid)
    assert not stale, "run compilemessages"


def _ignore(directory: str, names: list[str]) -> set[str]:
    skipped = {".git", ".venv", "node_modules", "media", "staticfiles", "__pycache__"}
    skipped |= {"test-results", "bench-results", ".ruff_cache", ".mypy_cache", "vendor"}
    return {name for name in names if name in skipped or name.endswith((".pyc", ".sqlite3"))}


def test_makemessages_finds_no_string_missing_from_the_catalog(tmp_path):
    """A string wrapped for translation but not in the catalog would show in English."""
    need_tool("xgettext", "gettext")
    copy = tmp_path / "src"
    shutil.copytree(BASE_DIR, copy, ignore=_ignore)
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "intl_relations.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    missing = keys(read_po(copy / PO.relative_to(BASE_DIR))) - keys(read_po(PO))
    assert not missing, "run makemessages and translate: " + ", ".join(
        repr(msgid) for _ctx, msgid in sorted(missing, key=str)
    )
