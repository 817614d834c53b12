"""actbook.plotting: style, helpers, deterministic SVG (headless, Agg)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from actbook import plotting  # noqa: E402
from actbook.plotting import (  # noqa: E402
    PALETTE,
    mark_point,
    new_figure,
    plot_curves,
    savefig_svg,
    use_book_style,
)

OKABE_ITO = {  # Okabe & Ito (2008), "Color Universal Design"
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
}


def wcag_contrast(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio from hex colours, written out from the definition."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(autouse=True)
def isolated_style():
    """Every test starts from matplotlib's defaults and leaves them so."""
    with mpl.rc_context():
        mpl.rcdefaults()
        yield
    plt.close("all")


def sample_figure(ncols: int = 1):
    fig, axes = new_figure(ncols=ncols)
    x = np.linspace(-4, 4, 41)
    for ax in np.atleast_1d(axes):
        plot_curves(ax, x, {r"$\sigma(x)$": 1 / (1 + np.exp(-x)), r"$\tanh x$": np.tanh(x)})
        mark_point(ax, 0.0, 0.5, r"$(0, \frac{1}{2})$")
    return fig


def test_wcag_contrast_reference_values():
    # the independent implementation against published values
    assert wcag_contrast("#000000") == pytest.approx(21.0)
    assert wcag_contrast("#FFFFFF") == pytest.approx(1.0)
    assert wcag_contrast("#767676") == pytest.approx(4.54, abs=0.01)  # lightest grey for text
    assert wcag_contrast("#E69F00") == pytest.approx(2.25, abs=0.01)  # the orange


@pytest.mark.parametrize("name", list(PALETTE))
def test_every_palette_colour_has_3_to_1_against_white(name):
    # WCAG 2.1 success criterion 1.4.11: graphical objects need 3:1
    assert wcag_contrast(PALETTE[name]) >= 3.0, (name, PALETTE[name])
    assert plotting.contrast_ratio(PALETTE[name]) == pytest.approx(wcag_contrast(PALETTE[name]))


