"""The PDF link on every page leads to the book's PDF; printing a page opens its solutions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route

LANGUAGES = ["en", "zh-cn", "zh-tw", "it"]


@pytest.mark.parametrize("folder", LANGUAGES)
def test_the_pdf_link_leads_to_the_pdf(
    base_url: str, offline_page: tuple[Page, list[str]], folder: str
) -> None:
    page, remote = offline_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base_url}/{folder}/chapters/sigmoid-tanh.html")
    link = page.locator(".actbook-pdf-link a")
    assert link.count() == 1
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href == f"../_downloads/actbook-{folder}.pdf"
    response = page.request.get(f"{base_url}/{folder}/_downloads/actbook-{folder}.pdf")
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"
    assert remote == []


@pytest.mark.parametrize(("status", "shown"), [(404, False), (200, True)])
def test_the_pdf_link_is_hidden_where_make_pdf_has_not_run(
    browser: Browser, base_url: str, status: int, shown: bool
) -> None:
    """``make html`` alone writes no PDF: the link is hidden rather than lead to a 404."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    asked: list[str] = []

    def answer(route: Route) -> None:
        asked.append(route.request.method)
        route.fulfill(status=status, body=b"%PDF-1.7\n" if status == 200 else b"")

    context.route("**/_downloads/actbook-*.pdf", answer)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/it/chapters/dropout.html")
        page.wait_for_load_state("networkidle")
        link = page.locator(".actbook-pdf-link")
        assert link.is_visible() is shown
        assert asked == ["HEAD"]
        # A PDF found is remembered for the session; a missing one is asked about again.
        page.goto(f"{base_url}/it/chapters/relu-family.html")
        page.wait_for_load_state("networkidle")
        assert page.locator(".actbook-pdf-link").is_visible() is shown
        assert asked == (["HEAD"] if shown else ["HEAD", "HEAD"])
    finally:
        context.close()


def test_printing_opens_the_solutions_and_hides_the_interface(
    base_url: str, offline_page: tuple[Page, list[str]]
) -> None:
    page, remote = offline_page
    page.goto(f"{base_url}/en/chapters/sigmoid-tanh.html")
    closed = "document.querySelectorAll('details.sd-dropdown:not([open])').length"
    assert page.evaluate(closed) >= 5
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    assert not page.locator(".actbook-pdf-link").is_visible()
    assert not page.locator(".bd-sidebar-primary").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) >= 5
    assert remote == []


SOLUTION_CODE = 'section[id$="-exercises"] .cell.tag_hide-cell > details.hide'
FIGURE_CODE = ".cell.tag_hide-input > details.hide"


def test_printing_shows_the_code_of_the_solutions_only(
    base_url: str, offline_page: tuple[Page, list[str]]
) -> None:
    """The code of a code exercise's solution is printed; a figure's code is not."""
    page, remote = offline_page
    page.goto(f"{base_url}/en/chapters/sigmoid-tanh.html")
    assert page.locator(f"{SOLUTION_CODE}:not([open])").count() >= 1
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(f"{SOLUTION_CODE}:not([open])").count() == 0
    assert page.locator(f"{SOLUTION_CODE} pre").first.is_visible()
    assert not page.locator(f"{SOLUTION_CODE} > summary").first.is_visible()
    assert page.locator(f"{FIGURE_CODE}:not([open])").count() >= 1
    assert not page.locator(f"{FIGURE_CODE} pre").first.is_visible()
    assert remote == []


def test_print_has_no_shadows(base_url: str, offline_page: tuple[Page, list[str]]) -> None:
    """Shadows print as large raster soft masks: none in print."""
    page, remote = offline_page
    page.goto(f"{base_url}/en/chapters/sigmoid-tanh.html")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    shadowed = page.evaluate(
        """() => Array.from(document.querySelectorAll("*")).filter((node) => {
          const styles = [null, "::before", "::after"].map((p) => getComputedStyle(node, p));
          return styles.some((s) => s.boxShadow !== "none" || s.textShadow !== "none");
        }).length"""
    )
    assert shadowed == 0
    assert remote == []


def test_printed_links_do_not_lead_to_the_local_server(
    base_url: str, offline_page: tuple[Page, list[str]]
) -> None:
    """make_pdf's FIX_LINKS points the page's own files at the online site."""
    from make_pdf import FIX_LINKS

    page, remote = offline_page
    page.goto(f"{base_url}/en/chapters/sigmoid-tanh.html")
    figures = page.locator("a.actbook-figure")
    assert figures.count() >= 1
    page.evaluate(FIX_LINKS)
    local = page.evaluate(
        """() => Array.from(document.querySelectorAll("a[href]"))
          .filter((a) => !a.getAttribute("href").startsWith("#"))
          .filter((a) => a.href.startsWith(location.origin)).length"""
    )
    assert local == 0
    href = figures.first.get_attribute("href")
    assert href.startswith("https://actbook.github.io/actbook/_images/")  # one copy, all languages
    assert remote == []


def test_printed_figure_links_lead_to_the_shared_copy(
    base_url: str, offline_page: tuple[Page, list[str]]
) -> None:
    """In the singlehtml build figures sit beside the page; online, one copy serves all languages."""
    from make_pdf import FIX_LINKS

    page, _ = offline_page
    page.goto(f"{base_url}/en/index.html")
    page.evaluate(
        """() => ["_images/shared.svg", "_images/own.svg"].forEach((href) => {
          const a = document.createElement("a");
          a.setAttribute("href", href);
          a.className = "probe";
          document.body.append(a);
        })"""
    )
    page.evaluate(FIX_LINKS, ["_images/shared.svg"])
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a.probe'), (a) => a.href)")
    assert hrefs == [
        "https://actbook.github.io/actbook/_images/shared.svg",
        "https://actbook.github.io/actbook/en/_images/own.svg",
    ]
