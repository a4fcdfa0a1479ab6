"""`figuregraph serve` under load and faults: runaway queries stopped without failing others,
answers that stream within a time and size limit, stalled and malformed clients, a store
replaced under the server. Real servers on loopback; every loop is bounded."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.errors import QueryError
from figuregraph.store import write_store
from figuregraph.store.endpoint import EndpointStore
from figuregraph.store.library import QueryLibrary

from ..servers import FIGUREGRAPH, Served, figuregraph_server, seed_store
from ..expected import PARAMS

RUNAWAY_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 805^3 rows on the seed: ~500 MB of JSON
RUNAWAY_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # no row for hours
JSON = "application/sparql-results+json"


def numbered_store(path: Path, count: int) -> None:
    """A store of ``count`` triples (the count tells which store a server answers from)."""
    write_store(path, lambda s: s.load_quads(
        ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.Literal(str(i)), ox.DefaultGraph())
        for i in range(count)))


def port_of(served: Served) -> int:
    return int(urllib.parse.urlsplit(served.url).port or 0)


def post_query(served: Served, query: str, timeout: float = 60) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(served), timeout=timeout)
    connection.request("POST", "/query", body=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": JSON})
    return connection.getresponse()


def drain(response: http.client.HTTPResponse) -> tuple[int, bool]:
    """Read a body in pieces without keeping it: (bytes received, whether it ended as announced)."""
    received = 0
    try:
        while piece := response.read1(1 << 16):
            received += len(piece)
    except (http.client.IncompleteRead, ConnectionError):
        return received, False
    return received, True


def count_triples(served: Served) -> int:
    response = post_query(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=30)
    body = json.loads(response.read())
    return int(body["results"]["bindings"][0]["n"]["value"])


def raw_exchange(served: Served, data: bytes, half_close: bool = False, wait: float = 15) -> bytes:
    """Send bytes as they are; return everything the server sends back before it closes."""
    with socket.create_connection(("127.0.0.1", port_of(served)), timeout=wait) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        return read_until_closed(sock)


def read_until_closed(sock: socket.socket) -> bytes:
    answer = b""
    while piece := sock.recv(65536):
        answer += piece
    return answer


def threads_of(process_id: int) -> int:
    status = Path(f"/proc/{process_id}/status").read_text()
    return int(status.split("Threads:")[1].split()[0])


def peak_memory_kb(process_id: int) -> int:
    status = Path(f"/proc/{process_id}/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0])


def engines_of(process_id: int) -> list[int]:
    """The engine processes a server runs (its living children)."""
    children = Path(f"/proc/{process_id}/task/{process_id}/children").read_text().split()
    return [int(pid) for pid in children if _alive(int(pid))]


def _alive(process_id: int) -> bool:
    try:
        state = Path(f"/proc/{process_id}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def settled_engines(served: Served, count: int, gone: int = 0) -> list[int]:
    """The server's engines once the same ``count`` of them are seen three times in a row and ``gone``
    is not one (an engine just ended can still be exiting: bounded wait)."""
    seen: list[list[int]] = []
    for _ in range(200):
        seen = ([*seen, sorted(engines_of(served.process.pid))])[-3:]
        if len(seen) == 3 and seen[0] == seen[1] == seen[2] and len(seen[0]) == count and gone not in seen[0]:
            break
        time.sleep(0.05)
    return seen[-1]


def ask_ok(served: Served) -> bool:
    response = post_query(served, "ASK { ?s ?p ?o }", timeout=30)
    return response.status == 200 and json.loads(response.read())["boolean"] is True


# -- load: 20 clients, 2% runaway queries --------------------------------------------------

@pytest.fixture(scope="module")
def loaded(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = seed_store(seed, tmp_path_factory.mktemp("loaded") / "store")
    with figuregraph_server(store, 1, "--engines", "4") as running:
        yield running


CHEAP_CLIENTS, PER_CLIENT = 18, 16  # 288 library queries
RUNAWAY_CLIENTS, RUNAWAYS_EACH = 2, 3  # at most 6 runaways (2%), back to back while the others run


def test_load_no_valid_query_fails_while_runaways_are_stopped(loaded: Served, seed: BuiltGraph,
                                                              library: QueryLibrary) -> None:
    names = library.names()
    local = seed.oxigraph()
    expected = {name: fg.run_query(local, name, PARAMS.get(name, {}), library).multiset() for name in names}
    remote = EndpointStore(query_url=f"{loaded.url}/query", http_timeout=30)
    lock = threading.Lock()
    first_runaway_sent, cheap_finished = threading.Event(), threading.Event()
    running = 0  # runaways in flight
    cheap_done = during_runaways = 0
    failures: list[str] = []
    runaways: list[int] = []

    def runaway_client() -> None:
        nonlocal running
        for _ in range(RUNAWAYS_EACH):
            if cheap_finished.is_set():
                return
            with lock:
                running += 1
            connection = http.client.HTTPConnection("127.0.0.1", port_of(loaded), timeout=30)
            connection.request("POST", "/query", body=RUNAWAY_COUNT.encode(),
                               headers={"Content-Type": "application/sparql-query"})
            first_runaway_sent.set()
            response = connection.getresponse()
            body = response.read()
            with lock:
                running -= 1
                runaways.append(response.status)
            if b"time limit" not in body:
                failures.append(f"runaway answered {response.status}: {body[:200]!r}")

    def cheap_client(number: int) -> None:
        nonlocal cheap_done, during_runaways
        first_runaway_sent.wait(30)
        for i in range(PER_CLIENT):
            name = names[(number * PER_CLIENT + i) % len(names)]
            try:
                rows = fg.run_query(remote, name, PARAMS.get(name, {}), library).multiset()
            except QueryError as exc:
                failures.append(f"{name}: {exc}")
                continue
            with lock:
                cheap_done += 1
                during_runaways += running > 0
            if rows != expected[name]:
                failures.append(f"{name}: {sum(rows.values())} rows, expected {sum(expected[name].values())}")

    slow = [threading.Thread(target=runaway_client) for _ in range(RUNAWAY_CLIENTS)]
    cheap = [threading.Thread(target=cheap_client, args=(n,)) for n in range(CHEAP_CLIENTS)]
    for thread in slow + cheap:
        thread.start()
    for thread in cheap:
        thread.join(60)
    cheap_finished.set()
    for thread in slow:
        thread.join(30)
    assert not any(thread.is_alive() for thread in slow + cheap)
    assert failures == []
    assert cheap_done == CHEAP_CLIENTS * PER_CLIENT
    assert runaways and set(runaways) == {503}
    # Library queries went on being answered while a runaway was running or being stopped (each
    # runaway holds an engine for its 1 s; six of them, two at a time, span 3 s or more).
    assert during_runaways >= 2 * CHEAP_CLIENTS, (during_runaways, cheap_done)
    assert "Traceback" not in loaded.log_text()


def test_a_request_waits_for_an_engine_up_to_the_queue_bound_not_the_time_limit(
        seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = seed_store(seed, tmp_path_factory.mktemp("queued") / "store")
    with figuregraph_server(store, 3, "--engines", "1", "--queue-timeout", "1") as served:
        runaway: dict[str, object] = {}

        def run_away() -> None:
            response = post_query(served, RUNAWAY_COUNT)
            runaway["status"], runaway["body"] = response.status, response.read()

        thread = threading.Thread(target=run_away)
        thread.start()
        time.sleep(0.3)  # the runaway holds the only engine for its 3 s
        shed = post_query(served, "ASK { ?s ?p ?o }")
        assert shed.status == 503 and shed.getheader("Retry-After") == "1"
        assert b"no engine became free within 1 s" in shed.read()
        thread.join(30)
        assert runaway["status"] == 503 and b"time limit" in runaway["body"]  # type: ignore[operator]
    with figuregraph_server(store, 2, "--engines", "1", "--queue-timeout", "20") as served:
        ahead = [threading.Thread(target=lambda: post_query(served, RUNAWAY_COUNT).read()) for _ in range(2)]
        for thread in ahead:  # two runaways, one after the other on the only engine: 2 s each
            thread.start()
            time.sleep(0.3)
        began = time.monotonic()
        waited = post_query(served, "ASK { ?s ?p ?o }")
        assert waited.status == 200 and json.loads(waited.read())["boolean"] is True
        assert time.monotonic() - began > 2  # it waited longer than its own time limit, and was answered
        for thread in ahead:
            thread.join(30)


def test_an_engine_that_dies_is_replaced_and_the_request_tried_again(loaded: Served) -> None:
    engines = settled_engines(loaded, 4)
    assert len(engines) == 4
    os.kill(engines[0], signal.SIGKILL)
    statuses = Counter(post_query(loaded, "ASK { ?s ?p ?o }").status for _ in range(2 * len(engines)))
    assert statuses == Counter({200: 2 * len(engines)})
    log = loaded.log_text()
    assert f"engine {engines[0]} had stopped" in log or "trying once more on another engine" in log
    assert len(settled_engines(loaded, 4, gone=engines[0])) == 4


# -- streaming, time and size limits -------------------------------------------------------

@pytest.fixture(scope="module")
def limited(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = seed_store(seed, tmp_path_factory.mktemp("limited") / "store")
    with figuregraph_server(store, 2, "--max-result-bytes", "3000000", "--read-timeout", "1",
                            "--engines", "2") as running:
        yield running


def test_an_answer_over_the_size_limit_is_broken_off(limited: Served) -> None:
    response = post_query(limited, RUNAWAY_ROWS)
    assert response.status == 200 and response.getheader("Transfer-Encoding") == "chunked"
    received, whole = drain(response)
    assert not whole  # a broken transfer, never a complete-looking 200
    assert 1 << 20 < received <= 3_000_000
    assert "over --max-result-bytes 3000000" in limited.log_text()
    assert ask_ok(limited)


def test_a_streamed_answer_needs_http_1_1(limited: Served) -> None:
    target = "/query?" + urllib.parse.urlencode({"query": RUNAWAY_ROWS})
    answer = raw_exchange(limited, f"GET {target} HTTP/1.0\r\nAccept: {JSON}\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 505 ") and b"ask with HTTP/1.1" in answer


def test_a_held_answer_over_a_small_size_limit_is_refused_before_any_byte(seed: BuiltGraph, tmp_path: Path) -> None:
    store = seed_store(seed, tmp_path / "store")
    with figuregraph_server(store, 5, "--max-result-bytes", "100000", "--engines", "1") as running:
        response = post_query(running, RUNAWAY_ROWS)
        body = response.read()
        assert response.status == 507 and b"--max-result-bytes" in body and len(body) < 500
        small = post_query(running, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
        assert small.status == 200 and len(json.loads(small.read())["results"]["bindings"]) == 10


def test_a_runaway_answer_is_broken_off_at_the_time_limit_in_bounded_memory(seed: BuiltGraph, tmp_path: Path) -> None:
    store = seed_store(seed, tmp_path / "store")
    with figuregraph_server(store, 2, "--engines", "1") as running:
        before = peak_memory_kb(running.process.pid)
        response = post_query(running, RUNAWAY_ROWS)
        assert response.status == 200
        received, whole = drain(response)
        assert not whole and received > 1 << 20  # it streamed, then was cut at the limit
        assert "the time limit of 2 s was reached" in running.log_text()
        # The proxy passed the answer on in pieces: its peak memory barely moved, whatever it sent.
        assert peak_memory_kb(running.process.pid) - before < 64 * 1024
        assert ask_ok(running)


def test_one_server_header(limited: Served) -> None:
    for query in ("ASK { ?s ?p ?o }", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"):
        response = post_query(limited, query)
        response.read()
        servers = response.msg.get_all("Server") or []
        assert len(servers) == 1 and servers[0].startswith("figuregraph/"), servers


def test_the_service_description_names_the_public_address(limited: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(limited), timeout=30)
    connection.request("GET", "/query", headers={"Accept": "application/n-triples"})
    response = connection.getresponse()
    description = response.read()
    assert response.status == 200
    assert f"<{limited.url}/query>".encode() in description  # not an engine's private port


# -- clients that stall or send malformed requests ------------------------------------------

def test_stalled_clients_hold_no_thread_and_are_closed_after_the_read_timeout(limited: Served) -> None:
    threads = threads_of(limited.process.pid)
    stalled = [socket.create_connection(("127.0.0.1", port_of(limited)), timeout=15) for _ in range(50)]
    try:
        for sock in stalled[:10]:
            sock.sendall(b"GET /query?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n")  # headers never end
        assert ask_ok(limited)
        assert threads_of(limited.process.pid) <= threads + 1  # (an engine being replaced has a watcher thread)
        answers = [read_until_closed(sock) for sock in stalled]
    finally:
        for sock in stalled:
            sock.close()
    assert answers[10:] == [b""] * 40  # nothing sent: closed without a word
    assert all(a.startswith(b"HTTP/1.1 408 ") and b"did not arrive whole within 1 s" in a for a in answers[:10])


@pytest.mark.parametrize("length, body, half_close, message", [
    (b"-1", b"", False, b"bad Content-Length"),
    (b"abc", b"", False, b"bad Content-Length"),
    (b"5, 6", b"", False, b"Content-Length"),
    (b"100", b"ASK {}", False, b"body shorter than announced: 6 bytes arrived within 1 s"),
    (b"100", b"ASK {}", True, b"received 6 bytes, expected 100"),
])
def test_a_bad_content_length_gets_400_and_holds_nothing(limited: Served, length: bytes, body: bytes,
                                                         half_close: bool, message: bytes) -> None:
    threads = threads_of(limited.process.pid)
    request = (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: " + length + b"\r\n\r\n" + body)
    answer = raw_exchange(limited, request, half_close)
    assert answer.startswith(b"HTTP/1.1 400 ") and message in answer, answer
    assert threads_of(limited.process.pid) <= threads + 1
    assert ask_ok(limited)
    assert "Traceback" not in limited.log_text()


# -- a store replaced under a running server ----------------------------------------------------

def flip_symlink(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` in one rename, as a generation swap does."""
    staging = link.with_name(f".{link.name}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target)
    os.replace(staging, link)


def wait_for_count(served: Served, count: int) -> int:
    """The server's triple count once it is ``count``, or the last one seen (bounded wait)."""
    for _ in range(100):
        seen = count_triples(served)
        if seen == count:
            break
        time.sleep(0.1)
    return seen


def test_a_store_replaced_by_a_rename_is_picked_up(tmp_path: Path) -> None:
    store = tmp_path / "store"
    numbered_store(store, 10)
    with figuregraph_server(store, 5, "--engines", "2") as running:
        assert count_triples(running) == 10
        numbered_store(store, 20)  # the build's swap: a new folder renamed over the path
        assert wait_for_count(running, 20) == 20
        assert "the store at" in running.log_text() and "serving the new store" in running.log_text()
        assert ask_ok(running)


def test_a_store_behind_a_flipped_symlink_is_picked_up(tmp_path: Path) -> None:
    first, second, link = tmp_path / "gen-1", tmp_path / "gen-2", tmp_path / "store"
    numbered_store(first, 10)
    numbered_store(second, 30)
    flip_symlink(link, first)
    with figuregraph_server(link, 5, "--engines", "2") as running:
        assert count_triples(running) == 10
        flip_symlink(link, second)
        assert wait_for_count(running, 30) == 30
        shutil.rmtree(first.resolve())  # the old generation removed: the server no longer reads it
        assert count_triples(running) == 30
        assert len(settled_engines(running, 2)) == 2


def test_a_replacement_that_cannot_be_opened_leaves_the_old_store_served(tmp_path: Path) -> None:
    store, aside, broken = tmp_path / "store", tmp_path / "aside", tmp_path / "broken"
    numbered_store(store, 10)
    broken.mkdir()
    (broken / "CURRENT").write_text("MANIFEST-999999\n")  # names a manifest that is not there
    with figuregraph_server(store, 5, "--engines", "2") as running:
        assert count_triples(running) == 10
        os.replace(store, aside)
        os.replace(broken, store)
        for _ in range(100):  # bounded wait for the server to look at the path
            if "still serving the previous one" in running.log_text():
                break
            time.sleep(0.05)
        assert "cannot open the new store" in running.log_text()
        assert "still serving the previous one" in running.log_text()
        assert count_triples(running) == 10


@pytest.mark.parametrize("option, message", [
    (["--engines", "0"], "engines must be at least 1, not 0"),
    (["--max-result-bytes", "-5"], "max result bytes must be at least 1, not -5"),
    (["--read-timeout", "0"], "the read timeout must be over 0 seconds"),
    (["--timeout", "-1"], "the timeout must be over 0 seconds"),
])
def test_unusable_settings_are_refused_before_anything_starts(tmp_path: Path, option: list[str],
                                                               message: str) -> None:
    store = tmp_path / "store"
    numbered_store(store, 1)
    done = subprocess.run([str(FIGUREGRAPH), "serve", "--store", f"oxigraph:{store}", "--port", "0", *option],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
