"""The store interface on every backend: dumps, named graphs, quads, loading, the capabilities
each backend declares and the error where one is missing; and nothing outside store/ asks which
backend it holds."""

from __future__ import annotations

import ast
import subprocess
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
import pytest

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.errors import InputError, UsageError
from figuregraph.export import SUFFIXES
from figuregraph.release.about import read_about
from figuregraph.release.canon import canonical_hash
from figuregraph.store import Capability, OxigraphStore, Store, new_store, write_store
from figuregraph.store.endpoint import EndpointStore

from ..conftest import REPO
from ..servers import FIGUREGRAPH, oxigraph_server

SRC = REPO / "src" / "figuregraph"


@dataclass(frozen=True)
class Backend:
    make: Callable[[], Store]  # a store holding the seed graph (a new one where it is local)
    reader: Callable[[Store], Store]  # where what the store holds is read back
    reopen: Callable[[], Store] | None = None  # a new handle on the same data, for persistent ones


@dataclass(frozen=True)
class Expected:
    """The seed graph as rdflib writes it (N-Quads), read by Oxigraph's parser."""

    quads: frozenset[str]
    graphs: tuple[str, ...]
    by_graph: dict[str, frozenset[str]]
    triples: int


def _same(store: Store) -> Store:
    return store


@pytest.fixture(scope="module")
def expected(seed: BuiltGraph) -> Expected:
    parsed = list(ox.parse(seed.dataset.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS))
    by_graph: dict[str, set[str]] = {}
    for q in parsed:
        assert isinstance(q.graph_name, ox.NamedNode)  # a build puts every triple in its record file's graph
        by_graph.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return Expected(frozenset(str(q) for q in parsed), tuple(sorted(by_graph)),
                    {g: frozenset(t) for g, t in by_graph.items()}, len(seed.graph))


@dataclass(frozen=True)
class Server:
    base: str
    pushed: int  # graphs pushed to it from an rdflib store holding the seed graph


@pytest.fixture(scope="module")
def server(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Oxigraph server, filled by push from an rdflib store: push reads any store through the
    interface (every endpoint test below then reads what it wrote)."""
    with oxigraph_server(tmp_path_factory.mktemp("interface-server")) as base:
        yield Server(base, EndpointStore(graph_store_url=f"{base}/store").push(new_store("memory", seed)))


@pytest.fixture(scope="module")
def backends(seed: BuiltGraph, server: Server, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Backend]:
    disk = tmp_path_factory.mktemp("interface") / "store"
    write_store(disk, lambda s: s.load_quads(seed.oxigraph().quads()))
    query_url, graph_store_url = f"{server.base}/query?union-default-graph", f"{server.base}/store"
    reader = lambda store: EndpointStore(query_url=query_url)  # noqa: E731
    return {
        "memory": Backend(lambda: new_store("memory", seed), _same),
        "oxigraph": Backend(seed.oxigraph, _same),
        "oxigraph-disk": Backend(lambda: OxigraphStore(disk, read_only=True), _same,
                                 lambda: OxigraphStore(disk, read_only=True)),
        "endpoint": Backend(lambda: EndpointStore(query_url=query_url, graph_store_url=graph_store_url),
                            _same, lambda: EndpointStore(query_url=query_url)),
        "endpoint-upload": Backend(lambda: EndpointStore(graph_store_url=graph_store_url), reader,
                                   lambda: EndpointStore(query_url=query_url)),
    }


ALL = frozenset(Capability)
DECLARED = {  # what the README's table of backends says each one can do
    "memory": ALL - {Capability.PERSISTENT},
    "oxigraph": ALL - {Capability.PERSISTENT},
    "oxigraph-disk": ALL - {Capability.LOAD},  # opened read-only
    "endpoint": frozenset({Capability.QUERY, Capability.LOAD, Capability.PERSISTENT}),
    "endpoint-upload": frozenset({Capability.LOAD, Capability.PERSISTENT}),
}
LOCAL = ("memory", "oxigraph", "oxigraph-disk")


def lines(quads: Iterable[ox.Quad]) -> frozenset[str]:
    return frozenset(str(q) for q in quads)


def _answers(backend: Backend, store: Store, expected: Expected) -> None:
    assert store.query("ASK { ?s ?p ?o }").rows[0][0].toPython() is True  # type: ignore[union-attr]


def _loads(backend: Backend, store: Store, expected: Expected) -> None:
    """Loading the seed's quads again: the store then holds the seed, no more (quads are a set)."""
    store.load_quads(ox.parse("".join(f"{q} .\n" for q in sorted(expected.quads)).encode(),
                              format=ox.RdfFormat.N_QUADS))
    assert len(backend.reader(store)) == expected.triples


def _lists_quads(backend: Backend, store: Store, expected: Expected) -> None:
    assert lines(store.quads()) == expected.quads


def _lists_graphs(backend: Backend, store: Store, expected: Expected) -> None:
    assert tuple(g.value for g in store.named_graphs()) == expected.graphs


def _dumps(backend: Backend, store: Store, expected: Expected) -> None:
    assert lines(ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)) == expected.quads


