"""Keep one copy of the static files and figures that every language's build writes.

Usage: ``share_assets.py SITE``

Each language's html build writes the same theme, MathJax and figure files into its own
``_static`` and ``_images`` folders. This moves every file that is byte-identical in all
language folders of ``SITE`` to ``SITE/_static`` or ``SITE/_images`` and points the pages'
``href`` and ``src`` attributes at that copy: ``../_static/x.css`` becomes
``../../_static/x.css``. What differs between languages (``documentation_options.js``,
the stemmers, the interface strings) stays in the language's folder.

It runs after every ``make html``. A warm rebuild writes some pages and each language's
static files again: the script first puts the shared files back into every language
folder, then shares again, so running it twice gives the same site. It fails, naming
the page, when one of its links into ``_static`` or ``_images`` leads to no file afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote

#: The folders whose files may be shared, relative to a language folder.
SHARED_FOLDERS = ("_static", "_images")
#: A page's link into an asset folder: quote, the ``../`` run, folder, path, query or anchor.
ASSET_LINK = re.compile(
    r'(?P<attr>\b(?:href|src)=")(?P<up>(?:\.\./)*)(?P<folder>_static|_images)/(?P<path>[^"?#]+)'
)


def language_folders(site: Path) -> list[Path]:
    """The folders of ``site`` that hold a language's build (they have an ``index.html``)."""
    return sorted(
        p
        for p in site.iterdir()
        if p.is_dir() and p.name not in SHARED_FOLDERS and (p / "index.html").is_file()
    )


def asset_files(folder: Path) -> dict[str, Path]:
    """Every file under the asset folders of ``folder``, by its path relative to ``folder``."""
    return {
        path.relative_to(folder).as_posix(): path
        for name in SHARED_FOLDERS
        if (folder / name).is_dir()
        for path in sorted((folder / name).rglob("*"))
        if path.is_file()
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unshare(site: Path, languages: list[Path]) -> None:
    """Put each shared file back into the language folders that lack it, then drop the copy."""
    for relative, path in asset_files(site).items():
        for language in languages:
            target = language / relative
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    for name in SHARED_FOLDERS:
        shutil.rmtree(site / name, ignore_errors=True)


def share(site: Path, languages: list[Path]) -> set[str]:
    """Move the files identical in every language folder to ``site``; return their paths."""
    files = [asset_files(language) for language in languages]
    common = set(files[0]).intersection(*files[1:])
    shared = {rel for rel in common if len({digest(f[rel]) for f in files}) == 1}
    for relative in sorted(shared):
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        files[0][relative].replace(target)
        for language_files in files[1:]:
            language_files[relative].unlink()
    for language in languages:  # folders emptied by the move
        for name in SHARED_FOLDERS:
            for folder in sorted((language / name).rglob("*"), reverse=True):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
    return shared


def relink(page: Path, language: Path, shared: set[str]) -> str:
    """The text of ``page`` with its asset links pointing at the shared copy where there is one."""
    depth = len(page.relative_to(language).parts) - 1

    def point(match: re.Match) -> str:
        up = len(match["up"]) // 3
        relative = f"{match['folder']}/{match['path']}"
        if up not in (depth, depth + 1):
            return match[0]  # not a link into the language's or the site's asset folders
        up = depth + 1 if relative in shared else depth
        return f"{match['attr']}{'../' * up}{relative}"

    return ASSET_LINK.sub(point, page.read_text(encoding="utf-8"))


def broken_links(page: Path, text: str) -> list[str]:
    """The asset links of ``page`` that lead to no file."""
    targets = (m[0].split('"', 1)[1] for m in ASSET_LINK.finditer(text))
    return [t for t in targets if not (page.parent / unquote(t)).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the html output folder (_build/html)")
    args = parser.parse_args(argv)
    languages = language_folders(args.site)
    if len(languages) < 2:
        print(
            f"share_assets: {args.site} has {len(languages)} language folder(s): nothing to share"
        )
        return 0
    unshare(args.site, languages)
    shared = share(args.site, languages)
    problems = []
    for language in languages:
        for page in sorted(language.rglob("*.html")):
            if page.relative_to(language).parts[0] in SHARED_FOLDERS:
                continue
            text = relink(page, language, shared)
            if text != page.read_text(encoding="utf-8"):
                page.write_text(text, encoding="utf-8")
            problems += [
                f"{page.relative_to(args.site)}: no file at {t}" for t in broken_links(page, text)
            ]
    size = sum((args.site / rel).stat().st_size for rel in shared)
    print(
        f"share_assets: {len(shared)} files ({size / 2**20:.1f} MiB) kept once for {len(languages)} languages"
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
