"""Downloads for every page with code cells: its notebook and MyST source, in the page's language.

For each such page (the chapters), the HTML build of a language writes

- ``<language folder>/_downloads/<docname>.ipynb``: the notebook myst-nb executed, its
  markdown cells translated with the page's catalog (:mod:`.translate_myst`) and then
  rendered as the page shows them (:mod:`.notebook_markdown`: claims' values, titles,
  quotes and citations, linked to the site, instead of MyST roles and fences), its code
  cells and outputs unchanged, and two cells in front that say how to install the
  ``actbook`` of the book's version (``%pip install`` of the wheel on the site, or the
  repository at the commit);
- ``<language folder>/_downloads/<docname>.md``: the page's MyST source, translated;

and links both from the top of the page, with the wheel that ``make html`` puts in
``wheels/`` beside the language folders (``tools/build_wheel.py``).

myst-nb writes the executed notebooks (and the images of their outputs) to
``jupyter_execute`` *beside* the output folder, which for ``_build/html/<language>``
is ``_build/html/jupyter_execute``: a folder that no page links to, deployed with the
site. This module moves that folder into the language's doctree folder, where the
cached doctrees that point into it live too.
"""

from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from actbook.sphinxext.interface import catalog_files, message
from actbook.sphinxext.notebook_markdown import SphinxContext, render_markdown
from actbook.sphinxext.translate_myst import (
    DEFAULT_EXTENSIONS,
    Catalog,
    translate_markdown,
)

logger = logging.getLogger(__name__)

DOWNLOADS_FOLDER = "_downloads"
WHEELS_FOLDER = "wheels"
#: Tag of the install cells; ``tools/check_downloads.py`` skips them when it executes.
INSTALL_TAG = "actbook-install"
DEFAULT_BASEURL = "https://actbook.github.io/actbook/"
DEFAULT_REPOSITORY = "https://github.com/actbook/actbook"
#: The language the book is written in: its pages need no catalog.
SOURCE_LANGUAGE = "en"
#: Packages that code cells import and the actbook wheel does not bring (import name -> project).
EXTRA_PACKAGES = {"myst_nb": "myst-nb"}
CLOSING_H1 = "</h1>"


def wheel_name(version: str) -> str:
    """The file name of actbook's wheel.

    >>> wheel_name("0.1.0")
    'actbook-0.1.0-py3-none-any.whl'
    """
    return f"actbook-{version}-py3-none-any.whl"


def project_version(root: Path) -> str:
    """The version in ``root/pyproject.toml``, else the installed package's."""
    pyproject = Path(root) / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    import actbook

    return actbook.__version__


def source_commit(root: Path) -> str | None:
    """The commit checked out in ``root`` (read from ``.git``, no git needed), or None.

    >>> import tempfile
    >>> source_commit(Path(tempfile.mkdtemp())) is None
    True
    """
    git = Path(root) / ".git"
    if git.is_file():  # a worktree: "gitdir: <path>"
        git = Path(root) / git.read_text(encoding="utf-8").split(":", 1)[1].strip()
    head = git / "HEAD"
    if not head.is_file():
        return None
    ref = head.read_text(encoding="utf-8").strip()
    if not ref.startswith("ref: "):
        return ref if re.fullmatch(r"[0-9a-f]{40}", ref) else None
    name = ref[5:]
    for folder in (git, _common_dir(git)):
        loose = folder / name
        if loose.is_file():
            return loose.read_text(encoding="utf-8").strip()
        packed = folder / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                if line.endswith(" " + name):
                    return line.split(" ", 1)[0]
    return None


def _common_dir(git: Path) -> Path:
    common = git / "commondir"
    return (git / common.read_text(encoding="utf-8").strip()).resolve() if common.is_file() else git


