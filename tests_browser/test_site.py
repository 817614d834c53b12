"""The built site as a reader meets it, in Debian's Chromium driven by Playwright.

Run by ``make browser-test`` after ``make html``. Every request that leaves
127.0.0.1 is aborted and recorded, and so is every missing file and script
error: the site must read the same offline.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run make html first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(
    browser: Browser, request: pytest.FixtureRequest
) -> Iterator[tuple[Page, list[str]]]:
    locale = getattr(request, "param", "en-US")
    context = browser.new_context(locale=locale)
    remote: list[str] = []

    def guard(route, req) -> None:
        if urlparse(req.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            remote.append(req.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    # A missing file (a MathJax component, a script) counts as a remote request that failed.
    page.on("response", lambda r: remote.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda error: remote.append(f"script error: {error}"))
    yield page, remote
    context.close()


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
