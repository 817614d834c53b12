"""The PDF link on every page leads to the book's PDF; printing a page opens its solutions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
