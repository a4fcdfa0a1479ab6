"""Node positions for a network, shared by the GEXF export and the HTML views, so that Gephi and
the page start from the same picture.

A force-directed layout (networkx's Fruchterman-Reingold) on the undirected simple graph, nodes in
sorted order and a fixed seed: the same graph and seed give the same positions. Coordinates are
scaled to a square of ``SCALE`` units around the origin and rounded, so that the last bits of
floating point never change an exported file. Each iteration costs about n^2 operations, so larger
graphs get fewer iterations, and above ``FORCE_LIMIT`` nodes the positions are seeded random ones: a
rough start that Gephi's own layouts or the page's physics refine."""

from __future__ import annotations

import networkx as nx

SCALE = 1000.0
ITERATIONS = 50
WORK = 50 * 1000**2  # iterations x nodes^2 spent at most
MIN_ITERATIONS = 5
FORCE_LIMIT = 5000  # nodes


def iterations_for(nodes: int) -> int:
    """How many layout iterations a graph of ``nodes`` nodes gets."""
    if nodes == 0:
        return 0
    return max(MIN_ITERATIONS, min(ITERATIONS, WORK // (nodes * nodes)))


def positions(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """(x, y) for every node, in ``[-SCALE, SCALE]``, rounded to a tenth."""
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    if simple.number_of_nodes() == 0:
        return {}
    if len(simple) > FORCE_LIMIT:
        placed = nx.rescale_layout_dict(nx.random_layout(simple, seed=seed), scale=SCALE)
    else:
        placed = nx.spring_layout(simple, seed=seed, iterations=iterations_for(len(simple)), scale=SCALE)
    return {str(node): (round(float(x), 1), round(float(y), 1)) for node, (x, y) in placed.items()}
