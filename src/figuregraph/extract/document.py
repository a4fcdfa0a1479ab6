"""A document as the extractor reads it: the text figures are read from, and what a reader of its
format knows beyond the text (metadata, footnotes gathered from a page layout, reference markers
told apart by their type, hyperlinks, pages).

Offsets everywhere are offsets in ``text``: ``text[start:end] == quote`` holds for every figure,
so ``sha256`` (of ``text``) and ``converter`` say which text a record's offsets refer to."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself (a PDF's info, a web page's meta tags); None: not said."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None  # the publisher or site name
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None  # the canonical URL
    language: str | None = None

    @property
    def stated_by(self) -> str | None:
        """Who states what the document states itself: its publisher, else its first author (a note
        or a PDF that names only its author is that author's)."""
        return self.publisher or next(iter(self.authors), None)


@dataclass(frozen=True)
class Note:
    """A footnote or reference-list entry the reader found (``marker`` as written, "12")."""

    marker: str
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Marker:
    """A reference marker the reader told apart from the text (a superscript, ``[^12]``):
    ``text[start:end]`` is the marker, ``number`` its key."""

    number: str
    start: int
    end: int


@dataclass(frozen=True)
class Link:
    """A hyperlink in the text: ``text[start:end]`` is its anchor."""

    start: int
    end: int
    href: str


@dataclass(frozen=True)
class Page:
    """A page of a paginated original: ``text[start:end]`` came from page ``number`` (1-based)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """The text and what its reader knows. A plain text file gives only ``text``: the extractor then
    finds markers and notes in the text itself."""

    text: str
    format: str = "text"  # text | markdown | html | pdf
    path: Path | None = None
    metadata: Metadata = field(default_factory=Metadata)
    notes: tuple[Note, ...] = ()
    markers: tuple[Marker, ...] = ()
    links: tuple[Link, ...] = ()
    pages: tuple[Page, ...] = ()
    converter: str = "figuregraph"  # what turned the file into ``text`` (name and version)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def page_of(self, offset: int) -> int | None:
        """The page an offset of ``text`` is on (None: not paginated): found by bisection over the
        pages' starts when they follow one another without overlapping (a reader's pages do), else
        by going through them; the first page holding the offset either way."""
        starts = self._page_starts
        if starts is None:
            return next((page.number for page in self.pages if page.start <= offset < page.end), None)
        i = bisect.bisect_right(starts, offset) - 1
        return self.pages[i].number if i >= 0 and offset < self.pages[i].end else None

    @cached_property
    def _page_starts(self) -> list[int] | None:
        """The pages' starts, when each page ends before the next starts (None otherwise)."""
        ordered = all(a.start <= a.end <= b.start for a, b in pairwise(self.pages))
        return [page.start for page in self.pages] if ordered else None
