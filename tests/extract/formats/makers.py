"""Documents the format tests read, made by the tests themselves: PDFs drawn line by line with
fpdf2 (superscript markers, footnotes at the foot of each page, a running header, page numbers,
tables, hyphenated line ends) and saved web pages with the boilerplate and metadata of a news site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from datetime import UTC

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
    producer: str | None = None  # by default fpdf2's
    creator: str | None = None
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
            pdf.text(LEFT + i * (90 if len(line) == 2 and len(cell) > 30 else 80), y, cell)
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
        from datetime import datetime
        pdf.set_creation_date(datetime.fromisoformat(spec.created).replace(tzinfo=UTC))
    if spec.producer:
        pdf.set_producer(spec.producer)
    if spec.creator:
        pdf.set_creator(spec.creator)
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


def report_spec() -> PdfSpec:
    """A two-page COI report written for the project: a running header, page numbers, numbered
    paragraphs, superscript markers, a table of figures, words hyphenated at line ends, and
    footnotes at the foot of each page, the fourth running onto the second page."""
    page1 = PdfPage([
        "4.2. Desertion and unauthorised absence", "",
        [("1.  According to Mediazona, military courts convicted 1 240 soldiers of deser-", False)],
        [("tion in 2024.", False), sup("1"), (" The Southern military district heard about 3 100 cases", False)],
        [("of unauthorised absence in the same year.", False), sup("2")], "",
        [("2.  Frontelligence Insight counted nearly 7 500 desertion cases in the first half", False)],
        [("of 2025,", False), sup("3"), (" most of them from units stationed in occupied terri-", False)],
        [("tories.", False), sup("4")], "",
        "Table 1: Desertion cases by district, 2024", "",
        ("District", "Cases"),
        ("Southern military district", "2 150"),
        ("Central military district", "1 020"),
    ], [
        [sup("1"), (" Mediazona, Military courts in 2024: the year in numbers, 15 January 2025.", False)],
        [sup("2"), (" Ministry of Defence, Annual report on military justice, 12 February 2025, p. 14.", False)],
        [sup("3"), (" Frontelligence Insight, Desertions and Loss Ratios: Trends and Forecasts, 5 March", False)],
        [sup("4"), (" Frontelligence Insight, Where the deserters come from: a regional break-", False)],
    ])
    page2 = PdfPage([
        [("3.  In the Moscow region, 496 servicemen were sentenced between January and", False)],
        [("June 2025.", False), sup("5"), (" The region's garrison courts are among the busiest.", False)],
    ], [
        "down, 20 June 2025, para. 12.",
        [sup("5"), (" Mediazona, Garrison courts of the Moscow region, 1 July 2025.", False)],
    ])
    return PdfSpec([page1, page2], title="Russia: Desertion and unauthorised absence", author="Jane Analyst",
                   created="2025-09-01", header="Russia | Military service | September 2025", language="en-GB",
                   xmp=XMP)


XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:publisher><rdf:Bag><rdf:li>Asylum Research Desk</rdf:li></rdf:Bag></dc:publisher>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


MINISTRY_URL = "https://www.gov.uk/government/organisations/ministry-of-defence"
OUTLET_URL = "https://zona.media/article/2024/04/20/desertion"
CANONICAL = "https://balticledger.example/news/2024/04/desertion-convictions"


def news_page(script: str = "") -> str:
    """A saved news page written for the project: navigation, a cookie banner, the article with
    links to a ministry's page and to another outlet, a related-links box and a footer, each of the
    boilerplate parts with numbers of its own; Open Graph, article:published_time and JSON-LD."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Courts record 684 desertion convictions in March | Baltic Ledger</title>
<meta property="og:title" content="Courts record 684 desertion convictions in March">
<meta property="og:site_name" content="Baltic Ledger">
<meta property="og:type" content="article">
<meta property="og:url" content="{CANONICAL}">
<meta property="article:published_time" content="2024-04-24T09:30:00+02:00">
<link rel="canonical" href="{CANONICAL}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Courts record 684 desertion convictions in March", "datePublished": "2024-04-24T09:30:00+02:00",
 "author": {{"@type": "Person", "name": "Anna Kowalska"}},
 "publisher": {{"@type": "Organization", "name": "Baltic Ledger"}}}}</script>
<script>{script or 'document.write("<p>Over 999 000 soldiers deserted.</p>");'}</script>
<style>.cookie-consent {{ position: fixed; }}</style>
</head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/top">Top 10 stories</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">We use 3 cookies to improve your experience.
<button onclick="accept()">Accept all</button></div>
<div class="advert">Save 40 % on your subscription today</div>
<article>
<h1>Courts record 684 desertion convictions in March</h1>
<p class="byline">By Anna Kowalska</p>
<p>The British <a href="{MINISTRY_URL}">Ministry of Defence</a> said on Wednesday that Russian military courts
convicted 684 soldiers of desertion in March, citing data compiled by <a href="{OUTLET_URL}">Mediazona</a>.</p>
<p>Since the September 2022 mobilisation, courts have heard 7 400 such cases, the ministry said. Of these,
496 were heard in the Moscow region, where garrison courts are the busiest in the country.</p>
<p>Analysts say the real number of deserters is much higher, because many cases never reach a court and
commanders prefer to send absent soldiers back to the front line instead.</p>
</article>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/news/2024/03/protests">Police detain 35 protesters in the capital</a></li>
<li><a href="/news/2024/02/budget">Defence budget grows by 12 % next year</a></li></ul></aside>
<footer><p>© 2024 Baltic Ledger. 1 200 employees in 14 countries.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def raw_pdf(content: bytes, pages: int = 1) -> bytes:
    """A minimal PDF written byte by byte: ``pages`` pages sharing one Flate-compressed content
    stream (``content`` decoded; font ``/F1`` is Helvetica), with a correct cross-reference table."""
    import zlib

    packed = zlib.compress(content, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"] * pages
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf(path: Path) -> Path:
    """A PDF whose pages are only images (a scan without a text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), 255)
    ImageDraw.Draw(image).text((20, 20), "Over 50 000 soldiers deserted.", fill=0)
    pdf = FPDF(format="A4", unit="mm")
    for _ in range(2):
        pdf.add_page()
        pdf.image(image, x=20, y=20, w=150)
    path.write_bytes(bytes(pdf.output()))
    return path


PANDOC = """---
title: Desertion in 2024
author: [Jane Analyst]
date: 2025-03-01
publisher: Asylum Research Desk
---

## Courts

According to Mediazona, courts convicted over 1 500 soldiers of desertion in 2024.[^1] The Southern
military district heard about 600 of these cases.[^2]

| District | Cases |
|---|---|
| Central military district | 410 |

[^1]: Mediazona, Courts and desertion, 3 February 2025.
[^2]: Frontelligence Insight, Desertions and Loss Ratios: Trends and Forecasts, 5 March 2025.
"""
