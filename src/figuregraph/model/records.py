"""Record files <-> typed records, both ways from the schema (``schema``): ``parse_file`` reads,
``dump`` is the one writer. References stay unresolved (``Ref``) until ``link`` resolves them.

A graph directory holds YAML files of two sorts, told apart by their top-level keys:
vocabulary files (``actors``, ``places``, ...) and source-document files (``source`` plus
optional ``citations``, ``figures``, ...); ``schema.reference()`` lists them all.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar
from collections.abc import Callable, Iterable, Iterator, Sequence

import yaml
from yaml.nodes import ScalarNode

from .. import progress
from ..defaults import CACHE_FOLDER
from ..errors import InputError, Location
from ..rdf.literals import decimal_text
from . import bounds
from .fields import Fields
from .schema import DOCUMENT_KEYS, DOCUMENT_SECTIONS, KINDS, VOCAB_KEYS, VOCABULARY_SECTIONS, Field, Kind, Section
from .yamlio import Mapping, Value, load_yaml, load_yaml_bytes, load_yaml_text

T = TypeVar("T")


@dataclass
class Ref(Generic[T]):
    """A reference to another record by id; ``link`` sets its target."""

    id: str
    line: int = 0
    target: T | None = field(default=None, compare=False, repr=False)

    def get(self) -> T:
        """The record it names (after linking)."""
        if self.target is None:
            raise RuntimeError(f"reference '{self.id}' was not resolved: link the records first")
        return self.target


@dataclass(frozen=True)
class Origin:
    """Where a record was written (line 0: made by a program, not read)."""

    path: Path
    line: int
    record: str

    def location(self, line: int | None = None) -> Location:
        return Location(self.path, line or self.line or None, self.record)


# ------------------------------------------------------------------------------ records

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
    affiliated_with: list[Ref[Actor]] = field(default_factory=list)
    based_in: Ref[Place | Actor] | None = None


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
    place: Ref[Place | Actor] | None = None


@dataclass
class Unit:
    id: str
    label: str
    definition: str
    origin: Origin


@dataclass
class Measure:
    id: str
    label: str
    definition: str
    unit: Ref[Unit]
    origin: Origin


@dataclass
class Assessment:
    """A person's reliability grade (A-F) for an actor or a source: who, when and why."""

    id: str
    of: Ref[Actor | Source]
    reliability: str
    by: str
    on: date
    because: str
    origin: Origin


@dataclass
class SourceCite:
    source: Ref[Source]
    kind: str = "cites"


@dataclass
class Source:
    id: str
    kind: str
    label: str
    origin: Origin
    title: str | None = None
    publisher: Ref[Actor] | None = None
    authors: list[Ref[Actor]] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    section: str | None = None
    text_sha256: str | None = None
    converter: str | None = None
    cites: list[SourceCite] = field(default_factory=list)


@dataclass
class Citation:
    key: str
    cites: Ref[Source]
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
    about: list[Ref[Actor | Place]]
    at: int | None = None
    page: int | None = None
    reported_by: list[Ref[Actor]] = field(default_factory=list)
    citations: list[Ref[Citation]] = field(default_factory=list)
    derived_from: list[Ref[Figure | Statement]] = field(default_factory=list)


@dataclass
class Figure(Claim):
    wording: str = ""
    value: Decimal = Decimal(0)
    qualifier: str = "exact"
    rounding: Decimal = Decimal(1)
    lower: Decimal | None = None
    upper: Decimal | None = None
    measure: Ref[Measure] | None = None
    unit: Ref[Unit] | None = None
    period: Period | None = None
    part_of: Ref[Figure] | None = None


@dataclass
class Statement(Claim):
    relation: str | None = None
    objects: list[Ref[Actor | Place]] = field(default_factory=list)


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


# ------------------------------------------------------------------------------ reading

def _read_ref(f: Fields, fd: Field) -> Ref[Any] | None:
    value = f.text(fd.key)
    return Ref(str(value), value.line) if value is not None else None


def _read_day(f: Fields, fd: Field) -> date | None:
    return f.day(fd.key)


def _read_decimal(f: Fields, fd: Field) -> tuple[Decimal, str] | None:
    return f.decimal(fd.key)


