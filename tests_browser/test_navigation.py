"""Finding one's way: the language switcher, the root page's language chooser and search.

Run against a built site like the other browser tests (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

LANGUAGES = ["en", "zh-cn", "zh-tw", "it"]
HTML_LANG = {"en": "en", "zh-cn": "zh-CN", "zh-tw": "zh-TW", "it": "it"}
WIDTHS = [1366, 390]
CHAPTER = "chapters/sigmoid-tanh.html"
SECTION = "sec-sigmoid-tanh-derivatives"
TEX_COMMAND = re.compile(r"\\[A-Za-z()\[\]]")

# For each switcher link: the element at its centre and just inside its top edge.
HITS_JS = """() => [...document.querySelectorAll('.actbook-languages a')].map(link => {
  const r = link.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const hit = y => { const e = document.elementFromPoint(x, y); return e !== null && link.contains(e); };
  return {label: link.textContent, centre: hit(r.top + r.height / 2), top: hit(r.top + 1),
          height: r.height};
})"""

# The focused element's outline as a rectangle, and whether every corner of it lies in the
# sticky article header (which paints over the page) and in the viewport.
RING_JS = """() => {
  const link = document.activeElement;
  const style = getComputedStyle(link);
  const grow = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const r = link.getBoundingClientRect();
  const ring = {left: r.left - grow, top: r.top - grow, right: r.right + grow, bottom: r.bottom + grow};
  const header = document.querySelector('.bd-header-article');
  const corners = [[ring.left + 0.5, ring.top + 0.5], [ring.right - 0.5, ring.top + 0.5],
                   [ring.left + 0.5, ring.bottom - 0.5], [ring.right - 0.5, ring.bottom - 0.5]];
  return {
    label: link.textContent,
    visible: link.matches(':focus-visible') && style.outlineStyle !== 'none' && grow >= 2,
    inViewport: ring.left >= 0 && ring.top >= 0 && ring.right <= innerWidth && ring.bottom <= innerHeight,
    cornersInHeader: corners.every(([x, y]) => {
      const e = document.elementFromPoint(x, y); return e !== null && header.contains(e); }),
  };
}"""

# Vertical centre of each visible control of the article header.
ROW_JS = """() => {
  const visible = e => e !== null && e.offsetParent !== null && e.getBoundingClientRect().width > 0;
  const centre = e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; };
  const controls = [...document.querySelectorAll(
    '.bd-header-article .primary-toggle, .bd-header-article .theme-switch-button,'
    + ' .bd-header-article .search-button, .bd-header-article .secondary-toggle,'
    + ' .actbook-languages a')].filter(visible);
  const header = document.querySelector('.bd-header-article').getBoundingClientRect();
  const toggle = document.querySelector('.bd-header-article .theme-switch-button');
  return {centres: controls.map(centre), toggle: visible(toggle) ? centre(toggle) : null,
          header: [header.top, header.bottom]};
}"""

FINISHED_JS = (
    "(() => { const h = document.querySelector('#search-results h2');"
    " return h !== null && h.querySelector('span') === null; })()"
)


def open_chapter(page: Page, base_url: str, folder: str, width: int, hash_: str = "") -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/{folder}/{CHAPTER}{hash_}")
    page.wait_for_selector(".actbook-languages a")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("folder", LANGUAGES)
def test_switcher_is_clear_of_the_page_header(offline_page, base_url, folder, width):
    page, remote = offline_page
    open_chapter(page, base_url, folder, width)
    # The switcher and the buttons (colour mode, search, contents) share one row.
    row = page.evaluate(ROW_JS)
    top, bottom = row["header"]
    assert row["toggle"] is not None
    assert len(row["centres"]) >= 5 and max(row["centres"]) - min(row["centres"]) <= 4, row
    assert all(top < centre < bottom for centre in row["centres"]), row
    # Nothing covers a link, at the top of the page or with the sticky header further down.
    for scroll in (0, 3000):
        page.evaluate(f"window.scrollTo(0, {scroll})")
        page.wait_for_timeout(100)
        hits = page.evaluate(HITS_JS)
        assert len(hits) == 3, hits
        for hit in hits:
            assert hit["centre"] and hit["top"], (scroll, hit)
            assert hit["height"] >= 24, hit  # a comfortable tap target
    # Keyboard focus: the switcher follows the sidebar toggle; Tab gives :focus-visible.
    page.locator(".bd-header-article .primary-toggle").focus()
    labels = []
    for _ in range(3):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING_JS)
        assert ring["visible"] and ring["inViewport"] and ring["cornersInHeader"], ring
        labels.append(ring["label"])
    current = page.locator(".actbook-current").inner_text()
    assert current not in labels and len(set(labels)) == 3
    assert remote == []


@pytest.mark.parametrize(("source", "target"), [("en", "zh-cn"), ("zh-tw", "it")])
def test_switching_language_keeps_the_anchor(offline_page, base_url, source, target):
    page, remote = offline_page
    open_chapter(page, base_url, source, 1366, f"#{SECTION}")
    page.locator(f".actbook-languages a[data-actbook-folder='{target}']").click()
    page.wait_for_url(f"**/{target}/{CHAPTER}#{SECTION}")
    assert page.locator("html").get_attribute("lang") == HTML_LANG[target]
    # The section is where the reader was: at the top of the window, below the header.
    top = page.evaluate(f"document.getElementById('{SECTION}').getBoundingClientRect().top")
    assert 0 <= top < 150, top
    assert remote == []


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def test_a_reader_who_scrolled_lands_in_the_same_section(offline_page, base_url):
    page, remote = offline_page
    open_chapter(page, base_url, "en", 1366)
    page.evaluate("async () => { await MathJax.startup.promise; await document.fonts.ready; }")
    # Scrolled there, not linked: the address has no #anchor.
    page.evaluate(
        f"window.scrollTo(0, document.getElementById('{SECTION}').getBoundingClientRect().top"
        " + window.scrollY - 40)"
    )
    page.evaluate(NEXT_FRAME)
    assert page.evaluate("location.hash") == ""
    # Clicked in place: Playwright's click() first scrolls a sticky element "into view",
    # which moves the page back to the header's place in the flow.
    page.locator(".actbook-languages a[data-actbook-folder='it']").evaluate("a => a.click()")
    page.wait_for_url(f"**/it/{CHAPTER}#{SECTION}")
    assert remote == []


def test_switcher_follows_the_hash_as_the_reader_moves(offline_page, base_url):
    page, remote = offline_page
    open_chapter(page, base_url, "it", 1366)
    link = page.locator(".actbook-languages a[data-actbook-folder='en']")
    assert link.get_attribute("href") == f"../../en/{CHAPTER}"
    page.locator(".bd-toc a[href='#sec-sigmoid-tanh-cost']").first.click()
    page.wait_for_function("location.hash === '#sec-sigmoid-tanh-cost'")
    assert link.get_attribute("href") == f"../../en/{CHAPTER}#sec-sigmoid-tanh-cost"
    page.evaluate("location.hash = ''")
    page.wait_for_function(
        "!document.querySelector(\".actbook-languages a[data-actbook-folder='en']\")"
        ".getAttribute('href').includes('#')"
    )
    assert remote == []


def test_switcher_carries_a_search_to_the_other_language(offline_page, base_url):
    page, remote = offline_page
    page.goto(f"{base_url}/en/search.html?q=sigmoid")
    page.wait_for_function(FINISHED_JS, timeout=20_000)
    link = page.locator(".actbook-languages a[data-actbook-folder='it']")
    assert link.get_attribute("href") == "../it/search.html?q=sigmoid"
    assert remote == []


def test_switcher_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/en/{CHAPTER}#{SECTION}")
    page.locator(".actbook-languages a[hreflang='it']").first.click()
    page.wait_for_url(f"**/it/{CHAPTER}")
    assert page.locator("nav.actbook-languages").get_attribute("aria-label")
    context.close()


@pytest.mark.parametrize("folder", LANGUAGES)
def test_switcher_is_named_in_the_page_language(offline_page, base_url, folder):
    # The name comes from the sphinx.po catalogs (msgid "Languages").
    page, remote = offline_page
    open_chapter(page, base_url, folder, 1366)
    label = page.locator("nav.actbook-languages").get_attribute("aria-label")
    assert (label == "Languages") == (folder == "en"), label
    assert remote == []


def test_stored_choice_wins_over_the_browser_language(offline_page, base_url):
    page, remote = offline_page  # an en-US browser
    # A choice made in a page's switcher ...
    open_chapter(page, base_url, "en", 1366)
    page.locator(".actbook-languages a[data-actbook-folder='zh-tw']").click()
    page.wait_for_url(f"**/zh-tw/{CHAPTER}")
    page.goto(f"{base_url}/index.html")
    page.wait_for_url("**/zh-tw/index.html")
    # ... and one made on the root page, which shows its chooser at #choose.
    page.goto(f"{base_url}/index.html#choose")
    page.locator("a[data-actbook-folder='it']").click()
    page.wait_for_url("**/it/index.html")
    page.goto(f"{base_url}/index.html")
    page.wait_for_url("**/it/index.html")
    # A stored value that names no language is ignored.
    page.evaluate("localStorage.setItem('actbook-language', 'fr')")
    page.goto(f"{base_url}/index.html")
    page.wait_for_url("**/en/index.html")
    assert remote == []


@pytest.mark.parametrize("width", WIDTHS)
def test_root_page_chooser_without_javascript(browser, base_url, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{base_url}/index.html")
    links = page.locator("main a")
    assert links.count() == 4
    expected = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文", "it": "Italiano"}
    for i in range(4):
        link = links.nth(i)
        lang = link.get_attribute("lang")
        assert link.locator(".name").inner_text() == expected[lang]
        box = link.bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 200, box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("a[lang='zh-Hant']").click()
    page.wait_for_url("**/zh-tw/index.html")
    context.close()


def search(page: Page, base_url: str, folder: str, query: str) -> list[dict]:
    """Run a search and return each result's kind, link and snippet once all are shown."""
    page.goto(f"{base_url}/{folder}/search.html?q={query}")
    page.wait_for_function(FINISHED_JS, timeout=20_000)
    page.wait_for_load_state("networkidle")  # the snippets are fetched page by page
    page.wait_for_function(
        "[...document.querySelectorAll('#search-results li')].every("
        "li => li.querySelector('p.context') !== null || li.className !== 'kind-text')"
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('#search-results li')].map(li => ({
             kind: li.className, href: li.querySelector('a').getAttribute('href'),
             snippet: (li.querySelector('p.context') || {textContent: ''}).textContent}))"""
    )


@pytest.mark.parametrize(
    ("folder", "query", "first"),
    [("en", "sigmoid", "chapters/sigmoid-tanh.html"), ("zh-cn", "梯度", "chapters/")],
)
def test_search_lists_chapters_first_with_clean_snippets(
    offline_page, base_url, folder, query, first
):
    page, remote = offline_page
    results = search(page, base_url, folder, query)
    hrefs = [r["href"] for r in results]
    assert hrefs[0].startswith(first), hrefs
    chapters = [i for i, h in enumerate(hrefs) if h.startswith("chapters/")]
    members = [i for i, r in enumerate(results) if r["kind"] == "kind-object"]
    assert chapters and max(chapters) < min(members, default=len(results)), hrefs
    snippets = [r["snippet"] for r in results if r["snippet"]]
    assert len(snippets) >= 5
    for snippet in snippets:
        assert not TEX_COMMAND.search(snippet), snippet
        for interface in ("Show code cell", "Hide code cell", "System Settings"):
            assert interface not in snippet, snippet
    assert remote == []


def test_search_for_an_identifier_lists_the_api_member_first(offline_page, base_url):
    page, remote = offline_page
    results = search(page, base_url, "en", "sigmoid_derivative")
    assert results[0]["href"] == "api.html#actbook.activations.sigmoid_derivative", results[:3]
    assert remote == []


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"\(\sigma(x) = \frac{1}{1 + e^{-x}}\)", "σ(x) = 1/(1 + e⁻ˣ)"),
        (r"\(a_\ell = f(z_\ell)\)", "a_ℓ = f(z_ℓ)"),
        (r"\(10^{-9}\)", "10⁻⁹"),
        (r"\[\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)\]", "σ'(x) = σ(x) (1 − σ(x))"),
        (r"\(\xrightarrow{x}\)", "…"),
    ],
)
def test_search_writes_simple_formulas_as_text(offline_page, base_url, tex, text):
    page, remote = offline_page
    page.goto(f"{base_url}/en/search.html")
    assert page.evaluate("tex => actbookSearch.texToText(tex)", tex) == text
    assert remote == []


# Every drawn frame's scroll position of the primary sidebar, from the first one that has it.
SIDEBAR_FRAMES = """
window.actbookSidebarTops = [];
(function frame() {
  const sidebar = document.querySelector("div.bd-sidebar");
  if (sidebar) window.actbookSidebarTops.push(Math.round(sidebar.scrollTop));
  requestAnimationFrame(frame);
})();
"""


@pytest.mark.parametrize("path", ["en/chapters/dropout.html", "it/claims.html"])
def test_the_sidebar_does_not_move_after_the_page_appears(browser, base_url, path):
    """The theme scrolls the sidebar from its last deferred script, after MathJax: the
    reader saw it jump seconds after the page appeared (navigation.js places it first)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(SIDEBAR_FRAMES)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        tops = page.evaluate("window.actbookSidebarTops")
        active = page.locator(".bd-docs-nav .current > a").last
        assert active.is_visible() and active.bounding_box()["y"] < 900
    finally:
        context.close()
    assert len(tops) > 5 and len(set(tops)) == 1, f"the sidebar moved: {sorted(set(tops))}"
