"""A text PDF as a Document: the body in reading order, footnotes gathered from the foot of each page.

The text layer is read with PDFium (pypdfium2: each character with its box, baseline and font
size); the file is first checked with pypdf, whose decoders stop at a size limit, so that a
bomb is refused before PDFium decompresses it. Then, per page:

- characters are grouped into lines by baseline; a smaller character raised above its line's
  baseline is a superscript. Superscript digits that an entry of the foot has are reference
  markers: they stay in ``text`` as written ("2024.12") and are declared in ``markers``; other
  superscript digits become Unicode superscripts ("km²"), never digits that read as a number;
- lines that repeat at the top or bottom of the pages (digits aside) are running headers and
  footers, and a line there that is only a page number is dropped;
- the lines at the foot of a page in type smaller than the body's are its footnotes: an entry
  starts with its number, and lines before the first number continue the entry the previous page
  left open;
- a word hyphenated at a line end is joined ("deser-" + "tion"); a line ending in a hyphen before
  a capital keeps it ("Russia-" + "Ukraine"); paragraphs (a larger gap, a heading) are separated
  by a blank line, table rows stay one per line with their cells separated by tabs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property
from itertools import pairwise
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from ..document import Document, Marker, Metadata, Note, Page
from . import names, own_version

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PAGES = 5_000
MAX_OBJECTS = 2_000_000
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one decoded content stream
MAX_CONTENT_BYTES = 512 * 1024 * 1024  # every page's content streams, decoded

SUPERSCRIPT_SIZE = 0.85  # a superscript's size is at most this share of its line's
SUPERSCRIPT_RISE = 0.12  # ... and its baseline this share of the line's size above the line's
NOTE_SIZE = 0.92  # footnote type is at most this share of the body's
FOOT_TOP = 0.6  # a footnote continued from the previous page starts below this share of the page
MARGIN = 0.12  # the top and bottom share of a page where running headers and page numbers sit
PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
PARAGRAPH_NUMBER = re.compile(r"^\d{1,4}\.\s")
NOTE_START = re.compile(r"^(\d{1,4})(?:[.)]|\s)\s*")
HYPHENS = (0x02, 0x2D, 0xAD)  # what PDFium may mark as a hyphen at a line end
LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SENTENCE_END = (".", "!", "?", ":", ";", "”", "\"", ")")
# the Producer or Creator of a PDF printed from a browser (Chrome's and Edge's Skia, headless Chrome,
# Firefox, Safari, wkhtmltopdf) or through a print-to-PDF driver: its creation date is a print date
PRINTED = re.compile(r"skia/pdf|chrom(?:e|ium)|firefox|safari|wkhtmltopdf|print to pdf|cups-pdf|pdfcreator|cutepdf|"
                     r"bullzip|primopdf", re.IGNORECASE)


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    sup: bool = False


@dataclass
class Line:
    chars: list[Char]
    baseline: float
    size: float  # the size of most of its characters
    page: int
    height: float  # the page's height
    top: float = 0.0  # distance from the page's top to the baseline
    width: float = 0.0  # the page's width

    @property
    def plain(self) -> str:
        return "".join(c.text for c in self.chars).strip()

    @cached_property
    def piece(self) -> Piece:
        return _piece(self)

    @property
    def signature(self) -> str:
        return re.sub(r"\d+", "#", " ".join(self.plain.split())).lower()


@dataclass
class Piece:
    """Text of one line with the superscript runs in it: (offset in the piece, digits)."""

    text: str
    supers: list[tuple[int, str]] = field(default_factory=list)


def converter() -> str:
    import pypdfium2.version as version

    return f"figuregraph-pdf {own_version()} (pypdfium2 {version.PYPDFIUM_INFO}, PDFium {version.PDFIUM_INFO.build})"


def read_pdf(path: Path, data: bytes) -> Document:
    """The Document of a text PDF; InputError for encrypted, scanned, corrupt or oversized ones."""
    metadata = _guard_and_metadata(path, data)
    pages = _lines(path, data)
    if not any(line.plain for page in pages for line in page):
        raise InputError(f"{path}: no text layer: this PDF needs OCR first")
    body_size = _body_size(pages)
    repeated = _repeated(pages)
    bodies: list[list[Line]] = []
    feet: list[list[Line]] = []
    for page in pages:
        kept = [ln for ln in page if ln.plain and not _furniture(ln, repeated)]
        body, foot = _split_foot(kept, body_size, any(feet))
        bodies.append(_reading_order(body))
        feet.append(foot)
    notes = _notes(feet)
    text, markers, spans = _compose(bodies, {n.marker for n in notes})
    return Document(text, "pdf", path, metadata, tuple(notes), tuple(markers), pages=tuple(spans),
                    converter=converter())


# -- the file ---------------------------------------------------------------------------------
def _guard_and_metadata(path: Path, data: bytes) -> Metadata:
    """Refuse what cannot or must not be read; the metadata of what can (info and XMP)."""
    import io

    import pypdf
    from pypdf.errors import PdfReadError, PyPdfError

    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"{path}: a truncated PDF (no end-of-file marker); get the whole file again")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: an encrypted PDF that needs a password; save an unencrypted copy first")
        size = int(reader.trailer.get("/Size", 0))
        if size > MAX_OBJECTS:
            raise InputError(f"{path}: {size} objects is over the limit of {MAX_OBJECTS}; refused as a possible bomb")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InputError(f"{path}: {count} pages is over the limit of {MAX_PAGES}; split the document")
        total = 0
        for page in reader.pages:
            contents = page.get_contents()
            if contents is None:
                continue
            decoded = len(contents.get_data())
            total += decoded
            if decoded > MAX_STREAM_BYTES or total > MAX_CONTENT_BYTES:
                raise InputError(f"{path}: page content decompresses to over "
                                 f"{MAX_STREAM_BYTES // 2**20} MB; refused as a possible bomb")
        return _metadata(reader)
    except InputError:
        raise
    except pypdf.errors.LimitReachedError:
        raise InputError(f"{path}: a stream decompresses past pypdf's limit; refused as a possible bomb") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise InputError(f"{path}: a corrupt PDF ({type(exc).__name__}: {exc})") from None


def _metadata(reader: PdfReader) -> Metadata:
    """Title, authors, publisher, date and language from the info dictionary and the XMP packet. The
    creation date is the publication date unless a browser or a print-to-PDF driver made the file
    (``PRINTED``): then it is the day someone printed it, and the document has no date of its own."""
    info: Any = reader.metadata or {}
    title = _clean(info.get("/Title"))
    author = _clean(info.get("/Author"))
    try:
        xmp = reader.xmp_metadata
    except Exception:  # a malformed XMP packet is ignored, the info dictionary stays
        xmp = None
    tools = [info.get("/Producer"), info.get("/Creator"), *((xmp.pdf_producer, xmp.xmp_creator_tool) if xmp else ())]
    printed = any(PRINTED.search(str(tool)) for tool in tools if tool)
    published = None if printed else _pdf_date(info.get("/CreationDate"))
    publisher = language = None
    creators: list[str] = []
    if xmp is not None:
        title = title or _clean((xmp.dc_title or {}).get("x-default"))
        creators = xmp.dc_creator or []
        publisher = _clean(", ".join(xmp.dc_publisher or []))
        dates = [d for d in (None if printed else xmp.xmp_create_date, *(xmp.dc_date or [])) if d]
        if not published and dates:
            published = dates[0].date().isoformat()
        language = _clean(", ".join(xmp.dc_language or []))
    root = reader.trailer.get("/Root")
    lang = root.get_object().get("/Lang") if root is not None else None
    language = _clean(str(lang)) if lang else language
    return Metadata(title, names(author) or names(creators), publisher, published, None, language)


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _pdf_date(value: object) -> str | None:
    m = re.match(r"^D?:?(\d{4})(\d\d)?(\d\d)?", str(value or ""))
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


# -- characters and lines ---------------------------------------------------------------------
def _lines(path: Path, data: bytes) -> list[list[Line]]:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(f"{path}: an encrypted PDF that needs a password; save an unencrypted copy first") \
                from None
        raise InputError(f"{path}: a corrupt PDF ({exc})") from None
    pages: list[list[Line]] = []
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            height, width = page.get_height(), page.get_width()
            textpage = page.get_textpage()
            chars: list[Char] = []
            x, y, box, matrix = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF(), raw.FS_MATRIX()
            high = 0  # the first half of a surrogate pair
            sizes: dict[int | None, float] = {}
            for i in range(textpage.count_chars()):
                if raw.FPDFText_IsGenerated(textpage, i):
                    continue
                code = raw.FPDFText_GetUnicode(textpage, i)
                if 0xD800 <= code < 0xDC00:
                    high = code
                    continue
                if 0xDC00 <= code < 0xE000:
                    code, high = (0x10000 + ((high - 0xD800) << 10) + code - 0xDC00 if high else 0xFFFD), 0
                if code in (0, 10, 13, 0xFFFE):
                    continue
                if code in HYPHENS and raw.FPDFText_IsHyphen(textpage, i):
                    code = ord("-")
                raw.FPDFText_GetLooseCharBox(textpage, i, box)
                raw.FPDFText_GetCharOrigin(textpage, i, x, y)
                run = ctypes.cast(raw.FPDFText_GetTextObject(textpage, i), ctypes.c_void_p).value
                size = sizes.get(run)
                if size is None:  # once per text object: the size set by Tf, scaled by Tm and the CTM
                    raw.FPDFText_GetMatrix(textpage, i, matrix)
                    size = sizes[run] = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
                text = " " if chr(code).isspace() else LIGATURES.get(code, chr(code))
                chars.append(Char(text, box.left, box.right, y.value, size))
            pages.append(_group(chars, number + 1, height, width))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages


def _group(chars: list[Char], page: int, height: float, width: float) -> list[Line]:
    """Characters into lines, top to bottom, by baseline; a row of smaller characters raised less
    than a line's height above the row below it joins that row (its superscripts)."""
    rows: list[list[Char]] = []
    for c in sorted((c for c in chars if c.size > 0), key=lambda c: -c.baseline):
        if rows and abs(rows[-1][0].baseline - c.baseline) <= 0.2 * max(c.size, rows[-1][0].size):
            rows[-1].append(c)
        else:
            rows.append([c])
    lines: list[Line] = []
    for i, row in enumerate(rows):
        below = rows[i + 1] if i + 1 < len(rows) else None
        if below is not None:
            size = _main_size(below)
            if max(c.size for c in row) <= SUPERSCRIPT_SIZE * size and 0 < row[0].baseline - below[0].baseline < size:
                below.extend(row)
                continue
        main = _main_size(row)
        base = Counter(round(c.baseline, 1) for c in row if round(c.size, 1) >= main).most_common(1)[0][0]
        line = Line(sorted(row, key=lambda c: c.x0), base, main, page, height, height - base, width)
        for c in line.chars:
            c.sup = c.size <= SUPERSCRIPT_SIZE * line.size and c.baseline - line.baseline >= SUPERSCRIPT_RISE * line.size
        lines.append(line)
    return lines


