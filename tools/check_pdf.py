"""Check the PDF of the whole book in each language, as ``make pdf`` wrote it into the site.

Usage: ``check_pdf.py SITE [--folder en ...]``. Fails (exit 1, one line per problem) when,
for a language folder:

- ``<folder>/_downloads/actbook-<folder>.pdf`` is missing, or a page of the html build
  links a PDF that does not exist;
- the PDF has fewer pages than ``--min-pages``;
- its outline lacks an entry for a chapter, with the chapter's title in that language
  (titles taken from the built html pages ``chapters/*.html``), or the page the entry
  points to does not show the title;
- a font of a page is not embedded (no ``FontFile``, ``FontFile2`` or ``FontFile3``;
  Type 3 fonts carry their glyphs in ``CharProcs``);
- a sampled page does not show its page number as ``n / N``.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

FOLDERS = ("en", "zh-cn", "zh-tw", "it")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Drop all white space and fold compatibility characters (NFKC).

    Line breaks in extracted text do not matter, and neither do the Kangxi radicals
    that Chromium's PDFs map some Noto CJK glyphs to (⼼ U+2F3C for 心 U+5FC3).

    >>> squeeze("Sigmoid and\\n tanh")
    'Sigmoidandtanh'
    >>> squeeze("以零为中\u2f3c") == "以零为中心"
    True
    """
    return SPACE.sub("", unicodedata.normalize("NFKC", text))


def chapter_titles(site: Path, folder: str) -> dict[str, str]:
    """Return ``{page name: title}`` of the chapters, read from the built html pages."""
    titles = {}
    for page in sorted((site / folder / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        heading = soup.select_one("article h1") or soup.select_one("h1")
        if heading is None:
            continue
        for link in heading.select("a.headerlink"):
            link.decompose()
        titles[page.stem] = heading.get_text(" ", strip=True)
    return titles


def outline_entries(reader: PdfReader) -> Iterator[tuple[str, int]]:
    """Yield ``(title, page index)`` for every entry of the outline, depth first."""

    def walk(items: list) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield str(item.title), reader.get_destination_page_number(item)

    yield from walk(reader.outline)


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def font_is_embedded(font: DictionaryObject) -> bool:
    """Whether ``font`` carries its glyphs: a font file, or Type 3 glyph procedures."""
    if font.get("/Subtype") == "/Type3":
        return "/CharProcs" in font
    if font.get("/Subtype") == "/Type0":
        font = _resolve(_resolve(font["/DescendantFonts"])[0])
    descriptor = _resolve(font.get("/FontDescriptor"))
    return isinstance(descriptor, DictionaryObject) and any(k in descriptor for k in FONT_FILES)


def fonts_of(resources: object, seen: set[int]) -> Iterator[DictionaryObject]:
    """Yield the fonts of a resource dictionary and of its form XObjects, each once."""
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject):
        return
    for ref in (_resolve(resources.get("/Font")) or {}).values():
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        if key not in seen:
            seen.add(key)
            yield _resolve(ref)
    for ref in (_resolve(resources.get("/XObject")) or {}).values():
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        xobject = _resolve(ref)
        if key in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        yield from fonts_of(xobject.get("/Resources"), seen)


def unembedded_fonts(reader: PdfReader) -> list[str]:
    """Names of the fonts used by some page that are not embedded."""
    seen: set[int] = set()
    missing = []
    for page in reader.pages:
        for font in fonts_of(page.get("/Resources"), seen):
            if not font_is_embedded(font):
                missing.append(str(font.get("/BaseFont", font.get("/Subtype"))))
    return missing


def sample_pages(count: int, samples: int = 12) -> list[int]:
    """Indices of about ``samples`` pages spread over the document, first and last included.

    >>> sample_pages(5)
    [0, 1, 2, 3, 4]
    >>> sample_pages(100, 5)
    [0, 25, 50, 74, 99]
    """
    if count <= samples:
        return list(range(count))
    return sorted({round(i * (count - 1) / (samples - 1)) for i in range(samples)})


def check_pdf(pdf: Path, titles: dict[str, str], min_pages: int) -> list[str]:
    """Return the problems of one PDF (empty when it is fine)."""
    reader = PdfReader(pdf)
    count = len(reader.pages)
    problems = []
    if count < min_pages:
        problems.append(f"{pdf}: {count} pages, expected at least {min_pages}")
    entries = {squeeze(title): page for title, page in outline_entries(reader)}
    for name, title in titles.items():
        page = entries.get(squeeze(title))
        if page is None:
            problems.append(f"{pdf}: no outline entry for chapter {name} ({title!r})")
        elif squeeze(title) not in squeeze(reader.pages[page].extract_text()):
            problems.append(f"{pdf}: page {page + 1} (outline: {title!r}) lacks the title")
    for name in unembedded_fonts(reader):
        problems.append(f"{pdf}: font {name} is not embedded")
    for index in sample_pages(count):
        number = f"{index + 1}/{count}"
        if number not in squeeze(reader.pages[index].extract_text()):
            problems.append(f"{pdf}: page {index + 1} does not show its number {number!r}")
    return problems


def pdf_links(site: Path, folder: str) -> list[str]:
    """Problems with the PDF links of the html pages of one language."""
    problems = []
    for page in sorted((site / folder).rglob("*.html")):
        if "_static" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select(".actbook-pdf-link a[href]")
        if not links:
            problems.append(f"{page}: no link to the PDF")
        for link in links:
            target = (page.parent / link["href"]).resolve()
            if not target.is_file():
                problems.append(f"{page}: PDF link {link['href']} leads nowhere")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (_build/html)")
    parser.add_argument("--folder", action="append", help="language folders (default: all)")
    parser.add_argument("--min-pages", type=int, default=100)
    args = parser.parse_args(argv)
    problems = []
    for folder in args.folder or FOLDERS:
        pdf = args.site / folder / "_downloads" / f"actbook-{folder}.pdf"
        if not pdf.is_file():
            problems.append(f"{pdf}: missing (run make pdf)")
            continue
        titles = chapter_titles(args.site, folder)
        if not titles:
            problems.append(f"{args.site / folder}: no chapter pages")
        problems += check_pdf(pdf, titles, args.min_pages)
        problems += pdf_links(args.site, folder)
    for problem in problems:
        print(problem)
    print(f"check_pdf: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