def extra_requirements(notebook: nbformat.NotebookNode) -> list[str]:
    """Pinned packages, besides actbook, that the notebook's code cells import.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import math")])
    >>> extra_requirements(nb)
    []
    """
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    found = []
    for module, project in sorted(EXTRA_PACKAGES.items()):
        if re.search(rf"^\s*(?:from|import)\s+{module}\b", code, re.M):
            found.append(f"{project}=={metadata.version(project)}")
    return found


def install_cells(
    version: str,
    wheel_url: str,
    repository: str,
    commit: str | None,
    extras: list[str],
) -> list[nbformat.NotebookNode]:
    """The two cells in front of every downloaded notebook: how to install, and the install.

    The code cell is tagged :data:`INSTALL_TAG`.

    >>> text, code = install_cells("1.0", "https://x.org/w.whl", "https://r.org/a", None, [])
    >>> code.source, code.metadata.tags
    ('%pip install "https://x.org/w.whl"', ['actbook-install'])
    """
    paragraphs = [
        message(
            "To run this notebook, install version {version} of the actbook package, "
            "the version this book was built with: run the next cell once.",
            version=version,
        )
    ]
    if extras:
        paragraphs.append(
            message(
                "The cell also installs {packages}, which the code cells import.",
                packages=", ".join(f"`{extra}`" for extra in extras),
            )
        )
    paragraphs.append(
        message(
            "If another version of actbook was already imported, restart the kernel afterwards."
        )
    )
    if commit:
        paragraphs.append(
            message(
                "Or install actbook from its repository at commit {commit}:", commit=commit[:12]
            )
            + f'\n\n```\n%pip install "actbook @ git+{repository}@{commit}"\n```'
        )
    else:
        paragraphs.append(message("The source code of actbook is at {url}.", url=repository))
    text = nbformat.v4.new_markdown_cell("\n\n".join(paragraphs))
    text.metadata["tags"] = [INSTALL_TAG]
    command = " ".join(f'"{requirement}"' for requirement in [wheel_url, *extras])
    code = nbformat.v4.new_code_cell(f"%pip install {command}")
    code.metadata["tags"] = [INSTALL_TAG]
    return [text, code]


def translate_cell_metadata(metadata: dict[str, Any], translate: Callable[[str], str]) -> None:
    """Translate the figure caption and image alt text that myst-nb reads from a code cell."""
    options = metadata.get("mystnb", {})
    for section, key in (("figure", "caption"), ("image", "alt")):
        value = options.get(section, {}).get(key)
        if isinstance(value, str):
            options[section][key] = translate(value)


def is_glue_record(output: nbformat.NotebookNode) -> bool:
    """Whether ``output`` is a ``glue`` record: data for the book's pages, not for readers.

    ``glue(..., display=False)`` records the value under ``application/papermill.record/``
    mime types, which Jupyter does not display, and the figure it holds is also the cell's
    visible output: a reader's notebook would carry every figure twice. With
    ``display=True`` the visible output carries the scrapbook metadata too, with an empty
    prefix: it stays.

    >>> import nbformat
    >>> record = nbformat.v4.new_output(
    ...     "display_data",
    ...     data={"application/papermill.record/text/plain": "1"},
    ...     metadata={"scrapbook": {"name": "x", "mime_prefix": "application/papermill.record/"}},
    ... )
    >>> shown = nbformat.v4.new_output(
    ...     "display_data", data={"text/plain": "1"},
    ...     metadata={"scrapbook": {"name": "x", "mime_prefix": ""}},
    ... )
    >>> is_glue_record(record), is_glue_record(shown)
    (True, False)
    >>> is_glue_record(nbformat.v4.new_output("stream", text="1"))
    False
    """
    scrapbook = output.get("metadata", {}).get("scrapbook", {})
    return bool(scrapbook.get("mime_prefix"))


