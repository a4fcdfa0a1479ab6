"""Views of the projection: the whole graph, one figure and everything behind it, and the
ego networks of an actor or a source. A view above the node limit is refused with a hint."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..defaults import MAX_NODES as DEFAULT_MAX_NODES
from ..errors import UsageError, close_matches
from ..rdf.namespace import FG
from .project import node_id
from .relations import AUDIT_RELATIONS, BACKING, CONTINUES, relation



@dataclass(frozen=True)
class View:
    """A subgraph with what it shows, for page titles and headings."""

    graph: nx.MultiDiGraph
    title: str
    focus: str | None = None


def _require(graph: nx.MultiDiGraph, ident: str, kind: str) -> str:
    for candidate in (ident, f"{kind}/{ident}", node_id(ident)):
        if candidate in graph and graph.nodes[candidate].get("kind") == kind:
            return candidate
    known = sorted(n.split("/", 1)[-1] for n, d in graph.nodes(data=True) if d.get("kind") == kind)
    close = close_matches(ident, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"no {kind} with id '{ident}'{hint}")


def backing(graph: nx.MultiDiGraph, start: str) -> set[str]:
    """The node and everything behind it: citations, cited sources and their chains, the stating
    document and the reporting actors (following only backing relations, forwards)."""
    followed, continued = {relation(p) for p in BACKING}, {relation(p) for p in CONTINUES}
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for _, target, data in graph.out_edges(node, data=True):
            name = data.get("relation")
            if name in followed and target not in seen:
                seen.add(target)
                if name in continued:
                    todo.append(target)
    return seen


def _limited(graph: nx.MultiDiGraph, nodes: set[str], title: str, focus: str | None, max_nodes: int,
             narrower: str) -> View:
    if len(nodes) > max_nodes:
        raise UsageError(f"{title} has {len(nodes)} nodes, over the limit of {max_nodes}: {narrower} "
                         "(or raise --max-nodes)")
    return View(graph.subgraph(sorted(nodes)).copy(), title, focus)


def whole(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    return _limited(graph, set(graph), "The whole graph", None, max_nodes,
                    "show one --figure, or an --actor or --source with a small --depth")


def figure(graph: nx.MultiDiGraph, ident: str, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """One figure, its citations, the sources they cite down to the primary sources, the stating
    document, the reporting actors and what the figure is about."""
    start = _require(graph, ident, "figure")
    nodes = backing(graph, start)
    about = relation(FG.about)
    nodes |= {t for _, t, d in graph.out_edges(start, data=True) if d.get("relation") == about}
    # figures that corroborate, repeat or contradict it (when the view carries an audit)
    audit = set(AUDIT_RELATIONS.values())
    nodes |= {n for a, b, d in graph.edges(data=True) if d.get("relation") in audit and start in (a, b)
              for n in (a, b)}
    label = graph.nodes[start]["label"]
    return _limited(graph, nodes, f"Figure: {label}", start, max_nodes, "this figure's chain is too large")


def ego(graph: nx.MultiDiGraph, ident: str, kind: str, depth: int, max_nodes: int = DEFAULT_MAX_NODES) -> View:
    """Everything within ``depth`` links of an actor or a source, in either direction."""
    if depth < 0:
        raise UsageError("--depth must be 0 or more")
    start = _require(graph, ident, kind)
    nodes = set(nx.ego_graph(graph.to_undirected(as_view=True), start, radius=depth))
    label = graph.nodes[start]["label"]
    return _limited(graph, nodes, f"{kind.capitalize()}: {label} (depth {depth})", start, max_nodes,
                    "use a smaller --depth")
