"""Pass one: parse record files into typed records. References stay unresolved (``Ref``).

A graph directory holds YAML files of two kinds, told apart by their top-level keys:
vocabulary files (``actors``, ``places``, ``events``, ``units``, ``measures``, ``assessments``) and source-document
files (``source`` plus optional ``citations``, ``figures``, ``statements``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from . import bounds
from ..errors import InputError, Location
from .fields import Fields
from .kinds import ACTOR_CLASSES, CITO_PROPERTIES, PLACE_CLASSES, RELATION_PROPERTIES, RELIABILITY, SOURCE_CLASSES
from .yamlio import Mapping, load_yaml


VOCAB_KEYS = ("actors", "places", "events", "units", "measures", "assessments")
DOCUMENT_KEYS = ("source", "citations", "figures", "statements", "new-actors", "new-places", "new-measures",
                 "new-units", "new-sources")
# What an ingested document introduces for review ("new-actors", ...): parsed as the
# vocabulary keys of the same name, and the sources it cites that the graph lacks.


@dataclass(frozen=True)
class Ref:
    """A reference to another record by id, resolved in pass two."""

    id: str
    line: int


@dataclass(frozen=True)
class Origin:
    """Where a record was written."""

    path: Path
    line: int
    record: str

    def location(self, line: int | None = None) -> Location:
        return Location(self.path, line or self.line, self.record)


@dataclass
class Named:
    """A vocabulary entry with a kind, a label and aliases (an actor or a place)."""

    id: str
    kind: str
    label: str
    origin: Origin
    aliases: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class Actor(Named):
    role: str | None = None
    affiliated_with: list[Ref] = field(default_factory=list)
    based_in: Ref | None = None


@dataclass
class Place(Named):
    pass


@dataclass
class Event:
    """A dated event that periods are counted from ("since the partial mobilisation")."""

    id: str
    label: str
    on: date
    origin: Origin
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    place: Ref | None = None


@dataclass
class Unit:
    id: str
    label: str
    definition: str
    origin: Origin


@dataclass
class Assessment:
    """A person's reliability grade (A-F) for an actor or a source: who, when and why."""

    id: str
    of: Ref
    reliability: str
    by: str
    on: date
    because: str
    origin: Origin


@dataclass
class Measure:
    id: str
    label: str
    definition: str
    unit: Ref
    origin: Origin


@dataclass
class SourceCite:
    source: Ref
    kind: str


@dataclass
class Source:
    id: str
    kind: str
    label: str
    origin: Origin
    title: str | None = None
    publisher: Ref | None = None
    authors: list[Ref] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    section: str | None = None
    cites: list[SourceCite] = field(default_factory=list)


@dataclass
class Citation:
    key: str
    cites: Ref
    text: str
    origin: Origin
    number: str | None = None
    locator: str | None = None
    kind: str = "cites"


@dataclass
class Period:
    phrase: str
    start: date | None = None
    end: date | None = None


@dataclass
class Claim:
    """Fields shared by figures and statements."""

    id: str
    quote: str
    origin: Origin
    about: list[Ref]
    at: int | None = None
    reported_by: list[Ref] = field(default_factory=list)
    citations: list[Ref] = field(default_factory=list)
    derived_from: list[Ref] = field(default_factory=list)


@dataclass
class Figure(Claim):
    wording: str = ""
    value: Decimal = Decimal(0)
    qualifier: str = "exact"
    rounding: Decimal = Decimal(1)
    lower: Decimal | None = None
    upper: Decimal | None = None
    measure: Ref | None = None
    unit: Ref | None = None
    period: Period | None = None
    part_of: Ref | None = None


@dataclass
class Statement(Claim):
    relation: str | None = None
    objects: list[Ref] = field(default_factory=list)


@dataclass
class Vocabulary:
    path: Path
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)


