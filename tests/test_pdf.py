"""The PDF checks (tools/check_pdf.py) and helpers (tools/make_pdf.py, actbook.sphinxext.pdf).

The PDFs are made here with pypdf: pages of text in a TrueType font, embedded or not,
with or without page numbers and an outline.
"""

from __future__ import annotations

import doctest
import importlib.util
import runpy
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from actbook.sphinxext.pdf import pdf_name, pdf_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # check_pdf imports check_html
check = runpy.run_path(str(ROOT / "tools" / "check_pdf.py"))
make = runpy.run_path(str(ROOT / "tools" / "make_pdf.py"))
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TITLES = {"sigmoid-tanh": "Sigmoid and tanh", "dropout": "Dropout"}


def font(writer: PdfWriter, embedded: bool) -> DictionaryObject:
    """A WinAnsi TrueType font: DejaVu Sans with its file, or Helvetica by name only."""
    widths = ArrayObject([NumberObject(600)] * 95)
    base = {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        NameObject("/FirstChar"): NumberObject(32),
        NameObject("/LastChar"): NumberObject(126),
        NameObject("/Widths"): widths,
    }
    if not embedded:
        base[NameObject("/Subtype")] = NameObject("/TrueType")
        base[NameObject("/BaseFont")] = NameObject("/Helvetica")
        return DictionaryObject(base)
    file = DecodedStreamObject()
    file.set_data(DEJAVU.read_bytes())
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/DejaVuSans"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontFile2"): writer._add_object(file),
        }
    )
    base[NameObject("/Subtype")] = NameObject("/TrueType")
    base[NameObject("/BaseFont")] = NameObject("/DejaVuSans")
    base[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    return DictionaryObject(base)


def make_pdf(
    path: Path,
    texts: list[str],
    *,
    embedded: bool = True,
    numbers: bool = True,
    outline: dict[str, int] | None = None,
) -> Path:
    """Write a PDF with one page per text, an outline {title: page index}, page numbers."""
    if embedded and not DEJAVU.is_file():
        pytest.skip("DejaVu Sans is not installed")
    writer = PdfWriter()
    font_ref = writer._add_object(font(writer, embedded))
    for index, text in enumerate(texts):
        page = writer.add_blank_page(595, 842)
        lines = [text] + ([f"{index + 1} / {len(texts)}"] if numbers else [])
        ops = "".join(
            f"BT /F1 12 Tf 72 {760 - 20 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
        )
        content = DecodedStreamObject()
        content.set_data(ops.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
    for title, index in (outline or {}).items():
        writer.add_outline_item(title=title, page_number=index)
    with path.open("wb") as out:
        writer.write(out)
    return path


def good_pdf(tmp_path: Path, **options: object) -> Path:
    texts = ["actbook", "Sigmoid and tanh", "more on sigmoid", "Dropout", "the end"]
    outline = {"actbook": 0, "Sigmoid and tanh": 1, "Dropout": 3}
    return make_pdf(tmp_path / "book.pdf", texts, outline=outline, **options)


def test_a_good_pdf_passes(tmp_path: Path) -> None:
    assert check["check_pdf"](good_pdf(tmp_path), TITLES, min_pages=5) == []


def test_too_few_pages_fail(tmp_path: Path) -> None:
    problems = check["check_pdf"](good_pdf(tmp_path), TITLES, min_pages=6)
    assert problems == [f"{tmp_path / 'book.pdf'}: 5 pages, expected at least 6"]


def test_a_missing_outline_entry_fails(tmp_path: Path) -> None:
    texts = ["actbook", "Sigmoid and tanh", "Dropout"]
    pdf = make_pdf(tmp_path / "book.pdf", texts, outline={"Sigmoid and tanh": 1})
    problems = check["check_pdf"](pdf, TITLES, min_pages=1)
    assert problems == [f"{pdf}: no outline entry for chapter dropout ('Dropout')"]


def test_an_outline_entry_on_the_wrong_page_fails(tmp_path: Path) -> None:
    texts = ["actbook", "Sigmoid and tanh", "Dropout"]
    pdf = make_pdf(tmp_path / "b.pdf", texts, outline={"Sigmoid and tanh": 1, "Dropout": 0})
    problems = check["check_pdf"](pdf, TITLES, min_pages=1)
    assert problems == [f"{pdf}: page 1 (outline: 'Dropout') lacks the title"]


def test_an_english_title_in_a_chinese_book_fails(tmp_path: Path) -> None:
    titles = {"dropout": "丢弃法"}
    problems = check["check_pdf"](good_pdf(tmp_path), titles, min_pages=1)
    assert problems == [f"{tmp_path / 'book.pdf'}: no outline entry for chapter dropout ('丢弃法')"]


def test_a_font_that_is_not_embedded_fails(tmp_path: Path) -> None:
    problems = check["check_pdf"](good_pdf(tmp_path, embedded=False), TITLES, min_pages=1)
    assert problems == [f"{tmp_path / 'book.pdf'}: font /Helvetica is not embedded"]


def test_missing_page_numbers_fail(tmp_path: Path) -> None:
    problems = check["check_pdf"](good_pdf(tmp_path, numbers=False), TITLES, min_pages=1)
    assert len(problems) == 5
    assert problems[0] == f"{tmp_path / 'book.pdf'}: page 1 does not show its footer '1/5'"


def test_type3_fonts_count_as_embedded() -> None:
    type3 = DictionaryObject(
        {NameObject("/Subtype"): NameObject("/Type3"), NameObject("/CharProcs"): DictionaryObject()}
    )
    assert check["font_is_embedded"](type3)
    del type3["/CharProcs"]
    assert not check["font_is_embedded"](type3)


def test_chapter_titles_come_from_the_built_pages(tmp_path: Path) -> None:
    chapters = tmp_path / "zh-cn" / "chapters"
    chapters.mkdir(parents=True)
    (chapters / "dropout.html").write_text(
        '<article><h1>丢弃法<a class="headerlink" href="#x">#</a></h1></article>', encoding="utf-8"
    )
    assert check["chapter_titles"](tmp_path, "zh-cn") == {"dropout": "丢弃法"}


def test_pdf_links_must_resolve(tmp_path: Path) -> None:
    page = tmp_path / "en" / "chapters" / "dropout.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<p class="actbook-pdf-link"><a href="../_downloads/actbook-en.pdf">PDF</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "en" / "index.html").write_text("<p>no link</p>", encoding="utf-8")
    problems = check["pdf_links"](tmp_path, "en")
    assert problems == [
        f"{page}: PDF link ../_downloads/actbook-en.pdf leads nowhere",
        f"{tmp_path / 'en' / 'index.html'}: no link to the PDF",
    ]
    (tmp_path / "en" / "_downloads").mkdir()
    (tmp_path / "en" / "_downloads" / "actbook-en.pdf").write_bytes(b"%PDF")
    assert check["pdf_links"](tmp_path, "en") == [
        f"{tmp_path / 'en' / 'index.html'}: no link to the PDF"
    ]


def test_main_reports_a_missing_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check["main"]([str(tmp_path), "--folder", "it"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'it' / '_downloads' / 'actbook-it.pdf'}: missing" in out


def test_dates_come_from_source_date_epoch() -> None:
    chromium = b"/CreationDate (D:20261130134005+00'00')\n/ModDate (D:20261130134005+00'00')"
    fixed = make["set_dates"](chromium, 1_700_000_000)
    assert fixed == b"/CreationDate (D:20231114221320+00'00')\n/ModDate (D:20231114221320+00'00')"
    assert len(fixed) == len(chromium)


def test_pdf_names_and_urls() -> None:
    languages = {"en": ("en", "en", "English"), "zh_CN": ("zh-cn", "zh-Hans", "简体中文")}
    assert pdf_name("zh-cn") == "actbook-zh-cn.pdf"
    assert pdf_url(languages, "zh_CN", "sources/s1") == "../_downloads/actbook-zh-cn.pdf"
    assert pdf_url(languages, "en", "claims") == "_downloads/actbook-en.pdf"


@pytest.mark.parametrize("name", ["check_pdf", "make_pdf"])
def test_the_tools_examples(name: str) -> None:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.attempted >= 2 and result.failed == 0


# The defects a review found in the printed PDFs, each as a check that catches it.

HEADINGS = ["actbook", "Sigmoid and tanh", "Dropout"]
LABEL = "actbook 0.1.0 · 1cb0cb2 · 2026-11-30"


def edit(pdf: Path, change: object) -> Path:
    """Rewrite ``pdf`` after ``change(writer)`` has edited a pypdf clone of it."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    change(writer)
    with pdf.open("wb") as out:
        writer.write(out)
    return pdf


def finished(writer: PdfWriter) -> None:
    """What make_pdf adds: outline titles from the headings, title, author, page mode."""
    make["set_outline_titles"](writer, HEADINGS)
    writer.add_metadata({"/Title": HEADINGS[0], "/Author": "The actbook authors"})


def test_a_finished_pdf_passes_every_check(tmp_path: Path) -> None:
    pdf = edit(good_pdf(tmp_path), finished)
    assert check["check_pdf"](pdf, TITLES, 5, HEADINGS) == []


def test_radicals_in_the_text_layer_fail_and_make_pdf_folds_them(tmp_path: Path) -> None:
    """A ToUnicode CMap that names the glyph of 一 by the radical ⼀ (U+2F00)."""
    pdf = edit(good_pdf(tmp_path), finished)

    def radical_cmap(writer: PdfWriter) -> None:
        cmap = DecodedStreamObject()
        cmap.set_data(
            b"begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfrange <6B> <6B> <2F00> endbfrange\nendcmap\n"
        )
        font_ref = writer.pages[0]["/Resources"]["/Font"]["/F1"]
        font_ref.get_object()[NameObject("/ToUnicode")] = writer._add_object(cmap)

    edit(pdf, radical_cmap)
    assert "actboo⼀" in PdfReader(pdf).pages[0].extract_text()  # k → ⼀, only in "actbook"
    problems = check["check_pdf"](pdf, TITLES, 5, HEADINGS)
    assert problems == [f"{pdf}: 1 CJK radicals (U+2E80–U+2FDF) in the text layer"]
    reader = PdfReader(pdf)
    assert make["fix_to_unicode"](reader) == 1
    writer = PdfWriter(clone_from=reader)
    with pdf.open("wb") as out:
        writer.write(out)
    assert "actboo一" in PdfReader(pdf).pages[0].extract_text()
    assert check["check_pdf"](pdf, TITLES, 5, HEADINGS) == []


def test_outline_titles_must_equal_the_headings(tmp_path: Path) -> None:
    texts = ["actbook", "Sigmoid and tanh", "Dropout"]
    outline = {"actbook": 0, "Sigmoid and tanh": 1, "DropoutDropout": 2}
    pdf = make_pdf(tmp_path / "b.pdf", texts, outline=outline)
    problems = check["check_pdf"](pdf, {}, 1, HEADINGS)
    assert f"{pdf}: outline entry 3 is 'DropoutDropout', not 'Dropout'" in problems
    assert f"{pdf}: title None, not 'actbook'" in problems
    assert f"{pdf}: no /Author" in problems
    assert f"{pdf}: does not open with its outline (/PageMode /UseOutlines)" in problems
    edit(pdf, finished)
    assert check["check_pdf"](pdf, {}, 1, HEADINGS) == []
    with pytest.raises(ValueError, match="2 headings"):
        edit(pdf, lambda writer: make["set_outline_titles"](writer, HEADINGS[:2]))


def test_book_headings_are_the_articles_headings(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<nav><h2>Contents</h2></nav><article><h1>actbook: activation functions,\n computed"
        '<a class="headerlink" href="#a">#</a></h1><h3>Exercises</h3></article>',
        encoding="utf-8",
    )
    assert check["book_headings"](page) == ["actbook: activation functions, computed", "Exercises"]


def test_links_to_the_local_server_fail(tmp_path: Path) -> None:
    def link(writer: PdfWriter) -> None:
        from pypdf.annotations import Link

        uri = "http://127.0.0.1:41234/_images/figure.svg"
        writer.add_annotation(1, Link(rect=(72, 700, 200, 720), url=uri))

    pdf = edit(edit(good_pdf(tmp_path), finished), link)
    assert check["check_pdf"](pdf, TITLES, 5, HEADINGS) == [
        f"{pdf}: page 2 links the local server: http://127.0.0.1:41234/_images/figure.svg"
    ]


def test_the_footer_must_name_the_version(tmp_path: Path) -> None:
    pdf = edit(good_pdf(tmp_path), finished)
    problems = check["check_pdf"](pdf, TITLES, 5, HEADINGS, LABEL)
    assert len(problems) == 5
    assert problems[0] == f"{pdf}: page 1 does not show its footer '{check['squeeze'](LABEL)}·1/5'"


def test_the_label_comes_from_the_html_footer(tmp_path: Path) -> None:
    index = tmp_path / "index.html"
    index.write_text(
        '<p class="actbook-built-from">基于 actbook 0.1.0（提交 <a class="actbook-commit" href="#">'
        '<code>1cb0cb2</code></a>，<span class="actbook-nowrap">2026-11-30</span>）构建</p>',
        encoding="utf-8",
    )
    assert check["build_label"](index) == LABEL
    built = "Built from actbook 0.1.0, commit 1cb0cb2 (2026-11-30)"
    assert make["build_label"](built, "1cb0cb2", "2026-11-30") == LABEL
    assert '{label} · <span class="pageNumber">' in make["FOOTER"]


def test_raster_images_fail(tmp_path: Path) -> None:
    def image(writer: PdfWriter) -> None:
        raster = DecodedStreamObject()
        raster.set_data(b"\xff" * 100 * 100)
        for key, value in {
            "/Type": NameObject("/XObject"),
            "/Subtype": NameObject("/Image"),
            "/Width": NumberObject(100),
            "/Height": NumberObject(100),
            "/ColorSpace": NameObject("/DeviceGray"),
            "/BitsPerComponent": NumberObject(8),
        }.items():
            raster[NameObject(key)] = value
        resources = writer.pages[2]["/Resources"]
        resources[NameObject("/XObject")] = DictionaryObject(
            {NameObject("/Im1"): writer._add_object(raster)}
        )

    pdf = edit(edit(good_pdf(tmp_path), finished), image)
    [problem] = check["check_pdf"](pdf, TITLES, 5, HEADINGS)
    assert problem.startswith(f"{pdf}: raster image (object ")
    assert problem.endswith(") of 100×100 pixels")


def test_blank_pages_fail(tmp_path: Path) -> None:
    texts = ["actbook", "Sigmoid and tanh", "", "Dropout"]
    pdf = make_pdf(tmp_path / "b.pdf", texts, outline={"actbook": 0})
    problems = check["check_pdf"](pdf, {}, 1)
    assert problems == [f"{pdf}: page 3 is blank"]


def test_print_styles_drop_shadows_and_keep_solution_code() -> None:
    css = (ROOT / "src/actbook/sphinxext/static/pdf-print.css").read_text(encoding="utf-8")
    js = (ROOT / "src/actbook/sphinxext/static/pdf-print.js").read_text(encoding="utf-8")
    assert "box-shadow: none !important" in css
    assert 'section[id$="-exercises"] .cell.tag_hide-cell > details.hide' in js
    assert "_images" not in make["FIX_LINKS"] and "canonical" in make["FIX_LINKS"]


def test_packed_objects_keep_every_check_and_take_less_room(tmp_path: Path) -> None:
    pdf = edit(good_pdf(tmp_path), finished)
    plain = pdf.read_bytes()
    packed = make["pack_objects"](plain)
    assert packed.startswith(b"%PDF-1.5") and b"/ObjStm" in packed and b"/ObjStm" not in plain
    assert len(packed) < len(plain)
    assert make["pack_objects"](plain) == packed  # deterministic: no date or random /ID
    pdf.write_bytes(packed)
    assert check["check_pdf"](pdf, TITLES, 5, HEADINGS) == []
