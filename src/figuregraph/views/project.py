"""Projection of the RDF graph onto a networkx MultiDiGraph of who backs what.

Nodes are typed (figure, statement, actor, place, source, citation) and keep what a person
reads: labels, values with bounds and wording, quotes, dates, URLs, reliability and
credibility grades. Edges are typed by relation (about, reported by, stated in, backed by,
cites, part of, covers, published by, author). Node ids are the record paths of the data
IRIs (``figure/convictions-desertion-2024-03``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import URIRef
from rdflib.term import Node

from ..model.schema import ACTOR_CLASSES, CITO_PROPERTIES, PLACE_CLASSES, SOURCE_CLASSES
from ..rdf.literals import plain
from ..rdf.namespace import DATA
from ..store.base import QueryResult, Store
from ..store.library import run, run_each
from .relations import AUDIT_RELATIONS, CITES, DRAWN, relation

if TYPE_CHECKING:
    from ..audit import Audit

NODE_KINDS = ("figure", "statement", "actor", "place", "source", "citation")
# Where each kind of node is read from: an internal query, and for the kinds of record with
# several classes, the classes it is run for (bound one at a time).
NODE_QUERIES: dict[str, tuple[str, tuple[URIRef, ...]]] = {
    "figure": ("project-figures", ()),
    "statement": ("project-statements", ()),
    "actor": ("project-named", tuple(ACTOR_CLASSES.values())),
    "place": ("project-named", tuple(PLACE_CLASSES.values())),
    "source": ("project-named", tuple(SOURCE_CLASSES.values())),
    "citation": ("project-citations", ()),
}


def _nodes(store: Store, kind: str) -> QueryResult:
    name, classes = NODE_QUERIES[kind]
    return run_each(store, name, "cls", classes) if classes else run(store, name)


Edge = tuple[Node | None, str, Node | None, Node | None]  # from, relation, to, CiTO kind


def _edges(store: Store) -> list[Edge]:
    """Every edge, sorted."""
    edges: list[Edge] = [(a, relation(str(p)), b, None)
                         for a, p, b in run_each(store, "linked-by", "property", DRAWN).rows]
    edges += [(a, relation(CITES), b, kind)
              for a, _, b, kind in run_each(store, "project-cites", "property", CITO_PROPERTIES.values()).rows]
    return sorted(edges, key=lambda r: tuple(str(x) for x in r))


def node_id(term: object) -> str:
    """The node id of a data IRI: its path below the data namespace."""
    text = str(term)
    return text[len(DATA):] if text.startswith(DATA) else text


def _figure_label(a: dict[str, Any]) -> str:
    parts = [str(a["wording"])]
    if a.get("measure"):
        parts.append(str(a["measure"]))
    if a.get("subject"):
        parts.append(f"({a['subject']})")
    return " ".join(parts)


def _statement_label(a: dict[str, Any]) -> str:
    quote = str(a.get("quote") or "statement")
    return quote if len(quote) <= 60 else quote[:57] + "..."


def _citation_label(a: dict[str, Any]) -> str:
    if a.get("number") is not None:
        return f"footnote {a['number']}"
    return "inline reference"


LABELS = {"figure": _figure_label, "statement": _statement_label, "citation": _citation_label}


def project(store: Store) -> nx.MultiDiGraph:
    """The whole graph as a typed MultiDiGraph (deterministic node and edge order)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for kind in NODE_KINDS:
        rows = sorted(_nodes(store, kind).dicts(), key=lambda d: str(d["n"]))
        for row in rows:
            ident = node_id(row.pop("n"))
            row.pop("cls", None)  # the class bound to read the row (``class`` names it)
            attrs = {k: plain(v) for k, v in row.items() if v is not None}
            if ident in graph:  # a second class or value: keep the first
                continue
            attrs["label"] = LABELS[kind](attrs) if kind in LABELS else str(attrs.get("label", ident))
            graph.add_node(ident, kind=kind, iri=DATA + ident, **attrs)
    for source, name, target, cito in _edges(store):
        a, b = node_id(source), node_id(target)
        if a not in graph or b not in graph or not isinstance(source, URIRef):
            continue
        attrs = {"relation": name}
        if cito is not None:
            attrs["cito"] = str(cito)
        graph.add_edge(a, b, key=name, **attrs)
    return graph


def add_audit(graph: nx.MultiDiGraph, audit: Audit) -> nx.MultiDiGraph:
    """Credibility (with its reason) on the figures, and corroboration, circular-reporting and
    conflict edges between them, from an audit of the same data."""
    for g in audit.grades:
        ident = node_id(g.claim)
        if ident in graph:
            graph.nodes[ident]["credibility"] = g.grade
            graph.nodes[ident]["credibilityReason"] = g.reason
    for pair in audit.pairs:
        a, b = node_id(pair.a), node_id(pair.b)
        if a in graph and b in graph:
            name = AUDIT_RELATIONS[pair.kind]
            graph.add_edge(a, b, key=name, relation=name, reason=pair.reason)
    return graph


def tooltip(attrs: dict[str, Any]) -> str:
    """Plain text (never markup) for a node's tooltip: what a reader needs to judge it."""
    kind = attrs.get("kind")
    lines = [f"{kind}: {attrs.get('label', '')}"]
    if kind == "figure":
        lower = attrs.get("lower", "open")
        upper = attrs.get("upper", "open")
        lines.append(f"value {attrs.get('value')} (bounds {lower} to {upper}), stated as \"{attrs.get('wording')}\"")
        if attrs.get("period"):
            lines.append(f"period: {attrs['period']} "
                         f"({attrs.get('periodStart', '?')} to {attrs.get('periodEnd', '?')})")
    if attrs.get("quote"):
        lines.append(f"quote: \u201c{attrs['quote']}\u201d")
    for key, name in (("title", "title"), ("publisher", "publisher"), ("published", "date"), ("url", "url"),
                      ("citing", "in"), ("locator", "at"), ("text", "text"), ("class", "kind")):
        if attrs.get(key):
            lines.append(f"{name}: {attrs[key]}")
    if attrs.get("reliability"):
        lines.append(f"source reliability: {attrs['reliability']}")
    if attrs.get("credibility"):
        reason = f" ({attrs['credibilityReason']})" if attrs.get("credibilityReason") else ""
        lines.append(f"information credibility: {attrs['credibility']}{reason}")
    return "\n".join(lines)
