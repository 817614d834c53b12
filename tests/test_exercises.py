"""Exercise numbering and solution toggles, on small projects built in-process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actbook.sphinxext.exercises import ExerciseError, colon_position, number_label

PAGE = """\
# Chapter

See {ref}`the second exercise <ex-second>`.

(ex-first)=
:::{admonition} Exercise: the first
:class: exercise

Do $x: y$.
:::

:::{dropdown} Solution
One.
:::

:::{admonition} Try it: not an exercise
Play.
:::

(ex-second)=
:::{admonition} Exercise (code): the second with $a: b$
:class: exercise

Code it.
:::

:::{dropdown} Solution
Two.
:::

:::{admonition} Exercise: the third, without a solution
:class: exercise

Think.
:::
"""

PAGE_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Exercise: the first"
msgstr "练习：第一题"

msgid "Exercise (code): the second with $a: b$"
msgstr "练习（代码）：第二题，含 $a: b$"

msgid "Solution"
msgstr "解答"
"""

SPHINX_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Solution to exercise {number}"
msgstr "练习 {number} 的解答"
"""


pytestmark = pytest.mark.usefixtures("no_claims")

CONF = """\
extensions = ['myst_parser', 'sphinx_design', 'actbook.sphinxext']
myst_enable_extensions = ['colon_fence', 'dollarmath']
locale_dirs = ['locales/']
gettext_compact = False
"""


@pytest.fixture
def build(tmp_path, build_book):
    """Build a one-page book (with its Chinese catalogs) and return the output folder."""

    def build(page: str, *, language: str = "en", builder: str = "html") -> Path:
        files = {
            "index.md": page,
            "locales/zh_CN/LC_MESSAGES/index.po": PAGE_PO,
            "locales/zh_CN/LC_MESSAGES/sphinx.po": SPHINX_PO,
        }
        return build_book(tmp_path, files, conf=CONF, language=language, builder=builder)

    return build


def _titles(html: str) -> list[str]:
    return re.findall(r'<p class="admonition-title">(.*?)</p>', html)


def _toggles(html: str) -> list[str]:
    return re.findall(r'<span class="sd-summary-text">(.*?)</span>', html)


def test_exercises_are_numbered_in_order_and_solutions_name_them(build):
    html = (build(PAGE) / "index.html").read_text(encoding="utf-8")
    titles = _titles(html)
    assert titles[0] == "Exercise 1: the first"
    assert titles[1] == "Try it: not an exercise"
    assert titles[2].startswith("Exercise 2 (code): the second with ")
    assert 'class="math' in titles[2]  # the formula after the colon is untouched
    assert titles[3] == "Exercise 3: the third, without a solution"
    assert _toggles(html) == ["Solution to exercise 1", "Solution to exercise 2"]


def test_labels_anchors_and_references_are_kept(build):
    html = (build(PAGE) / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="exercise admonition" id="ex-first">', html)
    assert re.search(r'<div class="exercise admonition" id="ex-second">', html)
    assert re.search(r'href="#ex-second"><span class="std std-ref">the second exercise', html)


def test_translated_titles_are_numbered_after_translation(build):
    html = (build(PAGE, language="zh_CN") / "index.html").read_text(encoding="utf-8")
    titles = _titles(html)
    assert titles[0] == "练习 1：第一题"
    assert titles[2].startswith("练习 2（代码）：第二题，含 ")
    assert titles[3] == "Exercise 3: the third, without a solution"  # untranslated: English
    assert _toggles(html) == ["练习 1 的解答", "练习 2 的解答"]


def test_catalogs_keep_the_unnumbered_titles(build):
    pot = (build(PAGE, builder="gettext") / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "Exercise: the first"' in pot
    assert 'msgid "Solution"' in pot
    assert "Exercise 1" not in pot
    assert "Solution to exercise" not in pot


def test_exercise_title_without_colon_fails_the_build_naming_the_page(build):
    page = ":::{admonition} Exercise on slopes\n:class: exercise\n\nText.\n:::\n"
    with pytest.raises(
        ExerciseError, match=r"index \(line \d+\).*'Exercise on slopes' has no colon"
    ):
        build("# Chapter\n\n" + page)


@pytest.mark.parametrize(
    ("title", "numbered"),
    [
        ("Exercise: the slope", "Exercise 7: the slope"),
        ("Exercise (code): a loop", "Exercise 7 (code): a loop"),
        ("Esercizio (codice): un ciclo", "Esercizio 7 (codice): un ciclo"),
        ("練習（程式碼）：迴圈", "練習 7（程式碼）：迴圈"),
        ("练习：斜率", "练习 7：斜率"),
        ("Exercice : la pente", "Exercice 7 : la pente"),
        ("Exercise: a ratio 1:2", "Exercise 7: a ratio 1:2"),
        ("Exercise, with no colon", None),
        (": only a colon", None),
        ("(code): no word", None),
    ],
)
def test_number_label(title, numbered):
    assert number_label(title, 7) == numbered


def test_chinese_titles_keep_the_number_before_the_full_width_qualifier():
    assert colon_position("练习（代码）：浮点") == 6
    assert number_label("练习（代码）：浮点运算", 4) == "练习 4（代码）：浮点运算"
    assert colon_position("练习：a: b") == 2  # the first colon, whichever its width
