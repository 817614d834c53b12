"""Figures read on every screen: measured in Chromium on a phone and on a desktop.

A figure's SVG (matplotlib, glyphs as paths) gives its width in points (``viewBox``) and
the font size of every text; the rendered size of its smallest text is the image's
rendered width / viewBox width x that font size, in CSS pixels.
"""

from __future__ import annotations

import os
import re
import urllib.request
from pathlib import Path

import pytest

SITE = Path(
    os.environ.get("ACTBOOK_SITE") or Path(__file__).resolve().parent.parent / "_build" / "html"
)
PHONE, DESKTOP = 390, 1366
MIN_TEXT_PX = 9.0  # actbook.sphinxext.figures.MIN_TEXT_PX
TEXT_GROUP = re.compile(
    r'<g (?:style="[^"]*" )?transform="translate\([^)]*\)(?: rotate\([^)]*\))? '
    r'scale\(([0-9.]+) -[0-9.]+\)"'
)

FIGURES_JS = """() => [...document.querySelectorAll('article figure')]
  .filter(f => f.querySelector('img[src$=".svg"]'))
  .map(f => {
    const img = f.querySelector('img'), box = img.parentElement;
    const hint = f.querySelector('.actbook-figure-hint');
    return {
      id: f.id, src: img.src, img: img.getBoundingClientRect().width,
      column: f.parentElement.clientWidth, boxClass: box.className, href: box.href || '',
      boxRight: box.getBoundingClientRect().right, boxWidth: box.clientWidth,
      scrollWidth: box.scrollWidth,
      hint: hint !== null && getComputedStyle(hint).display !== 'none',
    };
  })"""


def chapters(folder: str = "en") -> list[str]:
    return sorted(path.name for path in (SITE / folder / "chapters").glob("*.html"))


def smallest_text(svg: str) -> tuple[float, float]:
    """Width of the SVG's viewBox and its smallest font size, both in points."""
    width = float(re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ', svg).group(1))
    return width, min(float(scale) * 100 for scale in TEXT_GROUP.findall(svg))


def measure(browser, base_url: str, folder: str, width: int) -> list[dict]:
    """Every SVG figure of every chapter of ``folder`` at a viewport ``width`` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    rows, svgs = [], {}
    try:
        for chapter in chapters(folder):
            page.goto(f"{base_url}/{folder}/chapters/{chapter}")
            page.wait_for_load_state("load")
            page_width = page.evaluate("document.documentElement.scrollWidth")
            for figure in page.evaluate(FIGURES_JS):
                if figure["src"] not in svgs:
                    with urllib.request.urlopen(figure["src"]) as response:  # noqa: S310 - 127.0.0.1
                        svgs[figure["src"]] = smallest_text(response.read().decode())
                view_width, points = svgs[figure["src"]]
                text_px = figure["img"] / view_width * points
                rows.append({**figure, "chapter": chapter, "text_px": text_px, "page": page_width})
    finally:
        context.close()
    assert len(rows) >= 30, f"only {len(rows)} figures found: is the site built?"
    return rows


@pytest.mark.parametrize("folder", ["en", "zh-cn"])
def test_on_a_phone_every_figure_text_is_9_px_and_the_page_does_not_widen(
    browser, base_url, folder
):
    rows = measure(browser, base_url, folder, PHONE)
    small = [(r["id"], round(r["text_px"], 2)) for r in rows if r["text_px"] < MIN_TEXT_PX - 0.01]
    assert not small, f"figure text below {MIN_TEXT_PX} px at {PHONE} px: {small}"
    wide = [(r["id"], r["boxRight"]) for r in rows if r["boxRight"] > PHONE + 0.5]
    assert not wide, f"figure boxes past the right edge of a {PHONE} px screen: {wide}"
    assert all("actbook-figure" in r["boxClass"].split() for r in rows)
    # a figure wider than its box scrolls inside it, and says so
    scrolling = [r for r in rows if r["scrollWidth"] > r["boxWidth"] + 1]
    assert len(scrolling) >= 30
    assert all(r["hint"] for r in scrolling), [r["id"] for r in scrolling if not r["hint"]]
    assert not any(r["hint"] for r in rows if r not in scrolling)


@pytest.mark.parametrize("folder", ["en", "it"])
def test_on_a_desktop_figures_span_the_column(browser, base_url, folder):
    rows = measure(browser, base_url, folder, DESKTOP)
    narrow = [(r["id"], r["img"], r["column"]) for r in rows if r["img"] < r["column"] - 2]
    assert not narrow, f"figures narrower than the text column at {DESKTOP} px: {narrow}"
    assert min(r["column"] for r in rows) > 700  # the column itself is a desktop's
    assert not any(r["hint"] for r in rows)  # nothing scrolls on a desktop
    assert min(r["text_px"] for r in rows) >= 14  # and the text is about body size


def test_a_figure_opens_full_size(offline_page, base_url):
    page, remote = offline_page
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"{base_url}/en/chapters/relu-family.html")
    box = page.locator("#fig-relu-family-relu a.actbook-figure")
    href = box.get_attribute("href") or ""
    assert href.endswith(".svg") and href == box.locator("img").get_attribute("src")
    # on a phone the box scrolls sideways; its right edge fades while there is more to see
    assert "actbook-figure-more" in (box.get_attribute("class") or "").split()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    assert box.evaluate("b => b.scrollLeft") > 0
    page.wait_for_function(
        "() => !document.querySelector('#fig-relu-family-relu a.actbook-figure')"
        ".classList.contains('actbook-figure-more')"
    )
    with page.expect_navigation():
        box.click()
    assert page.url.endswith(".svg")
    assert remote == []
