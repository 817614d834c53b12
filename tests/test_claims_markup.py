"""Claim values in the text and the claims ledger's table, built in small in-process projects."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from actbook import claims, sources
from actbook.claims._registry import Claim
from actbook.sources import _register
from actbook.sphinxext import ledger, roles

STATIC = Path(roles.__file__).parent / "static"


def _claim(claim_id: str, value: float, **kw) -> Claim:
    return Claim(
        id=claim_id,
        compute=lambda: value,
        fmt=kw.pop("fmt", lambda v: f"{v:.3f}"),
        statement=kw.pop("statement", "A statement."),
        method="A method.",
        **kw,
    )


@pytest.fixture
def registry(monkeypatch, s5_wrong_statement):
    fake = {
        "demo.quarter": _claim(
            "demo.quarter",
            0.25,
            statement="The quarter, below $1/k$ for $k =$ {claim}`demo.tiny`.",
            papers=("glorot2010understanding",),
        ),
        "demo.tiny": _claim("demo.tiny", 2.06e-9, fmt=lambda v: "2.06 × 10⁻⁹"),
        "demo.unused": _claim("demo.unused", 1.0, volatile=True, statement="Never in a page."),
    }
    register = {s5_wrong_statement.id: s5_wrong_statement}
    monkeypatch.setattr(claims, "REGISTRY", fake)
    monkeypatch.setattr(claims, "CHAPTER_LABELS", {"demo": "ch-demo"})
    monkeypatch.setattr(_register, "REGISTER", register)
    monkeypatch.setattr(sources, "REGISTER", register)
    return fake


INDEX = """# Home

```{toctree}
demo
other
claims
sources/s5
```

The tiny number {claim}`demo.tiny`; the ledger row of {ref}`the quarter <claim-demo.quarter>`.
"""

DEMO = """(ch-demo)=
# Demo

Intro with {claim}`demo.tiny`.

(sec-demo-a)=
## Part A

A quarter is {claim}`demo.quarter`.

### Unlabelled subsection

Again {claim}`demo.quarter`.

```python
# not a heading, and not a use: {claim}`demo.unused`
```

```{bibliography}
```
"""

OTHER = """(sec-other)=
# Other

## Summary

