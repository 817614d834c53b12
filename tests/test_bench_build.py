"""benchmarks/bench_build.py reads which notebooks a build executed from myst-nb's messages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_build", ROOT / "benchmarks" / "bench_build.py")
bench_build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_build)


def test_executed_lists_the_notebooks_run_not_those_taken_from_the_cache():
    book = ROOT / "book" / "chapters"
    output = (
        "reading sources... [ 14%] chapters/batch-normalization\n"
        f"{book}/batch-normalization.md: Executed notebook in 17.74 seconds [mystnb]\n"
        f"{book}/batch-normalization.md: Cached executed notebook: ID=1 [mystnb]\n"
        f"{book}/dropout.md: Using cached notebook: ID=2 [mystnb]\n"
        f"{book}/relu-family.md: Executed notebook in 3.10 seconds [mystnb]\n"
        f"{book}/relu-family.md: Executed notebook in 3.20 seconds [mystnb]\n"
    )
    assert bench_build.executed(output) == [
        "chapters/batch-normalization.md",
        "chapters/relu-family.md",
    ]
    assert bench_build.executed("reading sources... [ 50%] chapters/dropout\n") == []


def test_language_parts_puts_every_file_of_a_language_folder_in_one_part(tmp_path):
    files = {
        "_downloads/ab12/dropout.ipynb": 700,
        "_downloads/ab12/dropout.md": 50,
        "claims.html": 300,
        "api.html": 200,
        "chapters/dropout.html": 100,
        "sources/s1.html": 40,
        "searchindex.js": 30,
        "index.html": 5,
        "_static/language_data.js": 4,
        "_sources/chapters/claims.html.txt": 2,  # a chapter's source is not a chapter
    }
    for name, size in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    parts = bench_build.language_parts(tmp_path)
    assert parts == {
        "downloads (notebooks, MyST sources)": 750,
        "claims ledger": 300,
        "API reference": 200,
        "chapters": 100,
        "the sources, checked": 40,
        "search index": 30,
        "other": 11,
    }
    assert sum(parts.values()) == bench_build.tree_size(tmp_path)
