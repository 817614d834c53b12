"""Downloads: MyST translated with the catalogs, reader notebooks, the Sphinx hooks, the checker."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from actbook.sphinxext import downloads
from actbook.sphinxext.translate_myst import (
    Catalog,
    TranslationError,
    Untranslated,
    translate_markdown,
    translate_page,
    yaml_scalar,
)

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CHAPTERS = sorted((BOOK / "chapters").glob("*.md"))
sys.path.insert(0, str(ROOT / "tools"))

import check_downloads  # noqa: E402

PAGE = """\
---
file_format: mystnb
---

(ch-demo)=
# The demo

A first paragraph with {claim}`demo.value` and $x^2$.

- one item;
- another item.

::::{admonition} Checking the sources: S1
:class: checking-sources

Inside the box.

:::{dropdown} Solution
Hidden answer.
:::
::::

| name | value |
| --- | --- |
| width | {claim}`demo.width` |

$$
a = b
$$ (eq-demo)

```{code-cell} python3
---
mystnb:
  figure:
    caption: A caption of the figure.
  image:
    alt: An alt text of the figure.
---
print("English stays in code")
```

:::{glue:figure} fig-demo
:alt: The picture, described.
:name: fig-demo

The caption, in words.
:::
"""

ITALIAN = {
    "The demo": "La demo",
    "A first paragraph with {claim}`demo.value` and $x^2$.": "Un primo paragrafo con {claim}`demo.value` e $x^2$.",
    "one item;": "un elemento;",
    "another item.": "un altro elemento.",
    "Checking the sources: S1": "Verifica delle fonti: S1",
    "Inside the box.": "Nel riquadro.",
    "Solution": "Soluzione",
    "Hidden answer.": "Risposta nascosta.",
    "name": "nome",
    "value": "valore",
    "width": "larghezza",
    "{claim}`demo.width`": "{claim}`demo.width`",
    "a = b": "a = b",
    "A caption of the figure.": "Una didascalia: della figura.",
    "An alt text of the figure.": "Un testo alternativo della figura.",
    "The picture, described.": "L'immagine, descritta.",
    "The caption, in words.": "La didascalia, a parole.",
}


def test_every_kind_of_block_is_translated_and_syntax_kept():
    result = translate_markdown(PAGE, Catalog(ITALIAN))
    assert result.problems == []
    assert result.used == set(ITALIAN)
    text = result.text
    assert text.startswith("---\nfile_format: mystnb\n---\n\n(ch-demo)=\n# La demo\n")
    assert "Un primo paragrafo con {claim}`demo.value` e $x^2$." in text
    assert "- un elemento;\n- un altro elemento." in text
    assert (
        "::::{admonition} Verifica delle fonti: S1\n:class: checking-sources\n\nNel riquadro."
        in text
    )
    assert ":::{dropdown} Soluzione\nRisposta nascosta.\n:::\n::::" in text
    assert "| nome | valore |\n| --- | --- |\n| larghezza | {claim}`demo.width` |" in text
    assert "$$\na = b\n$$ (eq-demo)" in text
    # The code stays; the figure's caption (quoted: it has a colon) and alt text are prose.
    assert 'print("English stays in code")' in text
    assert '    caption: "Una didascalia: della figura."' in text
    assert "    alt: Un testo alternativo della figura." in text
    assert ":alt: L'immagine, descritta.\n:name: fig-demo\n\nLa didascalia, a parole.\n:::" in text
    assert text.count("\n") == PAGE.count("\n")


def test_missing_and_fuzzy_messages_name_the_page_line_and_msgid():
    catalog = Catalog({**ITALIAN, "Solution": "Soluzione?"}, frozenset({"Solution"}))
    del catalog.translations["Inside the box."]  # type: ignore[attr-defined]
    with pytest.raises(TranslationError) as error:
        translate_page(PAGE, catalog, "chapters/demo")
    message = str(error.value)
    assert "2 untranslated message(s) in chapters/demo" in message
    assert "chapters/demo:16: no translation of 'Inside the box.'" in message
    assert "chapters/demo:18: fuzzy translation of 'Solution'" in message
    # Never silently English: the untranslated text is left and reported, not hidden.
    result = translate_markdown(PAGE, catalog)
    assert [p.reason for p in result.problems] == ["missing", "fuzzy"]


def test_changed_display_math_is_replaced_in_place():
    result = translate_markdown("$$\na = b\n$$ (eq-x)\n", Catalog({"a = b": "a = c"}))
    assert result.text == "$$\na = c\n$$ (eq-x)\n"


def test_multiline_paragraph_in_a_list_becomes_the_msgstr():
    text = "1. a paragraph\n   on two lines\n2. next\n"
    catalog = Catalog({"a paragraph\non two lines": "un paragrafo", "next": "poi"})
    assert translate_markdown(text, catalog).text == "1. un paragrafo\n2. poi\n"


def test_unsupported_placement_is_reported():
    problem = Untranslated("x", 4, "unsupported")
    assert problem.describe("p") == "p:4: cannot translate 'x'"
    assert yaml_scalar("- list-like") == '"- list-like"'


def test_catalog_reads_po_with_fuzzy_entries(tmp_path):
    po = tmp_path / "demo.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Hello"\nmsgstr "Ciao"\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Addio"\n',
        encoding="utf-8",
    )
    catalog = Catalog.read(po)
    assert catalog.lookup("Hello") == ("Ciao", "")
    assert catalog.lookup("Bye") == (None, "fuzzy")


# --- the book's own chapters -----------------------------------------------------------

ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
SKIP_LINE = re.compile(r"^\s*(?:\(.+\)=|%.*|:[\w-]+:(?!\s*\S.*alt)|`{3,}.*|<!--.*-->)\s*$")
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ \t]+[A-Za-z][a-z]+)+\b")
# English kept on purpose in a translation: glosses in parentheses, quoted titles, and these.
QUOTED = re.compile(r'（[^）]*）|\([^()]*\)|“[^”]*”|「[^」]*」|『[^』]*』|«[^»]*»|"[^"]*"')
KEPT_IN_ENGLISH = {"Cross Validated", "retention probability"}


def english_runs(markdown: str) -> list[str]:
    """Runs of two or more English words outside math, code, roles, links and syntax."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = ROLE.sub(" ", text)
    text = re.sub(r"(?<!\\)\$.+?(?<!\\)\$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)
    text = re.sub(r"^(\s*):{3,}\{[\w:-]+\}", r"\1", text, flags=re.M)
    lines = [QUOTED.sub(" ", line) for line in text.split("\n") if not SKIP_LINE.match(line)]
    return [run for run in ENGLISH_RUN.findall("\n".join(lines)) if run not in KEPT_IN_ENGLISH]


def test_english_runs_ignore_math_code_and_roles():
    assert english_runs("中文 {ref}`see the section <sec-x>` 和 $a \\cdot b$ 与 `plain code`") == []
    assert english_runs("这是 an English phrase 吗") == ["an English phrase"]
    assert english_runs("倒置丢弃法（inverted dropout）和 “Quoted Title Words”") == []


def _reader_notebooks(chapter: Path, language: str):
    executed = read_myst_markdown_notebook(chapter.read_text(encoding="utf-8"), add_source_map=True)
    install = downloads.install_cells("0.1.0", "https://x.org/w.whl", "https://r.org/a", None, [])
    english = downloads.reader_notebook(executed, install)
    po = BOOK / "locales" / language / "LC_MESSAGES" / "chapters" / f"{chapter.stem}.po"
    catalog = Catalog.read(po)
    problems: list[str] = []

    def cell(source: str, first_line: int) -> str:
        result = translate_markdown(source, catalog, first_line=first_line)
        problems.extend(p.describe(f"chapters/{chapter.stem}") for p in result.problems)
        return result.text

    translated = downloads.reader_notebook(
        executed, install, cell, lambda m: catalog.lookup(m)[0] or m
    )
    return english, translated, problems


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chinese_notebook_has_no_english_prose_and_the_same_code(chapter):
    english, chinese, problems = _reader_notebooks(chapter, "zh_CN")
    assert not problems, "\n".join(problems)
    code = [c.source for c in english.cells if c.cell_type == "code"]
    assert code == [c.source for c in chinese.cells if c.cell_type == "code"]
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells]
    for index, cell in enumerate(chinese.cells[2:], start=2):
        if cell.cell_type == "markdown":
            assert english_runs(cell.source) == [], f"cell {index}: {cell.source[:200]}"
    nbformat.validate(chinese)


