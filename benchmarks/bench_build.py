"""Build-time benchmark: what four languages cost against one, rebuilds, one edited chapter.

Prints wall-clock seconds, the site's size and the ratios that matter:

- four languages / one language, both cold: what the translations add, given that the
  notebooks execute once (English) and the other languages reuse the caches;
- warm / cold: a rebuild of the four languages with nothing changed;
- one chapter edited (a code cell added at its end; prose would need its translations
  first, or the translation builds fail by design): the rebuild's time against the
  cold build, and which notebooks executed again (only that chapter's should);
- the four-language site against English alone (``make html-en``: one language
  with its own copy of the assets).

It removes ``_build`` to measure the cold builds, so it takes a while (about 15 min
on 2 cores). It restores the edited chapter, and rebuilds, before it returns.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITED_CHAPTER = ROOT / "book" / "chapters" / "dropout.md"
EDIT = """

```{code-cell} ipython3
print("a cell that the build benchmark adds")
```
"""
#: myst-nb's message for a notebook that jupyter-cache executed (not taken from the cache).
EXECUTED = re.compile(r"^(?P<source>\S+?)(?::\d+)?: Executed notebook in", re.MULTILINE)


def make(*targets: str) -> tuple[float, str]:
    """Run ``make`` on ``targets``; return the elapsed seconds and the output.

    A failing build ends the benchmark with the end of its output.
    """
    start = time.perf_counter()
    done = subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    output = done.stdout + done.stderr
    if done.returncode:
        tail = "\n".join(output.splitlines()[-40:])
        raise SystemExit(f"make {' '.join(targets)} failed ({done.returncode}):\n{tail}")
    return time.perf_counter() - start, output


def executed(output: str) -> list[str]:
    """The notebooks that a build's ``output`` says it executed, relative to ``book/``."""
    found = {Path(m["source"]).resolve() for m in EXECUTED.finditer(output)}
    return sorted(p.relative_to(ROOT / "book").as_posix() for p in found)


def tree_size(path: Path) -> int:
    """Bytes of all files below ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


#: What each language folder of the site holds, by part: a glob on the path in the folder
#: (``*`` crosses folders; the first match wins, the rest is "other").
PARTS = (
    ("downloads (notebooks, MyST sources)", "_downloads/*"),
    ("claims ledger", "claims.html"),
    ("API reference", "api.html"),
    ("chapters", "chapters/*"),
    ("the sources, checked", "sources/*"),
    ("search index", "searchindex.js"),
)


def language_parts(folder: Path) -> dict[str, int]:
    """Bytes of a language folder of the site by part (:data:`PARTS`, then "other").

    The four-language site is the shared ``_static`` and ``_images`` plus four such
    folders, and English alone is one folder plus its own copy of the assets: the
    ratio of the two is (shared + 4 x folder) / (shared + folder).
    """
    sizes = dict.fromkeys([name for name, _ in PARTS] + ["other"], 0)
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        part = next((name for name, pattern in PARTS if fnmatch(relative, pattern)), "other")
        sizes[part] += path.stat().st_size
    return sizes


def edit_one_chapter() -> tuple[float, list[str]]:
    """Add a code cell to one chapter, rebuild; put it back, rebuild."""
    original = EDITED_CHAPTER.read_text(encoding="utf-8")
    try:
        EDITED_CHAPTER.write_text(original + EDIT, encoding="utf-8")
        seconds, output = make("html")
    finally:
        EDITED_CHAPTER.write_text(original, encoding="utf-8")
    make("html")
    return seconds, executed(output)


def report(name: str, value: str) -> None:
    """Print one result as soon as it is known (a later failure keeps the earlier ones)."""
    print(f"{name:<48}  {value}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    site = ROOT / "_build" / "html"
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    one_cold, _ = make("html-en")
    english = tree_size(site / "en")
    report("cold build, English only", f"{one_cold:8.1f} s")
    report("site size, English alone (make html-en)", f"{english / 2**20:8.1f} MiB")
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    four_cold, output = make("html")
    cold_executed = executed(output)
    total = tree_size(site)
    report("cold build, four languages", f"{four_cold:8.1f} s")
    report("four languages / one language (cold)", f"{four_cold / one_cold:8.2f} x")
    report("site size, four languages", f"{total / 2**20:8.1f} MiB")
    report("site size, four languages / English alone", f"{total / english:8.2f} x")
    shared = sum(tree_size(site / name) for name in ("_static", "_images"))
    report("  shared _static and _images", f"{shared / 2**20:8.1f} MiB")
    for folder in ("en", "zh-cn", "zh-tw", "it"):
        parts = language_parts(site / folder)
        report(f"  {folder}/ in all", f"{sum(parts.values()) / 2**20:8.1f} MiB")
        for name, size in parts.items():
            report(f"    {name}", f"{size / 2**20:8.2f} MiB")
    four_warm, output = make("html")
    warm_executed = executed(output)
    report("warm rebuild, four languages, nothing changed", f"{four_warm:8.1f} s")
    report("warm / cold (four languages)", f"{four_warm / four_cold:8.2f} x")
    edit, edit_executed = edit_one_chapter()
    report(f"rebuild after editing {EDITED_CHAPTER.relative_to(ROOT)}", f"{edit:8.1f} s")
    report("one chapter edited / cold (four languages)", f"{edit / four_cold:8.2f} x")
    report(
        "notebooks executed: cold / warm / edit",
        f"{len(cold_executed)} / {len(warm_executed)} / {len(edit_executed)}",
    )
    report("notebooks executed after the edit", ", ".join(edit_executed) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
