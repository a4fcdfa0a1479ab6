"""pyshacl-turbo validates; pySHACL is the reference its reports must equal (issue 19.3), over all
quads at once, in chunks of node descriptions (a whole build's path) and for some nodes (a rebuild's)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from figuregraph.build import build_directory
from figuregraph.files.resources import ontology_graph, shapes_graph
from figuregraph.model import synth
from figuregraph.shacl_chunks import RDF_TYPE, reads, split
from figuregraph.store.oxigraph import OxigraphStore
from figuregraph.validate import shacl_by_focus, shacl_of_store

from ..conftest import GRAPH_DIR

BREAK = (  # faults of several kinds, so that the reports have something to compare
    "DELETE { GRAPH ?g { ?f fg:quote ?q } } WHERE { GRAPH ?g { ?f fg:quote ?q FILTER(STRENDS(STR(?f), '0')) } }",
    "INSERT { GRAPH ?g { ?f fg:value 'x' } } WHERE { GRAPH ?g { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '3')) } }",
    "DELETE { GRAPH ?g { ?m a fg:Measure } } WHERE { GRAPH ?g { ?m a fg:Measure FILTER(STRENDS(STR(?m), '1')) } }",
    "INSERT { GRAPH ?g { ?f fg:lowerBound 99999999 } } "
    "WHERE { GRAPH ?g { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '5')) } }",
    "DELETE { GRAPH ?g { ?s rdfs:label ?l } } "
    "WHERE { GRAPH ?g { ?s a fg:Report ; rdfs:label ?l FILTER(STRENDS(STR(?s), '2')) } }",
)
PREFIX = ("PREFIX fg: <https://w3id.org/figuregraph/ontology#>\n"
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> list[ox.Quad]:
    """A synthetic corpus (about 3 000 triples) with faults in it, and the seed graph beside it."""
    corpus = tmp_path_factory.mktemp("shacl") / "corpus"
    synth.write(synth.generate(120, seed=5), corpus)
    built = build_directory(corpus)
    for update in BREAK:
        built.store.store.update(PREFIX + update)
    return [*built.store.quads(), *build_directory(GRAPH_DIR).store.quads()]


def _sorted(found: Mapping[str, Sequence[object]]) -> dict[str, list[object]]:
    return {n: sorted(v, key=repr) for n, v in found.items()}


def test_pyshacl_turbo_reports_what_pyshacl_reports(broken: list[ox.Quad]) -> None:
    turbo = shacl_by_focus(broken, engine="turbo")
    assert sum(len(v) for v in turbo.values()) > 20  # every kind of fault was found
    assert _sorted(turbo) == _sorted(shacl_by_focus(broken, engine="pyshacl"))


def _moved(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads with the wording of some figures in a graph of their own, last in order (so in
    the last chunk, away from the rest of those figures' descriptions)."""
    elsewhere = ox.NamedNode("urn:x-elsewhere")
    return [ox.Quad(q.subject, q.predicate, q.object, elsewhere)
            if q.predicate.value.endswith("#wording") and str(q.subject).endswith("7>") else q for q in quads]


@pytest.mark.parametrize(("chunk_triples", "data"), [
    (10**9, "as built"), (3_000, "as built"), (600, "as built"), (600, "a node in two graphs"),
    (600, "line separators in a literal"), (600, "a blank node")])
