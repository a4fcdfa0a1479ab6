"""Reading documents: numbers, figures with qualifier and bounds, footnote markers and the
footnote list. Proposes, never writes: ``figuregraph extract`` shows what a text states.

Not yet here (issue 5 continues): matching measures and subjects to the vocabulary,
attribution chains, inline references, and writing records for review (``ingest``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from .figures import Found, extract_figures
from .footnotes import Footnote, footnotes


@dataclass(frozen=True)
class Extraction:
    figures: list[Found]
    footnotes: list[Footnote]


def extract_text(text: str, document_date: date | None = None) -> Extraction:
    return Extraction(extract_figures(text, document_date), footnotes(text))


def extract_file(path: Path, document_date: date | None = None) -> Extraction:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return extract_text(text, document_date)


__all__ = ["Extraction", "Footnote", "Found", "extract_file", "extract_text"]
