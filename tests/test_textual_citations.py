"""{cite:t} names the authors in the page's language: no English "and" in a Chinese sentence."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parent.parent / "book"

CONF = """\
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'actbook.sphinxext']
bibtex_bibfiles = ['refs.bib']
bibtex_reference_style = 'actbook-label'
locale_dirs = ['locales/']
exclude_patterns = ['locales']
"""

REFS = """\
@misc{two, author = {Glorot, Xavier and Bengio, Yoshua}, title = {Two}, year = {2010}}
@misc{three, author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing}, title = {T}, year = {2015}}
@misc{one, author = {Nielsen, Michael}, title = {One}, year = {2015}}
"""

INDEX = """\
# Home

Two: {cite:t}`two`. Three: {cite:t}`three`. One: {cite:t}`one`. All three: {cite:ts}`three`.

```{bibliography}
```
"""


def citations(page: str) -> list[str]:
    """The visible text of each textual citation on a built page, tags dropped."""
    spans = re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)\[', page, re.S)
    return [re.sub(r"<[^>]+>", "", span).strip() for span in spans]


@pytest.mark.parametrize(
    ("language", "two", "three", "full"),
    [
        ("en", "Glorot and Bengio", "He et al.", "He, Zhang, and Ren"),
        ("zh_CN", "Glorot 和 Bengio", "He 等人", "He、Zhang 和 Ren"),
        ("zh_TW", "Glorot 與 Bengio", "He 等人", "He、Zhang 與 Ren"),
        ("it", "Glorot e Bengio", "He et al.", "He, Zhang e Ren"),
    ],
)
def test_textual_citations_join_authors_in_the_page_language(
    tmp_path, build_book, no_claims, language, two, three, full
):
    warnings = io.StringIO()
    files = {"index.md": INDEX, "refs.bib": REFS}
    catalog = BOOK / "locales" / language / "LC_MESSAGES" / "sphinx.po"
    if catalog.is_file():  # the joins are the book's interface strings
        files[f"locales/{language}/LC_MESSAGES/sphinx.po"] = catalog.read_text(encoding="utf-8")
    out = build_book(
        tmp_path,
        files,
        conf=CONF,
        language=language,
        warning=warnings,
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert citations(page) == [two, three, "Nielsen", full], warnings.getvalue()
    if language.startswith("zh"):
        assert "et al." not in page and " and " not in "".join(citations(page))
    else:  # the Latin abbreviation stays, in italics
        assert "He <em>et al.</em> [" in page
    # The bibliography keeps the references' own author lists.
    assert "Xavier Glorot and Yoshua Bengio" in page


def test_an_edited_interface_catalog_makes_sphinx_write_every_page_again(
    tmp_path, build_book, no_claims
):
    """The joins live in sphinx.po, which Sphinx does not watch: its hash is an "html"
    setting, and a changed hash in ``.buildinfo`` makes Sphinx write every page."""
    catalog = (BOOK / "locales" / "it" / "LC_MESSAGES" / "sphinx.po").read_text(encoding="utf-8")

    def config_hash(folder: str, po: str) -> str:
        files = {"index.md": INDEX, "refs.bib": REFS, "locales/it/LC_MESSAGES/sphinx.po": po}
        out = build_book(tmp_path / folder, files, conf=CONF, language="it")
        return re.search(r"^config: (\w+)$", (out / ".buildinfo").read_text(), re.M)[1]

    edited = catalog.replace('msgstr "{first} e {second}"', 'msgstr "{first} ed {second}"')
    assert edited != catalog
    first, again, after_edit = (
        config_hash("a", catalog),
        config_hash("b", catalog),
        config_hash("c", edited),
    )
    assert first == again != after_edit
