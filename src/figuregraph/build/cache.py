"""The build cache's contents: what each record file gave (its ids and their fingerprints, what it
refers to, its counts) and what the whole graph gave (its Turtle document and where each named
graph's body stands in it, SHACL's results, the check queries' rows), read and written whole.

It lives in ``.figuregraph-cache/`` inside the graph folder (ignored by git through its own
``.gitignore``); deleting it costs one clean build. Every entry is keyed by content: a file's
digest, a record's fingerprint (its fields as the writer writes them), the code and ontology
that shaped the graph. Nothing in it is trusted past a mismatch: the build starts clean instead.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from ..defaults import CACHE_FOLDER
from ..files.atomic import write_bytes
from ..model.link import records_of
from ..model.records import (
    Actor,
    Assessment,
    Document,
    Event,
    Figure,
    Measure,
    Place,
    RecordFile,
    Source,
    Statement,
    Unit,
    Vocabulary,
    _nested_kind,
    record_mapping,
)
from ..model.schema import Kind
from ..validate import Violation

FORMAT = 5  # the layout of this cache; another value is not read
OLD_BODIES = "turtle"  # the per-graph Turtle bodies that caches before format 3 kept

# The id space each kind of record is registered in (``link.Index``): actors and places share one.
SPACES: dict[type, str] = {Actor: "subject", Place: "subject", Event: "event", Unit: "unit", Measure: "measure",
                           Source: "source", Figure: "claim", Statement: "claim", Assessment: "assessment"}
Key = str  # the id space and the id, with a NUL between (a string pickles several times faster than a pair)


@dataclass
class FileEntry:
    """What one record file gave the last good build."""

    stat: tuple[int, int, int]  # size, mtime, inode: unchanged means the digest need not be read
    digest: bytes
    graph: str  # the named graph it fills
    defines: dict[Key, bytes]  # every registered record: its fingerprint
    refers: frozenset[Key]  # every record of any file it names
    assessments: tuple[tuple[str, date, str], ...]  # (graded id, date, assessment id)
    counts: dict[str, int]


@dataclass
class Manifest:
    """The whole cache of a graph folder, as of the last good build."""

    code: str  # the code and ontology the graph was made with
    generation: str  # the folder of the cache's store this describes (while ``pending``: the quads' file)
    files: dict[str, FileEntry] = field(default_factory=dict)  # by path inside the graph folder
    violations: dict[str, list[Violation]] | None = None  # SHACL's, by focus node; None: not current
    checks: dict[str, list[tuple[str, Violation]]] = field(default_factory=dict)  # by check: (focus, violation)
    reads: dict[str, frozenset[str] | None] = field(default_factory=dict)  # by check: the predicates it reads
    triples: int = 0
    outputs: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # Turtle written: path -> its stat
    stores: dict[str, str] = field(default_factory=dict)  # a --store path -> the generation it was copied from
    document: str = ""  # the file in the cache folder holding the Turtle document
    layout: dict[str, tuple[int, int]] = field(default_factory=dict)  # its bodies (``build.document``)
    pending: str = ""  # the N-Quads file in the cache folder whose store is still to be written


def folder(graph_dir: Path) -> Path:
    return graph_dir / CACHE_FOLDER


def store_path(graph_dir: Path) -> Path:
    """The cache's on-disk store: a symlink to its current generation."""
    return folder(graph_dir) / "store"


def writable(graph_dir: Path) -> bool:
    """Whether this process may keep a cache in the graph folder (a read-only checkout, another
    user's folder or a read-only mount is built without one)."""
    where = folder(graph_dir)
    return os.access(where if where.is_dir() else graph_dir, os.W_OK | os.X_OK)


def read(graph_dir: Path) -> Manifest | None:
    """The cache's manifest, or None if there is none usable (absent, another format, damaged)."""
    try:
        data = (folder(graph_dir) / "manifest.pickle").read_bytes()
        found = pickle.loads(data)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != FORMAT or not isinstance(found[1], Manifest):
        return None
    return found[1]


