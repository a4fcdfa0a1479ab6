"""``ingest``: an extraction written as one source-document record file for review.

The file holds the source, its citations and figures, and what they introduce that the
graph lacks (``new-actors``, ``new-measures``, ``new-units``, ``new-sources``), so that
``build`` accepts it unchanged. Ids come from the document and the figures' content, never
from a counter over the run: ingesting the same document again gives the same file. Matching
leaves the target file out, so that a second run does not match its own proposals."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import TypeVar
from collections.abc import Callable, Collection

from ..build import build_records
from ..errors import InputError
from ..files.atomic import write_bytes
from ..files.lock import locked
from ..model import bounds
from ..model.records import (
    Actor,
    Citation,
    Document,
    Figure,
    Measure,
    Origin,
    Period,
    Place,
    RecordFile,
    Ref,
    Source,
    SourceCite,
    Unit,
    Vocabulary,
    dump,
    parse_directory,
    parse_text,
)
from ..rdf.literals import decimal_text
from ..validate import validate
from . import Extraction, extract_document
from .document import Document as TextDocument
from .figures import Found
from .organisations import Organisation
from .lexicon import Lexicon, lexicon_of
from .measures import OUTCOMES, PERSON_NOUNS, PROPOSED
from .reading import read
from .sources import CitedSource, slug
from .texts import text_path
from .attribution import match_actor

CASE_NOUNS = ("cases", "proceedings", "trials", "prosecutions", "charges", "sentences")
FOUR_PLACES = Decimal("0.0001")
UNNAMED = "unnamed measure"  # the extractor's proposal when no words say what a number counts


@dataclass(frozen=True)
class DocumentInfo:
    """What the user says about the document; what they leave out (None) comes from the document's
    own metadata (a PDF's info and XMP, a web page's meta tags, a Markdown front matter)."""

    id: str | None  # None: publisher-year-title
    title: str | None
    publisher: str | None  # an actor id of the graph, or a name to propose as a new actor
    kind: str = "report"
    published: str | None = None
    url: str | None = None
    about: str | None = None  # the subject of figures whose text names none
    authors: tuple[str, ...] = ()  # actor ids or names


def completed(info: DocumentInfo, document: TextDocument, path: Path) -> DocumentInfo:
    """The user's information with the gaps filled from the document's metadata (a document that
    names only its author is that author's: ``Metadata.stated_by``); InputError when neither says
    the title or the publisher."""
    meta = document.metadata
    title = info.title or meta.title
    publisher = info.publisher or meta.stated_by
    if not title:
        raise InputError(f"{path}: the document does not state its title; give one with --title")
    if not publisher:
        raise InputError(f"{path}: the document states neither its publisher nor its author; give one with "
                         "--publisher")
    return replace(info, title=title, publisher=publisher, published=info.published or meta.published,
                   url=info.url or meta.url, authors=info.authors or meta.authors)


def _actor(name: str, lexicon: Lexicon, new: dict[str, Actor], path: Path, kind: str = "organisation",
           places: Collection[str] = ()) -> str:
    """An actor id for an id or a name: the graph's, else a proposed new actor of ``kind``. A name
    that is a place's (``places``: the ids proposed besides the graph's), as in "Iraq, CSO, ...", is
    taken for the place's authorities: actors and places share one id space."""
    if name in set(lexicon.actors.values()):
        return name
    known = match_actor(name, lexicon.actors)
    if known:
        return known
    ident = slug(name, 5)
    description = "Proposed by ingest; review the kind and add aliases."
    if ident in places or ident in set(lexicon.places.values()):
        ident = f"{ident}-authorities"
        description = f"Proposed by ingest for \"{name}\", which is also a place's name; review the kind and label."
    new.setdefault(ident, Actor(ident, kind, name, Origin(path, 0, ident), description=description))
    return ident


