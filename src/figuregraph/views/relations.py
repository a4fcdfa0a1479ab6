"""The relations the network draws, named by the ontology: an edge's relation is the rdfs:label
of its property, read once from the bundled ontology through the query library. Only the audit's
edges between figures, which no property stands for, are named here."""

from __future__ import annotations

from functools import cache

from rdflib.namespace import RDFS

from ..files.resources import ontology_path
from ..rdf.namespace import FG
from ..store.library import run
from ..store.spec import new_store

# The properties drawn as edges, in the projection's order.
DRAWN = (FG.about, FG.reportedBy, FG.statedIn, FG.backedBy, FG.citedSource, FG.partOf, FG.covers, FG.publisher,
         FG.author)
# A document citing another directly (CiTO) is drawn as the relation of a footnote to what it cites.
CITES = FG.citedSource
# Followed from a claim down to the sources behind it; a chain goes on through the first two only.
BACKING = (FG.backedBy, FG.citedSource, FG.statedIn, FG.reportedBy)
CONTINUES = (FG.backedBy, FG.citedSource)
# The audit's findings between two figures, as edges.
AUDIT_RELATIONS = {"corroboration": "corroborates", "circular": "repeats", "conflict": "conflicts with"}


@cache
def _labels() -> dict[str, str]:
    store = new_store()
    store.load_file(ontology_path())
    return {str(term): str(label) for term, _, label in run(store, "linked-by", {"property": RDFS.label}).rows}


def relation(prop: str) -> str:
    """The name of the relation a property (its IRI) is drawn as: its rdfs:label in the ontology."""
    return _labels()[str(prop)]


def relations() -> tuple[str, ...]:
    """Every relation an edge may carry: the drawn properties' labels, then the audit's."""
    return (*dict.fromkeys(relation(p) for p in DRAWN), *AUDIT_RELATIONS.values())