def _main_size(row: list[Char]) -> float:
    sizes = Counter(round(c.size, 1) for c in row if c.text != " ").most_common(1)
    return sizes[0][0] if sizes else row[0].size


def _reading_order(lines: list[Line]) -> list[Line]:
    """A page's lines in reading order. On a page set in two columns (a gutter near the middle that
    most long lines have text on both sides of, and that almost none cross) each line is cut at
    the gutter, and between lines that span the page (a title, a wide table) the left column is
    read before the right one."""
    gutter = _gutter(lines)
    if gutter is None:
        return lines
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        before = [c for c in line.chars if c.x1 <= gutter]
        after = [c for c in line.chars if c.x0 >= gutter]
        if len(before) + len(after) < len(line.chars):  # spans the gutter
            out += left + right + [line]
            left, right = [], []
            continue
        if before:
            left.append(replace(line, chars=before))
        if after:
            right.append(replace(line, chars=after))
    return out + left + right


def _gutter(lines: list[Line]) -> float | None:
    """The x of a two-column page's gutter, or None."""
    long = [ln for ln in lines if len(ln.chars) >= 30]
    if len(long) < 6:
        return None
    width = long[0].width
    for step in range(7, 14):  # candidates from 35 % to 65 % of the page's width
        x = width * step / 20
        crossing = sum(1 for ln in long if any(c.x0 < x < c.x1 for c in ln.chars))
        both = [ln for ln in long if not any(c.x0 - ln.size < x < c.x1 + ln.size for c in ln.chars)
                and sum(c.x1 <= x for c in ln.chars) >= 15 and sum(c.x0 >= x for c in ln.chars) >= 15]
        if crossing <= len(long) // 10 and len(both) >= 0.6 * len(long):
            return x
    return None


