"""Fail when the English prose types a number by hand.

Every number in the book's prose must come from a claim (``{claim}`id```), so
that it is computed, tested and identical in every language. This lint strips
what may hold digits — front matter, code, math, roles, inline code, labels,
link targets, directive lines and options (alt text excepted) — and reports
any digit string left standing on its own. Digits inside identifiers
(``float16``, ``S2``) are not numbers and pass.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
MATH_BLOCK = re.compile(r"\$\$.+?\$\$", re.S)
MATH_INLINE = re.compile(r"\$[^$\n]+\$")
ROLE = re.compile(r"\{[a-z][\w:-]*\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`\n]+`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
LABEL = re.compile(r"^\s*\([\w.:-]+\)=\s*$", re.M)
COMMENT = re.compile(r"<!--.*?-->", re.S)
DIRECTIVE_LINE = re.compile(r"^\s*:{3,}.*$", re.M)
OPTION = re.compile(r"^\s*:(?!alt:)[\w-]+:.*$", re.M)
LIST_MARKER = re.compile(r"^(\s*)\d+[.)]\s", re.M)
NUMBER = re.compile(r"(?<![\w.\-])[−-]?\d+(?:[.,]\d+)*(?![\w])")


def strip_code_fences(text: str) -> str:
    """Blank out fenced blocks (code cells, code, directives in backticks) keeping line numbers."""
    lines = text.split("\n")
    out, fence = [], None
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            fence = match[2]
            out.append("")
        elif fence is not None:
            if (
                line.strip().startswith(fence[0] * len(fence))
                and line.strip().strip(fence[0]) == ""
            ):
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def prose_only(text: str) -> str:
    """Return ``text`` with everything that may legitimately hold digits blanked out.

    >>> " ".join(prose_only("Bound {claim}`v.b3` is $0.25^3$; see `f(2)`.").split())
    'Bound is ; see .'
    """
    front = FRONT_MATTER.match(text)
    if front:
        text = "\n" * front[0].count("\n") + text[front.end() :]
    text = strip_code_fences(text)
    for pattern in (
        COMMENT,
        MATH_BLOCK,
        MATH_INLINE,
        ROLE,
        INLINE_CODE,
        LINK_TARGET,
        LABEL,
        DIRECTIVE_LINE,
        OPTION,
    ):
        text = pattern.sub(_blank, text)
    return LIST_MARKER.sub(lambda m: m[1] + " " * (len(m[0]) - len(m[1])), text)


def typed_numbers(text: str) -> list[tuple[int, str]]:
    """Return ``(line, number)`` for every number typed in the prose of ``text``.

    >>> typed_numbers("The bound is 0.015625.\\nfloat16 and S2 are names.")
    [(1, '0.015625')]
    """
    found = []
    for lineno, line in enumerate(prose_only(text).split("\n"), start=1):
        found += [(lineno, match[0]) for match in NUMBER.finditer(line)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, help="the book's source folder")
    args = parser.parse_args(argv)
    pages = sorted(p for p in args.book.rglob("*.md") if "locales" not in p.parts)
    count = 0
    for page in pages:
        for lineno, number in typed_numbers(page.read_text(encoding="utf-8")):
            print(f"{page}:{lineno}: number typed in prose: {number!r} (use a claim)")
            count += 1
    print(f"check_prose_numbers: {len(pages)} pages, {count} typed number(s)")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
