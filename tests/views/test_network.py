"""Issue 4: the projection to networkx, the views, the Gephi/Cytoscape export and the chart."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.errors import UsageError
from figuregraph.export.gephi import flatten, to_gexf, to_graphml
from figuregraph.views import view_of
from figuregraph.views.chart import METADATA_KEY
from figuregraph.views.html import render, resting
from figuregraph.views.project import NODE_KINDS, project, tooltip
from figuregraph.files.resources import ontology_graph
from figuregraph.views.relations import AUDIT_RELATIONS, DRAWN, relation, relations
from rdflib.namespace import RDFS
from figuregraph.views.network import backing

from ..conftest import EUAA, GRAPH_DIR
from ..expected import FIGURES, FOOTNOTES

runner = CliRunner()
SOUTH = "desertion-awol-cases-southern-md-2024-12"


@pytest.fixture(scope="module")
def network(seed: BuiltGraph) -> nx.MultiDiGraph:
    return project(seed.oxigraph())


def test_every_record_becomes_a_typed_node_and_every_link_a_typed_edge(network: nx.MultiDiGraph,
                                                                       seed: BuiltGraph) -> None:
    kinds = {d["kind"] for _, d in network.nodes(data=True)}
    assert kinds == set(NODE_KINDS)
    figures = {n.split("/", 1)[1] for n, d in network.nodes(data=True) if d["kind"] == "figure"}
    assert figures == set(FIGURES)
    assert {d["relation"] for *_, d in network.edges(data=True)} <= set(relations())
    index = seed.index
    assert (sum(d["kind"] == "citation" for _, d in network.nodes(data=True))
            == sum(len(doc.citations) for doc in index.documents))
    assert sum(d["kind"] == "source" for _, d in network.nodes(data=True)) == len(index.sources.items)


def test_edges_are_named_by_the_ontology(network: nx.MultiDiGraph) -> None:
    """A relation's name is its property's rdfs:label, as rdflib reads the ontology."""
    labels = {p: str(ontology_graph().value(p, RDFS.label)) for p in DRAWN}
    assert {p: relation(p) for p in DRAWN} == labels
    drawn = {d["relation"] for *_, d in network.edges(data=True)}
    assert drawn == set(labels.values())  # the seed graph has every relation, and no audit edge
    assert relations() == (*dict.fromkeys(labels.values()), *AUDIT_RELATIONS.values())


def test_nodes_keep_what_a_reader_needs(network: nx.MultiDiGraph) -> None:
    south = network.nodes[f"figure/{SOUTH}"]
    wording, value, lower, upper = FIGURES[SOUTH][:4]
    assert (south["wording"], south["value"], south["lower"], south["upper"]) == (wording, value, lower, upper)
    assert "22 580" in south["quote"] and south["periodEnd"] == "2024-12-31"
    text = tooltip(south)
    assert f"bounds {lower} to {upper}" in text and south["quote"] in text
    report = network.nodes[f"source/{EUAA}"]
    assert report["kind"] == "source" and report["published"]
    assert network.nodes["citation/euaa-2026-coi-russia-desertion/fn957"]["number"] == "957"


def test_the_figure_view_holds_its_chain_and_nothing_unrelated(network: nx.MultiDiGraph, seed: BuiltGraph) -> None:
    view = view_of(seed.oxigraph(), figure_id=SOUTH)
    nodes = set(view.graph)
    assert "source/frontelligence-2025-desertions-loss-ratios" in nodes  # Frontelligence Insight's analysis
    assert {"citation/euaa-2026-coi-russia-desertion/fn957", "citation/euaa-2026-coi-russia-desertion/fn960"} <= nodes
    # exactly: the figure, its document, its footnotes and what they cite, its reporter, its subject
    citations = {t for _, t, d in network.out_edges(f"figure/{SOUTH}", data=True) if d["relation"] == "backed by"}
    cited = {t for c in citations for _, t, d in network.out_edges(c, data=True) if d["relation"] == "cites"}
    expected = {f"figure/{SOUTH}", f"source/{EUAA}", "actor/frontelligence-insight",
                "actor/southern-military-district"} | citations | cited
    assert nodes == expected
    assert not any(n.startswith("figure/") and n != f"figure/{SOUTH}" for n in nodes)
    assert "Southern Military District" in view.title and "22 580" in view.title


def test_the_chain_runs_down_to_the_primary_source(network: nx.MultiDiGraph) -> None:
    chain = backing(network, "figure/convictions-desertion-2024-03")
    assert {"source/uk-mod-2024-04-24-desertion-update", "source/mediazona-military-court-desertion-data",
            "actor/uk-ministry-of-defence"} <= chain


def test_ego_networks_grow_with_depth(seed: BuiltGraph) -> None:
    store = seed.oxigraph()
    sizes = [view_of(store, actor="frontelligence-insight", depth=d).graph.number_of_nodes() for d in (0, 1, 2)]
    assert sizes[0] == 1 and sizes[0] < sizes[1] < sizes[2]
    source = view_of(store, source="wp-2024-record-desertions", depth=2)
    assert ({"figure/convictions-desertion-2024-03", "citation/wp-2024-record-desertions/uk-mod-update"}
            <= set(source.graph))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"actor": "mediazon"}, "no actor with id 'mediazon'; did you mean mediazona"),
    ({"figure_id": "nope"}, "no figure with id 'nope'"),
    ({"figure_id": SOUTH, "actor": "mediazona"}, "at most one of"),
    ({"max_nodes": 10}, "over the limit of 10: show one --figure"),
    ({"actor": "mediazona", "depth": -1}, "--depth must be 0 or more"),
])
def test_bad_view_requests_are_refused_with_a_hint(seed: BuiltGraph, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        view_of(seed.oxigraph(), **kwargs)  # type: ignore[arg-type]


def test_show_refuses_an_oversized_view_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "big.html"
    result = runner.invoke(app, ["show", "--max-nodes", "5", "-o", str(target), "-g", str(GRAPH_DIR)])
    assert result.exit_code == 2 and "over the limit of 5" in result.output and "show one --figure" in result.output
    assert not target.exists()


def test_the_page_is_self_contained(seed: BuiltGraph) -> None:
    import re

    page = render(view_of(seed.oxigraph(), figure_id=SOUTH))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert not re.search(r"""url\(\s*["']?(?:https?:|//)""", page)
    assert "<link" not in page and "@import" not in page
    assert "default-src 'none'" in page  # the browser itself refuses any fetch
    assert page.count("</script>") == 2  # vis-network inlined, and the page's own code


# ------------------------------------------------------------------------------ Gephi / Cytoscape

@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_reread_with_the_same_counts(network: nx.MultiDiGraph, tmp_path: Path, fmt: str,
                                                      reader: object) -> None:
    target = tmp_path / f"net.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(target), "-g", str(GRAPH_DIR)])
    assert result.exit_code == 0, result.output
    back = reader(target)  # type: ignore[operator]
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    assert back.nodes[f"figure/{SOUTH}"]["wording"] == "nearly 22 580"


def test_attributes_are_flattened_and_xml_safe() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node("a\x01b", kind="figure", tags=["x", "y"], missing=None, value=3, ratio=0.5, flag=True,
                   text="bell\x07 and \ufffe gone")
    graph.add_edge("a\x01b", "c", key="cites", relation="cites", info={"k": 1})
    flat = flatten(graph)
    attrs = flat.nodes["ab"]
    assert attrs["tags"] == '["x", "y"]' and "missing" not in attrs
    assert (attrs["value"], attrs["ratio"], attrs["flag"]) == (3, 0.5, True)
    assert attrs["text"] == "bell and  gone"
    for data in (to_graphml(graph), to_gexf(graph)):
        assert b"\x01" not in data and b"\x07" not in data
    back = nx.read_graphml(__import__("io").BytesIO(to_graphml(graph)))
    assert back.nodes["ab"]["tags"] == '["x", "y"]'


# ------------------------------------------------------------------------------ chart

def _png_chunks(data: bytes) -> dict[str, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[str, bytes] = {}
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8].decode("ascii")
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(data[pos + 4:pos + 8 + length]) == crc, kind
        chunks.setdefault(kind, b"")
        chunks[kind] += body if kind != "tEXt" else body + b"\n"
        pos += 12 + length
    return chunks


def test_the_chart_is_a_valid_png_with_one_bar_per_figure(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    result = runner.invoke(app, ["chart", "--measure", "desertion-awol-criminal-cases", "-o", str(target),
                                 "-g", str(GRAPH_DIR)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    chunks = _png_chunks(data)
    width, height = struct.unpack(">II", chunks["IHDR"][:8])
    assert len(data) > 20_000 and width >= 600 and height >= 300
    texts = dict(line.split(b"\x00", 1) for line in chunks["tEXt"].splitlines() if b"\x00" in line)
    shown = json.loads(texts[METADATA_KEY.encode()])
    expected = sorted(f"figure/{n}" for n, f in FIGURES.items() if f[5] == "desertion-awol-criminal-cases")
    assert sorted(shown) == expected and len(shown) == 7  # five districts, their total, the "tens of thousands"


def test_a_chart_of_an_unknown_measure_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", "--measure", "nothing-like-it", "-o", str(tmp_path / "c.png"),
                                 "-g", str(GRAPH_DIR)])
    assert result.exit_code == 2 and "no figures of measure 'nothing-like-it'" in result.output
    assert not (tmp_path / "c.png").exists()


def test_what_rests_on_a_node_counts_the_claims_it_backs(network: nx.MultiDiGraph) -> None:
    """``resting`` (the page's and the GEXF's node sizes), against the records: a figure rests on itself
    only; a source bears at least every figure whose footnote cites it (chains and statements add more)."""
    rests = resting(network)
    assert {f: rests[f"figure/{f}"] for f in FIGURES} == dict.fromkeys(FIGURES, 1)
    cited: dict[str, int] = {}
    for *_, footnotes, _ in FIGURES.values():
        for source in {FOOTNOTES[n][0] if n in FOOTNOTES else n for n in footnotes}:
            cited[source] = cited.get(source, 0) + 1
    assert cited and all(rests[f"source/{s}"] >= n for s, n in cited.items()), (cited, rests)
