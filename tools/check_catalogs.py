"""Check that every translation catalog is complete, current and faithful.

Fails (exit 1, one line per problem) when, for any language:

- a catalog is missing, or its messages differ from the English templates
  (``make translations`` was not run after the English changed);
- an entry is untranslated or fuzzy;
- a ``msgstr`` drops, adds or alters a role's target (claim, cross-reference,
  citation, equation, figure), a math span, inline code or a link target of
  its ``msgid``;
- a ``msgstr`` contains a digit string that its ``msgid`` does not: numbers
  come from claims, never from translators.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

ROLE = re.compile(r"\{(?P<name>[a-z][\w:-]*)\}`(?P<body>[^`]*)`")
EXPLICIT_TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")
MATH_BLOCK = re.compile(r"\$\$(.+?)\$\$", re.S)
MATH_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")
INLINE_CODE = re.compile(r"(?<![`}])`([^`]+)`")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Problem:
    """One defect of one catalog entry."""

    path: Path
    msgid: str
    message: str

    def __str__(self) -> str:
        snippet = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        return f"{self.path}: {self.message}: {snippet!r}"


def role_targets(text: str) -> Counter[str]:
    """Roles with what they point at; the visible title of ``text <target>`` may be translated.

    A badge (``{bdg-...}``) points at nothing: its word is prose, translated like any other.

    >>> sorted(role_targets("see {ref}`the chain <eq-chain>` and {claim}`a.b`"))
    ['claim:a.b', 'ref:eq-chain']
    >>> sorted(role_targets("{bdg-success}`confirmed`"))
    ['bdg-success:']
    """
    found: Counter[str] = Counter()
    for match in ROLE.finditer(text):
        body = "" if match["name"].startswith("bdg-") else match["body"]
        explicit = EXPLICIT_TARGET.search(body)
        found[f"{match['name']}:{explicit['target'] if explicit else body}"] += 1
    return found


def math_spans(text: str) -> Counter[str]:
    """Display and inline math, whitespace-normalized.

    >>> sorted(math_spans("$a$ and $$b + c$$"))
    ['a', 'b + c']
    """
    spans: Counter[str] = Counter()
    rest = MATH_BLOCK.sub(lambda m: spans.update([" ".join(m[1].split())]) or " ", text)
    rest = ROLE.sub(" ", rest)
    for match in MATH_INLINE.finditer(rest):
        spans[" ".join(match[1].split())] += 1
    return spans


def inline_code(text: str) -> Counter[str]:
    """Inline code spans (not role bodies).

    >>> sorted(inline_code("call `f(x)` per {claim}`a.b`"))
    ['f(x)']
    """
    return Counter(INLINE_CODE.findall(ROLE.sub(" ", text)))


def link_targets(text: str) -> Counter[str]:
    """Targets of Markdown links ``[title](target)``.

    >>> sorted(link_targets("[the ledger](#claims-ledger)"))
    ['#claims-ledger']
    """
    return Counter(LINK_TARGET.findall(text))


def digit_strings(text: str) -> set[str]:
    """Digit strings, full-width digits folded to ASCII.

    >>> sorted(digit_strings("第１层 and 25"))
    ['1', '25']
    """
    return set(DIGITS.findall(unicodedata.normalize("NFKC", text)))


def entry_problems(path: Path, msgid: str, msgstr: str, fuzzy: bool) -> list[Problem]:
    """Return the problems of one catalog entry."""
    if not msgstr.strip():
        return [Problem(path, msgid, "untranslated")]
    problems = []
    if fuzzy:
        problems.append(Problem(path, msgid, "fuzzy (review the translation, then drop the flag)"))
    for what, extract in (
        ("roles (claims, references, citations)", role_targets),
        ("math", math_spans),
        ("inline code", inline_code),
        ("link targets", link_targets),
    ):
        original, translated = extract(msgid), extract(msgstr)
        if original != translated:
            missing = sorted((original - translated).elements())
            extra = sorted((translated - original).elements())
            problems.append(
                Problem(path, msgid, f"{what} differ: missing {missing}, added {extra}")
            )
    new_digits = digit_strings(msgstr) - digit_strings(msgid)
    if new_digits:
        problems.append(
            Problem(path, msgid, f"digits not in the English: {sorted(new_digits)} (use a claim)")
        )
    return problems


PO_LINE = re.compile(
    r'^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?"(?:[^"\\]|\\.)*"$|^#.*$|^$'
)


def syntax_problems(po: Path) -> list[Problem]:
    r"""Lines that GNU msgfmt would refuse; babel reads some of them silently, quotes and all.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "x.po"
    >>> _ = bad.write_text('msgid "a"\nmsgstr ""b""\n', encoding="utf-8")
    >>> [p.message for p in syntax_problems(bad)]
    ['line 2 is not valid PO syntax (a stray quote?)']
    """
    lines = po.read_text(encoding="utf-8").splitlines()
    return [
        Problem(po, line[:60], f"line {number} is not valid PO syntax (a stray quote?)")
        for number, line in enumerate(lines, start=1)
        if not PO_LINE.match(line)
    ]


def catalog_problems(pot: Path, po: Path) -> list[Problem]:
    """Compare one language's catalog with its English template, entry by entry."""
    if not po.is_file():
        return [Problem(po, "", "catalog missing: run make translations")]
    syntax = syntax_problems(po)
    if syntax:
        return syntax
    with pot.open("rb") as handle:
        template = read_po(handle)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    wanted = {message.id for message in template if message.id}
    have = {message.id: message for message in catalog if message.id}
    problems = [
        Problem(po, msgid, "missing from the catalog: run make translations")
        for msgid in sorted(wanted - set(have))
    ]
    problems += [
        Problem(po, msgid, "no longer in the English: run make translations")
        for msgid in sorted(set(have) - wanted)
    ]
    for msgid in sorted(wanted & set(have)):
        message = have[msgid]
        problems += entry_problems(po, msgid, str(message.string or ""), message.fuzzy)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot", type=Path, required=True, help="gettext templates folder")
    parser.add_argument("--locales", type=Path, required=True, help="book/locales")
    parser.add_argument("--language", action="append", required=True, help="e.g. zh_CN")
    args = parser.parse_args(argv)
    templates = sorted(args.pot.rglob("*.pot"))
    if not templates:
        parser.error(f"no .pot files under {args.pot}: run the gettext builder first")
    problems: list[Problem] = []
    for language in args.language:
        folder = args.locales / language / "LC_MESSAGES"
        for pot in templates:
            po = folder / pot.relative_to(args.pot).with_suffix(".po")
            problems += catalog_problems(pot, po)
        stale = {p.relative_to(folder).with_suffix("") for p in folder.rglob("*.po")} - {
            t.relative_to(args.pot).with_suffix("") for t in templates
        }
        problems += [
            Problem(folder / f"{s}.po", "", "catalog of a page that no longer exists")
            for s in sorted(stale)
        ]
    for problem in problems:
        print(problem)
    print(
        f"check_catalogs: {len(templates)} templates x {len(args.language)} languages, "
        f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