class Writer:
    """The extraction as records of one source-document file (written by ``records.dump``)."""

    def __init__(self, info: DocumentInfo, lexicon: Lexicon, extraction: Extraction, path: Path,
                 text: TextDocument | None = None) -> None:
        self.info, self.lexicon, self.ex, self.path = info, lexicon, extraction, path
        self.text = text  # the document the figures were read from (its digest and converter)
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self.measures: dict[str, Measure] = {}
        self.units: dict[str, Unit] = {}
        self.sources: dict[str, Source] = {}
        self.known_sources = {e.id for e in lexicon.sources}
        self.skipped: list[Found] = []

    def origin(self, ident: str) -> Origin:
        return Origin(self.path, 0, ident)

    def actor(self, name: str) -> Ref[Actor]:
        """An actor of the graph for a name, else a proposed one: an organisation the text spells
        out with its acronym is proposed under its full name, with the acronym as an alias."""
        known = self._organisation(name)
        if known is not None and not match_actor(name, self.lexicon.actors):
            for alias in [known.label, *known.aliases]:
                found = match_actor(alias, self.lexicon.actors)
                if found:
                    return Ref(found)
            self.actors.setdefault(known.id, Actor(known.id, "organisation", known.label, self.origin(known.id),
                                                   aliases=list(known.aliases),
                                                   description="Proposed by ingest; review the kind."))
            return Ref(known.id)
        return Ref(_actor(name, self.lexicon, self.actors, self.path, places=self.ex.places))

    def _organisation(self, name: str) -> Organisation | None:
        """The organisation the text defined that a name refers to: the name itself, or the name
        with leading words before the defined one ("UN Office for the Coordination of ...")."""
        words = name.lower().removeprefix("the ").split()
        for k in range(len(words)):
            known = self.ex.organisations.get(" ".join(words[k:]))
            if known is not None:
                return known
        return None

    def source(self) -> Source:
        ident = self.info.id or ""
        title = self.info.title or ident
        publisher = self.actor(self.info.publisher or "")
        named = " ".join((self.info.publisher or "").casefold().split())
        # an author named as the publisher (a PDF's Author "EASO" on EASO's report) is the publisher, no person
        authors = [publisher if " ".join(a.casefold().split()) in (named, publisher.id) else
                   Ref[Actor](_actor(a, self.lexicon, self.actors, self.path, "person", self.ex.places))
                   for a in self.info.authors]
        return Source(ident, self.info.kind, title, self.origin(ident), title=title,
                      publisher=publisher, authors=authors, published=self.info.published,
                      url=self.info.url, text_sha256=self.text.sha256 if self.text else None,
                      converter=self.text.converter if self.text else None)

    def cited(self, c: CitedSource) -> str:
        """The id of a cited source, proposed as a new one unless another record file of the graph has
        it already (its id is its publisher's, date's and title's: "the ministry said" on one day in
        two documents is one statement)."""
        if not c.new or c.id in self.sources or c.id in self.known_sources:
            return c.id
        publisher = None
        if c.publisher and c.publisher in self.lexicon.labels:
            publisher = Ref[Actor](c.publisher)
        elif c.publisher_name:
            publisher = self.actor(c.publisher_name)
        cites = [SourceCite(Ref(self.cited(self.ex.sources[k])), "data-source") for k in c.cites
                 if k in self.ex.sources]  # "X, citing the ministry": X's statement cites the ministry's data
        self.sources[c.id] = Source(
            c.id, c.kind or "web-page", " ".join(p for p in (c.publisher_name, c.title) if p) or c.id,
            self.origin(c.id), title=c.title, publisher=publisher, published=c.published, url=c.url,
            cites=cites)
        return c.id

    def citations(self) -> list[Citation]:
        out = []
        notes = {n.number: n for n in self.ex.footnotes}
        cited_by_figures = {k for f in self.ex.figures for k in f.citations}
        for key, c in self.ex.sources.items():
            if key not in cited_by_figures and key not in notes:
                continue  # cited by a source the document cites, not by the document
            note = notes.get(key)
            ident = _citation_id(key)
            out.append(Citation(
                ident, Ref(self.cited(c)),
                note.text if note is not None else f"{c.publisher_name} (named in the text)", self.origin(ident),
                number=key if note is not None and not key.startswith(("ref-", "link-")) else None,
                locator=note.locator if note is not None else None))
        return out

    def measure(self, f: Found, figure: str) -> str:
        """The figure's measure: the graph's, else the one proposed from the words it counts. A figure
        whose words name none gets a measure of its own: one shared "unnamed measure" would make
        every such figure about a subject comparable with the others, and the audit would find them
        in conflict."""
        if f.measure:
            return f.measure
        label = f.proposed_measure or UNNAMED
        if label == UNNAMED:
            ident = f"{figure}-measure"
            # labelled without the quote's words (nor a "%"), which would make later documents' numbers match it
            self.measures.setdefault(ident, Measure(
                ident, UNNAMED, f"{PROPOSED} for \"{f.quote}\": no words near it say what it counts; "
                "name the measure, or give the figure one of the vocabulary.",
                Ref(self.unit(f, label)), self.origin(ident)))
            return ident
        ident = slug(label, 6)
        if any(m.id == ident for m in self.lexicon.measures):
            return ident  # proposed already, by another document's file
        if ident not in self.measures:
            self.measures[ident] = Measure(ident, label, f"{PROPOSED} from \"{f.quote}\"; write the definition.",
                                           Ref(self.unit(f, label)), self.origin(ident))
        return ident

    @staticmethod
    def owner(f: Found, ident: str, ids: dict[int, str]) -> str:
        """The figure whose measure of its own a figure has: a part's is its total's (a part and its
        total with two measures fail the part-of shape, and the file was refused)."""
        return ids.get(f.part_of, ident) if f.part_of is not None else ident

    def unit(self, f: Found, label: str) -> str:
        words = label.split()
        if len(words) > 1 and words[-1] in OUTCOMES:  # "people displaced" counts persons
            words = words[:-1]
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
            self.units[wanted] = Unit(wanted, head or "items", f"A count of {head or 'items'} (proposed by ingest).",
                                      self.origin(wanted))
        return wanted

    def figures(self) -> list[Figure]:
        ids: dict[int, str] = {}
        seen: set[str] = set()
        for i, f in enumerate(self.ex.figures):
            subject = f.subject or self.info.about
            if subject is None:
                self.skipped.append(f)
                continue
            measure = f.measure or slug(f.proposed_measure or UNNAMED, 6)
            base = "-".join(p for p in (self.info.id, measure, subject, decimal_text(f.value).replace(".", "-")) if p)
            ident, n = base, 2
            while ident in seen:
                ident, n = f"{base}-{n}", n + 1
            seen.add(ident)
            ids[i] = ident
        return [self.figure(f, ids[i], ids, f.subject or self.info.about or "")
                for i, f in enumerate(self.ex.figures) if i in ids]

    def subject(self, ident: str) -> str:
        """A subject of the graph, or a place the gazetteer found that the graph lacks (proposed)."""
        place = self.ex.places.get(ident)
        if place is not None and ident not in self.lexicon.labels:
            self.places.setdefault(ident, Place(ident, place.kind, place.label, self.origin(ident),
                                                description="Proposed by ingest from the gazetteer; review it."))
        return ident

    def figure(self, f: Found, ident: str, ids: dict[int, str], subject: str) -> Figure:
        subject = self.subject(subject)
        period = None
        if f.period:
            period = Period(" ".join(f.period.split()), f.period_start, f.period_end)
        reporter = None
        if f.reporter or f.reported_by:
            reporter = Ref[Actor](f.reporter) if f.reporter else self.actor(f.reported_by or "")
        return Figure(
            ident, f.quote, self.origin(ident), [Ref(subject)], at=f.start, page=f.page,
            reported_by=[reporter] if reporter else [],
            citations=[Ref(_citation_id(k)) for k in f.citations if k in self.ex.sources],
            wording=f.wording, value=f.value, qualifier=f.qualifier,
            rounding=_rounding(f),
            lower=f.lower, upper=f.upper, measure=Ref(self.measure(f, self.owner(f, ident, ids))), period=period,
            part_of=Ref(ids[f.part_of]) if f.part_of is not None and f.part_of in ids else None)

    def document(self, origin: str) -> str:
        source = self.source()
        figures = self.figures()
        citations = self.citations()
        vocabulary = Vocabulary(self.path, actors=_sorted(self.actors), places=_sorted(self.places),
                                units=_sorted(self.units), measures=_sorted(self.measures))
        record = Document(self.path, source, citations=citations, figures=figures,
                          vocabulary=vocabulary if (self.actors or self.places or self.units or self.measures) else None,
                          sources=_sorted(self.sources))
        head = [f"Proposed by `figuregraph ingest` from {origin}; review before it lands.",
                "Quotes are verbatim and `at` is the quote's offset in that text (kept as",
                f"texts/{self.info.id}.txt beside sources/). Check each figure's",
                "measure, subject, period, reporter and citations against the text; new-* entries are",
                "proposals for the vocabularies."]
        inferred = [f"  {_figure_note(f)}: {', '.join(f.inferred)} taken from context" for f in self.ex.figures
                    if f.inferred and f not in self.skipped]
        if inferred:
            head += ["Taken from the surrounding text rather than the figure's own sentence:", *inferred]
        if self.skipped:
            head += ["Not written (the text names no subject; give one with --about):",
                     *[f"  {_figure_note(f)}" for f in self.skipped]]
        return dump(record, head)


