"""The checks that `make test` runs must catch what they exist to catch."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import check_catalogs  # noqa: E402
import check_html  # noqa: E402
import check_prose_numbers  # noqa: E402
import fill_catalog_headers  # noqa: E402
import make_root_index  # noqa: E402

P = Path("x.po")
MSGID = "The bound is {claim}`v.b3` by {ref}`the rule <eq-chain>` and $0.25^3$, see `f()` [ledger](#claims)."
GOOD = "上界为 {claim}`v.b3`，据{ref}`链式法则 <eq-chain>`与 $0.25^3$，见 `f()` [台账](#claims)。"


def messages(msgid: str, msgstr: str, fuzzy: bool = False) -> list[str]:
    return [p.message for p in check_catalogs.entry_problems(P, msgid, msgstr, fuzzy)]


def test_faithful_translation_passes():
    assert messages(MSGID, GOOD) == []


@pytest.mark.parametrize(
    ("msgstr", "expected"),
    [
        ("", "untranslated"),
        (GOOD.replace("{claim}`v.b3`", "0.015625"), "roles"),
        (GOOD.replace("{claim}`v.b3`", "{claim}`v.b4`"), "roles"),
        (GOOD.replace("<eq-chain>", "<eq-other>"), "roles"),
        (GOOD.replace("$0.25^3$", "$0.25^{3}$"), "math"),
        (GOOD.replace("`f()`", "`g()`"), "inline code"),
        (GOOD.replace("(#claims)", "(#other)"), "link targets"),
        (GOOD + " 共 20 层", "digits not in the English"),
        (GOOD + " 共２０层", "digits not in the English"),
    ],
)
def test_unfaithful_translations_are_caught(msgstr, expected):
    found = messages(MSGID, msgstr)
    assert any(expected in message for message in found), found


def test_fuzzy_entries_are_caught():
    assert any("fuzzy" in m for m in messages(MSGID, GOOD, fuzzy=True))


def test_catalog_must_match_template(tmp_path):
    pot, po = tmp_path / "a.pot", tmp_path / "a.po"
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n\nmsgid "New"\nmsgstr ""\n')
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr "Ciao"\n\nmsgid "Old"\nmsgstr "Vecchio"\n'
    )
    found = [p.message for p in check_catalogs.catalog_problems(pot, po)]
    assert any("missing from the catalog" in m for m in found)
    assert any("no longer in the English" in m for m in found)
    assert [p.message for p in check_catalogs.catalog_problems(pot, tmp_path / "none.po")] == [
        "catalog missing: run make translations"
    ]


GLOSSARY = Path(__file__).resolve().parent.parent / "book" / "locales" / "TERMINOLOGY.md"
ZH_TW = [v for v in check_catalogs.forbidden_variants(GLOSSARY) if v.language == "zh_TW"]


def glossary_messages(msgid: str, msgstr: str, language: str = "zh_TW") -> list[str]:
    variants = [v for v in check_catalogs.forbidden_variants(GLOSSARY) if v.language == language]
    return [p.message for p in check_catalogs.entry_problems(P, msgid, msgstr, False, variants)]


def test_the_glossary_forbids_the_mainland_variants_in_zh_tw():
    forbidden = {v.forbidden: v.required for v in ZH_TW}
    assert forbidden["邏輯斯諦"] == "邏輯斯" and forbidden["批量"] == "批次"
    assert forbidden["占"] == "佔" and forbidden["網絡"] == "網路"


@pytest.mark.parametrize(
    ("msgid", "msgstr", "variant"),
    [
        ("The logistic function.", "邏輯斯諦函數。", "邏輯斯諦"),
        ("One batch of examples.", "一個批量的樣本。", "批量"),
        ("Its share is half.", "它占一半。", "占"),
        ("A neural network.", "一個神經網絡。", "網絡"),
    ],
)
def test_a_forbidden_variant_is_caught_with_the_required_term(msgid, msgstr, variant):
    (found,) = glossary_messages(msgid, msgstr)
    required = next(v.required for v in ZH_TW if v.forbidden == variant)
    assert f"{variant!r} is a forbidden variant in zh_TW, write {required!r}" in found


def test_the_required_term_and_a_verbatim_quote_pass():
    assert glossary_messages("The logistic function.", "邏輯斯函數，佔一半的批次。") == []
    # S3 writes 批量 (mainland): its words stay verbatim inside the role
    quote = "{source-quote}`S3: 在小批量级别上的操作`"
    assert glossary_messages(f"S3 says {quote}, per batch.", f"S3 說 {quote}，即逐批次。") == []
    # ... but the visible title of a cross-reference is the translator's prose
    found = glossary_messages("See {ref}`the batch <sec-b>`.", "見{ref}`批量 <sec-b>`。")
    assert found and "'批量'" in found[0]


def test_a_variant_limited_to_some_english_is_flagged_only_there():
    assert glossary_messages("Back matter", "附录", "zh_CN")
    assert glossary_messages("Appendix A of the paper.", "论文的附录 A。", "zh_CN") == []
    assert glossary_messages("A program.", "一個程序。")
    assert glossary_messages("A procedure.", "一個程序。") == []


def test_italian_uses_one_apostrophe_outside_code():
    assert glossary_messages("The unit", "L\u2019unità", "it")
    assert glossary_messages("The unit, `f(x)’`", "L'unità, `f(x)’`", "it") == []


def test_the_command_line_reports_a_forbidden_variant(tmp_path, capsys):
    pot, locales = tmp_path / "pot", tmp_path / "locales"
    (pot).mkdir()
    (pot / "a.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "A network."\nmsgstr ""\n')
    (locales / "zh_TW" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "zh_TW" / "LC_MESSAGES" / "a.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "A network."\nmsgstr "一個網絡。"\n', encoding="utf-8"
    )
    (locales / "TERMINOLOGY.md").write_text(GLOSSARY.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["--pot", str(pot), "--locales", str(locales), "--language", "zh_TW"]
    assert check_catalogs.main(argv) == 1
    out = capsys.readouterr().out
    assert "a.po: glossary: '網絡' is a forbidden variant in zh_TW, write '網路'" in out
    assert "'A network.'" in out


def test_typed_numbers_in_prose_are_found():
    text = "---\nkernel: 3\n---\n# Title\n\nDepth 538 underflows; float16 and S2 are names.\n\n```python\nx = 5\n```\n\n:::{figure} a\n:width: 80%\n:alt: Shows 7 curves.\n:::\n\n1. first item\n"
    assert check_prose_numbers.typed_numbers(text) == [(6, "538"), (14, "7")]


def test_prose_numbers_inside_math_roles_and_code_pass():
    text = "Bound {claim}`v.b3` is $0.25^3$ and $$x^2$$ with `f(2)` [a](#b2)."
    assert check_prose_numbers.typed_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("The layer is $10$ times wider.", "only the number '10'"),
        ("The unit round-off is $2^{-24}$.", "only the number '2^{-24}'"),
        ("At $-5.87$ every factor is one.", "only the number '-5.87'"),
        ("A step of $10^{-3}$.", "only the number '10^{-3}'"),
        ("A $1000 \\times 1000$ matrix.", "only the number '1000 \\times 1000'"),
        ("Its mean is $\\bar d = 0.207$.", "decimal '0.207'"),
        ("$$\nm = 0.25^{20}\n$$", "decimal '0.25'"),
        ("It explodes once $|w| > 4$.", "comparison with the number '4'"),
        ("Here $w_c \\approx 3$.", "comparison with the number '3'"),
        ("Deep nets, $L \\geq 20$, stall.", "comparison with the number '20'"),
        ("With $h = 10^{-5}$ the error is small.", "comparison with the number '10^{-5}'"),
        ("Take $20 < x$.", "comparison with the number '20'"),
        ("On a grid over $[-10, 10]$.", "interval '[-10, 10]'"),
    ],
)
def test_computed_numbers_inside_math_are_found(text, problem):
    found = check_prose_numbers.typed_math_numbers(text)
    assert len(found) == 1 and problem in found[0][1], found


@pytest.mark.parametrize(
    "text",
    [
        "Exactly $\\tanh(x) = 2\\sigma(2x) - 1$ and $\\tanh'(x) = 4\\sigma'(2x)$.",
        "The maximum is $1/4$, so $\\sigma' \\le 1/4$ and $0 < \\sigma'$.",
        "For $a > 0$, $|\\tanh(x)| < 1$ on $(-1, 1)$ and $(0, 1)$; $\\sigma(0) = 1/2$.",
        "The slope $a/4$ exceeds one for $a >$ {claim}`st.a` ($x =$ {claim}`st.x`).",
        "$$\n\\sigma'(x) = \\sigma(x)\\bigl(1 - \\sigma(x)\\bigr), \\qquad x \\in [-\\infty, \\infty]\n$$",
        "Solve $6p^2 - 6p + 1 = 0$, so $p = (3 \\pm \\sqrt 3)/6$; $2 \\cdot 2/4 = 1$.",
        "A float16 value and the S2 article; `$10$` in code.",
    ],
)
def test_formulas_inside_math_pass(text):
    assert check_prose_numbers.typed_math_numbers(text) == []


def test_formula_constant_opt_out_is_explicit_and_covers_math_only():
    flagged = "Absorbed once $e^{-x} \\le 2^{-53}$, line 42.\n"
    marker = "% check-prose: formula-constant\n"
    assert check_prose_numbers.typed_math_numbers(flagged) != []
    assert check_prose_numbers.typed_math_numbers(marker + flagged) == []
    assert check_prose_numbers.typed_numbers(marker + flagged) == [(2, "42")]  # prose still checked
    block = marker + "$$\nq = 0.5\n$$\nand $0.5$ later.\n"
    assert check_prose_numbers.typed_math_numbers(block) == [
        (5, "math that is only the number '0.5'")
    ]


def test_main_fails_on_a_number_typed_in_math(tmp_path, capsys):
    page = tmp_path / "chapter.md"
    page.write_text("Exact: $\\sigma' \\le 1/4$.\n")
    assert check_prose_numbers.main([str(tmp_path), "--pages-only"]) == 0
    page.write_text("Explodes once $|w| > 4$.\n")
    assert check_prose_numbers.main([str(tmp_path), "--pages-only"]) == 1
    out = capsys.readouterr().out
    assert "chapter.md:1: comparison with the number '4' typed in math" in out
    assert "use a claim" in out


def test_prose_held_by_actbook_is_checked(tmp_path, capsys, monkeypatch):
    texts = [("actbook.sources S9.x correction", "It fails at 0.25, not at $1/4$.")]
    monkeypatch.setattr(check_prose_numbers, "generated_prose", lambda: texts)
    assert check_prose_numbers.main([str(tmp_path)]) == 1
    assert "S9.x correction:1: number typed in prose: '0.25'" in capsys.readouterr().out


def test_every_register_and_claim_text_is_collected():
    from actbook import claims, sources

    wheres = [where for where, _ in check_prose_numbers.generated_prose()]
    assert len(wheres) == (
        len(sources.ARTICLES) + 2 * len(sources.REGISTER) + 2 * len(claims.REGISTRY)
    )
    assert "actbook.claims sigmoid_tanh.grid_step method" in wheres


def test_untranslated_blocks_and_remote_assets_are_found(tmp_path):
    english = "<article class='bd-article'><p>The gradient vanishes here.</p><p>$x$</p></article>"
    blocks = set(check_html.text_blocks(BeautifulSoup(english, "html.parser")))
    assert "The gradient vanishes here." in blocks
    # A list of links to the ledger by claim id is not prose; a sentence beside it is.
    ids = (
        "<article class='bd-article'><p><a href='../claims.html#claim-a-b'>vanishing.step_count"
        "</a>, <a href='../claims.html#claim-a-c'>vanishing.sigmoid_bound_3</a></p>"
        "<p>See <a href='../claims.html#claim-a-b'>the step count</a> there.</p></article>"
    )
    blocks = list(check_html.text_blocks(BeautifulSoup(ids, "html.parser")))
    assert blocks == [",", "See the step count there."]
    page = tmp_path / "en" / "a.html"
    page.parent.mkdir()
    page.write_text("<html><head><script src='https://cdn.example/x.js'></script></head></html>")
    (tmp_path / "en" / "s.css").write_text(
        "@font-face { src: url(https://fonts.example/f.woff2); }"
    )
    found = check_html.check_offline(tmp_path)
    assert len(found) == 2 and all("another host" in f for f in found)


def test_claim_values_are_checked_against_computation():
    html = (
        "<article class='bd-article'><p><span class='claim'><a href='claims.html#claim-v-b3'>"
        "<span>0.02</span></a></span> and {claim}`x.y`</p></article>"
    )
    found = check_html.check_claims(
        BeautifulSoup(html, "html.parser"), "p", {"claim-v-b3": "0.015625"}
    )
    assert any("shows '0.02', computed '0.015625'" in f for f in found)
    assert any("unresolved role" in f for f in found)


def test_root_index_links_every_language(tmp_path):
    for folder, _, _ in make_root_index.LANGUAGES:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("")
    assert make_root_index.main([str(tmp_path)]) == 0
    page = (tmp_path / "index.html").read_text()
    assert all(f'href="{f}/index.html"' in page for f, _, _ in make_root_index.LANGUAGES)
    assert (tmp_path / ".nojekyll").is_file()


def test_root_index_is_a_chooser_that_remembers(tmp_path):
    for folder, _, _ in make_root_index.LANGUAGES:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(f"<title>actbook: {folder} — actbook</title>")
    make_root_index.main([str(tmp_path)])
    page = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    links = page.select("main a")
    assert [(a["lang"], a["data-actbook-folder"]) for a in links] == [
        (tag, folder) for folder, tag, _ in make_root_index.LANGUAGES
    ]
    assert [a.select_one(".name").text for a in links] == [
        "English",
        "简体中文",
        "繁體中文",
        "Italiano",
    ]
    assert [a.select_one(".title").text for a in links] == ["en", "zh-cn", "zh-tw", "it"]
    script = page.select_one("script").text
    assert "localStorage.getItem(KEY)" in script and '"actbook-language"' in script
    assert script.index("storedChoice() || browserChoice()") > 0
    assert page.select_one("style") is not None and "http" not in page.select_one("style").text


def test_source_quotes_are_checked_on_every_article_page(tmp_path):
    from actbook import sources

    folder = tmp_path / "it" / "sources"
    folder.mkdir(parents=True)
    statements = sources.statements_of("S5")
    rows = []
    for n, s in enumerate(statements):
        anchor = "stmt-" + s.id.lower().replace(".", "-")
        lang = "en" if n == 1 else "it"  # the second quote lacks its language
        rows.append(
            f'<tr><td><p id="{anchor}"></p><q class="source-quote" lang="{lang}">{s.quote}</q>'
        )
    (folder / "s5.html").write_text("<table>" + "".join(rows) + "</table>")
    found = check_html.check_source_quotes(tmp_path, "it")
    assert f"{statements[1].id} or" not in " ".join(found)
    assert any("quote differs from the register or lacks lang" in p for p in found)
    assert sum("quote differs" in p for p in found) == 1
    assert sum("no page for" in p for p in found) == 4  # S1-S4 missing


def _script_problems(html: str, folder: str) -> list[str]:
    return check_html.check_script(BeautifulSoup(html, "lxml"), "page.html", folder)


@pytest.mark.parametrize(
    ("folder", "html", "found"),
    [
        ("zh-tw", '<html lang="zh-TW"><a title="上一页">上一頁</a></html>', True),
        ("zh-tw", '<html lang="zh-TW"><a title="上一頁">上一頁</a></html>', False),
        ("zh-tw", '<html lang="zh-TW"><p>跳转至主要内容</p></html>', True),
        ("zh-tw", '<html lang="zh-TW"><nav aria-label="网页导航"></nav></html>', True),
        ("zh-tw", '<html lang="zh-TW"><input placeholder="搜尋结果"></html>', True),
        ("zh-tw", '<html lang="zh-TW"><img alt="激活函数"></html>', True),
        # Taiwan writes 著, 群, 才; 干 and 台 are written in both scripts.
        ("zh-tw", '<html lang="zh-TW"><p>顯著、群、才、干、台</p></html>', False),
        ("zh-cn", '<html lang="zh-CN"><p>激活函数的导数</p></html>', False),
        ("zh-cn", '<html lang="zh-CN"><p>激勵函數的導數</p></html>', True),
        ("zh-cn", '<html lang="zh-CN"><a title="連結到此標題">¶</a></html>', True),
        # An article quoted in its own script, on a page of the other one.
        (
            "zh-cn",
            '<html lang="zh-CN"><q lang="zh-TW">當我們把一個負值輸入到ReLU函數後</q></html>',
            False,
        ),
        (
            "zh-cn",
            '<html lang="zh-CN"><q lang="zh-Hant">因為sigmoid幾乎就是梯度消失的代名詞</q></html>',
            False,
        ),
        (
            "zh-tw",
            '<html lang="zh-TW"><q lang="zh-CN">在深层网络中,ReLU使用最广泛</q></html>',
            False,
        ),
        ("zh-tw", '<html lang="zh-TW"><div lang="zh-Hant"><p>下一页</p></div></html>', True),
        # The English docstrings (lang="en") hold no Chinese; a translated label inside is checked.
        (
            "zh-tw",
            '<html lang="zh-TW"><div lang="en"><dt lang="zh-TW">参数</dt></div></html>',
            True,
        ),
    ],
)
def test_chinese_pages_are_written_in_their_own_script(folder, html, found):
    assert bool(_script_problems(html, folder)) is found


def test_script_problem_names_the_characters():
    (problem,) = _script_problems('<html lang="zh-TW"><p>回到顶部</p></html>', "zh-tw")
    assert "Simplified-only 顶" in problem and "回到顶部" in problem


def test_catalog_headers_must_not_keep_gettext_placeholders(tmp_path):
    po = tmp_path / "x.po"
    header = (
        "# SOME DESCRIPTIVE TITLE.\n# FIRST AUTHOR <EMAIL@ADDRESS>, 2026.\n#\n#, fuzzy\n"
        'msgid ""\nmsgstr ""\n"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
        '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n"Language-Team: it <LL@li.org>\\n"\n'
    )
    po.write_text(header + '\nmsgid "A"\nmsgstr "B"\n', encoding="utf-8")
    found = {
        re.search(r"placeholder '([^']+)'", p.message)[1]
        for p in check_catalogs.header_problems(po)
    }
    assert found == set(check_catalogs.HEADER_PLACEHOLDERS)
    filled = fill_catalog_headers.filled_header(
        po.read_text(encoding="utf-8"), "it", "x", "2026-11-30 20:00+0000"
    )
    po.write_text(filled, encoding="utf-8")
    assert check_catalogs.header_problems(po) == []
    assert '"Language-Team: Italian <' in filled and "#, fuzzy" not in filled
    assert filled.endswith('msgid "A"\nmsgstr "B"\n')


def test_every_catalog_names_its_team_and_revision_date():
    locales = Path(__file__).resolve().parent.parent / "book" / "locales"
    catalogs = sorted(locales.rglob("*.po"))
    assert len(catalogs) > 60
    assert [str(p) for po in catalogs for p in check_catalogs.header_problems(po)] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("hanno dato il 56,0 % e il 47,5 % di zeri esatti", 0),
        ("è morto il 34 % delle unità e l'11 % di quelle", 0),
        ("tra l'1 % e il 4 %, meno dell'1 %, dello 0 %, all'85,3 %", 0),
        ("contro il 0,0 %", 1),  # lo 0,0 %
        ("al 87,8 %", 1),  # all'87,8 %
        ("Il 11 % e lo 5 % e dell'5 %", 3),
        ("accuratezza 96,0 %, dopo 5 %", 0),  # no article: nothing to agree with
    ],
)
def test_italian_articles_agree_with_the_computed_percentage(text, found):
    assert len(check_html.italian_article_problems(text, "it/p.html")) == found
