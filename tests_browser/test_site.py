"""The built site as a reader meets it, in Debian's Chromium driven by Playwright.

Run by ``make browser-test`` after ``make html`` (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("offline_page", "folder"),
    [("en-US", "en"), ("zh-CN", "zh-cn"), ("zh-TW", "zh-tw"), ("it-IT", "it"), ("fr-FR", "en")],
    indirect=["offline_page"],
)
def test_root_page_sends_readers_to_their_language(offline_page, folder, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/index.html")
    page.wait_for_url(f"**/{folder}/index.html")
    assert remote == []


@pytest.mark.parametrize("folder", ["en", "zh-cn", "zh-tw", "it"])
def test_math_renders_offline(offline_page, folder, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/{folder}/chapters/vanishing-gradients.html")
    page.wait_for_selector("mjx-container", timeout=20_000)
    assert page.locator("mjx-container").count() > 50
    assert page.locator("img[alt]").count() >= 3
    assert remote == []


def test_language_switcher_keeps_the_page(offline_page, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/zh-cn/chapters/sigmoid-tanh.html")
    page.locator(".actbook-languages a[hreflang='it']").first.click()
    page.wait_for_url("**/it/chapters/sigmoid-tanh.html")
    assert page.locator("html").get_attribute("lang") == "it"
    assert remote == []


@pytest.mark.parametrize(
    ("folder", "word"), [("zh-cn", "梯度"), ("zh-tw", "梯度"), ("it", "gradiente")]
)
def test_search_finds_words_of_the_language(offline_page, folder, word, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/{folder}/search.html?q={word}")
    # Sphinx appends results one by one (5 ms apart); when the list is complete
    # it rewrites the heading, which removes the progress dots' <span>.
    page.wait_for_function(
        "(() => { const h = document.querySelector('#search-results h2');"
        " return h !== null && h.querySelector('span') === null; })()",
        timeout=20_000,
    )
    results = page.locator("#search-results li a")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("vanishing-gradients" in href for href in hrefs), hrefs
    assert remote == []
