"""Cite this page, "built from", source and report links (actbook.sphinxext.citation)."""

from __future__ import annotations

import ast
import html
import importlib.util
import json
import re
import subprocess
import tomllib
import zipfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pybtex.database.input import bibtex as pybtex_bibtex
from ruamel.yaml import YAML

import actbook
from actbook import claims
from actbook.sphinxext import citation
from actbook.sphinxext.citation import (
    AUTHORS,
    BuildInfo,
    Citation,
    bibtex_entry,
    bibtex_escape,
    bibtex_key,
    copyright_year,
    page_url,
    plain_reference,
    read_build_info,
    report_url,
    version_label,
)

ROOT = Path(__file__).resolve().parent.parent
COMMIT = "1cb0cb2163afb509a55aaa2be7497e87042d02f3"
INFO = BuildInfo("0.1.0", COMMIT, "2026-11-30")
REPOSITORY = "https://github.com/actbook/actbook"
BASEURL = "https://actbook.github.io/actbook/"

# A few of the interface strings in Chinese, as book/locales/zh_CN/LC_MESSAGES/sphinx.po has them.
ZH_CN = {
    "Cite this page": "引用本页",
    "Copy the BibTeX entry": "复制 BibTeX 条目",
    "Claim {id}": "论断 {id}",
    "{version}, commit {commit}, {date}": "{version}，提交 {commit}，{date}",
    "Version {version}": "版本 {version}",
    "Version {version}. {url}": "版本 {version}。{url}",
    "The actbook authors": "actbook 编写组",
    "{authors}. “{title}”. In: {book}. Version {version}. {url}": (
        "{authors}.“{title}”. 载于《{book}》，版本 {version}。{url}"
    ),
    "Built from actbook {version}, commit {commit} ({date})": (
        "构建自 actbook {version}，提交 {commit}（{date}）"
    ),
    "Problem with the page: {title}": "页面问题：{title}",
}


def _po(messages: dict[str, str]) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = "".join(f"\nmsgid {quoted(k)}\nmsgstr {quoted(v)}\n" for k, v in messages.items())
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + entries


CONF = f"""\
extensions = ['myst_parser', 'sphinx_design', 'actbook.sphinxext']
actbook_languages = {{'en': ('en', 'en', 'English'), 'zh_CN': ('zh-cn', 'zh-Hans', '简体中文')}}
actbook_repository_url = {REPOSITORY!r}
html_baseurl = {BASEURL!r}
locale_dirs = ['locales/']
html_theme_options = {{'article_footer_items': ['actbook-page-tools.html'],
    'footer_content_items': ['author.html', 'copyright.html', 'actbook-built-from.html']}}
author = {AUTHORS!r}
copyright = '2026, ' + author
"""

#: A three-page book: root, a chapter, a ledger with a claim anchor; and a Chinese catalog.
FILES = {
    "index.md": "# The book\n\n```{toctree}\nchapters/sums\nclaims\n```\n",
    # no dollarmath: "$x_1$" is text, and the title has every kind of character BibTeX escapes
    "chapters/sums.md": "# Sums & 100% of $x_1$ {braces}\n\nText.\n",
    "claims.md": (
        "# Ledger\n\n(claim-demo.quarter_x)=\n## A quarter\n\nA claim.\n\n"
        "<!-- actbook:claims-ledger -->\n"
    ),
    "locales/zh_CN/LC_MESSAGES/sphinx.po": _po(ZH_CN),
}


