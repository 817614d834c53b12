"""Every page of every language: no sideways scroll on a phone, no serious axe-core violation.

For each language, one browser context visits every HTML page of the built site (found
on disk, so a new page is checked without touching this file). On a 390 px wide screen,
once MathJax has typeset, the page must not be wider than the screen; at 1366 px,
axe-core (the copy bundled with ``axe-playwright-python``) must find no critical and no
serious violation. Nothing may be fetched from outside 127.0.0.1, and no file may be
missing. A summary (widest page at 390 px and axe totals by impact, per language, and
the time taken) is written per language to ``reports/site-audit-<folder>.json`` beside the
site folder: ``_build/reports/site-audit-en.json`` … for ``_build/html``.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
FOLDERS = {"en": "en-US", "zh-cn": "zh-CN", "zh-tw": "zh-TW", "it": "it-IT"}
SKIPPED_FOLDERS = {"_static", "_sources", "_images", "jupyter_execute"}
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING_IMPACTS = {"critical", "serious"}
SITE = Path(
    os.environ.get("ACTBOOK_SITE") or Path(__file__).resolve().parent.parent / "_build" / "html"
)
REPORTS = SITE.parent / "reports"  # site-audit-<folder>.json, one per language

# Resolves once MathJax has typeset the page (at once on a page without math) and the
# web fonts are in: only then are the formulas' widths final.
SETTLED = """async () => {
  const mathjax = document.querySelector('script[src*="mathjax"]');
  if (mathjax) {
    const start = Date.now();
    while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
      if (Date.now() - start > 20000) throw new Error('MathJax did not start');
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await MathJax.startup.promise;
  }
  await document.fonts.ready;
  return document.querySelectorAll('mjx-container').length;
}"""

# The page's width, and when it is wider than the screen, the elements that stick out
# furthest (those of them whose children do not stick out: the culprits, not their parents).
OVERFLOW = """() => {
  const limit = window.innerWidth;
  const name = el => {
    let text = el.tagName.toLowerCase();
    if (el.id) return text + '#' + el.id;
    const cls = [...el.classList].slice(0, 2).join('.');
    return cls ? text + '.' + cls : text;
  };
  const path = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(name(e));
      if (e.id) break;
    }
    return parts.join(' > ');
  };
  // Content inside a box that clips or scrolls cannot widen the page: that box is the culprit.
  const clipped = el => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== 'visible') return true;
    }
    return false;
  };
  const width = document.documentElement.scrollWidth;
  const culprits = [];
  if (width > limit) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= limit + 1 || clipped(el)) continue;
      const child = [...el.children].some(c => c.getBoundingClientRect().right > limit + 1);
      if (!child) culprits.push([Math.round(box.right), path(el)]);
    }
    culprits.sort((a, b) => b[0] - a[0]);
  }
  return {width, limit, culprits: culprits.slice(0, 5)};
}"""


# Two animation frames: the layout after a resize, and the page's own resize handlers, are done.
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def site_pages(folder: Path) -> list[str]:
    """Every reader-facing HTML page under ``folder``, as paths relative to it, sorted.

    The folders of assets, sources and executed notebooks are left out; the search page
    and the indexes are pages like the others.
    """
    pages = []
    for path in folder.rglob("*.html"):
        relative = path.relative_to(folder)
        if SKIPPED_FOLDERS & set(relative.parts[:-1]):
            continue
        pages.append(relative.as_posix())
    return sorted(pages)


def settle(page: Page) -> None:
    """Wait until MathJax has typeset ``page`` and its fonts are loaded."""
    page.evaluate(SETTLED)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on ``page`` and return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    # No preload: axe would fetch the stylesheets again itself and resolve their @import
    # rules against the page instead of the stylesheet (404s for "../basic.css"); it needs
    # them only for css-orientation-lock, and no stylesheet here locks the orientation.
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations'], preload: false})"
    )
    return results["violations"]


def describe(violation: dict[str, Any]) -> str:
    """One line per offending element: rule, impact, element and what is wrong."""
    lines = []
    for node in violation["nodes"][:5]:
        target = " ".join(str(part) for part in node["target"])
        lines.append(f"{violation['id']} ({violation['impact']}) at {target}: {violation['help']}")
    if len(violation["nodes"]) > 5:
        lines.append(f"{violation['id']}: and {len(violation['nodes']) - 5} more elements")
    return "\n    ".join(lines)


def axe_version() -> str:
    """The version of the bundled axe-core, from the banner of its script."""
    banner = AXE_SCRIPT[:200]
    marker = "axe v"
    return banner[banner.index(marker) + len(marker) :].split()[0] if marker in banner else "?"


@pytest.mark.parametrize(
    ("offline_page", "folder"),
    [(locale, folder) for folder, locale in FOLDERS.items()],
    indirect=["offline_page"],
    ids=list(FOLDERS),
)
def test_every_page_fits_a_phone_and_passes_axe(offline_page, folder, base_url):
    page, remote = offline_page
    root = SITE / folder
    if not (root / "index.html").is_file():
        pytest.skip(f"{folder} is not built in {SITE}")
    pages = site_pages(root)
    assert "index.html" in pages and any(p.startswith("chapters/") for p in pages), pages

    start = time.perf_counter()
    failures: list[str] = []
    widest = {"url": "", "px": 0}
    nodes: Counter[str] = Counter()
    violations: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    for name in pages:
        url = f"{folder}/{name}"
        page_start = time.perf_counter()
        seen = len(remote)
        page.set_viewport_size(PHONE)
        page.goto(f"{base_url}/{url}")
        settle(page)
        layout = page.evaluate(OVERFLOW)
        if layout["width"] > widest["px"]:
            widest = {"url": url, "px": layout["width"]}
        if layout["width"] > layout["limit"]:
            culprits = "; ".join(f"{path} (right edge {px} px)" for px, path in layout["culprits"])
            failures.append(
                f"{url}: {layout['width']} px wide on a {layout['limit']} px screen: {culprits}"
            )

        page.set_viewport_size(DESKTOP)
        page.evaluate(NEXT_FRAMES)
        for violation in run_axe(page):
            impact = violation["impact"] or "minor"
            nodes[impact] += len(violation["nodes"])
            violations[impact] += 1
            rules[f"{violation['id']} ({impact})"] += len(violation["nodes"])
            if impact in FAILING_IMPACTS:
                failures.append(f"{url}: axe {describe(violation)}")
        failures.extend(f"{url}: {request}" for request in remote[seen:])
        seconds[url] = round(time.perf_counter() - page_start, 1)

    summary = {
        "site": str(SITE),
        "folder": folder,
        "axe_core": axe_version(),
        "pages": len(pages),
        "seconds": round(time.perf_counter() - start, 1),
        "slowest_pages": dict(sorted(seconds.items(), key=lambda item: -item[1])[:5]),
        "widest_at_390": widest,
        "axe_nodes": {impact: nodes[impact] for impact in IMPACTS},
        "axe_violations": {impact: violations[impact] for impact in IMPACTS},
        "axe_rules": dict(sorted(rules.items())),
    }
    # One file per language: the languages may run in parallel test processes.
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"site-audit-{folder}.json"
    report.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert not failures, f"{len(failures)} problems in {folder}:\n  " + "\n  ".join(failures)