def _piece(line: Line) -> Piece:
    """A line's text with spaces where the gaps are, tabs between table cells, superscript runs."""
    out: list[str] = []
    supers: list[tuple[int, str]] = []
    previous: Char | None = None
    length = 0
    for c in line.chars:
        if previous is not None:
            gap = c.x0 - previous.x1
            if gap > 3 * line.size and out[-1] not in (" ", "\t"):
                out.append("\t")
                length += 1
            elif gap > 0.15 * line.size and c.text != " " and previous.text != " ":
                out.append(" ")
                length += 1
        if c.text == " " and (not out or out[-1] in (" ", "\t")):
            previous = c
            continue
        if c.sup and c.text.isdigit():
            if supers and previous is not None and previous.sup and supers[-1][0] + len(supers[-1][1]) == length:
                supers[-1] = (supers[-1][0], supers[-1][1] + c.text)
            else:
                supers.append((length, c.text))
        out.append(c.text)
        length += len(c.text)
        previous = c
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    return Piece(text.strip(), [(at - lead, digits) for at, digits in supers if at >= lead])


# -- what is not body text --------------------------------------------------------------------
def _body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[line.size] += len(line.chars)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _in_margin(line: Line) -> bool:
    return line.top < MARGIN * line.height or line.top > (1 - MARGIN) * line.height


