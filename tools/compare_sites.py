"""Compare two builds of the site file by file: the same commit must build the same bytes.

Usage: ``compare_sites.py FIRST SECOND [--ignore GLOB ...]``

Exit 1, with one line per file, when a file is in one site and not the other or its
bytes differ; for a text file the line names the first line that differs and shows
both versions of it (cut to 160 characters around the first differing character).
``--ignore`` skips files whose path (relative to the site) matches a glob, such as
the PDFs that ``make pdf`` adds after the html build.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

EXCERPT = 160


def site_files(site: Path, ignore: list[str]) -> dict[str, Path]:
    """The files of ``site`` by relative path, without those matching an ``ignore`` glob."""
    files = {}
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not any(fnmatch.fnmatch(relative, g) for g in ignore):
            files[relative] = path
    return files


def first_difference(first: bytes, second: bytes) -> str:
    """Where two versions of a file first differ, as a short human-readable line."""
    try:
        a, b = first.decode("utf-8").splitlines(), second.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary, {len(first)} and {len(second)} bytes"
    for number, (x, y) in enumerate(zip(a, b, strict=False), start=1):
        if x != y:
            at = next(i for i, (p, q) in enumerate(zip(x + "\0", y + "\1", strict=False)) if p != q)
            start = max(0, at - EXCERPT // 2)
            return f"line {number}: {x[start : start + EXCERPT]!r} / {y[start : start + EXCERPT]!r}"
    return f"{len(a)} and {len(b)} lines"


def compare(first: Path, second: Path, ignore: list[str]) -> list[str]:
    """One line per file that is missing from one site or differs between the two."""
    a, b = site_files(first, ignore), site_files(second, ignore)
    problems = [f"{name}: only in {first}" for name in sorted(a.keys() - b.keys())]
    problems += [f"{name}: only in {second}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        x, y = a[name].read_bytes(), b[name].read_bytes()
        if x != y:
            problems.append(f"{name}: differs, {first_difference(x, y)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--ignore", action="append", default=[], metavar="GLOB")
    args = parser.parse_args(argv)
    problems = compare(args.first, args.second, args.ignore)
    count = len(site_files(args.first, args.ignore))
    for problem in problems:
        print(problem)
    verdict = f"{len(problems)} differ" if problems else "all byte-identical"
    print(f"compare_sites: {count} files of {args.first} against {args.second}: {verdict}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
