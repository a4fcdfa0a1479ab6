"""JSON-LD with named graphs: one ``@graph`` per document graph, the same quads as the TriG (read
back by pyld and by rdflib), the flat single-graph form under ``jsonld-flat``, strict JSON always."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyld import jsonld
from rdflib import Dataset
from typer.testing import CliRunner

from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.export import serialize
from figuregraph.store.oxigraph import OxigraphStore

from ..conftest import GRAPH_DIR

runner = CliRunner()


def oxigraph_quads(data: bytes | str, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data.encode() if isinstance(data, str) else data, format=fmt))


def _strict(text: bytes) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_one_graph_object_per_named_graph_with_the_trig_quads(seed: BuiltGraph) -> None:
    data = serialize(seed.dataset, "jsonld")
    trig = oxigraph_quads(serialize(seed.dataset, "trig"), ox.RdfFormat.TRIG)
    document = _strict(data)
    names = [entry["@id"] for entry in document["@graph"]]
    assert names == sorted(names) and len(names) == len({q.graph_name for q in trig})
    assert all(set(entry) == {"@id", "@graph"} for entry in document["@graph"])
    # pyld, the JSON-LD reference implementation in Python, to N-Quads
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert oxigraph_quads(nquads, ox.RdfFormat.N_QUADS) == trig
    # Oxigraph's own JSON-LD reader agrees
    assert oxigraph_quads(data, ox.RdfFormat.JSON_LD) == trig


def test_rdflib_reads_the_same_named_graphs(seed: BuiltGraph) -> None:
    from_jsonld, from_trig = Dataset(), Dataset()
    from_jsonld.parse(data=serialize(seed.dataset, "jsonld"), format="json-ld")
    from_trig.parse(data=serialize(seed.dataset, "trig"), format="trig")
    assert set(from_jsonld.quads()) == set(from_trig.quads())


def test_the_flat_form_is_one_graph_of_the_union(seed: BuiltGraph, tmp_path: Path) -> None:
    target = tmp_path / "flat.jsonld"
    result = runner.invoke(app, ["export", "--format", "jsonld-flat", "-o", str(target), "-g", str(GRAPH_DIR)])
    assert result.exit_code == 0, result.output
    document = _strict(target.read_bytes())
    assert not any("@graph" in node for node in document["@graph"])
    triples = {(q.subject, q.predicate, q.object) for q in oxigraph_quads(target.read_bytes(), ox.RdfFormat.JSON_LD)}
    assert all(isinstance(q.graph_name, ox.DefaultGraph)
               for q in oxigraph_quads(target.read_bytes(), ox.RdfFormat.JSON_LD))
    assert triples == {(q.subject, q.predicate, q.object) for q in seed.store.quads()}


def test_doubles_beyond_json_are_written_as_typed_strings() -> None:
    """xsd:double INF and NaN have no JSON number: the export stays strict JSON and keeps them."""
    store = OxigraphStore()
    double = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
    graph = ox.NamedNode("https://w3id.org/figuregraph/id/graph/x")
    node = ox.NamedNode("https://w3id.org/figuregraph/id/figure/x")
    value = ox.NamedNode("https://w3id.org/figuregraph/ontology#value")
    quads = [ox.Quad(node, value, ox.Literal(text, datatype=double), graph) for text in ("INF", "-INF", "NaN")]
    store.load_in_order([f"{q} .\n" for q in quads])
    data = serialize(store, "jsonld")
    _strict(data)
    back = oxigraph_quads(data, ox.RdfFormat.JSON_LD)
    assert {str(q.object) for q in back} == {str(q.object) for q in quads}
