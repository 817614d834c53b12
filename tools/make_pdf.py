"""Print the book's singlehtml builds to one PDF per language with Debian's Chromium.

Usage: ``make_pdf.py SINGLEHTML OUT SITE FOLDER...``: for each language folder (``en``,
``zh-cn`` …) open ``SINGLEHTML/<folder>/index.html`` served on 127.0.0.1, wait for
MathJax, open the exercise solutions, print with a clickable outline (the headings),
tagged structure and page numbers, write ``OUT/actbook-<folder>.pdf`` and copy it to
``SITE/<folder>/_downloads/`` where every page of the html build links it.

Chromium embeds the fonts it uses (Noto CJK for Chinese, DejaVu, MathJax's fonts as
Type 3 glyphs); figures are SVG and stay vector. The PDF's dates come from
``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

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
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
TIMEOUT_MS = 900_000  # a whole book in one page: generous on a loaded machine
# singlehtml writes links into other documents as "#document-<doc>#<id>" (citations, for
# one); in one page the target is just "#<id>", which the PDF then links internally.
FIX_LINKS = """() => document.querySelectorAll('a[href^="#document-"]').forEach((a) => {
  const href = a.getAttribute("href");
  const inner = href.indexOf("#", 1);
  if (inner > 0) a.setAttribute("href", href.slice(inner));
})"""
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


def print_page(page, url: str) -> bytes:  # noqa: ANN001 (playwright Page)
    """Open ``url`` for print, wait until it is typeset, and return its PDF."""
    page.emulate_media(media="print")
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)",
        timeout=TIMEOUT_MS,
    )
    page.evaluate("() => window.MathJax && MathJax.startup.promise.then(() => true)")
    page.evaluate("() => window.actbookOpenForPrint && window.actbookOpenForPrint()")
    page.evaluate(FIX_LINKS)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.evaluate(
        "() => Promise.all(Array.from(document.images, (img) => img.decode().catch(() => null)))"
        ".then(() => true)"
    )
    return page.pdf(
        format="A4",
        margin=MARGIN,
        print_background=True,
        outline=True,
        tagged=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER,
    )


def make_pdfs(singlehtml: Path, out: Path, site: Path, folders: list[str], epoch: int) -> None:
    """Print each language's singlehtml build, write it to ``out`` and copy it into ``site``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
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
                    data = set_dates(print_page(page, base + "index.html"), epoch)
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
