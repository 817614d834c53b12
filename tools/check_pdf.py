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
- a sampled page does not show its footer "actbook <version> · <commit> · <date> · n / N"
  (the values of the html footer "Built from actbook …" of ``<folder>/index.html``);
- an outline entry differs from its heading: the outline must list the headings of the
  singlehtml build (``--singlehtml``, default ``SITE/../singlehtml``) in order, each
  exactly (white space normalized), the first also being the PDF's ``/Title``; the PDF
  has no ``/Author`` or does not open with its outline shown;
- the text layer has Kangxi or supplementary CJK radicals (U+2E80–U+2FDF, counted
  without folding: the book uses none, so each is a CJK character that search misses);
- a link leads to 127.0.0.1 or localhost (the server that printed the book);
- an image is raster and larger than ``MAX_PIXELS`` (figures are SVG and stay vector;
  printed shadows come out as large raster soft masks);
- a page is blank: its only text is the footer.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
from check_html import soup_of
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

FOLDERS = ("en", "zh-cn", "zh-tw", "it")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SPACE = re.compile(r"\s+")
RADICAL = re.compile("[\u2e80-\u2fdf]")
LOCAL = re.compile(r"^[a-z]+://(127\.0\.0\.1|localhost)\b", re.I)
VERSION = re.compile(r"actbook\s+(\d[\w.+-]*)")
MAX_PIXELS = 64 * 64  # a raster image larger than this is a defect: there should be none


def squeeze(text: str) -> str:
    """Drop all white space and fold compatibility characters (NFKC).

    Line breaks in extracted text do not matter, nor do ligatures (ﬁ). Radicals do
    (⼼ U+2F3C for 心 U+5FC3): ``radicals`` counts them in the text as it is.

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
        soup = soup_of(page)
        heading = soup.select_one("article h1") or soup.select_one("h1")
        if heading is None:
            continue
        for link in heading.select("a.headerlink"):
            link.decompose()
        titles[page.stem] = heading.get_text(" ", strip=True)
    return titles


def normalize(text: str) -> str:
    """Collapse white space runs to one space and strip the ends.

    >>> normalize("  Sigmoid and\\n   tanh ")
    'Sigmoid and tanh'
    """
    return SPACE.sub(" ", text).strip()


def book_headings(singlehtml: Path) -> list[str]:
    """The headings of the book's article in the singlehtml page ``singlehtml``, in order."""
    soup = soup_of(singlehtml)
    article = soup.select_one("article") or soup
    headings = []
    for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        for link in heading.select(".headerlink"):
            link.decompose()
        headings.append(normalize(heading.get_text()))
    return headings


def build_label(index: Path) -> str | None:
    """The footer's "actbook <version> · <commit> · <date>", from a page's html footer.

    None when the page has no "Built from actbook …" footer.
    """
    soup = soup_of(index)
    built = soup.select_one(".actbook-built-from")
    match = VERSION.search(built.get_text()) if built else None
    if match is None:
        return None
    parts = [f"actbook {match.group(1)}"]
    parts += [node.get_text() for node in built.select(".actbook-commit code, .actbook-nowrap")]
    return " · ".join(parts)


def page_texts(pdf: Path) -> list[str]:
    """The text layer of every page of ``pdf``, as a reader's copy or search sees it.

    PDFium reads a 550-page book in seconds; pypdf's ``extract_text`` takes a minute.
    """
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]
    finally:
        document.close()


def radicals(text: str) -> int:
    """Count the Kangxi and supplementary CJK radicals in ``text``, without any folding.

    >>> radicals("\u2f00\u2f64 一用")
    2
    """
    return len(RADICAL.findall(text))


def is_blank(text: str) -> bool:
    """Whether a page's ``text`` is only its footer (an optional label, then ``n / N``).

    >>> is_blank("actbook 0.1.0 · 1cb0cb2 · 2026-11-30 · 185 / 556")
    True
    >>> is_blank("185 / 556")
    True
    >>> is_blank("S1\\n185 / 556")
    False
    >>> is_blank("actbook grew out of five articles, actbook 0.1.0 · 1cb0cb2 · 2026-11-30 · 1 / 5")
    False
    """
    return re.fullmatch(r"(actbook[\w.+-]*(·[\w.+-]*)*·)?(\d+/\d+)?", squeeze(text)) is not None