# --- notebooks for readers ---------------------------------------------------------------


def _executed() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["source_map"] = [0, 3]
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell(
            "from myst_nb import glue\n1 + 1",
            metadata={"execution": {"iopub.status.busy": "2026-01-01"}},
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", data={"text/plain": "2"}, execution_count=1
                )
            ],
        ),
    ]
    return notebook


def test_reader_notebook_starts_with_install_cells_and_is_deterministic():
    install = downloads.install_cells(
        "0.1.0",
        "https://s.org/wheels/actbook-0.1.0-py3-none-any.whl",
        "https://github.com/actbook/actbook",
        "0123456789abcdef0123456789abcdef01234567",
        downloads.extra_requirements(_executed()),
    )
    first = downloads.reader_notebook(_executed(), install, lambda s, line: s.upper())
    second = downloads.reader_notebook(_executed(), install, lambda s, line: s.upper())
    assert nbformat.writes(first) == nbformat.writes(second)
    assert [c.cell_type for c in first.cells] == ["markdown", "code", "markdown", "code"]
    assert first.cells[1].source.startswith(
        '%pip install "https://s.org/wheels/actbook-0.1.0-py3-none-any.whl" "myst-nb=='
    )
    assert "git+https://github.com/actbook/actbook@0123456789abcdef" in first.cells[0].source
    assert "myst-nb==" in first.cells[0].source
    assert first.cells[2].source == "# TITLE"
    assert first.cells[3].outputs[0]["data"]["text/plain"] == "2"
    assert "execution" not in first.cells[3].metadata
    assert "source_map" not in first.metadata
    assert [c.id for c in first.cells][0].startswith("c000-")


