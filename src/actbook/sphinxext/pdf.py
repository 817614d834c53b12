"""The PDF of the whole book: its link on every page, and the page styles used to print it.

``make pdf`` (``tools/make_pdf.py``) prints each language's ``singlehtml`` build with
Chromium and copies the file to ``<language folder>/_downloads/actbook-<folder>.pdf``
of the html site. Every html page links that file from the primary sidebar
(``templates/actbook-pdf-link.html``); ``tools/check_pdf.py`` checks that it exists.
A site built by ``make html`` alone has no PDF: ``pdf-link.js`` hides the link there.
``pdf-print.css`` and ``pdf-print.js`` prepare any page for printing: interface
elements hidden, exercise solutions opened (with the code of code exercises), no
shadows (they would print as raster images).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

# sphinx-book-theme's default primary sidebar (theme.conf), then the PDF link.
DEFAULT_SIDEBAR = [
    "navbar-logo.html",
    "icon-links.html",
    "search-button-field.html",
    "sbt-sidebar-nav.html",
]
PDF_LINK_TEMPLATE = "actbook-pdf-link.html"


def pdf_name(folder: str) -> str:
    """Return the file name of the PDF of the language built into ``folder``.

    >>> pdf_name("zh-cn")
    'actbook-zh-cn.pdf'
    """
    return f"actbook-{folder}.pdf"


def pdf_url(languages: dict[str, tuple[str, str, str]], language: str, pagename: str) -> str:
    """Return the PDF's URL relative to ``pagename`` (in the ``_downloads`` of its language).

    >>> langs = {"en": ("en", "en", "English"), "it": ("it", "it", "Italiano")}
    >>> pdf_url(langs, "it", "chapters/sigmoid-tanh")
    '../_downloads/actbook-it.pdf'
    >>> pdf_url(langs, "en", "index")
    '_downloads/actbook-en.pdf'
    """
    folder = languages[language][0]
    return "../" * pagename.count("/") + "_downloads/" + pdf_name(folder)


def add_sidebar_link(app: Sphinx, config: Config) -> None:
    """Append the PDF link to the primary sidebar of every page (unless conf.py set sidebars)."""
    if not config.html_sidebars:
        config.html_sidebars = {"**": [*DEFAULT_SIDEBAR, PDF_LINK_TEMPLATE]}


def add_pdf_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the sidebar template the PDF's URL (html builds of a known language only)."""
    languages = app.config.actbook_languages
    if app.builder.name != "html" or app.config.language not in languages:
        return
    context["actbook_pdf_url"] = pdf_url(languages, app.config.language, pagename)


def setup_pdf(app: Sphinx) -> None:
    """Register the sidebar link and the print styles."""
    app.connect("config-inited", add_sidebar_link)
    app.connect("html-page-context", add_pdf_context)
    app.add_css_file("pdf-print.css")
    app.add_js_file("pdf-print.js", loading_method="defer")
    app.add_js_file("pdf-link.js", loading_method="defer")  # hidden where make pdf has not run
