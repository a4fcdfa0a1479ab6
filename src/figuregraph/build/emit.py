"""Records -> RDF: one named graph per record file, stable IRIs from record keys, no blank nodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from rdflib import URIRef
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


class _Names:
    """A namespace's terms in N-Triples syntax (``<...>``), each made once: after its first use, a
    term is a plain attribute (no rdflib term is made or hashed per triple)."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        text = _iri(str(getattr(self._namespace, name)))
        setattr(self, name, text)
        return text


fg, rdf, rdfs, skos, prov, oa, cito, xsd = map(_Names, (FG, RDF, RDFS, SKOS, PROV, OA, CITO, XSD))


def _iri(value: str) -> str:
    """An IRI in N-Triples syntax, checked by pyoxigraph (for the vocabulary's IRIs, made once)."""
    return str(ox.NamedNode(value))


def _terms(choices: Mapping[str, URIRef]) -> dict[str, str]:
    """The terms of a choice field's words, in N-Triples syntax."""
    return {word: _iri(term) for word, term in choices.items()}


ACTOR_TERMS, PLACE_TERMS, SOURCE_TERMS = _terms(ACTOR_CLASSES), _terms(PLACE_CLASSES), _terms(SOURCE_CLASSES)
CITO_TERMS, QUALIFIER_TERMS = _terms(CITO_PROPERTIES), _terms(QUALIFIERS)
RELATION_TERMS, RELIABILITY_TERMS = _terms(RELATION_PROPERTIES), _terms(RELIABILITY)
MEASURES_SCHEME = _iri(iri_text("scheme", "measures"))
UNITS_SCHEME = _iri(iri_text("scheme", "units"))


def _node(kind: str, *key: str) -> str:
    """A record's IRI in N-Triples syntax. Its ids are checked by the reader (``ID_PATTERN``), so the
    IRI is one as it stands; the store's parser would refuse any other."""
    return f"<{iri_text(kind, *key)}>"


def _plain(text: str | None) -> str | None:
    """Text as a plain literal, escaped as Oxigraph writes it (printable ASCII without quotes or
    backslashes as it is: nothing to escape; anything else by pyoxigraph); None stays None."""
    if text is None:
        return None
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return str(ox.Literal(text))


def _english(text: str) -> str:
    return f"{_plain(text)}@en"


def _typed(text: str, datatype: str) -> str:
    """A literal of a datatype (not xsd:string), its lexical form escaped as a plain literal's."""
    return f"{_plain(text)}^^{datatype}"


def _date_literal(text: str) -> str:
    """A date as precise as it was written: YYYY, YYYY-MM or YYYY-MM-DD."""
    return _typed(text, _PARTIAL_DATES[len(text)])


def _decimal(value: Decimal) -> str:
    return f'"{decimal_text(value)}"^^{_DECIMAL}'  # digits, '-' and '.': nothing to escape


def _date(day: date) -> str:
    return f'"{day.isoformat()}"^^{_DATE}'


def _integer(n: int) -> str:
    return f'"{n}"^^{_INTEGER}'  # digits and '-': nothing to escape


# The datatypes of the literals every figure has, made once.
_DECIMAL, _DATE, _INTEGER = xsd.decimal, xsd.date, xsd.integer
_PARTIAL_DATES = {4: xsd.gYear, 7: xsd.gYearMonth, 10: _DATE}


def graph_iri(rf: RecordFile) -> URIRef:
    """The named graph of a record file: the source id, or vocab/<file stem>."""
    if isinstance(rf, Document):
        return iri("graph", rf.source.id)
    return iri("graph", "vocab", rf.path.stem)


