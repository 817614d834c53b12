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
