"""Every backend gives the same rows for every library query; stores persist across processes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from collections.abc import Iterator

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.rdf.namespace import local_id
from figuregraph.store.library import QueryLibrary
from figuregraph.store import MemoryStore, OxigraphStore, Store, write_store
from figuregraph.store.auth import Credentials
from figuregraph.store.endpoint import EndpointStore

from ..conftest import GRAPH_DIR, REPO
from ..servers import FIGUREGRAPH, Virtuoso, oxigraph_server
from ..expected import PARAMS

NAMES = sorted(QueryLibrary.load().queries)


EDGE_CASES = REPO / "tests" / "fixtures" / "engines" / "edge-cases.trig"


@pytest.fixture(scope="module")
def audited(seed: BuiltGraph) -> OxigraphStore:
    """What every backend holds: the seed graph, the audit's derived graph (so that queries/audit/ has rows
    to compare) and a graph of the cases engines are known to answer differently."""
    store = fg.with_audit(seed)
    assert isinstance(store, OxigraphStore)
    store.load_file(EDGE_CASES)
    return store


def push_to_virtuoso(virtuoso: Virtuoso, data: Store) -> int:
    """The data pushed through Virtuoso's authenticated Graph Store endpoint (digest authentication)."""
    writer = EndpointStore(graph_store_url=virtuoso.graph_store,
                           credentials=Credentials(virtuoso.user, virtuoso.password))
    return writer.push(data)


@pytest.fixture(scope="module")
def backends(audited: OxigraphStore, virtuoso: Virtuoso,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The same data in every backend: rdflib, Oxigraph in memory and on disk, an Oxigraph server, Virtuoso."""
    disk = tmp_path_factory.mktemp("stores") / "seed-store"
    write_store(disk, lambda s: s.load_quads(audited.quads()))
    memory = MemoryStore()
    memory.load_quads(audited.quads())
    push_to_virtuoso(virtuoso, audited)
    server_dir = tmp_path_factory.mktemp("server")
    with oxigraph_server(server_dir) as base:
        EndpointStore(graph_store_url=f"{base}/store").push(audited)
        yield {
            "memory": memory,
            "oxigraph": audited,
            "oxigraph-disk": OxigraphStore(disk, read_only=True),
            # a plain Oxigraph server has no union default graph: query the union explicitly
            "oxigraph-server": EndpointStore(query_url=f"{base}/query?union-default-graph"),
            # Virtuoso's default graph is the union of the graphs the anonymous user may read
            "virtuoso": EndpointStore(query_url=virtuoso.sparql),
        }


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_every_backend(backends: dict[str, Store], library: QueryLibrary, name: str) -> None:
    results = {kind: fg.run_query(store, name, PARAMS.get(name, {}), library) for kind, store in backends.items()}
    reference = results["memory"]
    for kind, result in results.items():
        assert result.variables == reference.variables, kind
        assert result.multiset() == reference.multiset(), kind


def test_every_backend_holds_the_same_triples(backends: dict[str, Store], audited: OxigraphStore) -> None:
    expected = len(audited)
    assert {kind: len(store) for kind, store in backends.items()} == dict.fromkeys(backends, expected)


def test_edge_cases_reach_every_backend(backends: dict[str, Store], library: QueryLibrary) -> None:
    """The edge cases give rows where they are meant to, so the comparison above is not of empty answers."""
    for kind, store in backends.items():
        loops = {local_id(row[0]) for row in fg.run_query(store, "checks/self-citations", {}, library).rows}
        assert loops == {"edge-loop-a", "edge-loop-b"}, kind
        edge = {local_id(d["total"]): d for d in fg.run_query(store, "totals", {}, library).dicts()}["edge-total"]
        assert (edge["partsLower"], edge["partsUpper"]) == (Literal("1000.5", datatype=XSD.decimal), None), kind


def test_store_persists_and_reopens_in_a_new_process(tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = tmp_path / "seed.ttl"
    build = subprocess.run([str(FIGUREGRAPH), "build", "-g", str(GRAPH_DIR), "-o", str(out), "--store",
                            f"oxigraph:{store}"], capture_output=True, text=True, cwd=REPO)
    assert build.returncode == 0, build.stderr
    query = subprocess.run([str(FIGUREGRAPH), "query", "figure-sources", "--store", f"oxigraph:{store}",
                            "--format", "json"], capture_output=True, text=True, cwd=tmp_path)
    assert query.returncode == 0, query.stderr
    from_store = json.loads(query.stdout)
    in_memory = subprocess.run([str(FIGUREGRAPH), "query", "figure-sources", "-g", str(GRAPH_DIR), "--format",
                                "json", "--backend", "memory"], capture_output=True, text=True, cwd=REPO)
    assert in_memory.returncode == 0, in_memory.stderr
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(from_store, key=key) == sorted(json.loads(in_memory.stdout), key=key)


def test_rebuilding_a_store_replaces_it_whole(tmp_path: Path, seed: BuiltGraph) -> None:
    path = tmp_path / "store"
    write_store(path, lambda s: s.load_quads(seed.oxigraph().quads()))
    with pytest.raises(RuntimeError):
        def half_then_fail(target: OxigraphStore) -> None:
            target.load_quads(list(seed.oxigraph().quads())[:100])
            raise RuntimeError("interrupted")
        write_store(path, half_then_fail)
    reopened = OxigraphStore(path, read_only=True)
    assert len(reopened) == len(seed.graph)
    # the path and the one generation it names: the failed write's folder is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["store", path.readlink().name])


def test_load_command_bulk_loads_exports(tmp_path: Path, seed: BuiltGraph) -> None:
    files = []
    for fmt in ("nt", "trig"):
        target = tmp_path / f"seed.{fmt}"
        fg.export(seed, fmt, target)
        files.append(str(target))
    run = subprocess.run([str(FIGUREGRAPH), "load", *files, "--store", f"oxigraph:{tmp_path / 'store'}"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len(OxigraphStore(tmp_path / "store", read_only=True)) == len(seed.graph)


@pytest.mark.parametrize("spec", ["oxigraph", "memory", "oxigraph:memory"])
def test_build_to_an_in_memory_store_is_refused_before_writing(tmp_path: Path, spec: str) -> None:
    out = tmp_path / "out.ttl"
    run = subprocess.run([str(FIGUREGRAPH), "build", "-g", str(GRAPH_DIR), "-o", str(out), "--store", spec],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "give a path: oxigraph:PATH" in run.stderr
    assert not out.exists()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    run = subprocess.run([str(FIGUREGRAPH), "query", "totals", "--store", f"oxigraph:{tmp_path / 'none'}"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "no Oxigraph store here" in run.stderr
    serve = subprocess.run([str(FIGUREGRAPH), "serve", "--store", f"oxigraph:{tmp_path / 'none'}", "--port", "0"],
                           capture_output=True, text=True, timeout=60)
    assert serve.returncode == 2 and "no Oxigraph store here" in serve.stderr
    assert not (tmp_path / "none").exists()


def test_default_backend_is_oxigraph(seed: BuiltGraph) -> None:
    assert isinstance(fg.open_store(seed), OxigraphStore)
    assert isinstance(fg.open_store(seed, "memory"), MemoryStore)

