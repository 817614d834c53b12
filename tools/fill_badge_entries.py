"""Fill the catalog entries that hold nothing but links and verdict badges.

The claims ledger lists, for each claim, the statements it decides, each with a
verdict badge: ``{ref}`S4.x <stmt-s4.x>` {bdg-warning}`imprecise```. Such an entry
has no prose, only the badge words, and those are fixed by the glossary
(``book/locales/TERMINOLOGY.md``, the rows that start with "verdict:"). This tool
writes their translations from that table, so that they are exactly the glossary's
words everywhere; ``make translations`` runs it after ``sphinx-intl update``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = {"zh_CN": 1, "zh_TW": 2, "it": 3}
BADGE = re.compile(r"\{(bdg-[\w-]+)\}`([^`]*)`")
LINK = re.compile(r"\{(?!bdg-)[\w:-]+\}`[^`]*`")
# Chinese lists take the enumeration comma.
SEPARATOR = {"zh_CN": "、", "zh_TW": "、", "it": ", "}


def verdict_words(terminology: Path, language: str) -> dict[str, str]:
    """Return the glossary's word for each verdict in ``language``.

    >>> verdict_words(ROOT / "book" / "locales" / "TERMINOLOGY.md", "zh_TW")["wrong"]
    '錯誤'
    """
    words: dict[str, str] = {}
    for line in terminology.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells or not cells[0].startswith("verdict:"):
            continue
        english = cells[0].removeprefix("verdict:").split("/")
        target = re.sub(r"^[^:：]*[:：]\s*", "", cells[COLUMNS[language]]).split("/")
        if len(english) != len(target):
            raise ValueError(f"TERMINOLOGY.md: the verdict row {line!r} is incomplete")
        words |= {e.strip(): t.strip() for e, t in zip(english, target, strict=True)}
    return words


def badge_only(msgid: str) -> bool:
    """Whether an entry has badges and links but no prose.

    >>> badge_only("{ref}`S1.a <stmt-s1.a>` {bdg-success}`confirmed`")
    True
    >>> badge_only("The {bdg-success}`confirmed` statements")
    False
    """
    rest = LINK.sub("", BADGE.sub("", msgid))
    return bool(BADGE.search(msgid)) and not any(ch.isalpha() for ch in rest)


def translate(msgid: str, words: dict[str, str], language: str) -> str:
    """Translate the badge words of a badge-only entry.

    >>> translate("{ref}`a <b>` {bdg-danger}`wrong`, {ref}`c <d>` {bdg-success}`confirmed`",
    ...           {"wrong": "错误", "confirmed": "属实"}, "zh_CN")
    '{ref}`a <b>` {bdg-danger}`错误`、{ref}`c <d>` {bdg-success}`属实`'
    """

    def badge(match: re.Match[str]) -> str:
        if match[2] not in words:
            raise KeyError(f"no glossary word for the verdict {match[2]!r}")
        return f"{{{match[1]}}}`{words[match[2]]}`"

    return BADGE.sub(badge, msgid).replace(", ", SEPARATOR[language])


def fill(locales: Path, language: str) -> int:
    """Fill the badge-only entries of every catalog of ``language``; return how many changed."""
    words = verdict_words(locales / "TERMINOLOGY.md", language)
    changed = 0
    for path in sorted((locales / language / "LC_MESSAGES").rglob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        touched = False
        for message in catalog:
            if not message.id or not isinstance(message.id, str) or not badge_only(message.id):
                continue
            wanted = translate(message.id, words, language)
            if message.string != wanted or message.fuzzy:
                message.string = wanted
                message.flags.discard("fuzzy")
                touched = True
                changed += 1
        if touched:
            with path.open("wb") as handle:
                write_po(handle, catalog, width=-1)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", type=Path, default=ROOT / "book" / "locales")
    parser.add_argument("--language", action="append", required=True, choices=sorted(COLUMNS))
    args = parser.parse_args(argv)
    for language in args.language:
        print(f"fill_badge_entries: {language}: {fill(args.locales, language)} entries written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