def build(build_book, tmp_path: Path, language: str, info: BuildInfo) -> Path:
    """Build :data:`FILES` in ``language`` in-process: no claims to compute, and ``info``
    stands for git's answer."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(claims, "REGISTRY", {})
        patch.setattr(claims, "CHAPTER_LABELS", {})
        patch.setattr(citation, "read_build_info", lambda *args, **kwargs: info)
        return build_book(tmp_path, FILES, conf=CONF, language=language)


@pytest.fixture(scope="module")
def english(tmp_path_factory, build_book) -> Path:
    """The English build (module-scoped: its pages are only read)."""
    return build(build_book, tmp_path_factory.mktemp("en"), "en", INFO)


@pytest.fixture(scope="module")
def chinese(tmp_path_factory, build_book) -> Path:
    """The Chinese build, with the catalog of :data:`ZH_CN`."""
    return build(build_book, tmp_path_factory.mktemp("zh"), "zh_CN", INFO)


def sums_page(out: Path, folder: str) -> tuple[dict[str, str], str]:
    """The cite block of the chapter built into ``out``, and its URL in language ``folder``."""
    return cite_block(out / "chapters" / "sums.html"), page_url(BASEURL, folder, "chapters/sums")


def cite_block(page: Path) -> dict[str, str]:
    """The texts of a built page's cite block, footer and links, as a reader sees them."""
    text = page.read_text(encoding="utf-8")

    def inner(pattern: str) -> str:
        match = re.search(pattern, text, re.S)
        assert match, pattern
        return html.unescape(match[1])

    return {
        "summary": inner(r'<details class="actbook-cite"[^>]*>\s*<summary>(.*?)</summary>'),
        "text": inner(r'<pre class="[^"]*" id="actbook-cite-text"[^>]*>(.*?)</pre>'),
        "bibtex": inner(
            r'<pre class="actbook-cite-text" id="actbook-cite-bibtex"[^>]*>(.*?)</pre>'
        ),
        "footer": inner(r'<p class="actbook-built-from">(.*?)</p>'),
        "author": inner(r'<p class="component-author">\s*(.*?)\s*</p>'),
        "copyright": inner(r'<p class="copyright">\s*(.*?)\s*<br/>'),
        "source": inner(r'class="actbook-source-link" href="([^"]*)"'),
        "report": inner(r'class="actbook-report-link" href="([^"]*)"'),
        "canonical": inner(r'<link rel="canonical" href="([^"]*)"'),
    }


# -- the pieces ---------------------------------------------------------------------------


def test_the_root_page_is_cited_as_the_book():
    entry = bibtex_entry(
        Citation("actbook", "actbook", "https://e.org/en/index.html", "k", INFO, True)
    )
    assert entry.startswith("@book{k,\n")
    assert "booktitle" not in entry
    assert "  publisher = {{The actbook authors}},\n" in entry
    text = plain_reference(Citation("actbook", "actbook", "https://e.org/", "k", INFO, True))
    assert (
        text
        == "The actbook authors. actbook. Version 0.1.0, commit 1cb0cb2, 2026-11-30. https://e.org/"
    )


def test_bibtex_entry_of_a_page_names_page_book_version_date_and_url():
    entry = bibtex_entry(
        Citation(
            "Dropout",
            "actbook: a book",
            "https://e.org/en/chapters/dropout.html",
            "k:1",
            INFO,
            language="en",
        )
    )
    assert entry == (
        "@incollection{k:1,\n"
        "  author    = {{The actbook authors}},\n"
        "  title     = {{Dropout}},\n"
        "  booktitle = {{actbook: a book}},\n"
        "  publisher = {{The actbook authors}},\n"
        "  year      = {2026},\n"
        "  date      = {2026-11-30},\n"
        "  version   = {0.1.0},\n"
        "  note      = {Version 0.1.0, commit 1cb0cb2, 2026-11-30. "
        "https://e.org/en/chapters/dropout.html},\n"
        "  url       = {https://e.org/en/chapters/dropout.html},\n"
        "  langid    = {english},\n"
        "}"
    )


