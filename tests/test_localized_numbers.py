"""Claim values follow the number conventions of the page's language, checked against Babel.

The conversion (:func:`actbook.sphinxext.number_format.localized_number_text`) is compared
with an independent computation, Babel's CLDR data for Italian, on every text of the real
registry; then in the places that show a value: the role, tooltips and ledger of a built
book, the notebooks' markdown, and ``check_html``. Last, the catalog rule that keeps typed
decimals out of Italian prose.
"""

from __future__ import annotations

import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.numbers import format_decimal
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from actbook import claims, sources
from actbook.claims._registry import Claim
from actbook.sphinxext import ledger
from actbook.sphinxext.number_format import NBSP, localized_number_text, number_style

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import check_catalogs  # noqa: E402
import check_html  # noqa: E402

SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def babel_italian(english: str) -> str:
    """The Italian of an English claim text, number by number, by Babel's CLDR patterns.

    Each number keeps its digits after the point (a pattern of as many zeros) and its
    grouping; the spaces become no-break spaces, as the book writes them.
    """

    def one(match: re.Match[str]) -> str:
        token = match[0]
        decimals = len(token.split(".")[1]) if "." in token else 0
        pattern = ("#,##0" if "," in token else "0") + ("." + "0" * decimals if decimals else "")
        return format_decimal(Decimal(token.replace(",", "")), format=pattern, locale="it")

    return re.sub(r"\d[\d.,]*\d|\d", one, english).replace(" ", NBSP)


def real_claim_values() -> dict[str, dict]:
    """The newest claim cache of a build of this checkout whose ids are the registry's."""
    caches = sorted(
        (ROOT / "_build" / ".claims_cache").glob("*/claims.json"),
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    for path in caches:
        values = json.loads(path.read_text(encoding="utf-8"))
        if set(values) == set(claims.REGISTRY):
            return values
    pytest.skip("no claim cache of the registry's claims: build the book (make html) first")


# ------------------------------------------------------------------ the conversion


@pytest.mark.parametrize(
    ("english", "italian", "chinese"),
    [  # the shapes of the registry's texts, and grouped numbers, which it has none of
        ("4", "4", "4"),
        ("0.21", "0,21", "0.21"),
        ("-0.138", "-0,138", "-0.138"),
        ("93.5 %", "93,5 %", "93.5%"),
        ("50 %", "50 %", "50%"),
        ("0.6×", "0,6×", "0.6×"),
        ("38×", "38×", "38×"),
        ("2.06 × 10⁻⁹", "2,06 × 10⁻⁹", "2.06 × 10⁻⁹"),
        ("4.8 × 10⁷", "4,8 × 10⁷", "4.8 × 10⁷"),
        ("1 × 10⁻³", "1 × 10⁻³", "1 × 10⁻³"),
        ("2⁻²⁴", "2⁻²⁴", "2⁻²⁴"),
        ("1/8", "1/8", "1/8"),
        ("–", "–", "–"),
        ("575040", "575040", "575040"),
        ("0.1–0.5", "0,1–0,5", "0.1–0.5"),
        ("-72", "-72", "-72"),
        ("12,013", "12.013", "12,013"),
        ("1,234,567.25", "1.234.567,25", "1,234,567.25"),
        ("12,013 and 1,000", "12.013 and 1.000", "12,013 and 1,000"),
        ("0.5, 0.25", "0,5, 0,25", "0.5, 0.25"),
    ],
)
def test_each_language_writes_the_registry_shapes(english, italian, chinese):
    nbsp = str.maketrans({" ": NBSP})
    assert localized_number_text(english, "en") == english.translate(nbsp)
    assert localized_number_text(english, "it") == italian.translate(nbsp)
    assert localized_number_text(english, "zh_CN") == chinese.translate(nbsp)
    assert localized_number_text(english, "zh_TW") == chinese.translate(nbsp)
    assert localized_number_text(english, "it") == babel_italian(english)
    # output folders name the languages too; None is English
    assert localized_number_text(english, "zh-cn") == localized_number_text(english, "zh_CN")
    assert localized_number_text(english, None) == localized_number_text(english, "en")


@pytest.mark.parametrize("language", ["fr", "", "zh", "italian", 3])
def test_an_unknown_language_is_refused_by_name(language):
    with pytest.raises(ValueError, match=r"^language must be one of 'en', 'it', 'zh_CN'"):
        localized_number_text("0.25", language)
    with pytest.raises(ValueError, match=repr(language)):
        number_style(language)


def test_every_real_claim_text_in_italian_matches_babel():
    """All of the registry's texts: number by number, then from the computed value."""
    values = real_claim_values()
    for claim_id, entry in values.items():
        assert localized_number_text(entry["text"], "it") == babel_italian(entry["text"]), claim_id
    # From the value itself, for the texts that write it as a decimal, a percentage, a
    # ratio or in scientific notation: Babel rounds the value to the text's digits.
    checked = 0
    for claim_id, entry in values.items():
        text = entry["text"]
        match = re.fullmatch(
            r"(-?\d+(?:\.(\d+))?)(?P<percent> %)?(?: × 10(?P<exponent>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?P<ratio>×))?",
            text,
        )
        if match is None:
            assert re.fullmatch(r"–|\d+/\d+|\d+[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", text), (claim_id, text)
            continue
        exponent = int(match["exponent"].translate(SUPERSCRIPTS)) if match["exponent"] else 0
        scale = 100 if match["percent"] else 10.0**-exponent
        decimals = len(match[2] or "")
        mantissa = format_decimal(
            entry["value"] * scale,
            format="0" + ("." + "0" * decimals if decimals else ""),
            locale="it",
        )
        suffix = text[len(match[1]) :].replace(" ", NBSP)
        assert localized_number_text(text, "it") == mantissa + suffix, (claim_id, text)
        checked += 1
    assert checked >= 0.95 * len(values)


def test_chinese_and_english_keep_every_character_but_spaces_and_percent_spacing():
    for claim_id, entry in real_claim_values().items():
        text = entry["text"]
        assert localized_number_text(text, "en") == text.replace(" ", NBSP), claim_id
        assert localized_number_text(text, "zh_CN") == text.replace(" %", "%").replace(" ", NBSP), (
            claim_id
        )


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
    decimals=st.integers(0, 4),
    grouped=st.booleans(),
    percent=st.booleans(),
)
def test_any_number_in_italian_is_babels(value, decimals, grouped, percent):
    english = f"{value:{',' if grouped else ''}.{decimals}f}" + (" %" if percent else "")
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(Decimal(english.rstrip(" %").replace(",", "")), pattern, "it")
    italian = localized_number_text(english, "it")
    assert italian == expected + (NBSP + "%" if percent else "")
    # the digits and their order never change; only the marks between them
    assert re.sub(r"\D", "", italian) == re.sub(r"\D", "", english)
    assert localized_number_text(english, "zh_TW") == english.replace(" %", "%")


