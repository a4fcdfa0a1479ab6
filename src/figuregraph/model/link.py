"""Pass two: index every record by id and resolve references, or say which one dangles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

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
)

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

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, ref: Ref, origin: Origin, what: str, *tables: Table[object]) -> object:
        for table in tables:
            if ref.id in table.items:
                return table.items[ref.id]
        known = sorted({k for t in tables for k in t.items})
        raise InputError(f"unknown {what} '{ref.id}'{did_you_mean(ref.id, known)}", origin.location(ref.line))

    def actor(self, ref: Ref, origin: Origin) -> Actor:
        return self.resolve(ref, origin, "actor", self.actors)  # type: ignore[return-value]

    def subject(self, ref: Ref, origin: Origin) -> Actor | Place:
        return self.resolve(ref, origin, "actor or place", self.actors, self.places)  # type: ignore[return-value]

    def place(self, ref: Ref, origin: Origin) -> Place | Actor:
        """A place, or a military district (which is both)."""
        found = self.subject(ref, origin)
        if isinstance(found, Actor) and found.kind != "military-district":
            raise InputError(f"'{ref.id}' is an actor, not a place", origin.location(ref.line))
        return found

    def source(self, ref: Ref, origin: Origin) -> Source:
        return self.resolve(ref, origin, "source", self.sources)  # type: ignore[return-value]

    def measure(self, ref: Ref, origin: Origin) -> Measure:
        return self.resolve(ref, origin, "measure", self.measures)  # type: ignore[return-value]

    def unit(self, ref: Ref, origin: Origin) -> Unit:
        return self.resolve(ref, origin, "unit", self.units)  # type: ignore[return-value]

    def figure(self, ref: Ref, origin: Origin) -> Figure:
        found = self.resolve(ref, origin, "figure", self.claims)
        if not isinstance(found, Figure):
            raise InputError(f"'{ref.id}' is a statement, not a figure", origin.location(ref.line))
        return found

    def claim(self, ref: Ref, origin: Origin) -> Figure | Statement:
        return self.resolve(ref, origin, "figure or statement", self.claims)  # type: ignore[return-value]

    def assessable(self, ref: Ref, origin: Origin) -> Actor | Source:
        """What a reliability assessment may grade: an actor or a source."""
        return self.resolve(ref, origin, "actor or source", self.actors, self.sources)  # type: ignore[return-value]

    def latest_assessment(self, target: str) -> Assessment | None:
        """The most recent assessment of an actor or source (by date, then id)."""
        found = [a for v in self.vocabularies for a in v.assessments if a.of.id == target]
        return max(found, key=lambda a: (a.on, a.id)) if found else None


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
            for claim in [*rf.figures, *rf.statements]:
                index.claims.add(claim.id, claim, claim.origin)
    return index


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
    for a in vocab.assessments:
        index.assessments.add(a.id, a, a.origin)


def _add_subject(index: Index, record_id: str, item: Actor | Place, origin: Origin) -> None:
    # Actors and places share one id space: "about: X" must never be ambiguous.
    other = index.places if isinstance(item, Actor) else index.actors
    if record_id in other.items:
        first = other.origins[record_id]
        raise InputError(f"duplicate actor or place id '{record_id}' (first defined in {first.path}:{first.line})",
                         origin.location())
    (index.actors if isinstance(item, Actor) else index.places).add(record_id, item, origin)  # type: ignore[arg-type]


def citation_table(doc: Document) -> dict[str, Citation]:
    """A document's citations by key; keys are local to the document."""
    table: Table[Citation] = Table("citation")
    for c in doc.citations:
        table.add(c.key, c, c.origin)
    return table.items

