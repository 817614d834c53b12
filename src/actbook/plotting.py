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
from matplotlib.colors import is_color_like
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

from actbook import validation

__all__ = [
    "BOOK_WIDTH",
    "PALETTE",
    "ROW_HEIGHT",
    "STYLE_PATH",
    "mark_point",
    "new_figure",
    "plot_curves",
    "savefig_svg",
    "use_book_style",
]

PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "orange": "#E69F00",
    "reddish purple": "#CC79A7",
    "sky blue": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
"""Okabe & Ito's colour-blind-safe palette, in the order of the style's colour cycle."""

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
        Text placed just above and right of the point (used as given).
    color : str or tuple of float
        Colour of the dot and the label, in any form matplotlib accepts.

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
    if not is_color_like(color):
        kind = ValueError if isinstance(color, str | tuple | list | np.ndarray) else TypeError
        raise kind(f"color must be a matplotlib colour, got {color!r}")
    (dot,) = ax.plot([x], [y], "o", color=color, zorder=3)
    if label is not None:
        ax.annotate(
            label, (x, y), xytext=(6, 6), textcoords="offset points", color=color, fontsize="small"
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
    buffer = io.StringIO()
    # the first draw runs the constrained layout, which moves the axes a little (and so the
    # hashed clip-path ids); drawing once before saving makes every save alike
    fig.draw_without_rendering()
    with mpl.rc_context(_DETERMINISTIC_SVG):
        fig.savefig(buffer, format="svg", metadata=_NO_DATE)
    return buffer.getvalue()
