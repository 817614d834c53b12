"""Cite this page, the footer's "built from", source and report links, in Chromium.

Run by ``make browser-test`` after ``make html`` (fixtures in ``conftest.py``); with
``ACTBOOK_SITE`` set, against that site and the languages built into it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

SITE = Path(
    os.environ.get("ACTBOOK_SITE") or Path(__file__).resolve().parent.parent / "_build" / "html"
)
FOLDERS = [f for f in ("en", "zh-cn", "zh-tw", "it") if (SITE / f / "index.html").is_file()]
# One page of every kind: the root, prose, an executed chapter, the generated ledger and
# sources pages, the API (autodoc), the bibliography.
KINDS = [
    "index",
    "preface",
    "chapters/sigmoid-tanh",
    "claims",
    "sources/index",
    "sources/s2",
    "api",
    "bibliography",
    "glossary",
]
REPOSITORY = "https://github.com/actbook/actbook"
# The authors' collective name, as each language's sphinx.po translates it.
AUTHORS = {
    "en": "The actbook authors",
    "zh-cn": "actbook 编写组",
    "zh-tw": "actbook 作者群",
    "it": "Gli autori di actbook",
}
CLAIM_ANCHOR = "claim-vanishing-sigmoid-bound-20"
CLAIM_ID = "vanishing.sigmoid_bound_20"

HEADING = """() => {
  const h1 = document.querySelector("article.bd-article h1").cloneNode(true);
  h1.querySelectorAll(".headerlink").forEach((a) => a.remove());
  return h1.textContent.trim();
}"""


def cite_texts(page) -> tuple[str, str]:
    return (
        page.locator("#actbook-cite-text").text_content(),
        page.locator("#actbook-cite-bibtex").text_content(),
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_kind_of_page_cites_itself(offline_page, folder, base_url):
    page, remote = offline_page
    for name in KINDS:
        page.goto(f"{base_url}/{folder}/{name}.html", wait_until="domcontentloaded")
        block = page.locator("details.actbook-cite")
        assert block.count() == 1, name
        assert block.get_attribute("open") is None, f"{name}: the block starts collapsed"
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == f"https://actbook.github.io/actbook/{folder}/{name}.html"
        text, bibtex = cite_texts(page)
        title = page.evaluate(HEADING)
        assert text.startswith(AUTHORS[folder]) and text.endswith(canonical), name
        assert title in text, (name, title, text)
        assert f"  url       = {{{canonical}}},\n" in bibtex, name
        kind = "@book{" if name == "index" else "@incollection{"
        assert bibtex.startswith(f"{kind}actbook:{folder}:{name.replace('/', ':')},\n"), name
        assert re.search(r"^  note      = \{.*\b[0-9a-f]{7}\b.*\},$", bibtex, re.M), bibtex
        source = page.locator("a.actbook-source-link").get_attribute("href")
        assert source == f"{REPOSITORY}/blob/main/book/{name}.md"
    assert remote == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_footer_names_the_version_and_links_the_commit(offline_page, folder, base_url):
    page, remote = offline_page
    for name in ("chapters/dropout", "search"):
        page.goto(f"{base_url}/{folder}/{name}.html")
        footer = page.locator("p.actbook-built-from")
        assert footer.count() == 1, name
        assert re.search(r"0\.1\.0\b.*\b[0-9a-f]{7}\b.*\d{4}-\d{2}-\d{2}", footer.inner_text())
        commit = footer.locator("a.actbook-commit")
        assert re.fullmatch(rf"{REPOSITORY}/commit/[0-9a-f]{{40}}", commit.get_attribute("href"))
        assert commit.get_attribute("href").split("/")[-1].startswith(commit.inner_text())
    assert remote == []


def test_copy_button_puts_the_bibtex_into_the_clipboard(offline_page, base_url):
    page, remote = offline_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(f"{base_url}/en/chapters/vanishing-gradients.html")
    page.locator("details.actbook-cite > summary").focus()
    page.keyboard.press("Enter")  # the keyboard opens the block…
    button = page.locator("button.actbook-copy[data-copy=actbook-cite-bibtex]")
    button.focus()
    page.keyboard.press("Enter")  # …and presses the button
    status = page.locator(".actbook-cite-status")
    status.filter(has_text="Copied").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    _, bibtex = cite_texts(page)
    assert page.evaluate("navigator.clipboard.readText()") == bibtex
    assert bibtex.startswith("@incollection{actbook:en:chapters:vanishing-gradients,")
    page.locator("button.actbook-copy[data-copy=actbook-cite-text]").click()
    page.wait_for_function(
        "async () => (await navigator.clipboard.readText()).startsWith('The actbook authors')"
    )
    assert remote == []


def test_without_the_clipboard_api_the_text_is_selected(offline_page, base_url):
    page, remote = offline_page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{base_url}/en/preface.html")
    page.locator("details.actbook-cite > summary").click()
    page.locator("button.actbook-copy[data-copy=actbook-cite-text]").click()
    status = page.locator(".actbook-cite-status")
    page.wait_for_function("document.querySelector('.actbook-cite-status').textContent !== ''")
    assert status.inner_text() in {"Copied", "Selected: press Ctrl+C or ⌘C to copy"}
    text, _ = cite_texts(page)
    assert page.evaluate("window.getSelection().toString()") == text
    assert remote == []


def test_a_claim_anchor_is_cited_as_the_claim(offline_page, base_url):
    page, remote = offline_page
    ledger = f"{base_url}/en/claims.html"
    page.goto(f"{ledger}#{CLAIM_ANCHOR}", wait_until="domcontentloaded")  # a long page
    page.wait_for_function(
        "document.getElementById('actbook-cite-text').textContent.includes('Claim ')"
    )
    stable = f"https://actbook.github.io/actbook/en/claims.html#{CLAIM_ANCHOR}"
    text, bibtex = cite_texts(page)
    assert text.startswith(f"The actbook authors. “Claim {CLAIM_ID}”. In: ")
    assert text.endswith(stable)
    assert bibtex.startswith("@incollection{actbook:en:claim:vanishing.sigmoid_bound_20,\n")
    assert "  title     = {{Claim vanishing.sigmoid\\_bound\\_20}},\n" in bibtex
    assert f"  url       = {{{stable}}},\n" in bibtex
    # following another claim's link updates the block; leaving the claims restores the page
    page.evaluate("location.hash = '#claim-vanishing-sigmoid-bound-3'")
    page.wait_for_function(
        "document.getElementById('actbook-cite-text').textContent.includes('sigmoid_bound_3')"
    )
    page.evaluate("location.hash = '#top'")
    page.wait_for_function(
        "document.getElementById('actbook-cite-text').textContent.includes('Claims ledger')"
    )
    text, bibtex = cite_texts(page)
    assert text.endswith("https://actbook.github.io/actbook/en/claims.html")
    assert bibtex.startswith("@incollection{actbook:en:claims,\n")
    assert remote == []


def test_report_link_names_the_page(offline_page, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/en/chapters/relu-family.html")
    href = page.locator("a.actbook-report-link").get_attribute("href")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    assert re.fullmatch(r"[A-Za-z0-9%._~&=-]+", parts.query), "the query is URL-encoded"
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"title", "body"}
    assert query["title"] == [f"Problem with the page: {page.evaluate(HEADING)}"]
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert f"Page: {canonical}" in query["body"][0].splitlines()
    assert remote == []


@pytest.mark.parametrize("width", [390, 1366])
def test_the_open_block_fits_the_screen(offline_page, width, base_url):
    page, remote = offline_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/en/sources/s5.html")  # the longest title of the book
    page.locator("details.actbook-cite > summary").click()
    for selector in ("#actbook-cite-text", "#actbook-cite-bibtex", "a.actbook-report-link"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    pre = page.locator("#actbook-cite-bibtex")
    assert pre.evaluate("e => e.scrollWidth <= e.clientWidth"), "the BibTeX wraps, never scrolls"
    assert remote == []
