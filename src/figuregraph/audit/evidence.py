"""What the audit reads from the graph: claims with their values, bounds, measure, subject and
period, the sources their citations cite, source-to-source citations, and publishers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..model.kinds import CITO_PROPERTIES
from ..rdf.namespace import local_id, sparql_prologue
from ..store.base import Store

CLAIMS = """
SELECT ?c ?kind ?wording ?value ?lower ?upper ?measure ?subject ?start ?end ?doc ?total WHERE {
  { ?c a fg:Figure BIND ("figure" AS ?kind) } UNION { ?c a fg:Statement BIND ("statement" AS ?kind) }
  ?c fg:statedIn ?doc .
  OPTIONAL { ?c fg:wording ?wording } OPTIONAL { ?c fg:value ?value }
  OPTIONAL { ?c fg:lowerBound ?lower } OPTIONAL { ?c fg:upperBound ?upper }
  OPTIONAL { ?c fg:measure ?measure } OPTIONAL { ?c fg:about ?subject }
  OPTIONAL { ?c fg:referencePeriod ?p . OPTIONAL { ?p fg:periodStart ?start } OPTIONAL { ?p fg:periodEnd ?end } }
  OPTIONAL { ?c fg:partOf ?total }
}"""
BACKING = "SELECT ?c ?cited WHERE { ?c fg:backedBy/fg:citedSource ?cited }"
REPORTERS = "SELECT ?c ?actor WHERE { ?c fg:reportedBy ?actor }"
CITES = """
SELECT DISTINCT ?from ?to WHERE {
  VALUES ?p { %s }
  ?from ?p ?to .
}""" % " ".join(f"<{p}>" for p in CITO_PROPERTIES.values())
PUBLISHERS = "SELECT ?s ?who WHERE { { ?s fg:publisher ?who } UNION { ?s fg:author ?who } }"
LABELS = "SELECT ?n ?label WHERE { ?n rdfs:label ?label }"


@dataclass
class Claim:
    iri: str
    kind: str
    document: str
    wording: str | None = None
    value: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    measure: str | None = None
    subjects: set[str] = field(default_factory=set)
    start: date | None = None
    end: date | None = None
    total: str | None = None
    cited: set[str] = field(default_factory=set)
    reporters: set[str] = field(default_factory=set)


@dataclass
class Evidence:
    claims: dict[str, Claim]
    cites: dict[str, set[str]]
    publishers: dict[str, set[str]]
    labels: dict[str, str]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_id(iri)


def _py(term: object) -> object:
    return None if term is None else term.toPython() if hasattr(term, "toPython") else str(term)  # type: ignore[union-attr]


def _decimal(term: object) -> Decimal | None:
    value = _py(term)
    return None if value is None else Decimal(str(value))


def _day(term: object) -> date | None:
    value = _py(term)
    return value if isinstance(value, date) else None


def read(store: Store) -> Evidence:
    """Everything the audit needs, in one pass of a few queries."""
    def rows(query: str) -> list[tuple[object, ...]]:
        return list(store.query(sparql_prologue() + query).rows)

    claims: dict[str, Claim] = {}
    for c, kind, wording, value, lower, upper, measure, subject, start, end, doc, total in rows(CLAIMS):
        claim = claims.setdefault(str(c), Claim(str(c), str(kind), str(doc)))
        claim.wording = claim.wording or (None if wording is None else str(wording))
        claim.value = claim.value if claim.value is not None else _decimal(value)
        claim.lower = claim.lower if claim.lower is not None else _decimal(lower)
        claim.upper = claim.upper if claim.upper is not None else _decimal(upper)
        claim.measure = claim.measure or (None if measure is None else str(measure))
        if subject is not None:
            claim.subjects.add(str(subject))
        claim.start = claim.start or _day(start)
        claim.end = claim.end or _day(end)
        claim.total = claim.total or (None if total is None else str(total))
    for c, cited in rows(BACKING):
        if str(c) in claims:
            claims[str(c)].cited.add(str(cited))
    for c, actor in rows(REPORTERS):
        if str(c) in claims:
            claims[str(c)].reporters.add(str(actor))
    cites: dict[str, set[str]] = {}
    for a, b in rows(CITES):
        cites.setdefault(str(a), set()).add(str(b))
    publishers: dict[str, set[str]] = {}
    for s, who in rows(PUBLISHERS):
        publishers.setdefault(str(s), set()).add(str(who))
    labels = {str(n): str(label) for n, label in rows(LABELS)}
    return Evidence(claims, cites, publishers, labels)
