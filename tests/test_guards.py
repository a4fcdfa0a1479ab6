"""Query guards on every path: nothing reaches a listener, a file, or a crashing parser."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.store.base import with_timeout
from figuregraph.store.guard import Policy, QueryRefused, QueryTimeout, check
from figuregraph.store import MemoryStore, Store
from figuregraph.store.endpoint import EndpointStore

from .servers import oxigraph_server


class Listener:
    """A loopback TCP listener that records every connection it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    item = Listener()
    yield item
    item.close()


@pytest.fixture(scope="module")
def stores(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    memory = MemoryStore()
    memory.load(seed.dataset)
    with oxigraph_server(tmp_path_factory.mktemp("guard-server")) as base:
        endpoint = EndpointStore(query_url=f"{base}/query?union-default-graph", graph_store_url=f"{base}/store")
        endpoint.push(seed.oxigraph())
        yield {"memory": memory, "oxigraph": seed.oxigraph(), "endpoint": endpoint}


KINDS = ["memory", "oxigraph", "endpoint"]


@pytest.mark.parametrize("kind", KINDS)
def test_service_never_connects(stores: dict[str, Store], listener: Listener, kind: str) -> None:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused, match="SERVICE"):
        stores[kind].query(query)
    lower = f"select * where {{ service <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused):
        stores[kind].query(lower)
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize("kind", KINDS)
def test_load_of_a_file_reads_nothing(stores: dict[str, Store], tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:x:secret> <urn:x:is> "leaked" .\n')
    before = len(stores[kind])
    for update in (f"LOAD <file://{secret}>", f"LOAD <file://{secret}> INTO GRAPH <urn:x:g>"):
        with pytest.raises(QueryRefused, match="LOAD is an update"):
            stores[kind].query(update)
    with pytest.raises(QueryRefused, match="FROM"):
        stores[kind].query(f"SELECT * FROM <file://{secret}> WHERE {{ ?s ?p ?o }}")
    assert len(stores[kind]) == before
    assert not stores[kind].query("ASK { ?s ?p \"leaked\" }").rows[0][0].toPython()


@pytest.mark.parametrize("kind", KINDS)
def test_deep_nesting_is_refused_and_the_process_survives(stores: dict[str, Store], kind: str) -> None:
    deep = "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
    with pytest.raises(QueryRefused, match="nested deeper"):
        stores[kind].query(deep)
    parens = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "true" + ")" * 10_000 + ") }"
    with pytest.raises(QueryRefused):
        stores[kind].query(parens)
    assert stores[kind].query("ASK { ?s ?p ?o }").rows[0][0].toPython() is True


@pytest.mark.parametrize("kind", KINDS)
def test_cartesian_product_hits_the_time_limit(stores: dict[str, Store], kind: str) -> None:
    """Billions of rows: stopped at the limit, and the store keeps answering. (The COUNT form,
    which the embedded engine cannot abandon mid-aggregate, is tested against `serve`.)"""
    store = stores[kind]
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit|within"):
        store.query(heavy, policy=Policy(timeout=1.0))
    assert time.monotonic() - started < 10
    assert store.query("ASK { ?s ?p ?o }").rows[0][0].toPython() is True


def test_an_embedded_query_past_its_limit_stops_instead_of_running_on(stores: dict[str, Store]) -> None:
    """Regression: Oxigraph wrote a whole result in Rust, where the interrupt cannot reach, so a
    stopped query kept running in the background until memory ran out."""
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeout):
        stores["oxigraph"].query(heavy, policy=Policy(timeout=1.0))
    workers = [t for t in threading.enumerate() if t.name == "figuregraph-query"]
    for worker in workers:
        worker.join(30)
    assert not any(worker.is_alive() for worker in workers)


def test_an_interrupt_that_is_dropped_is_sent_again() -> None:
    """Regression: Python drops an exception raised inside a weakref callback or a destructor, so
    an rdflib query whose one interrupt landed there ran on without end. (The interrupt was also
    the bare QueryTimeout class, which cannot be made without a message: a TypeError came instead.)"""
    dropped: list[BaseException] = []

    def work() -> None:
        while True:
            try:
                while True:
                    pass
            except BaseException as exc:  # the first one is dropped, as a weakref callback would
                if dropped:
                    raise
                dropped.append(exc)

    before = set(threading.enumerate())
    with pytest.raises(QueryTimeout):
        with_timeout(work, 0.5, "the work")
    (worker,) = [t for t in set(threading.enumerate()) - before if t.name == "figuregraph-query"]
    worker.join(30)
    assert not worker.is_alive()
    assert len(dropped) == 1 and not isinstance(dropped[0], (TypeError, Exception))


def test_size_limit() -> None:
    with pytest.raises(QueryRefused, match="over the limit"):
        check("SELECT * WHERE { ?s ?p ?o } # " + "x" * 300_000)


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',       # keyword inside a string
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> LOAD",    # inside a comment
    "SELECT * WHERE { ?s <http://ex/SERVICE> ?o }",             # inside an IRI
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:load ?o }", # a prefixed name
    "SELECT * FROM <https://w3id.org/figuregraph/id/graph/euaa-2026-coi-russia-desertion> WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o != "{{{{{{") }',
])
def test_guard_lets_harmless_queries_through(text: str) -> None:
    check(text, Policy(max_depth=5))


def test_explicit_permission() -> None:
    check("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", Policy(allow_service=True))
    check("SELECT * FROM <http://elsewhere/g> WHERE { ?s ?p ?o }", Policy(allow_remote_from=True))
    with pytest.raises(QueryRefused, match="remote FROM"):
        check("SELECT * FROM NAMED <http://elsewhere/g> WHERE { ?s ?p ?o }")