def local_links(reader: PdfReader) -> list[tuple[int, str]]:
    """``(page index, URI)`` of the links that lead to 127.0.0.1 or localhost."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in _resolve(page.get("/Annots")) or []:
            action = _resolve(_resolve(annotation).get("/A"))
            uri = str(action.get("/URI", "")) if isinstance(action, DictionaryObject) else ""
            if LOCAL.match(uri):
                found.append((index, uri))
    return found


def raster_images(reader: PdfReader, max_pixels: int = MAX_PIXELS) -> list[tuple[int, int, int]]:
    """``(object number, width, height)`` of the raster images larger than ``max_pixels``."""
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            image = reader.get_object(number)
        except Exception:  # noqa: BLE001 (free or broken entries of the xref table)
            continue
        if not isinstance(image, StreamObject) or image.get("/Subtype") != "/Image":
            continue
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        if width * height > max_pixels:
            found.append((number, width, height))
    return found


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


def outline_problems(pdf: Path, reader: PdfReader, headings: list[str]) -> list[str]:
    """Differences between the outline (and ``/Title``) of ``reader`` and the ``headings``."""
    problems = []
    titles = [title for title, _ in outline_entries(reader)]
    if len(titles) != len(headings):
        problems.append(f"{pdf}: {len(titles)} outline entries for {len(headings)} headings")
    for number, (title, heading) in enumerate(zip(titles, headings, strict=False), 1):
        if title != heading:
            problems.append(f"{pdf}: outline entry {number} is {title!r}, not {heading!r}")
    metadata = reader.metadata or {}
    if headings and metadata.get("/Title") != headings[0]:
        problems.append(f"{pdf}: title {metadata.get('/Title')!r}, not {headings[0]!r}")
    if not str(metadata.get("/Author", "")).strip():
        problems.append(f"{pdf}: no /Author")
    if reader.trailer["/Root"].get("/PageMode") != "/UseOutlines":
        problems.append(f"{pdf}: does not open with its outline (/PageMode /UseOutlines)")
    return problems


def page_problems(pdf: Path, texts: list[str], label: str | None) -> list[str]:
    """Radicals, blank pages and footers (on sampled pages) of the page ``texts``."""
    problems = []
    count = len(texts)
    found = sum(radicals(text) for text in texts)
    if found:
        problems.append(f"{pdf}: {found} CJK radicals (U+2E80–U+2FDF) in the text layer")
    for index, text in enumerate(texts):
        if is_blank(text):
            problems.append(f"{pdf}: page {index + 1} is blank")
    prefix = squeeze(f"{label} · ") if label else ""
    for index in sample_pages(count):
        number = f"{prefix}{index + 1}/{count}"
        if number not in squeeze(texts[index]):
            problems.append(f"{pdf}: page {index + 1} does not show its footer {number!r}")
    return problems


def check_pdf(
    pdf: Path,
    titles: dict[str, str],
    min_pages: int,
    headings: list[str] | None = None,
    label: str | None = None,
) -> list[str]:
    """Return the problems of one PDF (empty when it is fine).

    ``titles`` are the chapters' titles, ``headings`` all the book's headings (the
    outline), ``label`` the footer's text before the page number.
    """
    reader = PdfReader(pdf)
    count = len(reader.pages)
    texts = page_texts(pdf)
    problems = []
    if count < min_pages:
        problems.append(f"{pdf}: {count} pages, expected at least {min_pages}")
    entries = {squeeze(title): page for title, page in outline_entries(reader)}
    for name, title in titles.items():
        page = entries.get(squeeze(title))
        if page is None:
            problems.append(f"{pdf}: no outline entry for chapter {name} ({title!r})")
        elif squeeze(title) not in squeeze(texts[page]):
            problems.append(f"{pdf}: page {page + 1} (outline: {title!r}) lacks the title")
    if headings is not None:
        problems += outline_problems(pdf, reader, headings)
    for name in unembedded_fonts(reader):
        problems.append(f"{pdf}: font {name} is not embedded")
    for index, uri in local_links(reader):
        problems.append(f"{pdf}: page {index + 1} links the local server: {uri}")
    for number, width, height in raster_images(reader):
        problems.append(f"{pdf}: raster image (object {number}) of {width}×{height} pixels")
    return problems + page_problems(pdf, texts, label)


def pdf_links(site: Path, folder: str) -> list[str]:
    """Problems with the PDF links of the html pages of one language."""
    problems = []
    for page in sorted((site / folder).rglob("*.html")):
        if "_static" in page.parts:
            continue
        soup = soup_of(page)
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
    parser.add_argument("--singlehtml", type=Path, help="singlehtml builds (SITE/../singlehtml)")
    args = parser.parse_args(argv)
    singlehtml = args.singlehtml or args.site.parent / "singlehtml"
    problems = []
    for folder in args.folder or FOLDERS:
        pdf = args.site / folder / "_downloads" / f"actbook-{folder}.pdf"
        if not pdf.is_file():
            problems.append(f"{pdf}: missing (run make pdf)")
            continue
        titles = chapter_titles(args.site, folder)
        if not titles:
            problems.append(f"{args.site / folder}: no chapter pages")
        book = singlehtml / folder / "index.html"
        if not book.is_file():
            problems.append(f"{book}: missing, no headings to compare the outline with")
        headings = book_headings(book) if book.is_file() else None
        index = args.site / folder / "index.html"
        label = build_label(index) if index.is_file() else None
        if label is None:
            problems.append(f'{index}: no footer "Built from actbook …" to compare with')
        problems += check_pdf(pdf, titles, args.min_pages, headings, label)
        problems += pdf_links(args.site, folder)
    for problem in problems:
        print(problem)
    print(f"check_pdf: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
