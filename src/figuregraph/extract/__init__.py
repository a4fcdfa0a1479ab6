"""Reading documents: numbers, figures with qualifier and bounds, footnote markers and the
footnote list. Proposes, never writes: ``figuregraph extract`` shows what a text states.

Not yet here (issue 5 continues): matching measures and subjects to the vocabulary,
inline references, and writing records for review (``ingest``)."""

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


def actor_names(graph_dir: Path) -> dict[str, str]:
    """Lower-case labels and aliases of the graph's actors -> actor ids, for matching reporters."""
    from ..link import build_index
    from ..records import parse_directory

    names: dict[str, str] = {}
    for actor in build_index(parse_directory(graph_dir)).actors.items.values():
        for name in (actor.label, *actor.aliases):
            names.setdefault(name.lower(), actor.id)
    return names


def extract_text(text: str, document_date: date | None = None, actors: dict[str, str] | None = None) -> Extraction:
    return Extraction(extract_figures(text, document_date, actors), footnotes(text))


def extract_file(path: Path, document_date: date | None = None, actors: dict[str, str] | None = None) -> Extraction:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return extract_text(text, document_date, actors)


__all__ = ["actor_names", "Extraction", "Footnote", "Found", "extract_file", "extract_text"]
