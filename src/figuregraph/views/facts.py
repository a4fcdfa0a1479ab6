"""One node as a reader sees it: its kind, label and the facts that let one judge it (read with the
``explore-facts`` query, under the names the network's tooltips use)."""

from __future__ import annotations

from functools import cache
from typing import Any
from collections.abc import Sequence

from rdflib import URIRef
from rdflib.term import Node
from rdflib.namespace import RDF, RDFS, SKOS

from ..model.schema import ACTOR_CLASSES, PLACE_CLASSES, SOURCE_CLASSES
from ..rdf.literals import plain
from ..rdf.namespace import DATA, FG, OA
from ..store.base import Store
from ..store.library import run
from .project import LABELS, node_id

# Kinds with a page of their own (the first segment of a node id); anything else gets a plain one.
PAGE_KINDS = ("figure", "statement", "source", "actor", "place", "measure", "citation")
NETWORK_KINDS = ("figure", "statement", "actor", "place", "source", "citation")


def kind_of(ident: str) -> str:
    """The kind of a record's node id (``source/x`` -> ``source``): record ids are paths below their
    kind. A record's parts (``figure/x/period``) have ids below it; ``facts`` tells them by class."""
    return ident.split("/", 1)[0]


@cache
def _class_kinds() -> dict[str, str]:
    """The kind of record each ontology class (by local name) is the class of."""
    kinds = {"Figure": "figure", "Statement": "statement", "Citation": "citation", "Measure": "measure",
             "Unit": "unit", "Event": "event"}
    for kind, classes in (("actor", ACTOR_CLASSES), ("place", PLACE_CLASSES), ("source", SOURCE_CLASSES)):
        kinds.update({str(c).rsplit("#", 1)[-1]: kind for c in classes.values()})
    return kinds


def node_iri(ident: str) -> URIRef:
    """The data IRI of a node id."""
    return URIRef(DATA + ident)


# What a node's own triples are called in its facts (the names the network's tooltips use); for
# links, whether the fact is the linked node's label (True) or the end of its IRI (its local name).
OWN: dict[str, tuple[str, bool | None]] = {
    str(FG.wording): ("wording", None), str(FG.value): ("value", None), str(FG.lowerBound): ("lower", None),
    str(FG.upperBound): ("upper", None), str(FG.qualifier): ("qualifier", False), str(FG.measure): ("measure", True),
    str(FG.unit): ("unit", True), str(FG.quote): ("quote", None), str(FG.credibility): ("credibility", False),
    str(FG.about): ("subject", True), str(FG.title): ("title", None), str(FG.published): ("published", None),
    str(FG.url): ("url", None), str(FG.publisher): ("publisher", True), str(FG.author): ("author", True),
    str(FG.section): ("section", None), str(FG.reliability): ("reliability", False),
    str(FG.citationNumber): ("number", None), str(FG.locator): ("locator", None),
    str(FG.citationText): ("text", None), str(FG.citingSource): ("citing", True), str(RDFS.label): ("label", None),
    str(RDFS.comment): ("comment", None), str(SKOS.definition): ("definition", None), str(FG.role): ("role", None),
    str(RDF.type): ("class", False),
}
# The facts of a node's parts: its reference period and the selectors placing its quote.
PARTS = {str(FG.periodPhrase): "period", str(FG.periodStart): "periodStart", str(FG.periodEnd): "periodEnd",
         str(OA.start): "start", str(OA.end): "end"}
GRADE_PREFIXES = ("credibility", "reliability")


def _local(term: object) -> str:
    """The end of an IRI (``fg:nearly`` -> ``nearly``, ``fg:credibility2`` -> ``2``)."""
    name = str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    for prefix in GRADE_PREFIXES:
        if name.startswith(prefix) and name != prefix:
            return name[len(prefix):]
    return name


def facts(store: Store, node: URIRef) -> dict[str, Any] | None:
    """The node's facts as plain values (the first of several values wins, as in the projection), its
    ``kind``, its ``name`` (rdfs:label) and the ``label`` the network draws; None if the store has no
    node of an ontology class there. One query (``explore-facts``)."""
    return facts_of(node, run(store, "explore-facts", {"node": node}).rows)


def facts_of(node: URIRef, rows: Sequence[Sequence[Node | None]]) -> dict[str, Any] | None:
    """``facts`` from the rows of ``explore-facts`` already read (a plain page lists them too)."""
    found: dict[str, Any] = {}
    classes = []
    for _, subject, prop, value, label in rows:
        own = subject == node
        if own and str(prop) == str(RDF.type):
            if str(value).startswith(str(FG._NS)):
                classes.append(_local(value))
            continue
        name, linked = OWN.get(str(prop), (None, None)) if own else (PARTS.get(str(prop)), None)
        if name is None or name in found or value is None:
            continue
        if linked is True:
            if label is not None:
                found[name] = str(label)
        elif linked is False:
            found[name] = _local(value)
        else:
            found[name] = plain(value)
    if not classes:
        return None
    kinds = _class_kinds()
    classes.sort(key=lambda c: (c not in kinds, c))
    found["class"] = classes[0]
    ident = node_id(node)
    kind = kinds.get(classes[0], "part" if ident.count("/") > 1 else kind_of(ident))
    found["kind"] = kind
    found["name"] = str(found.get("label") or ident)  # its rdfs:label, for pages
    found["label"] = LABELS[kind](found) if kind in LABELS else found["name"]  # as the network draws it
    return found


def bounds_text(attrs: dict[str, Any]) -> str:
    """A figure's bounds as a reader writes them: ``22570..22580``, an open end as ``open``."""
    lower = attrs.get("lower")
    upper = attrs.get("upper")
    return f"{'open' if lower is None else lower}..{'open' if upper is None else upper}"
