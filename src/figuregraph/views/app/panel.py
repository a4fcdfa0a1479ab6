"""The network panel of every page: the item's neighbourhood, never the whole graph, grown on click.

A neighbourhood is a small ``networkx`` graph in the projection's terms (node kinds, labels and
tooltips, edges named by the ontology), turned into vis-network's data by pyvis as the static views
are (``html.network_data``). A node's neighbours are the nodes one drawn relation or one CiTO
citation away, read with the ``explore-links`` query; at most ``MAX_NEW`` are added at a time, and
the page says how many more there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Iterable

import networkx as nx
from rdflib import URIRef

from ...model.schema import CITO_PROPERTIES
from ...rdf.namespace import DATA
from ...store.base import Store
from ...store.library import run
from ..facts import NETWORK_KINDS, facts, kind_of, node_iri
from ..html import STYLES, network_data
from ..network import View
from ..project import node_id
from ..relations import CITES, DRAWN, relation
from .index import Index

MAX_NEW = 40  # neighbours added by one click (or shown first)
KIND_ORDER = {kind: n for n, kind in enumerate(("figure", "source", "actor", "place", "statement", "citation"))}
_DRAWN = {str(p) for p in DRAWN}
_CITO = {str(p): str(p).rsplit("/", 1)[-1] for p in CITO_PROPERTIES.values()}


@dataclass
class Panel:
    """A neighbourhood being put together: the graph, the node it is about, and for each node
    expanded how many of its neighbours are left out."""

    store: Store
    index: Index
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    focus: str | None = None
    more: dict[str, int] = field(default_factory=dict)

    def add(self, ident: str) -> bool:
        """Add a node with its facts (and the audit's credibility); False if it is not drawn."""
        if ident in self.graph:
            return True
        if kind_of(ident) not in NETWORK_KINDS:
            return False
        attrs = facts(self.store, node_iri(ident))
        if attrs is None:
            return False
        judgement = self.index.judgement(ident) if attrs["kind"] == "figure" else None
        if judgement is not None and judgement.credibility is not None:
            attrs["credibility"] = str(judgement.credibility)
            attrs["credibilityReason"] = judgement.reason
        attrs.pop("name", None)
        self.graph.add_node(ident, iri=DATA + ident, **attrs)
        return True

    def link(self, a: str, name: str, b: str, cito: str | None = None) -> None:
        if a in self.graph and b in self.graph and not self.graph.has_edge(a, b, key=name):
            attrs = {"relation": name, **({"cito": cito} if cito else {})}
            self.graph.add_edge(a, b, key=name, **attrs)

    def expand(self, ident: str, limit: int = MAX_NEW, only: Iterable[str] | None = None) -> None:
        """Add the node and up to ``limit`` of its neighbours (those by the properties ``only``, if
        given), and the links between them."""
        if not self.add(ident):
            return
        wanted = None if only is None else {str(p) for p in only}
        found: dict[str, list[tuple[str, str, str, str | None]]] = {}
        for row in run(self.store, "explore-links", {"node": node_iri(ident)}).dicts():
            prop, other = str(row["property"]), row["other"]
            if not isinstance(other, URIRef) or not str(other).startswith(DATA):
                continue
            if (prop not in _DRAWN and prop not in _CITO) or (wanted is not None and prop not in wanted):
                continue
            name, cito = (relation(CITES), _CITO[prop]) if prop in _CITO else (relation(prop), None)
            neighbour = node_id(other)
            if kind_of(neighbour) not in NETWORK_KINDS or neighbour == ident:
                continue
            a, b = (ident, neighbour) if str(row["direction"]) == "out" else (neighbour, ident)
            found.setdefault(neighbour, []).append((a, name, b, cito))
        ordered = sorted(found, key=lambda n: (n not in self.graph, KIND_ORDER.get(kind_of(n), 9), n))
        shown = 0
        for neighbour in ordered:
            if neighbour not in self.graph:
                if shown >= limit:
                    continue
                if not self.add(neighbour):
                    continue
                shown += 1
            for a, name, b, cito in found[neighbour]:
                self.link(a, name, b, cito)
        self.more[ident] = sum(1 for n in found if n not in self.graph)

    def data(self) -> dict[str, Any]:
        """The panel as vis-network data: nodes (with the page each opens), edges, and its options."""
        title = self.graph.nodes[self.focus]["label"] if self.focus in self.graph else "neighbourhood"
        net = network_data(View(self.graph, str(title), self.focus))
        nodes, edges, _, _, _, _ = net.get_network_data()
        for node in nodes:
            node["url"] = "/id/" + str(node["id"])
            if node["id"] == self.focus:
                node["borderWidth"] = 4
        for edge in edges:
            edge["id"] = f"{edge['from']}|{edge['relation']}|{edge['to']}"
        return {"nodes": nodes, "edges": edges, "focus": self.focus, "more": self.more,
                "kinds": [{"name": k, "color": s.color} for k, s in STYLES.items()], "options": OPTIONS}


OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 7},
    "physics": {"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -6000, "springLength": 160,
                                                     "avoidOverlap": 0.4},
                "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50}, "minVelocity": 1.0},
    "interaction": {"hover": True, "tooltipDelay": 200},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10, "align": "middle"},
              "smooth": {"enabled": True, "type": "continuous"}},
    "nodes": {"font": {"size": 13}, "widthConstraint": {"maximum": 200}},
}


def neighbours(store: Store, index: Index, ident: str) -> dict[str, Any]:
    """What one click on a node adds: the node, its neighbours (up to ``MAX_NEW``) and their links."""
    panel = Panel(store, index, focus=ident)
    panel.expand(ident)
    return panel.data()


def of_figure(store: Store, index: Index, ident: str, chain: Iterable[tuple[str, str, str | None]]) -> Panel:
    """A figure's panel: its neighbours, the sources its footnotes cite and the citations between
    sources down to the primary ones (``chain``: from, to, CiTO kind)."""
    panel = Panel(store, index, focus=ident)
    panel.expand(ident)
    for node in list(panel.graph):
        if kind_of(node) == "citation":
            panel.expand(node, only=[str(CITES)])
    for a, b, cito in chain:
        for node in (a, b):
            panel.add(node)
        panel.link(a, relation(CITES), b, cito)
    return panel


def of_node(store: Store, index: Index, ident: str) -> Panel:
    """The panel of a source, actor, place, statement or citation: it and its neighbours."""
    panel = Panel(store, index, focus=ident)
    panel.expand(ident)
    return panel


def of_items(store: Store, index: Index, idents: Iterable[str], limit: int = MAX_NEW,
             follow: Iterable[str] = ()) -> Panel:
    """A panel of some items (search results, documents, a measure's figures), with what they link to
    by the properties ``follow``: each grows on click."""
    panel = Panel(store, index)
    along = [str(p) for p in follow]
    for ident in idents:
        if len(panel.graph) >= limit:
            break
        if along:
            panel.expand(ident, only=along)
        else:
            panel.add(ident)
    return panel
