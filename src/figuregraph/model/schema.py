"""The record format as data: every record kind, its fields, their types, and the ontology term
each stands for.

The reader (``records``), the one writer (``records.dump``), the resolution of references
(``link``) and the record-format reference (``docs/records.md``, made by ``reference()``) all come
from these declarations. Adding a field is one line here, a line where it becomes triples
(``build.emit``), and its term in the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping

from rdflib import URIRef
from rdflib.namespace import PROV, RDFS, SKOS

from ..rdf.namespace import CITO, FG, OA, local_id
from . import bounds

# ------------------------------------------------------------------------------ choices

ACTOR_CLASSES: Mapping[str, URIRef] = {
    "organisation": FG.Organisation,
    "person": FG.Person,
    "government-body": FG.GovernmentBody,
    "military-formation": FG.MilitaryFormation,
    "military-district": FG.MilitaryDistrict,
}
PLACE_CLASSES: Mapping[str, URIRef] = {"country": FG.Country, "region": FG.Region, "place": FG.Place}
SOURCE_CLASSES: Mapping[str, URIRef] = {
    "report": FG.Report,
    "news-article": FG.NewsArticle,
    "interview": FG.Interview,
    "web-page": FG.WebPage,
    "dataset": FG.Dataset,
    "briefing": FG.Briefing,
}
CITO_PROPERTIES: Mapping[str, URIRef] = {
    "cites": CITO.cites,
    "data-source": CITO.citesAsDataSource,
    "evidence": CITO.citesAsEvidence,
    "authority": CITO.citesAsAuthority,
    "information": CITO.citesForInformation,
}
QUALIFIERS: Mapping[str, URIRef] = {
    "exact": FG.exact,
    "about": FG.approximately,
    "nearly": FG.nearly,
    "over": FG.over,
    "under": FG.under,
    "at-least": FG.atLeast,
    "up-to": FG.upTo,
    "range": FG.range,
    "order-of-magnitude": FG.orderOfMagnitude,
}
RELATION_PROPERTIES: Mapping[str, URIRef] = {
    "covers": FG.covers, "affiliated-with": FG.affiliatedWith, "based-in": FG.basedIn}
# NATO/Admiralty source reliability, as recorded by an assessment; information credibility, as derived.
RELIABILITY: Mapping[str, URIRef] = {grade: getattr(FG, f"reliability{grade}") for grade in "ABCDEF"}
CREDIBILITY: Mapping[int, URIRef] = {grade: getattr(FG, f"credibility{grade}") for grade in range(1, 7)}

assert set(QUALIFIERS) == set(bounds.RULES), "every qualifier has a bounds rule"

# ------------------------------------------------------------------------------ fields

# What a reference may name (resolved by ``link``): the name of a resolver there.
REFERS = {
    "actor": "an actor",
    "subject": "an actor or a place",
    "place": "a place (or a military district, which is both)",
    "source": "a source",
    "measure": "a measure",
    "unit": "a unit",
    "figure": "a figure",
    "claim": "a figure or a statement",
    "assessable": "an actor or a source",
    "citation": "a citation of the same document",
    "object": "an actor or a place (as the statement's relation requires)",
}
TYPES = {
    "id": "an id: lower-case letters, digits, '-' and '.'",
    "text": "text",
    "texts": "a list of text (or one text)",
    "ref": "the id of another record",
    "refs": "a list of ids of other records (or one id)",
    "choice": "one of the listed words",
    "url": "an http(s) URL",
    "day": "a date, YYYY-MM-DD",
    "partial-date": "a date as precise as the source says: YYYY, YYYY-MM or YYYY-MM-DD",
    "decimal": "a number as written: digits, '-', '.' (no exponent, no leading zero)",
    "integer": "a whole number >= 0",
    "mapping": "a mapping of fields",
    "list": "a list of mappings",
}


@dataclass(frozen=True)
class Field:
    """One field of a record kind: its key in YAML, its type and what it means."""

    key: str
    type: str
    doc: str
    required: bool = False
    term: URIRef | None = None  # the ontology property the field becomes (None: used to make others)
    refers: str | None = None  # ref/refs: what it may name (a key of REFERS)
    choices: Mapping[str, object] | None = None  # choice: the words (and the term each stands for)
    default: str | None = None  # choice: the word when absent
    kind: str | None = None  # mapping/list: the nested kind
    attr: str = ""  # the record's attribute ("" : the key with '-' as '_')
    missing: str | None = None  # the message when a required field is absent (default: "needs a 'key' field")
    alone: bool = False  # refs/texts: written as one value, not a list, when there is one

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type
        assert (self.refers in REFERS) == (self.type in ("ref", "refs")), self.key
        assert (self.choices is not None) == (self.type == "choice"), self.key
        if not self.attr:
            object.__setattr__(self, "attr", self.key.replace("-", "_"))


@dataclass(frozen=True)
class Kind:
    """A record kind: where its records stand in a file, what it is, and its fields in order."""

    name: str
    what: str  # how messages name one record ("a figure")
    doc: str
    fields: tuple[Field, ...]
    term: URIRef | None = None  # the class its records are (None: the class comes from a field)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def _id(doc: str = "The record's id: unique among records of its kind, and part of its IRI.") -> Field:
    return Field("id", "id", doc, required=True)


def _names(what: str) -> tuple[Field, ...]:
    return (
        Field("label", "text", f"The {what}'s name as it is best known.", required=True, term=RDFS.label),
        Field("aliases", "texts", "Other names and spellings, acronyms included.", term=SKOS.altLabel),
        Field("description", "text", "A sentence for readers of the graph.", term=RDFS.comment),
    )


ACTOR = Kind("actor", "an actor", "An organisation, person, government body, military formation or district.", (
    _id(),
    Field("kind", "choice", "What sort of actor it is (its class).", required=True, choices=ACTOR_CLASSES),
    *_names("actor"),
    Field("role", "text", "Its role, in a few words.", term=FG.role),
    Field("affiliated-with", "refs", "Actors it belongs to or works for.", term=FG.affiliatedWith, refers="actor"),
    Field("based-in", "ref", "Where it is based.", term=FG.basedIn, refers="place"),
))
PLACE = Kind("place", "a place", "A country, region or other place figures can be about.", (
    _id(),
    Field("kind", "choice", "What sort of place it is (its class).", required=True, choices=PLACE_CLASSES),
    *_names("place"),
))
EVENT = Kind("event", "an event", "A dated event that periods are counted from (\"since the mobilisation\").", (
    _id(),
    Field("label", "text", "The event's name.", required=True, term=RDFS.label),
    Field("date", "day", "The day it happened.", required=True, term=FG.date, attr="on",
          missing="an event needs a 'date' (YYYY-MM-DD)"),
    Field("aliases", "texts", "Other ways texts name it.", term=SKOS.altLabel),
    Field("description", "text", "A sentence for readers of the graph.", term=RDFS.comment),
    Field("place", "ref", "Where it happened.", term=FG.location, refers="place"),
), term=FG.Event)
UNIT = Kind("unit", "a unit", "What a figure counts in (persons, cases, percent): a SKOS concept.", (
    _id(),
    Field("label", "text", "The unit's name.", required=True, term=SKOS.prefLabel),
    Field("definition", "text", "What one of it is.", required=True, term=SKOS.definition),
), term=FG.Unit)
MEASURE = Kind("measure", "a measure", "What a figure measures (\"persons convicted of desertion\"): a SKOS concept.", (
    _id(),
    Field("label", "text", "The measure's name.", required=True, term=SKOS.prefLabel),
    Field("definition", "text", "What exactly is counted.", required=True, term=SKOS.definition),
    Field("unit", "ref", "The unit its figures count in unless they say otherwise.", required=True,
          term=FG.defaultUnit, refers="unit"),
), term=FG.Measure)
ASSESSMENT = Kind("assessment", "an assessment",
                  "A person's reliability grade (NATO/Admiralty A-F) of an actor or source: who, when and why.", (
    _id(),
    Field("of", "ref", "The actor or source graded.", required=True, term=FG.assessedEntity, refers="assessable"),
    Field("reliability", "choice", "The grade, A (reliable) to F (cannot be judged).", required=True,
          term=FG.reliability, choices=RELIABILITY),
    Field("by", "text", "Who graded it.", required=True, term=FG.assessor),
    Field("on", "day", "The day of the assessment.", required=True, term=FG.assessedOn,
          missing="an assessment needs an 'on' date (YYYY-MM-DD)"),
    Field("because", "text", "Why: the reason is kept with the grade.", required=True, term=FG.rationale),
), term=FG.ReliabilityAssessment)
SOURCE_CITE = Kind("source-cite", "a cites entry", "A document the source cites, and how (CiTO).", (
    Field("source", "ref", "The cited source.", required=True, term=CITO.cites, refers="source"),
    Field("as", "choice", "How it is cited (the CiTO property).", choices=CITO_PROPERTIES, default="cites",
          attr="kind"),
))
SOURCE = Kind("source", "a source", "A document: report, article, interview, web page, dataset or briefing.", (
    _id(),
    Field("kind", "choice", "What sort of document it is (its class).", required=True, choices=SOURCE_CLASSES),
    Field("label", "text", "A short name for tables and pages.", required=True, term=RDFS.label),
    Field("title", "text", "The title as published.", term=FG.title),
    Field("publisher", "ref", "Who published it.", term=FG.publisher, refers="actor"),
    Field("authors", "refs", "Who wrote it.", term=FG.author, refers="actor"),
    Field("published", "partial-date", "When it was published.", term=FG.published),
    Field("url", "url", "Where it is published.", term=FG.url),
    Field("section", "text", "The part of a larger document the records come from.", term=FG.section),
    Field("text-sha256", "text", "The SHA-256 of the text the figures' offsets refer to (the document as "
          "converted to text; kept as graph/texts/<id>.txt).", term=FG.textSha256),
    Field("converter", "text", "What turned the document into that text, with its version.", term=FG.converter),
    Field("cites", "list", "Documents it cites as a whole (its footnotes are citations).", kind="source-cite"),
))
CITATION = Kind("citation", "a citation", "A footnote or inline reference of the document, and the source it cites.", (
    Field("id", "id", "The citation's key in this document (fn955); figures name it in 'citations'.",
          required=True, attr="key"),
    Field("cites", "ref", "The cited source.", required=True, term=FG.citedSource, refers="source"),
    Field("text", "text", "The footnote's text as written.", required=True, term=FG.citationText),
    Field("number", "text", "The footnote's number as written.", term=FG.citationNumber),
    Field("locator", "text", "Where in the cited source (para. 91, p. 4).", term=FG.locator),
    Field("as", "choice", "How it is cited (the CiTO property).", choices=CITO_PROPERTIES, default="cites",
          attr="kind"),
), term=FG.Citation)
PERIOD = Kind("period", "a period", "The reference period of a figure, as stated and as dates.", (
    Field("phrase", "text", "The period as the text states it (\"as of December 2024\").", required=True,
          term=FG.periodPhrase),
    Field("start", "day", "The first day it covers (absent: open).", term=FG.periodStart),
    Field("end", "day", "The last day it covers (absent: open).", term=FG.periodEnd),
), term=FG.ReferencePeriod)


def _claim(what: str) -> tuple[Field, ...]:
    return (
        _id(),
        Field("quote", "text", f"The short quote that carries the {what}, verbatim.", required=True, term=FG.quote),
        Field("about", "refs", f"The actor or place the {what} is about.", required=True, term=FG.about,
              refers="subject", missing="a claim needs an 'about' field: the actor or place it is about", alone=True),
        Field("at", "integer", "The quote's character offset in the document.", term=OA.start),
        Field("page", "integer", "The page of the original the quote is on (a PDF).", term=FG.page),
        Field("reported-by", "refs", "The actors it is attributed to (who says so).", term=FG.reportedBy,
              refers="actor"),
        Field("citations", "refs", "The document's citations that back it.", term=FG.backedBy, refers="citation"),
        Field("derived-from", "refs", "Claims it was derived from.", term=PROV.wasDerivedFrom, refers="claim"),
    )


FIGURE = Kind("figure", "a figure", "One number as stated in the document, shaped like a Wikidata statement.", (
    *_claim("figure"),
    Field("wording", "text", "The number as stated, with its qualifier (\"nearly 22 580\").", required=True,
          term=FG.wording),
    Field("value", "decimal", "The best value.", required=True, term=FG.value),
    Field("qualifier", "choice", "How the number is qualified; the bounds follow from it.", required=True,
          term=FG.qualifier, choices=QUALIFIERS),
    Field("rounding", "decimal", "The rounding unit, where it is not the value's trailing zeros.",
          term=FG.roundingUnit),
    Field("lower", "decimal", "The lower bound (a range only; otherwise derived).", term=FG.lowerBound),
    Field("upper", "decimal", "The upper bound (a range only; otherwise derived).", term=FG.upperBound),
    Field("measure", "ref", "What it measures.", required=True, term=FG.measure, refers="measure"),
    Field("unit", "ref", "Its unit, where not the measure's.", term=FG.unit, refers="unit"),
    Field("period", "mapping", "Its reference period.", term=FG.referencePeriod, kind="period"),
    Field("part-of", "ref", "The total it is part of.", term=FG.partOf, refers="figure"),
), term=FG.Figure)
STATEMENT = Kind("statement", "a statement", "A non-numeric claim, with the same evidence as a figure.", (
    *_claim("statement"),
    Field("relation", "choice", "The relation it asserts between its subject and 'objects'.", term=FG.relation,
          choices=RELATION_PROPERTIES),
    Field("objects", "refs", "What the relation relates the subject to.", term=FG.object, refers="object"),
), term=FG.Statement)

KINDS: dict[str, Kind] = {k.name: k for k in (ACTOR, PLACE, EVENT, UNIT, MEASURE, ASSESSMENT, SOURCE_CITE, SOURCE,
                                              CITATION, PERIOD, FIGURE, STATEMENT)}


@dataclass(frozen=True)
class Section:
    """A top-level key of a record file and the kind of the records under it."""

    key: str
    kind: str
    many: bool = True  # a list of records (False: one mapping)
    doc: str = ""


VOCABULARY_SECTIONS = (
    Section("actors", "actor"), Section("places", "place"), Section("events", "event"),
    Section("units", "unit"), Section("measures", "measure"), Section("assessments", "assessment"),
)
# What an ingested document introduces for review ("new-actors", ...): read as the vocabulary
# sections of the same name, and the sources it cites that the graph lacks.
NEW_SECTIONS = tuple(Section(f"new-{s.key}", s.kind, doc=f"{s.key.capitalize()} this document introduces.")
                     for s in VOCABULARY_SECTIONS if s.key not in ("events", "assessments"))
DOCUMENT_SECTIONS = (
    Section("source", "source", many=False, doc="The document itself."),
    *NEW_SECTIONS,
    Section("new-sources", "source", doc="Sources its citations name that the graph lacks."),
    Section("citations", "citation", doc="Its footnotes and inline references."),
    Section("figures", "figure", doc="The figures it states."),
    Section("statements", "statement", doc="The non-numeric claims it states."),
)
VOCAB_KEYS = tuple(s.key for s in VOCABULARY_SECTIONS)
DOCUMENT_KEYS = tuple(s.key for s in DOCUMENT_SECTIONS)


# ------------------------------------------------------------------------------ the reference

def reference() -> str:
    """The record-format reference (``docs/records.md``), from the declarations above."""
    out = ["# Record format", "",
           "Made from `src/figuregraph/model/schema.py` by `figuregraph.model.schema.reference()`; "
           "a test keeps the two equal.", "",
           "A graph folder holds YAML files of two sorts, told apart by their top-level keys. Every "
           "scalar is read as text until its field gives it a type (`NO` stays `NO`, `012` in a number "
           "field is an error). Unknown fields, duplicate keys and duplicate ids are errors naming the "
           "file, the line and the record.", "",
           "- **vocabulary files** hold any of: " + ", ".join(f"`{k}`" for k in VOCAB_KEYS) + ";",
           "- **source-document files** hold `source` and any of: "
           + ", ".join(f"`{k}`" for k in DOCUMENT_KEYS if k != "source") + ".", "",
           "| key | records | what |", "| --- | --- | --- |"]
    for s in (*VOCABULARY_SECTIONS, *DOCUMENT_SECTIONS):
        kind = KINDS[s.kind]
        out.append(f"| `{s.key}` | {'a list of ' if s.many else 'one '}[{kind.name}](#{kind.name}) | "
                   f"{s.doc or kind.doc} |")
    for kind in KINDS.values():
        out += ["", f"## {kind.name}", "", kind.doc + (f" Each is a `{_term(kind.term)}`." if kind.term else ""),
                "", "| field | type | required | term | meaning |", "| --- | --- | --- | --- | --- |"]
        for f in kind.fields:
            out.append(f"| `{f.key}` | {_type(f)} | {'yes' if f.required else ''} | "
                       f"{'`' + _term(f.term) + '`' if f.term else ''} | {f.doc}{_choices(f)} |")
    return "\n".join(out) + "\n"


def _type(f: Field) -> str:
    if f.type in ("ref", "refs"):
        return f"{'id' if f.type == 'ref' else 'ids'} of {REFERS[f.refers or '']}"
    if f.type in ("mapping", "list"):
        return f"{'a' if f.type == 'mapping' else 'a list of'} [{f.kind}](#{f.kind})"
    return TYPES[f.type].split(":")[0]


def _choices(f: Field) -> str:
    if f.choices is None:
        return ""
    words = ", ".join(f"`{w}`" + (f" ({_term(t)})" if isinstance(t, URIRef) else "") for w, t in f.choices.items())
    return f" One of: {words}" + (f"; default `{f.default}`." if f.default else ".")


def _term(term: URIRef | None) -> str:
    return local_id(term) if term is not None else ""