class Emitter:
    """Writes the triples of one record file as N-Quads lines of its named graph, held by subject
    so that each subject's triples stay together.

    Every term is given in N-Triples syntax, as Oxigraph writes it (the vocabulary's IRIs checked
    by pyoxigraph once, text escaped by it where anything needs escaping), and the lines go to the
    store as text: making a ``Quad`` with a literal object from Python costs pyoxigraph more than
    parsing its line (benchmarks/CODE-NOTES.md), and printing pyoxigraph terms made only to be
    printed costs as much again (benchmarks/INCREMENTAL.md)."""

    def __init__(self, graph: URIRef, index: Index) -> None:
        self.graph = _iri(graph)
        self.index = index
        self.subjects: dict[str, list[str]] = {}  # by subject, in N-Triples syntax

    def add(self, s: str, p: str, o: str | None) -> None:
        """One triple of this graph, its terms in N-Triples syntax (nothing for a None object)."""
        if o is None:
            return
        lines = self.subjects.get(s)
        if lines is None:
            lines = self.subjects[s] = []
        lines.append(f"{s} {p} {o} {self.graph} .\n")

    def lines(self) -> Iterator[str]:
        """The N-Quads lines subject by subject, each subject's in the order they were written."""
        for lines in self.subjects.values():
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
            self.concept(u, fg.Unit, UNITS_SCHEME, unit.label, unit.definition)
        if vocab.measures:
            self.scheme(MEASURES_SCHEME, "measures")
        for measure in vocab.measures:
            m = _node("measure", measure.id)
            self.concept(m, fg.Measure, MEASURES_SCHEME, measure.label, measure.definition)
            self.add(m, fg.defaultUnit, _node("unit", measure.unit.id))
        for assessment in vocab.assessments:
            self.assessment(assessment)

    def assessment(self, a: Assessment) -> None:
        """The assessment with who, when and why; the graded record carries the latest grade."""
        target = a.of.get()
        kind = "source" if isinstance(target, Source) else "actor"
        node, graded = _node("assessment", a.id), _node(kind, target.id)
        self.add(node, rdf.type, fg.ReliabilityAssessment)
        self.add(node, fg.assessedEntity, graded)
        self.add(node, fg.reliability, RELIABILITY_TERMS[a.reliability])
        self.add(node, fg.assessor, _plain(a.by))
        self.add(node, fg.assessedOn, _date(a.on))
        self.add(node, fg.rationale, _plain(a.because))
        latest = self.index.latest_assessment(a.of.id)
        if latest is not None and latest.id == a.id:
            self.add(graded, fg.reliability, RELIABILITY_TERMS[a.reliability])

    def scheme(self, node: str, label: str) -> None:
        self.add(node, rdf.type, skos.ConceptScheme)
        self.add(node, rdfs.label, _english(label))

    def concept(self, node: str, cls: str, scheme: str, label: str, definition: str) -> None:
        self.add(node, rdf.type, cls)
        self.add(node, rdf.type, skos.Concept)
        self.add(node, skos.inScheme, scheme)
        self.add(node, skos.prefLabel, _english(label))
        self.add(node, rdfs.label, _english(label))
        self.add(node, skos.definition, _english(definition))

    def actor(self, actor: Actor) -> None:
        a = _node("actor", actor.id)
        self.add(a, rdf.type, ACTOR_TERMS[actor.kind])
        self.labels(a, actor.label, actor.aliases, actor.description)
        self.add(a, fg.role, _plain(actor.role))
        for ref in actor.affiliated_with:
            self.add(a, fg.affiliatedWith, self.subject_iri(ref.get()))
        if actor.based_in:
            self.add(a, fg.basedIn, self.subject_iri(actor.based_in.get()))

    def place(self, place: Place) -> None:
        p = _node("place", place.id)
        self.add(p, rdf.type, PLACE_TERMS[place.kind])
        self.labels(p, place.label, place.aliases, place.description)

    def event(self, event: Event) -> None:
        e = _node("event", event.id)
        self.add(e, rdf.type, fg.Event)
        self.labels(e, event.label, event.aliases, event.description)
        self.add(e, fg.date, _date(event.on))
        if event.place:
            self.add(e, fg.location, self.subject_iri(event.place.get()))

    def labels(self, node: str, label: str, aliases: list[str], description: str | None) -> None:
        self.add(node, rdfs.label, _plain(label))
        for alias in aliases:
            self.add(node, skos.altLabel, _plain(alias))
        self.add(node, rdfs.comment, _plain(description))

    @staticmethod
    def subject_iri(record: Actor | Place) -> str:
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
            self.add(node, rdf.type, fg.Citation)
            self.add(node, fg.citingSource, src)
            self.add(node, fg.citedSource, cited)
            self.add(node, fg.citationNumber, _plain(c.number))
            self.add(node, fg.locator, _plain(c.locator))
            self.add(node, fg.citationText, _plain(c.text))
            what = f"footnote {c.number}" if c.number else "inline reference"
            self.add(node, rdfs.label, _plain(f"{what} of {doc.source.label}"))
            self.cite(src, cited, c.kind)
        for figure in doc.figures:
            self.figure(figure, src, doc)
        for statement in doc.statements:
            self.statement(statement, src, doc)

    def source(self, source: Source) -> str:
        s = _node("source", source.id)
        self.add(s, rdf.type, SOURCE_TERMS[source.kind])
        self.add(s, rdfs.label, _plain(source.label))
        self.add(s, fg.title, _plain(source.title))
        if source.publisher:
            self.add(s, fg.publisher, _node("actor", source.publisher.get().id))
        for ref in source.authors:
            self.add(s, fg.author, _node("actor", ref.get().id))
        if source.published:
            self.add(s, fg.published, _date_literal(source.published))
        if source.url:
            self.add(s, fg.url, _typed(source.url, xsd.anyURI))
        self.add(s, fg.section, _plain(source.section))
        self.add(s, fg.textSha256, _plain(source.text_sha256))
        self.add(s, fg.converter, _plain(source.converter))
        for cite in source.cites:
            self.cite(s, _node("source", cite.source.get().id), cite.kind)
        return s

    def cite(self, citing: str, cited: str, kind: str) -> None:
        # cito:cites is asserted next to the specific CiTO property, so that chains are one
        # property path without reasoning.
        if citing == cited:
            return
        self.add(citing, cito.cites, cited)
        self.add(citing, CITO_TERMS[kind], cited)

    def claim(self, node: str, claim: Figure | Statement, src: str,
              doc: Document) -> None:
        self.add(node, fg.quote, _plain(claim.quote))
        self.add(node, fg.statedIn, src)
        for ref in claim.about:
            self.add(node, fg.about, self.subject_iri(ref.get()))
        for reporter in claim.reported_by:
            self.add(node, fg.reportedBy, _node("actor", reporter.get().id))
        for citation in claim.citations:
            self.add(node, fg.backedBy, _node("citation", doc.source.id, citation.id))
        for derived in claim.derived_from:
            other = derived.get()
            self.add(node, prov.wasDerivedFrom, _node("figure" if isinstance(other, Figure) else "statement", other.id))
        quote_sel = f"{node[:-1]}/quote>"
        self.add(node, fg.selector, quote_sel)
        self.add(quote_sel, rdf.type, oa.TextQuoteSelector)
        self.add(quote_sel, oa.exact, _plain(claim.quote))
        if claim.at is not None:
            pos = f"{node[:-1]}/position>"
            self.add(node, fg.selector, pos)
            self.add(pos, rdf.type, oa.TextPositionSelector)
            # xsd:integer, not nonNegativeInteger: Oxigraph stores derived integer types as
            # xsd:integer, and every backend must hold the same literal (SHACL keeps them >= 0).
            self.add(pos, oa.start, _integer(claim.at))
            self.add(pos, oa.end, _integer(claim.at + len(claim.quote)))
        if claim.page is not None:
            self.add(quote_sel, fg.page, _integer(claim.page))

    def figure(self, f: Figure, src: str, doc: Document) -> None:
        node = _node("figure", f.id)
        assert f.measure is not None
        measure = f.measure.get()
        unit_id = (f.unit or measure.unit).id  # the id alone: a measure of another file need not be linked
        subject = f.about[0].get()
        self.add(node, rdf.type, fg.Figure)
        phrase = f", {f.period.phrase}" if f.period else ""
        self.add(node, rdfs.label, _plain(f"{f.wording} {measure.label}, {subject.label}{phrase}"))
        self.claim(node, f, src, doc)
        self.add(node, fg.wording, _plain(f.wording))
        self.add(node, fg.value, _decimal(f.value))
        self.add(node, fg.qualifier, QUALIFIER_TERMS[f.qualifier])
        self.add(node, fg.roundingUnit, _decimal(f.rounding))
        if f.lower is not None:
            self.add(node, fg.lowerBound, _decimal(f.lower))
        if f.upper is not None:
            self.add(node, fg.upperBound, _decimal(f.upper))
        self.add(node, fg.measure, _node("measure", measure.id))
        self.add(node, fg.unit, _node("unit", unit_id))
        if f.period:
            period = f"{node[:-1]}/period>"
            self.add(node, fg.referencePeriod, period)
            self.add(period, rdf.type, fg.ReferencePeriod)
            self.add(period, fg.periodPhrase, _plain(f.period.phrase))
            if f.period.start:
                self.add(period, fg.periodStart, _date(f.period.start))
            if f.period.end:
                self.add(period, fg.periodEnd, _date(f.period.end))
        if f.part_of:
            self.add(node, fg.partOf, _node("figure", f.part_of.get().id))

    def statement(self, st: Statement, src: str, doc: Document) -> None:
        node = _node("statement", st.id)
        self.add(node, rdf.type, fg.Statement)
        self.add(node, rdfs.label, _plain(st.quote))
        self.claim(node, st, src, doc)
        if st.relation:
            prop = RELATION_TERMS[st.relation]
            self.add(node, fg.relation, prop)
            for subject_ref in st.about:
                subject = self.subject_iri(subject_ref.get())
                for ref in st.objects:
                    target = ref.get()
                    obj = self.subject_iri(target)
                    self.add(node, fg.object, obj)
                    # The statement's relation is asserted too, in this document's graph.
                    self.add(subject, prop, obj)


def emit_file(rf: RecordFile, index: Index, subjects: set[str] | None = None) -> list[str]:
    """One linked record file as the N-Quads lines of its named graph, subject by subject (their
    subjects, in N-Triples syntax, added to ``subjects``, if given)."""
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


def emit_graph(files: list[RecordFile], index: Index, subjects: set[str] | None = None) -> list[str]:
    """One named graph's N-Quads lines: its files' in path order (their subjects added to ``subjects``)."""
    return [line for rf in files for line in emit_file(rf, index, subjects)]


def emit(files: list[RecordFile], index: Index) -> Iterator[list[str]]:
    """The RDF dataset of linked record files: each named graph's lines in turn."""
    for graph_files in by_graph(files).values():
        yield emit_graph(graph_files, index)
