"""Linking, in one pass before anything is emitted: every record registered by id, every reference
resolved (``Ref.target``), every cross-record error raised with its file, line and record.

``build_index`` registers (duplicates are errors); ``link`` registers and resolves. What may be
named where is the schema's (``Field.refers``); what each name accepts is ``RESOLVERS`` here.
After ``link`` the emitter cannot meet a dangling reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar
from collections.abc import Callable, Iterable, Iterator

from ..errors import InputError, did_you_mean
from .records import (
    Actor,
    Assessment,
    Citation,
    Document,
    Event,
    Figure,
    Measure,
    Origin,
    Place,
    RecordFile,
    Ref,
    Source,
    Statement,
    Unit,
    Vocabulary,
    section_records,
)
from .schema import DOCUMENT_SECTIONS, KINDS, VOCABULARY_SECTIONS, Kind

T = TypeVar("T")


@dataclass
class Table(Generic[T]):
    """Records of one kind by id; a second record with the same id is an error."""

    what: str
    items: dict[str, T] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)

    def add(self, record_id: str, item: T, origin: Origin) -> None:
        if record_id in self.items:
            first = self.origins[record_id]
            raise InputError(
                f"duplicate {self.what} id '{record_id}' (first defined in {first.path}:{first.line})",
                origin.location(),
            )
        self.items[record_id] = item
        self.origins[record_id] = origin


@dataclass
class Index:
    """All records of a graph directory, by kind and id."""

    actors: Table[Actor] = field(default_factory=lambda: Table("actor or place"))
    places: Table[Place] = field(default_factory=lambda: Table("actor or place"))
    events: Table[Event] = field(default_factory=lambda: Table("event"))
    units: Table[Unit] = field(default_factory=lambda: Table("unit"))
    measures: Table[Measure] = field(default_factory=lambda: Table("measure"))
    sources: Table[Source] = field(default_factory=lambda: Table("source"))
    claims: Table[Figure | Statement] = field(default_factory=lambda: Table("figure or statement"))
    assessments: Table[Assessment] = field(default_factory=lambda: Table("assessment"))
    documents: list[Document] = field(default_factory=list)
    vocabularies: list[Vocabulary] = field(default_factory=list)
    latest: dict[str, Assessment] = field(default_factory=dict)  # the newest assessment of each graded id

    def find(self, ref: Ref[Any], origin: Origin, what: str, *tables: Table[Any]) -> Any:
        for table in tables:
            if ref.id in table.items:
                return table.items[ref.id]
        hint = did_you_mean(ref.id, {k for t in tables for k in t.items})
        raise InputError(f"unknown {what} '{ref.id}'{hint}", origin.location(ref.line))

    def latest_assessment(self, target: str) -> Assessment | None:
        """The most recent assessment of an actor or source (by date, then id)."""
        return self.latest.get(target)


# ------------------------------------------------------------------------------ resolvers

Resolver = Callable[[Ref[Any], Index, Origin, Any, "Document | None"], Any]


def _place(ref: Ref[Any], index: Index, origin: Origin, record: Any, doc: Document | None) -> Any:
    found = index.find(ref, origin, "actor or place", index.actors, index.places)
    if isinstance(found, Actor) and found.kind != "military-district":
        raise InputError(f"'{ref.id}' is an actor, not a place", origin.location(ref.line))
    return found


def _figure(ref: Ref[Any], index: Index, origin: Origin, record: Any, doc: Document | None) -> Any:
    found = index.find(ref, origin, "figure", index.claims)
    if not isinstance(found, Figure):
        raise InputError(f"'{ref.id}' is a statement, not a figure", origin.location(ref.line))
    if found is record:
        raise InputError("a figure cannot be part of itself", origin.location(ref.line))
    return found


def _citation(ref: Ref[Any], index: Index, origin: Origin, record: Any, doc: Document | None) -> Any:
    """A citation of the referring document (citation keys are local to their document)."""
    for c in doc.citations if doc is not None else ():
        if c.key == ref.id:
            return c
    keys = {c.key for c in doc.citations} if doc is not None else set()
    name = doc.path.name if doc is not None else "this file"
    raise InputError(f"unknown citation '{ref.id}' in {name}{did_you_mean(ref.id, keys)}", origin.location(ref.line))


def _object(ref: Ref[Any], index: Index, origin: Origin, record: Any, doc: Document | None) -> Any:
    if record.relation == "affiliated-with":
        return index.find(ref, origin, "actor", index.actors)
    return _place(ref, index, origin, record, doc)


RESOLVERS: dict[str, Resolver] = {
    "actor": lambda r, i, o, rec, d: i.find(r, o, "actor", i.actors),
    "subject": lambda r, i, o, rec, d: i.find(r, o, "actor or place", i.actors, i.places),
    "place": _place,
    "source": lambda r, i, o, rec, d: i.find(r, o, "source", i.sources),
    "measure": lambda r, i, o, rec, d: i.find(r, o, "measure", i.measures),
    "unit": lambda r, i, o, rec, d: i.find(r, o, "unit", i.units),
    "figure": _figure,
    "claim": lambda r, i, o, rec, d: i.find(r, o, "figure or statement", i.claims),
    "assessable": lambda r, i, o, rec, d: i.find(r, o, "actor or source", i.actors, i.sources),
    "citation": _citation,
    "object": _object,
}


# ------------------------------------------------------------------------------ registering

def build_index(files: list[RecordFile]) -> Index:
    """Register every record; duplicates are errors naming both places."""
    index = Index()
    for rf in files:
        vocabularies = [rf] if isinstance(rf, Vocabulary) else ([rf.vocabulary] if rf.vocabulary else [])
        for vocab in vocabularies:
            _add_vocabulary(index, vocab)
        if isinstance(rf, Document):
            index.documents.append(rf)
            index.sources.add(rf.source.id, rf.source, rf.source.origin)
            for source in rf.sources:
                index.sources.add(source.id, source, source.origin)
            citations: Table[Citation] = Table("citation")
            for c in rf.citations:
                citations.add(c.key, c, c.origin)
            claims: list[Figure | Statement] = [*rf.figures, *rf.statements]
            for claim in claims:
                index.claims.add(claim.id, claim, claim.origin)
    graded = newest_assessments((a.of.id, a.on, a.id) for a in index.assessments.items.values())
    index.latest = {target: index.assessments.items[aid] for target, aid in graded.items()}
    return index


def newest_assessments(graded: Iterable[tuple[str, date, str]]) -> dict[str, str]:
    """The newest assessment of each graded id, from (graded id, date, assessment id) triples: the
    latest date, then the greatest id. The one rule for ``Index.latest`` and the build cache."""
    newest: dict[str, tuple[date, str]] = {}
    for target, on, aid in graded:
        if target not in newest or (on, aid) > newest[target]:
            newest[target] = (on, aid)
    return {target: aid for target, (_, aid) in newest.items()}


def _add_vocabulary(index: Index, vocab: Vocabulary) -> None:
    index.vocabularies.append(vocab)
    for a in vocab.actors:
        _add_subject(index, a.id, a, a.origin)
    for p in vocab.places:
        _add_subject(index, p.id, p, p.origin)
    for e in vocab.events:
        index.events.add(e.id, e, e.origin)
    for u in vocab.units:
        index.units.add(u.id, u, u.origin)
    for m in vocab.measures:
        index.measures.add(m.id, m, m.origin)
    for grade in vocab.assessments:
        index.assessments.add(grade.id, grade, grade.origin)


def _add_subject(index: Index, record_id: str, item: Actor | Place, origin: Origin) -> None:
    # Actors and places share one id space: "about: X" must never be ambiguous.
    other: Table[Any] = index.places if isinstance(item, Actor) else index.actors
    if record_id in other.items:
        first = other.origins[record_id]
        raise InputError(f"duplicate actor or place id '{record_id}' (first defined in {first.path}:{first.line})",
                         origin.location())
    if isinstance(item, Actor):
        index.actors.add(record_id, item, origin)
    else:
        index.places.add(record_id, item, origin)


# ------------------------------------------------------------------------------ resolving

def records_of(rf: RecordFile) -> Iterator[tuple[Kind, Any]]:
    """Every record of a file with its kind, in file order (nested ones after their parent)."""
    sections = VOCABULARY_SECTIONS if isinstance(rf, Vocabulary) else DOCUMENT_SECTIONS
    for section in sections:
        for record in section_records(rf, section):
            yield from _nested(KINDS[section.kind], record)


def _nested(kind: Kind, record: Any) -> Iterator[tuple[Kind, Any]]:
    yield kind, record
    for fd in kind.fields:
        if fd.type == "mapping" and getattr(record, fd.attr) is not None:
            yield from _nested(KINDS[fd.kind or ""], getattr(record, fd.attr))
        elif fd.type == "list":
            for item in getattr(record, fd.attr):
                yield from _nested(KINDS[fd.kind or ""], item)


def resolve_file(rf: RecordFile, index: Index) -> None:
    """Resolve every reference of one file against the index (raises on the first that dangles)."""
    doc = rf if isinstance(rf, Document) else None
    origin: Origin | None = None
    for kind, record in records_of(rf):
        origin = getattr(record, "origin", None) or origin  # nested records: their parent's
        assert origin is not None
        for fd in kind.fields:
            if fd.refers is None:
                continue
            value = getattr(record, fd.attr)
            for ref in (value if isinstance(value, list) else [value] if value is not None else []):
                ref.target = RESOLVERS[fd.refers](ref, index, origin, record, doc)


def link(files: list[RecordFile]) -> Index:
    """Register and resolve every record of a graph: the index the emitter maps to triples."""
    index = build_index(files)
    for rf in files:
        resolve_file(rf, index)
    return index
