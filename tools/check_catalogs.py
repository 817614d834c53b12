"""Check that every translation catalog is complete, current and faithful.

Fails (exit 1, one line per problem) when, for any language:

- a catalog is missing, or its messages differ from the English templates
  (``make translations`` was not run after the English changed);
- an entry is untranslated or fuzzy;
- a ``msgstr`` drops, adds or alters a role's target (claim, cross-reference,
  citation, equation, figure), a math span, inline code or a link target of
  its ``msgid``;
- a ``msgstr`` contains a digit string that its ``msgid`` does not: numbers
  come from claims, never from translators;
- a ``msgstr`` writes a term in a way that the binding glossary,
  ``book/locales/TERMINOLOGY.md``, forbids for its language (the table under
  "Forbidden variants"): prose only, so a source article's verbatim words (in a
  ``{source-quote}`` role), code and math may keep their own spelling;
- an Italian ``msgstr`` types a decimal with an ASCII point in its prose
  (``tasso 0.5``; Italian writes ``0,5``). Math, code, roles (targets and titles),
  URLs, version strings (``0.1.0``) and section numbers (``§7.5``) are not prose.
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
#: The glossary's table of forbidden variants starts under this heading.
FORBIDDEN_HEADING = "## Forbidden variants"


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


#: Languages that write a decimal comma: their prose must not type ``0.5``.
DECIMAL_COMMA = ("it",)
# Not prose, for the decimal mark; removed in this order (a role's body may hold backticks).
NOT_PROSE = (
    ROLE,
    re.compile(r"(`+).+?\1", re.S),  # inline code, with any number of backticks
    MATH_BLOCK,
    MATH_INLINE,
    re.compile(r"\]\([^)]*\)|<[a-z][\w+.-]*:[^<>\s]*>|\b(?:https?://|www\.)[^\s<>()]+"),  # URLs
    re.compile(r"\bv?\d+(?:\.\d+){2,}\b|§\s*\d+(?:\.\d+)+"),  # 0.1.0, v1.2.3, §7.5
)
ASCII_DECIMAL = re.compile(r"\d+(?:\.\d+)+")


def typed_decimals(text: str) -> list[str]:
    """Numbers with an ASCII decimal point in the prose of ``text``.

    Math, inline code, roles, URLs, version strings and section numbers are not prose.

    >>> typed_decimals("tasso 0.5 e $0.25^3$, `lr=0.1`, {claim}`relu.x`, actbook 0.1.0")
    ['0.5']
    >>> typed_decimals("tasso 0,5; https://example.org/v2.5/a, [pagina](x-1.2.html), §7.5")
    []
    """
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return ASCII_DECIMAL.findall(text)


def catalog_language(po: Path) -> str:
    """The language of a catalog: the folder above ``LC_MESSAGES`` in its path ("" if none).

    >>> catalog_language(Path("book/locales/it/LC_MESSAGES/chapters/dropout.po"))
    'it'
    """
    parts = po.parts
    index = parts.index("LC_MESSAGES") if "LC_MESSAGES" in parts else 0
    return parts[index - 1] if index else ""


def decimal_point_problems(path: Path, msgid: str, msgstr: str) -> list[Problem]:
    """One problem per decimal typed with an ASCII point in the prose of an Italian ``msgstr``.

    >>> [p.message for p in decimal_point_problems(Path("it.po"), "rate", "tasso 0.5")]
    ["ASCII decimal point in Italian prose: '0.5' (write a decimal comma, 0,5)"]
    """
    return [
        Problem(
            path,
            msgid,
            f"ASCII decimal point in Italian prose: {number!r} "
            f"(write a decimal comma, {number.replace('.', ',')})",
        )
        for number in typed_decimals(msgstr)
    ]


@dataclass(frozen=True)
class Variant:
    """A spelling of a term that the glossary forbids in one language, and the required one.

    ``context`` is a regular expression searched (ignoring case) in the ``msgid``: the
    variant is forbidden only in translations of such English, as 程序 for "program" in
    zh_TW, where it also means "procedure". Empty: forbidden everywhere.
    """

    language: str
    forbidden: str
    required: str
    context: str = ""


def _cell(text: str) -> str:
    """A table cell's text, without the backticks that show an apostrophe or a space."""
    text = text.strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == "`" else text


