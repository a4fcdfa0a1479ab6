"""Reading documents: figures (value, qualifier, bounds, quote, subject, measure, total,
period, reporter) and their citations (footnotes of either style, inline references), matched
to what the graph already knows. ``extract`` proposes; ``ingest`` writes a record file for review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .figures import Found, Reader
from .footnotes import Footnote
from .gazetteer import Place
from .lexicon import Lexicon, load_lexicon
from .reading import read_document
from .sources import CitedSource


@dataclass(frozen=True)
class Extraction:
    figures: list[Found]
    footnotes: list[Footnote]
    sources: dict[str, CitedSource]  # citation key -> the source it names
    places: dict[str, Place] = field(default_factory=dict)  # places the text names that the graph lacks


def extract_text(text: str, document_date: date | None = None, lexicon: Lexicon | None = None,
                 publisher: str | None = None) -> Extraction:
    """What a text states. ``publisher``: who published the document (the reporter of what the
    text states itself, with nothing that names another source)."""
    reader = Reader(text, document_date, lexicon or Lexicon(), publisher)
    figures = reader.figures()
    return Extraction(figures, list(reader.notes.entries.values()), reader.sources, reader.proposed_places)


def extract_file(path: Path, document_date: date | None = None, lexicon: Lexicon | None = None) -> Extraction:
    return extract_text(read_document(path), document_date, lexicon)


__all__ = ["CitedSource", "Extraction", "Footnote", "Found", "Lexicon", "extract_file", "extract_text",
           "load_lexicon", "read_document"]
