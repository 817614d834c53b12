"""Every interface string of a page in the page's language, and English marked as English.

- pydata-sphinx-theme ships one Chinese catalog, ``zh`` (Simplified), which gettext also
  picks for ``zh_TW``; some strings of Sphinx and of the themes are untranslated in
  Italian, and sphinx-book-theme writes a few in English in its templates. The book's
  ``sphinx.po`` comes before Sphinx's and the themes' catalogs, so it translates them:
  ``templates/actbook-theme-messages.html`` lists the strings for the gettext builder,
  and the templates ``toggle-*-sidebar.html``, ``sbt-sidebar-nav.html`` and
  ``layout.html`` put the theme's English through ``_()``.
- Sphinx's search script takes its strings from ``translations.js``, copied from
  Sphinx's own catalog: ``actbook-translations.js`` adds the book's translations of them
  (the search results summary is untranslated in Chinese and Italian).
- The search field's placeholder ("Search..." in every language) is translated.
- ``module`` in the general index, which Sphinx 9 writes untranslated, is translated, and
  so are myst-nb's "Show code cell source" buttons of hidden cells and their name.
- On translated pages the API docstrings, which stay English, are marked ``lang="en"``;
  the labels that Sphinx translates inside them ("Parameters", "Examples" …) keep the
  page's language.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, visit_HideCellInput
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator

from actbook.sphinxext.interface import message

#: The container of api.md that holds the docstrings (``::::{container} api-docstrings``).
DOCSTRINGS_CLASS = "api-docstrings"

#: Labels that Sphinx and napoleon write, translated, inside docstrings: field names
#: (docfields of the Python domain) and napoleon's section rubrics.
DOCSTRING_LABELS = (
    "Parameters",
    "Returns",
    "Return type",
    "Raises",
    "Yields",
    "Variables",
    "Keyword Arguments",
    "Other Parameters",
    "Receives",
    "Warns",
    "Example",
    "Examples",
    "Notes",
    "References",
)

#: Strings of Sphinx's search script (searchtools.js) that the book translates; the
#: summary is a plural pair (singular, plural).
SEARCH_SUMMARY = (
    "Search finished, found one page matching the search query.",
    "Search finished, found ${resultCount} pages matching the search query.",
)
SEARCH_STRINGS = (
    "Searching",
    "Preparing search...",
    "Search Results",
    "Hide Search Matches",
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.",
)
TRANSLATIONS_SCRIPT = "actbook-translations.js"


def html_language(language: str | None) -> str:
    """The ``lang`` value of a Sphinx language (as ``<html lang>`` writes it).

    >>> html_language("zh_TW"), html_language("it"), html_language(None)
    ('zh-TW', 'it', 'en')
    """
    return (language or "en").replace("_", "-")


def is_english(language: str | None) -> bool:
    """True for an English build (``en``, ``en_GB`` …, or no language).

    >>> is_english("en"), is_english("en_GB"), is_english(None), is_english("it")
    (True, True, True, False)
    """
    return (language or "en").split("_")[0] == "en"


class MarkDocstringLanguage(SphinxTransform):
    """Mark the API docstrings English and Sphinx's translated labels in them the page's.

    docutils writes a class ``language-<tag>`` as the element's ``lang`` attribute.
    """

    default_priority = 900

    def apply(self, **kwargs: Any) -> None:
        language = self.config.language
        if is_english(language):
            return
        labels = {str(_(label)) for label in DOCSTRING_LABELS}
        page = f"language-{html_language(language)}"
        for container in self.document.findall(nodes.container):
            if DOCSTRINGS_CLASS not in container["classes"]:
                continue
            container["classes"].append("language-en")
            for node in container.findall(lambda n: isinstance(n, nodes.field_name | nodes.rubric)):
                if node.astext().strip().rstrip(":：") in labels:
                    node["classes"].append(page)


class TranslateModuleIndexEntries(SphinxTransform):
    """Write "module" of the index entry of ``py:module`` in the page's language.

    Sphinx 9 writes the entry ``pair: module; <name>`` with "module" untranslated
    (earlier versions translated it), so the general index of a Chinese page lists
    "module" under each package. Runs before the index domain collects the entries (850).
    """

    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        if is_english(self.config.language):
            return
        word = str(_("module"))
        for index in self.document.findall(addnodes.index):
            index["entries"] = [
                (kind, f"{word};{value[len('module;') :]}", *rest)
                if kind == "pair" and value.startswith("module;")
                else (kind, value, *rest)
                for kind, value, *rest in index["entries"]
            ]


#: The buttons of a hidden code cell, as myst-nb writes them (``nb_code_prompt_show`` and
#: ``nb_code_prompt_hide`` with the kind of content that they show).
CELL_PROMPTS = (
    "Show code cell source",
    "Hide code cell source",
    "Show code cell content",
    "Hide code cell content",
    "Show code cell output",
    "Hide code cell output",
    "Show code cell outputs",
    "Hide code cell outputs",
)
#: The name myst-nb gives the ``<summary>`` of a hidden cell.
CELL_TOGGLE_NAME = "Toggle hidden content"


class TranslateCellPrompts(SphinxPostTransform):
    """Write the buttons of hidden code cells in the page's language (after myst-nb's
    ``HideInputCells``, priority 199, which makes them)."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(HideCodeCellNode):
            for key in ("prompt_show", "prompt_hide"):
                if node.get(key) in CELL_PROMPTS:
                    node[key] = message(node[key])