def _parse(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry as pybtex reads them (raising on a syntax error)."""
    data = pybtex_bibtex.Parser().parse_string(entry)
    ((key, parsed),) = data.entries.items()
    authors = {name: " and ".join(map(str, people)) for name, people in parsed.persons.items()}
    fields = {name.lower(): value for name, value in parsed.fields.items()}
    return {"type": parsed.type, "key": key, **authors, **fields}


#: What classic BibTeX requires of each entry type (btxdoc), besides what both carry.
REQUIRED = {
    "book": {"author", "title", "publisher", "year"},
    "incollection": {"author", "title", "booktitle", "publisher", "year"},
}


@pytest.mark.parametrize("is_book", [False, True], ids=["incollection", "book"])
@pytest.mark.parametrize(
    "info",
    [INFO, BuildInfo("0.1.0", fallback_year="2026"), BuildInfo("0.1.0")],
    ids=["git", "copyright-year", "nothing"],
)
def test_every_entry_has_the_fields_classic_bibtex_requires(is_book, info):
    url = "https://e.org/it/claims.html#claim-a_b"
    entry = bibtex_entry(Citation("T", "B", url, "k", info, is_book, "it"))
    fields = _parse(entry)
    assert fields["type"] == ("book" if is_book else "incollection")
    assert REQUIRED[fields["type"]] <= set(fields)
    assert fields["publisher"] == "{The actbook authors}"
    assert fields["year"] == info.year != ""
    assert fields["version"] == "0.1.0"
    assert fields["langid"] == "italian"
    # classic styles ignore url: the note keeps the address, escaped for LaTeX
    assert fields["url"] == url
    assert fields["note"].endswith(". https://e.org/it/claims.html\\#claim-a\\_b")
    assert ("date" in fields) == (info.date is not None)


TITLES = [
    "a { b",
    "a } b",
    "} a {",
    "{{",
    "Sums & 100% of $x_1$ {braces} #2 ~ ^ \\ end",
    "\\{ escaped? \\}",
    "门控线性单元 {GLU} 与 50% 的 x_1",
    "Funzioni d’attivazione: ~ ^ & #",
]


@pytest.mark.parametrize("title", TITLES)
def test_any_title_gives_an_entry_that_pybtex_reads_whole(title):
    url = "https://e.org/zh-cn/a_b.html#c~d"
    entry = bibtex_entry(Citation(title, f"Book {title}", url, "k", INFO, language="zh_CN"))
    fields = _parse(entry)
    assert fields["title"] == "{" + bibtex_escape(title) + "}"
    assert fields["booktitle"] == "{" + bibtex_escape("Book " + title) + "}"
    assert fields["url"] == url
    assert fields["langid"] == "chinese-simplified"
    assert list(fields)[-1] == "langid"  # no field ended early, none swallowed the next
    assert _balanced(entry)


def _balanced(text: str) -> bool:
    """Are the braces balanced, counted as BibTeX counts them (a backslash changes nothing)?"""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_special_characters_of_a_title_are_escaped_for_bibtex():
    title = "Sums & 100% of $x_1$ {braces} #2 ~ ^ \\ end"
    entry = bibtex_entry(Citation(title, "Book_1", "https://e.org/a.html#b_c", "k", INFO))
    assert (
        "  title     = {{Sums \\& 100\\% of \\$x\\_1\\$ \\textbraceleft{}braces\\textbraceright{} "
        "\\#2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} end}},\n" in entry
    )
    assert "  booktitle = {{Book\\_1}},\n" in entry
    assert "  url       = {https://e.org/a.html#b_c},\n" in entry  # the url field is verbatim
    assert "https://e.org/a.html\\#b\\_c},\n" in entry  # the note's copy is text
    assert _balanced(entry)
    assert bibtex_escape("plain words, 中文") == "plain words, 中文"
    assert "\\{" not in bibtex_escape("{}") and "\\}" not in bibtex_escape("{}")


def test_cite_js_escapes_as_python_does():
    script = (Path(citation.__file__).parent / "static" / "cite.js").read_text(encoding="utf-8")
    table = re.search(r"const BIBTEX_SPECIAL = \{(.*?)\};", script, re.S)[1]
    pairs = re.findall(r'"((?:\\\\|[^"\\])+)": "((?:\\\\|[^"\\])+)"', table)
    js = {key.replace("\\\\", "\\"): value.replace("\\\\", "\\") for key, value in pairs}
    assert js == citation._BIBTEX_SPECIAL
    assert '"@@TEXURL@@": bibtexEscape(url)' in script


def test_plain_reference_of_a_page():
    text = plain_reference(Citation("Dropout", "actbook", "https://e.org/d.html", "k", INFO))
    assert text == (
        "The actbook authors. “Dropout”. In: actbook. "
        "Version 0.1.0, commit 1cb0cb2, 2026-11-30. https://e.org/d.html"
    )


def test_stable_urls_and_keys_per_language():
    assert page_url(BASEURL, "zh-tw", "chapters/relu-family") == (
        "https://actbook.github.io/actbook/zh-tw/chapters/relu-family.html"
    )
    assert page_url(BASEURL, "it", "claims", "claim-x-y") == (
        "https://actbook.github.io/actbook/it/claims.html#claim-x-y"
    )
    assert bibtex_key("zh-cn", "sources/s1") == "actbook:zh-cn:sources:s1"
    assert bibtex_key("en", "odd name/with, comma") == "actbook:en:odd-name:with-comma"


def test_version_with_git_names_the_commit_and_its_day():
    def git(args, **kwargs):
        assert args[:2] == ["git", "-C"] and args[3:] == ["log", "-1", "--format=%H %ct"]
        return subprocess.CompletedProcess(args, 0, stdout=f"{COMMIT} 1796044499\n", stderr="")

    info = read_build_info("/repo", "0.1.0", run=git, environ={"SOURCE_DATE_EPOCH": "1"})
    assert info == BuildInfo("0.1.0", COMMIT, "2026-11-30")
    assert version_label(info) == "0.1.0, commit 1cb0cb2, 2026-11-30"
    # the commit's day in UTC, whatever the machine's time zone (23:59:59 UTC here)
    late = read_build_info(
        "/repo",
        "0.1.0",
        run=lambda args, **kw: subprocess.CompletedProcess(args, 0, f"{COMMIT} 1796083199", ""),
    )
    assert late.date == "2026-11-30"


@pytest.mark.parametrize(
    "run",
    [
        lambda args, **kw: subprocess.CompletedProcess(
            args, 128, "", "fatal: not a git repository"
        ),
        lambda args, **kw: subprocess.CompletedProcess(args, 0, "garbage\n", ""),
        lambda args, **kw: (_ for _ in ()).throw(FileNotFoundError("git")),
        lambda args, **kw: (_ for _ in ()).throw(subprocess.TimeoutExpired(args, 30)),
    ],
    ids=["not-a-checkout", "unexpected-output", "no-git", "timeout"],
)
def test_without_git_the_version_stands_alone(run):
    info = read_build_info("/sdist", "0.1.0", run=run, environ={})
    assert info == BuildInfo("0.1.0")
    assert version_label(info) == "0.1.0"
    entry = bibtex_entry(Citation("T", "B", "https://e.org/t.html", "k", info))
    assert "  year      = {n.d.},\n" in entry and "date" not in entry
    assert "  note      = {Version 0.1.0. https://e.org/t.html},\n" in entry
    # a packager's SOURCE_DATE_EPOCH dates it; the Makefile's 0 ("no git") does not
    dated = read_build_info("/sdist", "0.1.0", run=run, environ={"SOURCE_DATE_EPOCH": "1796044499"})
    assert dated == BuildInfo("0.1.0", None, "2026-11-30")
    entry = bibtex_entry(Citation("T", "B", "https://e.org/t.html", "k", dated))
    assert "  year      = {2026},\n  date      = {2026-11-30},\n" in entry
    assert version_label(dated) == "0.1.0"
    assert read_build_info("/sdist", "0.1.0", run=run, environ={"SOURCE_DATE_EPOCH": "0"}) == info


def test_without_any_date_the_year_is_the_copyright_year():
    assert copyright_year("2026, The actbook authors") == "2026"
    assert copyright_year(["2025-2026", "x"]) == "2025"
    assert copyright_year("The actbook authors") is None
    entry = bibtex_entry(Citation("T", "B", "u", "k", BuildInfo("0.1.0", fallback_year="2026")))
    assert "  year      = {2026},\n" in entry and "date" not in entry


def test_outside_a_checkout_real_git_gives_the_version_alone(tmp_path):
    assert read_build_info(tmp_path, "9.9.9", environ={}) == BuildInfo("9.9.9")


def test_translated_references_take_every_mark_from_the_catalog(monkeypatch):
    """The code adds no punctuation of its own around translated parts (no ASCII "." before
    a Chinese quote): a reference is exactly the catalog's format with the fields put in."""
    catalog = {
        "The actbook authors": "作者群",
        "{version}, commit {commit}, {date}": "{version}，提交 {commit}，{date}",
        "{authors}. “{title}”. In: {book}. Version {version}. {url}": (
            "{authors}：“{title}”，载于《{book}》，版本 {version}。{url}"
        ),
        "{authors}. {book}. Version {version}. {url}": "{authors}：《{book}》，版本 {version}。{url}",
        "Version {version}. {url}": "版本 {version}。{url}",
    }
    monkeypatch.setattr(
        citation, "message", lambda text, **fields: catalog.get(text, text).format(**fields)
    )
    page = Citation("标题", "书", "https://e.org/p.html", "k", INFO, language="zh_TW")
    assert plain_reference(page) == (
        "作者群：“标题”，载于《书》，版本 0.1.0，提交 1cb0cb2，2026-11-30。https://e.org/p.html"
    )
    book = Citation("书", "书", "https://e.org/", "k", INFO, True)
    assert (
        plain_reference(book)
        == "作者群：《书》，版本 0.1.0，提交 1cb0cb2，2026-11-30。https://e.org/"
    )
    fields = _parse(bibtex_entry(page))
    assert fields["author"] == fields["publisher"] == "{作者群}"
    assert fields["note"] == "版本 0.1.0，提交 1cb0cb2，2026-11-30。https://e.org/p.html"
    assert fields["langid"] == "chinese-traditional"


def test_report_link_prefills_the_page_title_and_url():
    url = report_url(REPOSITORY + "/", "Sums & 100% “x”", "https://e.org/en/s.html", INFO)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPOSITORY + "/issues/new"
    assert " " not in url and "&body=" in url and url.count("&") == 1
    query = parse_qs(parts.query)
    assert query["title"] == ["Problem with the page: Sums & 100% “x”"]
    assert query["body"][0].splitlines()[:2] == [
        "Page: https://e.org/en/s.html",
        "Version: 0.1.0, commit 1cb0cb2, 2026-11-30",
    ]


# -- in a build ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("book", "folder", "summary", "reference"),
    [
        (
            "english",
            "en",
            "Cite this page",
            "The actbook authors. “Sums & 100% of $x_1$ {braces}”. In: The book. "
            "Version 0.1.0, commit 1cb0cb2, 2026-11-30. ",
        ),
        (
            "chinese",
            "zh-cn",
            "引用本页",
            "actbook 编写组.“Sums & 100% of $x_1$ {braces}”. 载于《The book》，"
            "版本 0.1.0，提交 1cb0cb2，2026-11-30。",
        ),
    ],
)
def test_the_cite_block_reads_in_the_pages_language(request, book, folder, summary, reference):
    page, url = sums_page(request.getfixturevalue(book), folder)
    assert url == f"https://actbook.github.io/actbook/{folder}/chapters/sums.html"
    assert page["summary"] == summary
    assert page["text"] == reference + url


