"""The checks that `make test` runs must catch what they exist to catch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import check_catalogs  # noqa: E402
import check_html  # noqa: E402
import check_prose_numbers  # noqa: E402
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


def test_typed_numbers_in_prose_are_found():
    text = "---\nkernel: 3\n---\n# Title\n\nDepth 538 underflows; float16 and S2 are names.\n\n```python\nx = 5\n```\n\n:::{figure} a\n:width: 80%\n:alt: Shows 7 curves.\n:::\n\n1. first item\n"
    assert check_prose_numbers.typed_numbers(text) == [(6, "538"), (14, "7")]


def test_prose_numbers_inside_math_roles_and_code_pass():
    text = "Bound {claim}`v.b3` is $0.25^3$ and $$x^2$$ with `f(2)` [a](#b2)."
    assert check_prose_numbers.typed_numbers(text) == []


def test_untranslated_blocks_and_remote_assets_are_found(tmp_path):
    english = "<article class='bd-article'><p>The gradient vanishes here.</p><p>$x$</p></article>"
    blocks = set(check_html.text_blocks(BeautifulSoup(english, "html.parser")))
    assert "The gradient vanishes here." in blocks
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