def reader_notebook(
    executed: nbformat.NotebookNode,
    install: list[nbformat.NotebookNode],
    translate_markdown_cell: Callable[[str, int], str] | None = None,
    translate_message: Callable[[str], str] | None = None,
) -> nbformat.NotebookNode:
    """The notebook for readers: install cells, then ``executed`` with its prose translated.

    Code cells keep their source and the outputs Jupyter shows; cell ids are made
    deterministic and execution timestamps dropped, so the same build gives the same file.
    """
    notebook = copy.deepcopy(executed)
    source_map = notebook.metadata.pop("source_map", None)
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs if not is_glue_record(output)]
        if cell.cell_type == "markdown" and translate_markdown_cell is not None:
            first_line = source_map[index] + 1 if source_map else 1
            cell.source = translate_markdown_cell(cell.source, first_line)
        elif cell.cell_type == "code" and translate_message is not None:
            translate_cell_metadata(cell.metadata, translate_message)
    notebook.cells = [*copy.deepcopy(install), *notebook.cells]
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for index, cell in enumerate(notebook.cells):
        digest = hashlib.sha256(cell.source.encode("utf-8")).hexdigest()[:8]
        cell["id"] = f"c{index:03d}-{digest}"
    nbformat.validate(notebook)
    return notebook


# --- Sphinx -------------------------------------------------------------------------------


def executed_notebooks_folder(app: Sphinx) -> Path | None:
    """Where myst-nb writes executed notebooks in this build, or None without myst-nb."""
    config = getattr(app.env, "mystnb_config", None)
    return Path(config.output_folder) if config is not None else None


def move_output_folder(app: Sphinx) -> None:
    """Send myst-nb's ``jupyter_execute`` into the doctree folder, out of the site."""
    config = getattr(app.env, "mystnb_config", None)
    if config is not None:
        folder = Path(app.doctreedir) / "jupyter_execute"
        app.env.mystnb_config = config.copy(output_folder=str(folder.resolve()))


def executed_notebook(app: Sphinx, path: Path) -> nbformat.NotebookNode:
    """The notebook myst-nb wrote, with the outputs of its execution.

    In ``cache`` mode, myst-nb writes the notebook it *read* when the cache had it
    (its outputs went to a copy), so the outputs are merged here from the same cache,
    as myst-nb did for the page.
    """
    notebook = nbformat.read(path, as_version=4)
    config = app.env.mystnb_config
    if config.execution_mode == "cache" and config.execution_cache_path:
        from jupyter_cache import get_cache

        try:
            _, notebook = get_cache(config.execution_cache_path).merge_match_into_notebook(notebook)
        except KeyError:  # not in the cache: myst-nb executed it in place
            pass
    return notebook


def page_notebook(app: Sphinx, docname: str) -> Path | None:
    """The executed notebook of ``docname`` if it has code cells."""
    folder = executed_notebooks_folder(app)
    if folder is None or docname not in app.env.found_docs:
        return None
    path = folder / f"{docname}.ipynb"
    if not path.is_file():
        return None
    notebook = nbformat.read(path, as_version=4)
    return path if any(cell.cell_type == "code" for cell in notebook.cells) else None


def _settings(app: Sphinx) -> dict[str, str]:
    root = Path(app.confdir)
    version = project_version(root)
    base = (app.config.html_baseurl or DEFAULT_BASEURL).rstrip("/") + "/"
    repository = getattr(app.config, "actbook_repository_url", "") or DEFAULT_REPOSITORY
    return {
        "version": version,
        "wheel": wheel_name(version),
        "wheel_url": f"{base}{WHEELS_FOLDER}/{wheel_name(version)}",
        "repository": repository.rstrip("/"),
        "commit": source_commit(root) or "",
    }


def add_download_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the downloads block under the page's title (HTML builder, pages with code)."""
    if app.builder.name != "html" or doctree is None or "body" not in context:
        return
    if page_notebook(app, pagename) is None:
        return
    settings = _settings(app)
    up = "../" * pagename.count("/")
    block = app.builder.templates.render(
        "actbook-downloads.html",
        {
            **context,
            "actbook_notebook_url": f"{up}{DOWNLOADS_FOLDER}/{pagename}.ipynb",
            "actbook_source_url": f"{up}{DOWNLOADS_FOLDER}/{pagename}.md",
            "actbook_wheel_url": f"{up}../{WHEELS_FOLDER}/{settings['wheel']}",
            "actbook_version": settings["version"],
        },
    )
    context["body"] = insert_after_title(context["body"], block)


