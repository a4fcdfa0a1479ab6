"""views/layout.py: the positions the GEXF export and the HTML views share."""

from __future__ import annotations

import itertools
import math

import networkx as nx

from figuregraph.build import BuiltGraph
from figuregraph.views.layers import BAND, LONGEST, ROLES, shortened
from figuregraph.views.layout import EXACT, SPACING, positions
from figuregraph.views.project import project


def _multi(graph: nx.Graph) -> nx.MultiDiGraph:
    multi: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    multi.add_nodes_from(str(n) for n in graph)
    multi.add_edges_from((str(a), str(b)) for a, b in graph.edges())
    return multi


def test_every_node_is_placed_the_same_way_each_time_and_linked_nodes_stay_close(seed: BuiltGraph) -> None:
    network = project(seed.oxigraph())
    placed = positions(network)
    assert set(placed) == set(network)
    assert positions(network) == placed
    assert len(set(placed.values())) == len(placed)  # no two nodes on one spot
    linked = [math.dist(placed[a], placed[b]) for a, b in network.edges() if a != b]
    assert sorted(linked)[len(linked) // 2] < 3 * SPACING


def _cliques_kept_together(placed: dict[str, tuple[float, float]], size: int) -> bool:
    inside = [math.dist(placed[str(a)], placed[str(b)]) for a in range(size) for b in range(size) if a < b]
    across = [math.dist(placed[str(a)], placed[str(b)]) for a in range(size) for b in range(size, 2 * size)]
    return max(inside) < min(across) * 2 and sum(inside) / len(inside) < sum(across) / len(across)


def test_the_seed_view_is_layered_by_role_left_to_right(seed: BuiltGraph) -> None:
    """Each role has columns of its own, in the order claims, footnotes, sources, actors, places, and
    the picture is about as wide as a screen's canvas over its height (so it opens whole)."""
    network = project(seed.oxigraph())
    placed = positions(network)
    columns: dict[int, set[float]] = {}
    for node, data in network.nodes(data=True):
        columns.setdefault(BAND[data["kind"]], set()).add(placed[node][0])
    bands = [columns[band] for band in sorted(columns)]
    assert len(bands) == len(ROLES)
    assert all(max(left) < min(right) for left, right in itertools.pairwise(bands))
    xs, ys = [x for x, _ in placed.values()], [y for _, y in placed.values()]
    assert 1.2 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 3


def test_linked_nodes_sit_closer_than_unlinked_ones() -> None:
    """Two cliques joined by one edge: the force layout (nodes without roles) keeps each clique
    together, and another seed gives another picture."""
    graph = _multi(nx.barbell_graph(8, 0))
    assert _cliques_kept_together(positions(graph), 8)
    assert positions(graph, seed=2) != positions(graph)


def test_above_the_exact_limit_the_sampled_pushes_still_lay_out_the_graph() -> None:
    """Past ``EXACT`` nodes each node is pushed by a sample of the others: every node still gets a
    place of its own, and linked nodes still sit together (two cliques among isolated nodes)."""
    graph = nx.barbell_graph(8, 0)
    graph.add_nodes_from(range(16, EXACT + 200))
    placed = positions(_multi(graph))
    assert len(placed) == EXACT + 200 and len(set(placed.values())) == len(placed)
    assert _cliques_kept_together(placed, 8)


def test_empty_and_single_node_graphs() -> None:
    assert positions(nx.MultiDiGraph()) == {}
    single: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    single.add_node("figure/x")
    assert positions(single) == {"figure/x": (0.0, 0.0)}


def test_long_labels_are_shortened_at_a_word_and_short_ones_kept(seed: BuiltGraph) -> None:
    """The drawn label of a long one ends in an ellipsis after a whole word, within ``LONGEST``."""
    labels = [str(d["label"]) for _, d in project(seed.oxigraph()).nodes(data=True)]
    long = [label for label in labels if len(label) > LONGEST]
    assert long  # the seed graph has some (figures' wordings with their forces, sources' titles)
    for label in labels:
        short = shortened(label)
        if label in long:
            assert len(short) <= LONGEST and short.endswith("\u2026")
            assert label.startswith(short[:-1]) and label[len(short) - 1] in " ,;:("
        else:
            assert short == label
