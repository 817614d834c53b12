"""Generate "The sources, checked" pages from the source register.

Like the claims ledger, each page is written as MyST source and spliced in at
``source-read``, so the gettext builder extracts what the register says in English
(the claims, corrections, headings) and the translated builds render it from the
catalogs. The articles' own words (titles, locations, quotes) are inserted by roles
as nodes in the article's language, marked with ``lang`` and kept out of the catalogs:
a quote reads the same on every page.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from actbook import sources
from actbook.sphinxext.roles import ledger_label

ARTICLE_MARKER = re.compile(r"<!-- actbook:source-register (S[1-5]) -->")
SUMMARY_MARKER = "<!-- actbook:sources-summary -->"

# Text as well as colour: the word carries the verdict for readers who cannot see colour.
VERDICT_BADGE = {
    "confirmed": "{bdg-success}`confirmed`",
    "imprecise": "{bdg-warning}`imprecise`",
    "wrong": "{bdg-danger}`wrong`",
    "convention": "{bdg-info}`convention`",
    "unsupported": "{bdg-dark}`unsupported`",
    "pending": "{bdg-dark-line}`pending`",
}

LANGUAGE_NAMES = {
    "zh-CN": "Simplified Chinese",
    "zh-TW": "Traditional Chinese",
    "it": "Italian",
}


def statement_label(statement_id: str) -> str:
    """Return the label of a statement's row on its article's page.

    >>> statement_label("S4.underflow")
    'stmt-s4.underflow'
    """
    return f"stmt-{statement_id.lower()}"


def article_docname(article: str) -> str:
    """Return the document of an article's page.

    >>> article_docname("S3")
    'sources/s3'
    """
    return f"sources/{article.lower()}"


def article_label(article: str) -> str:
    """Return the label of an article's page.

    >>> article_label("S3")
    'sources-s3'
    """
    return f"sources-{article.lower()}"


def _claim_links(claim_ids: tuple[str, ...]) -> str:
    return ", ".join(f"{{ref}}`{c} <{ledger_label(c)}>`" for c in claim_ids)


def _checked_in(statement: sources.Statement) -> str:
    if statement.verdict == "pending":
        chapter = sources.CHAPTERS[statement.chapter]
        return f"To be decided in the chapter on {chapter}, not yet written."
    return f"{{ref}}`{statement.section}`"


def statement_row(statement: sources.Statement) -> str:
    """Return one row of an article's table (MyST ``list-table`` syntax)."""
    label = statement_label(statement.id)
    verdict = [VERDICT_BADGE[statement.verdict]]
    if statement.correction:
        verdict += ["", statement.correction]
    checked = [_checked_in(statement)]
    if statement.claims:
        checked += ["", _claim_links(statement.claims)]
    cells = [
        [
            f"({label})=",
            f"`{statement.id}` · {{source-location}}`{statement.id}`",
            "",
            f"{{source-quote}}`{statement.id}`",
        ],
        [statement.claim],
        verdict,
        checked,
    ]
    lines = []
    for number, cell in enumerate(cells):
        bullet = "* - " if number == 0 else "  - "
        lines.append(bullet + cell[0])
        lines.extend(("    " + line) if line else "" for line in cell[1:])
    return "\n".join(lines)


def verdict_counts(statements: list[sources.Statement]) -> Counter[str]:
    """Count statements by verdict.

    >>> verdict_counts(sources.statements_of("S1"))["wrong"] >= 0
    True
    """
    return Counter(s.verdict for s in statements)


def _count_table(rows: list[tuple[str, Counter[str]]]) -> str:
    header = ["Article", *(VERDICT_BADGE[v] for v in sources.VERDICTS), "All"]
    body = [[name, *map(str, _counts(counter))] for name, counter in rows]
    lines = [":::{list-table}", ":header-rows: 1", ":class: source-counts", ""]
    for cells in [header, *body]:
        lines.append("* - " + cells[0])
        lines.extend("  - " + cell for cell in cells[1:])
    lines.append(":::")
    return "\n".join(lines)


def _counts(counter: Counter[str]) -> list[int]:
    return [counter[v] for v in sources.VERDICTS] + [sum(counter.values())]


def article_source(article: str) -> str:
    """Return the MyST source of one article's page body."""
    meta = sources.ARTICLES[article]
    statements = sources.statements_of(article)
    parts = [
        "Original title",
        f": {{source-title}}`{article}`",
        "",
        "Language",
        f": {LANGUAGE_NAMES[meta.language]}",
        "",
        "What it covers",
        f": {meta.covers}",
        "",
        f"({article_label(article)}-verdicts)=",
        "## Verdicts",
        "",
        _count_table([(article, verdict_counts(statements))]),
        "",
        f"({article_label(article)}-statements)=",
        "## Statements, in the article's order",
        "",
        "Each row gives where the article says it and its own words, what that claims, "
        "the book's verdict with the correction where one is needed, and the section "
        "and the claims that decide it.",
        "",
        ":::{list-table}",
        ":header-rows: 1",
        ":widths: 30 30 20 20",
        ":class: source-register",
        "",
        "* - Where, and the article's words",
        "  - What it claims",
        "  - Verdict",
        "  - Checked in",
        *(statement_row(s) for s in statements),
        ":::",
    ]
    return "\n".join(parts) + "\n"


