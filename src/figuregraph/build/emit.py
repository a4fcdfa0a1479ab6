"""Records -> RDF: one named graph per record file, stable IRIs from record keys, no blank nodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from ..model.schema import (
    ACTOR_CLASSES,
    CITO_PROPERTIES,
    PLACE_CLASSES,
    QUALIFIERS,
    RELATION_PROPERTIES,
    RELIABILITY,
    SOURCE_CLASSES,
)
from ..model.link import Index
from ..rdf.literals import decimal_text
from ..rdf.namespace import CITO, FG, OA, iri, iri_text
from ..model.records import (
    Actor,
    Assessment,
    Document,
    Event,
    Figure,
    Place,
    RecordFile,
    Source,
    Statement,
    Vocabulary,
)
from ..rdf.terms import to_ox

if TYPE_CHECKING:
    pass

MEASURES_SCHEME = ox.NamedNode(iri_text("scheme", "measures"))
UNITS_SCHEME = ox.NamedNode(iri_text("scheme", "units"))


@cache
def _named(node: URIRef) -> ox.NamedNode:
    """A vocabulary IRI (predicates, classes, datatypes) as a pyoxigraph term, made once."""
    return ox.NamedNode(node)


def _node(kind: str, *key: str) -> ox.NamedNode:
    """A record's IRI as a pyoxigraph term (no rdflib URIRef is made on the way)."""
    return ox.NamedNode(iri_text(kind, *key))


def _typed(text: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(text, datatype=_named(datatype))


# The datatypes of the literals every figure has, made once (not looked up per literal).
_DECIMAL, _DATE = _named(XSD.decimal), _named(XSD.date)
_PARTIAL_DATES = {4: _named(XSD.gYear), 7: _named(XSD.gYearMonth), 10: _DATE}


def _date_literal(text: str) -> ox.Literal:
    """A date as precise as it was written: YYYY, YYYY-MM or YYYY-MM-DD."""
    return ox.Literal(text, datatype=_PARTIAL_DATES[len(text)])


def _decimal(value: Decimal) -> ox.Literal:
    return ox.Literal(decimal_text(value), datatype=_DECIMAL)


def _date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=_DATE)


