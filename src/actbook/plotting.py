"""The book's figure style and the few helpers that chapter cells call.

Figures are language-neutral: they carry math symbols and numbers only, and every label
is passed in by the chapter. SVG output is deterministic (a fixed hash salt for element
ids, glyphs as paths, no creation date), so rebuilding the book does not change figures
that did not change.

Examples
--------
>>> use_book_style()
>>> fig, ax = new_figure()
>>> x = np.linspace(-4, 4, 81)
>>> lines = plot_curves(ax, x, {r"$\\sigma(x)$": 1 / (1 + np.exp(-x)), r"$\\tanh x$": np.tanh(x)})
>>> svg = savefig_svg(fig)
>>> svg.startswith("<?xml") and "<dc:date>" not in svg
True
>>> plt.close(fig)
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from importlib import resources
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import is_color_like, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

from actbook import validation

__all__ = [
    "BOOK_WIDTH",
    "PALETTE",
    "ROW_HEIGHT",
    "STYLE_PATH",
    "contrast_ratio",
    "mark_point",
    "new_figure",
    "plot_curves",
    "savefig_svg",
    "text_color",
    "use_book_style",
]

PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "brown": "#783000",
    "reddish purple": "#CC79A7",
    "dark blue": "#004868",
    "black": "#000000",
}
"""The book's colours, in the order of the style's colour cycle.