def test_every_page_cites_itself_in_english(english):
    page, url = sums_page(english, "en")
    title = "Sums & 100% of $x_1$ {braces}"
    key = "actbook:en:chapters:sums"
    assert page["bibtex"] == bibtex_entry(Citation(title, "The book", url, key, INFO, False, "en"))
    assert _parse(page["bibtex"])["title"] == "{" + bibtex_escape(title) + "}"
    assert page["author"] == "By The actbook authors"
    assert page["copyright"] == "© Copyright 2026, The actbook authors."
    assert page["canonical"] == url  # Sphinx alone would drop the language folder
    assert page["source"] == REPOSITORY + "/blob/main/chapters/sums.md"
    assert parse_qs(urlsplit(page["report"]).query)["title"] == [
        "Problem with the page: Sums & 100% of $x_1$ {braces}"
    ]
    assert page["footer"] == (
        f'Built from actbook 0.1.0, commit <a class="actbook-commit" href="{REPOSITORY}/commit/'
        f'{COMMIT}"><code>1cb0cb2</code></a> (<span class="actbook-nowrap">2026-11-30</span>)'
    )
    root = cite_block(english / "index.html")
    assert root["bibtex"].startswith("@book{actbook:en:index,\n")
    # generated pages (search) carry the footer, but nothing to cite or fix
    search = (english / "search.html").read_text(encoding="utf-8")
    assert "actbook-built-from" in search and "actbook-cite" not in search