def _english(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


@cache
def _predicate(node: URIRef) -> str:
    """A vocabulary IRI in N-Triples syntax, made once."""
    return str(_named(node))


def _object(o: object) -> str:
    """An object in N-Triples syntax, as Oxigraph writes it: text as a plain literal, other Python
    values as rdflib types them."""
    cls: type = type(o)  # typed as type: mypy takes type[object] for unhashable
    return _object_maker(cls)(o)


@cache
def _object_maker(cls: type) -> Callable[[object], str]:
    """How objects of one Python type become N-Triples terms (looked up once per type)."""
    if issubclass(cls, (ox.NamedNode, ox.Literal)):
        return str
    # (mypy does not carry issubclass(cls, ...) over to the lambdas' argument: hence the ignores)
    if issubclass(cls, Literal):  # before str: an rdflib Literal is a str too
        return lambda o: str(to_ox(o))  # type: ignore[arg-type]
    if issubclass(cls, URIRef):
        return lambda o: str(ox.NamedNode(o))  # type: ignore[arg-type]
    if issubclass(cls, str):
        return lambda o: str(ox.Literal(o))  # type: ignore[arg-type]
    return lambda o: str(to_ox(Literal(o)))


def graph_iri(rf: RecordFile) -> URIRef:
    """The named graph of a record file: the source id, or vocab/<file stem>."""
    if isinstance(rf, Document):
        return iri("graph", rf.source.id)
    return iri("graph", "vocab", rf.path.stem)


class Emitter:
    """Writes the triples of one record file as N-Quads lines of its named graph, held by subject
    so that each subject's triples stay together.

    The terms are made by pyoxigraph (so IRIs are checked and literals escaped as Oxigraph
    writes them) and go to the store as text: making a ``Quad`` with a literal object from Python
    costs pyoxigraph more than parsing its line (benchmarks/CODE-NOTES.md)."""

    def __init__(self, graph: URIRef, index: Index) -> None:
        self.graph = str(ox.NamedNode(graph))
        self.index = index
        self.subjects: dict[ox.NamedNode, tuple[str, list[str]]] = {}

    def add(self, s: ox.NamedNode, p: URIRef, o: object) -> None:
        """One triple of this graph (nothing for a None object)."""
        if o is None:
            return
        entry = self.subjects.get(s)
        if entry is None:
            entry = self.subjects[s] = (str(s), [])
        entry[1].append(f"{entry[0]} {_predicate(p)} {_object(o)} {self.graph} .\n")

    def lines(self) -> Iterator[str]:
        """The N-Quads lines subject by subject, each subject's in the order they were written."""
        for _, lines in self.subjects.values():
            yield from lines

    # -- vocabularies -------------------------------------------------------------------
    def vocabulary(self, vocab: Vocabulary) -> None:
        for actor in vocab.actors:
            self.actor(actor)
        for place in vocab.places:
            self.place(place)
        for event in vocab.events:
            self.event(event)
        if vocab.units:
            self.scheme(UNITS_SCHEME, "units")
        for unit in vocab.units:
            u = _node("unit", unit.id)
            self.concept(u, FG.Unit, UNITS_SCHEME, unit.label, unit.definition)
        if vocab.measures:
            self.scheme(MEASURES_SCHEME, "measures")
        for measure in vocab.measures:
            m = _node("measure", measure.id)
            self.concept(m, FG.Measure, MEASURES_SCHEME, measure.label, measure.definition)
            self.add(m, FG.defaultUnit, _node("unit", measure.unit.id))
        for assessment in vocab.assessments:
            self.assessment(assessment)

    def assessment(self, a: Assessment) -> None:
        """The assessment with who, when and why; the graded record carries the latest grade."""
        target = a.of.get()
        kind = "source" if isinstance(target, Source) else "actor"
        node, graded = _node("assessment", a.id), _node(kind, target.id)
        self.add(node, RDF.type, FG.ReliabilityAssessment)
        self.add(node, FG.assessedEntity, graded)
        self.add(node, FG.reliability, RELIABILITY[a.reliability])
        self.add(node, FG.assessor, a.by)
        self.add(node, FG.assessedOn, _date(a.on))
        self.add(node, FG.rationale, a.because)
        latest = self.index.latest_assessment(a.of.id)
        if latest is not None and latest.id == a.id:
            self.add(graded, FG.reliability, RELIABILITY[a.reliability])

    def scheme(self, node: ox.NamedNode, label: str) -> None:
        self.add(node, RDF.type, SKOS.ConceptScheme)
        self.add(node, RDFS.label, _english(label))

    def concept(self, node: ox.NamedNode, cls: URIRef, scheme: ox.NamedNode, label: str, definition: str) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, scheme)
        self.add(node, SKOS.prefLabel, _english(label))
        self.add(node, RDFS.label, _english(label))
        self.add(node, SKOS.definition, _english(definition))

    def actor(self, actor: Actor) -> None:
        a = _node("actor", actor.id)
        self.add(a, RDF.type, ACTOR_CLASSES[actor.kind])
        self.labels(a, actor.label, actor.aliases, actor.description)
        self.add(a, FG.role, actor.role)
        for ref in actor.affiliated_with:
            self.add(a, FG.affiliatedWith, self.subject_iri(ref.get()))
        if actor.based_in:
            self.add(a, FG.basedIn, self.subject_iri(actor.based_in.get()))

    def place(self, place: Place) -> None:
        p = _node("place", place.id)
        self.add(p, RDF.type, PLACE_CLASSES[place.kind])
        self.labels(p, place.label, place.aliases, place.description)

    def event(self, event: Event) -> None:
        e = _node("event", event.id)
        self.add(e, RDF.type, FG.Event)
        self.labels(e, event.label, event.aliases, event.description)
        self.add(e, FG.date, _date(event.on))
        if event.place:
            self.add(e, FG.location, self.subject_iri(event.place.get()))

    def labels(self, node: ox.NamedNode, label: str, aliases: list[str], description: str | None) -> None:
        self.add(node, RDFS.label, label)
        for alias in aliases:
            self.add(node, SKOS.altLabel, alias)
        self.add(node, RDFS.comment, description)

    @staticmethod
    def subject_iri(record: Actor | Place) -> ox.NamedNode:
        return _node("actor", record.id) if isinstance(record, Actor) else _node("place", record.id)

    # -- documents ------------------------------------------------------------------------
    def document(self, doc: Document) -> None:
        if doc.vocabulary:
            self.vocabulary(doc.vocabulary)
        for listed in doc.sources:
            self.source(listed)
        src = self.source(doc.source)
        for c in doc.citations:
            node = _node("citation", doc.source.id, c.key)
            cited = _node("source", c.cites.get().id)
            self.add(node, RDF.type, FG.Citation)
            self.add(node, FG.citingSource, src)
            self.add(node, FG.citedSource, cited)
            self.add(node, FG.citationNumber, c.number)
            self.add(node, FG.locator, c.locator)
            self.add(node, FG.citationText, c.text)
            what = f"footnote {c.number}" if c.number else "inline reference"
            self.add(node, RDFS.label, f"{what} of {doc.source.label}")
            self.cite(src, cited, c.kind)
        for figure in doc.figures:
            self.figure(figure, src, doc)
        for statement in doc.statements:
            self.statement(statement, src, doc)

    def source(self, source: Source) -> ox.NamedNode:
        s = _node("source", source.id)
        self.add(s, RDF.type, SOURCE_CLASSES[source.kind])
        self.add(s, RDFS.label, source.label)
        self.add(s, FG.title, source.title)
        if source.publisher:
            self.add(s, FG.publisher, _node("actor", source.publisher.get().id))
        for ref in source.authors:
            self.add(s, FG.author, _node("actor", ref.get().id))
        if source.published:
            self.add(s, FG.published, _date_literal(source.published))
        if source.url:
            self.add(s, FG.url, _typed(source.url, XSD.anyURI))
        self.add(s, FG.section, source.section)
        self.add(s, FG.textSha256, source.text_sha256)
        self.add(s, FG.converter, source.converter)
        for cite in source.cites:
            self.cite(s, _node("source", cite.source.get().id), cite.kind)
        return s

    def cite(self, citing: ox.NamedNode, cited: ox.NamedNode, kind: str) -> None:
        # cito:cites is asserted next to the specific CiTO property, so that chains are one
        # property path without reasoning.
        if citing == cited:
            return
        self.add(citing, CITO.cites, cited)
        self.add(citing, CITO_PROPERTIES[kind], cited)

    def claim(self, node: ox.NamedNode, claim: Figure | Statement, src: ox.NamedNode,
              doc: Document) -> None:
        self.add(node, FG.quote, claim.quote)
        self.add(node, FG.statedIn, src)
        for ref in claim.about:
            self.add(node, FG.about, self.subject_iri(ref.get()))
        for reporter in claim.reported_by:
            self.add(node, FG.reportedBy, _node("actor", reporter.get().id))
        for citation in claim.citations:
            self.add(node, FG.backedBy, _node("citation", doc.source.id, citation.id))
        for derived in claim.derived_from:
            other = derived.get()
            self.add(node, PROV.wasDerivedFrom, _node("figure" if isinstance(other, Figure) else "statement", other.id))
        quote_sel = ox.NamedNode(f"{node.value}/quote")
        self.add(node, FG.selector, quote_sel)
        self.add(quote_sel, RDF.type, OA.TextQuoteSelector)
        self.add(quote_sel, OA.exact, claim.quote)
        if claim.at is not None:
            pos = ox.NamedNode(f"{node.value}/position")
            self.add(node, FG.selector, pos)
            self.add(pos, RDF.type, OA.TextPositionSelector)
            # xsd:integer, not nonNegativeInteger: Oxigraph stores derived integer types as
            # xsd:integer, and every backend must hold the same literal (SHACL keeps them >= 0).
            self.add(pos, OA.start, _typed(str(claim.at), XSD.integer))
            self.add(pos, OA.end, _typed(str(claim.at + len(claim.quote)), XSD.integer))
        if claim.page is not None:
            self.add(quote_sel, FG.page, _typed(str(claim.page), XSD.integer))

    def figure(self, f: Figure, src: ox.NamedNode, doc: Document) -> None:
        node = _node("figure", f.id)
        assert f.measure is not None
        measure = f.measure.get()
        unit_id = (f.unit or measure.unit).id  # the id alone: a measure of another file need not be linked
        subject = f.about[0].get()
        self.add(node, RDF.type, FG.Figure)
        phrase = f", {f.period.phrase}" if f.period else ""
        self.add(node, RDFS.label, f"{f.wording} {measure.label}, {subject.label}{phrase}")
        self.claim(node, f, src, doc)
        self.add(node, FG.wording, f.wording)
        self.add(node, FG.value, _decimal(f.value))
        self.add(node, FG.qualifier, QUALIFIERS[f.qualifier])
        self.add(node, FG.roundingUnit, _decimal(f.rounding))
        if f.lower is not None:
            self.add(node, FG.lowerBound, _decimal(f.lower))
        if f.upper is not None:
            self.add(node, FG.upperBound, _decimal(f.upper))
        self.add(node, FG.measure, _node("measure", measure.id))
        self.add(node, FG.unit, _node("unit", unit_id))
        if f.period:
            period = ox.NamedNode(f"{node.value}/period")
            self.add(node, FG.referencePeriod, period)
            self.add(period, RDF.type, FG.ReferencePeriod)
            self.add(period, FG.periodPhrase, f.period.phrase)
            if f.period.start:
                self.add(period, FG.periodStart, _date(f.period.start))
            if f.period.end:
                self.add(period, FG.periodEnd, _date(f.period.end))
        if f.part_of:
            self.add(node, FG.partOf, _node("figure", f.part_of.get().id))

    def statement(self, st: Statement, src: ox.NamedNode, doc: Document) -> None:
        node = _node("statement", st.id)
        self.add(node, RDF.type, FG.Statement)
        self.add(node, RDFS.label, st.quote)
        self.claim(node, st, src, doc)
        if st.relation:
            prop = RELATION_PROPERTIES[st.relation]
            self.add(node, FG.relation, prop)
            for subject_ref in st.about:
                subject = self.subject_iri(subject_ref.get())
                for ref in st.objects:
                    target = ref.get()
                    obj = self.subject_iri(target)
                    self.add(node, FG.object, obj)
                    # The statement's relation is asserted too, in this document's graph.
                    self.add(subject, prop, obj)


