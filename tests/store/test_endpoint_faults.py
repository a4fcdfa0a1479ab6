"""A remote endpoint misbehaving: clear errors, never a hang; interrupted pushes leave nothing half-done."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from collections.abc import Callable, Iterator

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.errors import QueryError
from figuregraph.store.guard import Policy, QueryTimeout
from figuregraph.store.serve import free_port
from figuregraph.store.endpoint import GET_LIMIT, EndpointStore, EngineSilent, Form

from ..servers import oxigraph_server
from ..values import py


def _read_request(conn: socket.socket) -> bytes:
    """Read a whole request (headers and body): closing with unread data would reset the connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = conn.recv(4096)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


Script = Callable[[socket.socket, bytes], None]


class ScriptedServer:
    """A loopback server that answers every request with ``script(conn, request)``, each connection on
    a thread of its own."""

    def __init__(self, script: Script) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/query"
        self.script = script
        self.requests: list[bytes] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(conn,), daemon=True).start()

    def answer(self, conn: socket.socket) -> None:
        try:
            request = _read_request(conn)
            self.requests.append(request)
            self.script(conn, request)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def respond(head: bytes, body: bytes = b"") -> Script:
    return lambda conn, request: conn.sendall(head + body)


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
def scripted() -> Iterator[Callable[[Script], ScriptedServer]]:
    servers: list[ScriptedServer] = []

    def make(script: Script) -> ScriptedServer:
        servers.append(ScriptedServer(script))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_gives_a_clear_error(scripted, fault: str) -> None:
    script, message = FAULTS[fault]
    store = EndpointStore(query_url=scripted(script).url)
    started = time.monotonic()
    with pytest.raises(QueryError, match=message):
        store.query("SELECT ?x WHERE { ?x ?p ?o }", policy=Policy(timeout=10))
    assert time.monotonic() - started < 5


ASK_TRUE = b'{"boolean":true}'


def test_an_engine_that_never_answers_is_not_a_time_limit(scripted) -> None:
    """A listener that takes every connection and sends nothing: the engine did not answer."""
    closed = threading.Event()
    server = scripted(lambda conn, request: closed.wait(30))
    with pytest.raises(EngineSilent, match="did not answer: it took the connection but sent nothing in 1 s, "
                                           "nor to a trivial query") as err:
        EndpointStore(query_url=server.url).query("ASK { ?s ?p ?o }", policy=Policy(timeout=1))
    closed.set()
    assert not isinstance(err.value, QueryTimeout) and "time limit" not in str(err.value)


def test_a_query_past_its_time_limit_on_a_live_engine(scripted) -> None:
    """An engine that answers a trivial query at once but not this one: the query ran past its time limit."""
    closed = threading.Event()

    def script(conn: socket.socket, request: bytes) -> None:
        if b"ASK+%7B%7D" in request:  # the trivial query
            conn.sendall(JSON + b"Content-Length: 16\r\n\r\n" + ASK_TRUE)
        else:
            closed.wait(30)

    server = scripted(script)
    with pytest.raises(QueryTimeout, match=r"ran past its time limit of 1 s .* narrow the query or raise the limit"):
        EndpointStore(query_url=server.url).query("ASK { ?s ?p ?o }", policy=Policy(timeout=1))
    closed.set()


def test_request_forms_fall_back_on_what_the_endpoint_refuses(scripted) -> None:
    """GET refused (405), direct POST refused (415): the query goes as a form POST, and stores of that
    endpoint remember not to try the others again."""
    def script(conn: socket.socket, request: bytes) -> None:
        if request.startswith(b"GET"):
            conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
        elif b"application/sparql-query" in request:
            conn.sendall(b"HTTP/1.1 415 Unsupported Media Type\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(JSON + b"Content-Length: 16\r\n\r\n" + ASK_TRUE)

    server = scripted(script)
    store = EndpointStore(query_url=server.url)
    assert py(store.query("ASK { ?s ?p ?o }").rows[0][0]) is True
    first = [r.split(b" ", 1)[0] + (b" direct" if b"sparql-query" in r else b"") for r in server.requests]
    assert first == [b"GET", b"POST direct", b"POST"]  # GET, the direct POST probe, then a form POST
    server.requests.clear()
    assert EndpointStore(query_url=server.url).query("ASK { ?o ?p ?s }").rows
    assert [r.split(b" ", 1)[0] for r in server.requests] == [b"POST"]  # neither GET nor direct POST again
    assert store.request_form("ASK {}") is Form.FORM


def test_short_queries_go_by_get_and_long_ones_by_post(scripted) -> None:
    server = scripted(respond(JSON + b"Content-Length: 16\r\n\r\n", ASK_TRUE))
    store = EndpointStore(query_url=server.url)
    assert store.request_form("ASK {}") is Form.GET
    assert store.request_form("#" * GET_LIMIT + "\nASK {}") is Form.DIRECT  # it answers the direct POST probe


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
        before = py(target.query(count).rows[0][0])
        lines = [f"<urn:x:s{i}> <urn:x:p> \"{i}\" .\n".encode() for i in range(5000)]

        def interrupted() -> Iterator[bytes]:
            yield from lines[:2500]
            raise ConnectionAbortedError("network went away halfway")

        for name in (graph, "https://w3id.org/figuregraph/id/graph/new-one"):
            with pytest.raises(QueryError, match=r"connection failed to .* network went away halfway"):
                target.put_graph(name, interrupted())
        assert py(target.query(count).rows[0][0]) == before
        fresh = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/figuregraph/id/graph/new-one> { ?s ?p ?o } }"
        assert py(target.query(fresh).rows[0][0]) == 0