# ------------------------------------------------------------------ where values are shown


def _claim(claim_id: str, value: float, fmt, statement: str = "A statement.") -> Claim:
    return Claim(
        id=claim_id, compute=lambda: value, fmt=fmt, statement=statement, method="A method."
    )


@pytest.fixture
def registry(monkeypatch):
    fake = {
        "demo.quarter": _claim(
            "demo.quarter", 0.25, lambda v: f"{v:.2f}", "The quarter, above {claim}`demo.tiny`."
        ),
        "demo.share": _claim("demo.share", 0.25, lambda v: f"{100 * v:.1f} %"),
        "demo.tiny": _claim("demo.tiny", 2.06e-9, lambda v: "2.06 × 10⁻⁹"),
    }
    monkeypatch.setattr(claims, "REGISTRY", fake)
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {"demo": "ch-demo"})
    monkeypatch.setattr(sources, "REGISTER", {})
    return fake


CONF = """\
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'sphinx_design', 'actbook.sphinxext']
myst_enable_extensions = ['colon_fence', 'dollarmath']
bibtex_bibfiles = ['refs.bib']
locale_dirs = ['locales/']
gettext_compact = False
actbook_languages = {'en': ('en', 'en', 'English'), 'zh_CN': ('zh-cn', 'zh-Hans', '简体中文'),
                     'it': ('it', 'it', 'Italiano')}
"""
FILES = {
    "index.md": "# Home\n\n```{toctree}\ndemo\nclaims\n```\n",
    "demo.md": "(ch-demo)=\n# Demo\n\nA quarter {claim}`demo.quarter`, a share {claim}`demo.share`.\n",
    "claims.md": f"(claims-ledger)=\n# Ledger\n\n{ledger.LEDGER_MARKER}\n",
    "refs.bib": "@misc{x, author = {X, Y}, title = {T}, year = {2010}}\n",
}


