"""Emphasis in Chinese builds: Latin words are marked for italics, Chinese ones are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from actbook import claims

PAGE = "# 第一章\n\n这是*饱和*，而 *swish* 与 *sigmoid 加权线性单元* 不同；见 *et al.*。\n"


@pytest.fixture(autouse=True)
def no_claims(monkeypatch):
    monkeypatch.setattr(claims, "REGISTRY", {})
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {})


def emphasis(tmp_path: Path, language: str) -> list[tuple[str, str]]:
    """Build PAGE in ``language`` and return each ``<em>``'s class attribute and text."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'actbook.sphinxext']\n"
        f"actbook_cache_dir = {str(tmp_path / 'cache')!r}\n"
        "html_theme = 'sphinx_book_theme'\n"
    )
    (src / "index.md").write_text(PAGE, encoding="utf-8")
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
    app.build()
    html = (out / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<em(?: class="([^"]*)")?>(.*?)</em>', html)


def test_latin_emphasis_is_marked_in_chinese_builds(tmp_path):
    assert emphasis(tmp_path, "zh_CN") == [
        ("", "饱和"),
        ("latin", "swish"),
        ("", "sigmoid 加权线性单元"),
        ("latin", "et al."),
    ]


def test_other_builds_leave_emphasis_alone(tmp_path):
    assert [classes for classes, _ in emphasis(tmp_path, "it")] == ["", "", "", ""]
