"""The Sphinx extension, exercised by building small projects in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from actbook import claims, sources
from actbook.claims._registry import Claim
from actbook.sources import Statement, _register
from actbook.sphinxext import ledger, roles, sources_pages
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
def registry(monkeypatch, register):
    fake = {
        "demo.quarter": _claim("demo.quarter", 0.25, papers=("glorot2010understanding",)),
        "demo.wrong": _claim("demo.wrong", 1.0, volatile=True),
    }
    monkeypatch.setattr(claims, "REGISTRY", fake)
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {"demo": "ch-demo"})
    return fake


CONF = f"""\
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'sphinx_design', 'actbook.sphinxext']
myst_enable_extensions = ['deflist', 'colon_fence']
bibtex_bibfiles = ['refs.bib']
actbook_languages = {LANGUAGES!r}
html_theme_options = {{'article_header_end': ['language-switcher.html']}}
"""

FILES = {
    "refs.bib": (
        "@misc{glorot2010understanding, author = {Glorot, X.}, title = {T}, year = {2010}}\n"
    ),
    "claims.md": f"# Ledger\n\n{ledger.LEDGER_MARKER}\n",
    "sources/s5.md": "(sources-s5)=\n# S5\n\n<!-- actbook:source-register S5 -->\n",
    "demo.md": "(ch-demo)=\n# Demo\n\n(source-s2)=\n## S2\n\nText.\n\n```{bibliography}\n```\n",
}


@pytest.fixture
def build(tmp_path, build_book):
    """Build the small project with ``index`` as its root page:
    ``build(index, language=, builder=) -> (output folder, warnings)``."""

    def build(index: str, *, language: str = "en", builder: str = "html") -> tuple[Path, str]:
        warnings = io.StringIO()
        out = build_book(
            tmp_path,
            {"index.md": index, **FILES},
            conf=CONF,
            language=language,
            builder=builder,
            warning=warnings,
        )
        return out, warnings.getvalue()

    return build


INDEX = (
    "# Home\n\n```{toctree}\nclaims\ndemo\nsources/s5\n```\n\nA quarter is {claim}`demo.quarter`.\n"
)


@pytest.fixture
def register(monkeypatch, s5_wrong_statement):
    """Two statements of S5: one judged wrong (with a claim), one pending."""
    fake = {
        s.id: s
        for s in (
            s5_wrong_statement,
            Statement(
                id="S5.demo-later",
                article="S5",
                location="Più avanti",
                quote="un'altra frase",
                claim="A claim for later.",
                verdict="pending",
                chapter="dropout",
            ),
        )
    }
    monkeypatch.setattr(_register, "REGISTER", fake)
    monkeypatch.setattr(sources, "REGISTER", fake)
    return fake


def test_claim_role_renders_value_linked_to_ledger(build, registry):
    out, warnings = build(INDEX)
    assert "WARNING" not in warnings, warnings
    page = (out / "index.html").read_text()
    assert (
        '<span class="claim"><a class="reference internal" href="claims.html#claim-demo-quarter" '
        in page
    )
    assert ">0.250<" in page


def test_ledger_separates_the_sources_statements_from_the_books(build, registry, register):
    out, _ = build(INDEX)
    page = (out / "claims.html").read_text()
    assert 'id="claim-demo-quarter"' in page and 'id="claim-demo-wrong"' in page
    quarter = page[page.index('id="claim-demo-quarter"') : page.index('id="claim-demo-wrong"')]
    wrong = page[page.index('id="claim-demo-wrong"') :]
    # demo.quarter decides S5.demo-wrong: stated by S5 (from the register) and the paper.
    assert ">Glo10</a>]" in quarter
    assert 'href="sources/s5.html#stmt-s5-demo-wrong"' in quarter
    assert ">wrong</span>" in quarter
    # demo.wrong decides nothing: no source states it (a dash, explained in the legend),
    # and it carries no verdict; a measurement is marked, the legend says what that means.
    assert f"<p>{ledger.NO_SOURCE_MARK}</p>" in wrong and ledger.NO_SOURCE in page
    assert "sd-badge" not in wrong and "Verdict" not in wrong
    assert f"</span> {ledger.VOLATILE_MARK}</p>" in wrong
    assert "A timing, measured with make remeasure" in page


def test_unknown_claim_id_is_reported(build, registry):
    _, warnings = build(INDEX + "\nAnd {claim}`demo.missing`.\n")
    assert "unknown claim id 'demo.missing'" in warnings


def test_claim_values_are_cached_and_shared(tmp_path, build, registry):
    build(INDEX)
    cache = tmp_path / "cache" / roles.CACHE_FILE
    stored = json.loads(cache.read_text())
    assert stored["demo.quarter"] == {"value": 0.25, "text": "0.250"}
    # A second build (another language) reads the cache instead of recomputing.
    stored["demo.quarter"]["text"] = "cached"
    cache.write_text(json.dumps(stored))
    out, _ = build(INDEX, language="zh_CN")
    assert ">cached<" in (out / "index.html").read_text()


def test_cache_with_other_ids_is_recomputed(tmp_path, registry):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / roles.CACHE_FILE).write_text(json.dumps({"old.id": {"value": 1, "text": "1"}}))
    values = roles.cached_claim_values(cache_dir)
    assert set(values) == {"demo.quarter", "demo.wrong"}


def test_without_cache_dir_values_are_computed(registry):
    assert roles.cached_claim_values("")["demo.wrong"]["text"] == "1.000"


def test_language_switcher_and_hreflang(build, registry):
    out, _ = build(INDEX, language="zh_CN")
    page = (out / "demo.html").read_text()
    assert '<html lang="zh-CN"' in page
    assert '<link rel="alternate" hreflang="en" href="../en/demo.html" />' in page
    assert 'href="../en/demo.html" hreflang="en" lang="en">English</a>' in page
    assert 'aria-current="page">简体中文</span>' in page


def test_chinese_builds_segment_search_with_jieba(build, registry):
    out, _ = build(INDEX + "\n神经网络的激活函数。\n", language="zh_CN")
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


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("zh_CN", "、")])
def test_used_in_links_are_separated_in_the_pages_convention(
    tmp_path, build_book, registry, language, separator
):
    files = {**FILES, "demo.md": FILES["demo.md"] + "\nHere {claim}`demo.quarter` too.\n"}
    out = build_book(tmp_path, {"index.md": INDEX, **files}, conf=CONF, language=language)
    page = (out / "claims.html").read_text()
    row = page[page.index('id="claim-demo-quarter"') : page.index('id="claim-demo-wrong"')]
    used_in = row[row.rindex("<td") :]
    assert used_in.count("<a ") == 2
    assert f"</a>{separator}<a " in used_in


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


def test_article_page_quotes_in_the_articles_language(build, registry, register):
    out, warnings = build(INDEX)
    assert "WARNING" not in warnings, warnings
    page = (out / "sources" / "s5.html").read_text()
    assert '<q class="source-quote" lang="it">una frase verbatim</q>' in page
    assert '<span class="source-location" lang="it">Da dove</span>' in page
    assert '<span class="source-title" lang="it">Perché le funzioni' in page
    row = page[page.index('id="stmt-s5-demo-wrong"') : page.index('id="stmt-s5-demo-later"')]
    assert "A claim of the article." in row and "What holds instead." in row
    assert ">wrong</span>" in row
    assert 'href="../demo.html#ch-demo"' in row
    assert 'href="../claims.html#claim-demo-quarter"' in row
    later = page[page.index('id="stmt-s5-demo-later"') :]
    assert ">pending</span>" in later and "the chapter on dropout, not yet written" in later
    # The verdict counts: one wrong, one pending, two in all.
    counts = page[page.index("source-counts") :]
    cells = [c.split("</p>")[0] for c in counts.split("<td><p>")[1:9]]
    assert cells == ["S5", "0", "0", "1", "0", "0", "1", "2"]


def test_quotes_stay_out_of_the_catalogs(build, registry, register):
    out, _ = build(INDEX, builder="gettext")
    pot = (out / "sources.pot").read_text()  # gettext_compact: one catalog per folder
    assert 'msgid "A claim of the article."' in pot
    assert 'msgid "What holds instead."' in pot
    assert "una frase verbatim" not in pot and "Da dove" not in pot
    assert "demo.quarter" not in pot  # a cell of links only has nothing to translate


def test_unknown_statement_id_is_reported(build, registry, register):
    _, warnings = build(INDEX + "\n{source-quote}`S5.missing`\n")
    assert "unknown statement id 'S5.missing'" in warnings


def test_register_marker_must_sit_on_its_articles_page():
    source = ["<!-- actbook:source-register S2 -->"]
    with pytest.raises(ValueError, match="belongs in sources/s2"):
        sources_pages.insert_sources_pages(None, "sources/s1", source)


def test_summary_counts_every_statement():
    text = sources_pages.summary_source()
    last = text.strip().splitlines()[-2]  # the total of the "All" row
    assert last == f"  - {len(sources.REGISTER)}"


def test_words_typed_in_a_chapter_are_quoted_in_the_articles_language(build, registry):
    out, warnings = build(INDEX + "\nS5 writes {source-quote}`S5: una $x > 0$ frase $$y$$ qui`.\n")
    assert "WARNING" not in warnings, warnings
    page = (out / "index.html").read_text()
    assert '<q class="source-quote" lang="it">una <span class="math' in page
    assert r"\(x &gt; 0\)</span> frase <span" in page
    assert r"\(y\)</span> qui</q>" in page  # display math in a quote, without stray dollars


def _half() -> float:
    return 0.5


def test_ledger_names_the_function_or_for_a_lambda_the_module():
    named_claim = claims.Claim("demo.named", _half, lambda v: f"{v}", "S.", "M.")
    entry = ledger.ledger_entry(named_claim)
    assert f"Function: `{__name__}._half`." in entry
    lambda_claim = claims.Claim("demo.loop", lambda: 0.5, lambda v: f"{v}", "S.", "M.")
    entry = ledger.ledger_entry(lambda_claim)
    assert f"Module: `{__name__}`." in entry and "lambda" not in entry


def test_source_quotes_split_adjacent_formulas():
    from actbook.sphinxext.sources_pages import _words_and_math

    parts = _words_and_math("要求 $x_0$$x_1$ 符号相反, $$a + b$$ end")
    rendered = [(type(p).__name__, p.astext()) for p in parts]
    assert rendered == [
        ("Text", "要求 "),
        ("math", "x_0"),
        ("math", "x_1"),
        ("Text", " 符号相反, "),
        ("math", "a + b"),
        ("Text", " end"),
    ]


def test_every_interface_message_is_listed_for_the_gettext_builder():
    """A string that Python code shows must reach sphinx.pot, or no translator ever sees it."""
    import ast

    from actbook.sphinxext import interface

    package = Path(interface.__file__).parent
    listed = interface.MESSAGES_TEMPLATE.read_text(encoding="utf-8")
    used = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in {"message", "pattern"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    missing = sorted(
        text for text in used if f"{{{{ _({text!r}) }}}}" not in listed.replace('"', "'")
    )
    assert not missing, f"add to {interface.MESSAGES_TEMPLATE.name}: {missing}"