def shown_claims(page: Path) -> dict[str, tuple[str, str]]:
    """``{ledger anchor: (shown text, tooltip)}`` of the claim values of a built page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = {}
    for span in soup.select("span.claim"):
        link = span.find("a")
        found[link["href"].split("#", 1)[1]] = (span.get_text(), link.get("title", ""))
    return found


@pytest.mark.parametrize(
    ("language", "quarter", "share", "tiny"),
    [
        ("it", "0,25", "25,0 %", "2,06 × 10⁻⁹"),
        ("zh_CN", "0.25", "25.0%", "2.06 × 10⁻⁹"),
        ("en", "0.25", "25.0 %", "2.06 × 10⁻⁹"),
    ],
)
def test_a_built_page_and_its_ledger_show_the_languages_numbers(
    tmp_path, build_book, registry, language, quarter, share, tiny
):
    warnings = io.StringIO()
    out = build_book(tmp_path, FILES, conf=CONF, language=language, warning=warnings)
    assert "WARNING" not in warnings.getvalue(), warnings.getvalue()
    quarter, share, tiny = (text.replace(" ", NBSP) for text in (quarter, share, tiny))
    page = shown_claims(out / "demo.html")
    assert page["claim-demo-quarter"] == (quarter, f"The quarter, above {tiny}.")
    assert page["claim-demo-share"][0] == share
    table = shown_claims(out / "claims.html")  # the ledger's value column
    assert {anchor: shown for anchor, (shown, _) in table.items()} == {
        "claim-demo-quarter": quarter,
        "claim-demo-share": share,
        "claim-demo-tiny": tiny,
    }
    # and check_html expects exactly what the pages show
    values = {claim_id: {"text": c.fmt(c.compute())} for claim_id, c in registry.items()}
    folder = {"it": "it", "zh_CN": "zh-cn", "en": "en"}[language]
    expected = check_html.expected_claim_texts(values, folder)
    for name in ("demo.html", "claims.html"):
        soup = check_html.soup_of(out / name)
        assert check_html.check_claims(soup, f"{folder}/{name}", expected) == []
    wrong = check_html.expected_claim_texts(values, "it" if language != "it" else "en")
    assert check_html.check_claims(check_html.soup_of(out / "demo.html"), "x", wrong)


def test_notebook_markdown_shows_the_pages_numbers():
    from actbook.sphinxext.notebook_markdown import SphinxContext, render_claim

    app = SimpleNamespace(
        env=SimpleNamespace(actbook_claim_values={"demo.share": {"value": 0.25, "text": "25.0 %"}}),
        config=SimpleNamespace(
            language="it", html_baseurl="https://s.org/", actbook_languages={"it": ("it",)}
        ),
        builder=SimpleNamespace(get_target_uri=lambda docname: docname + ".html"),
    )
    context = SphinxContext(app, "chapters/demo")
    assert context.claim_text("demo.share") == "25,0\u00a0%"
    assert render_claim("demo.share", context) == "25,0\u00a0%"  # no ledger in this app


# ------------------------------------------------------------------ typed decimals in Italian


@pytest.mark.parametrize(
    ("msgstr", "found"),
    [
        ("tasso 0.5", ["0.5"]),
        ("tra 0.1 e 1.5×", ["0.1", "1.5"]),
        ("tasso 0,5", []),
        ("la formula $0.5 x$ e $$y = 0.25$$", []),
        ("il codice `0.5` e ``lr=0.1``", []),
        ("il valore {claim}`relu.x` e {ref}`sezione 2.1 <sec-x>`", []),
        ("vedi https://example.org/docs/v2.5/page.html e <https://a.org/1.2>", []),
        ("vedi [la pagina](https://example.org/v2.5/)", []),
        ("actbook 0.1.0, versione v1.2.3", []),
        ("§7.5 dell'articolo", []),
    ],
)
def test_typed_decimals_in_italian_prose(msgstr, found):
    assert check_catalogs.typed_decimals(msgstr) == found


def test_catalog_check_fails_on_an_italian_decimal_point_only(tmp_path):
    template = 'msgid ""\nmsgstr ""\n\nmsgid "rate {claim}`a.b`"\nmsgstr ""\n'
    pot = tmp_path / "pot" / "claims.pot"
    pot.parent.mkdir()
    pot.write_text(template, encoding="utf-8")
    for language, msgstr in (
        ("it", "tasso 0.5 {claim}`a.b`"),
        ("zh_CN", "学习率 0.5 {claim}`a.b`"),
    ):
        po = tmp_path / language / "LC_MESSAGES" / "claims.po"
        po.parent.mkdir(parents=True)
        po.write_text(
            f'msgid ""\nmsgstr ""\n\nmsgid "rate {{claim}}`a.b`"\nmsgstr "{msgstr}"\n', "utf-8"
        )
    italian = check_catalogs.catalog_problems(pot, tmp_path / "it" / "LC_MESSAGES" / "claims.po")
    messages = [str(problem) for problem in italian]
    assert any(
        "ASCII decimal point in Italian prose: '0.5'" in m
        and "claims.po" in m
        and "'rate {claim}" in m
        for m in messages
    ), messages
    # Chinese writes a decimal point: only the digits rule speaks (0 and 5 are not in the English)
    chinese = check_catalogs.catalog_problems(pot, tmp_path / "zh_CN" / "LC_MESSAGES" / "claims.po")
    assert not any("decimal point" in problem.message for problem in chinese)
