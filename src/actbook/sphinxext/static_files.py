"""The extension's static files in, and what no page loads out, of each build's ``_static``.

One copy for the four languages is made later, by ``tools/share_assets.py``, which moves
the files that are byte-identical in every language folder to the site's own ``_static``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"

# What the themes and sphinx-mathjax-offline copy into _static and no page loads. MathJax:
# the pages load tex-chtml.js, which fetches a11y, ui, sre, output, TeX extensions and
# the MathML input (for the explorer) on demand, from the menu or for \require; the other
# bundles and the loader's separate components are alternatives to it. The theme's gettext
# catalogs (locales/) are read at build time from the package; source maps serve a
# browser's developer tools only.
UNUSED_STATIC = (
    "mathjax/mml-chtml.js",
    "mathjax/mml-svg.js",
    "mathjax/node-main.js",
    "mathjax/tex-chtml-full-speech.js",
    "mathjax/tex-chtml-full.js",
    "mathjax/tex-mml-chtml.js",
    "mathjax/tex-mml-svg.js",
    "mathjax/tex-svg-full.js",
    "mathjax/tex-svg.js",
    "mathjax/adaptors",
    "mathjax/core.js",
    "mathjax/latest.js",
    "mathjax/loader.js",
    "mathjax/startup.js",
    "mathjax/input/asciimath.js",
    "mathjax/input/tex-base.js",
    "mathjax/input/tex-full.js",
    "mathjax/input/tex.js",
    "locales",
    "webpack-macros.html",
    "sbt-webpack-macros.html",
)
UNUSED_STATIC_PATTERNS = ("*.map",)


def trim_static(app: Sphinx, exception: Exception | None) -> None:
    """Delete what the themes and extensions copied into ``_static`` and no page loads."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in UNUSED_STATIC:
        path = static / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    for pattern in UNUSED_STATIC_PATTERNS:
        for path in static.rglob(pattern):
            path.unlink()


def add_extension_static(app: Sphinx) -> None:
    """Put the extension's ``static`` folder first, so its files win over the themes'."""
    app.config.html_static_path = [str(STATIC), *app.config.html_static_path]


def setup_static_files(app: Sphinx) -> None:
    """Register the extension's static folder and trim ``_static`` after an html build."""
    app.connect("builder-inited", add_extension_static)
    app.connect("build-finished", trim_static, priority=900)
