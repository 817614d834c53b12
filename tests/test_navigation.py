"""The switcher's and the search page's assets, in small in-process builds.

The behaviour in a browser (anchors kept, stored choice, search ranking and snippets) is
tested in ``tests_browser/test_navigation.py``.
"""

from __future__ import annotations

import re

import pytest
from test_sphinxext import INDEX, build, register, registry  # noqa: F401  (fixtures)

from actbook.sphinxext.languages import alternates


def script_sources(page: str) -> list[str]:
    return re.findall(r'<script[^>]*src="([^"?]+)', page)


@pytest.mark.usefixtures("registry")
def test_search_page_alone_loads_the_search_script_before_searchtools(build):  # noqa: F811
    out, warnings = build(INDEX)
    assert "WARNING" not in warnings, warnings
    search = script_sources((out / "search.html").read_text())
    assert search.index("_static/actbook-search.js") < search.index("_static/searchtools.js")
    page = script_sources((out / "demo.html").read_text())
    assert "_static/navigation.js" in page and "_static/actbook-search.js" not in page
    assert (out / "_static" / "navigation.css").is_file()
    assert "actbookSearch" in (out / "_static" / "actbook-search.js").read_text()


@pytest.mark.usefixtures("registry")
def test_switcher_links_name_their_folder(build):  # noqa: F811
    out, _ = build(INDEX, language="zh_CN")
    page = (out / "demo.html").read_text()
    assert (
        '<a data-actbook-folder="en" href="../en/demo.html" hreflang="en" lang="en">English</a>'
        in page
    )
    assert '<nav class="actbook-languages" aria-label="Languages">' in page


@pytest.mark.usefixtures("registry")
def test_switcher_name_reaches_the_catalog(build):  # noqa: F811
    out, _ = build(INDEX, builder="gettext")
    assert 'msgid "Languages"' in (out / "sphinx.pot").read_text()


def test_alternates_carry_the_folder():
    languages = {"en": ("en", "en", "English"), "zh_TW": ("zh-tw", "zh-Hant", "繁體中文")}
    assert [link["folder"] for link in alternates(languages, "en", "index")] == ["en", "zh-tw"]
