"""Reading documents: figures (value, qualifier, bounds, quote, subject, measure, total,
period, reporter) and their citations (footnotes of either style, inline references), matched
to what the graph already knows. ``extract`` proposes; ``ingest`` writes a record file for review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .collector import while_reading
from .document import Document
from .figures import Found, Reader
from .footnotes import Footnote
from .gazetteer import Place
from .organisations import Organisation
from .periods import reference_day
from .lexicon import Lexicon, load_lexicon
from .reading import read, read_document
from .sources import CitedSource


@dataclass(frozen=True)
class Extraction:
    figures: list[Found]
    footnotes: list[Footnote]
    sources: dict[str, CitedSource]  # citation key -> the source it names
    places: dict[str, Place] = field(default_factory=dict)  # places the text names that the graph lacks
    organisations: dict[str, Organisation] = field(default_factory=dict)  # spelt out with an acronym, by name
    not_figures: list[tuple[int, int, str]] = field(default_factory=list)  # numbers not taken: start, end, why


def extract_text(text: str, document_date: date | None = None, lexicon: Lexicon | None = None,
                 publisher: str | None = None, title: str | None = None) -> Extraction:
    """What a text states. ``publisher``: who published the document (the reporter of what the
    text states itself, with nothing that names another source); ``title``: its title (the place
    it names is the subject of figures whose text names none)."""
    return extract_document(Document(text), document_date, lexicon, publisher, title)


def extract_document(document: Document, document_date: date | None = None, lexicon: Lexicon | None = None,
                     publisher: str | None = None, title: str | None = None) -> Extraction:
    """What a document states, using what its reader knows beyond the text (markers and notes told
    apart by the page layout or the markup, pages). ``document_date`` and ``publisher`` default to
    the document's own metadata (the publisher it names, else its author: ``Metadata.stated_by``),
    and so does ``title`` (a PDF's info, a web page's title: a country report's country, when it
    opens the title, is the subject of figures whose text names none)."""
    from .links import link_citations

    meta = document.metadata
    try:
        when = document_date or reference_day(meta.published)
    except ValueError:  # a date in the file's metadata that is not one
        when = None
    lexicon = lexicon or Lexicon()
    with while_reading():  # no full garbage collection over the reading's own objects while it runs
        linked = link_citations(document, lexicon) if document.links else None
        reader = Reader(document.text, when, lexicon, publisher or meta.stated_by, document, linked,
                        title or meta.title)
        figures = reader.figures()
    notes = [*reader.notes.entries.values(), *(linked.entries.values() if linked else ())]
    return Extraction(figures, notes, reader.sources, reader.proposed_places, reader.organisations,
                      reader.not_figures)


def extract_file(path: Path, document_date: date | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """What a file states, in any format figuregraph reads (``reading.read``)."""
    return extract_document(read(path), document_date, lexicon)


__all__ = ["CitedSource", "Document", "Extraction", "Footnote", "Found", "Lexicon", "extract_document", "extract_file",
           "extract_text",
           "load_lexicon", "read", "read_document"]