Okabe & Ito's colour-blind-safe palette without its three light colours: orange
(#E69F00), sky blue (#56B4E9) and yellow (#F0E442) have a contrast of 2.25, 2.31 and
1.32 against white, below the 3:1 that WCAG 2.1 (1.4.11) asks of graphics. Darkened to
3:1, orange could no longer be told from vermillion by a protanope or a deuteranope (it
was told apart by its lightness), so a dark brown takes its place and a dark blue that of
sky blue. Every colour has at least 3:1 against white; in simulated protanopia,
deuteranopia and tritanopia (Machado et al., 2009) any two stay at least as far apart
(CIELAB distance 17) as the closest pair of the original palette. A label written in a
palette colour goes through :func:`text_color`, which darkens it to 4.5:1.
"""

BOOK_WIDTH = 6.0
"""Figure width in inches: the text width of the book."""

ROW_HEIGHT = 3.0
"""Height in inches of one row of panels (one panel alone gets ``BOOK_WIDTH * 0.6``)."""

SVG_HASH_SALT = "actbook"
STYLE_PATH = str(resources.files("actbook") / "book.mplstyle")
_DETERMINISTIC_SVG = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}
_NO_DATE = {"Date": None}


def _check_axes(ax: Any) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {ax!r} ({type(ax).__name__})")
    return ax


def _check_color(color: Any, name: str = "color") -> None:
    if not is_color_like(color):
        kind = ValueError if isinstance(color, str | tuple | list | np.ndarray) else TypeError
        raise kind(f"{name} must be a matplotlib colour, got {color!r}")


def _linear_rgb(color: Any) -> np.ndarray:
    """sRGB components of ``color`` (alpha dropped) made linear, as WCAG 2.1 defines it."""
    srgb = np.array(to_rgb(color))
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _relative_luminance(color: Any) -> float:
    return float(np.dot([0.2126, 0.7152, 0.0722], _linear_rgb(color)))


def contrast_ratio(color: Any, background: Any = "white") -> float:
    """WCAG 2.1 contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Graphics need 3:1 against their background (success criterion 1.4.11), text 4.5:1
    (1.4.3).

    Parameters
    ----------
    color, background : str or tuple of float
        Colours in any form matplotlib accepts; alpha is ignored.

    Returns
    -------
    float

    Examples
    --------
    >>> round(contrast_ratio("black"), 1), round(contrast_ratio("#E69F00"), 2)
    (21.0, 2.25)
    >>> all(contrast_ratio(c) >= 3 for c in PALETTE.values())
    True
    """
    _check_color(color)
    _check_color(background, "background")
    lighter, darker = sorted(
        (_relative_luminance(color), _relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def text_color(color: Any, minimum: float = 4.5) -> str:
    """``color`` darkened just enough to reach ``minimum`` contrast against white, as hex.

    The hue stays (the linear RGB components are scaled together), so a label keeps the
    colour of the line or dot it names while staying readable as text.

    Parameters
    ----------
    color : str or tuple of float
        Colour in any form matplotlib accepts.
    minimum : float, default 4.5
        Contrast to reach against white, between 1 and 21.

    Returns
    -------
    str
        ``#rrggbb``; ``color`` itself (as hex) if it already has that contrast.

    Examples
    --------
    >>> text_color(PALETTE["vermillion"]), text_color(PALETTE["blue"])
    ('#c45500', '#0072b2')
    >>> contrast_ratio(text_color(PALETTE["bluish green"])) >= 4.5
    True
    """
    _check_color(color)
    minimum = validation.finite_real(minimum, "minimum")
    if not 1.0 <= minimum <= 21.0:
        raise ValueError(f"minimum must be between 1 and 21, got {minimum!r}")
    if contrast_ratio(color) >= minimum:
        return to_hex(color, keep_alpha=False)
    linear = _linear_rgb(color)
    low, high = 0.0, 1.0  # scale of the linear components; 0 is black (contrast 21)
    for _ in range(40):
        middle = (low + high) / 2
        if contrast_ratio(_srgb(linear * middle)) >= minimum:
            low = middle
        else:
            high = middle
    return to_hex(_srgb(linear * low))


def _srgb(linear: np.ndarray) -> tuple[float, float, float]:
    """Linear components back to sRGB, rounded to 8 bits downwards (never lighter)."""
    srgb = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    red, green, blue = (np.floor(np.clip(srgb, 0.0, 1.0) * 255) / 255).tolist()
    return red, green, blue


def use_book_style() -> None:
    """Apply the book style; under IPython also make inline figures deterministic SVG.

    Sets ``SOURCE_DATE_EPOCH`` to 0 unless it is set, applies ``book.mplstyle``, fixes the
    SVG hash salt and font type, and, in an IPython kernel, selects SVG for inline figures
    with the ``Date`` metadata removed.

    Returns nothing, so a notebook cell that ends with the call shows no output.

    Examples
    --------
    >>> use_book_style()
    >>> mpl.rcParams["svg.hashsalt"], mpl.rcParams["axes.spines.top"]
    ('actbook', False)
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    plt.style.use(STYLE_PATH)
    mpl.rcParams.update(_DETERMINISTIC_SVG)
    _configure_inline_svg()


def _configure_inline_svg() -> bool:
    """Under IPython, show figures inline as dateless SVG; True if a shell was found."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is optional
        return False
    if get_ipython() is None:
        return False
    from matplotlib_inline.backend_inline import InlineBackend, set_matplotlib_formats

    # the config is what the inline backend applies when it is activated later; it is
    # changed in place because assigning it runs handlers deprecated in traitlets
    config = InlineBackend.instance()
    config.print_figure_kwargs["metadata"] = _NO_DATE
    config.figure_formats.clear()
    config.figure_formats.add("svg")
    set_matplotlib_formats("svg", metadata=_NO_DATE)
    return True


def new_figure(
    ncols: int = 1, nrows: int = 1, *, sharex: bool = False, sharey: bool = False
) -> tuple[Figure, Axes | np.ndarray]:
    """A figure of the book's width with ``nrows`` x ``ncols`` panels.

    Parameters
    ----------
    ncols, nrows : int, default 1
        Number of panel columns and rows, >= 1 (Python or NumPy integers).
    sharex, sharey : bool, default False
        Share the x or y axis between all panels.

    Returns
    -------
    fig : Figure
    axes : Axes or ndarray of Axes
        A single Axes for one panel, else an array of shape (nrows, ncols) squeezed like
        :func:`matplotlib.pyplot.subplots`.

    Examples
    --------
    >>> fig, axes = new_figure(ncols=2)
    >>> axes.shape, fig.get_size_inches().tolist()
    ((2,), [6.0, 3.0])
    >>> plt.close(fig)
    """
    ncols = validation.positive_int(ncols, "ncols")
    nrows = validation.positive_int(nrows, "nrows")
    sharex = validation.boolean(sharex, "sharex")
    sharey = validation.boolean(sharey, "sharey")
    height = BOOK_WIDTH * 0.6 if ncols == nrows == 1 else ROW_HEIGHT * nrows
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(BOOK_WIDTH, height), sharex=sharex, sharey=sharey
    )
    return fig, axes


def plot_curves(
    ax: Axes, x: ArrayLike, curves: Mapping[str, ArrayLike], **line_style: object
) -> list[Line2D]:
    """Plot one curve per entry of ``curves`` against ``x``, labelled by its key.

    Parameters
    ----------
    ax : Axes
    x : array_like
        Shared abscissae, a 1-d array of real numbers.
    curves : mapping of str to array_like
        Label (used as given, e.g. ``r"$\\sigma'(x)$"``) to ordinates of x's shape; a NaN
        ordinate leaves a gap in the line, as in matplotlib.
    **line_style
        Passed to :meth:`matplotlib.axes.Axes.plot` for every curve.

    Returns
    -------
    list of Line2D

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> x = np.linspace(0, 1, 5)
    >>> [line.get_label() for line in plot_curves(ax, x, {"$x$": x, "$x^2$": x**2})]
    ['$x$', '$x^2$']
    >>> plt.close(fig)
    """
    ax = _check_axes(ax)
    x = validation.float_array(x, "x", ndim=1)
    if not isinstance(curves, Mapping):
        raise TypeError(
            f"curves must be a mapping of labels to arrays, got {type(curves).__name__}"
        )
    checked = {}
    for label, y in curves.items():
        if not isinstance(label, str):
            raise TypeError(f"curves keys must be str labels, got {label!r}")
        checked[label] = validation.same_shape(y, f"curves[{label!r}]", x.shape, "x")
    lines = []
    for label, y in checked.items():
        lines.extend(ax.plot(x, y, label=label, **line_style))
    if curves:
        ax.legend()
    return lines


def mark_point(
    ax: Axes, x: float, y: float, label: str | None = None, *, color: str = PALETTE["black"]
) -> Line2D:
    """Mark the point (x, y) with a dot and, if given, a label next to it.

    Parameters
    ----------
    ax : Axes
    x, y : float
        Coordinates of the point, finite.
    label : str, optional
        Text placed just above and right of the point (used as given), at the style's
        font size.
    color : str or tuple of float
        Colour of the dot, in any form matplotlib accepts; the label is written in the
        same colour darkened to a contrast of 4.5:1 against white (:func:`text_color`).

    Returns
    -------
    Line2D
        The dot.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> dot = mark_point(ax, 0.0, 0.25, r"$\\sigma'(0) = 1/4$")
    >>> dot.get_xydata().tolist(), ax.texts[0].get_text()
    ([[0.0, 0.25]], "$\\\\sigma'(0) = 1/4$")
    >>> plt.close(fig)
    """
    ax = _check_axes(ax)
    x = validation.finite_real(x, "x")
    y = validation.finite_real(y, "y")
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a str or None, got {label!r} ({type(label).__name__})")
    _check_color(color)
    (dot,) = ax.plot([x], [y], "o", color=color, zorder=3)
    if label is not None:
        ax.annotate(
            label, (x, y), xytext=(6, 6), textcoords="offset points", color=text_color(color)
        )
    return dot


def savefig_svg(fig: Figure) -> str:
    """The figure as SVG text, identical for identical figures (no date, fixed ids).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], [1, 0])
    >>> savefig_svg(fig) == savefig_svg(fig)
    True
    >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {fig!r} ({type(fig).__name__})")
    # Saving runs the constrained layout at the SVG's resolution, which may move the axes a
    # little (and so the hashed clip-path ids): save until two saves agree.
    previous = _svg_text(fig)
    for _ in range(3):
        current = _svg_text(fig)
        if current == previous:
            break
        previous = current
    return previous


def _svg_text(fig: Figure) -> str:
    buffer = io.StringIO()
    with mpl.rc_context(_DETERMINISTIC_SVG):
        fig.savefig(buffer, format="svg", metadata=_NO_DATE)
    return buffer.getvalue()
