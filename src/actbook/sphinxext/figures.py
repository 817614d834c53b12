"""Figures that read on every screen.

A chapter's figure is one SVG drawn 6 inches (about 440 pt) wide. On a desktop it fills
the text column (``figures.css``). On a phone, filling the 342 px column would shrink
a 9 pt label to 7 px, so each figure gets a minimum width at which its smallest text
is :data:`MIN_TEXT_PX` CSS pixels; a figure wider than the screen scrolls sideways in
its own box, says so, and opens full size when tapped.

The smallest text size is read from the SVG itself: with ``svg.fonttype: path``
matplotlib draws every text as a group ``<g transform="translate(x y) scale(s -s)">``
of glyph paths, where ``100 * s`` is the font size in points (one SVG user unit is a
point, and the ``viewBox`` gives the figure's width in points).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from actbook.sphinxext.interface import message

MIN_TEXT_PX = 9.0
"""Smallest rendered size, in CSS pixels, of any text in a figure on a phone."""

FIGURE_CLASS = "actbook-figure"
HINT_CLASS = "actbook-figure-hint"

# matplotlib's text group: translate, optional rotate, then scale(s -s); s * 100 is the size in pt
_TEXT_GROUP = re.compile(
    r'<g (?:style="[^"]*" )?transform="translate\([^)]*\)(?: rotate\([^)]*\))? '
    r'scale\(([0-9.]+) -[0-9.]+\)"'
)
_VIEWBOX = re.compile(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"')
# a figure's image as Sphinx writes it: <figure ...>\n<img alt="..." src="....svg" />
_FIGURE_IMAGE = re.compile(
    r'(<figure class="[^"]*"(?: id="[^"]*")?>\s*)(<img alt="[^"]*" src="([^"]+\.svg)" />)'
)


def svg_text_sizes(svg: str) -> tuple[float, list[float]]:
    """The width of an SVG figure drawn by matplotlib, and the font size of each text, in pt.

    Parameters
    ----------
    svg : str
        SVG written by matplotlib with ``svg.fonttype: path``.

    Returns
    -------
    width : float
        The width of the ``viewBox`` (points).
    sizes : list of float
        Font size of every text in the figure (tick labels, legend entries ...), in order.

    Examples
    --------
    >>> svg = ('<svg viewBox="0 0 440.4 267.6"><g transform="translate(10 20) scale(0.1 -0.1)">'
    ...        '</g><g transform="translate(5 9) rotate(-90) scale(0.0833 -0.0833)"></g></svg>')
    >>> svg_text_sizes(svg)
    (440.4, [10.0, 8.33])
    """
    match = _VIEWBOX.search(svg)
    if match is None:
        raise ValueError("the SVG has no viewBox")
    sizes = [round(float(scale) * 100, 4) for scale in _TEXT_GROUP.findall(svg)]
    return float(match.group(1)), sizes


def min_width_px(svg: str, min_text_px: float = MIN_TEXT_PX) -> int | None:
    """The narrowest width (CSS px) at which the figure's smallest text is ``min_text_px``.

    ``None`` for an SVG without text. Rounded up to whole pixels.

    Examples
    --------
    >>> svg = '<svg viewBox="0 0 440 260"><g transform="translate(1 2) scale(0.08 -0.08)">'
    >>> min_width_px(svg)  # 8 pt text is 9 px when 440 pt are drawn 495 px wide
    495
    >>> min_width_px('<svg viewBox="0 0 100 50"></svg>') is None
    True
    """
    width, sizes = svg_text_sizes(svg)
    if not sizes:
        return None
    return int(-(-width * min_text_px // min(sizes)))


def wrap_figure_images(body: str, svg_for: Any) -> str:
    """Wrap each SVG image of a ``<figure>`` in a link to itself that can scroll sideways.

    Parameters
    ----------
    body : str
        HTML of a page body as Sphinx writes it.
    svg_for : callable
        Maps an image's ``src`` to the SVG's text, or ``None`` when it cannot be read
        (then the figure gets no minimum width).

    Returns
    -------
    str
        The body with every figure's image inside
        ``<a class="actbook-figure" href="…" style="--actbook-figure-min-width: …px">``,
        followed by a hint that phones show when the figure scrolls.

    Examples
    --------
    >>> body = '<figure class="align-default" id="f">\\n<img alt="A curve." src="a.svg" />'
    >>> svg = '<svg viewBox="0 0 440 260"><g transform="translate(1 2) scale(0.1 -0.1)">'
    >>> print(wrap_figure_images(body, lambda src: svg))  # doctest: +NORMALIZE_WHITESPACE
    <figure class="align-default" id="f">
    <a class="actbook-figure" href="a.svg" title="Open the figure full size"
    style="--actbook-figure-min-width: 396px"><img alt="A curve." src="a.svg" /></a><p
    class="actbook-figure-hint">Scroll sideways to see the whole figure, or open it full
    size.</p>
    """
    title = html.escape(message("Open the figure full size"), quote=True)
    hint = html.escape(message("Scroll sideways to see the whole figure, or open it full size."))

    def wrap(match: re.Match[str]) -> str:
        opening, image, src = match.groups()
        svg = svg_for(html.unescape(src))
        width = min_width_px(svg) if svg is not None else None
        style = f' style="--actbook-figure-min-width: {width}px"' if width else ""
        return (
            f'{opening}<a class="{FIGURE_CLASS}" href="{src}" title="{title}"{style}>{image}</a>'
            f'<p class="{HINT_CLASS}">{hint}</p>'
        )

    return _FIGURE_IMAGE.sub(wrap, body)


def _image_sources(app: Sphinx) -> dict[str, Path]:
    """Output file name of every image (``_images/<name>``) to its source file."""
    sources = {}
    for source, name in getattr(app.builder, "images", {}).items():
        path = Path(source)
        sources[name] = path if path.is_absolute() else Path(app.srcdir) / path
    return sources


def add_figure_boxes(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` handler: wrap the page's figures (see :func:`wrap_figure_images`)."""
    body = context.get("body")
    if not body or "<figure" not in body:
        return
    sources = _image_sources(app)

    def svg_for(src: str) -> str | None:
        path = sources.get(src.rsplit("/", 1)[-1])
        if path is None or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")

    context["body"] = wrap_figure_images(body, svg_for)


def setup_figures(app: Sphinx) -> None:
    """Register the handler, the style sheet and the script that marks scrolling figures."""
    app.connect("html-page-context", add_figure_boxes)
    app.add_css_file("figures.css")
    app.add_js_file("figures.js", loading_method="defer")
