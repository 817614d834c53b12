"""Language switcher, ``hreflang`` alternates and Chinese search for the four builds.

Each language is built into its own folder (``_build/html/en``, ``zh-cn`` …) with
identical page names, so the same page in another language is always
``../<folder>/<pagename>.html`` relative to the current language's root.
"""

from __future__ import annotations

from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.zh import SearchChinese


class ChineseSearch(SearchChinese):
    """Chinese search whose page script names a stemmer that exists.

    Sphinx 9.0 writes ``window.Stemmer = ChineseStemmer`` into ``language_data.js``,
    but Chinese search stems Latin words with the English stemmer and no
    ``ChineseStemmer`` exists, so every search fails in the browser
    (sphinx-doc/sphinx#14229, fixed in Sphinx 9.1, which needs Python 3.12).
    """

    language_name = "English"


def fix_chinese_search(app: Sphinx) -> None:
    """Register :class:`ChineseSearch` where Sphinx still has the bug."""
    if sphinx.version_info[:2] < (9, 1):
        app.add_search_language(ChineseSearch)


def set_search_language(app: Sphinx, config: Config) -> None:
    """Segment Chinese pages with jieba so that search finds Chinese words."""
    if (config.language or "").startswith("zh"):
        config.html_search_language = "zh"


def alternates(
    languages: dict[str, tuple[str, str, str]], current: str, pagename: str
) -> list[dict[str, Any]]:
    """Return one link per language to ``pagename``, relative to the current page.

    >>> langs = {"en": ("en", "en", "English"), "it": ("it", "it", "Italiano")}
    >>> [a["url"] for a in alternates(langs, "it", "chapters/sigmoid-tanh")]
    ['../../en/chapters/sigmoid-tanh.html', '../../it/chapters/sigmoid-tanh.html']
    """
    up = "../" * (pagename.count("/") + 1)
    links = []
    for language, (folder, hreflang, label) in languages.items():
        links.append(
            {
                "language": language,
                "folder": folder,
                "hreflang": hreflang,
                "label": label,
                "url": f"{up}{folder}/{pagename}.html",
                "current": language == current,
            }
        )
    return links


def add_language_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give templates the alternates of this page and add ``hreflang`` links to its head."""
    languages = app.config.actbook_languages
    if not languages or app.config.language not in languages:
        return
    links = alternates(languages, app.config.language, pagename)
    context["actbook_alternates"] = links
    tags = "".join(
        f'<link rel="alternate" hreflang="{link["hreflang"]}" href="{link["url"]}" />\n'
        for link in links
    )
    context["metatags"] = context.get("metatags", "") + tags