def _repeated(pages: list[list[Line]]) -> set[str]:
    """Signatures of lines in the margins that recur on three pages (two in a document of up to four):
    running headers and footers, a chapter's as well as the document's."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({line.signature for line in page if _in_margin(line)})
    need = 2 if len(pages) <= 4 else 3
    return {s for s, n in seen.items() if n >= need}


def _furniture(line: Line, repeated: set[str]) -> bool:
    return _in_margin(line) and (line.signature in repeated or bool(PAGE_NUMBER.match(line.plain)))


def _split_foot(lines: list[Line], body_size: float, after_notes: bool) -> tuple[list[Line], list[Line]]:
    """The page's body and its foot. The foot is the trailing lines in type smaller than the body's
    from the first that starts with a number; before it, lines in the lower part of the page
    continue the entry a previous page left open (``after_notes``: an earlier page has a foot).
    Small type elsewhere (a caption, a source line under a table) stays body."""
    i = len(lines)
    while i > 0 and lines[i - 1].size <= NOTE_SIZE * body_size:
        i -= 1
    small = lines[i:]
    first = next((j for j, ln in enumerate(small) if _numbered(ln.piece)[0] is not None), len(small))
    start = first
    while after_notes and start > 0 and small[start - 1].top > FOOT_TOP * small[start - 1].height:
        start -= 1
    return lines[:i + start], small[start:]


def _notes(feet: list[list[Line]]) -> list[Note]:
    """The entries of every page's foot, in order; lines before a page's first numbered entry
    continue the entry the previous page left open."""
    entries: list[Note] = []
    for foot in feet:
        for line in foot:
            number, text = _numbered(line.piece)
            last = int(entries[-1].marker) if entries else 0
            if number is not None and (not entries or last < int(number) <= last + 5):
                entries.append(Note(number, text, line.page))
            elif entries:
                entries[-1] = replace(entries[-1], text=_join(entries[-1].text, text))
    return [replace(n, text=" ".join(n.text.split())) for n in entries]


def _numbered(piece: Piece) -> tuple[str | None, str]:
    """A foot line's entry number (a superscript at its start, or digits and a space or a stop)
    and the text after it; (None, the text) for a line that starts no entry."""
    if piece.supers and piece.supers[0][0] == 0:
        digits = piece.supers[0][1]
        return digits, piece.text[len(digits):].lstrip()
    m = NOTE_START.match(piece.text)
    return (m.group(1), piece.text[m.end():]) if m else (None, piece.text)


def _join(before: str, after: str) -> str:
    """Two lines as one: a word hyphenated at the line end joined, else a space between them."""
    if not before:
        return after
    if _hyphenated(before, after):
        return before[:-1] + after
    if before.endswith(("-", "/")):
        return before + after
    return f"{before} {after}"


# -- the text ---------------------------------------------------------------------------------
def _compose(bodies: list[list[Line]], numbers: set[str]) -> tuple[str, list[Marker], list[Page]]:
    """The body text of every page, its markers and each page's span."""
    out: list[str] = []
    markers: list[Marker] = []
    pages: list[Page] = []
    length = 0
    previous: tuple[Line, str] | None = None
    for number, lines in enumerate(bodies, 1):
        start: int | None = None
        spacing = _spacing(lines)
        for line in lines:
            piece = line.piece
            if not piece.text:
                continue
            text = piece.text
            for at, digits in reversed(piece.supers):
                if not _markers(digits, numbers):
                    text = text[:at] + digits.translate(SUPER) + text[at + len(digits):]
            if previous is not None:
                separator = _separator(previous[0], line, previous[1], text, spacing)
                if separator == " " and _hyphenated(previous[1], text):
                    out[-1], separator = out[-1][:-1], ""
                    length -= 1
                out.append(separator)
                length += len(separator)
            for at, digits in piece.supers:
                for offset, key in _markers(digits, numbers):
                    markers.append(Marker(key, length + at + offset, length + at + offset + len(key)))
            start = length if start is None else start
            out.append(text)
            length += len(text)
            previous = (line, text)
        pages.append(Page(number, length if start is None else start, length))
    return "".join(out), markers, pages


