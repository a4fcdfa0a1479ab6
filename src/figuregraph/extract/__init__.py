"""Reading documents: figures (value, qualifier, bounds, quote, subject, measure, total,
period, reporter) and their citations (footnotes of either style, inline references), matched
to what the graph already knows. ``extract`` proposes; ``ingest`` writes a record file for review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .figures import Found, Reader
from .footnotes import Footnote
from .lexicon import Lexicon, load_lexicon
from .reading import read_document
from .sources import CitedSource, match_source, slug, statement_source


@dataclass(frozen=True)
class Extraction:
    figures: list[Found]
    footnotes: list[Footnote]
    sources: dict[str, CitedSource]  # citation key -> the source it names


def extract_text(text: str, document_date: date | None = None, lexicon: Lexicon | None = None) -> Extraction:
    lexicon = lexicon or Lexicon()
    reader = Reader(text, document_date, lexicon)
    figures = reader.figures()
    entries = reader.notes.entries
    sources = {key: match_source(entry, lexicon) for key, entry in entries.items()}
    for f in figures:  # an inline attribution ("X reported") cites what X said
        if not f.citations and f.reported_by:
            key = f"said-{f.reporter or slug(f.reported_by, 4)}"
            if key not in sources:
                sources[key] = statement_source(f.reporter, f.reported_by, document_date, lexicon)
            f.citations.append(key)
    return Extraction(figures, list(entries.values()), sources)


def extract_file(path: Path, document_date: date | None = None, lexicon: Lexicon | None = None) -> Extraction:
    return extract_text(read_document(path), document_date, lexicon)


__all__ = ["CitedSource", "Extraction", "Footnote", "Found", "Lexicon", "extract_file", "extract_text",
           "load_lexicon", "read_document"]
