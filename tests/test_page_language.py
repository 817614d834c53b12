"""Interface strings in the page's language (the book's catalogs over the theme's), and the
English API docstrings marked as English: small books built in-process with the book's
own ``sphinx.po``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actbook import claims

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import check_html  # noqa: E402

# Sphinx 9.0's own napoleon reads autodoc options the way Sphinx 11 will forbid.
pytestmark = pytest.mark.filterwarnings(
    "ignore:The mapping interface for autodoc options:sphinx.deprecation.RemovedInSphinx11Warning"
)

CONF = """\
extensions = ['myst_nb', 'sphinx.ext.autodoc', 'sphinx.ext.napoleon', 'actbook.sphinxext']
nb_execution_mode = 'off'
# Our own dict: myst-nb adds '.md' to it, and Sphinx's default dict is shared by every app.
source_suffix = {'.rst': 'restructuredtext'}
locale_dirs = ['locales/']
exclude_patterns = ['locales']
napoleon_google_docstring = False
myst_enable_extensions = ['colon_fence']
"""

#: Two pages (so that each has a previous or next link) and an API page as api.md has it.
PAGES = {
    "index.md": "# Home\n\n```{toctree}\nsecond\napi\n```\n\n## A section\n\nText.\n",
    "second.md": (
        "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n---\n"
        "# Second\n\n## Another section\n\n```{code-cell} ipython3\n:tags: [hide-input]\n1 + 1\n```\n"
    ),
    "api.md": (
        "# API\n\n::::{container} api-docstrings\n```{eval-rst}\n"
        ".. automodule:: actbook.init\n   :members: fan_in_fan_out\n```\n::::\n"
    ),
}


def book_files(language: str) -> dict[str, str]:
    """The pages and the book's own interface catalog of ``language``."""
    catalog = ROOT / "book" / "locales" / language / "LC_MESSAGES" / "sphinx.po"
    if not catalog.is_file():  # English
        return PAGES
    return {
        **PAGES,
        f"locales/{language}/LC_MESSAGES/sphinx.po": catalog.read_text(encoding="utf-8"),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory, build_book):
    """Build the small book in ``language`` once per module: ``built(language) -> output``."""
    outputs: dict[str, Path] = {}

    def built(language: str) -> Path:
        if language not in outputs:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(claims, "REGISTRY", {})
                patch.setattr(claims, "CHAPTER_LABELS", {})
                outputs[language] = build_book(
                    tmp_path_factory.mktemp(language),
                    book_files(language),
                    conf=CONF,
                    language=language,
                )
        return outputs[language]

    return built


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def test_taiwan_pages_show_taiwan_strings(built):
    out = built("zh_TW")
    home, second = page(out, "index.html"), page(out, "second.html")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert second.select_one("a.left-prev")["title"] == "上一頁"
    assert home.select_one("a.right-next")["title"] == "下一頁"
    assert "跳到主要內容" in html and "回到頂端" in html
    for simplified in ("上一页", "下一页", "跳转至主要内容", "回到顶部", "网页导航", "当前页面"):
        assert simplified not in html
    assert home.select_one("input.form-control")["placeholder"] == "搜尋本書…"
    summary = second.select_one("details.hide summary")  # myst-nb's hidden cell
    assert summary["aria-label"] == "顯示或隱藏內容"
    assert summary.select_one("p.collapsed").get_text(strip=True) == "顯示儲存格原始碼"
    assert (
        home.select_one(".header-article-item button.primary-toggle")["title"] == "顯示或隱藏側邊欄"
    )


def test_taiwan_pages_have_no_simplified_character(built):
    out = built("zh_TW")
    problems = [
        problem
        for name in sorted(check_html.pages(out.parent, out.name))
        for problem in check_html.check_script(check_html.soup_of(out / name), name, "zh-tw")
    ]
    assert problems == []


def test_search_script_strings_are_translated(built):
    script = (built("zh_TW") / "_static" / "actbook-translations.js").read_text(encoding="utf-8")
    assert "搜尋完成，找到 ${resultCount} 個符合的頁面。" in script
    assert "actbook-translations.js" in (built("zh_TW") / "search.html").read_text()


def test_italian_headerlinks_and_index_are_italian(built):
    out = built("it")
    home = page(out, "index.html")
    assert {a["title"] for a in home.select("a.headerlink")} == {"Link a questo titolo"}
    assert home.select_one("button.theme-switch-button")["aria-label"] == "Modalità colore"
    index = (out / "genindex.html").read_text(encoding="utf-8")
    assert ">modulo<" in index and ">module<" not in index


def test_api_docstrings_are_marked_english_and_their_labels_italian(built):
    api = page(built("it"), "api.html")
    container = api.select_one("div.api-docstrings")
    assert container["lang"] == "en"
    rubric = container.select_one("p.rubric")  # napoleon's "Examples"
    assert (rubric.get_text(strip=True), rubric.get("lang")) == ("Esempi", "it")
    # Sphinx's field labels are fixed when sphinx.domains.python is first imported, in
    # this process's first build: Italian here unless another language's build came first.
    for label in container.select("dl.field-list > dt"):
        text = label.get_text().strip().rstrip(":").strip()
        if text in ("Parametri", "Ritorna", "Tipo di ritorno"):
            assert label.get("lang") == "it", text
    assert api.select_one("h1").get("lang") is None  # the page's own heading


def test_english_pages_are_unmarked(built):
    api = page(built("en"), "api.html")
    assert api.select_one("div.api-docstrings").get("lang") is None
    assert not (built("en") / "_static" / "actbook-translations.js").exists()