def emit_file(rf: RecordFile, index: Index, subjects: set[ox.NamedNode] | None = None) -> list[str]:
    """One linked record file as the N-Quads lines of its named graph, subject by subject (their
    subjects added to ``subjects``, if given)."""
    emitter = Emitter(graph_iri(rf), index)
    if isinstance(rf, Document):
        emitter.document(rf)
    else:
        emitter.vocabulary(rf)
    if subjects is not None:
        subjects.update(emitter.subjects)
    return list(emitter.lines())


def by_graph(files: list[RecordFile]) -> dict[URIRef, list[RecordFile]]:
    """Record files by the named graph they fill, each graph's files in path order, graphs in the
    order of their first file (two vocabulary files with one stem share a graph)."""
    graphs: dict[URIRef, list[RecordFile]] = {}
    for rf in sorted(files, key=lambda r: str(r.path)):
        graphs.setdefault(graph_iri(rf), []).append(rf)
    return graphs


def emit_graph(files: list[RecordFile], index: Index, subjects: set[ox.NamedNode] | None = None) -> list[str]:
    """One named graph's N-Quads lines: its files' in path order (their subjects added to ``subjects``)."""
    return [line for rf in files for line in emit_file(rf, index, subjects)]


def emit(files: list[RecordFile], index: Index) -> Iterator[list[str]]:
    """The RDF dataset of linked record files: each named graph's lines in turn."""
    for graph_files in by_graph(files).values():
        yield emit_graph(graph_files, index)
