"""Sphinx extension for the actbook book.

- the ``{claim}`` role renders a number computed by :mod:`actbook.claims` and links
  it to its entry in the claims ledger; an unknown id fails the build;
- the claims ledger page is generated from the registry (as MyST source, so the
  gettext catalogs translate it like any other page);
- so are the pages of "The sources, checked", from the source register; the
  articles' own words appear in their language, marked with ``lang``;
- every page gets a language switcher to the same page in the other languages,
  ``hreflang`` alternates, and Chinese search segmentation.

Claim values are computed once per cache key (a hash of ``src/actbook`` and the pins)
and shared by every language build, so all four languages show the same numbers,
timings included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from actbook.sphinxext.accessibility import setup_accessibility
from actbook.sphinxext.apivalues import setup_api_values
from actbook.sphinxext.citation import setup_citation
from actbook.sphinxext.exercises import setup_exercises
from actbook.sphinxext.figures import setup_figures
from actbook.sphinxext.languages import (
    add_language_context,
    fix_chinese_search,
    set_search_language,
)
from actbook.sphinxext.ledger import LEDGER_MARKER, insert_ledger, setup_claims_view
from actbook.sphinxext.measured import setup_measured_on
from actbook.sphinxext.navigation import setup_navigation
from actbook.sphinxext.page_inputs import setup_page_inputs
from actbook.sphinxext.page_language import setup_page_language
from actbook.sphinxext.pdf import setup_pdf
from actbook.sphinxext.reproducible import setup_reproducible
from actbook.sphinxext.roles import claim_role, load_claim_values
from actbook.sphinxext.sources_pages import setup_sources_pages
from actbook.sphinxext.static_files import setup_static_files
from actbook.sphinxext.textual_citations import setup_textual_citations
from actbook.sphinxext.translation_cost import setup_translation_cost
from actbook.sphinxext.typography import setup_typography

__all__ = ["LEDGER_MARKER", "setup"]

TEMPLATES = Path(__file__).parent / "templates"
#: 2: *et al.* set in italics by a read transform (typography.ItalicEtAl).
ENV_VERSION = 2


def _add_templates(app: Sphinx, config: Any) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]


class KeepDocstringsInEnglish(SphinxTransform):
    """API docstrings are source documentation: keep them out of the translation catalogs.

    Runs before Sphinx's ``Locale`` transform (priority 20), so a docstring line that
    happens to equal a translated heading (say "Timing") is not replaced either.
    """

    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.TextElement):
            if node.source and ":docstring of " in node.source:
                node["translatable"] = False


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the role, the ledger and the language features with Sphinx."""
    setup_page_inputs(app)  # what every page shows and Sphinx does not track
    app.add_config_value("actbook_cache_dir", "", "env", types=[str])
    app.add_config_value("actbook_languages", {}, "html", types=[dict])
    app.add_config_value("actbook_ledger_docname", "claims", "env", types=[str])
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", set_search_language)
    app.connect("builder-inited", load_claim_values)
    app.connect("source-read", insert_ledger)
    app.connect("html-page-context", add_language_context)
    app.add_transform(KeepDocstringsInEnglish)
    setup_reproducible(app)  # a rebuild writes what a clean build writes
    setup_translation_cost(app)  # lean translated doctrees, myst-parser's settings made once
    app.add_role("claim", claim_role)
    setup_measured_on(app)  # {measured-on}: the machine of the stored timings
    setup_sources_pages(app)
    # Each feature registers its own CSS and JS.
    app.setup_extension("actbook.sphinxext.downloads")  # notebooks and sources to download
    setup_claims_view(app)  # claim tooltips, the ledger's table layout
    setup_navigation(app)  # language switcher, search snippets and ranking
    setup_citation(app)  # cite this page, source and report links, "built from"
    setup_textual_citations(app)  # {cite:t}: authors joined in the page's language
    fix_chinese_search(app)
    app.add_css_file("actbook.css")  # before the features below, whose rules refine it
    setup_exercises(app)  # numbered exercises, "Solution to exercise n"
    setup_typography(app)  # CJK font stacks, emphasis in Chinese
    setup_api_values(app)  # long constants in the API reference; wide equations on phones
    setup_figures(app)  # figures fill the column; on a phone they scroll, text >= 9 px
    setup_pdf(app)  # the whole book as PDF: sidebar link, print styles
    setup_accessibility(app)  # names for the sidebar's toggles, list roles in the bibliography
    setup_page_language(app)  # theme strings in the page's language, English docstrings marked
    setup_static_files(app)  # the extension's static folder; trims what no page loads
    # env_version: raise it with every change to what reading a page produces (a role, a
    # read transform): Sphinx then reads every page again. An html setting rewrites pages
    # from the stored doctrees only (see page_inputs).
    return {
        "version": "0.1",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
