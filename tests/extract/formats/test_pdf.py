"""Issue 17: a text PDF made by the test (two pages, a running header, page numbers, numbered
paragraphs, superscript markers, a table of figures, hyphenated line ends, footnotes at the foot of
each page with one entry running onto the next) read into a Document and extracted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from figuregraph.extract import Extraction, Lexicon, extract_document
from figuregraph.extract.document import Document
from figuregraph.extract.reading import read

from .makers import PdfPage, PdfSpec, make_pdf, report_spec


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon) -> tuple[Document, Extraction]:
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", report_spec())
    document = read(path)
    return document, extract_document(document, lexicon=lexicon)


def test_text_in_reading_order_without_header_page_numbers_or_hyphens(report: tuple[Document, Extraction]) -> None:
    doc, _ = report
    assert doc.format == "pdf" and doc.converter.startswith("figuregraph-pdf ") and "PDFium" in doc.converter
    assert "Military service" not in doc.text and "September 2025" not in doc.text  # the running header
    assert not any(line.strip().isdigit() for line in doc.text.splitlines())  # the page numbers
    assert "desertion in 2024." in doc.text and "occupied territories." in doc.text  # "deser-" + "tion"
    assert "Mediazona, Military courts" not in doc.text  # the footnotes are not body text
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "4.2. Desertion and unauthorised absence"
    assert [p[:3] for p in paragraphs if p[:1].isdigit() and p[1:3] == ". "] == ["1. ", "2. ", "3. "]  # kept
    assert "District\tCases\nSouthern military district\t2 150\nCentral military district\t1 020" in doc.text
    page1, page2 = doc.pages
    assert (page1.number, page2.number) == (1, 2) and page1.start == 0 and page2.end == len(doc.text)
    assert doc.text[page2.start:].startswith("3. In the Moscow region")


def test_superscripts_are_markers_and_the_feet_are_the_notes(report: tuple[Document, Extraction]) -> None:
    doc, _ = report
    assert [(m.number, doc.text[m.start - 5:m.end]) for m in doc.markers] == [
        ("1", "2024.1"), ("2", "year.2"), ("3", "2025,3"), ("4", "ries.4"), ("5", "2025.5")]
    assert [(n.marker, n.page) for n in doc.notes] == [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 2)]
    assert doc.notes[0].text == "Mediazona, Military courts in 2024: the year in numbers, 15 January 2025."
    assert doc.notes[1].text == "Ministry of Defence, Annual report on military justice, 12 February 2025, p. 14."
    # the fourth entry runs onto the second page, its hyphenated word joined
    assert doc.notes[3].text == ("Frontelligence Insight, Where the deserters come from: a regional breakdown, "
                                 "20 June 2025, para. 12.")
    assert doc.notes[4].text == "Mediazona, Garrison courts of the Moscow region, 1 July 2025."


def test_metadata_from_the_info_dictionary_and_xmp(report: tuple[Document, Extraction]) -> None:
    meta = report[0].metadata
    assert meta.title == "Russia: Desertion and unauthorised absence"
    assert meta.authors == ("Jane Analyst",)
    assert meta.publisher == "Asylum Research Desk"  # XMP dc:publisher
    assert meta.published == "2025-09-01"
    assert meta.language == "en-GB" and meta.url is None


def test_every_figure_with_its_page_and_footnotes(report: tuple[Document, Extraction]) -> None:
    doc, ex = report
    rows = [(f.wording, f.value, f.qualifier, f.page, f.citations) for f in ex.figures]
    assert rows == [
        ("1 240", Decimal(1240), "exact", 1, ["1"]),
        ("about 3 100", Decimal(3100), "about", 1, ["2"]),
        ("nearly 7 500", Decimal(7500), "nearly", 1, ["3", "4"]),
        ("2 150", Decimal(2150), "exact", 1, ex.figures[3].citations),  # table cells: no marker of their own
        ("1 020", Decimal(1020), "exact", 1, ex.figures[4].citations),
        ("496", Decimal(496), "exact", 2, ["5"]),
    ]
    assert all(doc.text[f.start:f.end] == f.quote for f in ex.figures)
    assert [f.subject for f in ex.figures][3:] == ["southern-military-district", "central-military-district",
                                                   "moscow-region"]
    assert ex.figures[0].reporter == "mediazona" and ex.figures[2].reporter == "frontelligence-insight"
    # its text names no place: the country the PDF's own title opens with ("Russia: ...")
    assert ex.figures[0].subject == "russia" and "title" in ex.figures[0].why["subject"]
    assert ex.sources["3"].id == "frontelligence-2025-desertions-loss-ratios" and not ex.sources["3"].new
    assert ex.sources["5"].new and ex.sources["5"].publisher == "mediazona"
    marker_values = {Decimal(m.number) for m in doc.markers}
    assert not [f for f in ex.figures if f.value in marker_values]  # the markers never become figures
    assert not [f for f in ex.figures if f.value in (2024, 2025)]


def test_superscript_digits_without_a_note_are_not_digits(tmp_path: Path) -> None:
    from .makers import PdfPage, PdfSpec, sup

    page = PdfPage([[("The region covers 4 200 km", False), sup("2"), (" of forest.", False)]])
    doc = read(make_pdf(tmp_path / "area.pdf", PdfSpec([page], page_numbers=False)))
    assert "4 200 km² of forest." in doc.text and not doc.markers and not doc.notes


def test_sizes_set_by_the_text_matrix(tmp_path: Path) -> None:
    """Some producers set every font at size 1 and scale it with the text matrix: the sizes that
    tell superscripts and footnotes apart are the scaled ones."""
    from .makers import raw_pdf

    content = (b"BT /F1 1 Tf 11 0 0 11 72 700 Tm (Courts heard 1 240 cases in 2024.) Tj "
               b"7 0 0 7 241 704 Tm (7) Tj 11 0 0 11 246 700 Tm ( Most were in the south.) Tj "
               b"11 0 0 11 72 686 Tm (The next line of the body runs on here.) Tj "
               b"5 0 0 5 72 83 Tm (7) Tj 8 0 0 8 76 80 Tm ( Mediazona, Courts in 2024, 3 February 2025.) Tj ET")
    path = tmp_path / "scaled.pdf"
    path.write_bytes(raw_pdf(content))
    doc = read(path)
    assert doc.text == ("Courts heard 1 240 cases in 2024.7 Most were in the south. "
                        "The next line of the body runs on here.")
    assert [(m.number, doc.text[m.start:m.end]) for m in doc.markers] == [("7", "7")]
    assert [(n.marker, n.text) for n in doc.notes] == [("7", "Mediazona, Courts in 2024, 3 February 2025.")]


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    from .makers import PdfPage, PdfSpec

    left = ["Courts heard 1 240 desertion cases in", "2024, according to the ministry. Most",
            "of them were heard in the Southern", "military district, where the courts",
            "are the busiest in the country, and the", "number is still growing this year."]
    right = ["In the Moscow region, 496 servicemen", "were sentenced in the first half of",
             "2025. Lawyers say that the sentences", "have become longer since the start of",
             "the year, and that fewer cases end in a", "suspended sentence than before."]
    page = PdfPage(["Desertion in two columns", "", *zip(left, right)])
    doc = read(make_pdf(tmp_path / "columns.pdf", PdfSpec([page], page_numbers=False)))
    assert doc.text == "Desertion in two columns\n\n" + " ".join(left) + " " + " ".join(right)


PRINTED_PAGE = PdfPage(["Desertion in Russia", "",
                        "In September, military courts convicted 310 soldiers of desertion in Russia."])
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"


@pytest.mark.parametrize(("producer", "creator", "dated"), [
    ("Skia/PDF m131", CHROME, False),  # Chrome's or Edge's "Save as PDF"
    ("Qt 4.8.7", "wkhtmltopdf 0.12.6", False),
    ("Microsoft: Print To PDF", "Microsoft Word - report.docx", False),
    ("Adobe PDF Library 17.0", "Adobe InDesign 19.0 (Windows)", True),  # a publisher's file
    ("Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365", True),
    ("pdfTeX-1.40.25", "LaTeX with hyperref", True),
])
def test_a_printed_pdfs_creation_date_is_no_publication_date(tmp_path: Path, lexicon: Lexicon, producer: str,
                                                             creator: str, dated: bool) -> None:
    """A page printed to PDF from a browser or a print driver was created the day it was printed: that
    day neither dates the document nor sets the year of its "in September"."""
    spec = PdfSpec([PRINTED_PAGE], title="Desertion in Russia", created="2026-11-20", producer=producer,
                   creator=creator)
    document = read(make_pdf(tmp_path / "page.pdf", spec))
    assert document.metadata.published == ("2026-11-20" if dated else None)
    (figure,) = extract_document(document, lexicon=lexicon).figures
    assert figure.value == 310
    assert figure.period_start == (date(2026, 9, 1) if dated else None)  # no year to give "September"
