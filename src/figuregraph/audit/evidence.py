"""What the audit reads from the graph: claims with their values, bounds, measure, subject and
period, the sources their citations cite, source-to-source citations, and publishers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import URIRef
from rdflib.namespace import RDFS

from ..errors import InputError
from ..model.schema import CITO_PROPERTIES
from ..rdf.namespace import FG, local_id
from ..store.base import Store
from ..store.library import run, run_each

Row = tuple[object, ...]


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
    return None if term is None else term.toPython() if hasattr(term, "toPython") else str(term)


def _decimal(term: object, claim: str) -> Decimal | None:
    """A value or bound as a finite decimal. Dataset files with ill-typed numbers are refused as they
    are read (``store.welltyped``); an endpoint's data is not, hence the message here."""
    if term is None:
        return None
    try:
        number = Decimal(str(_py(term)))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise InputError(f"the figure <{claim}> has '{term}' as a value or bound, which is not a finite number; "
                         "the audit compares numbers")
    return number


def _day(term: object) -> date | None:
    value = _py(term)
    return value if isinstance(value, date) else None


def read(store: Store) -> Evidence:
    """Everything the audit needs, in one pass of a few queries (``queries/internal/``)."""
    def rows(name: str) -> tuple[Row, ...]:
        return run(store, name).rows

    def linked(*properties: URIRef) -> tuple[Row, ...]:
        return tuple((a, b) for a, _, b in run_each(store, "linked-by", "property", properties).rows)

    claims: dict[str, Claim] = {}
    for c, kind, wording, value, lower, upper, measure, subject, start, end, doc, total in rows("audit-claims"):
        claim = claims.setdefault(str(c), Claim(str(c), str(kind), str(doc)))
        claim.wording = claim.wording or (None if wording is None else str(wording))
        claim.value = claim.value if claim.value is not None else _decimal(value, claim.iri)
        claim.lower = claim.lower if claim.lower is not None else _decimal(lower, claim.iri)
        claim.upper = claim.upper if claim.upper is not None else _decimal(upper, claim.iri)
        claim.measure = claim.measure or (None if measure is None else str(measure))
        if subject is not None:
            claim.subjects.add(str(subject))
        claim.start = claim.start or _day(start)
        claim.end = claim.end or _day(end)
        claim.total = claim.total or (None if total is None else str(total))
    for c, cited in rows("audit-backing"):
        if str(c) in claims:
            claims[str(c)].cited.add(str(cited))
    for c, actor in linked(FG.reportedBy):
        if str(c) in claims:
            claims[str(c)].reporters.add(str(actor))
    cites: dict[str, set[str]] = {}
    for a, b in linked(*CITO_PROPERTIES.values()):
        cites.setdefault(str(a), set()).add(str(b))
    publishers: dict[str, set[str]] = {}
    for s, who in linked(FG.publisher, FG.author):
        publishers.setdefault(str(s), set()).add(str(who))
    labels = {str(n): str(label) for n, label in linked(RDFS.label)}
    return Evidence(claims, cites, publishers, labels)