READERS: dict[str, Callable[[Fields, Field], object]] = {
    "id": lambda f, fd: str(f.ident(fd.key)),
    "text": lambda f, fd: _opt(f.text(fd.key)),
    "texts": lambda f, fd: [str(t) for t in f.texts(fd.key)],
    "ref": _read_ref,
    "refs": lambda f, fd: [Ref(str(v), v.line) for v in f.texts(fd.key)],
    "choice": lambda f, fd: f.choice(fd.key, fd.choices or {}, required=False, default=fd.default),
    "url": lambda f, fd: _opt(f.url(fd.key)),
    "day": _read_day,
    "partial-date": lambda f, fd: f.partial_date(fd.key),
    "decimal": _read_decimal,
    "integer": lambda f, fd: f.integer(fd.key),
    "mapping": lambda f, fd: _read_nested(f, fd),
    "list": lambda f, fd: [read_record(KINDS[fd.kind or ""], m, f.path, f.record) for m in f.mappings(fd.key)],
}


def _read_nested(f: Fields, fd: Field) -> object:
    mapping = f.mapping_field(fd.key)
    return None if mapping is None else read_record(KINDS[fd.kind or ""], mapping, f.path, f.record)


def _absent(value: object) -> bool:
    return value is None or value == []


Step = tuple[Field, Callable[[Fields, Field], object], bool, object]


def _steps(kind: Kind) -> list[Step]:
    """Each field of a kind with its reader, whether its absence is the "needs a field" error (with a
    misspelling hint) before anything else, and else what its reader gives when it is absent (read
    once from an empty mapping); made once per kind."""
    steps = _STEPS.get(kind.name)
    if steps is None:
        empty = Fields(Mapping(), Path(), kind.what)
        steps = _STEPS[kind.name] = [
            (fd, READERS[fd.type], needed, None if needed else READERS[fd.type](empty, fd))
            for fd in kind.fields for needed in [fd.required and fd.missing is None]]
    return steps


_STEPS: dict[str, list[Step]] = {}


def read_record(kind: Kind, mapping: Value, path: Path, record: str | None = None) -> Any:
    """One record of a kind from its YAML mapping, every field typed and checked (an absent field
    gives what its reader gives for one, without the reader)."""
    f = Fields(mapping, path, kind.what, record)
    values: dict[str, Any] = {}
    origin: Origin | None = None
    given = f.mapping
    for fd, read, needed, blank in _steps(kind):
        if given.get(fd.key) is not None:
            value = read(f, fd)
        elif needed:
            f.require(fd.key)  # raises
        else:
            f.skip(fd.key)
            value = [] if type(blank) is list else blank  # a list of its own for each record
        if fd.required and _absent(value):
            raise f.error(fd.missing or f"{kind.what} needs a '{fd.key}' field")
        values[fd.attr] = value
        if fd.type == "id":
            f.record = str(value)
            origin = Origin(path, f.mapping.line, str(value))
    f.done()
    return MAKERS[kind.name](values, f, origin)


def _figure(v: dict[str, Any], f: Fields, origin: Origin | None) -> Figure:
    value, written = v.pop("value")
    rounding = v.pop("rounding")
    if rounding is not None and rounding[0] <= 0:
        raise f.error(f"'rounding' must be positive, not {rounding[1]}", "rounding")
    g = rounding[0] if rounding else bounds.rounding_unit(written)
    lower, upper = v.pop("lower"), v.pop("upper")
    try:
        lo, hi = bounds.derive(v["qualifier"], value, g, lower[0] if lower else None, upper[0] if upper else None)
    except bounds.BoundsError as exc:
        raise f.error(str(exc), "value") from exc
    if len(v["about"]) != 1:
        raise f.error("a figure is about exactly one actor or place", "about")
    assert origin is not None  # a figure has an id, so an origin
    return Figure(**v, origin=origin, value=value, rounding=g, lower=lo, upper=hi)


def _statement(v: dict[str, Any], f: Fields, origin: Origin | None) -> Statement:
    if v["relation"] and not v["objects"]:
        raise f.error("a statement with a relation needs 'objects'", "relation")
    if v["objects"] and not v["relation"]:
        raise f.error("a statement with 'objects' needs a 'relation'", "objects")
    assert origin is not None  # a statement has an id, so an origin
    return Statement(**v, origin=origin)


