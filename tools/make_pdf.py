"""Print the book's singlehtml builds to one PDF per language with Debian's Chromium.

Usage: ``make_pdf.py SINGLEHTML OUT SITE FOLDER...``: for each language folder (``en``,
``zh-cn`` …) open ``SINGLEHTML/<folder>/index.html`` served on 127.0.0.1, wait for
MathJax, open the exercise solutions (text and code), point relative links at the
online site (``<link rel="canonical">``), print with a clickable outline (the headings),
tagged structure and a footer "actbook <version> · <commit> · <date> · n / N" (the
values of the html footer "Built from actbook …"), write ``OUT/actbook-<folder>.pdf``
and copy it to ``SITE/<folder>/_downloads/`` where every page of the html build links it.

Chromium embeds the fonts it uses (Noto CJK for Chinese, DejaVu, MathJax's fonts as
Type 3 glyphs); figures are SVG and stay vector. After printing, pypdf fixes what
Chromium gets wrong: the text layer of CJK glyphs shared with Kangxi radicals (⼀ for 一),
the outline titles (words glued at line breaks, doubled titles), the document's title,
author and page mode; qpdf (pikepdf) packs its objects into compressed object streams.
The PDF's dates come from ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import io
import os
import re
import shutil
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

# Debian's Chromium, run as root and kept offline (no QUIC, sync or updates). The browser
# tests (tests_browser/conftest.py) import CHROMIUM, FLAGS and serve() from here.
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
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#444">'
    '{label} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
TIMEOUT_MS = 900_000  # a whole book in one page: generous on a loaded machine
# singlehtml writes links into other documents as "#document-<doc>#<id>" (citations, for
# one); in one page the target is just "#<id>", which the PDF then links internally.
# Links to the page's own files (a figure's SVG in _images/ …) would lead to the local
# server, so they lead to the same file of the online site instead (the canonical URL).
FIX_LINKS = """(shared) => {
  const canonical = document.querySelector('link[rel="canonical"]');
  document.querySelectorAll("a[href]").forEach((a) => {
    const href = a.getAttribute("href");
    const inner = href.indexOf("#", 1);
    if (href.startsWith("#document-") && inner > 0) a.setAttribute("href", href.slice(inner));
    else if (!href.startsWith("#") && a.href.startsWith(location.origin + "/")) {
      // The site keeps one copy of the figures for all languages, beside the language folders.
      const target = (shared || []).includes(href) ? "../" + href : href;
      if (canonical) a.href = new URL(target, canonical.href).href;
      else a.removeAttribute("href");
    }
  });
}"""
# What the book says about itself: its headings in print order (the outline's titles),
# the html footer "Built from actbook …" and the authors of its BibTeX entry.
FACTS = """() => {
  const text = (node) => {
    const copy = node.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
  };
  const headings = Array.from(document.querySelectorAll(
    "article h1, article h2, article h3, article h4, article h5, article h6"), text);
  const built = document.querySelector(".actbook-built-from");
  const commit = built && built.querySelector(".actbook-commit code");
  const date = built && built.querySelector(".actbook-nowrap");
  const bibtex = document.querySelector("#actbook-cite-bibtex");
  return {
    headings,
    built: built ? built.textContent : "",
    commit: commit ? commit.textContent : null,
    date: date ? date.textContent : null,
    bibtex: bibtex ? bibtex.textContent : "",
  };
}"""
RADICALS = (0x2E80, 0x2FDF)  # CJK radicals supplement and Kangxi radicals
# The supplementary radicals without an NFKC form, each with the ideograph whose glyph it
# shares in Noto CJK (as fontTools reads the fonts' cmaps): ⻛ U+2EDB draws 风 U+98CE.
RADICAL_PAIRS = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民"
    "⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻁虎"
    "⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝"
    "⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉"
    "⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀"
)
RADICAL_IDEOGRAPHS = dict(zip(RADICAL_PAIRS[::2], RADICAL_PAIRS[1::2], strict=True))
CMAP_BLOCK = re.compile(rb"(\d+)\s+beginbf(char|range)\s(.*?)endbf\2", re.S)
CMAP_TOKEN = re.compile(rb"<[0-9A-Fa-f]*>|\[|\]")
VERSION = re.compile(r"actbook\s+(\d[\w.+-]*)")
AUTHOR = re.compile(r"author\s*=\s*\{(.*?)\},?\s*$", re.M)
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def pdf_date(epoch: int) -> bytes:
    """Return a PDF date string for ``epoch`` seconds, in UTC, as Chromium writes it.

    >>> pdf_date(0)
    b"D:19700101000000+00'00'"
    """
    stamp = datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y%m%d%H%M%S")
    return f"D:{stamp}+00'00'".encode()


def set_dates(pdf: bytes, epoch: int) -> bytes:
    """Replace the creation and modification dates of ``pdf`` by ``epoch``.

    The dates have a fixed length, so the cross-reference offsets stay valid.

    >>> set_dates(b"<</CreationDate (D:20261130134005+00'00')>>", 0)
    b"<</CreationDate (D:19700101000000+00'00')>>"
    """

    def replace(match: re.Match[bytes]) -> bytes:
        new = b"/" + match.group(1) + b" (" + pdf_date(epoch) + b")"
        if len(new) != len(match.group(0)):
            raise ValueError(f"unexpected date format {match.group(0)!r}")
        return new

    return PDF_DATE.sub(replace, pdf)


def fold_radicals(text: str) -> str:
    """Replace the Kangxi and supplementary CJK radicals of ``text`` by their NFKC forms.

    Noto CJK draws 一 and the radical ⼀ with one glyph, and Chromium's text layer may
    name the glyph by the radical; the book itself uses no radicals.

    Kangxi radicals have an NFKC form; most supplementary ones do not, and take the
    ideograph of ``RADICAL_IDEOGRAPHS``.

    >>> fold_radicals("\u2f00\u2f64 abc \u2edb")
    '一用 abc 风'
    """
    low, high = RADICALS
    folded = (unicodedata.normalize("NFKC", ch) if low <= ord(ch) <= high else ch for ch in text)
    return "".join(RADICAL_IDEOGRAPHS.get(ch, ch) for ch in folded)


def parse_cmap(data: bytes) -> dict[int, bytes]:
    """Return the ``bfchar`` and ``bfrange`` entries of a ToUnicode CMap: {code: UTF-16BE}.

    >>> cmap = b"2 beginbfchar <01> <0020> <02> <2F00> endbfchar "
    >>> cmap += b"2 beginbfrange <10> <11> <0061> <20> <21> [<0062> <2F64>] endbfrange"
    >>> {code: text.decode("utf-16-be") for code, text in parse_cmap(cmap).items()}
    {1: ' ', 2: '⼀', 16: 'a', 17: 'b', 32: 'b', 33: '⽤'}
    """
    mapping: dict[int, bytes] = {}
    for block in CMAP_BLOCK.finditer(data):
        tokens = CMAP_TOKEN.findall(block.group(3))
        values = [bytes.fromhex(t[1:-1].decode()) for t in tokens if t.startswith(b"<")]
        if block.group(2) == b"char":
            for code, text in zip(values[::2], values[1::2], strict=True):
                mapping[int.from_bytes(code)] = text
            continue
        position = 0
        while position < len(tokens):
            low, high = (int(t[1:-1] or b"0", 16) for t in tokens[position : position + 2])
            if tokens[position + 2] == b"[":
                end = tokens.index(b"]", position)
                targets = [bytes.fromhex(t[1:-1].decode()) for t in tokens[position + 3 : end]]
                mapping.update(zip(range(low, high + 1), targets, strict=False))
                position = end + 1
                continue
            first = bytes.fromhex(tokens[position + 2][1:-1].decode())
            head, last = first[:-2], int.from_bytes(first[-2:])
            for offset in range(high - low + 1):
                mapping[low + offset] = head + ((last + offset) & 0xFFFF).to_bytes(2)
            position += 3
    return mapping


def cmap_blocks(mapping: dict[int, bytes], digits: int) -> bytes:
    r"""Write ``mapping`` as ``bfchar`` blocks of at most 100 entries (the CMap limit).

    >>> cmap_blocks({1: b"\x00 "}, 2)
    b'1 beginbfchar\n<01> <0020>\nendbfchar\n'
    """
    items = sorted(mapping.items())
    out = []
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        out.append(f"{len(chunk)} beginbfchar\n".encode())
        out += [f"<{code:0{digits}X}> <{text.hex().upper()}>\n".encode() for code, text in chunk]
        out.append(b"endbfchar\n")
    return b"".join(out)


def unfold_cmap(data: bytes) -> bytes | None:
    r"""Return the ToUnicode CMap ``data`` with radicals folded, or None if it has none.

    >>> cmap = b"begincmap 1 beginbfrange <01> <02> <2F00> endbfrange endcmap"
    >>> unfold_cmap(cmap)
    b'begincmap 2 beginbfchar\n<01> <4E00>\n<02> <4E28>\nendbfchar\n endcmap'
    >>> unfold_cmap(b"begincmap 1 beginbfchar <01> <0020> endbfchar endcmap") is None
    True
    """
    blocks = list(CMAP_BLOCK.finditer(data))
    if not blocks:
        return None
    mapping = parse_cmap(data)
    folded = {}
    for code, text in mapping.items():
        try:
            folded[code] = fold_radicals(text.decode("utf-16-be")).encode("utf-16-be")
        except UnicodeDecodeError:
            folded[code] = text
    if folded == mapping:
        return None
    digits = len(CMAP_TOKEN.findall(blocks[0].group(3))[0]) - 2
    return data[: blocks[0].start()] + cmap_blocks(folded, digits) + data[blocks[-1].end() :]


def fix_to_unicode(reader) -> int:  # noqa: ANN001 (pypdf PdfReader)
    """Fold the radicals of every font's ToUnicode CMap in ``reader``; return how many."""
    from pypdf.generic import DictionaryObject, StreamObject

    fixed = 0
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            font = reader.get_object(number)
        except Exception:  # noqa: BLE001 (free or broken entries of the xref table)
            continue
        if not isinstance(font, DictionaryObject) or "/ToUnicode" not in font:
            continue
        cmap = font["/ToUnicode"].get_object()
        if not isinstance(cmap, StreamObject):
            continue
        data = unfold_cmap(cmap.get_data())
        if data is not None:
            cmap.set_data(data)
            fixed += 1
    return fixed


