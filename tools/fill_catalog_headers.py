"""Fill the headers of the translation catalogs: title, team, translator and revision date.

Usage: ``fill_catalog_headers.py book/locales [--language zh_CN ...]``. sphinx-intl writes
gettext's placeholders ("FULL NAME <EMAIL@ADDRESS>", "YEAR-MO-DA") into a new catalog;
``make translations`` runs this afterwards, and ``check_catalogs`` fails on a placeholder.
The revision date is the date of the catalog's last commit, or today when the catalog
differs from its last commit (it is being revised now).
"""

from __future__ import annotations

import argparse
import datetime
import re
import subprocess
import sys
from pathlib import Path

REPORTS = "https://github.com/actbook/actbook/issues"
TEAMS = {
    "zh_CN": "Simplified Chinese (mainland)",
    "zh_TW": "Traditional Chinese (Taiwan)",
    "it": "Italian",
}


def revision_date(po: Path) -> str:
    """``YYYY-MM-DD HH:MM+0000`` of the catalog's last commit; now if it has changed since."""
    folder = po.parent

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)

    changed = git("status", "--porcelain", "--", po.name).stdout.strip()
    stamp = git("log", "-1", "--format=%ct", "--", po.name).stdout.strip()
    if changed or not stamp:
        moment = datetime.datetime.now(datetime.UTC)
    else:
        moment = datetime.datetime.fromtimestamp(int(stamp), datetime.UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def filled_header(text: str, language: str, domain: str, date: str) -> str:
    """``text`` of a catalog with its header's placeholders replaced.

    >>> header = ('# SOME DESCRIPTIVE TITLE.\\n# FIRST AUTHOR <EMAIL@ADDRESS>, 2026.\\n#\\n#, fuzzy\\n'
    ...           'msgid ""\\nmsgstr ""\\n"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\\\n"\\n'
    ...           '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\\\n"\\n"Language-Team: it <LL@li.org>\\\\n"\\n')
    >>> print(filled_header(header, "it", "chapters/dropout", "2026-11-30 20:00+0000"))
    # Italian translation of actbook: chapters/dropout.
    # The actbook authors, 2026.
    #
    msgid ""
    msgstr ""
    "PO-Revision-Date: 2026-11-30 20:00+0000\\n"
    "Last-Translator: The actbook authors <https://github.com/actbook/actbook/issues>\\n"
    "Language-Team: Italian <https://github.com/actbook/actbook/issues>\\n"
    <BLANKLINE>
    """
    if language not in TEAMS:
        raise ValueError(f"language must be one of {tuple(TEAMS)}, got {language!r}")
    head, sep, rest = text.partition("\n\n")
    head = re.sub(r"^# SOME DESCRIPTIVE TITLE\.$", f"# {TEAMS[language]} translation of "
                  f"actbook: {domain}.", head, flags=re.M)  # fmt: skip
    head = re.sub(r"^# FIRST AUTHOR <EMAIL@ADDRESS>, (\d+)\.$", r"# The actbook authors, \1.",
                  head, flags=re.M)  # fmt: skip
    head = re.sub(r"^#, fuzzy\n(?=msgid \"\")", "", head, flags=re.M)
    head = re.sub(r'"PO-Revision-Date: [^"]*\\n"', f'"PO-Revision-Date: {date}\\\\n"', head)
    head = re.sub(r'"Last-Translator: [^"]*\\n"',
                  f'"Last-Translator: The actbook authors <{REPORTS}>\\\\n"', head)  # fmt: skip
    head = re.sub(r'"Language-Team: [^"]*\\n"',
                  f'"Language-Team: {TEAMS[language]} <{REPORTS}>\\\\n"', head)  # fmt: skip
    return head + sep + rest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locales", type=Path)
    parser.add_argument("--language", action="append", default=None)
    args = parser.parse_args(argv)
    changed = 0
    for language in args.language or sorted(TEAMS):
        folder = args.locales / language / "LC_MESSAGES"
        for po in sorted(folder.rglob("*.po")):
            text = po.read_text(encoding="utf-8")
            header = text.partition("\n\n")[0]
            if not re.search(
                r"YEAR-MO-DA|FULL NAME|LL@li\.org|SOME DESCRIPTIVE|#, fuzzy\nmsgid", header
            ):
                continue
            domain = po.relative_to(folder).with_suffix("").as_posix()
            po.write_text(
                filled_header(text, language, domain, revision_date(po)), encoding="utf-8"
            )
            changed += 1
    print(f"fill_catalog_headers: {changed} header(s) filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
