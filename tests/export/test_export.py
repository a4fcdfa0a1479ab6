"""Exports: every format re-parses to the same graph; output is deterministic and atomic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.files.atomic import atomic_writer
from figuregraph.build import BuiltGraph, graph_iri
from figuregraph.model.records import Document, parse_directory
from figuregraph.cli import app
from figuregraph.build import union_graph
from figuregraph.export import FORMATS, RDF_FORMATS, SUFFIXES, WRITERS, serialize

from ..conftest import GRAPH_DIR, REPO
from ..values import py

runner = CliRunner()
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "jsonld-flat": "json-ld", "trig": "trig"}


def parse_export(data: bytes, fmt: str) -> Dataset:
    """Read an export back with rdflib: an independent parser checks what Oxigraph wrote."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return dataset


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_round_trip_is_isomorphic(seed: BuiltGraph, fmt: str) -> None:
    data = serialize(seed.dataset, fmt)
    back = parse_export(data, fmt)
    assert isomorphic(union_graph(back), seed.graph)


def test_trig_keeps_one_named_graph_per_record_file(seed: BuiltGraph) -> None:
    back = parse_export(serialize(seed.dataset, "trig"), "trig")
    original = {str(g.identifier): g for g in seed.dataset.graphs() if len(g)}
    parsed = {str(g.identifier): g for g in back.graphs() if len(g)}
    assert set(parsed) == set(original)
    expected_docs = {str(graph_iri(doc)) for doc in seed.index.documents}
    assert expected_docs <= set(parsed)
    for name, graph in original.items():
        assert isomorphic(parsed[name], graph), name


def test_jsonld_context_is_embedded_not_fetched(seed: BuiltGraph) -> None:
    import json
    document = json.loads(serialize(seed.dataset, "jsonld"))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["fg"] == "https://w3id.org/figuregraph/ontology#"


SCRIPT = """
import hashlib, sys
import figuregraph as fg
from figuregraph.export import FORMATS
built = fg.build(sys.argv[1])
for fmt in FORMATS:
    print(fmt, hashlib.sha256(fg.serialize(built.dataset, fmt)).hexdigest())
"""


def test_same_records_give_byte_identical_output_across_processes() -> None:
    """Two fresh processes with different hash seeds write the same bytes in every format."""
    outputs = []
    for seed in ("1", "987654"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", SCRIPT, str(GRAPH_DIR)], capture_output=True, text=True,
                             env=env, check=True, cwd=REPO)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(FORMATS)


def test_same_records_twice_byte_identical_turtle(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    for target in (first, second):
        result = runner.invoke(app, ["build", "--graph", str(GRAPH_DIR), "--output", str(target)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_command_writes_each_format(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out{SUFFIXES[fmt]}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(target), "--graph", str(GRAPH_DIR)])
    assert result.exit_code == 0, result.output
    dataset = fg.load_dataset(target)
    assert len(union_graph(dataset)) == len(fg.build(GRAPH_DIR).graph)


def test_export_unknown_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "rdfxml", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "unknown export format 'rdfxml'" in result.output
    assert not (tmp_path / "x").exists()


def test_atomic_writer_keeps_previous_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "data.ttl"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of the new ")
        raise RuntimeError("disk on fire")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.ttl"]


def test_failed_serialisation_leaves_previous_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "figuregraph.ttl"
    target.write_bytes(b"previous")

    def boom(store: object) -> bytes:
        raise MemoryError("serialiser failed")

    monkeypatch.setitem(WRITERS, "turtle", boom)
    with pytest.raises(MemoryError):
        fg.export(fg.build(GRAPH_DIR).dataset, "turtle", target)
    assert target.read_bytes() == b"previous"


def test_query_from_exported_file(tmp_path: Path) -> None:
    target = tmp_path / "seed.trig"
    assert runner.invoke(app, ["export", "--format", "trig", "-o", str(target), "-g", str(GRAPH_DIR)]).exit_code == 0
    result = runner.invoke(app, ["query", "figures-about", "-p", "subject=moscow-region", "--data", str(target),
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("subject,figure,wording,value")
    assert "convictions-desertion-moscow-region-since-mobilisation" in lines[1]


def _subject_blocks(turtle: bytes) -> list[str]:
    """The subject opening each Turtle statement (lines that do not start with a tab)."""
    return [line.split(" ", 1)[0] for line in turtle.decode().splitlines()
            if line and not line.startswith(("\t", "@prefix"))]


def test_turtle_lists_each_records_triples_together_in_record_order(seed: BuiltGraph) -> None:
    """Readable and diff-friendly: in each named graph a subject's triples are one block, and a
    document's figures come in the order its record file lists them."""
    blocks = _subject_blocks(serialize(seed.store, "turtle"))
    per_graph = seed.store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?g ?s "
                                 "WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert len(blocks) == py(per_graph.rows[0][0])
    position = {block: i for i, block in enumerate(blocks)}
    documents = [rf for rf in parse_directory(GRAPH_DIR) if isinstance(rf, Document) and rf.figures]
    assert documents
    for doc in documents:
        figures = [f"figure:{f.id}" for f in doc.figures]
        assert sorted(figures, key=position.__getitem__) == figures, doc.path.name


def test_same_triples_in_any_order_give_the_same_turtle(seed: BuiltGraph) -> None:
    """Data handed over as rdflib graphs (whose order follows the hash seed) is written sorted."""
    triples = sorted(seed.graph, key=lambda t: tuple(map(str, t)))
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert serialize(forward, "turtle") == serialize(backward, "turtle")
