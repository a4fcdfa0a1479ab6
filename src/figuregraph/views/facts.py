"""One node as a reader sees it: its kind, label and the facts that let one judge it (read with the
``explore-node`` query, under the names the network's tooltips use), and the page it has."""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import URIRef

from ..model.kinds import ACTOR_CLASSES, PLACE_CLASSES, SOURCE_CLASSES
from ..rdf.literals import plain
from ..rdf.namespace import DATA
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


def facts(store: Store, node: URIRef) -> dict[str, Any] | None:
    """The node's facts as plain values (the first of several values wins, as in the projection), its
    ``kind``, its ``name`` (rdfs:label) and the ``label`` the network draws; None if the store has no
    node of an ontology class there."""
    rows = run(store, "explore-node", {"node": node}).dicts()
    if not rows:
        return None
    found: dict[str, Any] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None and key != "node" and key not in found:
                found[key] = plain(value)
    ident = node_id(node)
    kind = _class_kinds().get(str(found.get("class")), "part" if ident.count("/") > 1 else kind_of(ident))
    found["kind"] = kind
    found["name"] = str(found.get("label") or ident)  # its rdfs:label, for pages
    found["label"] = LABELS[kind](found) if kind in LABELS else found["name"]  # as the network draws it
    return found


def bounds_text(attrs: dict[str, Any]) -> str:
    """A figure's bounds as a reader writes them: ``22570..22580``, an open end as ``open``."""
    lower = attrs.get("lower")
    upper = attrs.get("upper")
    return f"{'open' if lower is None else lower}..{'open' if upper is None else upper}"
