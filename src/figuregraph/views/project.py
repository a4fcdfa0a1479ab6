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

from ..model.kinds import ACTOR_CLASSES, CITO_PROPERTIES, PLACE_CLASSES, SOURCE_CLASSES
from ..rdf.literals import plain
from ..rdf.namespace import DATA, sparql_prologue
from ..store.base import Store

if TYPE_CHECKING:
    from ..audit import Audit

NODE_KINDS = ("figure", "statement", "actor", "place", "source", "citation")
RELATIONS = ("about", "reported by", "stated in", "backed by", "cites", "part of", "covers", "published by",
             "author", "corroborates", "repeats", "conflicts with")
AUDIT_RELATIONS = {"corroboration": "corroborates", "circular": "repeats", "conflict": "conflicts with"}


def _values(classes: object) -> str:
    return " ".join(f"<{c}>" for c in classes)  # type: ignore[attr-defined]


NODE_QUERIES: dict[str, str] = {
    "figure": """
SELECT ?n ?wording ?value ?lower ?upper ?qualifier ?measure ?unit ?quote ?period ?periodStart ?periodEnd
       ?credibility ?subject
WHERE {
  ?n a fg:Figure ; fg:wording ?wording ; fg:value ?value .
  OPTIONAL { ?n fg:lowerBound ?lower } OPTIONAL { ?n fg:upperBound ?upper }
  OPTIONAL { ?n fg:qualifier ?q BIND (STRAFTER(STR(?q), "#") AS ?qualifier) }
  OPTIONAL { ?n fg:measure/skos:prefLabel ?measure } OPTIONAL { ?n fg:unit/skos:prefLabel ?unit }
  OPTIONAL { ?n fg:quote ?quote } OPTIONAL { ?n fg:about/rdfs:label ?subject }
  OPTIONAL { ?n fg:referencePeriod ?p .
    OPTIONAL { ?p fg:periodPhrase ?period } OPTIONAL { ?p fg:periodStart ?periodStart }
    OPTIONAL { ?p fg:periodEnd ?periodEnd } }
  OPTIONAL { ?n fg:credibility ?c BIND (STRAFTER(STR(?c), "#credibility") AS ?credibility) }
}""",
    "statement": """
SELECT ?n ?quote ?credibility ?subject WHERE {
  ?n a fg:Statement . OPTIONAL { ?n fg:quote ?quote } OPTIONAL { ?n fg:about/rdfs:label ?subject }
  OPTIONAL { ?n fg:credibility ?c BIND (STRAFTER(STR(?c), "#credibility") AS ?credibility) }
}""",
    "actor": f"""
SELECT ?n ?label ?class ?reliability WHERE {{
  ?n a ?cls ; rdfs:label ?label . VALUES ?cls {{ {_values(ACTOR_CLASSES.values())} }}
  BIND (STRAFTER(STR(?cls), "#") AS ?class)
  OPTIONAL {{ ?n fg:reliability ?r BIND (STRAFTER(STR(?r), "#reliability") AS ?reliability) }}
}}""",
    "place": f"""
SELECT ?n ?label ?class WHERE {{
  ?n a ?cls ; rdfs:label ?label . VALUES ?cls {{ {_values(PLACE_CLASSES.values())} }}
  BIND (STRAFTER(STR(?cls), "#") AS ?class)
}}""",
    "source": f"""
SELECT ?n ?label ?class ?title ?published ?url ?publisher ?reliability WHERE {{
  ?n a ?cls ; rdfs:label ?label . VALUES ?cls {{ {_values(SOURCE_CLASSES.values())} }}
  BIND (STRAFTER(STR(?cls), "#") AS ?class)
  OPTIONAL {{ ?n fg:title ?title }} OPTIONAL {{ ?n fg:published ?published }} OPTIONAL {{ ?n fg:url ?url }}
  OPTIONAL {{ ?n fg:publisher/rdfs:label ?publisher }}
  OPTIONAL {{ ?n fg:reliability ?r BIND (STRAFTER(STR(?r), "#reliability") AS ?reliability) }}
}}""",
    "citation": """
SELECT ?n ?number ?locator ?text ?citing WHERE {
  ?n a fg:Citation . OPTIONAL { ?n fg:citationNumber ?number } OPTIONAL { ?n fg:locator ?locator }
  OPTIONAL { ?n fg:citationText ?text } OPTIONAL { ?n fg:citingSource/rdfs:label ?citing }
}""",
}

EDGES = f"""
SELECT DISTINCT ?from ?relation ?to ?kind WHERE {{
  {{
    VALUES (?relation ?p) {{
      ("about" fg:about) ("reported by" fg:reportedBy) ("stated in" fg:statedIn) ("backed by" fg:backedBy)
      ("cites" fg:citedSource) ("part of" fg:partOf) ("covers" fg:covers) ("published by" fg:publisher)
      ("author" fg:author)
    }}
    ?from ?p ?to .
  }} UNION {{
    VALUES ?p {{ {_values(CITO_PROPERTIES.values())} }}
    ?from ?p ?to .
    # what a document cites through its footnotes is drawn through the citation nodes
    FILTER NOT EXISTS {{ ?c fg:citingSource ?from ; fg:citedSource ?to }}
    BIND ("cites" AS ?relation) BIND (STRAFTER(STR(?p), "cito/") AS ?kind)
  }}
}}"""


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
    graph = nx.MultiDiGraph()
    for kind in NODE_KINDS:
        result = store.query(sparql_prologue() + NODE_QUERIES[kind])
        rows = sorted(result.dicts(), key=lambda d: str(d["n"]))
        for row in rows:
            ident = node_id(row.pop("n"))
            attrs = {k: plain(v) for k, v in row.items() if v is not None}
            if ident in graph:  # a second class or value: keep the first
                continue
            attrs["label"] = LABELS[kind](attrs) if kind in LABELS else str(attrs.get("label", ident))
            graph.add_node(ident, kind=kind, iri=DATA + ident, **attrs)
    edges = sorted(store.query(sparql_prologue() + EDGES).rows, key=lambda r: tuple(str(x) for x in r))
    for source, relation, target, cito in edges:
        a, b = node_id(source), node_id(target)
        if a not in graph or b not in graph or not isinstance(source, URIRef):
            continue
        attrs = {"relation": str(relation)}
        if cito is not None:
            attrs["cito"] = str(cito)
        graph.add_edge(a, b, key=f"{relation}", **attrs)
    return graph


def add_audit(graph: nx.MultiDiGraph, audit: "Audit") -> nx.MultiDiGraph:
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
            relation = AUDIT_RELATIONS[pair.kind]
            graph.add_edge(a, b, key=relation, relation=relation, reason=pair.reason)
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
            lines.append(f"period: {attrs['period']} ({attrs.get('periodStart', '?')} to {attrs.get('periodEnd', '?')})")
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