def test_palette_keeps_okabe_ito_where_it_has_the_contrast():
    kept = {colour for colour in OKABE_ITO if wcag_contrast(colour) >= 3.0}
    assert kept == {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"}
    assert kept <= set(PALETTE.values())
    assert len(set(PALETTE.values())) == len(PALETTE) == 7


def test_palette_drives_the_colour_cycle():
    use_book_style()
    cycle = [to_hex(c).upper() for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == list(PALETTE.values())


def test_style_settings(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert use_book_style() is None  # nothing for a notebook cell to display
    assert plotting._configure_inline_svg() is False  # no IPython shell here
    rc = mpl.rcParams
    assert rc["svg.hashsalt"] == "actbook" and rc["svg.fonttype"] == "path"
    assert not rc["axes.spines.top"] and not rc["axes.spines.right"]
    assert rc["font.size"] >= 11 and rc["legend.fontsize"] >= 10
    assert min(rc["xtick.labelsize"], rc["ytick.labelsize"]) >= 10
    # "small", the smallest size a chapter may ask for, stays above 9 pt
    assert mpl.font_manager.FontProperties(size="small").get_size_in_points() >= 9
    assert plotting.os.environ["SOURCE_DATE_EPOCH"] == "0"


def test_source_date_epoch_is_only_a_default(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    use_book_style()
    assert plotting.os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_inline_output_under_ipython_is_svg_without_date():
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    backend_inline = pytest.importorskip("matplotlib_inline.backend_inline")
    shell = interactiveshell.InteractiveShell.instance()
    try:
        use_book_style()
        assert plotting._configure_inline_svg() is True
        config = backend_inline.InlineBackend.instance()
        assert config.figure_formats == {"svg"}
        assert config.print_figure_kwargs["metadata"] == {"Date": None}
        svg_formatter = shell.display_formatter.formatters["image/svg+xml"]
        fig = sample_figure()
        svg = svg_formatter(fig)
        assert svg.startswith("<?xml") and "<dc:date>" not in svg
        assert svg_formatter(fig) == svg
    finally:
        backend_inline.InlineBackend.clear_instance()
        interactiveshell.InteractiveShell.clear_instance()


def test_new_figure_sizes_and_shapes():
    fig, ax = new_figure()
    assert isinstance(ax, mpl.axes.Axes)
    assert fig.get_size_inches().tolist() == [plotting.BOOK_WIDTH, plotting.BOOK_WIDTH * 0.6]
    fig, axes = new_figure(ncols=3, nrows=2, sharey=True)
    assert axes.shape == (2, 3)
    assert fig.get_size_inches().tolist() == [plotting.BOOK_WIDTH, 2 * plotting.ROW_HEIGHT]
    assert axes[0, 1].get_shared_y_axes().joined(axes[0, 0], axes[0, 1])


@pytest.mark.parametrize(
    ("keyword", "value", "error", "message"),
    [
        ("ncols", 0, ValueError, "ncols must be a positive integer, got 0"),
        ("nrows", -1, ValueError, "nrows must be a positive integer, got -1"),
        ("nrows", 1.5, TypeError, r"nrows must be a positive integer, got 1.5 \(float\)"),
        ("ncols", 2.0, TypeError, "ncols must be a positive integer, got 2.0"),
        ("ncols", True, TypeError, r"ncols must be a positive integer, got True \(bool\)"),
        ("ncols", None, TypeError, "ncols must be a positive integer, got None"),
        ("nrows", "2", TypeError, "nrows must be a positive integer, got '2'"),
        ("sharex", 1, TypeError, r"sharex must be True or False, got 1 \(int\)"),
        ("sharey", "row", TypeError, "sharey must be True or False, got 'row'"),
        ("sharey", None, TypeError, "sharey must be True or False, got None"),
    ],
)
def test_new_figure_rejects_bad_arguments(keyword, value, error, message):
    with pytest.raises(error, match=message):
        new_figure(**{keyword: value})
    assert plt.get_fignums() == []  # no figure left behind


@pytest.mark.parametrize("integer", [np.int64, np.int32, np.uint8])
def test_new_figure_accepts_numpy_integers(integer):
    fig, axes = new_figure(integer(2), nrows=integer(3), sharex=np.True_)
    expected, expected_axes = new_figure(2, nrows=3, sharex=True)
    assert axes.shape == expected_axes.shape == (3, 2)
    assert fig.get_size_inches().tolist() == expected.get_size_inches().tolist()


def test_plot_curves_uses_data_and_labels_as_given():
    fig, ax = new_figure()
    x = np.linspace(0, 2, 11)
    lines = plot_curves(ax, x, {"$x$": x, "$x^2$": x**2}, linestyle="--")
    assert [line.get_label() for line in lines] == ["$x$", "$x^2$"]
    np.testing.assert_array_equal(lines[1].get_ydata(), x**2)
    assert all(line.get_linestyle() == "--" for line in lines)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["$x$", "$x^2$"]
    fig, ax = new_figure()
    assert plot_curves(ax, x, {}) == [] and ax.get_legend() is None


def test_plot_curves_rejects_mismatched_shapes():
    fig, ax = new_figure()
    with pytest.raises(ValueError, match=r"curves\['\$y\$'\] must have shape \(5,\) like x"):
        plot_curves(ax, np.arange(5.0), {"$x$": np.arange(5.0), "$y$": np.arange(4.0)})
    assert len(ax.lines) == 0 and ax.get_legend() is None  # nothing drawn before the check


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"ax": None}, TypeError, "ax must be a matplotlib Axes, got None"),
        ({"ax": "ax"}, TypeError, "ax must be a matplotlib Axes"),
        ({"x": None}, TypeError, "x must be an array of real numbers, got None"),
        ({"x": ["a", "b", "c"]}, TypeError, "x must be an array of real numbers"),
        ({"x": np.ones((3, 1))}, ValueError, r"x must be a 1-d array, got shape \(3, 1\)"),
        ({"x": 1.0}, ValueError, "x must be a 1-d array"),
        ({"curves": None}, TypeError, "curves must be a mapping"),
        ({"curves": [np.ones(3)]}, TypeError, "curves must be a mapping"),
        ({"curves": {1: np.ones(3)}}, TypeError, "curves keys must be str labels, got 1"),
        ({"curves": {"$y$": None}}, TypeError, r"curves\['\$y\$'\] must be an array of real"),
        ({"curves": {"$y$": ["a"] * 3}}, TypeError, r"curves\['\$y\$'\] must be an array"),
        ({"curves": {"$y$": 2.0}}, ValueError, r"curves\['\$y\$'\] must have shape \(3,\)"),
        ({"curves": {"$y$": np.ones((1, 3))}}, ValueError, r"curves\['\$y\$'\] must have"),
    ],
)
def test_plot_curves_rejects_bad_arguments(arguments, error, message):
    fig, ax = new_figure()
    call = {"ax": ax, "x": np.arange(3.0), "curves": {"$x$": np.arange(3.0)}, **arguments}
    with pytest.raises(error, match=message):
        plot_curves(call["ax"], call["x"], call["curves"])
    assert len(ax.lines) == 0


def test_plot_curves_accepts_integer_and_float32_data_unchanged():
    fig, ax = new_figure()
    x = np.arange(4)
    y = np.array([1.0, 4.0, 2.0, 3.0], dtype=np.float32)
    (line,) = plot_curves(ax, x, {"$y$": y})
    np.testing.assert_array_equal(line.get_xdata(), [0.0, 1.0, 2.0, 3.0])
    np.testing.assert_array_equal(line.get_ydata(), y)
    assert x.dtype.kind == "i" and y.dtype == np.float32  # inputs untouched
    # NaN ordinates are gaps in the curve, as in matplotlib
    (line,) = plot_curves(ax, [0.0, 1.0, 2.0], {"$z$": [0.0, np.nan, 1.0]})
    assert np.isnan(line.get_ydata()[1])