def _persists(backend: Backend, store: Store, expected: Expected) -> None:
    assert backend.reopen is not None
    assert len(backend.reopen()) == expected.triples


CHECKS: dict[Capability, Callable[[Backend, Store, Expected], None]] = {
    Capability.QUERY: _answers, Capability.LOAD: _loads, Capability.QUADS: _lists_quads,
    Capability.NAMED_GRAPHS: _lists_graphs, Capability.DUMP: _dumps, Capability.PERSISTENT: _persists,
}
CALLS: dict[Capability, Callable[[Store], object]] = {
    Capability.QUERY: lambda s: s.query("ASK { ?s ?p ?o }"),
    Capability.LOAD: lambda s: s.load_quads([]),
    Capability.QUADS: lambda s: s.quads(),
    Capability.NAMED_GRAPHS: lambda s: s.named_graphs(),
    Capability.DUMP: lambda s: s.dump(ox.RdfFormat.N_QUADS),
    Capability.PERSISTENT: lambda s: s.require(Capability.PERSISTENT),
}


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_each_backend_declares_what_it_can_do(backends: dict[str, Backend], name: str) -> None:
    assert backends[name].make().capabilities == DECLARED[name]


@pytest.mark.parametrize("capability", list(Capability), ids=lambda c: c.name.lower())
@pytest.mark.parametrize("name", sorted(DECLARED))
def test_a_declared_capability_works_and_a_missing_one_is_a_clear_error(
        backends: dict[str, Backend], expected: Expected, name: str, capability: Capability) -> None:
    backend = backends[name]
    store = backend.make()
    if capability in store.capabilities:
        CHECKS[capability](backend, store, expected)
        return
    with pytest.raises(UsageError, match=f"^the {store.backend} backend cannot {capability.value}; .+"):
        CALLS[capability](store)


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS,
                                 ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML],
                         ids=lambda f: f.name)
@pytest.mark.parametrize("name", LOCAL)
def test_dump_one_graph_in_each_format(backends: dict[str, Backend], expected: Expected, name: str,
                                       fmt: ox.RdfFormat) -> None:
    store = backends[name].make()
    for graph in store.named_graphs():
        data = store.dump(fmt, graph, {"fg": "https://w3id.org/figuregraph/ontology#"})
        assert frozenset(str(q.triple) for q in ox.parse(data, format=fmt)) == expected.by_graph[graph.value]
    assert not list(ox.parse(store.dump(fmt, ox.DefaultGraph()), format=fmt))  # a build fills named graphs only


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG], ids=lambda f: f.name)
@pytest.mark.parametrize("name", LOCAL)
def test_dump_the_whole_dataset(backends: dict[str, Backend], expected: Expected, name: str,
                                fmt: ox.RdfFormat) -> None:
    assert lines(ox.parse(backends[name].make().dump(fmt), format=fmt)) == expected.quads


@pytest.mark.parametrize("name", LOCAL)
def test_a_whole_dump_needs_a_format_with_named_graphs(backends: dict[str, Backend], name: str) -> None:
    with pytest.raises(ValueError, match="no named graphs"):
        backends[name].make().dump(ox.RdfFormat.TURTLE)