T = TypeVar("T")


def _rounding(f: Found) -> Decimal:
    """The rounding unit written for a figure. A fraction's unit ("a third": 0.333...) is written to
    four places, rounded up, the places fractions are read to: with more places than a store's
    decimals hold (Oxigraph's: 18) it is no value there, and the figure fails its shapes."""
    if f.qualifier == "order-of-magnitude":
        return bounds.rounding_unit(decimal_text(f.value))
    if f.rounding.as_tuple().exponent < -18:  # type: ignore[operator]  # finite: an int exponent
        return f.rounding.quantize(FOUR_PLACES, ROUND_CEILING)
    return f.rounding


def _sorted(table: dict[str, T]) -> list[T]:
    return [table[k] for k in sorted(table)]


def _figure_note(f: Found) -> str:
    return f"{' '.join(f.quote.split())!r} at {f.start}"


def _citation_id(key: str) -> str:
    return f"fn{key}" if key.isdigit() else key


@dataclass
class Ingestion:
    """A proposed record file: where it goes, its text, what was proposed, the graph's other files,
    and the document's converted text with where it is kept."""

    target: Path
    content: str
    writer: Writer
    others: list[RecordFile]
    text: str = ""
    text_target: Path | None = None


def ingest(path: Path, info: DocumentInfo, graph_dir: Path, document_date: date | None,
           document: TextDocument | None = None) -> Ingestion:
    """The record file for a document (read from ``path`` unless given). The graph is parsed once;
    matching leaves the target out."""
    document = document or read(path, info.url)
    info = completed(info, document, path)
    files = parse_directory(graph_dir)
    if info.id is None:
        publisher = _actor(info.publisher or "", lexicon_of(files), {}, graph_dir)
        info = replace(info, id="-".join(p for p in (publisher, (info.published or "")[:4], slug(info.title or "", 5))
                                         if p))
    target = graph_dir / "sources" / f"{info.id}.yaml"
    others = [rf for rf in files if rf.path.resolve() != target.resolve()]
    lexicon = lexicon_of(others)
    if info.about and info.about not in lexicon.labels:
        raise InputError(f"--about '{info.about}' is not an actor or place of the graph")
    publisher_id = _actor(info.publisher or "", lexicon, {}, graph_dir) if info.publisher else None
    extraction = extract_document(document, document_date, lexicon, publisher_id, info.title)
    writer = Writer(info, lexicon, extraction, target, document)
    origin = f"{path.name} ({document.format}, read by {document.converter}; sha256 {document.sha256[:16]}…)"
    return Ingestion(target, writer.document(origin), writer, others, document.text,
                     text_path(graph_dir, info.id or ""))


