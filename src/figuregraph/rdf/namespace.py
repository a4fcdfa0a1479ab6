"""IRIs: the closed ontology namespace, the data namespace and the prefixes used everywhere.

Code never spells an ontology IRI as a string: it uses ``FG.term``, and a term that is not
in the ontology is an AttributeError. A test checks that ``FG`` lists exactly the terms
declared in ``ontology/figuregraph.ttl``. The prefix table and the data namespace are plain
text in ``prefixes`` (a query needs them without rdflib); a test checks that they name the
namespaces defined here and rdflib's.
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

from .prefixes import DATA, ENTITY_KINDS, PREFIXES, iri_text, local_id, sparql_prologue

__all__ = ["CITO", "DATA", "DCTERMS", "ENTITY_KINDS", "FG", "OA", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SDO",
           "SKOS", "XSD", "bind_prefixes", "iri", "iri_text", "local_id", "sparql_prologue"]


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

    _NS = Namespace(PREFIXES["fg"])
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

    _NS = Namespace(PREFIXES["cito"])
    _fail = True

    cites: URIRef
    citesAsAuthority: URIRef
    citesAsDataSource: URIRef
    citesAsEvidence: URIRef
    citesForInformation: URIRef


@_terms_as_attributes
class OA(DefinedNamespace):
    """The Web Annotation terms used here (``oa:``)."""

    _NS = Namespace(PREFIXES["oa"])
    _fail = True

    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    exact: URIRef
    start: URIRef
    end: URIRef


def iri(kind: str, *key: str) -> URIRef:
    """A record's IRI (``iri_text``) as an rdflib term."""
    return URIRef(iri_text(kind, *key))


G = TypeVar("G", bound=Graph)


def bind_prefixes(graph: G) -> G:
    """Bind the project's prefixes (and only those) on a graph, replacing rdflib's defaults."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
