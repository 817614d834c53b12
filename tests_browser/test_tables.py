"""The book's tables of results read in every language (Chromium, 1366 px and 390 px).

A table that is wider than the text column scrolls inside its own box, so it never widens
the page; but a reader on a desktop should not have to scroll a table sideways, and on a
phone a header must not be squeezed to a character per line (Chinese breaks between any
two characters, so a narrow column keeps shrinking until it holds one).
"""

from __future__ import annotations

import pytest
from test_every_page import SETTLED
from test_figures import chapters

FOLDERS = ("en", "zh-cn", "zh-tw", "it")
# A header holds at least this many characters a line on average (or all of its text).
MIN_PER_LINE = 3
# The plain tables of the text: the ledger and the source register have layouts of their own.
TABLES_JS = """() => [...document.querySelectorAll('article table.table')]
  .filter(t => !t.matches('.claims-ledger, .claims-legend, .source-register, .source-counts'))
  .map((t, i) => {
    const box = t.parentElement;
    // Characters per line of each header (its text over its rendered lines).
    const perLine = [...t.querySelectorAll('th')].map(th => {
      const range = document.createRange();
      range.selectNodeContents(th);
      // Rects of one line differ by less than half a font size (fallback fonts, inline tags).
      const half = parseFloat(getComputedStyle(th).fontSize) / 2;
      const tops = [...range.getClientRects()].map(r => r.top).sort((a, b) => a - b);
      const lines = tops.filter((top, k) => k === 0 || top - tops[k - 1] > half).length;
      const text = th.textContent.trim();
      return {text, lines, perLine: text.length / Math.max(lines, 1)};
    });
    return {index: i, width: t.getBoundingClientRect().width, room: box.clientWidth, perLine};
  })"""


def tables(browser, base_url: str, folder: str, width: int) -> list[dict]:
    """Every plain table of every chapter and the notation page of ``folder``."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    rows = []
    try:
        for name in ["../notation.html", *chapters(folder)]:
            page.goto(f"{base_url}/{folder}/chapters/{name}")
            page.wait_for_load_state("load")
            # Formulas in cells take their width once MathJax has typeset them.
            page.evaluate(SETTLED)
            rows += [{**row, "page": name} for row in page.evaluate(TABLES_JS)]
    finally:
        context.close()
    assert len(rows) >= 10, f"only {len(rows)} tables found in {folder}: is the site built?"
    return rows


@pytest.mark.parametrize("folder", FOLDERS)
def test_on_a_desktop_every_table_fits_the_column(browser, base_url, folder):
    rows = tables(browser, base_url, folder, 1366)
    wide = [
        (r["page"], r["index"], round(r["width"]), r["room"])
        for r in rows
        if r["width"] > r["room"] + 1
    ]
    assert wide == [], f"tables wider than the text column (page, table, px, room): {wide}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_on_a_phone_no_header_is_squeezed(browser, base_url, folder):
    rows = tables(browser, base_url, folder, 390)
    squeezed = [
        (r["page"], h["text"], h["lines"])
        for r in rows
        for h in r["perLine"]
        if h["perLine"] < min(MIN_PER_LINE, len(h["text"]))
    ]
    assert squeezed == [], (
        f"headers squeezed to a few characters a line (page, text, lines): {squeezed}"
    )
