"""Fixtures for the browser tests: the built site served on 127.0.0.1, Debian's Chromium.

The site is ``_build/html`` unless ``ACTBOOK_SITE`` names another built site (a private
build). Every request that leaves 127.0.0.1 is aborted and recorded, and so is every
missing file and script error: the site must read the same offline.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

SITE = Path(
    os.environ.get("ACTBOOK_SITE") or Path(__file__).resolve().parent.parent / "_build" / "html"
)
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