def summary_source() -> str:
    """Return the MyST source of the verdict counts of every article (the index page)."""
    rows = [
        (f"{{ref}}`{a} <{article_label(a)}>`", verdict_counts(sources.statements_of(a)))
        for a in sources.ARTICLES
    ]
    total: Counter[str] = Counter()
    for _, counter in rows:
        total += counter
    rows.append(("All", total))
    return _count_table(rows) + "\n"


def insert_sources_pages(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace the register markers by the generated tables."""
    text = source[0]
    if SUMMARY_MARKER in text:
        text = text.replace(SUMMARY_MARKER, summary_source())
    match = ARTICLE_MARKER.search(text)
    if match:
        if docname != article_docname(match[1]):
            raise ValueError(f"the register of {match[1]} belongs in {article_docname(match[1])}")
        text = text.replace(match[0], article_source(match[1]))
    source[0] = text


# ------------------------------------------------------------------ the articles' own words


TYPED_QUOTE = re.compile(r"^(?P<article>S[1-5]):\s*(?P<words>\S.*)$", re.S)


class source_text(nodes.inline):  # noqa: N801 (docutils names node classes in lower case)
    """Words of a source article, in its language: a title, a location or a quote."""


def _words_and_math(words: str) -> list[nodes.Node]:
    """Split an article's words into text and inline math (S1 writes its formulas in TeX)."""
    found: list[nodes.Node] = []
    end = 0
    # a closing $ (or $$) matches its opening: "$x_0$$x_1$" is two formulas, not one $$..$$
    for match in re.finditer(r"(\$\$?)([^$]+)\1", words):
        if match.start() > end:
            found.append(nodes.Text(words[end : match.start()]))
        found.append(nodes.math(f"${match[2]}$", match[2]))
        end = match.end()
    if end < len(words):
        found.append(nodes.Text(words[end:]))
    return found


def _source_text(kind: str) -> Any:
    """Make the role ``{source-<kind>}``: a register id, or ``S<n>: words`` for a quote."""

    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: dict[str, Any] | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = text.strip()
        typed = TYPED_QUOTE.match(key) if kind == "quote" else None
        table = sources.ARTICLES if kind == "title" else sources.REGISTER
        if typed:  # words quoted in a chapter: tests/test_sources.py checks them verbatim
            language, words = sources.ARTICLES[typed["article"]].language, typed["words"]
        elif key in table:
            language, words = table[key].language, getattr(table[key], kind)
        else:
            message = inliner.reporter.error(
                f"{name}: unknown {'article' if kind == 'title' else 'statement'} id {key!r}",
                line=lineno,
            )
            return [inliner.problematic(rawtext, rawtext, message)], [message]
        node = source_text(rawtext, "", *_words_and_math(words), classes=[f"source-{kind}"])
        node["lang"] = language
        node["support_smartquotes"] = False  # the article's apostrophes and quotes, as written
        node["element"] = "q" if kind == "quote" else "span"
        return [node], []

    return role


def visit_source_text_html(self: Any, node: source_text) -> None:
    self.body.append(self.starttag(node, node["element"], "", lang=node["lang"]))


def depart_source_text_html(self: Any, node: source_text) -> None:
    self.body.append(f"</{node['element']}>")


def _visit_inline(self: Any, node: nodes.Node) -> None:
    self.visit_inline(node)


def _depart_inline(self: Any, node: nodes.Node) -> None:
    self.depart_inline(node)


_NOTHING_TO_TRANSLATE = re.compile(r"\{(?!bdg-)[\w:-]+\}`[^`]*`|`[^`]*`|\$[^$]*\$|\([\w.:-]+\)=")


class KeepGeneratedMarkupOutOfCatalogs(SphinxTransform):
    """On generated pages, a paragraph or heading of roles and code only has nothing to translate.

    Without this, every quote cell and every list of claim links would become a catalog
    entry whose translation is a copy of the markup. A verdict badge's word is translated.
    """

    default_priority = 10  # before Sphinx's Locale transform

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not (docname.startswith("sources/") or docname == self.config.actbook_ledger_docname):
            return
        for node in self.document.findall(lambda n: isinstance(n, nodes.paragraph | nodes.title)):
            words = _NOTHING_TO_TRANSLATE.sub("", node.rawsource)
            if node.rawsource and not any(ch.isalpha() for ch in words):
                node["translatable"] = False


def setup_sources_pages(app: Sphinx) -> None:
    """Register the markers, roles, node and transform of the sources pages."""
    app.connect("source-read", insert_sources_pages)
    for kind in ("title", "location", "quote"):
        app.add_role(f"source-{kind}", _source_text(kind))
    inline = (_visit_inline, _depart_inline)
    app.add_node(
        source_text,
        html=(visit_source_text_html, depart_source_text_html),
        latex=inline,
        text=inline,
        man=inline,
        texinfo=inline,
    )
    app.add_transform(KeepGeneratedMarkupOutOfCatalogs)
