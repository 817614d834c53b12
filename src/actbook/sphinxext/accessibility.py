"""Repairs of the markup that Sphinx and the theme write, where axe-core finds it inaccessible.

- The sidebar's expandable entries (pydata-sphinx-theme) are ``<details>`` whose ``<summary>``
  holds only a decorative chevron: a screen reader announces an unnamed control
  (axe ``summary-name``). Each gets an ``aria-label`` naming the entry it expands, in the
  page's language.
- Sphinx writes a bibliography as ``<div role="list">`` whose entries have the role
  ``doc-biblioentry``, which WAI-ARIA deprecated (DPUB-ARIA 1.1) and which a list does not
  accept as a child (axe ``aria-required-children``): the entries become ``listitem``.

Both are rewritten in the HTML the page is made of, so they hold without JavaScript.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from actbook.sphinxext.interface import message


def name_sidebar_toggles(soup: BeautifulSoup) -> BeautifulSoup:
    """Give every sidebar ``<summary>`` without a name the label "Sections of <entry>".

    ``soup`` is the sidebar as the theme's ``generate_toctree_html`` returns it: an
    expandable entry is its link followed by ``<details><summary>`` holding the chevron
    only. (A section caption sits inside its summary and names it already.)

    >>> soup = BeautifulSoup(
    ...     '<li class="has-children"><a class="reference internal" href="s.html">The '
    ...     "<em>sources</em></a><details><summary><span></span></summary></details></li>",
    ...     "html.parser",
    ... )
    >>> name_sidebar_toggles(soup).summary["aria-label"]
    'Sections of The sources'
    """
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get("aria-label") or summary.get_text(strip=True):
            continue
        link = summary.parent.find_previous_sibling("a")
        if link is not None:
            title = " ".join(link.get_text().split())
            summary["aria-label"] = message("Sections of {title}", title=title)
    return soup


def bibliography_list_items(html: str) -> str:
    """Give the entries of Sphinx's citation lists the role a list accepts.

    >>> bibliography_list_items('<div class="citation" id="x" role="doc-biblioentry">')
    '<div class="citation" id="x" role="listitem">'
    """
    return html.replace('role="doc-biblioentry"', 'role="listitem"')


def _named_toggles(generate: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap the theme's ``generate_toctree_html`` so that its toggles carry names."""

    @functools.cache
    def generate_named(kind: str, *args: Any, **kwargs: Any) -> Any:
        toctree = generate(kind, *args, **kwargs)
        return name_sidebar_toggles(toctree) if isinstance(toctree, BeautifulSoup) else toctree

    return generate_named


def repair_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler, run after the theme's: repair the sidebar and the body."""
    generate = context.get("generate_toctree_html")
    if generate is not None:
        context["generate_toctree_html"] = _named_toggles(generate)
    if "body" in context:
        context["body"] = bibliography_list_items(context["body"])


def setup_accessibility(app: Sphinx) -> None:
    """Register the repairs (after the theme has put its sidebar function in the context)."""
    app.connect("html-page-context", repair_page, priority=900)
