r"""Fail when the English prose, or its math, types a number by hand.

Every number in the book's prose must come from a claim (``{claim}`id```), so
that it is computed, tested and identical in every language. This lint strips
what may hold digits — front matter, code, math, roles, inline code, labels,
link targets, directive lines and options (alt text excepted) — and reports
any digit string left standing on its own. Digits inside identifiers
(``float16``, ``S2``) are not numbers and pass.

Math may hold the constants that define a formula (the 2 and the 1 of
``$\tanh(x) = 2\sigma(2x) - 1$``, the exact fraction ``$1/4$``), but not a
computed fact or a run parameter dressed up as math. So math is checked too:

- a decimal with a fractional part anywhere in math, inline or display
  (``$0.207$``, ``$$0.25^{20}$$``);
- inline math that is nothing but a number (``$10$``, ``$-5.87$``, ``$2^{-24}$``,
  ``$10^{-3}$``, ``$1000 \times 1000$``);
- in inline math, a plain number on either side of a relation (``$|w| > 4$``,
  ``$\approx 3$``, ``$x \geq 20$``, ``$h = 10^{-5}$``);
- inline math that is an interval with plain-number ends (``$[-10, 10]$``).

The numbers 0, 1 and -1 pass the last three rules: they are the signs, unit
bounds and identities of formulas (``$a > 0$``, ``$|\tanh x| < 1$``,
``$(-1, 1)$``), not measurements. Write any other number as a claim outside the
math: ``$x =$ {claim}`chapter.name```.

Prose also lives in ``actbook``: the source register's claims and corrections, the
articles' descriptions and each claim's statement and method are rendered as MyST on the
sources pages and in the ledger, so they are checked the same way.

Opt-out, for a true formula constant only: a MyST comment line
``% check-prose: formula-constant`` directly above a line exempts that line's
math (not its prose) from these checks. It is visible in the source and
invisible on the page; use it sparingly.
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

# --- Numbers inside math ------------------------------------------------------------------
OPT_OUT = re.compile(r"^\s*%\s*check-prose:\s*formula-constant\b")
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+")
_NUM = r"\d+(?:\.\d+)?(?:\s*\^\s*(?:\{\s*[+\-−]?\s*\d+(?:\.\d+)?\s*\}|\d))?"
PLAIN = re.compile(rf"[+\-−]?\s*{_NUM}(?:\s*(?:\\times|\\cdot)\s*{_NUM})*")
RELATION = re.compile(
    r"\\(?:leqslant|geqslant|leq?|geq?|neq?|lt|gt|ll|gg|approx|simeq|sim|equiv)(?![A-Za-z])"
    r"|<=|>=|[<>=]"
)
SEPARATOR = re.compile(r",|;|\\q?quad(?![A-Za-z])|\\text\{[^}]*\}|\\(?:,|;|!|:)")
INTERVAL = re.compile(rf"[\[(]\s*({PLAIN.pattern})\s*,\s*({PLAIN.pattern})\s*[\])]")
# Let through: signs, unit bounds and identities.
FORMULA_CONSTANTS = frozenset({"0", "1", "-1", "+1"})


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


def _constant(number: str) -> bool:
    """Whether a plain number is one of the formula constants 0, 1, -1."""
    return re.sub(r"\s+", "", number).replace("−", "-") in FORMULA_CONSTANTS


def _plain(operand: str) -> str | None:
    """``operand`` stripped, if it is a plain number that is not a formula constant."""
    operand = operand.strip()
    if operand and PLAIN.fullmatch(operand) and not _constant(operand):
        return operand
    return None


def _compared(math: str) -> list[str]:
    """Plain numbers standing alone on either side of a relation in ``math``."""
    found = []
    relations = list(RELATION.finditer(math))
    for index, relation in enumerate(relations):
        left_end = relation.start()
        left_start = relations[index - 1].end() if index else 0
        right_start = relation.end()
        right_end = relations[index + 1].start() if index + 1 < len(relations) else len(math)
        left = SEPARATOR.split(math[left_start:left_end])[-1]
        right = SEPARATOR.split(math[right_start:right_end])[0]
        for operand in (left, right):
            number = _plain(operand)
            if number and number not in found:
                found.append(number)
    return found


def math_problems(math: str, inline: bool = True) -> list[str]:
    """Return what is wrong with the numbers in one piece of math (without its ``$``).

    >>> math_problems(r"|w| > 4")
    ["comparison with the number '4' typed in math"]
    >>> math_problems(r"\\tanh(x) = 2\\sigma(2x) - 1"), math_problems(r"\\sigma' \\le 1/4")
    ([], [])
    """
    stripped = math.strip()
    if inline and stripped and PLAIN.fullmatch(stripped):
        return [] if _constant(stripped) else [f"math that is only the number '{stripped}'"]
    decimals = DECIMAL.findall(math)
    problems = [f"decimal '{d}' typed in math" for d in decimals]
    if not inline:
        return problems
    interval = INTERVAL.fullmatch(stripped)
    if interval and not (_constant(interval[1]) and _constant(interval[2])):
        problems.append(f"interval '{stripped}' with typed ends")
        return problems
    problems += [
        f"comparison with the number '{n}' typed in math"
        for n in _compared(math)
        if not any(d in n for d in decimals)  # reported once, as a decimal
    ]
    return problems


def typed_math_numbers(text: str) -> list[tuple[int, str]]:
    """Return ``(line, problem)`` for every computed-looking number inside math in ``text``.

    >>> typed_math_numbers("Wider by $10$; exact: $1/4$.\\n$$\\nx = 0.207\\n$$")
    [(1, "math that is only the number '10'"), (3, "decimal '0.207' typed in math")]
    """
    front = FRONT_MATTER.match(text)
    if front:
        text = "\n" * front[0].count("\n") + text[front.end() :]
    lines = text.split("\n")
    exempt = set()
    for number, line in enumerate(lines, start=1):
        if OPT_OUT.match(line):
            following = (n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip())
            exempt.add(next(following, 0))
    text = strip_code_fences(text)
    for pattern in (COMMENT, ROLE, INLINE_CODE):
        text = pattern.sub(_blank, text)
    found = []

    def report(match: re.Match[str], inline: bool) -> None:
        first = text.count("\n", 0, match.start()) + 1
        if first in exempt:  # the opt-out above a display block covers the whole block
            return
        # A display block is checked line by line, so a problem points at its own line.
        pieces = [match[0][1:-1]] if inline else match[0][2:-2].split("\n")
        for offset, piece in enumerate(pieces):
            if first + offset not in exempt:
                found.extend((first + offset, p) for p in math_problems(piece, inline=inline))

    for match in MATH_BLOCK.finditer(text):
        report(match, inline=False)
    text = MATH_BLOCK.sub(_blank, text)
    for match in MATH_INLINE.finditer(text):
        report(match, inline=True)
    return sorted(found)


def generated_prose() -> list[tuple[str, str]]:
    """Return ``(where, text)`` for the prose that ``actbook`` holds and the book renders."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from actbook import claims, sources

    texts = [(f"actbook.sources {a.id} covers", a.covers) for a in sources.ARTICLES.values()]
    for statement in sources.REGISTER.values():
        texts.append((f"actbook.sources {statement.id} claim", statement.claim))
        texts.append((f"actbook.sources {statement.id} correction", statement.correction))
    for claim_id, claim in sorted(claims.REGISTRY.items()):
        texts.append((f"actbook.claims {claim_id} statement", claim.statement))
        texts.append((f"actbook.claims {claim_id} method", claim.method))
    return texts