@pytest.mark.parametrize("target", ["memory", "oxigraph"])
@pytest.mark.parametrize("source", LOCAL)
def test_quads_round_trip(backends: dict[str, Backend], expected: Expected, source: str, target: str) -> None:
    into = new_store(target)
    into.load_quads(backends[source].make().quads())
    assert lines(into.quads()) == expected.quads
    assert tuple(g.value for g in into.named_graphs()) == expected.graphs
    assert len(into) == expected.triples


MIXED = (b'<http://example.org/a> <http://example.org/p> "in the default graph" .\n'
         b'<http://example.org/a> <http://example.org/p> "in a named one" <http://example.org/g> .\n')


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_the_default_graph_is_not_a_named_graph(kind: str) -> None:
    """Regression: rdflib names its default graph too, and the rdflib store listed it as a named graph."""
    store = new_store(kind)
    store.load_quads(ox.parse(MIXED, format=ox.RdfFormat.N_QUADS))
    assert [g.value for g in store.named_graphs()] == ["http://example.org/g"]
    assert lines(store.quads()) == lines(ox.parse(MIXED, format=ox.RdfFormat.N_QUADS))
    assert store.dump(ox.RdfFormat.N_TRIPLES, ox.DefaultGraph()) == MIXED.split(b"\n")[0] + b"\n"
    assert fg.serialize(store, "trig").count(b"in the default graph") == 1


@pytest.mark.parametrize("target", ["memory", "oxigraph"])
@pytest.mark.parametrize("fmt", ["nt", "trig", "jsonld", "turtle"])
def test_every_export_loads_back_into_every_local_backend(seed: BuiltGraph, expected: Expected, tmp_path: Path,
                                                          fmt: str, target: str) -> None:
    path = tmp_path / f"seed{SUFFIXES[fmt]}"
    fg.export(seed, fmt, path)
    store = new_store(target)
    store.load_file(path)
    if fmt == "trig":
        assert lines(store.quads()) == expected.quads
    else:  # a triple format: the union of the graphs, in the default graph
        assert {str(q.triple) for q in store.quads()} == set().union(*expected.by_graph.values())
    assert len(store) == expected.triples


@pytest.mark.parametrize("target", ["memory", "oxigraph"])
def test_a_bad_file_is_one_error_naming_it_on_every_backend(tmp_path: Path, target: str) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n")
    store = new_store(target)
    for path, message in ((broken, "broken.ttl"), (tmp_path / "x.xml", "unknown dataset file type '.xml'"),
                          (tmp_path / "missing.nt", "missing.nt")):
        with pytest.raises(InputError, match=message):
            store.load_file(path)
    assert len(store) == 0


@pytest.mark.parametrize("fmt", ["nt", "trig", "jsonld", "graphml", "gexf", "csv"])
def test_exports_are_the_same_bytes_from_every_local_backend(backends: dict[str, Backend], fmt: str) -> None:
    outputs = {name: fg.serialize(backends[name].make(), fmt) for name in LOCAL}
    assert len(set(outputs.values())) == 1, sorted(outputs)


def test_turtle_of_rdflib_data_does_not_depend_on_what_holds_it(backends: dict[str, Backend],
                                                                seed: BuiltGraph) -> None:
    """rdflib's order follows the hash seed: its data is written sorted, in an rdflib store or not."""
    assert fg.serialize(backends["memory"].make(), "turtle") == fg.serialize(seed.dataset, "turtle")


def test_canonical_hash_is_the_same_on_every_local_backend(backends: dict[str, Backend]) -> None:
    assert len({canonical_hash(backends[name].make()) for name in LOCAL}) == 1


def test_push_reads_any_store_through_the_interface(server: Server, expected: Expected) -> None:
    assert server.pushed == len(expected.graphs)
    sizes = EndpointStore(query_url=f"{server.base}/query").query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert {str(g): int(str(n)) for g, n in sizes.rows} == {g: len(t) for g, t in expected.by_graph.items()}