def _period(v: dict[str, Any], f: Fields, origin: Origin | None) -> Period:
    if v["start"] and v["end"] and v["start"] > v["end"]:
        raise f.error(f"period out of order: start {v['start']} is after end {v['end']}", "start")
    return Period(**v)


def _with_origin(cls: type) -> Callable[[dict[str, Any], Fields, Origin | None], Any]:
    return lambda v, f, origin: cls(**v, origin=origin)


MAKERS: dict[str, Callable[[dict[str, Any], Fields, Origin | None], Any]] = {
    "actor": _with_origin(Actor), "place": _with_origin(Place), "event": _with_origin(Event),
    "unit": _with_origin(Unit), "measure": _with_origin(Measure), "assessment": _with_origin(Assessment),
    "source-cite": lambda v, f, origin: SourceCite(**v), "source": _with_origin(Source),
    "citation": _with_origin(Citation), "period": _period, "figure": _figure, "statement": _statement,
}


def _sections(top: Fields, sections: Iterable[Section]) -> Iterator[tuple[Section, list[Any]]]:
    for section in sections:
        kind = KINDS[section.kind]
        if section.many:
            yield section, [read_record(kind, m, top.path) for m in top.mappings(section.key)]
        else:
            mapping = top.mapping_field(section.key)
            yield section, [] if mapping is None else [read_record(kind, mapping, top.path)]


def _document(top: Fields, path: Path) -> Document:
    if top.mapping.get("source") is None:
        raise top.error("a source-document file needs a 'source' mapping")
    read = dict((s.key, records) for s, records in _sections(top, DOCUMENT_SECTIONS))
    new = {s.key[len("new-"):]: read[s.key] for s in DOCUMENT_SECTIONS if s.key.startswith("new-")
           and s.key != "new-sources"}
    vocabulary = Vocabulary(path, **new) if any(key.startswith("new-") and key != "new-sources"
                                                for key in top.mapping) else None
    return Document(path, read["source"][0], citations=read["citations"], figures=read["figures"],
                    statements=read["statements"], vocabulary=vocabulary, sources=read["new-sources"])


def _vocabulary(top: Fields, path: Path) -> Vocabulary:
    return Vocabulary(path, **{s.key: records for s, records in _sections(top, VOCABULARY_SECTIONS)})


def parse_value(data: Value, path: Path) -> RecordFile | None:
    """A record file from its located YAML values; None for an empty file."""
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
        result: RecordFile = _document(top, path)
    else:
        result = _vocabulary(top, path)
    top.done()
    return result


def parse_file(path: Path) -> RecordFile | None:
    """Parse one record file; None for an empty file."""
    return parse_value(load_yaml(path), path)


def parse_bytes(data: bytes, path: Path) -> RecordFile | None:
    """Parse a record file's bytes, already read from ``path`` (a build hashes them too)."""
    return parse_value(load_yaml_bytes(data, path), path)


def parse_text(text: str, path: Path) -> RecordFile | None:
    """Parse a record file's text as if it stood at ``path`` (for checking before writing)."""
    return parse_value(load_yaml_text(text, path), path)


def record_files(directory: Path) -> list[Path]:
    """The record files below a graph directory, in a stable order."""
    return [path for path, _ in record_stats(directory)]


def record_stats(directory: Path) -> list[tuple[Path, os.stat_result]]:
    """The record files below a graph directory in path order, each with its ``os.stat`` (one call a
    file: a rebuild's planner compares them with the last build's)."""
    if not directory.is_dir():
        raise InputError(f"graph directory not found: {directory}")
    found = []
    for folder, subfolders, names in os.walk(directory):
        subfolders[:] = [d for d in subfolders if d != CACHE_FOLDER]
        for name in names:
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except (OSError, ValueError):  # a dangling link: no file, as Path.is_file says
                    continue
                if stat.S_ISREG(info.st_mode):
                    found.append((path, info))
    found.sort(key=lambda item: item[0].split(os.sep))  # the order of Path's parts
    return [(Path(path), info) for path, info in found]


def parse_directory(directory: Path) -> list[RecordFile]:
    """Every record file of a graph directory, parsed."""
    files = [parse_file(p) for p in progress.track(record_files(directory), "reading records", unit="files")]
    return [f for f in files if f is not None]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