def test_pages_cite_themselves_in_their_language(chinese):
    page, url = sums_page(chinese, "zh-cn")
    assert f"  note      = {{版本 0.1.0，提交 1cb0cb2，2026-11-30。{url}}},\n" in page["bibtex"]
    assert "  author    = {{actbook 编写组}},\n" in page["bibtex"]
    assert "  publisher = {{actbook 编写组}},\n" in page["bibtex"]
    assert "  langid    = {chinese-simplified},\n" in page["bibtex"]
    assert "The actbook authors" not in page["text"] + page["bibtex"]
    # the theme's footer names the authors in Chinese too (its "By" is the theme's word)
    assert page["author"].endswith(" actbook 编写组") and "actbook authors" not in page["author"]
    assert page["copyright"].endswith("2026, actbook 编写组.")
    assert f"  url       = {{{url}}},\n" in page["bibtex"]
    assert page["bibtex"].startswith("@incollection{actbook:zh-cn:chapters:sums,\n")
    assert page["footer"].startswith('构建自 actbook 0.1.0，提交 <a class="actbook-commit"')
    assert page["footer"].endswith('（<span class="actbook-nowrap">2026-11-30</span>）')
    assert parse_qs(urlsplit(page["report"]).query)["title"] == [
        "页面问题：Sums & 100% of $x_1$ {braces}"
    ]


