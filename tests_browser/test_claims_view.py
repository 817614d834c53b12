"""Claim values and the claims ledger as a reader sees them (Chromium, 1366 px and 390 px)."""

from __future__ import annotations

import pytest

from actbook import claims

CHAPTER = "en/chapters/vanishing-gradients.html"
LEDGER = "en/claims.html"

CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const style = getComputedStyle(el);
  const [a, b] = [lum(style.color), lum(style.backgroundColor)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.fixture
def page_at(offline_page, base_url):
    page, remote = offline_page

    def go(path: str, width: int = 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base_url}/{path}")
        return page

    yield go
    assert remote == []


def test_claim_values_read_in_the_text_colour(page_at):
    page = page_at(CHAPTER)
    colours = page.eval_on_selector_all(
        "article p span.claim > a",
        """links => links.map(a => [getComputedStyle(a).color,
                                     getComputedStyle(a.closest('p')).color,
                                     getComputedStyle(a).textDecorationStyle,
                                     a.getAttribute('title') || ''])""",
    )
    assert len(colours) > 50
    for link, paragraph, decoration, title in colours:
        assert link == paragraph
        assert decoration == "dotted"
        assert len(title) > 10  # the claim's statement


def test_focus_shows_the_statement(page_at):
    page = page_at(CHAPTER)
    link = page.locator("article p span.claim > a").first
    title = link.get_attribute("title")
    page.keyboard.press("Tab")  # keyboard interaction, so that focus is visible
    link.focus()
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert shown == f'"{title}"'
    assert link.evaluate("a => getComputedStyle(a).textDecorationStyle") == "solid"


def test_no_line_break_inside_a_value_on_a_phone(page_at):
    page = page_at(CHAPTER, 390)
    broken = page.eval_on_selector_all(
        "span.claim",
        "spans => spans.filter(s => s.getClientRects().length > 1"
        " || s.querySelector('a').getClientRects().length > 1).map(s => s.textContent)",
    )
    assert broken == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the vanishing chapter shows values in powers of ten: one line each
    assert page.locator("span.claim", has_text="× 10").count() > 5


def test_ledger_is_compact(page_at):
    page = page_at(LEDGER)
    height = page.evaluate("document.querySelector('article.bd-article').scrollHeight")
    rows = page.locator("table.claims-ledger tbody tr").count()
    assert rows == len(claims.REGISTRY)
    assert height / rows <= 70, f"{height / rows:.0f} px per claim"


def test_ledger_does_not_scroll_sideways_on_a_phone(page_at):
    page = page_at(LEDGER, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_ledger_anchor_lands_on_its_row(page_at):
    page = page_at(f"{LEDGER}#claim-vanishing-sigmoid-bound-20")
    page.wait_for_timeout(500)
    row = page.locator("#claim-vanishing-sigmoid-bound-20")
    assert row.evaluate("el => el.tagName") == "TR"
    assert "vanishing.sigmoid_bound_20" in row.inner_text()
    top = row.evaluate("el => el.getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
    assert header <= top < 900 / 2
    # the row is marked as the target
    background = row.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_ledger_verdict_badges_are_legible(page_at):
    page = page_at(LEDGER)
    ratios = page.eval_on_selector_all(
        "table.claims-ledger .sd-badge:not([class*='outline'])",
        f"badges => badges.map({CONTRAST})",
    )
    assert len(ratios) > 100
    assert min(ratios) >= 4.5