def _hyphenated(before: str, after: str) -> bool:
    """A word broken at a line end: a letter and a hyphen, then a lower-case letter."""
    return before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].islower()


def _markers(digits: str, numbers: set[str]) -> list[tuple[int, str]]:
    """A superscript run as markers the foot has an entry for: "12" or run together, "1213"."""
    if digits in numbers:
        return [(0, digits)]
    for cut in range(1, len(digits)):
        head, tail = digits[:cut], digits[cut:]
        if head in numbers and tail in numbers and int(tail) > int(head):
            return [(0, head), (cut, tail)]
    return []


def _spacing(lines: list[Line]) -> float:
    gaps = sorted(a.baseline - b.baseline for a, b in pairwise(lines) if a.baseline > b.baseline)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _separator(before: Line, after: Line, last: str, text: str, spacing: float) -> str:
    """What stands between two body lines: a blank line between paragraphs (a larger gap, a change
    of type size, a sentence ending a page), a line break between table rows, else a space."""
    if before.page != after.page:
        return "\n\n" if last.endswith(SENTENCE_END) or "\t" in last or PARAGRAPH_NUMBER.match(text) else " "
    if (spacing and before.baseline - after.baseline > 1.35 * spacing) or abs(before.size - after.size) > 0.5:
        return "\n\n"
    return "\n" if "\t" in last or "\t" in text else " "