def test_a_ledger_page_carries_its_claim_anchors_for_the_script(chinese):
    text = (chinese / "claims.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(
            r'<script type="application/json" id="actbook-cite-anchors">(.*?)</script>', text
        )[1]
    )
    assert data["anchors"] == {"claim-demo-quarter-x": "demo.quarter_x"}
    assert data["title"] == "论断 {id}"
    assert data["url"] == "https://actbook.github.io/actbook/zh-cn/claims.html"
    assert data["key"] == "actbook:zh-cn:claim:"
    assert (
        "title     = {{@@TITLE@@}}" in data["bibtex"] and "@incollection{@@KEY@@," in data["bibtex"]
    )
    assert "。@@TEXURL@@},\n" in data["bibtex"] and "  url       = {@@URL@@},\n" in data["bibtex"]
    # the claims get a "Cite" link each (cite.js), its words from the template
    assert 'data-cite-claim="Cite"' in text and 'data-cite-claim-label="Cite claim {id}"' in text
    assert data["text"].endswith("版本 0.1.0，提交 1cb0cb2，2026-11-30。@@URL@@")
    assert 'id="claim-demo-quarter-x"' in text
    sums = (chinese / "chapters" / "sums.html").read_text(encoding="utf-8")
    assert "actbook-cite-anchors" not in sums and "data-cite-claim" not in sums


# -- CITATION.cff and the Makefile --------------------------------------------------------


def _conf_constants() -> dict[str, object]:
    tree = ast.parse((ROOT / "conf.py").read_text(encoding="utf-8"))
    return {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }


