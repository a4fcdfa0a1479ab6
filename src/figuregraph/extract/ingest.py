"""``ingest``: an extraction written as one source-document record file for review.

The file holds the source, its citations and figures, and what they introduce that the
graph lacks (``new-actors``, ``new-measures``, ``new-units``, ``new-sources``), so that
``build`` accepts it unchanged. Ids come from the document and the figures' content, never
from a counter over the run: ingesting the same document again gives the same file. Matching
leaves the target file out, so that a second run does not match its own proposals."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..model import bounds
from ..files.atomic import write_bytes
from ..build import build_records
from ..model.records import RecordFile, parse_directory, parse_file
from ..validate import validate
from ..errors import InputError
from . import Extraction, extract_text
from .figures import Found
from .lexicon import Lexicon, lexicon_of
from .reading import read_document
from .sources import CitedSource, slug
from .attribution import match_actor

PERSON_NOUNS = ("soldiers", "troops", "personnel", "people", "persons", "deserters", "conscripts", "officers",
                "servicemen", "men", "women", "children", "refugees", "detainees", "prisoners", "convictions")
CASE_NOUNS = ("cases", "proceedings", "trials", "prosecutions", "charges", "sentences")


@dataclass(frozen=True)
class DocumentInfo:
    """What the user says about the document (the text rarely states all of it)."""

    id: str | None  # None: publisher-year-title
    title: str
    publisher: str  # an actor id of the graph, or a name to propose as a new actor
    kind: str = "report"
    published: str | None = None
    url: str | None = None
    about: str | None = None  # the subject of figures whose text names none


def _number(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _actor(name: str, lexicon: Lexicon, new: dict[str, dict[str, Any]]) -> str:
    """An actor id for an id or a name: the graph's, else a proposed new organisation."""
    if name in set(lexicon.actors.values()):
        return name
    known = match_actor(name, lexicon.actors)
    if known:
        return known
    ident = slug(name, 5)
    new.setdefault(ident, {"id": ident, "kind": "organisation", "label": name,
                           "description": "Proposed by ingest; review the kind and add aliases."})
    return ident


class Writer:
    def __init__(self, info: DocumentInfo, lexicon: Lexicon, extraction: Extraction) -> None:
        self.info, self.lexicon, self.ex = info, lexicon, extraction
        self.actors: dict[str, dict[str, Any]] = {}
        self.measures: dict[str, dict[str, Any]] = {}
        self.units: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.skipped: list[Found] = []

    def source(self) -> dict[str, Any]:
        publisher = _actor(self.info.publisher, self.lexicon, self.actors)
        out: dict[str, Any] = {"id": self.info.id, "kind": self.info.kind, "label": self.info.title,
                               "title": self.info.title, "publisher": publisher}
        if self.info.published:
            out["published"] = self.info.published
        if self.info.url:
            out["url"] = self.info.url
        return out

    def cited(self, c: CitedSource) -> str:
        if not c.new or c.id in self.sources:
            return c.id
        entry: dict[str, Any] = {"id": c.id, "kind": c.kind or "web-page",
                                 "label": " ".join(p for p in (c.publisher_name, c.title) if p) or c.id}
        if c.title:
            entry["title"] = c.title
        if c.publisher and c.publisher in self.lexicon.labels:
            entry["publisher"] = c.publisher
        elif c.publisher_name:
            entry["publisher"] = _actor(c.publisher_name, self.lexicon, self.actors)
        if c.published:
            entry["published"] = c.published
        self.sources[c.id] = entry
        return c.id

    def citations(self) -> list[dict[str, Any]]:
        out = []
        notes = {n.number: n for n in self.ex.footnotes}
        for key, c in self.ex.sources.items():
            entry: dict[str, Any] = {"id": _citation_id(key), "cites": self.cited(c)}
            note = notes.get(key)
            if note is not None and not key.startswith("ref-"):
                entry["number"] = key
            if note is not None and note.locator:
                entry["locator"] = note.locator
            entry["text"] = note.text if note is not None else f"{c.publisher_name} (named in the text)"
            out.append(entry)
        return out

    def measure(self, f: Found) -> str:
        if f.measure:
            return f.measure
        label = f.proposed_measure or "unnamed measure"
        ident = slug(label, 6)
        if ident not in self.measures:
            self.measures[ident] = {"id": ident, "label": label, "unit": self.unit(f, label),
                                    "definition": f"Proposed by ingest from \"{f.quote}\"; write the definition."}
        return ident

    def unit(self, f: Found, label: str) -> str:
        words = label.split()
        head = words[-1] if words else ""
        if f.percent:
            wanted = "percent"
        elif head in PERSON_NOUNS:
            wanted = "person"
        elif head in CASE_NOUNS:
            wanted = "case"
        else:
            wanted = slug(head or "item", 2)
        if wanted not in self.lexicon.units and wanted not in self.units:
            self.units[wanted] = {"id": wanted, "label": head or "items",
                                  "definition": f"A count of {head or 'items'} (proposed by ingest)."}
        return wanted

    def figures(self) -> list[dict[str, Any]]:
        ids: dict[int, str] = {}
        seen: set[str] = set()
        for i, f in enumerate(self.ex.figures):
            subject = f.subject or self.info.about
            if subject is None:
                self.skipped.append(f)
                continue
            base = "-".join(p for p in (self.info.id, self.measure(f), subject, str(_number(f.value)).replace(".", "-"))
                            if p)
            ident, n = base, 2
            while ident in seen:
                ident, n = f"{base}-{n}", n + 1
            seen.add(ident)
            ids[i] = ident
        out = []
        for i, f in enumerate(self.ex.figures):
            if i in ids:
                out.append(self.figure(f, ids[i], ids, f.subject or self.info.about))
        return out

    def figure(self, f: Found, ident: str, ids: dict[int, str], subject: str | None) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": ident, "quote": f.quote, "at": f.start, "wording": f.wording,
                                 "value": _number(f.value), "qualifier": f.qualifier}
        if f.qualifier == "range":
            entry["lower"], entry["upper"] = _number(f.lower), _number(f.upper)  # type: ignore[arg-type]
        elif f.qualifier != "order-of-magnitude" and f.rounding != bounds.rounding_unit(str(_number(f.value))):
            entry["rounding"] = _number(f.rounding)
        entry["measure"] = self.measure(f)
        entry["about"] = subject
        if f.period:
            period: dict[str, Any] = {"phrase": " ".join(f.period.split())}
            if f.period_start:
                period["start"] = f.period_start.isoformat()
            if f.period_end:
                period["end"] = f.period_end.isoformat()
            entry["period"] = period
        if f.part_of is not None and f.part_of in ids:
            entry["part-of"] = ids[f.part_of]
        if f.reporter or f.reported_by:
            entry["reported-by"] = [f.reporter or _actor(f.reported_by or "", self.lexicon, self.actors)]
        if f.citations:
            entry["citations"] = [_citation_id(k) for k in f.citations if k in self.ex.sources]
        return entry

    def document(self, origin: str) -> str:
        figures = self.figures()
        citations = self.citations()
        data: dict[str, Any] = {"source": self.source()}
        for key, table in (("new-actors", self.actors), ("new-units", self.units), ("new-measures", self.measures),
                           ("new-sources", self.sources)):
            if table:
                data[key] = [table[k] for k in sorted(table)]
        data["citations"] = citations
        data["figures"] = figures
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
        head = [f"# Proposed by `figuregraph ingest` from {origin}; review before it lands.",
                "# Quotes are verbatim and `at` is the quote's offset in that text. Check each figure's",
                "# measure, subject, period, reporter and citations against the text; new-* entries are",
                "# proposals for the vocabularies."]
        inferred = [f"#   {_figure_note(f)}: {', '.join(f.inferred)} taken from context" for f in self.ex.figures
                    if f.inferred and f not in self.skipped]
        if inferred:
            head += ["# Taken from the surrounding text rather than the figure's own sentence:", *inferred]
        if self.skipped:
            head += ["# Not written (the text names no subject; give one with --about):",
                     *[f"#   {_figure_note(f)}" for f in self.skipped]]
        return "\n".join(head) + "\n" + body


