"""Generate the claims ledger page from the registry.

The ledger is written as MyST source and spliced into the page at ``source-read``,
so Sphinx's gettext builder extracts its sentences and the translated builds
render them from the catalogs, exactly like hand-written prose.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from actbook import claims
from actbook.claims import SOURCE_ARTICLES, Claim
from actbook.sphinxext.roles import ledger_label

LEDGER_MARKER = "<!-- actbook:claims-ledger -->"

VERDICT_TEXT = {
    "confirmed": "Confirmed: the computation agrees with the sources.",
    "imprecise": "Imprecise: the sources are close but not exact.",
    "wrong": "Wrong: the computation contradicts the sources.",
}


def format_sources(sources: tuple[str, ...]) -> str:
    """Link source articles to the preface and papers to the bibliography.

    >>> format_sources(("S2", "glorot2010"))
    '{ref}`S2 <source-s2>`, {cite:p}`glorot2010`'
    >>> format_sources(())
    'No source states it; the book computes it to support its own argument.'
    """
    if not sources:
        return "No source states it; the book computes it to support its own argument."
    parts = []
    for source in sources:
        if source in SOURCE_ARTICLES:
            parts.append(f"{{ref}}`{source} <source-{source.lower()}>`")
        else:
            parts.append(f"{{cite:p}}`{source}`")
    return ", ".join(parts)


def ledger_entry(claim: Claim) -> str:
    """Return the MyST source of one claim's ledger entry."""
    module = claim.compute.__module__
    function = claim.compute.__qualname__
    lines = [
        f"({ledger_label(claim.id)})=",
        f"### `{claim.id}`",
        "",
        "Value",
        f": {{claim}}`{claim.id}`",
        "",
        "Statement",
        f": {claim.statement}",
        "",
        "How it is computed",
        f": {claim.method} Function: `{module}.{function}`.",
        "",
        "Stated by",
        f": {format_sources(claim.sources)}",
        "",
        "Verdict",
        f": {VERDICT_TEXT[claim.verdict]}",
    ]
    if claim.correction:
        lines += ["", "Corrected statement", f": {claim.correction}"]
    if claim.volatile:
        lines += [
            "",
            "Note",
            ": A measurement of this machine: it is taken once per build and "
            "shared by every language, and differs between machines.",
        ]
    return "\n".join(lines) + "\n"


def ledger_source() -> str:
    """Return the MyST source of the whole ledger, one section per claim, grouped by chapter."""
    chapters: dict[str, list[Claim]] = {}
    for claim_id in sorted(claims.REGISTRY):
        chapters.setdefault(claim_id.split(".")[0], []).append(claims.REGISTRY[claim_id])
    parts = []
    for chapter in sorted(chapters):
        if chapter not in claims.CHAPTER_LABELS:
            raise ValueError(
                f"claims.CHAPTER_LABELS has no chapter label for claim prefix {chapter!r}"
            )
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