def test_citation_cff_agrees_with_pyproject_and_conf():
    cff = YAML(typ="safe").load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    conf = _conf_constants()
    version = pyproject["project"]["version"]
    assert str(cff["version"]) == version == actbook.__version__
    assert str(cff["preferred-citation"]["version"]) == version
    assert cff["repository-code"] == conf["actbook_repository_url"]
    assert cff["preferred-citation"]["repository-code"] == conf["actbook_repository_url"]
    assert cff["url"] == conf["html_baseurl"] == cff["preferred-citation"]["url"]
    assert cff["license"] == pyproject["project"]["license"]
    assert cff["cff-version"] == "1.2.0"
    names = [author["name"] for author in cff["authors"]]
    assert names == [a["name"] for a in cff["preferred-citation"]["authors"]] == [AUTHORS]
    assert [a["name"] for a in pyproject["project"]["authors"]] == [AUTHORS] == [conf["author"]]
    # one year, declared once in conf.py's copyright: CFF, LICENSE and the BibTeX fallback
    year = copyright_year(conf["copyright"])
    assert str(cff["preferred-citation"]["year"]) == year
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert f"Copyright (c) {year} {AUTHORS}\n" in license_text
    # no release of 0.1.0 is recorded anywhere to check a release date against
    assert "date-released" not in cff and "date-released" not in cff["preferred-citation"]


def test_pyproject_names_the_authors_site_and_repository():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conf = _conf_constants()
    repository = conf["actbook_repository_url"]
    assert project["urls"] == {
        "Homepage": conf["html_baseurl"],
        "Source": repository,
        "Issues": repository + "/issues",
    }
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_the_wheel_carries_the_licence_authors_and_urls(tmp_path):
    spec = importlib.util.spec_from_file_location("build_wheel", ROOT / "tools" / "build_wheel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "LICENSE" in module.SOURCES
    wheel = module.build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        licence = archive.read("actbook-0.1.0.dist-info/licenses/LICENSE").decode()
        metadata = archive.read("actbook-0.1.0.dist-info/METADATA").decode()
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "\nLicense-File: LICENSE\n" in metadata and "\nLicense-Expression: MIT\n" in metadata
    assert f"\nAuthor: {AUTHORS}\n" in metadata
    assert "\nProject-URL: Source, https://github.com/actbook/actbook\n" in metadata


def test_make_test_validates_the_citation_file():
    # Continued lines joined: a recipe's $(MAKE) call may name its targets on the next line.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")

    def reached(target: str) -> set[str]:
        """The targets that ``make target`` makes: prerequisites and ``$(MAKE)`` calls."""
        # (not a target-specific variable, "test: NAME = value")
        rule = re.search(rf"^{re.escape(target)}:(?!.*=)(.*)\n((?:\t.*\n)*)", makefile, re.M)
        if not rule:
            return set()
        calls = " ".join(line for line in rule[2].splitlines() if "$(MAKE)" in line)
        names = {n for n in (rule[1] + " " + calls).split() if re.fullmatch(r"[a-z][\w-]*", n)}
        return names.union(*(reached(name) for name in names - {target}))

    assert "check-citation" in reached("test")
    assert "cffconvert --validate --infile CITATION.cff" in makefile
    pins = (ROOT / "requirements-tools.txt").read_text(encoding="utf-8")
    assert re.search(r"^cffconvert==\d+\.\d+\.\d+$", pins, re.M)


def test_a_new_commit_makes_sphinx_write_every_page_again(tmp_path, build_book):
    """Every page shows the commit, and Sphinx writes a page again when the hash of the
    "html" settings in ``.buildinfo`` changes: the commit is one of those settings."""

    def config_hash(folder: str, info: BuildInfo) -> str:
        out = build(build_book, tmp_path / folder, "en", info)
        assert info.short in (out / "index.html").read_text(encoding="utf-8")
        return re.search(r"^config: (\w+)$", (out / ".buildinfo").read_text(), re.M)[1]

    later = replace(INFO, commit="f" * 40)
    first, again, after_commit = (
        config_hash("a", INFO),
        config_hash("b", INFO),
        config_hash("c", later),
    )
    assert first == again != after_commit