def outline_nodes(parent) -> Iterator:  # noqa: ANN001 (pypdf DictionaryObject)
    """Yield the outline items under ``parent`` depth first, in reading order."""
    node = parent.get("/First")
    while node is not None:
        node = node.get_object()
        yield node
        yield from outline_nodes(node)
        node = node.get("/Next")


def set_outline_titles(writer, titles: list[str]) -> None:  # noqa: ANN001 (PdfWriter)
    """Give the outline items of ``writer`` the ``titles`` (the headings), in order."""
    from pypdf.generic import NameObject, TextStringObject

    outlines = writer.root_object.get("/Outlines")
    nodes = list(outline_nodes(outlines.get_object())) if outlines is not None else []
    if len(nodes) != len(titles):
        raise ValueError(f"the outline has {len(nodes)} items, the book {len(titles)} headings")
    for node, title in zip(nodes, titles, strict=True):
        node[NameObject("/Title")] = TextStringObject(title)
    writer.root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")


def build_label(built: str, commit: str | None, date: str | None) -> str:
    """Return the footer's "actbook <version> · <commit> · <date>" from the html footer.

    >>> build_label("Built from actbook 0.1.0, commit 1cb0cb2 (2026-11-30)", "1cb0cb2", "2026-11-30")
    'actbook 0.1.0 · 1cb0cb2 · 2026-11-30'
    >>> build_label("基于 actbook 0.1.0（提交 1cb0cb2，2026-11-30）构建", "1cb0cb2", "2026-11-30")
    'actbook 0.1.0 · 1cb0cb2 · 2026-11-30'
    >>> build_label("Built from actbook 0.1.0", None, None)
    'actbook 0.1.0'
    """
    match = VERSION.search(built)
    if match is None:
        raise ValueError(f"no actbook version in the html footer {built!r}")
    return " · ".join(part for part in (f"actbook {match.group(1)}", commit, date) if part)


