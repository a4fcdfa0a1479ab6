"""`serve`'s kept connections to its engines outlive no engine's idle timeout.

Oxigraph's server answers a connection idle for 60 s with an unsolicited HTTP 500, "Resource
temporarily unavailable (os error 11)" (its socket read timed out), and closes it. The proxy kept
that connection for the next request, which then read the stale 500 as its answer: a healthy
query failed about a minute after the engine's last answer. A kept connection idle for
``upstream.IDLE`` (30 s) is now replaced before use."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.parse
from pathlib import Path
from collections.abc import Iterator

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.store.serve.upstream import IDLE, Channel

from ..servers import figuregraph_server, request, seed_store

STALE = b"Resource temporarily unavailable (os error 11)"
ASK = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


@pytest.fixture
def impatient_engine() -> Iterator[tuple[int, list[int]]]:
    """A server on 127.0.0.1 that does what Oxigraph's does, in a second instead of a minute: answers
    each request on a kept connection, and one idle for a second with an unsolicited 500, then closes."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    accepted: list[int] = []  # one entry per connection

    def serve(conn: socket.socket) -> None:
        conn.settimeout(1.0)
        with conn:
            while not stop.is_set():
                try:
                    if b"\r\n\r\n" not in conn.recv(65536):
                        return
                except TimeoutError:
                    conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: %d\r\n\r\n%s"
                                 % (len(STALE), STALE))
                    return
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\ntrue")

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        listener.close()


async def _answers(channel: Channel, pause: float) -> list[tuple[int, bytes]]:
    answers = []
    for _ in range(2):
        upstream = await channel.send("GET", ASK, [(b"host", b"127.0.0.1")], b"")
        body = b""
        while (piece := await upstream.read()) is not None:
            body += piece
        answers.append((upstream.status, body))
        await asyncio.sleep(pause)
    channel.close()
    return answers


def test_a_connection_idle_past_the_engines_timeout_is_not_used(
        impatient_engine: tuple[int, list[int]]) -> None:
    """After the engine's idle timeout the next request goes on a new connection and gets its answer."""
    port, accepted = impatient_engine
    assert asyncio.run(_answers(Channel(port, idle=0.5), 1.5)) == [(200, b"true")] * 2
    assert len(accepted) == 2


def test_a_connection_is_kept_while_it_is_fresh(impatient_engine: tuple[int, list[int]]) -> None:
    """Within the idle bound the connection is kept: both answers come on one connection."""
    port, accepted = impatient_engine
    assert asyncio.run(_answers(Channel(port, idle=5.0), 0.1)) == [(200, b"true")] * 2
    assert len(accepted) == 1
    assert IDLE < 60  # well inside Oxigraph's own idle timeout


def test_serve_answers_a_healthy_query_after_its_engine_was_idle_a_minute(seed: BuiltGraph, tmp_path: Path) -> None:
    """The user's case, against the real engine: a query, 62 s of nothing, the same query: 200 both
    times (the second was a 500 with Oxigraph's "os error 11" before)."""
    store = seed_store(seed, tmp_path / "store")
    with figuregraph_server(store, 30, "--engines", "1") as served:
        first = request(served.url + ASK, headers={"Accept": "application/sparql-results+json"})
        time.sleep(62)
        second = request(served.url + ASK, headers={"Accept": "application/sparql-results+json"})
    assert first[0] == 200 and json.loads(first[2])["boolean"] is True
    assert second[0] == 200, second[2]
    assert json.loads(second[2])["boolean"] is True
