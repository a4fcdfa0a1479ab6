"""Record a reliability assessment (NATO/Admiralty A-F) of an actor or a source.

Assessments are curated records, like the others: they go into ``graph/assessments.yaml``
(one entry appended per call); the graded actor or source must exist, and the file is
replaced atomically."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..files.atomic import write_bytes
from .link import build_index
from ..errors import UsageError, did_you_mean
from .fields import ID_PATTERN
from .kinds import RELIABILITY
from .records import Vocabulary, parse_directory, parse_file

FILE = "assessments.yaml"
HEADER = ("# Reliability assessments (NATO/Admiralty A-F) of actors and sources: who graded them,\n"
          "# when and why. Written by `figuregraph assess`; reviewed like any other record.\n"
          "assessments:\n")


@dataclass(frozen=True)
class Recorded:
    id: str
    path: Path


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: the text stays text, whatever it holds."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def record_assessment(graph_dir: Path, target: str, reliability: str, because: str, by: str,
                      on: date | None = None) -> Recorded:
    """Append an assessment of ``target`` to the graph's assessments file and return its id."""
    grade = reliability.strip().upper()
    if grade not in RELIABILITY:
        raise UsageError(f"--reliability takes one of {', '.join(RELIABILITY)}, not '{reliability}'")
    if not because.strip():
        raise UsageError("--because must say why (the assessment keeps the reason)")
    if not by.strip():
        raise UsageError("--by must name who assesses")
    if not ID_PATTERN.match(target):
        raise UsageError(f"'{target}' is not a record id")
    on = on or date.today()
    path = graph_dir / FILE
    files = parse_directory(graph_dir)
    index = build_index(files)
    known = sorted({*index.actors.items, *index.sources.items})
    if target not in known:
        raise UsageError(f"no actor or source with id '{target}' in {graph_dir}{did_you_mean(target, known)}")
    taken = set(index.assessments.items)
    base = f"{target}-{on.isoformat()}"
    ident = next(i for i in (base, *(f"{base}-{n}" for n in range(2, 10_000))) if i not in taken)
    entry = (f"  - id: {ident}\n    of: {target}\n    reliability: {grade}\n    by: {_quoted(by)}\n"
             f"    on: {on.isoformat()}\n    because: {_quoted(because)}\n")
    if path.exists():
        existing = parse_file(path)
        if existing is not None and not (isinstance(existing, Vocabulary) and existing.assessments
                                         and not (existing.actors or existing.places or existing.units
                                                  or existing.measures)):
            raise UsageError(f"{path} holds other records; keep assessments in a file of their own")
        text = path.read_text(encoding="utf-8")
        text = text if text.endswith("\n") else text + "\n"
    else:
        text = HEADER
    write_bytes(path, (text + entry).encode("utf-8"))
    return Recorded(ident, path)
