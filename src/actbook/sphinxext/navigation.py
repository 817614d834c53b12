"""Reader navigation: the language switcher's script and style, and the search page's refinements.

- ``navigation.css`` keeps the language switcher and the theme's buttons on one row of the
  sticky article header, clear of the page header, at every width and in every language;
- ``navigation.js`` (every page) adds the reader's ``#anchor`` to the switcher's links and
  remembers the chosen language for the site's root page;
- ``actbook-search.js`` (the search page only) ranks chapters above API members and keeps
  TeX source and interface text (code-cell toggles, buttons, the header) out of the snippets.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SEARCH_SCRIPT = "actbook-search.js"


def add_search_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the search refinements on the search page only.

    Sphinx adds a script given to ``add_js_file`` during ``html-page-context`` to
    that page alone. It comes before ``searchtools.js`` in the page, so its
    ``Scorer`` replaces Sphinx's default one.
    """
    if pagename == "search" and app.builder.format == "html":
        app.add_js_file(SEARCH_SCRIPT)


def setup_navigation(app: Sphinx) -> None:
    """Register the switcher's style and script and the search page's script."""
    app.add_css_file("navigation.css")
    app.add_js_file("navigation.js")
    app.connect("html-page-context", add_search_script)
