"""The Sphinx extension, exercised by building small projects in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from actbook import claims
from actbook.claims._registry import Claim
from actbook.sphinxext import ledger, roles
from actbook.sphinxext.languages import alternates

LANGUAGES = {
    "en": ("en", "en", "English"),
    "zh_CN": ("zh-cn", "zh-Hans", "简体中文"),
}


def _claim(claim_id: str, value: float, **kw) -> Claim:
    return Claim(
        id=claim_id,
        compute=lambda: value,
        fmt=lambda v: f"{v:.3f}",
        statement=kw.pop("statement", "A statement."),
        method="A method.",
        **kw,
    )


@pytest.fixture
def registry(monkeypatch):
    fake = {
        "demo.quarter": _claim("demo.quarter", 0.25, sources=("S2", "glorot2010understanding")),
        "demo.wrong": _claim(
            "demo.wrong", 1.0, verdict="wrong", correction="The right thing.", volatile=True
        ),
    }
    monkeypatch.setattr(claims, "REGISTRY", fake)
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {"demo": "ch-demo"})
    return fake


def build(tmp_path: Path, index: str, *, language: str = "en") -> tuple[Path, str]:
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'actbook.sphinxext']\n"
        "bibtex_bibfiles = ['refs.bib']\n"
        f"actbook_cache_dir = {str(tmp_path / 'cache')!r}\n"
        f"actbook_languages = {LANGUAGES!r}\n"
        "html_theme = 'sphinx_book_theme'\n"
        "html_theme_options = {'article_header_end': ['language-switcher.html']}\n"
    )
    (src / "index.md").write_text(index)
    (src / "refs.bib").write_text(
        "@misc{glorot2010understanding, author = {Glorot, X.}, title = {T}, year = {2010}}\n"
    )
    (src / "claims.md").write_text(f"# Ledger\n\n{ledger.LEDGER_MARKER}\n")
    (src / "demo.md").write_text(
        "(ch-demo)=\n# Demo\n\n(source-s2)=\n## S2\n\nText.\n\n```{bibliography}\n```\n"
    )
    out = tmp_path / f"out-{language}"
    app = Sphinx(
        str(src),
        str(src),
        str(out),
        str(tmp_path / f"doctrees-{language}"),
        "html",
        confoverrides={"language": language},
        status=None,
        warning=None,
        freshenv=True,
    )
    warnings: list[str] = []
    app._warning = None
    from sphinx.util import logging as sphinx_logging

    handler_messages = warnings

    class Collect:
        def write(self, text: str) -> None:
            handler_messages.append(text)

        def flush(self) -> None:
            pass

    sphinx_logging.setup(app, app._status, Collect())
    app.build()
    return out, "".join(warnings)


INDEX = "# Home\n\n```{toctree}\nclaims\ndemo\n```\n\nA quarter is {claim}`demo.quarter`.\n"


def test_claim_role_renders_value_linked_to_ledger(tmp_path, registry):
    out, warnings = build(tmp_path, INDEX)
    assert "WARNING" not in warnings, warnings
    page = (out / "index.html").read_text()
    assert (
        '<span class="claim"><a class="reference internal" href="claims.html#claim-demo-quarter">'
        in page
    )
    assert ">0.250<" in page


def test_ledger_lists_every_claim_with_verdict_and_correction(tmp_path, registry):
    out, _ = build(tmp_path, INDEX)
    page = (out / "claims.html").read_text()
    assert 'id="claim-demo-quarter"' in page and 'id="claim-demo-wrong"' in page
    assert "The right thing." in page
    assert "Wrong: the computation contradicts the sources." in page
    assert "A measurement of this machine" in page  # volatile note
    assert 'href="demo.html#source-s2"' in page


def test_unknown_claim_id_is_reported(tmp_path, registry):
    _, warnings = build(tmp_path, INDEX + "\nAnd {claim}`demo.missing`.\n")
    assert "unknown claim id 'demo.missing'" in warnings


def test_claim_values_are_cached_and_shared(tmp_path, registry):
    build(tmp_path, INDEX)
    cache = tmp_path / "cache" / roles.CACHE_FILE
    stored = json.loads(cache.read_text())
    assert stored["demo.quarter"] == {"value": 0.25, "text": "0.250"}
    # A second build (another language) reads the cache instead of recomputing.
    stored["demo.quarter"]["text"] = "cached"
    cache.write_text(json.dumps(stored))
    out, _ = build(tmp_path, INDEX, language="zh_CN")
    assert ">cached<" in (out / "index.html").read_text()


def test_cache_with_other_ids_is_recomputed(tmp_path, registry):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / roles.CACHE_FILE).write_text(json.dumps({"old.id": {"value": 1, "text": "1"}}))
    values = roles.cached_claim_values(cache_dir)
    assert set(values) == {"demo.quarter", "demo.wrong"}


def test_without_cache_dir_values_are_computed(registry):
    assert roles.cached_claim_values("")["demo.wrong"]["text"] == "1.000"


def test_language_switcher_and_hreflang(tmp_path, registry):
    out, _ = build(tmp_path, INDEX, language="zh_CN")
    page = (out / "demo.html").read_text()
    assert '<html lang="zh-CN"' in page
    assert '<link rel="alternate" hreflang="en" href="../en/demo.html" />' in page
    assert 'href="../en/demo.html" hreflang="en" lang="en">English</a>' in page
    assert 'aria-current="page">简体中文</span>' in page


def test_chinese_builds_segment_search_with_jieba(tmp_path, registry):
    out, _ = build(tmp_path, INDEX + "\n神经网络的激活函数。\n", language="zh_CN")
    text = (out / "searchindex.js").read_text()
    terms = json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]
    assert {"激活", "函数", "神经网络"} <= set(terms)
    # The page script must name a stemmer that exists (sphinx-doc/sphinx#14229).
    assert (
        (out / "_static" / "language_data.js")
        .read_text()
        .rstrip()
        .endswith("window.Stemmer = EnglishStemmer;")
    )


def test_ledger_page_without_marker_fails(registry):
    source = ["# Ledger\n"]

    class App:
        class config:
            actbook_ledger_docname = "claims"

    with pytest.raises(ValueError, match="must contain the line"):
        ledger.insert_ledger(App, "claims", source)
    ledger.insert_ledger(App, "other", source)  # other pages are left alone
    assert source == ["# Ledger\n"]


def test_ledger_needs_a_chapter_label_for_every_prefix(monkeypatch, registry):
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {})
    with pytest.raises(ValueError, match="no chapter label for claim prefix 'demo'"):
        ledger.ledger_source()


def test_alternates_from_nested_page():
    links = alternates(LANGUAGES, "en", "chapters/a")
    assert [link["url"] for link in links] == [
        "../../en/chapters/a.html",
        "../../zh-cn/chapters/a.html",
    ]
    assert [link["current"] for link in links] == [True, False]
