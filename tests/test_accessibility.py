"""Markup repairs for assistive technology, and the claims computed in parallel processes."""

from __future__ import annotations

import os

import pytest
from bs4 import BeautifulSoup
from pydata_sphinx_theme.toctree import add_collapse_checkboxes

from actbook import claims
from actbook.claims._registry import Claim
from actbook.sphinxext import roles
from actbook.sphinxext.accessibility import bibliography_list_items, name_sidebar_toggles

# A sidebar as Sphinx's toctree writes it, before the theme adds its toggles.
TOCTREE = """
<p class="caption" role="heading"><span class="caption-text">Back matter</span></p>
<ul>
<li class="toctree-l1"><a class="reference internal" href="glossary.html">Glossary</a></li>
<li class="toctree-l1"><a class="reference internal" href="sources/index.html">The
 <em>sources</em>, checked</a>
<ul><li class="toctree-l2"><a class="reference internal" href="sources/s1.html">S1</a></li></ul>
</li>
</ul>
"""


def themed_sidebar() -> BeautifulSoup:
    """The sidebar after pydata-sphinx-theme turned nested entries into <details>."""
    soup = BeautifulSoup(TOCTREE, "html.parser")
    add_collapse_checkboxes(soup)
    return soup


def test_the_theme_still_writes_unnamed_toggles():
    # The repair exists because of this markup; if the theme names its toggles, drop it.
    summaries = themed_sidebar().select("li.has-children > details > summary")
    assert len(summaries) == 1
    assert not summaries[0].get_text(strip=True) and "aria-label" not in summaries[0].attrs


def test_every_sidebar_toggle_is_named_after_its_entry():
    soup = name_sidebar_toggles(themed_sidebar())
    (summary,) = soup.select("summary")
    assert summary["aria-label"] == "Sections of The sources, checked"
    # Entries without children get no toggle, so nothing else changed.
    assert soup.select_one('a[href="glossary.html"]').parent.find("details") is None


def test_a_named_summary_is_left_alone():
    soup = BeautifulSoup(
        '<ul><li class="has-children"><a href="a.html">A</a><details>'
        '<summary aria-label="Mine"></summary></details></li>'
        '<li class="has-children"><a href="b.html">B</a><details>'
        "<summary><p>Caption</p></summary></details></li></ul>",
        "html.parser",
    )
    first, second = name_sidebar_toggles(soup).select("summary")
    assert first["aria-label"] == "Mine"
    assert "aria-label" not in second.attrs


def test_bibliography_entries_are_list_items():
    html = (
        '<div role="list" class="citation-list">'
        '<div class="citation" id="a" role="doc-biblioentry"><p>A.</p></div>'
        '<div class="citation" id="b" role="doc-biblioentry"><p>B.</p></div></div>'
    )
    soup = BeautifulSoup(bibliography_list_items(html), "html.parser")
    roles_of_children = [child["role"] for child in soup.select_one('[role="list"]').children]
    assert roles_of_children == ["listitem", "listitem"]


# ------------------------------------------------------------- claims in parallel


def _pid_claim(claim_id: str) -> Claim:
    return Claim(
        id=claim_id,
        compute=lambda: float(os.getpid()),
        fmt=lambda v: f"{v:.0f}",
        statement="The process that computed it.",
        method="os.getpid().",
        volatile=True,
    )


@pytest.fixture
def two_modules(monkeypatch):
    fake = {cid: _pid_claim(cid) for cid in ("alpha.one", "alpha.two", "beta.one")}
    monkeypatch.setattr(claims, "REGISTRY", fake)
    return fake


def test_claims_are_grouped_by_module_largest_first():
    groups = roles.claim_groups(["b.x", "a.y", "a.z", "c.w", "b.v", "b.u"])
    assert groups == [["b.u", "b.v", "b.x"], ["a.y", "a.z"], ["c.w"]]


def test_one_process_computes_every_claim_here(two_modules):
    values = roles.compute_claim_values(1)
    assert list(values) == ["alpha.one", "alpha.two", "beta.one"]
    assert {entry["value"] for entry in values.values()} == {float(os.getpid())}


def test_several_processes_compute_each_module_in_one_child(two_modules):
    values = roles.compute_claim_values(2)
    assert list(values) == ["alpha.one", "alpha.two", "beta.one"]
    pids = {claim_id: entry["value"] for claim_id, entry in values.items()}
    assert float(os.getpid()) not in pids.values()
    assert pids["alpha.one"] == pids["alpha.two"]
    assert values["beta.one"]["text"] == f"{pids['beta.one']:.0f}"


@pytest.mark.parametrize("processes", [0, -1, 1.5, True, "2"])
def test_processes_must_be_a_positive_integer(processes):
    with pytest.raises(ValueError, match="processes must be a positive integer"):
        roles.compute_claim_values(processes)