def test_source_commit_reads_loose_packed_and_detached_heads(tmp_path):
    git = tmp_path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    sha = "a" * 40
    (git / "refs" / "heads" / "main").write_text(sha + "\n")
    assert downloads.source_commit(tmp_path) == sha
    (git / "refs" / "heads" / "main").unlink()
    (git / "packed-refs").write_text(f"# pack-refs\n{'b' * 40} refs/heads/main\n")
    assert downloads.source_commit(tmp_path) == "b" * 40
    (git / "HEAD").write_text("c" * 40 + "\n")
    assert downloads.source_commit(tmp_path) == "c" * 40


def test_project_version_is_pyprojects():
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert downloads.project_version(ROOT) == version
    import actbook

    assert actbook.__version__ == version


# --- the Sphinx build ----------------------------------------------------------------------

CONF = """\
extensions = ['myst_nb', 'actbook.sphinxext', 'actbook.sphinxext.downloads']
myst_enable_extensions = ['colon_fence', 'dollarmath']
nb_execution_mode = 'off'
# Our own dict: myst-nb adds '.md' to it, and Sphinx's default dict is shared by every app
# of the session (test_sphinxext's myst-parser builds would then ask for myst-nb).
source_suffix = {{'.rst': 'restructuredtext'}}
actbook_cache_dir = {cache!r}
actbook_languages = {{'en': ('en', 'en', 'English'), 'it': ('it', 'it', 'Italiano')}}
html_theme = 'sphinx_book_theme'
html_baseurl = 'https://example.org/book/'
locale_dirs = ['locales/']
gettext_compact = False
exclude_patterns = ['locales']
"""

CHAPTER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---

# Demo chapter

Some words.

```{code-cell} python3
1 + 1
```

More words.
"""


@pytest.fixture
def no_claims(monkeypatch):
    """The demo pages quote no claim: computing the book's would take minutes."""
    from actbook import claims

    monkeypatch.setattr(claims, "REGISTRY", {})


