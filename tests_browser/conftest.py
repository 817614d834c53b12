"""Fixtures for the browser tests: the built site served on 127.0.0.1, Debian's Chromium.

The site is ``_build/html`` unless ``ACTBOOK_SITE`` names another built site (a private
build). Every request that leaves 127.0.0.1 is aborted and recorded, and so is every
missing file and script error: the site must read the same offline.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("ACTBOOK_SITE") or ROOT / "_build" / "html")

# Debian's Chromium with the flags that keep it offline, and the quiet server on
# 127.0.0.1: the same as `make pdf` prints the book with.
sys.path.insert(0, str(ROOT / "tools"))
from make_pdf import CHROMIUM, FLAGS, serve  # noqa: E402


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run make html first")
    with serve(SITE) as url:
        yield url.rstrip("/")


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

    # A missing file (a MathJax component, a script) counts as a remote request that failed;
    # not the PDF link's own question (pdf-link.js), which a site without `make pdf` answers
    # 404 to: test_pdf.py checks that the PDFs are there.
    def missing(response) -> None:
        if response.status >= 400 and not is_pdf_probe(response.request):
            remote.append(f"{response.status} {response.url}")

    page.on("response", missing)
    page.on("pageerror", lambda error: remote.append(f"script error: {error}"))
    yield page, remote
    context.close()


PDF_PROBE = re.compile(r"/_downloads/actbook-[a-z-]+\.pdf$")


def is_pdf_probe(request) -> bool:
    """Whether ``request`` is pdf-link.js asking whether the book's PDF exists."""
    return request.method == "HEAD" and PDF_PROBE.search(request.url) is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the long every-page audits first, so that no worker ends with one alone."""
    items.sort(key=lambda item: "test_every_page" not in item.nodeid)
