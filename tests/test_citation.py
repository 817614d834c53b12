"""Cite this page, "built from", source and report links (actbook.sphinxext.citation)."""

from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import tomllib
from collections import defaultdict
from gettext import NullTranslations
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sphinx.locale
from ruamel.yaml import YAML
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

import actbook
from actbook import claims
from actbook.sphinxext import citation
from actbook.sphinxext.citation import (
    BuildInfo,
    Citation,
    bibtex_entry,
    bibtex_escape,
    bibtex_key,
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


def build(tmp_path: Path, language: str, info: BuildInfo) -> Path:
    """Build a three-page book (root, a chapter, a ledger with a claim anchor) in-process.

    Sphinx keeps its translators per process: fresh ones keep the Chinese catalog out of
    the other tests; no claims to compute, and ``info`` stands for git's answer.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sphinx.locale, "translators", defaultdict(NullTranslations))
        patch.setattr(claims, "REGISTRY", {})
        patch.setattr(claims, "CHAPTER_LABELS", {})
        patch.setattr(citation, "read_build_info", lambda *args, **kwargs: info)
        return _build(tmp_path, language)


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Path:
    with docutils_namespace():  # a module-scoped build must not leak its registrations
        return build(tmp_path_factory.mktemp("en"), "en", INFO)


@pytest.fixture(scope="module")
def chinese(tmp_path_factory) -> Path:
    with docutils_namespace():
        return build(tmp_path_factory.mktemp("zh"), "zh_CN", INFO)


def _build(tmp_path: Path, language: str) -> Path:
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_design', 'actbook.sphinxext']\n"
        f"actbook_cache_dir = {str(tmp_path / 'cache')!r}\n"
        "actbook_languages = {'en': ('en', 'en', 'English'), 'zh_CN': ('zh-cn', 'zh-Hans', '简体中文')}\n"
        f"actbook_repository_url = {REPOSITORY!r}\n"
        f"html_baseurl = {BASEURL!r}\n"
        "locale_dirs = ['locales/']\n"
        "html_theme = 'sphinx_book_theme'\n"
        "html_theme_options = {'article_footer_items': ['actbook-page-tools.html'],\n"
        "    'footer_content_items': ['actbook-built-from.html']}\n"
    )
    (src / "index.md").write_text("# The book\n\n```{toctree}\nchapters/sums\nclaims\n```\n")
    # no dollarmath: "$x_1$" is text, and the title has every kind of character BibTeX escapes
    (src / "chapters" / "sums.md").write_text("# Sums & 100% of $x_1$ {braces}\n\nText.\n")
    (src / "claims.md").write_text(
        "# Ledger\n\n(claim-demo.quarter_x)=\n## A quarter\n\nA claim.\n\n"
        "<!-- actbook:claims-ledger -->\n"
    )
    catalog = src / "locales" / "zh_CN" / "LC_MESSAGES"
    catalog.mkdir(parents=True, exist_ok=True)
    (catalog / "sphinx.po").write_text(_po(ZH_CN), encoding="utf-8")
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
    return out


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
        "source": inner(r'class="actbook-source-link" href="([^"]*)"'),
        "report": inner(r'class="actbook-report-link" href="([^"]*)"'),
        "canonical": inner(r'<link rel="canonical" href="([^"]*)"'),
    }


# -- the pieces ---------------------------------------------------------------------------


def test_bibtex_entry_of_a_page_names_page_book_version_date_and_url():
    entry = bibtex_entry(
        Citation(
            "Dropout", "actbook: a book", "https://e.org/en/chapters/dropout.html", "k:1", INFO
        )
    )
    assert entry == (
        "@incollection{k:1,\n"
        "  author    = {{The actbook authors}},\n"
        "  title     = {{Dropout}},\n"
        "  booktitle = {{actbook: a book}},\n"
        "  year      = {2026},\n"
        "  date      = {2026-11-30},\n"
        "  note      = {Version 0.1.0, commit 1cb0cb2, 2026-11-30},\n"
        "  url       = {https://e.org/en/chapters/dropout.html},\n"
        "}"
    )


def test_the_root_page_is_cited_as_the_book():
    entry = bibtex_entry(
        Citation("actbook", "actbook", "https://e.org/en/index.html", "k", INFO, True)
    )
    assert entry.startswith("@book{k,\n")
    assert "booktitle" not in entry
    text = plain_reference(Citation("actbook", "actbook", "https://e.org/", "k", INFO, True))
    assert (
        text
        == "The actbook authors. actbook. Version 0.1.0, commit 1cb0cb2, 2026-11-30. https://e.org/"
    )


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_special_characters_of_a_title_are_escaped_for_bibtex():
    title = "Sums & 100% of $x_1$ {braces} #2 ~ ^ \\ end"
    entry = bibtex_entry(Citation(title, "Book_1", "https://e.org/a.html#b_c", "k", INFO))
    assert (
        "  title     = {{Sums \\& 100\\% of \\$x\\_1\\$ \\{braces\\} \\#2 \\~{} \\^{} "
        "\\textbackslash{} end}},\n" in entry
    )
    assert "  booktitle = {{Book\\_1}},\n" in entry
    assert "  url       = {https://e.org/a.html#b_c},\n" in entry  # the url field is verbatim
    assert _balanced(entry)
    assert bibtex_escape("plain words, 中文") == "plain words, 中文"


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

    info = read_build_info("/repo", "0.1.0", run=git)
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
    info = read_build_info("/sdist", "0.1.0", run=run)
    assert info == BuildInfo("0.1.0")
    assert version_label(info) == "0.1.0"
    entry = bibtex_entry(Citation("T", "B", "https://e.org/t.html", "k", info))
    assert "year" not in entry and "date" not in entry
    assert "  note      = {Version 0.1.0},\n" in entry


def test_outside_a_checkout_real_git_gives_the_version_alone(tmp_path):
    assert read_build_info(tmp_path, "9.9.9") == BuildInfo("9.9.9")


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


def test_every_page_cites_itself_in_english(english):
    out = english
    page = cite_block(out / "chapters" / "sums.html")
    url = "https://actbook.github.io/actbook/en/chapters/sums.html"
    assert page["summary"] == "Cite this page"
    assert page["text"] == (
        "The actbook authors. “Sums & 100% of $x_1$ {braces}”. In: The book. "
        f"Version 0.1.0, commit 1cb0cb2, 2026-11-30. {url}"
    )
    assert page["bibtex"] == bibtex_entry(
        Citation("Sums & 100% of $x_1$ {braces}", "The book", url, "actbook:en:chapters:sums", INFO)
    )
    assert page["canonical"] == url  # Sphinx alone would drop the language folder
    assert page["source"] == REPOSITORY + "/blob/main/chapters/sums.md"
    assert parse_qs(urlsplit(page["report"]).query)["title"] == [
        "Problem with the page: Sums & 100% of $x_1$ {braces}"
    ]
    assert page["footer"] == (
        f'Built from actbook 0.1.0, commit <a class="actbook-commit" href="{REPOSITORY}/commit/'
        f'{COMMIT}"><code>1cb0cb2</code></a> (<span class="actbook-nowrap">2026-11-30</span>)'
    )
    root = cite_block(out / "index.html")
    assert root["bibtex"].startswith("@book{actbook:en:index,\n")
    # generated pages (search) carry the footer, but nothing to cite or fix
    search = (out / "search.html").read_text(encoding="utf-8")
    assert "actbook-built-from" in search and "actbook-cite" not in search


def test_pages_cite_themselves_in_their_language(chinese):
    out = chinese
    page = cite_block(out / "chapters" / "sums.html")
    url = "https://actbook.github.io/actbook/zh-cn/chapters/sums.html"
    assert page["summary"] == "引用本页"
    assert page["text"] == (
        "The actbook authors.“Sums & 100% of $x_1$ {braces}”. 载于《The book》，"
        f"版本 0.1.0，提交 1cb0cb2，2026-11-30。{url}"
    )
    assert "  note      = {版本 0.1.0，提交 1cb0cb2，2026-11-30},\n" in page["bibtex"]
    assert f"  url       = {{{url}}},\n" in page["bibtex"]
    assert page["bibtex"].startswith("@incollection{actbook:zh-cn:chapters:sums,\n")
    assert page["footer"].startswith('构建自 actbook 0.1.0，提交 <a class="actbook-commit"')
    assert page["footer"].endswith('（<span class="actbook-nowrap">2026-11-30</span>）')
    assert parse_qs(urlsplit(page["report"]).query)["title"] == [
        "页面问题：Sums & 100% of $x_1$ {braces}"
    ]


def test_a_ledger_page_carries_its_claim_anchors_for_the_script(chinese):
    out = chinese
    text = (out / "claims.html").read_text(encoding="utf-8")
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
    assert data["text"].endswith("版本 0.1.0，提交 1cb0cb2，2026-11-30。@@URL@@")
    assert 'id="claim-demo-quarter-x"' in text
    assert "actbook-cite-anchors" not in (out / "chapters" / "sums.html").read_text(
        encoding="utf-8"
    )


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


def test_make_test_validates_the_citation_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_target = re.search(r"^test:(.*)$", makefile, re.M)[1].split()
    assert "check-citation" in test_target
    assert "cffconvert --validate --infile CITATION.cff" in makefile
    pins = (ROOT / "requirements-tools.txt").read_text(encoding="utf-8")
    assert re.search(r"^cffconvert==\d+\.\d+\.\d+$", pins, re.M)
