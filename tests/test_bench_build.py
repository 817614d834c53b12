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
