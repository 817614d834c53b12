"""Check the downloads of the built site: links, notebooks, the install cell and the wheel.

Fails (exit 1, one line per problem) unless

- every page with code cells links its notebook, its MyST source and the wheel, and
  every such link of every page of every language resolves to a file of the site;
- every language's notebook of a page has the English one's code cells and outputs (and
  these have outputs);
- every downloaded notebook is valid nbformat, starts with the install cells, and its
  install command names the wheel at the site's URL (``html_baseurl``), which exists;
- no markdown cell of a notebook shows MyST that Jupyter cannot render: a role
  (``{claim}`…```), a ``(label)=`` target, a ``:::`` fence or an HTML comment
  (:mod:`actbook.sphinxext.notebook_markdown` renders them as the page does);
- the wheel installs with ``pip install --no-deps --target <tmp>`` and imports from
  there in a fresh interpreter: the version is pyproject's, the module comes from
  ``<tmp>``, and a small computation works;
- the notebooks of one chapter in English and in one translation execute from a clean
  kernel (nbclient, the venv's ``python3`` kernel), the install cells skipped.

Usage: ``python tools/check_downloads.py _build/html``
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from actbook.sphinxext.downloads import (  # noqa: E402
    DEFAULT_BASEURL,
    DOWNLOADS_FOLDER,
    INSTALL_TAG,
    WHEELS_FOLDER,
    wheel_name,
)

EXECUTED_CHAPTER = "chapters/neuron-model"
EXECUTED_LANGUAGES = ("en", "zh-cn")
SKIPPED_FOLDERS = {"_static", "_sources", "_images", DOWNLOADS_FOLDER, "jupyter_execute"}


class _Links(HTMLParser):
    """The links of a page's downloads block, and whether the page shows code cells."""

    def __init__(self) -> None:
        super().__init__()
        self.in_block = 0
        self.downloads: list[str] = []
        self.has_code_cells = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "nav" and "actbook-downloads" in classes:
            self.in_block += 1
        if "cell" in classes and tag == "div":
            self.has_code_cells = True
        if tag == "a" and attributes.get("href"):
            href = attributes["href"] or ""
            if self.in_block:  # the PDF's link (tools/check_pdf.py) is not checked here
                self.downloads.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.in_block:
            self.in_block -= 1


def language_folders(site: Path) -> list[Path]:
    """The language folders of the site (those with an ``index.html``)."""
    return sorted(p for p in site.iterdir() if p.is_dir() and (p / "index.html").is_file())


def pages(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*.html")
        if not SKIPPED_FOLDERS & set(p.relative_to(folder).parts[:-1])
    )


def check_links(site: Path) -> tuple[list[str], int]:
    """Problems of the download links, and how many links resolved."""
    problems: list[str] = []
    resolved = 0
    for folder in language_folders(site):
        for page in pages(folder):
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            name = page.relative_to(site)
            if parser.has_code_cells:
                kinds = {Path(urlsplit(h).path).suffix for h in parser.downloads}
                missing = {".ipynb", ".md", ".whl"} - kinds
                if missing:
                    problems.append(f"{name}: has code cells but no download of {sorted(missing)}")
            for href in parser.downloads:
                target = (page.parent / unquote(urlsplit(href).path)).resolve()
                if not target.is_file() or site.resolve() not in target.parents:
                    problems.append(f"{name}: download link {href!r} resolves to no file")
                else:
                    resolved += 1
    return problems, resolved


def install_command(notebook: nbformat.NotebookNode) -> str | None:
    """The ``%pip install`` line of the notebook's install cell, if it has one first."""
    code = [c for c in notebook.cells[:2] if c.cell_type == "code"]
    if not code or INSTALL_TAG not in code[0].metadata.get("tags", []):
        return None
    line = code[0].source.strip()
    return line if line.startswith("%pip install ") else None


def check_notebooks(site: Path, baseurl: str, version: str) -> tuple[list[str], int]:
    """Problems of the downloaded notebooks, and how many there are."""
    problems: list[str] = []
    notebooks = sorted(site.glob(f"*/{DOWNLOADS_FOLDER}/**/*.ipynb"))
    expected_url = f"{baseurl.rstrip('/')}/{WHEELS_FOLDER}/{wheel_name(version)}"
    for path in notebooks:
        name = path.relative_to(site)
        try:
            notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            nbformat.validate(notebook)
        except Exception as error:  # noqa: BLE001 - any reading or schema error is the finding
            problems.append(f"{name}: not a valid notebook: {error}")
            continue
        command = install_command(notebook)
        if command is None:
            problems.append(f"{name}: does not start with the install cells")
            continue
        urls = [a for a in shlex.split(command)[2:] if "://" in a]
        if urls != [expected_url]:
            problems.append(f"{name}: installs {urls}, expected [{expected_url!r}]")
            continue
        local = site / urls[0][len(baseurl.rstrip("/")) + 1 :]
        if not local.is_file():
            problems.append(f"{name}: the wheel {urls[0]} is not in the site ({local})")
    return problems, len(notebooks)


#: MyST left in a markdown cell: what Jupyter would show as raw markup.
LEFTOVER_MYST = {
    "role": re.compile(r"\{[\w:-]+\}`"),
    "target": re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M),
    "fence": re.compile(r"^\s*:{3,}", re.M),
    "comment": re.compile(r"<!--"),
}