def _figure_note(f: Found) -> str:
    return f"{' '.join(f.quote.split())!r} at {f.start}"


def _citation_id(key: str) -> str:
    return f"fn{key}" if key.isdigit() else key


@dataclass
class Ingestion:
    """A proposed record file: where it goes, its text, what was proposed, and the graph's other files."""

    target: Path
    content: str
    writer: Writer
    others: list[RecordFile]


def ingest(path: Path, info: DocumentInfo, graph_dir: Path, document_date: date | None) -> Ingestion:
    """The record file for a document. The graph is parsed once; matching leaves the target out."""
    text = read_document(path)
    files = parse_directory(graph_dir)
    if info.id is None:
        publisher = _actor(info.publisher, lexicon_of(files), {})
        info = replace(info, id="-".join(p for p in (publisher, (info.published or "")[:4], slug(info.title, 5)) if p))
    target = graph_dir / "sources" / f"{info.id}.yaml"
    others = [rf for rf in files if rf.path.resolve() != target.resolve()]
    lexicon = lexicon_of(others)
    if info.about and info.about not in lexicon.labels:
        raise InputError(f"--about '{info.about}' is not an actor or place of the graph")
    writer = Writer(info, lexicon, extract_text(text, document_date, lexicon))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Ingestion(target, writer.document(f"{path.name} (sha256 {digest}…)"), writer, others)


def check_and_write(ingestion: Ingestion, force: bool) -> str:
    """Build the graph with the new file in place (in memory) and write it only if that works.
    Returns "written" or "unchanged"; an edited file is kept unless ``force``."""
    target, content = ingestion.target, ingestion.content
    if target.exists():
        current = target.read_text(encoding="utf-8")
        if current == content:
            return "unchanged"
        if not force:
            raise InputError(f"{target} exists and differs from this extraction (edited in review?); "
                             "keep it, or pass --force to replace it")
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / target.name
        probe.write_text(content, encoding="utf-8")
        parsed = parse_file(probe)
        report = validate(build_records([*ingestion.others, *([parsed] if parsed else [])]))
    if not report.conforms:
        problems = "\n".join(f"  {v.focus} {v.path}: {v.message}" for v in report.violations if v.severity == "Violation")
        raise InputError(f"the proposed records for {target.name} do not validate; nothing written:\n{problems}")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, content.encode("utf-8"))
    return "written"
