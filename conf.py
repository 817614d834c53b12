"""Sphinx configuration for actbook: one source tree, four languages.

Build one language with ``sphinx-build -c . -D language=zh_CN book _build/html/zh-cn``;
``make html`` builds all four and the root page that picks the reader's language.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))  # a plain checkout builds without installing actbook


def _tree_hash(*paths: Path) -> str:
    """Hash the files that executed cells depend on (myst-nb does not track imports)."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            # The Sphinx extension (templates, CSS, roles) changes no cell output or claim value.
            if "__pycache__" in file.parts or "sphinxext" in file.parts:
                continue
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


ACTBOOK_CACHE_KEY = _tree_hash(ROOT / "src" / "actbook", ROOT / "requirements.txt")

project = "actbook"
author = "The actbook authors"
copyright = "2026, The actbook authors"
language = "en"

# Where the book lives. When it moves, change these two lines (and CITATION.cff, which a test
# compares with them): the cite blocks, the source and "report a problem" links, the footer's
# commit link and the preface's link (myst_substitutions below) all read them.
actbook_repository_url = "https://github.com/actbook/actbook"
html_baseurl = "https://actbook.github.io/actbook/"  # the site; each language in <folder>/

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax served from _static: the site reads offline
    "sphinxcontrib.bibtex",
    "sphinx_design",
    "actbook.sphinxext",
]

exclude_patterns = ["_build", "locales", "**.ipynb_checkpoints", "jupyter_execute"]
templates_path: list[str] = []
root_doc = "index"

# MyST and myst-nb
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
# {{ repository }} in the book's prose (the preface) links to the repository.
myst_substitutions = {
    "repository": f"[{actbook_repository_url.split('://')[-1]}]({actbook_repository_url})",
    # {{ terminology }} (the translations page) links to the binding glossary.
    "terminology": "[book/locales/TERMINOLOGY.md]"
    f"({actbook_repository_url}/blob/main/book/locales/TERMINOLOGY.md)",
}
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache" / ACTBOOK_CACHE_KEY)
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_merge_streams = True
# The gettext builder must see the figures' images so that their alt text is extracted.
nb_mime_priority_overrides = [("gettext", "image/svg+xml", 10), ("gettext", "text/plain", 20)]
nb_ipywidgets_js: dict[str, dict[str, str]] = {}  # the default loads require.js from a CDN

# MathJax 3.2 (served by sphinx-mathjax-offline) makes every formula a tab stop for its menu:
# 240 of the sigmoid page's 392. Keep formulas out of the tab order; screen readers still read
# them, from the hidden MathML that MathJax adds to each one (menu setting assistiveMml, on).
mathjax3_config = {"options": {"menuOptions": {"settings": {"inTabOrder": False}}}}

# Internationalization
locale_dirs = ["locales/"]
gettext_compact = False
gettext_uuid = False
gettext_location = False

# Translators type their own typographic quotes («», 「」, “”); smart quotes would also turn
# the apostrophe of ReLU'(0) in English docstrings into a closing quote on those pages.
smartquotes_excludes = {"languages": ["ja", "zh_CN", "zh_TW", "it"], "builders": ["man", "text"]}

# Citations
bibtex_bibfiles = ["book/references.bib"]  # relative to this file
# Labels like [GB10] read the same in every language; author-year would print English "and".
bibtex_default_style = "alpha"
# "label", with the authors of {cite:t} joined in the page's language ("Glorot 和 Bengio",
# "He 等人", "Glorot e Bengio"): actbook.sphinxext.textual_citations.
bibtex_reference_style = "actbook-label"

# Autodoc
autodoc_typehints = "none"  # numpydoc "Parameters" sections carry the types, in words
# Docstring types are prose ("ndarray of shape (n,)", "optional"); only actbook's own
# classes must resolve, the rest (numpy, typing …) has no inventory offline.
# Docstring types like "ndarray of shape (epochs,)" make ambiguous cross-references; missing
# targets are still errors (ref.class, ref.func …).
suppress_warnings = ["ref.python"]
nitpick_ignore_regex = [("py:(class|mod|func|meth|obj|attr|data)", r"(?!actbook\b).*")]
autodoc_member_order = "bysource"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

# HTML
html_theme = "sphinx_book_theme"
html_title = "actbook"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
    # actbook.sphinxext.citation: source and report links and "Cite this page" after the
    # article; "Built from actbook <version>, commit <hash>" in the footer.
    "article_footer_items": ["actbook-page-tools.html"],
    # No author.html: its "By" cannot be translated to agree with the name ("Di Gli autori");
    # the copyright line names the authors.
    "footer_content_items": ["copyright.html", "actbook-built-from.html"],
}
html_static_path: list[str] = []

# actbook
actbook_cache_dir = str(ROOT / "_build" / ".claims_cache" / ACTBOOK_CACHE_KEY)
actbook_languages = {  # Sphinx language -> (output folder, hreflang, name shown in the switcher)
    "en": ("en", "en", "English"),
    "zh_CN": ("zh-cn", "zh-Hans", "简体中文"),
    "zh_TW": ("zh-tw", "zh-Hant", "繁體中文"),
    "it": ("it", "it", "Italiano"),
}
numfig = True
