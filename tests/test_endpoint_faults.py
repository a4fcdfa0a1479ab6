"""A remote endpoint misbehaving: clear errors, never a hang; interrupted pushes leave nothing half-done."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.errors import QueryError
from figuregraph.store.guard import Policy, QueryTimeout
from figuregraph.store.serve import free_port
from figuregraph.store.endpoint import EndpointStore

from .servers import oxigraph_server


def _read_request(conn: socket.socket) -> None:
    """Read a whole request (headers and body): closing with unread data would reset the connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = conn.recv(4096)
        if not chunk:
            return
        body += chunk


class ScriptedServer:
    """A loopback server that answers every connection with ``script(conn)``."""

    def __init__(self, script: Callable[[socket.socket], None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/query"
        self.script = script
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                _read_request(conn)
                self.script(conn)
            except OSError:
                pass
            finally:
                conn.close()

    def close(self) -> None:
        self.sock.close()


def respond(head: bytes, body: bytes = b"") -> Callable[[socket.socket], None]:
    return lambda conn: conn.sendall(head + body)


JSON = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
FAULTS = {
    "goes away mid-response": (respond(b"HTTP/1.1 200 OK\r\nContent-Ty"),
                               "closed the connection|broken HTTP|malformed or truncated"),
    "truncated body": (respond(JSON + b"Content-Length: 500\r\n\r\n", b'{"head": {"vars": ["x"]}, "res'),
                       "truncated response"),
    "malformed json": (respond(JSON + b"Content-Length: 30\r\n\r\n", b'{"head": {"vars": ["x"]}, "res'),
                       "malformed or truncated SPARQL JSON"),
    "server error": (respond(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 11\r\n\r\n", b"engine died"),
                     "HTTP 500 Internal Server Error: engine died"),
}


@pytest.fixture()
def scripted() -> Iterator[Callable[[Callable[[socket.socket], None]], ScriptedServer]]:
    servers: list[ScriptedServer] = []

    def make(script: Callable[[socket.socket], None]) -> ScriptedServer:
        servers.append(ScriptedServer(script))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_gives_a_clear_error(scripted, fault: str) -> None:  # type: ignore[no-untyped-def]
    script, message = FAULTS[fault]
    store = EndpointStore(query_url=scripted(script).url)
    started = time.monotonic()
    with pytest.raises(QueryError, match=message):
        store.query("SELECT ?x WHERE { ?x ?p ?o }", policy=Policy(timeout=10))
    assert time.monotonic() - started < 5


def test_silent_endpoint_times_out(scripted) -> None:  # type: ignore[no-untyped-def]
    store = EndpointStore(query_url=scripted(lambda conn: time.sleep(5)).url)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.query("ASK { ?s ?p ?o }", policy=Policy(timeout=1))
    assert time.monotonic() - started < 3


def test_endpoint_that_is_not_there() -> None:
    store = EndpointStore(query_url=f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(QueryError, match="cannot reach"):
        store.query("ASK { ?s ?p ?o }")


def test_interrupted_push_leaves_no_half_loaded_graph(seed: BuiltGraph, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "server") as base:
        target = EndpointStore(query_url=f"{base}/query", graph_store_url=f"{base}/store")
        assert target.push(seed.oxigraph()) == len({q[3] for q in seed.quads()})
        graph = "https://w3id.org/figuregraph/id/graph/euaa-2026-coi-russia-desertion"
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        before = int(target.query(count).rows[0][0])
        lines = [f"<urn:x:s{i}> <urn:x:p> \"{i}\" .\n".encode() for i in range(5000)]

        def interrupted() -> Iterator[bytes]:
            yield from lines[:2500]
            raise ConnectionAbortedError("network went away halfway")

        for name in (graph, "https://w3id.org/figuregraph/id/graph/new-one"):
            with pytest.raises(QueryError, match="connection failed to .* network went away halfway"):
                target.put_graph(name, interrupted())
        assert int(target.query(count).rows[0][0]) == before
        fresh = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/figuregraph/id/graph/new-one> { ?s ?p ?o } }"
        assert int(target.query(fresh).rows[0][0]) == 0
