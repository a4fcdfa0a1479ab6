"""views/layout.py: the positions the GEXF export and the HTML views share."""

from __future__ import annotations

import networkx as nx

from figuregraph.build import BuiltGraph
from figuregraph.views.layout import FORCE_LIMIT, SCALE, iterations_for, positions
from figuregraph.views.project import project


def _multi(graph: nx.Graph) -> nx.MultiDiGraph:
    multi = nx.MultiDiGraph()
    multi.add_nodes_from(str(n) for n in graph)
    multi.add_edges_from((str(a), str(b)) for a, b in graph.edges())
    return multi


def test_every_node_is_placed_inside_the_square_the_same_way_each_time(seed: BuiltGraph) -> None:
    network = project(seed.oxigraph())
    placed = positions(network)
    assert set(placed) == set(network)
    assert all(abs(x) <= SCALE and abs(y) <= SCALE for x, y in placed.values())
    assert positions(network) == placed
    assert positions(network, seed=2) != placed
    assert len(set(placed.values())) == len(placed)  # no two nodes on one spot


def test_linked_nodes_sit_closer_than_unlinked_ones() -> None:
    """Two cliques joined by one edge: the layout keeps each clique together."""
    graph = nx.barbell_graph(8, 0)
    placed = positions(_multi(graph))

    def distance(a: int, b: int) -> float:
        (xa, ya), (xb, yb) = placed[str(a)], placed[str(b)]
        return float(((xa - xb) ** 2 + (ya - yb) ** 2) ** 0.5)

    inside = [distance(a, b) for a in range(8) for b in range(8) if a < b]
    across = [distance(a, b) for a in range(8) for b in range(8, 16)]
    assert max(inside) < min(across) * 2 and sum(inside) / len(inside) < sum(across) / len(across)


def test_large_graphs_get_fewer_iterations_and_still_a_place_for_every_node() -> None:
    assert iterations_for(100) == 50 and iterations_for(3000) < iterations_for(1500) < 50
    big = _multi(nx.random_regular_graph(3, 700, seed=1))  # past networkx's dense solver
    assert len(positions(big)) == 700
    huge = _multi(nx.empty_graph(FORCE_LIMIT + 1))
    assert len(positions(huge)) == FORCE_LIMIT + 1


def test_empty_and_single_node_graphs() -> None:
    assert positions(nx.MultiDiGraph()) == {}
    single = nx.MultiDiGraph()
    single.add_node("figure/x")
    assert positions(single) == {"figure/x": (0.0, 0.0)}