def _build(tmp_path: Path, language: str, po: str | None) -> tuple[Path, list[str]]:
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF.format(cache=str(tmp_path / "cache")))
    (src / "index.md").write_text("# Home\n\n```{toctree}\nchapters/demo\n```\n")
    (src / "chapters" / "demo.md").write_text(CHAPTER)
    if po is not None:
        folder = src / "locales" / language / "LC_MESSAGES" / "chapters"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "demo.po").write_text(po, encoding="utf-8")
    site = tmp_path / "site"
    warnings: list[str] = []

    class Collect:
        def write(self, text: str) -> None:
            warnings.append(text)

        def flush(self) -> None:
            pass

    app = Sphinx(
        str(src),
        str(src),
        str(site / language),
        str(tmp_path / "doctrees" / language),
        "html",
        confoverrides={"language": language},
        status=None,
        warning=Collect(),
        freshenv=True,
    )
    app.build()
    return site, warnings


ITALIAN_PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    'msgid "Demo chapter"\nmsgstr "Capitolo di prova"\n\n'
    'msgid "Some words."\nmsgstr "Alcune parole."\n\n'
    'msgid "More words."\nmsgstr "Altre parole."\n'
)


def test_html_build_writes_translated_downloads_and_links_them(tmp_path, no_claims):
    site, warnings = _build(tmp_path, "it", ITALIAN_PO)
    assert not [w for w in warnings if "download" in w], warnings
    folder = site / "it" / "_downloads" / "chapters"
    assert (
        (folder / "demo.md")
        .read_text(encoding="utf-8")
        .endswith(
            "# Capitolo di prova\n\nAlcune parole.\n\n```{code-cell} python3\n1 + 1\n```\n\nAltre parole.\n"
        )
    )
    notebook = nbformat.read(folder / "demo.ipynb", as_version=4)
    assert [c.source for c in notebook.cells[2:]] == [
        "# Capitolo di prova\n\nAlcune parole.",
        "1 + 1",
        "Altre parole.",
    ]
    assert notebook.cells[1].source == (
        '%pip install "https://example.org/book/wheels/actbook-'
        f'{downloads.project_version(ROOT)}-py3-none-any.whl"'
    )
    page = (site / "it" / "chapters" / "demo.html").read_text(encoding="utf-8")
    block = page[page.index('<nav class="actbook-downloads"') :]
    block = block[: block.index("</nav>")]
    assert 'href="../_downloads/chapters/demo.ipynb"' in block
    assert 'href="../_downloads/chapters/demo.md"' in block
    assert 'href="../../wheels/actbook-' in block
    # No download block on a page without code; nothing of myst-nb beside the language folder.
    assert "actbook-downloads" not in (site / "it" / "index.html").read_text(encoding="utf-8")
    assert not (site / "jupyter_execute").exists()
    assert (tmp_path / "doctrees" / "it" / "jupyter_execute" / "chapters" / "demo.ipynb").is_file()


def test_html_build_warns_about_untranslated_prose(tmp_path, no_claims):
    _, warnings = _build(tmp_path, "it", ITALIAN_PO.replace('msgstr "Altre parole."', 'msgstr ""'))
    text = "".join(warnings)
    assert "chapters/demo:16: empty translation of 'More words.'" in text


def test_english_build_offers_the_source_itself(tmp_path, no_claims):
    site, warnings = _build(tmp_path, "en", None)
    assert (site / "en" / "_downloads" / "chapters" / "demo.md").read_text(
        encoding="utf-8"
    ) == CHAPTER


# --- tools/check_downloads.py ------------------------------------------------------------