def forbidden_variants(glossary: Path) -> list[Variant]:
    r"""Read the forbidden variants from the glossary's table under :data:`FORBIDDEN_HEADING`.

    The table's columns: language, forbidden, required, English context, why.

    >>> import tempfile, pathlib
    >>> md = pathlib.Path(tempfile.mkdtemp()) / "T.md"
    >>> _ = md.write_text("# T\n\n## Forbidden variants\n\n| language | forbidden | required "
    ...     "| context | why |\n|---|---|---|---|---|\n| zh_TW | 占 | 佔 | | Taiwan form |\n"
    ...     "| it | `’` | `'` | | one apostrophe |\n\nAfter the table.\n", encoding="utf-8")
    >>> [(v.language, v.forbidden, v.required) for v in forbidden_variants(md)]
    [('zh_TW', '占', '佔'), ('it', '’', "'")]
    """
    lines = glossary.read_text(encoding="utf-8").splitlines()
    if FORBIDDEN_HEADING not in lines:
        raise ValueError(f"glossary {glossary}: expected a section {FORBIDDEN_HEADING!r}")
    rows = []
    for line in lines[lines.index(FORBIDDEN_HEADING) + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([_cell(cell) for cell in line.strip().strip("|").split("|")])
        elif rows and line.strip():
            break  # the first paragraph after the table
    variants = []
    for cells in rows[2:]:  # after the header and its rule
        if len(cells) < 4 or not cells[0] or not cells[1]:
            raise ValueError(
                f"glossary {glossary}: a forbidden-variant row needs language, "
                f"forbidden, required and context cells, got {cells}"
            )
        variants.append(Variant(cells[0], cells[1], cells[2], cells[3]))
    return variants


def prose(text: str) -> str:
    """The words of a catalog text that a translator wrote: no math, code or link targets.

    A role's body goes too (a claim id, a citation key, a source article's verbatim
    words), except the visible title of a ``{ref}`title <target>``` kind of role.

    >>> prose("见{ref}`连锁律 <eq-chain>`、{source-quote}`S3: 批量` 与 $x$，`f()` [台账](#c)")
    '见连锁律、  与  ，  [台账]'
    """

    def role(match: re.Match[str]) -> str:
        explicit = EXPLICIT_TARGET.search(match["body"])
        if match["name"].startswith("source-") or not explicit:
            return " "
        return match["body"][: explicit.start()].rstrip()

    text = ROLE.sub(role, MATH_BLOCK.sub(" ", text))
    text = INLINE_CODE.sub(" ", MATH_INLINE.sub(" ", text))
    return LINK_TARGET.sub("]", text)


def variant_problems(path: Path, msgid: str, msgstr: str, variants: list[Variant]) -> list[Problem]:
    """One problem per forbidden variant that the prose of ``msgstr`` uses."""
    words = prose(msgstr)
    return [
        Problem(
            path,
            msgid,
            f"glossary: {variant.forbidden!r} is a forbidden variant in {variant.language}, "
            f"write {variant.required!r} (book/locales/TERMINOLOGY.md)",
        )
        for variant in variants
        if variant.forbidden in words
        and (not variant.context or re.search(variant.context, msgid, re.I))
    ]


def entry_problems(
    path: Path, msgid: str, msgstr: str, fuzzy: bool, variants: list[Variant] | None = None
) -> list[Problem]:
    """Return the problems of one catalog entry; ``variants``: its language's forbidden ones."""
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
    return problems + variant_problems(path, msgid, msgstr, variants or [])


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


#: Placeholders that gettext tools write into a new catalog's header.
HEADER_PLACEHOLDERS = ("SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "FULL NAME", "EMAIL@ADDRESS",
                       "YEAR-MO-DA", "LL@li.org")  # fmt: skip


def header_problems(po: Path) -> list[Problem]:
    """A catalog's header must name its team and revision date, not gettext's placeholders.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "x.po"
    ...     _ = path.write_text('msgid ""\\nmsgstr ""\\n"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\\\n"\\n')
    ...     [problem.message for problem in header_problems(path)]
    ["header still has gettext's placeholder 'YEAR-MO-DA': name the team and the revision date"]
    """
    with po.open(encoding="utf-8") as handle:
        header = handle.read().split("\n\n", 1)[0]
    return [
        Problem(po, "", f"header still has gettext's placeholder {text!r}: "
                "name the team and the revision date")
        for text in HEADER_PLACEHOLDERS
        if text in header
    ]  # fmt: skip


def catalog_problems(pot: Path, po: Path, variants: list[Variant] | None = None) -> list[Problem]:
    """Compare one language's catalog with its English template, entry by entry.

    ``variants`` are the spellings that the glossary forbids in the catalog's language.
    """
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
    problems = header_problems(po)
    problems += [
        Problem(po, msgid, "missing from the catalog: run make translations")
        for msgid in sorted(wanted - set(have))
    ]
    problems += [
        Problem(po, msgid, "no longer in the English: run make translations")
        for msgid in sorted(set(have) - wanted)
    ]
    decimal_comma = catalog_language(po) in DECIMAL_COMMA
    for msgid in sorted(wanted & set(have)):
        message = have[msgid]
        problems += entry_problems(po, msgid, str(message.string or ""), message.fuzzy, variants)
        if decimal_comma and message.string:
            problems += decimal_point_problems(po, msgid, str(message.string))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pot", type=Path, required=True, help="gettext templates folder")
    parser.add_argument("--locales", type=Path, required=True, help="book/locales")
    parser.add_argument("--language", action="append", required=True, help="e.g. zh_CN")
    parser.add_argument(
        "--glossary", type=Path, help="the binding glossary (default: LOCALES/TERMINOLOGY.md)"
    )
    args = parser.parse_args(argv)
    glossary = args.glossary or args.locales / "TERMINOLOGY.md"
    try:
        variants = forbidden_variants(glossary)
    except (OSError, ValueError) as error:
        parser.error(f"--glossary: {error}")
    templates = sorted(args.pot.rglob("*.pot"))
    if not templates:
        parser.error(f"no .pot files under {args.pot}: run the gettext builder first")
    problems: list[Problem] = []
    for language in args.language:
        folder = args.locales / language / "LC_MESSAGES"
        for pot in templates:
            po = folder / pot.relative_to(args.pot).with_suffix(".po")
            problems += catalog_problems(pot, po, [v for v in variants if v.language == language])
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