def test_a_store_validated_in_chunks_gives_what_pyshacl_gives_for_all_quads(
        broken: list[ox.Quad], chunk_triples: int, data: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One chunk (the triples no shape reads left out), a few, many of a few dozen nodes each; the
    description of some nodes split across graphs; characters that Python, not N-Triples, ends a
    line at; all quads in one run (a blank node: not cut)."""
    validate = importlib.import_module("figuregraph.validate")  # the package's ``validate`` is the function
    monkeypatch.setattr(validate, "CHUNK_TRIPLES", chunk_triples)
    quads = _moved(broken) if data == "a node in two graphs" else list(broken)
    if data == "line separators in a literal":
        quads = [ox.Quad(q.subject, q.predicate, ox.Literal(f"{q.object.value}\u2028\x85\x1c and on"), q.graph_name)
                 if q.predicate.value.endswith("#quote") and isinstance(q.object, ox.Literal) else q for q in quads]
    if data == "a blank node":
        quads.append(ox.Quad(ox.BlankNode(), ox.NamedNode(str(RDFS.label)), ox.Literal("b"), broken[0].graph_name))
    store = OxigraphStore()
    store.load_quads(quads)
    assert (validate._chunk_count(store.size_hint()) == 1) == (chunk_triples > store.size_hint())
    chunked = shacl_of_store(store)
    assert sum(len(v) for v in chunked.values()) > 20
    assert _sorted(chunked) == _sorted(shacl_by_focus(quads, engine="pyshacl"))


def test_the_shapes_are_node_local_and_read_few_of_the_predicates() -> None:
    read = reads(shapes_graph(), ontology_graph())
    assert read is not None
    fg, oa = "https://w3id.org/figuregraph/ontology#", "http://www.w3.org/ns/oa#"
    assert {f"<{fg}value>", f"<{oa}start>", RDF_TYPE} <= read.predicates
    assert not {f"<{fg}selector>", f"<{oa}exact>", "<http://purl.org/spar/cito/cites>"} & read.predicates
    assert {f"<{fg}Figure>", f"<{fg}MilitaryDistrict>", f"<{oa}TextPositionSelector>"} <= read.classes
    assert f"<{oa}TextQuoteSelector>" not in read.classes


@pytest.mark.parametrize("shape", [
    "sh:property [ sh:path [ sh:inversePath fg:about ] ; sh:minCount 1 ]",  # reads other nodes' triples
    "sh:property [ sh:path fg:statedIn ; sh:node [ sh:property [ sh:path rdfs:label ; sh:minCount 1 ] ] ]",
    "sh:property [ sh:path fg:statedIn ; sh:or ( [ sh:path rdfs:label ; sh:minCount 1 ] ) ]",
    "sh:closed true",
])
def test_shapes_that_read_beyond_a_node_are_validated_whole(shape: str) -> None:
    shapes = Graph().parse(format="turtle", data=(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix fg: <https://w3id.org/figuregraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<urn:S> a sh:NodeShape ; sh:targetClass fg:Claim ; {shape} ."))
    assert reads(shapes, ontology_graph()) is None


def test_data_that_ties_chunks_together_is_not_cut() -> None:
    read = reads(shapes_graph(), ontology_graph())
    assert read is not None
    claim, label = ox.NamedNode("https://w3id.org/figuregraph/id/claim/c1"), ox.NamedNode(
        "http://www.w3.org/2000/01/rdf-schema#label")
    store = OxigraphStore()
    store.load_quads([ox.Quad(claim, label, ox.Literal("c1"), ox.NamedNode("urn:g"))])
    assert split(store, read, 2) is not None
    store.load_quads([ox.Quad(ox.BlankNode(), label, ox.Literal("b"), ox.NamedNode("urn:g"))])
    assert split(store, read, 2) is None and split(store, read, 1) is not None
    store.load_quads([ox.Quad(claim, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"), claim)])
    assert split(store, read, 1) is None


def test_a_chunk_is_taken_once(broken: list[ox.Quad]) -> None:
    """A chunk's own lines are let go of as its text is made: taken again, it is refused rather
    than given without them; the other chunks are whole still."""
    read = reads(shapes_graph(), ontology_graph())
    assert read is not None
    store = OxigraphStore()
    store.load_quads(broken)
    chunks = split(store, read, 2)
    assert chunks is not None
    first = chunks.take(0)
    with pytest.raises(ValueError, match="taken already"):
        chunks.take(0)
    second = chunks.take(1)
    subjects = {line.split(" ", 1)[0] for text in (first, second) for line in text.split("\n")[:-1]}
    assert set(chunks.members[0]) | set(chunks.members[1]) <= subjects


def test_validating_some_nodes_with_their_descriptions_gives_their_part_of_the_whole(broken: list[ox.Quad]) -> None:
    """What an incremental build relies on: the shapes are node-local, so a node validated with its
    own triples and the types of what it names gets the results it gets in the whole graph."""
    from figuregraph.build.incremental import _descriptions

    whole = shacl_by_focus(broken)
    store = ox.Store()
    store.bulk_extend(broken)
    focus = {n for n in sorted(whole)[::3]} | {"https://w3id.org/figuregraph/id/figure/r00001-f02"}
    part = shacl_by_focus(_descriptions(store, focus), focus)
    assert _sorted(part) == _sorted({n: v for n, v in whole.items() if n in focus})
