"""actbook.sphinxext.figures: text sizes read from matplotlib's SVG, figure boxes in the HTML."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from actbook.plotting import new_figure, savefig_svg, use_book_style  # noqa: E402
from actbook.sphinxext import figures  # noqa: E402


@pytest.fixture
def book_svg():
    """A two-panel book figure whose smallest text is a legend at 6 pt."""
    with mpl.rc_context():
        use_book_style()
        fig, (left, right) = new_figure(ncols=2)
        left.plot([0, 1], [0, 1], label="a line")
        left.legend(fontsize=6)
        right.set_title("title")
        right.text(0.5, 0.5, "$x^2$", fontsize=14, rotation=90)
        svg = savefig_svg(fig)
        plt.close(fig)
    return svg


def test_svg_text_sizes_reads_every_text_of_a_matplotlib_figure(book_svg):
    width, sizes = figures.svg_text_sizes(book_svg)
    assert width == pytest.approx(6 * 72, abs=12)  # 6 inches, tight bounding box
    assert min(sizes) == 6.0 and max(sizes) == 14.0  # legend, rotated math text
    assert sizes.count(12.0) == 1  # the title (axes.titlesize)
    assert sizes.count(10.0) >= 8  # tick labels of both panels


def test_min_width_makes_the_smallest_text_9_px(book_svg):
    width, sizes = figures.svg_text_sizes(book_svg)
    minimum = figures.min_width_px(book_svg)
    assert minimum == pytest.approx(width * 9 / 6, abs=1)
    assert minimum / width * min(sizes) >= 9.0  # rounding up never falls short
    assert figures.min_width_px(book_svg, min_text_px=12.0) == pytest.approx(width * 2, abs=1)


def test_svg_without_viewbox_is_an_error():
    with pytest.raises(ValueError, match="no viewBox"):
        figures.svg_text_sizes("<svg></svg>")


BODY = (
    '<p>text <img alt="inline" src="../_images/x.svg" /></p>\n'
    '<figure class="align-default" id="fig-a">\n'
    '<img alt="A curve &amp; a dot." src="../_images/a.svg" />\n'
    "<figcaption><p>Caption</p></figcaption>\n</figure>\n"
    '<figure class="align-default" id="fig-b">\n<img alt="Photo." src="../_images/b.png" />'
)


def test_wrap_figure_images_boxes_svg_figures_only():
    svg = '<svg viewBox="0 0 440 260"><g transform="translate(1 2) scale(0.0833 -0.0833)">'
    asked = []

    def svg_for(src):
        asked.append(src)
        return svg

    out = figures.wrap_figure_images(BODY, svg_for)
    assert asked == ["../_images/a.svg"]  # not the inline image, not the PNG
    assert (
        '<a class="actbook-figure" href="../_images/a.svg" title="Open the figure full size" '
        'style="--actbook-figure-min-width: 476px">'
        '<img alt="A curve &amp; a dot." src="../_images/a.svg" /></a>'
        '<p class="actbook-figure-hint">Scroll sideways to see the whole figure, '
        "or open it full size.</p>\n<figcaption>"
    ) in out
    assert out.count("actbook-figure-hint") == 1
    assert '<img alt="Photo." src="../_images/b.png" />' in out
    assert '<p>text <img alt="inline" src="../_images/x.svg" /></p>' in out


def test_wrap_figure_images_without_the_svg_sets_no_minimum_width():
    out = figures.wrap_figure_images(BODY, lambda src: None)
    assert (
        '<a class="actbook-figure" href="../_images/a.svg" title="Open the figure full size">'
        in out
    )
    assert "--actbook-figure-min-width" not in out