def test_checker_finds_broken_links_and_bad_install_cells(tmp_path, no_claims):
    site, _ = _build(tmp_path, "it", ITALIAN_PO)
    (site / "index.html").write_text("root")
    problems, resolved = check_downloads.check_links(site)
    assert resolved == 2
    assert problems == [
        "it/chapters/demo.html: download link "
        f"'../../wheels/{downloads.wheel_name(downloads.project_version(ROOT))}' resolves to no file"
    ]
    version = downloads.project_version(ROOT)
    found, count = check_downloads.check_notebooks(site, "https://example.org/book/", version)
    assert count == 1
    assert found and "is not in the site" in found[0]
    (site / "wheels").mkdir()
    (site / "wheels" / downloads.wheel_name(version)).write_bytes(b"")
    assert check_downloads.check_links(site) == ([], 3)
    assert check_downloads.check_notebooks(site, "https://example.org/book/", version) == ([], 1)
    found, _ = check_downloads.check_notebooks(site, "https://elsewhere.org/", version)
    assert "expected ['https://elsewhere.org/wheels/" in found[0]
    # Execution is off in this build: no outputs, which the checker reports.
    assert check_downloads.check_same_code(site, "it") == [
        "it/_downloads/chapters/demo.ipynb: no code cell has an output"
    ]
    path = site / "it" / "_downloads" / "chapters" / "demo.ipynb"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cells"] = data["cells"][2:]
    path.write_text(json.dumps(data), encoding="utf-8")
    found, _ = check_downloads.check_notebooks(site, "https://example.org/book/", version)
    assert found == ["it/_downloads/chapters/demo.ipynb: does not start with the install cells"]