def bibtex_author(bibtex: str) -> str:
    """Return the ``author`` field of a BibTeX entry (the book's default without one).

    >>> bibtex_author("@book{k,\\n  author    = {{The actbook authors}},\\n  title = {x}}")
    'The actbook authors'
    """
    match = AUTHOR.search(bibtex)
    return match.group(1).strip().strip("{}") if match else "The actbook authors"


def finish_pdf(data: bytes, facts: dict, epoch: int) -> bytes:
    """Fix Chromium's PDF ``data``: dates, text layer, outline titles, title and author."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(set_dates(data, epoch)))
    fix_to_unicode(reader)
    writer = PdfWriter(clone_from=reader)
    set_outline_titles(writer, facts["headings"])
    writer.add_metadata({"/Title": facts["headings"][0], "/Author": bibtex_author(facts["bibtex"])})
    out = io.BytesIO()
    writer.write(out)
    return pack_objects(out.getvalue())


def pack_objects(data: bytes) -> bytes:
    """Store the PDF's small objects in compressed object streams (PDF 1.5).

    Chromium writes each of the ~100,000 objects of the tagged structure (one per
    element of the page: table cells, links, code spans) uncompressed; packed into
    Flate-compressed object streams by qpdf, the English book takes 8 MB instead of 19.
    """
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
        )
    return out.getvalue()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 and yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def print_page(page, url: str, shared: list[str]) -> tuple[bytes, dict]:  # noqa: ANN001 (playwright Page)
    """Open ``url`` for print, wait until it is typeset; return its PDF and FACTS.

    ``shared`` lists the files that the site keeps once for all languages
    (``_images/…``, see ``tools/share_assets.py``): links to them lead there.
    """
    page.emulate_media(media="print")
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)",
        timeout=TIMEOUT_MS,
    )
    page.evaluate("() => window.MathJax && MathJax.startup.promise.then(() => true)")
    page.evaluate("() => window.actbookOpenForPrint && window.actbookOpenForPrint()")
    page.evaluate(FIX_LINKS, shared)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate(
        "() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => null)))"
        ".then(() => true)"
    )
    facts = page.evaluate(FACTS)
    label = build_label(facts["built"], facts["commit"], facts["date"])
    data = page.pdf(
        format="A4",
        margin=MARGIN,
        print_background=True,
        outline=True,
        tagged=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER.format(label=html.escape(label)),
    )
    return data, facts


def make_pdfs(singlehtml: Path, out: Path, site: Path, folders: list[str], epoch: int) -> None:
    """Print each language's singlehtml build, write it to ``out`` and copy it into ``site``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shared = sorted(
        p.relative_to(site).as_posix() for p in (site / "_images").glob("*") if p.is_file()
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for folder in folders:
                start = time.perf_counter()
                name = f"actbook-{folder}.pdf"
                context = browser.new_context(locale=folder)
                page = context.new_page()
                context.route(
                    "**/*",
                    lambda route, request: (
                        route.continue_()
                        if request.url.startswith("http://127.0.0.1:")
                        else route.abort()
                    ),
                )
                with serve(singlehtml / folder) as base:
                    data, facts = print_page(page, base + "index.html", shared)
                try:
                    data = finish_pdf(data, facts, epoch)
                except ValueError:
                    (out / f"{name}.chromium").write_bytes(data)  # to see what went wrong
                    raise
                context.close()
                (out / name).write_bytes(data)
                downloads = site / folder / "_downloads"
                downloads.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out / name, downloads / name)
                seconds = time.perf_counter() - start
                print(f"{out / name}: {len(data) / 1e6:.1f} MB, printed in {seconds:.0f} s")
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("singlehtml", type=Path, help="folder of the singlehtml builds")
    parser.add_argument("out", type=Path, help="folder for the PDFs")
    parser.add_argument("site", type=Path, help="the html site (PDFs go to <folder>/_downloads)")
    parser.add_argument("folders", nargs="+", help="language folders: en zh-cn zh-tw it")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"make_pdf: Debian's chromium is missing at {CHROMIUM}: run make chromium")
        return 1
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    make_pdfs(args.singlehtml, args.out, args.site, args.folders, epoch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
