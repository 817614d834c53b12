"""A failing code cell fails the build, naming the chapter and the cell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # The execution settings of the book's conf.py, on a two-page project.
    conf = (ROOT / "conf.py").read_text()
    settings = [line for line in conf.splitlines() if line.startswith("nb_execution_")]
    settings = [s for s in settings if not s.startswith("nb_execution_cache_path")]
    (tmp_path / "conf.py").write_text(
        "extensions = ['myst_nb']\n"
        + "\n".join(settings)
        + f"\nnb_execution_cache_path = {str(tmp_path / 'cache')!r}\n"
    )
    (tmp_path / "index.md").write_text("# Home\n\n```{toctree}\nbroken\n```\n")
    (tmp_path / "broken.md").write_text(
        "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n"
        "# Broken\n\n```{code-cell} python3\nx = 1\n```\n\n"
        "```{code-cell} python3\nfrom actbook.activations import no_such_function\n```\n"
    )
    return tmp_path


def test_failing_cell_fails_the_build_and_names_page_and_cell(project: Path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-n",
            "-W",
            "--keep-going",
            "-q",
            str(project),
            str(project / "_build"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "broken.md" in result.stderr
    assert "Executing notebook failed" in result.stderr
    assert "from actbook.activations import no_such_function" in result.stderr