def test_what_needs_a_local_store_says_so_on_an_endpoint(backends: dict[str, Backend], tmp_path: Path) -> None:
    endpoint = backends["endpoint"].make()
    for attempt, missing in ((lambda: fg.serialize(endpoint, "turtle"), Capability.NAMED_GRAPHS),
                             (lambda: canonical_hash(endpoint), Capability.QUADS),
                             (lambda: EndpointStore(graph_store_url="http://127.0.0.1:9/store").push(endpoint),
                              Capability.NAMED_GRAPHS)):
        with pytest.raises(UsageError, match=f"the endpoint backend cannot {missing.value}; copy the data"):
            attempt()
    out = tmp_path / "release"
    with pytest.raises(UsageError, match="the endpoint backend cannot"):
        fg.make_release(endpoint, out, read_about(REPO / "dataset.yaml"))
    assert not out.exists()


def test_the_audit_of_an_endpoint_without_an_audit_graph_is_computed_from_its_data(
        backends: dict[str, Backend], seed: BuiltGraph) -> None:
    """An endpoint cannot list its quads, so ``query --audit`` copies its triples (one query) and audits them."""
    endpoint = backends["endpoint"].make()
    assert isinstance(endpoint, EndpointStore)
    run = subprocess.run([str(FIGUREGRAPH), "query", "audit/credibility", "--audit", "--endpoint",
                          str(endpoint.query_url)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"{len(fg.run_query(fg.with_audit(seed), 'audit/credibility').rows)} rows" in run.stderr


# --- nothing outside store/ asks which backend it holds ----------------------------------------

CONCRETE = {"OxigraphStore", "MemoryStore", "EndpointStore"}
PROBES = {"oxigraph", "store", "dataset", "graph_store_url", "query_url"}


def backend_tests(source: str) -> list[str]:
    """Where code tells backends apart: isinstance/issubclass/type checks against a concrete store
    class, hasattr/getattr probes for a backend's attributes, and ``x.store.store`` (the pyoxigraph
    handle inside an Oxigraph store)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            named = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if node.func.id in ("isinstance", "issubclass", "type") and named & CONCRETE:
                found.append(f"line {node.lineno}: {node.func.id} of {sorted(named & CONCRETE)}")
            if (node.func.id in ("hasattr", "getattr") and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value in PROBES):
                found.append(f"line {node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.Eq)) for op in node.ops):
            named = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if named & CONCRETE:
                found.append(f"line {node.lineno}: comparison with {sorted(named & CONCRETE)}")
        if (isinstance(node, ast.Attribute) and node.attr == "store"
                and isinstance(node.value, (ast.Name, ast.Attribute))
                and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr) == "store"):
            found.append(f"line {node.lineno}: .store.store")
    return found


@pytest.mark.parametrize("snippet", [
    "isinstance(source, OxigraphStore)",
    "isinstance(x, (Store, MemoryStore))",
    "type(x) is EndpointStore",
    "hasattr(data, 'oxigraph')",
    "getattr(source, 'store', None)",
    "store.store.dump(format=f)",
    "built.store.store.named_graphs()",
])
def test_the_scan_finds_backend_tests(snippet: str) -> None:
    assert backend_tests(snippet)


def test_nothing_outside_store_tells_backends_apart() -> None:
    found = {str(path.relative_to(SRC)): hits for path in sorted(SRC.rglob("*.py"))
             if path.relative_to(SRC).parts[0] != "store"
             for hits in [backend_tests(path.read_text(encoding="utf-8"))] if hits}
    assert found == {}


def test_an_oxigraph_store_counts_a_triple_held_in_several_graphs_once() -> None:
    """``len`` is the union's distinct triples, whatever graphs (the default one included) hold them."""
    a, b, c = (ox.NamedNode(f"https://example.org/{n}") for n in "abc")
    store = OxigraphStore()
    store.store.extend([ox.Quad(a, b, c, a), ox.Quad(a, b, c, b), ox.Quad(a, b, c, ox.DefaultGraph()),
                        ox.Quad(a, c, ox.Literal("x"), a), ox.Quad(b, b, c, b), ox.Quad(ox.BlankNode("n"), b, c, a),
                        ox.Quad(ox.BlankNode("n"), b, c, c)])
    union = {(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, None)}
    assert len(store) == len(union) == 4
