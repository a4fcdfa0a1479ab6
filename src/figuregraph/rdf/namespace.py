"""IRIs: the closed ontology namespace, the data namespace and the prefixes used everywhere.

Code never spells an ontology IRI as a string: it uses ``FG.term``, and a term that is not
in the ontology is an AttributeError. A test checks that ``FG`` lists exactly the terms
declared in ``ontology/figuregraph.ttl``.
"""

from __future__ import annotations

from inspect import get_annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

DATA = "https://w3id.org/figuregraph/id/"


def _terms_as_attributes(namespace: type[DefinedNamespace]) -> type[DefinedNamespace]:
    """Store each declared term on the class: rdflib otherwise resolves ``FG.term`` through its
    metaclass on every access, which a build does for every triple (benchmarks/CODE-NOTES.md). Names that
    are not declared still go through the metaclass, and fail."""
    for name in get_annotations(namespace):
        setattr(namespace, name, namespace[name])
    return namespace


@_terms_as_attributes
class FG(DefinedNamespace):
    """The figuregraph ontology (``fg:``)."""

    _NS = Namespace("https://w3id.org/figuregraph/ontology#")
    _fail = True

    # classes
    Claim: URIRef
    Figure: URIRef
    Statement: URIRef
    Actor: URIRef
    Organisation: URIRef
    Person: URIRef
    GovernmentBody: URIRef
    MilitaryFormation: URIRef
    MilitaryDistrict: URIRef
    Place: URIRef
    Region: URIRef
    Country: URIRef
    Event: URIRef
    Source: URIRef
    Report: URIRef
    NewsArticle: URIRef
    Interview: URIRef
    WebPage: URIRef
    Dataset: URIRef
    Briefing: URIRef
    Citation: URIRef
    ReferencePeriod: URIRef
    Qualifier: URIRef
    Measure: URIRef
    Unit: URIRef
    Reliability: URIRef
    Credibility: URIRef
    # event properties
    date: URIRef
    location: URIRef
    # figure properties
    value: URIRef
    wording: URIRef
    qualifier: URIRef
    lowerBound: URIRef
    upperBound: URIRef
    roundingUnit: URIRef
    measure: URIRef
    unit: URIRef
    defaultUnit: URIRef
    about: URIRef
    referencePeriod: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    periodPhrase: URIRef
    partOf: URIRef
    # evidence
    statedIn: URIRef
    reportedBy: URIRef
    backedBy: URIRef
    quote: URIRef
    selector: URIRef
    page: URIRef
    relation: URIRef
    object: URIRef
    credibility: URIRef
    reliability: URIRef
    # citations
    citingSource: URIRef
    citedSource: URIRef
    citationNumber: URIRef
    locator: URIRef
    citationText: URIRef
    # sources and actors
    title: URIRef
    publisher: URIRef
    author: URIRef
    published: URIRef
    url: URIRef
    section: URIRef
    textSha256: URIRef
    converter: URIRef
    role: URIRef
    affiliatedWith: URIRef
    basedIn: URIRef
    covers: URIRef
    # concept schemes and their concepts
    qualifiers: URIRef
    exact: URIRef
    approximately: URIRef
    nearly: URIRef
    over: URIRef
    under: URIRef
    atLeast: URIRef
    upTo: URIRef
    range: URIRef
    orderOfMagnitude: URIRef
    # assessments (curated) and audit findings (derived)
    ReliabilityAssessment: URIRef
    assessedEntity: URIRef
    assessor: URIRef
    assessedOn: URIRef
    rationale: URIRef
    AuditFinding: URIRef
    Corroboration: URIRef
    CircularReporting: URIRef
    Conflict: URIRef
    TotalCheck: URIRef
    CitationCycle: URIRef
    CredibilityAssessment: URIRef
    concerns: URIRef
    primarySource: URIRef
    origin: URIRef
    verdict: URIRef
    partsLower: URIRef
    partsUpper: URIRef
    reason: URIRef
    reliabilityScale: URIRef
    reliabilityA: URIRef
    reliabilityB: URIRef
    reliabilityC: URIRef
    reliabilityD: URIRef
    reliabilityE: URIRef
    reliabilityF: URIRef
    credibilityScale: URIRef
    credibility1: URIRef
    credibility2: URIRef
    credibility3: URIRef
    credibility4: URIRef
    credibility5: URIRef
    credibility6: URIRef


@_terms_as_attributes
class CITO(DefinedNamespace):
    """The Citation Typing Ontology terms used here (``cito:``)."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    cites: URIRef
    citesAsAuthority: URIRef
    citesAsDataSource: URIRef
    citesAsEvidence: URIRef
    citesForInformation: URIRef


@_terms_as_attributes
class OA(DefinedNamespace):
    """The Web Annotation terms used here (``oa:``)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    exact: URIRef
    start: URIRef
    end: URIRef


# The one prefix table: bound on every graph we write and prepended to every library query.
PREFIXES: dict[str, str] = {
    "fg": str(FG._NS),
    "fgid": DATA,
    "actor": DATA + "actor/",
    "place": DATA + "place/",
    "source": DATA + "source/",
    "figure": DATA + "figure/",
    "statement": DATA + "statement/",
    "measure": DATA + "measure/",
    "unit": DATA + "unit/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SDO),
    "cito": str(CITO),
    "oa": str(OA),
}

# Record kinds and the IRI path segment of their ids: fgid:figure/<id>, fgid:actor/<id>, ...
ENTITY_KINDS = ("actor", "place", "event", "source", "figure", "statement", "measure", "unit", "citation", "graph",
                "scheme", "assessment", "audit")


def iri_text(kind: str, *key: str) -> str:
    """The stable IRI of a record: built from its kind and record keys, never display text."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    return DATA + kind + "/" + "/".join(key)


def iri(kind: str, *key: str) -> URIRef:
    """A record's IRI (``iri_text``) as an rdflib term."""
    return URIRef(iri_text(kind, *key))


G = TypeVar("G", bound=Graph)


def local_id(node: object) -> str:
    """The record id of a data IRI (``.../id/actor/mediazona`` -> ``mediazona``); other terms as text."""
    text = str(node)
    if text.startswith(DATA):
        return text[len(DATA):].split("/", 1)[-1]
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and not ns.startswith(DATA):
            return f"{prefix}:{text[len(ns):]}"
    return text


def bind_prefixes(graph: G) -> G:
    """Bind the project's prefixes (and only those) on a graph, replacing rdflib's defaults."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX declarations for every library query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