def problems_of(text: str) -> list[tuple[int, str]]:
    """Every typed number of one text, in prose or in math, with its line.

    >>> for problem in problems_of("Exactly $1/4$, not 0.25 or $|w| > 4$."):
    ...     print(problem)
    (1, "comparison with the number '4' typed in math")
    (1, "number typed in prose: '0.25' (use a claim)")
    """
    found = [
        (n, f"number typed in prose: {number!r} (use a claim)") for n, number in typed_numbers(text)
    ]
    found += typed_math_numbers(text)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, help="the book's source folder")
    parser.add_argument(
        "--pages-only", action="store_true", help="skip the prose that actbook holds"
    )
    args = parser.parse_args(argv)
    pages = sorted(p for p in args.book.rglob("*.md") if "locales" not in p.parts)
    texts = [(str(page), page.read_text(encoding="utf-8")) for page in pages]
    if not args.pages_only:
        texts += generated_prose()
    count = 0
    for where, text in texts:
        for lineno, problem in problems_of(text):
            hint = (
                "" if "prose" in problem else " (use a claim outside the math: $x =$ {claim}`id`)"
            )
            print(f"{where}:{lineno}: {problem}{hint}")
            count += 1
    print(
        f"check_prose_numbers: {len(pages)} pages and {len(texts) - len(pages)} texts of actbook, {count} typed number(s)"
    )
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
