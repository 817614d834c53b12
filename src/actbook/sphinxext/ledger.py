"""Generate the claims ledger page from the registry.

The ledger is written as MyST source and spliced into the page at ``source-read``,
so Sphinx's gettext builder extracts its sentences and the translated builds
render them from the catalogs, exactly like hand-written prose.

It is one compact table per chapter, a claim per row: the claim's id (the row carries
the stable anchor ``claim-<id>``) with how it is computed folded under it, its value,
what the book states, the source statements it decides with their verdicts and the
papers that state it, and the sections of the book whose text uses it. "Used in" is
found by scanning the book's sources for ``{claim}`` roles, so it needs no second
build pass and is the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from actbook import claims, sources
from actbook.claims import Claim
from actbook.sphinxext.roles import ClaimTooltips, ledger_label, load_claim_tooltips
from actbook.sphinxext.sources_pages import VERDICT_BADGE, insert_sources_pages, statement_label

LEDGER_MARKER = "<!-- actbook:claims-ledger -->"
LEDGER_CLASS = "claims-ledger"
LEGEND_CLASS = "claims-legend"
NO_SOURCE_MARK = "—"
VOLATILE_MARK = "†"

NO_SOURCE = "No source states it; the book computes it to support its own argument."
VOLATILE_NOTE = (
    "A timing, measured with make remeasure on the machine that its chapter names and "
    "stored with the book: every build shows the same value, another machine would not."
)
METHOD_SUMMARY = "How it is computed"
COLUMNS = ("Claim", "Value", "What the book states", "Stated by", "Used in")
WIDTHS = "18 9 44 12 17"


# ------------------------------------------------------------------ where claims are used


class Use(NamedTuple):
    """A page whose text uses a claim, and the label of the section that does (or ``""``)."""

    docname: str
    label: str


CLAIM_ROLE = re.compile(r"\{claim\}`\s*([^`\s]+)\s*`")
TARGET = re.compile(r"^\(([^()\s]+)\)=\s*$")
HEADING = re.compile(r"^(#{1,6})\s+\S")
FENCE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,}|:{3,})\s*(?P<info>.*?)\s*$")
# Fenced blocks whose content is not MyST: no role or heading inside them is real.
LITERAL_DIRECTIVES = re.compile(
    r"^(|\w[\w+-]*|\{(code-cell|code-block|code|sourcecode|literalinclude|math|raw)\}.*)$"
)


def scan_uses(docname: str, text: str) -> tuple[list[tuple[str, Use]], dict[str, str]]:
    """Find the claims a page's MyST source uses, and the labels it defines on headings.

    Returns the ``(claim id, use)`` pairs in the page's order, each use naming the
    innermost labelled heading around the role, and ``{label: docname}`` for every
    labelled heading. Roles and headings inside code blocks do not count.

    >>> text = "(ch-x)=\\n# X\\n\\nA {claim}`x.a`.\\n\\n(sec-b)=\\n## B\\n\\n### C\\n\\n{claim}`x.b`\\n"
    >>> pairs, labels = scan_uses("chapters/x", text)
    >>> [(claim, use.label) for claim, use in pairs]
    [('x.a', 'ch-x'), ('x.b', 'sec-b')]
    >>> labels
    {'ch-x': 'chapters/x', 'sec-b': 'chapters/x'}
    >>> scan_uses("p", "```{code-cell} python3\\n# not a heading {claim}`x.c`\\n```\\n")[0]
    []
    """
    pairs: list[tuple[str, Use]] = []
    labels: dict[str, str] = {}
    headings: list[tuple[int, str]] = []  # (level, label or "") of the enclosing headings
    fences: list[tuple[str, bool]] = []  # (marker, literal) of the open fenced blocks
    pending = ""
    for line in text.splitlines():
        fence = FENCE.match(line)
        literal = any(is_literal for _, is_literal in fences)
        if fence and fences and not fence["info"] and _closes(fence["marker"], fences[-1][0]):
            fences.pop()
            continue
        if fence and not literal:
            fences.append((fence["marker"], bool(LITERAL_DIRECTIVES.match(fence["info"]))))
            continue
        if literal:
            continue
        target, heading = TARGET.match(line), HEADING.match(line)
        if target:
            pending = target[1]
            continue
        if heading:
            level = len(heading[1])
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, pending))
            if pending:
                labels[pending] = docname
        if line.strip():
            pending = ""
        section = next((label for _, label in reversed(headings) if label), "")
        pairs.extend((claim_id, Use(docname, section)) for claim_id in CLAIM_ROLE.findall(line))
    return pairs, labels


def _closes(marker: str, opening: str) -> bool:
    return marker[0] == opening[0] and len(marker) >= len(opening)


def claim_uses(pages: Iterable[tuple[str, str]]) -> tuple[dict[str, list[Use]], dict[str, str]]:
    """Collect, over ``(docname, MyST source)`` pages, every claim's uses (no repeats).

    Returns ``{claim id: [use, ...]}`` in the pages' order and ``{label: docname}``.
    """
    uses: dict[str, list[Use]] = {}
    labels: dict[str, str] = {}
    for docname, text in pages:
        pairs, found = scan_uses(docname, text)
        labels.update(found)
        for claim_id, use in pairs:
            known = uses.setdefault(claim_id, [])
            if use not in known:
                known.append(use)
    return uses, labels


def book_pages(app: Sphinx) -> list[tuple[str, str]]:
    """Return ``(docname, MyST source)`` of every page but the ledger, generated parts included."""
    pages = []
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if docname == app.config.actbook_ledger_docname or path.suffix != ".md":
            continue
        source = [path.read_text(encoding="utf-8")]
        insert_sources_pages(app, docname, source)  # the register's corrections use claims
        pages.append((docname, source[0]))
    return pages


# ------------------------------------------------------------------ the table


def decided_statements(claim_id: str) -> list[sources.Statement]:
    """Return the register's statements that a claim helps decide, in register order.

    >>> [s.id for s in decided_statements("vanishing.sigmoid_bound_3")][:1]
    ['S2.product-three-bound']
    """
    return [s for s in sources.REGISTER.values() if claim_id in s.claims]


def method_text(claim: Claim) -> str:
    """Return how a claim is computed, naming its function (the ledger's catalog entry).

    A claim made in a loop computes with a lambda, whose name points nowhere: the
    module is named instead. A timing names the function that measures it.
    """
    function_object = claim.measure or claim.compute  # a timing: its measuring function
    module = function_object.__module__
    function = function_object.__qualname__
    code = f"Module: `{module}`." if "<" in function else f"Function: `{module}.{function}`."
    return f"{claim.method} {code}"


def stated_by(claim: Claim) -> list[str]:
    """Return the paragraphs of the "Stated by" cell: decided statements with verdicts, papers.

    A statement shows as its article ("S2", linked to the statement's row) and its
    verdict badge, one per line: a catalog entry of a link and a badge only, which
    ``tools/fill_badge_entries.py`` translates. A claim that nothing states shows a
    dash, explained in the legend.
    """
    paragraphs = [
        f"{{ref}}`{s.article} <{statement_label(s.id)}>` {VERDICT_BADGE[s.verdict]}"
        for s in decided_statements(claim.id)
    ]
    if claim.papers:
        paragraphs.append(", ".join(f"{{cite:p}}`{paper}`" for paper in claim.papers))
    return paragraphs or [NO_SOURCE_MARK]


def used_in(uses: list[Use], home: str) -> str:
    """Return the "Used in" cell: sections of the claim's own chapter, other pages whole.

    A section title alone could be ambiguous on another page ("Summary", "Exercises"),
    so uses outside ``home`` (the chapter's page) link the page, by its title.

    >>> used_in([Use("ch/a", "sec-1"), Use("ch/a", "sec-2"), Use("ch/b", "sec-9")], "ch/a")
    '{ref}`sec-1`, {ref}`sec-2`, {doc}`/ch/b`'
    >>> used_in([], "ch/a")
    '—'
    """
    links = [
        f"{{ref}}`{use.label}`" if use.docname == home and use.label else f"{{doc}}`/{use.docname}`"
        for use in uses
    ]
    return ", ".join(dict.fromkeys(links)) or NO_SOURCE_MARK


def _cells_to_rows(rows: list[list[list[str]]]) -> list[str]:
    """Write rows of cells (each a list of paragraphs) as ``list-table`` items."""
    lines = []
    for cells in rows:
        for number, paragraphs in enumerate(cells):
            bullet = "* - " if number == 0 else "  - "
            first, *rest = paragraphs
            lines.append(bullet + first)
            for paragraph in rest:
                lines += ["", "    " + paragraph]
    return lines


def ledger_entry(claim: Claim, uses: list[Use] | None = None, home: str = "") -> str:
    """Return the MyST source of one claim's row of its chapter's table.

    What the sources say (the statements the claim decides, each with its verdict from
    the register) stands apart from what the book computes; a claim that no source
    states carries no verdict.
    """
    value = f"{{claim}}`{claim.id}`" + (f" {VOLATILE_MARK}" if claim.volatile else "")
    cells = [
        [f"({ledger_label(claim.id)})=\n    `{claim.id}`", METHOD_SUMMARY, method_text(claim)],
        [value],
        [claim.statement],
        stated_by(claim),
        [used_in(uses or [], home)],
    ]
    return "\n".join(_cells_to_rows([cells]))


def chapter_table(chapter_claims: list[Claim], uses: dict[str, list[Use]], home: str) -> str:
    """Return the MyST ``list-table`` of one chapter's claims."""
    lines = [
        ":::{list-table}",
        ":header-rows: 1",
        f":widths: {WIDTHS}",
        f":class: {LEDGER_CLASS}",
        "",
        *_cells_to_rows([[[column] for column in COLUMNS]]),
        *(ledger_entry(claim, uses.get(claim.id, []), home) for claim in chapter_claims),
        ":::",
    ]
    return "\n".join(lines) + "\n"


CHAPTER_TABLE_PREFIX = "claims-of-"


def chapter_label(chapter: str) -> str:
    """Return the label of a chapter's table in the ledger.

    >>> chapter_label("relu_family")
    'claims-of-relu_family'
    """
    return f"{CHAPTER_TABLE_PREFIX}{chapter}"


def legend() -> str:
    """Return the legend of the marks the tables use."""
    rows = [[[NO_SOURCE_MARK], [NO_SOURCE]], [[VOLATILE_MARK], [VOLATILE_NOTE]]]
    return "\n".join(
        [":::{list-table}", f":class: {LEGEND_CLASS}", "", *_cells_to_rows(rows), ":::"]
    )


def ledger_source(
    uses: dict[str, list[Use]] | None = None, labels: dict[str, str] | None = None
) -> str:
    """Return the MyST source of the whole ledger: a legend, then a table per chapter.

    ``uses`` and ``labels`` come from :func:`claim_uses`; without them "Used in" is empty.
    """
    uses, labels = uses or {}, labels or {}
    chapters: dict[str, list[Claim]] = {}
    for claim_id in sorted(claims.REGISTRY):
        chapters.setdefault(claim_id.split(".")[0], []).append(claims.REGISTRY[claim_id])
    unknown = sorted(set(chapters) - set(claims.CHAPTER_LABELS))
    if unknown:
        raise ValueError(
            f"claims.CHAPTER_LABELS has no chapter label for claim prefix {unknown[0]!r}"
        )
    order = [c for c in claims.CHAPTER_LABELS if c in chapters]  # the book's order
    # the page has no side table of contents (the tables take its width): jump links instead
    jumps = " · ".join(f"{{ref}}`{chapter} <{chapter_label(chapter)}>`" for chapter in order)
    parts = [legend(), "", jumps, ""]
    for chapter in order:
        label = claims.CHAPTER_LABELS[chapter]
        parts.append(
            f"({chapter_label(chapter)})=\n## `{chapter}`\n\nClaims of {{ref}}`{label}`.\n"
        )
        parts.append(chapter_table(chapters[chapter], uses, labels.get(label, "")))
    return "\n".join(parts)


def insert_ledger(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace the ledger marker of the ledger page by the generated tables."""
    if docname != app.config.actbook_ledger_docname:
        return
    if LEDGER_MARKER not in source[0]:
        raise ValueError(f"page {docname!r} must contain the line {LEDGER_MARKER}")
    uses, labels = claim_uses(book_pages(app))
    source[0] = source[0].replace(LEDGER_MARKER, ledger_source(uses, labels))


def reread_ledger(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the ledger whenever another page changed: its "Used in" column may have."""
    ledger = app.config.actbook_ledger_docname
    others = (added | changed | removed) - {ledger}
    return [ledger] if others and ledger in env.found_docs else []


# ------------------------------------------------------------------ layout of the table


class claim_method(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """How a claim is computed, folded away under a summary (``<details>`` in HTML)."""


class claim_method_summary(nodes.TextElement):  # noqa: N801
    """The always visible line of a :class:`claim_method` (``<summary>`` in HTML)."""


class LedgerTableLayout(SphinxTransform):
    """Give the ledger's rows their anchors and fold each claim's method away.

    Runs after the translation (``Locale``, 20) and after the targets were moved onto
    the id's paragraph (``PropagateTargets``, 260), before the labels are collected
    (``SphinxDomains``, 850): ``claim-<id>`` then names the whole row.
    """

    default_priority = 300

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname != self.config.actbook_ledger_docname:
            return
        from sphinx.builders.gettext import MessageCatalogBuilder

        if issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return  # the catalogs need the plain paragraphs
        for table in self.document.findall(nodes.table):
            if LEDGER_CLASS not in table["classes"]:
                continue
            for tbody in table.findall(nodes.tbody):
                for row in tbody.children:
                    self._anchor_row(row)
                    self._fold_method(row.children[0])

    def _anchor_row(self, row: nodes.Element) -> None:
        paragraph = row.children[0].next_node(nodes.paragraph)
        if paragraph is None:
            return
        for node_id in [i for i in paragraph["ids"] if i.startswith("claim-")]:
            paragraph["ids"].remove(node_id)
            row["ids"].append(node_id)
            self.document.ids[node_id] = row

    def _fold_method(self, entry: nodes.Element) -> None:
        """Fold the paragraphs after the claim's id under the first of them."""
        paragraphs = [child for child in entry.children if isinstance(child, nodes.paragraph)]
        if len(paragraphs) < 3:
            return
        summary_paragraph, *body = paragraphs[1:]
        summary = claim_method_summary("", "", *summary_paragraph.children)
        details = claim_method("", summary, *body, classes=["claim-method"])
        for child in paragraphs[1:]:
            entry.remove(child)
        entry.append(details)


class ChineseListSeparators(SphinxPostTransform):
    """In Chinese pages, separate the links of a "Used in" cell with "、", not ", ".

    The cell is written once, in the English source, as links only: no catalog entry
    can change its separator.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if self.env.docname != self.config.actbook_ledger_docname:
            return
        if not (self.config.language or "").startswith("zh"):
            return
        for table in self.document.findall(nodes.table):
            if LEDGER_CLASS not in table["classes"]:
                continue
            for row in table.findall(nodes.row):
                for text in list(row.children[-1].findall(nodes.Text)):
                    if str(text) == ", ":
                        text.parent.replace(text, nodes.Text("、"))


def visit_claim_method_html(self: Any, node: claim_method) -> None:
    self.body.append(self.starttag(node, "details", ""))


def depart_claim_method_html(self: Any, node: claim_method) -> None:
    self.body.append("</details>\n")


def visit_summary_html(self: Any, node: claim_method_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary_html(self: Any, node: claim_method_summary) -> None:
    self.body.append("</summary>\n")


def _visit_nothing(self: Any, node: nodes.Node) -> None:
    pass


def _visit_paragraph(self: Any, node: nodes.Node) -> None:
    self.visit_paragraph(node)


def _depart_paragraph(self: Any, node: nodes.Node) -> None:
    self.depart_paragraph(node)


def setup_claims_view(app: Sphinx) -> None:
    """Register the claim values' tooltips, the ledger's layout and their stylesheet.

    (The ``{claim}`` role and the ledger's ``source-read`` handler are registered by
    :func:`actbook.sphinxext.setup`.)
    """
    app.connect("env-before-read-docs", load_claim_tooltips)
    app.connect("env-get-outdated", reread_ledger)
    app.add_post_transform(ClaimTooltips)
    app.add_transform(LedgerTableLayout)
    other = (_visit_nothing, _visit_nothing)
    paragraph = (_visit_paragraph, _depart_paragraph)
    builders = ("latex", "text", "man", "texinfo")
    app.add_node(
        claim_method,
        html=(visit_claim_method_html, depart_claim_method_html),
        **dict.fromkeys(builders, other),
    )
    app.add_node(
        claim_method_summary,
        html=(visit_summary_html, depart_summary_html),
        **dict.fromkeys(builders, paragraph),
    )
    app.add_post_transform(ChineseListSeparators)
    app.add_css_file("claims.css")
    app.add_js_file("claims.js")