def _fake_wheel(folder: Path, version: str, sigmoid_at_zero: str) -> Path:
    """A minimal actbook wheel: enough for pip to install and the checker to import."""
    import base64
    import hashlib
    import zipfile

    files = {
        "actbook/__init__.py": f"__version__ = {version!r}\n",
        "actbook/activations.py": f"def sigmoid(x):\n    return x * 0 + {sigmoid_at_zero}\n",
        f"actbook-{version}.dist-info/METADATA": (
            f"Metadata-Version: 2.1\nName: actbook\nVersion: {version}\n"
        ),
        f"actbook-{version}.dist-info/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{name},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"actbook-{version}.dist-info/RECORD,,")
    files[f"actbook-{version}.dist-info/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / downloads.wheel_name(version)
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


def test_wheel_install_check_imports_from_the_target(tmp_path):
    wheel = _fake_wheel(tmp_path, "9.9.9", "0.5")
    assert check_downloads.check_wheel_install(wheel, "9.9.9") == []
    found = check_downloads.check_wheel_install(wheel, "1.0.0")
    assert found == [f"{wheel.name}: installed version 9.9.9, pyproject 1.0.0"]
    (tmp_path / "broken").mkdir()
    broken = _fake_wheel(tmp_path / "broken", "9.9.9", "0.25")
    assert check_downloads.check_wheel_install(broken, "9.9.9") == [
        f"{wheel.name}: sigmoid(0) = 0.25 from the installed wheel"
    ]
    assert "no wheel" in check_downloads.check_wheel_install(tmp_path / "none.whl", "9.9.9")[0]


def test_outputs_come_from_the_execution_cache(tmp_path):
    """myst-nb writes a cached notebook without outputs; they are merged from the cache."""
    from types import SimpleNamespace

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    executed = _executed()
    executed.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    cache = get_cache(tmp_path / "cache")
    cache.cache_notebook_bundle(CacheBundleIn(executed, "demo.ipynb"), check_validity=False)
    unexecuted = copy.deepcopy(executed)
    unexecuted.cells[1].outputs = []
    path = tmp_path / "demo.ipynb"
    nbformat.write(unexecuted, path)
    config = SimpleNamespace(execution_mode="cache", execution_cache_path=str(tmp_path / "cache"))
    app = SimpleNamespace(env=SimpleNamespace(mystnb_config=config))
    merged = downloads.executed_notebook(app, path)
    assert merged.cells[1].outputs[0]["data"]["text/plain"] == "2"
    config.execution_cache_path = str(tmp_path / "other-cache")
    assert downloads.executed_notebook(app, path).cells[1].outputs == []


# --- markdown cells as the page shows them ------------------------------------------------

from actbook.sphinxext import notebook_markdown  # noqa: E402

#: MyST that Jupyter would show raw: a role, a ``(label)=`` target, a ``:::`` fence.
LEFTOVER_ROLE = re.compile(r"\{[\w:-]+\}`")
LEFTOVER_TARGET = re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M)
LEFTOVER_FENCE = re.compile(r"^\s*:::", re.M)


def assert_no_myst(notebook: nbformat.NotebookNode) -> None:
    """Fail if a markdown cell still shows a role, a target line, a fence or a comment."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        for pattern in (LEFTOVER_ROLE, LEFTOVER_TARGET, LEFTOVER_FENCE):
            assert not pattern.search(cell.source), f"cell {index}: {cell.source[:300]}"
        assert "<!--" not in cell.source, f"cell {index}: {cell.source[:300]}"


def test_render_markdown_leaves_no_myst_in_the_demo_page():
    context = notebook_markdown.Context(
        claims={"demo.value": "0.25", "demo.width": "3"},
        targets={("math", "eq-demo"): ("(1)", "https://s.org/en/demo.html#equation-eq-demo")},
    )
    body = PAGE.split("---\n", 2)[2]
    text = notebook_markdown.render_markdown(body, context)
    assert_no_myst(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)]))
    assert "A first paragraph with 0.25 and $x^2$." in text
    assert "> **Checking the sources: S1**\n>\n> Inside the box.\n>\n> > **Solution**" in text
    assert "| width | 3 |" in text
    assert "$$\na = b\n\\tag{1}\n$$" in text
    assert "\n\nThe caption, in words." in text and "The picture, described." not in text


def test_render_markdown_keeps_code_and_drops_comments():
    source = "<!-- PART A\nof the chapter -->\nText.\n\n```python\n{claim}`kept in code`\n```\n"
    text = notebook_markdown.render_markdown(source, notebook_markdown.Context())
    assert text == "Text.\n\n```python\n{claim}`kept in code`\n```"


NB_CONF = CONF.replace(
    "extensions = ['myst_nb', 'actbook.sphinxext', 'actbook.sphinxext.downloads']",
    "extensions = ['myst_nb', 'sphinxcontrib.bibtex', 'sphinx_design', 'actbook.sphinxext']\n"
    "bibtex_bibfiles = ['refs.bib']\nnumfig = True",
)

NB_CHAPTER = """\
---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---

(ch-demo)=
# Demo chapter

<!-- PART A: a note for the authors -->

(sec-demo-value)=
## The value

The value is {claim}`demo.quarter`; see {ref}`ch-demo`, {ref}`the value section <sec-demo-value>`,
{eq}`eq-demo`, {cite:t}`glorot2010understanding` and {cite:p}`glorot2010understanding`.
S5 writes {source-quote}`S5: una frase verbatim`, and {math}`x^2` is math.

$$
a = b
$$ (eq-demo)

:::{note}
Take care with {claim}`demo.quarter`.
:::

(ex-demo-sum)=
::::{admonition} Exercise: a sum
:class: exercise

Add one and one.
::::

:::{dropdown} Solution
Two.
:::

```{code-cell} python3
1 + 1
```

:::{glue:figure} fig-demo
:name: fig-demo

The caption of the figure.
:::
"""


@pytest.fixture
def claim_registry(monkeypatch):
    """One claim, ``demo.quarter`` shown as ``0.250``, and an empty source register."""
    from actbook import claims, sources
    from actbook.claims._registry import Claim
    from actbook.sources import _register

    claim = Claim(
        id="demo.quarter",
        compute=lambda: 0.25,
        fmt=lambda v: f"{v:.3f}",
        statement="A quarter.",
        method="A method.",
    )
    monkeypatch.setattr(claims, "REGISTRY", {"demo.quarter": claim})
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {"demo": "ch-demo"})
    monkeypatch.setattr(_register, "REGISTER", {})
    monkeypatch.setattr(sources, "REGISTER", {})


def _build_rendered(tmp_path: Path) -> tuple[Path, nbformat.NotebookNode, str]:
    """Build a book whose chapter uses every role; its site, notebook and chapter page."""
    from collections import defaultdict
    from gettext import NullTranslations

    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from actbook.sphinxext import ledger

    src = tmp_path / "src"
    files = {
        "conf.py": NB_CONF.format(cache=str(tmp_path / "cache")),
        "index.md": "# Home\n\n```{toctree}\nchapters/demo\nclaims\nbibliography\n```\n",
        "claims.md": f"# Ledger\n\n{ledger.LEDGER_MARKER}\n",
        "bibliography.md": "# Bibliography\n\n```{bibliography}\n```\n",
        "refs.bib": "@misc{glorot2010understanding, author = {Glorot, X. and Bengio, Y.}, "
        "title = {T}, year = {2010}}\n",
        "chapters/demo.md": NB_CHAPTER,
    }
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    # Translators of its own: Sphinx keeps them per process, and an Italian build of an
    # earlier test would translate this English book's titles (see conftest.build_book).
    with docutils_namespace(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(sphinx.locale, "translators", defaultdict(NullTranslations))
        Sphinx(
            str(src),
            str(src),
            str(site / "en"),
            str(tmp_path / "doctrees"),
            "html",
            confoverrides={"language": "en"},
            status=None,
            warning=None,
            freshenv=True,
        ).build()
    notebook = nbformat.read(site / "en" / "_downloads" / "chapters" / "demo.ipynb", as_version=4)
    page = (site / "en" / "chapters" / "demo.html").read_text(encoding="utf-8")
    return site, notebook, page


def test_notebook_markdown_is_rendered_as_the_page(tmp_path, claim_registry):
    site, notebook, page = _build_rendered(tmp_path)
    assert_no_myst(notebook)
    text = "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    base = "https://example.org/book/en/"
    # The claim: the role's text on the page, linked to its row of the ledger on the site.
    shown = re.search(r'<span class="claim"><a [^>]*href="([^"]+)"[^>]*>(?:<[^>]+>)*([^<]+)<', page)
    assert shown is not None
    assert shown[2] == "0.250"
    assert f"[{shown[2]}]({base}claims.html#claim-demo-quarter)" in text
    assert shown[1] == "../claims.html#claim-demo-quarter"
    assert 'id="claim-demo-quarter"' in (site / "en" / "claims.html").read_text(encoding="utf-8")
    # References: the target's title or the given text, linked to the page and anchor.
    assert f"see [Demo chapter]({base}chapters/demo.html#ch-demo)" in text
    assert f"[the value section]({base}chapters/demo.html#sec-demo-value)" in text
    assert 'id="sec-demo-value"' in page
    assert f"[(1)]({base}chapters/demo.html#equation-eq-demo)" in text
    assert "$$\na = b\n\\tag{1}\n$$" in text
    # Citations as the page shows them; the source's words in quotation marks; math.
    assert re.search(
        r"Glorot and Bengio \[\[GB10\]\(https://example\.org/book/en/bibliography\.html#id\d+\)\]",
        text,
    )
    assert "«una frase verbatim»" in text and "$x^2$ is math" in text
    # Blocks: admonitions as quotes, the exercise numbered, the figure's caption only.
    assert "> **Note**\n>\n> Take care with [0.250](" in text
    assert "> **Exercise 1: a sum**\n>\n> Add one and one." in text
    assert "> **Solution to exercise 1**\n>\n> Two." in text
    assert text.endswith("\n\nThe caption of the figure.")
    assert "PART A" not in text
    # And the checker agrees; it reports a role that is left.
    assert check_downloads.check_markdown_cells(site) == []
    path = site / "en" / "_downloads" / "chapters" / "demo.ipynb"
    notebook.cells[-1].source = "Left: {claim}`demo.quarter`"
    nbformat.write(notebook, path)
    assert check_downloads.check_markdown_cells(site) == [
        f"en/_downloads/chapters/demo.ipynb: cell {len(notebook.cells) - 1} shows MyST: "
        "role '{claim}`'"
    ]


def test_reader_notebook_drops_glue_records_and_keeps_the_shown_figure():
    executed = _executed()
    figure = {"image/svg+xml": "<svg/>", "text/plain": "<Figure>"}
    record = {f"application/papermill.record/{mime}": value for mime, value in figure.items()}
    executed.cells[1].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data=record,
            metadata={"scrapbook": {"name": "fig", "mime_prefix": "application/papermill.record/"}},
        ),
        nbformat.v4.new_output("display_data", data=figure),
    ]
    reader = downloads.reader_notebook(executed, [])
    assert [dict(o["data"]) for o in reader.cells[1].outputs] == [figure]
    assert len(executed.cells[1].outputs) == 2  # the executed notebook is not changed