def write(graph_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (the folder and its .gitignore first, if new), then remove the
    documents and the pending quads of other builds (and the per-graph bodies of an earlier format)."""
    where = prepare(graph_dir)
    write_bytes(where / "manifest.pickle", pickle.dumps((FORMAT, manifest), protocol=pickle.HIGHEST_PROTOCOL))
    for stale in where.glob("turtle-*.ttl"):
        if stale.name != manifest.document:
            stale.unlink(missing_ok=True)
    for stale in where.glob("quads-*.nq"):
        if stale.name != manifest.pending:
            stale.unlink(missing_ok=True)
    if (where / OLD_BODIES).is_dir():  # once: the first manifest written over such a cache
        shutil.rmtree(where / OLD_BODIES, ignore_errors=True)


def prepare(graph_dir: Path) -> Path:
    """The cache folder, made (with the .gitignore that keeps it out of git) if it is not there yet."""
    where = folder(graph_dir)
    if not (where / ".gitignore").exists():
        write_bytes(where / ".gitignore", b"# the build cache of figuregraph: safe to delete\n*\n")
    return where


def new_document(graph_dir: Path) -> Path:
    """Where a build puts its Turtle document: a new name each time, so that a manifest never reads
    another build's document (the one it names is kept until another manifest replaces it)."""
    return prepare(graph_dir) / f"turtle-{secrets.token_hex(8)}.ttl"


def new_quads(graph_dir: Path) -> Path:
    """Where a clean build puts the N-Quads its on-disk store is to be made from (a new name each time)."""
    return prepare(graph_dir) / f"quads-{secrets.token_hex(8)}.nq"


def code_key(paths: list[Path]) -> str:
    """A digest of the files that shape a graph (the code that emits and validates, the ontology)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_stat(path: Path) -> tuple[int, int, int]:
    return stat_key(path.stat())


def stat_key(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino


def digest(data: bytes) -> bytes:
    """Content's digest, as bytes (thousands of them are in the manifest: half the size of hex)."""
    return hashlib.blake2b(data, digest_size=16).digest()


# ------------------------------------------------------------------------------ a file's entry

def fingerprint(record: Any) -> bytes:
    """A record's content as the one writer writes it (no origin: moving it changes no triple)."""
    kind = _nested_kind(record)
    return digest(f"{type(record).__name__}:{record_mapping(kind, record)!r}".encode())


def key(space: str, ident: str) -> Key:
    return f"{space}\0{ident}"


def key_of(record: Any) -> Key | None:
    space = SPACES.get(type(record))
    return None if space is None else key(space, record.id)


def entry(rf: RecordFile, stat: tuple[int, int, int], file_digest: bytes, graph: str) -> FileEntry:
    """A linked record file's entry: its records' keys and fingerprints, the keys it refers to."""
    defines: dict[Key, bytes] = {}
    refers: set[Key] = set()
    assessments: list[tuple[str, date, str]] = []
    for kind, record in records_of(rf):
        key = key_of(record)
        if key is not None:
            defines[key] = fingerprint(record)
        if isinstance(record, Assessment):
            assessments.append((record.of.id, record.on, record.id))
        refers.update(referred(kind, record))
    return FileEntry(stat, file_digest, graph, defines, frozenset(refers), tuple(assessments), counts(rf))


def referred(kind: Kind, record: Any) -> Iterator[Key]:
    """The keys a record's references may resolve to: every space each name is looked up in (a
    record appearing in one may change the answer)."""
    for fd in kind.fields:
        if fd.refers is None:
            continue
        value = getattr(record, fd.attr)
        for ref in value if isinstance(value, list) else [value] if value is not None else []:
            for space in REFERS_TO[fd.refers]:
                yield key(space, ref.id)


def empty_entry(stat: tuple[int, int, int], file_digest: bytes) -> FileEntry:
    """The entry of a file that holds no records (an empty file)."""
    return FileEntry(stat, file_digest, "", {}, frozenset(), (), {})


# The id spaces a reference of each sort is looked up in (``link.RESOLVERS``); a citation is its
# document's own.
REFERS_TO: dict[str, tuple[str, ...]] = {
    "actor": ("subject",), "subject": ("subject",), "place": ("subject",), "object": ("subject",),
    "source": ("source",), "measure": ("measure",), "unit": ("unit",), "figure": ("claim",),
    "claim": ("claim",), "assessable": ("subject", "source"), "citation": (),
}


def counts(rf: RecordFile) -> dict[str, int]:
    """What the build reports, for one file (summed over the graph folder)."""
    vocab = rf if isinstance(rf, Vocabulary) else rf.vocabulary
    doc = rf if isinstance(rf, Document) else None
    return {
        "figures": len(doc.figures) if doc else 0,
        "statements": len(doc.statements) if doc else 0,
        "sources": (1 + len(doc.sources)) if doc else 0,
        "citations": len(doc.citations) if doc else 0,
        "actors": len(vocab.actors) if vocab else 0,
        "places": len(vocab.places) if vocab else 0,
        "measures": len(vocab.measures) if vocab else 0,
    }


def total(per_file: Iterable[dict[str, int]]) -> dict[str, int]:
    """The counts of several files (``counts``) summed: what a graph folder holds, by kind of record."""
    summed: dict[str, int] = {}
    for found in per_file:
        for name, n in found.items():
            summed[name] = summed.get(name, 0) + n
    return summed

