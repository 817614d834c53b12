"""tools/share_assets.py: one copy of the assets that every language's build writes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import share_assets  # noqa: E402

PAGE = (
    '<link href="{up}_static/theme.css?digest=1" rel="stylesheet" />'
    '<script src="{up}_static/documentation_options.js?v=2"></script>'
    '<img src="{up}_images/fig.svg" /><a href="{up}_images/fig.svg#x">open</a>'
    '<a href="https://example.org/_static/theme.css">away</a>'
)


def write_language(site: Path, folder: str) -> None:
    """One language's build: a page at the top, one in a subfolder, shared and own assets."""
    root = site / folder
    (root / "_static" / "fonts").mkdir(parents=True)
    (root / "_images").mkdir()
    (root / "chapters").mkdir()
    (root / "index.html").write_text(PAGE.format(up=""))
    (root / "chapters" / "one.html").write_text(PAGE.format(up="../"))
    (root / "_static" / "theme.css").write_text("body { color: black }")
    (root / "_static" / "fonts" / "f.woff").write_bytes(b"font")
    (root / "_static" / "documentation_options.js").write_text(f"LANGUAGE = '{folder}'")
    (root / "_images" / "fig.svg").write_text("<svg/>")


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_identical_files_are_kept_once_and_pages_point_at_them(tmp_path):
    for folder in ("en", "it"):
        write_language(tmp_path, folder)
    assert share_assets.main([str(tmp_path)]) == 0
    files = snapshot(tmp_path)
    assert {"_static/theme.css", "_static/fonts/f.woff", "_images/fig.svg"} <= set(files)
    assert files["en/_static/documentation_options.js"] == b"LANGUAGE = 'en'"
    assert files["it/_static/documentation_options.js"] == b"LANGUAGE = 'it'"
    assert not any(name.startswith(("en/_images", "it/_static/theme")) for name in files)
    assert files["it/chapters/one.html"].decode() == (
        '<link href="../../_static/theme.css?digest=1" rel="stylesheet" />'
        '<script src="../_static/documentation_options.js?v=2"></script>'
        '<img src="../../_images/fig.svg" /><a href="../../_images/fig.svg#x">open</a>'
        '<a href="https://example.org/_static/theme.css">away</a>'
    )
    assert files["en/index.html"].decode().startswith('<link href="../_static/theme.css')


def test_running_again_after_a_warm_rebuild_gives_the_same_site(tmp_path):
    for folder in ("en", "zh-cn", "it"):
        write_language(tmp_path, folder)
    share_assets.main([str(tmp_path)])
    once = snapshot(tmp_path)
    assert share_assets.main([str(tmp_path)]) == 0
    assert snapshot(tmp_path) == once
    # A rebuild of Italian rewrites one page and copies its static files again.
    (tmp_path / "it" / "chapters" / "one.html").write_text(PAGE.format(up="../"))
    shutil.copytree(tmp_path / "_static", tmp_path / "it" / "_static", dirs_exist_ok=True)
    assert share_assets.main([str(tmp_path)]) == 0
    assert snapshot(tmp_path) == once


def test_a_file_that_changed_in_one_language_goes_back_to_every_language(tmp_path):
    for folder in ("en", "it"):
        write_language(tmp_path, folder)
    share_assets.main([str(tmp_path)])
    (tmp_path / "it" / "_images").mkdir(exist_ok=True)
    (tmp_path / "it" / "_images" / "fig.svg").write_text("<svg>it</svg>")
    assert share_assets.main([str(tmp_path)]) == 0
    files = snapshot(tmp_path)
    assert "_images/fig.svg" not in files
    assert (
        files["en/_images/fig.svg"] == b"<svg/>" and files["it/_images/fig.svg"] == b"<svg>it</svg>"
    )
    assert '<img src="_images/fig.svg" />' in files["en/index.html"].decode()


def test_a_link_to_a_missing_asset_fails_naming_the_page(tmp_path, capsys):
    for folder in ("en", "it"):
        write_language(tmp_path, folder)
    (tmp_path / "it" / "_static" / "documentation_options.js").unlink()
    assert share_assets.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "it/index.html: no file at _static/documentation_options.js" in err
    assert "it/chapters/one.html: no file at ../_static/documentation_options.js" in err


def test_compare_sites_names_the_file_and_the_line_that_differ(tmp_path, capsys):
    import compare_sites

    for name in ("first", "second"):
        write_language(tmp_path / name, "en")
    assert compare_sites.main([str(tmp_path / "first"), str(tmp_path / "second")]) == 0
    page = tmp_path / "second" / "en" / "chapters" / "one.html"
    page.write_text(page.read_text().replace("?v=2", "?v=3"))
    (tmp_path / "second" / "en" / "_downloads").mkdir()
    (tmp_path / "second" / "en" / "_downloads" / "book.pdf").write_bytes(b"%PDF")
    assert compare_sites.main([str(tmp_path / "first"), str(tmp_path / "second")]) == 1
    out = capsys.readouterr().out
    assert "en/chapters/one.html: differs, line 1: " in out and "?v=3" in out
    assert f"en/_downloads/book.pdf: only in {tmp_path / 'second'}" in out
    args = ["--ignore", "*/_downloads/*.pdf"]
    page.write_text(page.read_text().replace("?v=3", "?v=2"))
    assert compare_sites.main([str(tmp_path / "first"), str(tmp_path / "second"), *args]) == 0