def visit_hidden_cell(self: SphinxTranslator, node: HideCodeCellNode) -> None:
    """myst-nb's ``<details>`` of a hidden cell, with its summary's name translated."""
    start = len(self.body)
    visit_HideCellInput(self, node)
    name = f'aria-label="{CELL_TOGGLE_NAME}"'
    translated = f'aria-label="{escape(message(CELL_TOGGLE_NAME), quote=True)}"'
    self.body[start:] = [part.replace(name, translated) for part in self.body[start:]]


def translations_script(gettext: Any) -> str:
    """The JavaScript that adds the book's translations of Sphinx's search strings.

    ``gettext`` is a translation function (the ``sphinx`` catalog of the build). Sphinx's
    ``Documentation.ngettext`` picks a form with ``PLURAL_EXPR``: the summary gets two
    forms, singular and plural, and an expression that chooses between them.

    >>> script = translations_script(lambda text: text.replace("Searching", "Cerco"))
    >>> '"Searching": "Cerco"' in script, script.count("Search finished")
    (True, 3)
    """
    messages: dict[str, Any] = {text: gettext(text) for text in SEARCH_STRINGS}
    singular, plural = SEARCH_SUMMARY
    messages[singular] = [gettext(singular), gettext(plural)]
    return (
        "/* actbook: the book's translations of Sphinx's search strings (after translations.js). */\n"
        '"use strict";\n'
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(messages, ensure_ascii=False, indent=1)});\n"
        "Documentation.PLURAL_EXPR = (n) => (n === 1 ? 0 : 1);\n"
    )


def add_translations_script(app: Sphinx) -> None:
    """Write ``_static/actbook-translations.js`` in the build's language and load it.

    It loads after Sphinx's ``translations.js`` (priority 500). It is written before any
    page, so that Sphinx links it with its ``?v=<checksum>`` in a clean build as in a
    rebuild.
    """
    if app.builder.format != "html" or is_english(app.config.language):
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    script = translations_script(lambda text: str(_(text)))
    (static / TRANSLATIONS_SCRIPT).write_text(script, encoding="utf-8")
    app.add_js_file(TRANSLATIONS_SCRIPT, priority=510)


def translate_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler, after the theme's: the search field's placeholder,
    and the language of Sphinx's translated tooltips in English signatures."""
    # sphinx-book-theme sets "Search" + "...", from a catalog without "Search".
    context["theme_search_bar_text"] = message("Search this book…")
    language = app.config.language
    body = context.get("body")
    if body and not is_english(language) and DOCSTRINGS_CLASS in body:
        # The "*" of a signature: <abbr title="…">, inside the English docstrings.
        title = str(_("Keyword-only parameters separator (PEP 3102)"))
        context["body"] = body.replace(
            f'<abbr title="{title}">', f'<abbr lang="{html_language(language)}" title="{title}">'
        )


def _override_hidden_cell_visitor(app: Sphinx) -> None:
    # After myst-nb registered its node (in its setup); a translator of the builder reads
    # the visitors when it is made, after builder-inited.
    from myst_nb.sphinx_ import depart_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))


def setup_page_language(app: Sphinx) -> None:
    """Register the transforms, the search strings and the page handler."""
    app.add_transform(MarkDocstringLanguage)
    app.add_transform(TranslateModuleIndexEntries)
    app.add_post_transform(TranslateCellPrompts)
    app.connect("builder-inited", _override_hidden_cell_visitor)
    app.connect("builder-inited", add_translations_script)
    app.connect("html-page-context", translate_page, priority=600)  # after the theme's 500
