"""Generate the claims ledger page from the registry.

The ledger is written as MyST source and spliced into the page at ``source-read``,
so Sphinx's gettext builder extracts its sentences and the translated builds
render them from the catalogs, exactly like hand-written prose.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from actbook import claims, sources
from actbook.claims import Claim
from actbook.sphinxext.roles import ledger_label
from actbook.sphinxext.sources_pages import VERDICT_BADGE, article_label, statement_label

LEDGER_MARKER = "<!-- actbook:claims-ledger -->"

NO_SOURCE = "No source states it; the book computes it to support its own argument."


def decided_statements(claim_id: str) -> list[sources.Statement]:
    """Return the register's statements that a claim helps decide, in register order.

    >>> [s.id for s in decided_statements("vanishing.sigmoid_bound_3")][:1]
    ['S2.product-three-bound']
    """
    return [s for s in sources.REGISTER.values() if claim_id in s.claims]


def format_sources(articles: list[str], papers: tuple[str, ...]) -> str:
    """Link the articles to their pages of the sources and papers to the bibliography.

    >>> format_sources(["S2"], ("glorot2010",))
    '{ref}`S2 <sources-s2>`, {cite:p}`glorot2010`'
    >>> format_sources([], ())
    'No source states it; the book computes it to support its own argument.'
    """
    parts = [f"{{ref}}`{a} <{article_label(a)}>`" for a in articles]
    parts += [f"{{cite:p}}`{paper}`" for paper in papers]
    return ", ".join(parts) if parts else NO_SOURCE


def ledger_entry(claim: Claim) -> str:
    """Return the MyST source of one claim's ledger entry.

    What the sources say (the statements the claim decides, each with its verdict from
    the register) stands apart from what the book computes; a claim that no source
    states carries no verdict.
    """
    module = claim.compute.__module__
    function = claim.compute.__qualname__
    # a claim made in a loop computes with a lambda, whose name points nowhere: name the module
    code = f"Module: `{module}`." if "<" in function else f"Function: `{module}.{function}`."
    statements = decided_statements(claim.id)
    articles = list(dict.fromkeys(s.article for s in statements))
    papers = claim.papers
    lines = [
        f"({ledger_label(claim.id)})=",
        f"### `{claim.id}`",
        "",
        "Value",
        f": {{claim}}`{claim.id}`",
        "",
        "What the book states",
        f": {claim.statement}",
        "",
        "How it is computed",
        f": {claim.method} {code}",
        "",
        "Stated by",
        f": {format_sources(articles, papers)}",
    ]
    if statements:
        decided = ", ".join(
            f"{{ref}}`{s.id} <{statement_label(s.id)}>` {VERDICT_BADGE[s.verdict]}"
            for s in statements
        )
        lines += ["", "Source statements it decides", f": {decided}"]
    if claim.volatile:
        lines += [
            "",
            "Note",
            ": A measurement taken on the machine that built this site: it is taken once "
            "per build and shared by every language, and differs between machines.",
        ]
    return "\n".join(lines) + "\n"


def ledger_source() -> str:
    """Return the MyST source of the whole ledger, one section per claim, grouped by chapter."""
    chapters: dict[str, list[Claim]] = {}
    for claim_id in sorted(claims.REGISTRY):
        chapters.setdefault(claim_id.split(".")[0], []).append(claims.REGISTRY[claim_id])
    unknown = sorted(set(chapters) - set(claims.CHAPTER_LABELS))
    if unknown:
        raise ValueError(
            f"claims.CHAPTER_LABELS has no chapter label for claim prefix {unknown[0]!r}"
        )
    parts = []
    for chapter in (c for c in claims.CHAPTER_LABELS if c in chapters):  # the book's order
        parts.append(f"## `{chapter}`\n\nClaims of {{ref}}`{claims.CHAPTER_LABELS[chapter]}`.\n")
        parts.extend(ledger_entry(claim) for claim in chapters[chapter])
    return "\n".join(parts)


def insert_ledger(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace the ledger marker of the ledger page by the generated entries."""
    if docname != app.config.actbook_ledger_docname:
        return
    if LEDGER_MARKER not in source[0]:
        raise ValueError(f"page {docname!r} must contain the line {LEDGER_MARKER}")
    source[0] = source[0].replace(LEDGER_MARKER, ledger_source())