def ingest_and_write(path: Path, info: DocumentInfo, graph_dir: Path, document_date: date | None, force: bool,
                     waiting: Callable[[], None] | None = None,
                     document: TextDocument | None = None) -> tuple[Ingestion, str]:
    """``ingest`` then ``check_and_write``, holding the graph folder's lock from reading the graph to
    writing the file: a concurrent ingest waits, then matches what this one proposed (a new actor
    proposed twice would be a duplicate id) and finds its file."""
    with locked(graph_dir, waiting=waiting):
        ingestion = ingest(path, info, graph_dir, document_date, document)
        return ingestion, check_and_write(ingestion, force)


def check_and_write(ingestion: Ingestion, force: bool) -> str:
    """Build the graph with the new file in place (in memory) and write it only if that works: the
    converted text first, then the record file, each atomically. Returns "written" or "unchanged";
    an edited file is kept unless ``force``."""
    target, content = ingestion.target, ingestion.content
    kept = ingestion.text_target
    if target.exists():
        current = target.read_text(encoding="utf-8")
        if current == content and (kept is None or (kept.exists() and kept.read_text(encoding="utf-8") ==
                                   ingestion.text)):
            return "unchanged"
        if current != content and not force:
            raise InputError(f"{target} exists and differs from this extraction (edited in review?); "
                             "keep it, or pass --force to replace it")
    parsed = parse_text(content, target)
    report = validate(build_records([*ingestion.others, *([parsed] if parsed else [])]))
    if not report.conforms:
        problems = "\n".join(f"  {v.focus} {v.path}: {v.message}" for v in report.violations if v.severity == "Violation")
        raise InputError(f"the proposed records for {target.name} do not validate; nothing written:\n{problems}")
    new_text = kept is not None and not kept.exists()
    try:
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(kept, ingestion.text.encode("utf-8"))
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, content.encode("utf-8"))
    except OSError as exc:
        if new_text and kept is not None:
            with suppress(OSError):
                kept.unlink(missing_ok=True)  # no text without its record file
        where = f"{exc.filename}: " if exc.filename and str(exc.filename) != str(target) else ""
        raise InputError(f"{target}: cannot be written ({where}{exc.strerror or exc})") from None
    return "written"
