"""Documents the format tests read, made by the tests themselves: PDFs drawn line by line with
fpdf2 (superscript markers, footnotes at the foot of each page, a running header, page numbers,
tables, hyphenated line ends) and saved web pages with the boilerplate and metadata of a news site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

Run = tuple[str, bool]  # text, superscript
Line = list[Run] | str | tuple[str, ...]  # runs; plain text; a table row (its cells)

BODY, NOTE, HEAD = 11.0, 8.0, 9.0
LEFT, TOP, LEAD = 20.0, 30.0, 6.0


def sup(text: str) -> Run:
    return (text, True)


@dataclass
class PdfPage:
    body: list[Line]  # "" is a paragraph gap
    notes: list[Line] = field(default_factory=list)


@dataclass
class PdfSpec:
    pages: list[PdfPage]
    title: str | None = None
    author: str | None = None
    created: str | None = None  # YYYY-MM-DD
    header: str | None = None
    page_numbers: bool = True
    xmp: str | None = None
    language: str | None = None
    password: str | None = None


def _runs(pdf: FPDF, y: float, line: list[Run], size: float, x: float = LEFT) -> None:
    for text, raised in line:
        if raised:
            pdf.set_font("Helvetica", size=size * 0.62)
            pdf.text(x, y - size * 0.13, text)
        else:
            pdf.set_font("Helvetica", size=size)
            pdf.text(x, y, text)
        x += pdf.get_string_width(text)


def _line(pdf: FPDF, y: float, line: Line, size: float) -> None:
    if isinstance(line, tuple):
        pdf.set_font("Helvetica", size=size)
        for i, cell in enumerate(line):
            pdf.text(LEFT + i * 80, y, cell)
    else:
        _runs(pdf, y, [(line, False)] if isinstance(line, str) else line, size)


def make_pdf(path: Path, spec: PdfSpec) -> Path:
    """A text PDF drawn from the spec: body lines from the top, notes above the page number."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_compression(True)
    if spec.title:
        pdf.set_title(spec.title)
    if spec.author:
        pdf.set_author(spec.author)
    if spec.created:
        from datetime import datetime, timezone
        pdf.set_creation_date(datetime.fromisoformat(spec.created).replace(tzinfo=timezone.utc))
    if spec.language:
        pdf.set_lang(spec.language)
    if spec.xmp:
        pdf.set_xmp_metadata(spec.xmp)
    if spec.password:
        pdf.set_encryption(owner_password="owner", user_password=spec.password)
    for number, page in enumerate(spec.pages, 1):
        pdf.add_page()
        if spec.header:
            pdf.set_font("Helvetica", size=HEAD)
            pdf.text(LEFT, 15, spec.header)
        y = TOP
        for line in page.body:
            if line == "":
                y += LEAD * 0.8
                continue
            _line(pdf, y, line, BODY)
            y += LEAD
        if page.notes:
            y = 270 - len(page.notes) * 4.0
            pdf.line(LEFT, y - 5, LEFT + 50, y - 5)
            for line in page.notes:
                _line(pdf, y, line, NOTE)
                y += 4.0
        if spec.page_numbers:
            pdf.set_font("Helvetica", size=HEAD)
            pdf.text(103, 285, str(number))
    path.write_bytes(bytes(pdf.output()))
    return path