def insert_after_title(body: str, block: str) -> str:
    """Insert ``block`` after the page's first ``<h1>``, or at the top without one.

    >>> insert_after_title("<h1>T</h1><p>x</p>", "<nav/>")
    '<h1>T</h1><nav/><p>x</p>'
    """
    at = body.find(CLOSING_H1)
    if at < 0:
        return block + body
    at += len(CLOSING_H1)
    return body[:at] + block + body[at:]


def page_catalog(app: Sphinx, docname: str) -> Catalog | None:
    """The page's catalog in the build's language; None for the book's own language."""
    language = app.config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return None
    domain = docname_to_domain(docname, app.config.gettext_compact)
    found = catalog_files(app.srcdir, app.config.locale_dirs, language, domain)
    return Catalog.read(found[0]) if found else Catalog({})


def write_page_downloads(app: Sphinx, docname: str, notebook_path: Path) -> None:
    """Write the page's notebook and MyST source for readers into ``_downloads``."""
    settings = _settings(app)
    extensions = tuple(app.config.myst_enable_extensions or DEFAULT_EXTENSIONS)
    source = Path(app.env.doc2path(docname)).read_text(encoding="utf-8")
    catalog = page_catalog(app, docname)
    executed = executed_notebook(app, notebook_path)
    install = install_cells(
        settings["version"],
        settings["wheel_url"],
        settings["repository"],
        settings["commit"] or None,
        extra_requirements(executed),
    )
    # Markdown cells as the page shows them: claims' values, titles, quotes (not MyST).
    context = SphinxContext(app, docname)

    def shown(source: str, first_line: int) -> str:
        return render_markdown(source, context)

    if catalog is None:
        text, notebook = source, reader_notebook(executed, install, shown)
    else:
        translation = translate_markdown(source, catalog, extensions=extensions)
        for problem in translation.problems:
            logger.warning(
                "download in %s: %s",
                app.config.language,
                problem.describe(docname),
                location=(docname, problem.line),
                type="actbook",
                subtype="downloads",
            )
        text = translation.text

        def cell(source: str, first_line: int) -> str:
            translated = translate_markdown(
                source, catalog, extensions=extensions, first_line=first_line
            ).text
            return render_markdown(translated, context)

        def text_message(msgid: str) -> str:
            return catalog.lookup(msgid)[0] or msgid

        notebook = reader_notebook(executed, install, cell, text_message)
    target = Path(app.outdir) / DOWNLOADS_FOLDER / docname
    target.parent.mkdir(parents=True, exist_ok=True)
    target.with_name(target.name + ".md").write_text(text, encoding="utf-8")
    target.with_name(target.name + ".ipynb").write_text(
        nbformat.writes(notebook) + "\n", encoding="utf-8"
    )


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: the downloads of every page with code cells.

    All of them, every build: a download shows other pages' section titles and figure
    numbers, which Sphinx does not count as a change of the page that refers to them.
    """
    if exception is not None or app.builder.name != "html":
        return
    for docname in sorted(app.env.found_docs):
        notebook = page_notebook(app, docname)
        if notebook is not None:
            write_page_downloads(app, docname, notebook)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks; loaded by :mod:`actbook.sphinxext`."""
    app.connect("builder-inited", move_output_folder, priority=600)
    app.connect("html-page-context", add_download_links)
    app.connect("build-finished", write_downloads)
    app.add_css_file("downloads.css")
    # Version 1: the doctrees of older builds point to images in the old jupyter_execute.
    return {
        "version": "1",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