def leftover_myst(markdown: str) -> list[str]:
    """The kinds of MyST markup left in a markdown cell, with the first example of each.

    >>> leftover_myst("Dropout keeps {claim}`dropout.keep`.\\n\\n(sec-x)=\\n:::{note}")
    ["role '{claim}`'", "target '(sec-x)='", "fence ':::'"]
    >>> leftover_myst("Dropout keeps [0.8](https://s.org/claims.html#claim-x): `{claim}` roles.")
    []
    """
    prose = re.sub(r"^\s*(`{3,}|~{3,}).*?^\s*\1\s*$", "", markdown, flags=re.M | re.S)
    prose = re.sub(r"(?<![}\w])(`+)[^`]+?\1", "", prose)  # inline code shows markup verbatim
    found = []
    for kind, pattern in LEFTOVER_MYST.items():
        match = pattern.search(prose)
        if match:
            found.append(f"{kind} {match[0].strip()!r}")
    return found


def check_markdown_cells(site: Path) -> list[str]:
    """Markdown cells of the downloaded notebooks that still show MyST markup."""
    problems = []
    for path in sorted(site.glob(f"*/{DOWNLOADS_FOLDER}/**/*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                found = leftover_myst(cell.source)
                if found:
                    problems.append(
                        f"{path.relative_to(site)}: cell {index} shows MyST: {', '.join(found)}"
                    )
    return problems


def code_cells(path: Path) -> list[tuple[str, int]]:
    """Each code cell's source and number of outputs."""
    notebook = nbformat.read(path, as_version=4)
    return [(c.source, len(c.outputs)) for c in notebook.cells if c.cell_type == "code"]


def check_same_code(site: Path, reference: str = "en") -> list[str]:
    """Every language's notebook has the code cells and outputs of the reference language's."""
    problems = []
    for path in sorted(site.glob(f"{reference}/{DOWNLOADS_FOLDER}/**/*.ipynb")):
        expected = code_cells(path)
        if not sum(outputs for _, outputs in expected):
            problems.append(f"{path.relative_to(site)}: no code cell has an output")
        relative = path.relative_to(site / reference)
        for folder in language_folders(site):
            other = folder / relative
            if folder.name != reference and other.is_file() and code_cells(other) != expected:
                problems.append(
                    f"{other.relative_to(site)}: code cells or outputs differ from {reference}'s"
                )
    return problems


def check_wheel_install(wheel: Path, version: str) -> list[str]:
    """Install ``wheel`` into a temporary folder and import actbook from there."""
    if not wheel.is_file():
        return [f"{wheel}: no wheel (make html builds it)"]
    with tempfile.TemporaryDirectory(prefix="actbook-install-") as tmp:
        target = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
            + ["--target", str(target), str(wheel)],
            check=True,
        )
        probe = (
            "import actbook, numpy as np\n"
            "from actbook import activations\n"
            "print(actbook.__version__)\n"
            "print(actbook.__file__)\n"
            "print(float(activations.sigmoid(np.array([0.0]))[0]))\n"
        )
        env = {**os.environ, "PYTHONPATH": str(target)}
        run = subprocess.run(
            [sys.executable, "-P", "-c", probe],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
        )
        if run.returncode:
            return [f"{wheel.name}: import from the installed wheel failed:\n{run.stderr}"]
        got_version, module, value = run.stdout.split()
        problems = []
        if got_version != version:
            problems.append(f"{wheel.name}: installed version {got_version}, pyproject {version}")
        if not Path(module).resolve().is_relative_to(target.resolve()):
            problems.append(f"{wheel.name}: actbook imported from {module}, not from {target}")
        if float(value) != 0.5:
            problems.append(f"{wheel.name}: sigmoid(0) = {value} from the installed wheel")
        return problems


def execute(path: Path, timeout: int = 600) -> float:
    """Run a downloaded notebook from a clean kernel, install cells skipped; return seconds."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [c for c in notebook.cells if INSTALL_TAG not in c.metadata.get("tags", [])]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="actbook-run-") as tmp:
        NotebookClient(
            notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": tmp}}
        ).execute()
    return time.perf_counter() - start


def read_settings(root: Path) -> tuple[str, str]:
    """``html_baseurl`` from conf.py (without running it) and the version from pyproject."""
    conf = (root / "conf.py").read_text(encoding="utf-8")
    match = re.search(r"^html_baseurl\s*=\s*[\"']([^\"']+)[\"']", conf, re.M)
    with (root / "pyproject.toml").open("rb") as handle:
        version = str(tomllib.load(handle)["project"]["version"])
    return (match[1] if match else DEFAULT_BASEURL), version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. _build/html")
    parser.add_argument("--no-execute", action="store_true", help="skip running notebooks")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    baseurl, version = read_settings(ROOT)
    problems, links = check_links(args.site)
    found, count = check_notebooks(args.site, baseurl, version)
    problems += found
    problems += check_same_code(args.site)
    problems += check_markdown_cells(args.site)
    problems += check_wheel_install(args.site / WHEELS_FOLDER / wheel_name(version), version)
    ran = []
    if not args.no_execute:
        for language in EXECUTED_LANGUAGES:
            path = args.site / language / DOWNLOADS_FOLDER / f"{EXECUTED_CHAPTER}.ipynb"
            if not path.is_file():
                problems.append(f"{path}: missing, cannot execute it")
                continue
            try:
                ran.append(f"{language} {execute(path):.1f} s")
            except Exception as error:  # noqa: BLE001 - report the failing cell
                problems.append(f"{path}: fails from a clean kernel: {error}")
    for problem in problems:
        print(problem)
    print(
        f"check_downloads: {links} links, {count} notebooks, executed {ran or 'none'}; "
        f"{len(problems)} problem(s) in {time.perf_counter() - start:.1f} s"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