def test_mark_point():
    fig, ax = new_figure()
    dot = mark_point(ax, 1.5, -0.25, "$a$", color=PALETTE["vermillion"])
    assert dot.get_xydata().tolist() == [[1.5, -0.25]]
    assert to_hex(dot.get_color()).upper() == PALETTE["vermillion"]
    (text,) = ax.texts
    assert text.get_text() == "$a$" and text.xy == (1.5, -0.25)
    # the label is text: the dot's colour darkened to 4.5:1 (vermillion alone has 3.87:1)
    assert to_hex(text.get_color()).upper() == "#C45500"
    assert wcag_contrast(to_hex(text.get_color())) >= 4.5 > wcag_contrast(PALETTE["vermillion"])


@pytest.mark.parametrize("colour", [*PALETTE.values(), "#E69F00", "#F0E442", "#FFFFFF"])
def test_text_color_reaches_4_5_to_1_and_keeps_the_hue(colour):
    darker = plotting.text_color(colour)
    assert wcag_contrast(darker) >= 4.5
    if wcag_contrast(colour) >= 4.5:
        assert darker.upper() == colour.upper()  # already readable: unchanged
    else:  # just dark enough: one step lighter would fall short
        assert wcag_contrast(darker) < 4.7
        hue = mpl.colors.rgb_to_hsv(mpl.colors.to_rgb(colour))[0]
        if colour != "#FFFFFF":
            assert mpl.colors.rgb_to_hsv(mpl.colors.to_rgb(darker))[0] == pytest.approx(
                hue, abs=0.02
            )


def test_text_color_for_graphics_and_bad_arguments():
    assert wcag_contrast(plotting.text_color("#E69F00", minimum=3.0)) >= 3.0
    assert plotting.text_color("black", minimum=21) == "#000000"
    with pytest.raises(ValueError, match="minimum must be between 1 and 21, got 22.0"):
        plotting.text_color("black", minimum=22.0)
    with pytest.raises(ValueError, match="color must be a matplotlib colour"):
        plotting.text_color("not a colour")
    with pytest.raises(TypeError, match="background must be a matplotlib colour, got None"):
        plotting.contrast_ratio("black", None)
    fig, ax = new_figure()
    mark_point(ax, 0.0, 0.0)
    assert len(ax.texts) == 0


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"ax": None}, TypeError, "ax must be a matplotlib Axes"),
        ({"x": np.nan}, ValueError, "x must be finite, got nan"),
        ({"y": np.inf}, ValueError, "y must be finite, got inf"),
        ({"x": None}, TypeError, "x must be a real number, got None"),
        ({"y": "0.5"}, TypeError, "y must be a real number, got '0.5'"),
        ({"x": True}, TypeError, "x must be a real number, got True"),
        ({"label": 3}, TypeError, r"label must be a str or None, got 3 \(int\)"),
        ({"color": "not a colour"}, ValueError, "color must be a matplotlib colour"),
        ({"color": (1.0, 0.0)}, ValueError, "color must be a matplotlib colour"),
        ({"color": None}, TypeError, "color must be a matplotlib colour, got None"),
        ({"color": 3}, TypeError, "color must be a matplotlib colour, got 3"),
    ],
)
def test_mark_point_rejects_bad_arguments(arguments, error, message):
    fig, ax = new_figure()
    call = {"ax": ax, "x": 0.0, "y": 0.5, "label": "$a$", "color": "black", **arguments}
    with pytest.raises(error, match=message):
        mark_point(call["ax"], call["x"], call["y"], call["label"], color=call["color"])
    assert len(ax.lines) == len(ax.texts) == 0


def test_mark_point_accepts_numpy_scalars():
    fig, ax = new_figure()
    dot = mark_point(ax, np.int64(3), np.float32(-0.25), color=np.array([0.0, 0.0, 1.0]))
    assert dot.get_xydata().tolist() == [[3.0, -0.25]]
    assert mark_point(ax, 3, -0.25).get_xydata().tolist() == [[3.0, -0.25]]


@pytest.mark.parametrize("fig", [None, "figure", 3])
def test_savefig_svg_needs_a_figure(fig):
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        savefig_svg(fig)


def test_svg_is_deterministic_and_dateless():
    use_book_style()
    first = sample_figure(ncols=2)
    svg = savefig_svg(first)
    assert savefig_svg(first) == svg  # the same figure saved twice
    assert savefig_svg(sample_figure(ncols=2)) == svg  # an identical figure built anew
    assert "<dc:date>" not in svg and not re.search(r"20\d\d-\d\d-\d\d", svg)
    assert "<text" not in svg  # glyphs are paths: no dependence on installed fonts
    assert savefig_svg(sample_figure(ncols=1)) != svg


def test_svg_is_deterministic_without_the_book_style():
    # savefig_svg fixes the salt itself, whatever the global rcParams say
    mpl.rcParams["svg.hashsalt"] = None
    fig = sample_figure()
    assert savefig_svg(fig) == savefig_svg(sample_figure())
    assert mpl.rcParams["svg.hashsalt"] is None
