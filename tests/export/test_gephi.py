"""GraphML and GEXF read back by networkx and python-igraph, on a synthetic corpus whose bounds have
decimals (``about 474`` is 473.5..474.5): one declared type per attribute, equal counts and values,
and GEXF's viz data (the legend's colours, sizes, the shared layout's positions)."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest

import figuregraph as fg
from figuregraph.export.gephi import flatten, node_size, to_gexf, to_graphml
from figuregraph.model import synth
from figuregraph.views.html import STYLES, resting
from figuregraph.views.layout import positions
from figuregraph.views.project import project

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    folder = tmp_path_factory.mktemp("synth") / "graph"
    synth.write(synth.generate(120, seed=1), folder)
    return project(fg.build(folder).store)


@pytest.fixture(scope="module")
def expected(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return flatten(network)


def test_the_corpus_has_decimal_bounds(network: nx.MultiDiGraph) -> None:
    lowers = [d["lower"] for _, d in network.nodes(data=True) if "lower" in d]
    assert any(isinstance(v, float) and v % 1 for v in lowers) and any(isinstance(v, int) for v in lowers)


def test_graphml_declares_each_attribute_once_with_one_type(network: nx.MultiDiGraph) -> None:
    keys = ET.fromstring(to_graphml(network)).findall(f"{GRAPHML}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    types = {name: k.get("attr.type") for k, (_, name) in zip(keys, names)}
    assert types["lower"] == types["upper"] == types["value"] == "double"
    assert types["iri"] == types["kind"] == types["number"] == "string"


def test_gexf_declares_each_attribute_once_with_one_type(network: nx.MultiDiGraph) -> None:
    root = ET.fromstring(to_gexf(network))
    for block in root.iter(f"{GEXF}attributes"):
        titles = [a.get("title") for a in block]
        assert len(titles) == len(set(titles)), block.get("class")
    declared = {a.get("title"): a.get("type") for a in root.iter(f"{GEXF}attribute")}
    assert declared["lower"] == declared["upper"] == declared["value"] == "double"


def _same(back: Any, want: Any) -> bool:
    return math.isclose(back, want) if isinstance(want, float) else back == want


def test_networkx_reads_both_back_with_equal_counts_and_values(network: nx.MultiDiGraph,
                                                              expected: nx.MultiDiGraph) -> None:
    for data, read in ((to_graphml(network), nx.read_graphml), (to_gexf(network), nx.read_gexf)):
        back = read(io.BytesIO(data))
        assert (back.number_of_nodes(), back.number_of_edges()) == (expected.number_of_nodes(),
                                                                    expected.number_of_edges())
        for node, want in expected.nodes(data=True):
            got = back.nodes[node]
            for key, value in want.items():
                assert _same(got[key], value), (node, key, got[key], value)
        relations = sorted((a, b, d["relation"]) for a, b, d in back.edges(data=True))
        assert relations == sorted((a, b, d["relation"]) for a, b, d in expected.edges(data=True))


def test_igraph_reads_the_graphml_back_with_equal_counts_and_values(network: nx.MultiDiGraph,
                                                                   expected: nx.MultiDiGraph,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "net.graphml"
    path.write_bytes(to_graphml(network))
    back = igraph.Graph.Read_GraphML(str(path))
    assert (back.vcount(), back.ecount()) == (expected.number_of_nodes(), expected.number_of_edges())
    assert back.is_directed()
    for vertex in back.vs:
        want = expected.nodes[vertex["id"]]
        for key, value in want.items():
            assert _same(vertex[key], value), (vertex["id"], key)
        for key in ("lower", "upper", "value"):  # absent decimals are NaN, never a wrong number
            if key not in want:
                assert math.isnan(vertex[key])
    ids = back.vs["id"]
    edges = sorted((ids[e.source], ids[e.target], e["relation"]) for e in back.es)
    assert edges == sorted((a, b, d["relation"]) for a, b, d in expected.edges(data=True))


def test_gexf_carries_the_legend_colours_sizes_and_the_shared_positions(network: nx.MultiDiGraph) -> None:
    placed = positions(network)
    rests = resting(network)
    root = ET.fromstring(to_gexf(network))
    nodes = list(root.iter(f"{GEXF}node"))
    assert len(nodes) == network.number_of_nodes()
    for node in nodes:
        ident = str(node.get("id"))
        colour = node.find(f"{VIZ}color")
        style = STYLES[network.nodes[ident]["kind"]]
        assert colour is not None and "#{:02x}{:02x}{:02x}".format(
            *(int(colour.get(c, "")) for c in "rgb")) == style.color
        size = node.find(f"{VIZ}size")
        assert size is not None and float(size.get("value", "")) == node_size(rests[ident])
        position = node.find(f"{VIZ}position")
        assert position is not None
        assert (float(position.get("x", "")), float(position.get("y", ""))) == placed[ident]
    back = nx.read_gexf(io.BytesIO(to_gexf(network)))  # networkx reads viz back as well
    some = next(iter(placed))
    assert back.nodes[some]["viz"]["position"]["x"] == placed[some][0]


def test_exports_are_byte_identical_run_to_run(network: nx.MultiDiGraph) -> None:
    assert to_gexf(network) == to_gexf(network.copy())
    assert to_graphml(network) == to_graphml(network.copy())
