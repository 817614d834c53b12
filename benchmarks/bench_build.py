"""Build-time benchmark: cold build, warm rebuild, four languages against one.

Prints wall-clock seconds, the site's size, and the ratios that matter:

- warm / cold: what a rebuild with nothing changed costs;
- four languages / one language: what the translations add, given that
  notebooks execute once (English) and the other languages reuse the cache.

It removes ``_build`` to measure the cold build, so it takes a few minutes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "zh_CN", "zh_TW", "it"]


def make(*targets: str) -> float:
    """Run ``make`` on targets and return the elapsed seconds."""
    start = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", *targets], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def tree_size(path: Path) -> int:
    """Bytes of all files below ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    one_cold = make("html-en")
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    four_cold = make("html")
    four_warm = make("html")
    rows = [
        ("cold build, English only", one_cold),
        ("cold build, four languages", four_cold),
        ("warm rebuild, four languages, nothing changed", four_warm),
    ]
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.1f} s")
    print(f"{'four languages / one language (cold)':<{width}}  {four_cold / one_cold:8.2f} x")
    print(f"{'warm / cold (four languages)':<{width}}  {four_warm / four_cold:8.2f} x")
    site = ROOT / "_build" / "html"
    total, english = tree_size(site), tree_size(site / "en")
    print(f"{'site size, four languages':<{width}}  {total / 2**20:8.1f} MiB")
    print(f"{'site size, four languages / English alone':<{width}}  {total / english:8.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
