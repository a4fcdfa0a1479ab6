"""Record a reliability assessment (NATO/Admiralty A-F) of an actor or a source.

Assessments are curated records, like the others: they go into ``graph/assessments.yaml``
(one entry added per call, whatever else the file holds kept); the graded actor or source must
exist, and the file is written again whole, atomically, by the one record writer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..files.atomic import write_bytes
from ..files.lock import locked
from ..errors import UsageError, did_you_mean
from .fields import ID_PATTERN
from .link import build_index
from .records import Assessment, Document, Origin, Ref, Vocabulary, dump, parse_directory
from .schema import RELIABILITY

FILE = "assessments.yaml"
HEADER = ("Reliability assessments (NATO/Admiralty A-F) of actors and sources: who graded them,",
          "when and why. Written by `figuregraph assess`; reviewed like any other record.")


@dataclass(frozen=True)
class Recorded:
    id: str
    path: Path


def _leading_comments(text: str) -> list[str]:
    """The comment lines a file starts with (kept when the file is written again)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return lines


def record_assessment(graph_dir: Path, target: str, reliability: str, because: str, by: str,
                      on: date | None = None) -> Recorded:
    """Add an assessment of ``target`` to the graph's assessments file (whatever else it holds stays)
    and return its id. The file is written again whole, by the one record writer, under the graph
    folder's lock."""
    grade = reliability.strip().upper()
    if grade not in RELIABILITY:
        raise UsageError(f"--reliability takes one of {', '.join(RELIABILITY)}, not '{reliability}'")
    if not because.strip():
        raise UsageError("--because must say why (the assessment keeps the reason)")
    if not by.strip():
        raise UsageError("--by must name who assesses")
    if not ID_PATTERN.fullmatch(target):
        raise UsageError(f"'{target}' is not a record id")
    on = on or date.today()
    with locked(graph_dir):  # read, add and write back with no other writer in between
        return _record(graph_dir, target, grade, because, by, on)


def _record(graph_dir: Path, target: str, grade: str, because: str, by: str, on: date) -> Recorded:
    path = graph_dir / FILE
    files = parse_directory(graph_dir)
    index = build_index(files)
    known = {*index.actors.items, *index.sources.items}
    if target not in known:
        raise UsageError(f"no actor or source with id '{target}' in {graph_dir}{did_you_mean(target, known)}")
    taken = set(index.assessments.items)
    base = f"{target}-{on.isoformat()}"
    ident = next(i for i in (base, *(f"{base}-{n}" for n in range(2, 10_000))) if i not in taken)
    existing = next((rf for rf in files if rf.path.resolve() == path.resolve()), None)
    if isinstance(existing, Document):
        raise UsageError(f"{path} holds a source document; assessments go in a vocabulary file of their own")
    vocabulary = existing if isinstance(existing, Vocabulary) else Vocabulary(path)
    header = _leading_comments(path.read_text(encoding="utf-8")) if path.exists() else list(HEADER)
    vocabulary.assessments.append(Assessment(ident, Ref(target), grade, by, on, because, Origin(path, 0, ident)))
    write_bytes(path, dump(vocabulary, header).encode("utf-8"))
    return Recorded(ident, path)