# ------------------------------------------------------------------------------ writing

class _Plain(str):
    """A number or date written as a plain YAML scalar (the reader reads every scalar as text)."""


class _Flow(list[str]):
    """A list of words, written on one line ([a, b]) as the curated records are."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # base chosen at run time
    """libyaml's emitter when PyYAML has it; numbers and dates unquoted, text quoted where YAML would
    read it as something else (``NO``, ``012``), so that other YAML readers see text too."""


def _represent_plain(dumper: yaml.SafeDumper, value: _Plain) -> ScalarNode:
    tag = dumper.resolve(ScalarNode, str(value), (True, False))
    return dumper.represent_scalar(tag, str(value))


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Plain, _represent_plain)
_Dumper.add_representer(_Flow, _represent_flow)

WRITERS: dict[str, Callable[[Any], Any]] = {
    "id": str, "text": str, "choice": str, "url": str,
    "texts": lambda v: _Flow(str(t) for t in v),
    "ref": lambda v: v.id,
    "refs": lambda v: _Flow(r.id for r in v),
    "day": lambda v: _Plain(v.isoformat()),
    "partial-date": _Plain,
    "decimal": lambda v: _Plain(decimal_text(v)),
    "integer": lambda v: _Plain(str(v)),
    "mapping": lambda v: record_mapping(_nested_kind(v), v),
    "list": lambda v: [record_mapping(_nested_kind(item), item) for item in v],
}
_CLASS_KIND = {Actor: "actor", Place: "place", Event: "event", Unit: "unit", Measure: "measure",
               Assessment: "assessment", SourceCite: "source-cite", Source: "source", Citation: "citation",
               Period: "period", Figure: "figure", Statement: "statement"}


def _nested_kind(record: object) -> Kind:
    return KINDS[_CLASS_KIND[type(record)]]


def _omitted(kind: Kind, fd: Field, record: Any) -> bool:
    """Fields the reader derives, and so the writer leaves out: a figure's bounds (unless a range)
    and its rounding unit (unless it differs from the written value's)."""
    if kind.name != "figure":
        return False
    if fd.key in ("lower", "upper"):
        return bool(record.qualifier != "range")
    if fd.key == "rounding":
        return bool(record.rounding == bounds.rounding_unit(decimal_text(record.value)))
    return False


def record_mapping(kind: Kind, record: Any) -> dict[str, Any]:
    """A record as the mapping its file holds, fields in schema order, empty and default ones left out."""
    out: dict[str, Any] = {}
    for fd in kind.fields:
        value = getattr(record, fd.attr)
        if _absent(value) or (fd.default is not None and value == fd.default) or _omitted(kind, fd, record):
            continue
        written = WRITERS[fd.type](value)
        out[fd.key] = written[0] if fd.alone and len(written) == 1 else written
    return out


def section_records(rf: RecordFile, section: Section) -> list[Any]:
    """The records of one section of a file (a document's "source" is a list of one)."""
    if isinstance(rf, Vocabulary):
        return list(getattr(rf, section.key))
    if section.key == "source":
        return [rf.source]
    if section.key == "new-sources":
        return rf.sources
    if section.key.startswith("new-"):
        return list(getattr(rf.vocabulary, section.key[len("new-"):])) if rf.vocabulary else []
    return list(getattr(rf, section.key))


def file_mapping(rf: RecordFile) -> dict[str, Any]:
    """A record file as the mapping it is written as."""
    out: dict[str, Any] = {}
    sections = VOCABULARY_SECTIONS if isinstance(rf, Vocabulary) else DOCUMENT_SECTIONS
    for section in sections:
        records = section_records(rf, section)
        if not records:
            continue
        mappings = [record_mapping(KINDS[section.kind], r) for r in records]
        out[section.key] = mappings if section.many else mappings[0]
    return out


def dump(rf: RecordFile, header: Sequence[str] = ()) -> str:
    """A record file's text: the one writer of records. ``header`` lines become comments on top.
    Reading the text back gives the same records (a property test checks it)."""
    body = yaml.dump(file_mapping(rf), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=False)
    comments = [part for line in header for part in line.splitlines() or [""]]
    return "".join(f"# {line}".rstrip() + "\n" for line in comments) + body
