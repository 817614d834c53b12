"""The downloads block of a chapter: under the title, inside the column, every link served."""

from __future__ import annotations

import pytest

CHAPTER = "chapters/neuron-model.html"


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("folder", ["en", "zh-cn"])
def test_downloads_block_fits_and_its_files_are_served(base_url, offline_page, folder, width):
    page, remote = offline_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/{folder}/{CHAPTER}")
    block = page.locator("nav.actbook-downloads")
    assert block.count() == 1
    box = block.bounding_box()
    title = page.locator("article h1").first.bounding_box()
    assert box is not None and title is not None
    assert box["y"] >= title["y"] + title["height"] - 1, "the block sits under the title"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    links = block.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert [h.rsplit(".", 1)[-1] for h in hrefs] == ["ipynb", "md", "whl"]
    for i in range(links.count()):
        link = links.nth(i).bounding_box()
        assert link is not None and link["x"] + link["width"] <= width, hrefs[i]
        assert link["height"] >= 16, f"{hrefs[i]}: tap target {link['height']} px high"
    statuses = page.evaluate(
        "async (hrefs) => Promise.all(hrefs.map("
        "  async (h) => (await fetch(new URL(h, location.href), {method: 'HEAD'})).status))",
        hrefs,
    )
    assert statuses == [200, 200, 200]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert remote == []