@dataclass
class Document:
    path: Path
    source: Source
    citations: list[Citation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    vocabulary: Vocabulary | None = None  # "new-actors", "new-measures", ...: introduced here
    sources: list[Source] = field(default_factory=list)  # "new-sources": cited sources introduced here


RecordFile = Vocabulary | Document


# ------------------------------------------------------------------------------ helpers

def _ref(f: Fields, key: str, required: bool = False) -> Ref | None:
    value = f.text(key, required=required)
    return Ref(str(value), value.line) if value is not None else None


def _refs(f: Fields, key: str) -> list[Ref]:
    return [Ref(str(v), v.line) for v in f.texts(key)]


def _origin(f: Fields, path: Path, record_id: str) -> Origin:
    f.record = record_id
    return Origin(path, f.mapping.line, record_id)


def _records(top: Fields, key: str, what: str) -> list[tuple[Fields, str, Origin]]:
    """Each entry of a top-level list as (fields, id, origin)."""
    out = []
    for entry in top.mappings(key):
        f = Fields(entry, top.path, what)
        record_id = f.ident("id")
        out.append((f, str(record_id), _origin(f, top.path, str(record_id))))
    return out


# ------------------------------------------------------------------------------ vocabularies

def _parse_vocabulary(top: Fields, path: Path, prefix: str = "") -> Vocabulary:
    """The vocabulary keys of a file (``prefix`` "new-": those a document introduces)."""
    vocab = Vocabulary(path)
    for f, rid, origin in _records(top, prefix + "actors", "an actor"):
        vocab.actors.append(Actor(
            id=rid, kind=str(f.choice("kind", ACTOR_CLASSES)), label=str(f.req_text("label")), origin=origin,
            aliases=[str(a) for a in f.texts("aliases")], description=_opt(f.text("description")),
            role=_opt(f.text("role")), affiliated_with=_refs(f, "affiliated-with"), based_in=_ref(f, "based-in"),
        ))
        f.done()
    for f, rid, origin in _records(top, prefix + "places", "a place"):
        vocab.places.append(Place(
            id=rid, kind=str(f.choice("kind", PLACE_CLASSES)), label=str(f.req_text("label")), origin=origin,
            aliases=[str(a) for a in f.texts("aliases")], description=_opt(f.text("description")),
        ))
        f.done()
    for f, rid, origin in _records(top, prefix + "events", "an event"):
        on = f.day("date")
        if on is None:
            raise f.error("an event needs a 'date' (YYYY-MM-DD)", "date")
        vocab.events.append(Event(
            id=rid, label=str(f.req_text("label")), on=on, origin=origin,
            aliases=[str(a) for a in f.texts("aliases")], description=_opt(f.text("description")),
            place=_ref(f, "place"),
        ))
        f.done()
    for f, rid, origin in _records(top, prefix + "units", "a unit"):
        vocab.units.append(Unit(id=rid, label=str(f.req_text("label")),
                                definition=str(f.req_text("definition")), origin=origin))
        f.done()
    for f, rid, origin in _records(top, prefix + "measures", "a measure"):
        unit = _ref(f, "unit", required=True)
        assert unit is not None
        vocab.measures.append(Measure(id=rid, label=str(f.req_text("label")),
                                      definition=str(f.req_text("definition")), unit=unit, origin=origin))
        f.done()
    for f, rid, origin in _records(top, prefix + "assessments", "an assessment"):
        of = _ref(f, "of", required=True)
        on = f.day("on")
        if on is None:
            raise f.error("an assessment needs an 'on' date (YYYY-MM-DD)", "on")
        assert of is not None
        vocab.assessments.append(Assessment(
            id=rid, of=of, reliability=str(f.choice("reliability", RELIABILITY)), by=str(f.req_text("by")),
            on=on, because=str(f.req_text("because")), origin=origin))
        f.done()
    return vocab


# ------------------------------------------------------------------------------ documents

def _parse_source(f: Fields, path: Path) -> Source:
    rid = str(f.ident("id"))
    origin = _origin(f, path, rid)
    cites = []
    for entry in f.mappings("cites"):
        c = Fields(entry, path, "a cites entry", rid)
        target = _ref(c, "source", required=True)
        assert target is not None
        cites.append(SourceCite(target, str(c.choice("as", CITO_PROPERTIES, default="cites"))))
        c.done()
    source = Source(
        id=rid, kind=str(f.choice("kind", SOURCE_CLASSES)), label=str(f.req_text("label")), origin=origin,
        title=_opt(f.text("title")), publisher=_ref(f, "publisher"), authors=_refs(f, "authors"),
        published=f.partial_date("published"), url=_opt(f.url("url")), section=_opt(f.text("section")), cites=cites,
    )
    f.done()
    return source


def _parse_claim_fields(f: Fields, rid: str, origin: Origin) -> dict[str, object]:
    quote = f.req_text("quote")
    about = _refs(f, "about")
    if not about:
        raise f.error("a claim needs an 'about' field: the actor or place it is about")
    return dict(
        id=rid, quote=str(quote), origin=origin, about=about, at=f.integer("at"),
        reported_by=_refs(f, "reported-by"), citations=_refs(f, "citations"),
        derived_from=_refs(f, "derived-from"),
    )


def _parse_period(f: Fields) -> Period | None:
    mapping = f.mapping_field("period")
    if mapping is None:
        return None
    p = Fields(mapping, f.path, "a period", f.record)
    period = Period(phrase=str(p.req_text("phrase")), start=p.day("start"), end=p.day("end"))
    if period.start and period.end and period.start > period.end:
        raise p.error(f"period out of order: start {period.start} is after end {period.end}", "start")
    p.done()
    return period


def _parse_figure(f: Fields, rid: str, origin: Origin) -> Figure:
    common = _parse_claim_fields(f, rid, origin)
    parsed = f.decimal("value", required=True)
    assert parsed is not None
    value, written = parsed
    qualifier = str(f.choice("qualifier", bounds.RULES))
    rounding = f.decimal("rounding")
    if rounding is not None and rounding[0] <= 0:
        raise f.error(f"'rounding' must be positive, not {rounding[1]}", "rounding")
    g = rounding[0] if rounding else bounds.rounding_unit(written)
    lower, upper = (f.decimal("lower"), f.decimal("upper"))
    try:
        lo, hi = bounds.derive(qualifier, value, g, lower[0] if lower else None, upper[0] if upper else None)
    except bounds.BoundsError as exc:
        raise f.error(str(exc), "value") from exc
    figure = Figure(
        **common,  # type: ignore[arg-type]
        wording=str(f.req_text("wording")), value=value, qualifier=qualifier, rounding=g,
        lower=lo, upper=hi, measure=_ref(f, "measure", required=True), unit=_ref(f, "unit"),
        period=_parse_period(f), part_of=_ref(f, "part-of"),
    )
    if len(figure.about) != 1:
        raise f.error("a figure is about exactly one actor or place", "about")
    f.done()
    return figure


def _parse_statement(f: Fields, rid: str, origin: Origin) -> Statement:
    common = _parse_claim_fields(f, rid, origin)
    statement = Statement(
        **common,  # type: ignore[arg-type]
        relation=f.choice("relation", RELATION_PROPERTIES, required=False), objects=_refs(f, "objects"),
    )
    if statement.relation and not statement.objects:
        raise f.error("a statement with a relation needs 'objects'", "relation")
    if statement.objects and not statement.relation:
        raise f.error("a statement with 'objects' needs a 'relation'", "objects")
    f.done()
    return statement


def _parse_document(top: Fields, path: Path) -> Document:
    source_map = top.mapping_field("source")
    if source_map is None:
        raise top.error("a source-document file needs a 'source' mapping")
    doc = Document(path, _parse_source(Fields(source_map, path, "the source"), path))
    for entry in top.mappings("citations"):
        f = Fields(entry, path, "a citation")
        key = str(f.ident("id"))
        origin = _origin(f, path, key)
        target = _ref(f, "cites", required=True)
        assert target is not None
        doc.citations.append(Citation(
            key=key, cites=target, text=str(f.req_text("text")), origin=origin,
            number=_opt(f.text("number")), locator=_opt(f.text("locator")),
            kind=str(f.choice("as", CITO_PROPERTIES, default="cites")),
        ))
        f.done()
    for f, rid, origin in _records(top, "figures", "a figure"):
        doc.figures.append(_parse_figure(f, rid, origin))
    for f, rid, origin in _records(top, "statements", "a statement"):
        doc.statements.append(_parse_statement(f, rid, origin))
    if any(str(key).startswith("new-") and key != "new-sources" for key in top.mapping):
        doc.vocabulary = _parse_vocabulary(top, path, prefix="new-")
    for entry in top.mappings("new-sources"):
        doc.sources.append(_parse_source(Fields(entry, path, "a new source"), path))
    return doc


# ------------------------------------------------------------------------------ files

def parse_file(path: Path) -> RecordFile | None:
    """Parse one record file; None for an empty file."""
    data = load_yaml(path)
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise InputError("a record file must be a mapping at the top level", Location(path, getattr(data, "line", 1)))
    keys = set(data)
    unknown = keys - set(VOCAB_KEYS) - set(DOCUMENT_KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(
            f"unknown top-level key '{key}'; a file holds either {', '.join(VOCAB_KEYS)} "
            f"or {', '.join(DOCUMENT_KEYS)}", Location(path, getattr(data[key], "line", data.line)))
    top = Fields(data, path, "the file")
    if keys & set(DOCUMENT_KEYS):
        if keys & set(VOCAB_KEYS):
            raise top.error("a file holds either vocabularies or one source document, not both")
        result: RecordFile = _parse_document(top, path)
    else:
        result = _parse_vocabulary(top, path)
    top.done()
    return result


def record_files(directory: Path) -> list[Path]:
    """The record files below a graph directory, in a stable order."""
    if not directory.is_dir():
        raise InputError(f"graph directory not found: {directory}")
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def parse_directory(directory: Path) -> list[RecordFile]:
    """Pass one over a whole graph directory."""
    files = [parse_file(p) for p in record_files(directory)]
    return [f for f in files if f is not None]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
