"""Emphasis in Chinese builds: Latin words are marked for italics, Chinese ones are not."""

from __future__ import annotations

import re

import pytest

from actbook.sphinxext.typography import has_cjk

PAGE = "# 第一章\n\n这是*饱和*，而 *swish* 与 *sigmoid 加权线性单元* 不同；见 *et al.*。\n"

pytestmark = pytest.mark.usefixtures("no_claims")


@pytest.fixture
def emphasis(tmp_path, build_book):
    """Build PAGE in a language and return each ``<em>``'s class attribute and text."""

    def emphasis(language: str) -> list[tuple[str, str]]:
        out = build_book(
            tmp_path,
            {"index.md": PAGE},
            conf="extensions = ['myst_parser', 'actbook.sphinxext']\n",
            language=language,
        )
        html = (out / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<em(?: class="([^"]*)")?>(.*?)</em>', html)

    return emphasis


def test_latin_emphasis_is_marked_in_chinese_builds(emphasis):
    assert emphasis("zh_CN") == [
        ("", "饱和"),
        ("latin", "swish"),
        ("", "sigmoid 加权线性单元"),
        ("latin", "et al."),
    ]


def test_other_builds_leave_emphasis_alone(emphasis):
    assert [classes for classes, _ in emphasis("it")] == ["", "", "", ""]


def test_chinese_characters_and_punctuation_count_as_cjk():
    assert has_cjk("逻辑斯谛 sigmoid 函数")
    assert has_cjk("swish；")  # full-width punctuation
    assert has_cjk("着重号")
    assert not has_cjk("et al.")
    assert not has_cjk("LeCun et al. (1998): swish, ReLU")


PUNCTUATED = "# 第一章\n\n当 $x$，它饱和；而 $y$。后面 $z$ 不变。\n"


@pytest.mark.parametrize(("language", "bound"), [("zh_CN", 2), ("zh_TW", 2), ("it", 0)])
def test_formulas_keep_the_chinese_punctuation_after_them_on_their_line(
    tmp_path, build_book, language, bound
):
    out = build_book(
        tmp_path,
        {"index.md": PUNCTUATED},
        conf="extensions = ['myst_parser', 'actbook.sphinxext']\nmyst_enable_extensions = ['dollarmath']\n",
        language=language,
    )
    html = (out / "index.html").read_text(encoding="utf-8")
    # Each holds one formula and the mark that followed it; the text after it goes on.
    bound_marks = re.findall(
        r'<span class="actbook-nobreak"><span class="math[^"]*">[^<]*</span>(.)</span>', html
    )
    assert bound_marks == ["，", "。"][:bound]
    if bound:
        assert "它饱和；而" in html and "</span>后面" in html and "不变。" in html


ET_AL_PAGE = (
    "# Chapter\n\n"
    "As He et al. did, and as **ReLU (He et al.).** says; Maas *et al.* already in italics.\n\n"
    "`He et al.` in code, $\\text{et al.}$ in a formula, and Donald et alia.\n\n"
    "```python\nwho = 'Maas et al.'\n```\n"
)
ET_AL_CATALOG = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Chapter"\nmsgstr "Capitolo"\n\n'
    'msgid "As He et al. did, and as **ReLU (He et al.).** says; Maas *et al.* already in '
    'italics."\n'
    'msgstr "Come fecero He et al., e come dice **ReLU (He et al.).**; Maas *et al.* è già in '
    'corsivo."\n'
)


@pytest.mark.parametrize("language", ["en", "it"])
def test_et_al_is_set_in_italics_in_the_prose_only(tmp_path, build_book, language):
    out = build_book(
        tmp_path,
        {"index.md": ET_AL_PAGE, "locales/it/LC_MESSAGES/index.po": ET_AL_CATALOG},
        conf="extensions = ['myst_parser', 'actbook.sphinxext']\nlocale_dirs = ['locales']\n"
        "myst_enable_extensions = ['dollarmath']\n",
        language=language,
    )
    html = (out / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<article") :]
    assert body.count("<em>et al.</em>") == 3  # two were upright, one was in italics already
    assert "He et al." not in re.sub(r"<code.*?</code>", "", body, flags=re.S)
    assert 'He</span> <span class="pre">et</span> <span class="pre">al.</span>' in body  # code
    assert "'Maas et al.'" in body  # the code block is left alone
    assert "Donald et alia" in body
    assert "\\text{et al.}" in body
    if language == "it":
        assert "Come fecero He <em>et al.</em>" in body