The quarter once more: {claim}`demo.quarter`.
"""


CONF = """\
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'sphinx_design', 'actbook.sphinxext']
myst_enable_extensions = ['deflist', 'colon_fence', 'dollarmath']
bibtex_bibfiles = ['refs.bib']
locale_dirs = ['locales/']
gettext_compact = False
actbook_languages = {'en': ('en', 'en', 'English'), 'zh_CN': ('zh-cn', 'zh-Hans', '简体中文')}
"""

FILES = {
    "index.md": INDEX,
    "demo.md": DEMO,
    "other.md": OTHER,
    "claims.md": f"(claims-ledger)=\n# Ledger\n\n{ledger.LEDGER_MARKER}\n",
    "sources/s5.md": "(sources-s5)=\n# S5\n\n<!-- actbook:source-register S5 -->\n",
    "refs.bib": (
        "@misc{glorot2010understanding, author = {Glorot, X.}, title = {T}, year = {2010}}\n"
    ),
}


def po_text(language: str, messages: dict[str, str]) -> str:
    """A catalog of ``messages`` (msgid: msgstr) for ``language``, as babel writes it."""
    catalog = Catalog(locale=language)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue().decode("utf-8")


@pytest.fixture
def build(tmp_path, build_book):
    """Build the small project: ``build(language, catalogs) -> (output folder, warnings)``,
    where ``catalogs`` maps a domain to its messages."""

    def build(language: str = "en", catalogs: dict | None = None) -> tuple[Path, str]:
        files = dict(FILES)
        for domain, messages in (catalogs or {}).items():
            path = f"locales/{language}/LC_MESSAGES/{domain}.po"
            files[path] = po_text(language, messages)
        warnings = io.StringIO()
        out = build_book(tmp_path, files, conf=CONF, language=language, warning=warnings)
        return out, warnings.getvalue()

    return build


def claim_links(page: str) -> dict[str, tuple[str, str]]:
    """Return ``{ledger anchor: (title, shown text)}`` of every claim value in a page."""
    found = re.findall(
        r'<span class="claim"><a class="reference internal" href="[^"]*#([^"]+)" '
        r'title="([^"]*)"><span class="std std-ref">([^<]*)</span></a></span>',
        page,
    )
    return {anchor: (title, text) for anchor, title, text in found}


def ledger_rows(page: str) -> dict[str, str]:
    """Return ``{anchor: the row's HTML}`` of the ledger's table rows."""
    rows = re.findall(r'<tr class="[^"]*" id="(claim-[^"]+)">(.*?)</tr>', page, re.S)
    return dict(rows)


# ------------------------------------------------------------------ claim values


def test_claim_value_is_a_link_with_the_statement_as_its_title(build, registry):
    out, warnings = build()
    assert "WARNING" not in warnings, warnings
    links = claim_links((out / "demo.html").read_text())
    # the statement as plain text (math and nested claims written out), then the verdict
    # (a value's spaces are no-break spaces: it never breaks across lines)
    assert links["claim-demo-quarter"] == (
        "The quarter, below 1/k for k = 2.06\u00a0×\u00a010⁻⁹. — S5 · wrong",
        "0.250",
    )
    # a claim that decides nothing has its statement only
    assert links["claim-demo-tiny"] == ("A statement.", "2.06\u00a0×\u00a010⁻⁹")


def test_claim_values_get_the_stylesheet_that_keeps_them_on_one_line(build, registry):
    out, _ = build()
    assert (
        '<link rel="stylesheet" type="text/css" href="_static/claims.css'
        in (out / "demo.html").read_text()
    )
    css = (out / "_static" / "claims.css").read_text()
    rule = re.search(r"span\.claim \{([^}]*)\}", css)
    assert rule is not None and "white-space: nowrap" in rule[1]
    # the text colour, not the link colour, with a dotted marker
    link_rule = re.search(r"span\.claim > a\.reference, [^{]*\{([^}]*)\}", css)
    assert link_rule is not None
    assert "color: inherit" in link_rule[1] and "text-decoration-style: dotted" in link_rule[1]
    # no dead rule for a markup that never occurs
    assert not re.search(r"(^|[\s,}])a \.claim", css)
    assert not re.search(r"(^|[\s,}])a \.claim", (STATIC / "actbook.css").read_text())


def test_tooltip_is_in_the_pages_language(build, registry):
    catalogs = {
        "claims": {"A statement.": "一个表述。", "Used in": "用于"},
        "sphinx": {"wrong": "错误"},
        "demo": {"A quarter is {claim}`demo.quarter`.": "四分之一是 {claim}`demo.quarter`。"},
    }
    out, warnings = build("zh_CN", catalogs)
    assert "WARNING" not in warnings, warnings
    links = claim_links((out / "demo.html").read_text())
    assert links["claim-demo-tiny"] == ("一个表述。", "2.06\u00a0×\u00a010⁻⁹")
    # an untranslated statement stays English; the verdict word comes from sphinx.po
    assert links["claim-demo-quarter"][0].endswith("— S5 · 错误")
    # the ledger's own cells are translated by the same catalog
    page = (out / "claims.html").read_text()
    assert "<p>一个表述。</p>" in ledger_rows(page)["claim-demo-tiny"]
    assert ">用于</p></th>" in page


def test_tooltip_text_writes_formulas_as_text():
    assert roles.tex_to_text(r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))") == (
        "σ'(x) = σ(x) (1 - σ(x))"
    )
    assert roles.tex_to_text(r"\frac{1}{\sqrt{3}}") == "(1)/(√(3))"
    assert roles.tex_to_text(r"E[\mathrm{relu}(z)^2]") == "E[relu(z)²]"
    assert roles.plain_text("Up to {ref}`S2 <sources-s2>` and `code`.", {}) == "Up to S2 and code."


# ------------------------------------------------------------------ the ledger


def test_every_claim_has_one_row_that_carries_its_anchor(build, registry):
    out, warnings = build()
    assert "WARNING" not in warnings, warnings
    page = (out / "claims.html").read_text()
    rows = ledger_rows(page)
    assert sorted(rows) == ["claim-demo-quarter", "claim-demo-tiny", "claim-demo-unused"]
    for anchor in rows:
        assert page.count(f'id="{anchor}"') == 1
    # the rows follow the registry's order, in one table for the chapter
    assert re.findall(r'<tr class="[^"]*" id="claim-demo-(\w+)"', page) == [
        "quarter",
        "tiny",
        "unused",
    ]
    assert page.count('<table class="claims-ledger table') == 1
    # another page's {ref} to a claim's label lands on the row
    index = (out / "index.html").read_text()
    assert 'href="claims.html#claim-demo-quarter"><span class="std std-ref">the quarter' in index


def test_row_cells_value_statement_method_sources(build, registry):
    out, _ = build()
    rows = ledger_rows((out / "claims.html").read_text())
    quarter = rows["claim-demo-quarter"]
    cells = re.findall(r"<td>(.*?)</td>", quarter, re.S)
    assert len(cells) == 5
    assert '<span class="pre">demo.quarter</span>' in cells[0]
    assert ">0.250</span></a></span></p>" in cells[1]
    assert cells[2].startswith("<p>The quarter, below")
    # how it is computed: folded under the claim's id
    assert '<details class="claim-method"><summary>How it is computed</summary>' in cells[0]
    assert "A method. Module: <code" in cells[0]  # a lambda: the module is named
    assert "claim-method" not in cells[2]
    assert 'href="sources/s5.html#stmt-s5-demo-wrong"' in cells[3] and ">wrong</span>" in cells[3]
    assert ">Glo10</a>]" in cells[3]
    # a claim stated by nobody and measured by the build: the legend's marks
    unused = re.findall(r"<td>(.*?)</td>", rows["claim-demo-unused"], re.S)
    assert unused[3] == f"<p>{ledger.NO_SOURCE_MARK}</p>"
    assert unused[1].endswith(f"</span> {ledger.VOLATILE_MARK}</p>")
    legend = (out / "claims.html").read_text().split('class="claims-legend table', 1)[1]
    assert ledger.NO_SOURCE in legend and ledger.VOLATILE_NOTE in legend


def test_used_in_links_back_to_sections_and_pages(build, registry):
    out, _ = build()
    rows = ledger_rows((out / "claims.html").read_text())
    used = {anchor: re.findall(r"<td>(.*?)</td>", row, re.S)[4] for anchor, row in rows.items()}
    # the chapter's own page: by section (the unlabelled subsection counts for its parent);
    # another page: by page, whatever its section is called
    links = re.findall(
        r'href="([^"]+)"><span class="(?:std std-ref|doc)">([^<]*)<', used["claim-demo-quarter"]
    )
    assert links == [("demo.html#sec-demo-a", "Part A"), ("other.html", "Other")]
    links = re.findall(
        r'href="([^"]+)"><span class="(?:std std-ref|doc)">([^<]*)<', used["claim-demo-tiny"]
    )
    assert links == [("demo.html#ch-demo", "Demo"), ("index.html", "Home")]
    # a claim no page uses (the code cell does not count) has a dash
    assert used["claim-demo-unused"] == f"<p>{ledger.NO_SOURCE_MARK}</p>"


def test_scan_skips_code_but_reads_directives():
    text = (
        "(top)=\n# T\n\n"
        ":::{note}\nIn a note: {claim}`a.note`\n:::\n\n"
        "````{tab-item} X\n```python\n# comment {claim}`a.code`\n```\n{claim}`a.tab`\n````\n\n"
        "(s2)=\n## Two\n\n~~~\n{claim}`a.tilde`\n~~~\n\n## Three\n\n{claim}`a.three`\n"
    )
    pairs, labels = ledger.scan_uses("p", text)
    assert [(claim, use.label) for claim, use in pairs] == [
        ("a.note", "top"),
        ("a.tab", "top"),
        ("a.three", "top"),  # "Three" has no label and closes "Two": back to the page
    ]
    assert labels == {"top": "p", "s2": "p"}


def test_real_ledger_keeps_its_catalog_entries():
    """Statements and methods keep their msgids; a verdict is a link and a badge, no prose."""
    claim = claims.REGISTRY["vanishing.sigmoid_bound_3"]
    entry = ledger.ledger_entry(claim)
    assert f"\n  - {claim.statement}\n" in entry
    assert f"\n    {ledger.method_text(claim)}" in entry
    assert "\n  - {ref}`S2 <stmt-s2.product-three-bound>` {bdg-success}`confirmed`\n" in entry
    assert "\n    {ref}`S4 <stmt-s4.product-of-fractions>` {bdg-success}`confirmed`\n" in entry
    source = ledger.ledger_source()
    assert source.count("\n* - (claim-") == len(claims.REGISTRY)
    for heading in ("Value", "What the book states", "Stated by", "How it is computed"):
        assert f"- {heading}\n" in source or f"    {heading}\n" in source
