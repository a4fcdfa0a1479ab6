"""Query guards on every path: nothing reaches a listener, a file, or a crashing parser."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.store.base import with_timeout
from figuregraph.errors import QueryError
from figuregraph.store import sandbox
from figuregraph.store.base import QueryResult
from figuregraph.store import guard
from figuregraph.store.guard import Policy, QueryRefused, QueryTimeout, check
from figuregraph.store.library import QueryLibrary
from figuregraph.store import OxigraphStore, Store, write_store

from ..servers import FIGUREGRAPH, Listener, figuregraph_server, request
from ..values import py

if TYPE_CHECKING:
    from figuregraph.store.base import Bound


@pytest.fixture()
def listener() -> Iterator[Listener]:
    item = Listener()
    yield item
    item.close()


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
    assert not py(stores[kind].query("ASK { ?s ?p \"leaked\" }").rows[0][0])


@pytest.mark.parametrize("kind", KINDS)
def test_deep_nesting_is_refused_and_the_process_survives(stores: dict[str, Store], kind: str) -> None:
    deep = "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
    with pytest.raises(QueryRefused, match="nested deeper"):
        stores[kind].query(deep)
    parens = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "true" + ")" * 10_000 + ") }"
    with pytest.raises(QueryRefused):
        stores[kind].query(parens)
    assert py(stores[kind].query("ASK { ?s ?p ?o }").rows[0][0]) is True


@pytest.mark.parametrize("kind", KINDS)
def test_cartesian_product_hits_the_time_limit(stores: dict[str, Store], kind: str) -> None:
    """Billions of rows: stopped at the limit, and the store keeps answering. (The COUNT form,
    which the embedded engine cannot abandon mid-aggregate, is tested against `serve`.)"""
    store = stores[kind]
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"time limit|within"):
        store.query(heavy, policy=Policy(timeout=1.0))
    assert time.monotonic() - started < 10
    assert py(store.query("ASK { ?s ?p ?o }").rows[0][0]) is True


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
def query_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "figuregraph-query"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_query_past_the_time_limit_stops_in_the_background(stores: dict[str, Store], kind: str) -> None:
    """Regression: the embedded engine wrote a runaway query's results into one bytes object in
    Rust, where the interrupt never landed, and an interrupt landing in a garbage-collector
    callback was swallowed; either way the work went on in the background, until memory ran out
    (the test run was killed at 23 GB). Now the worker thread ends soon after the limit."""
    before = query_threads()
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeout):
        stores[kind].query(heavy, policy=Policy(timeout=1.0))
    deadline = time.monotonic() + 15
    while query_threads() - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not query_threads() - before


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


def test_the_bundled_queries_pass_both_stages_of_the_guard(library: QueryLibrary) -> None:
    """What lets them through unchecked (``guard.vet``): each one passes the full guard."""
    names = library.names(internal=True)
    assert len(names) > 40
    for name in names:
        assert guard._verdict(library.get(name).text, Policy()) is None, name


def test_only_the_bundled_texts_go_unchecked_and_only_under_the_default_limits(library: QueryLibrary,
                                                                             tmp_path: Path) -> None:
    text = library.get("breakdown").text
    check(text)
    check(text, Policy(allow_service=True, timeout=None))
    with pytest.raises(QueryRefused, match="nested deeper than 1"):
        check(text, Policy(max_depth=1))
    with pytest.raises(QueryRefused, match="over the limit"):
        check(text, Policy(max_length=100))
    with pytest.raises(QueryRefused, match="SERVICE"):  # one changed character is another text
        check(text.replace("WHERE {", "WHERE { SERVICE <http://x/> { ?a ?b ?c }", 1))
    # a folder of one's own can reuse a bundled name: its text is not the package's
    (tmp_path / "breakdown.rq").write_text("#+ summary: x\nSELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }\n")
    with pytest.raises(QueryRefused, match="SERVICE"):
        check(QueryLibrary.load([tmp_path]).get("breakdown").text)


def test_a_bundled_check_bound_to_nodes_stays_vetted_and_passes_the_full_guard(library: QueryLibrary,
                                                                              tmp_path: Path) -> None:
    """``library.for_nodes`` adds a VALUES block of IRIs to a check: while it runs, that text goes
    through unchecked only when the check is the package's own, and it passes both stages anyway."""
    from figuregraph.store.library import for_nodes

    nodes = ["https://w3id.org/figuregraph/id/figure/a", "https://w3id.org/figuregraph/id/source/b?x=1#y"]
    focused = [c for c in library.checks() if c.focus is not None]
    assert len(focused) >= 5
    for c in focused:
        text = for_nodes(c, nodes)
        with guard.focused(c.text, text):
            assert guard._vetted(text, Policy()), c.name
        assert guard._verdict(text, Policy()) is None, c.name
    with pytest.raises(ValueError):  # not an IRI: refused before any text is made
        for_nodes(focused[0], ["https://e/> } SERVICE <http://x/> { ?a ?b ?c"])
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "mine.rq").write_text(
        "#+ summary: x\n#+ focus: s\nSELECT ?s WHERE { ?s ?p ?o SERVICE <http://x/> { ?a ?b ?c } }\n")
    mine = QueryLibrary.load([tmp_path]).get("checks/mine")
    text = for_nodes(mine, nodes)
    with guard.focused(mine.text, text), pytest.raises(QueryRefused, match="SERVICE"):
        check(text)


def test_a_check_bound_to_nodes_is_vetted_only_while_it_runs_and_only_on_its_thread(library: QueryLibrary,
                                                                                    seed_store: Store) -> None:
    """Each rebuild binds checks to new nodes: the guard keeps none of those texts, and its cache of
    verdicts is left to the queries users send; a text run again later is checked in full (and passes)."""
    from figuregraph.store.library import for_nodes, run_for_nodes

    c = next(c for c in library.checks() if c.focus is not None)
    text = for_nodes(c, ["https://w3id.org/figuregraph/id/figure/n1"])
    guard._verdict.cache_clear()
    assert not run_for_nodes(seed_store, c, ["https://w3id.org/figuregraph/id/figure/n1"]).rows
    assert guard._verdict.cache_info().currsize == 0  # let through unchecked
    elsewhere: list[bool] = []
    with guard.focused(c.text, text):
        thread = threading.Thread(target=lambda: elsewhere.append(guard._vetted(text, Policy())))
        thread.start()
        thread.join()
        assert guard._vetted(text, Policy()) and elsewhere == [False]
    assert not guard._vetted(text, Policy())
    check(text)  # the full guard: it passes
    assert guard._verdict.cache_info().currsize == 1


def test_explicit_permission() -> None:
    check("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", Policy(allow_service=True))
    check("SELECT * FROM <http://elsewhere/g> WHERE { ?s ?p ?o }", Policy(allow_remote_from=True))
    with pytest.raises(QueryRefused, match="remote FROM"):
        check("SELECT * FROM NAMED <http://elsewhere/g> WHERE { ?s ?p ?o }")


# Issue 15, item 1: the guard's lexer read `\` as a token of its own, so `e:x\#` hid the rest of the
# line in a "comment" and `e:a\'` in a "string", while the engines read both as escaped characters of
# the name. Each reproduction, with a listener's port for {port}; run on every path below.
HOSTILE = {
    "escaped-hash": "PREFIX e: <http://e/>\nSELECT * WHERE { BIND(e:x\\# AS ?z) SERVICE <http://127.0.0.1:{port}/x> "
                    "{ ?a ?b ?c } }",
    "escaped-quote": "PREFIX e: <http://e/>\nSELECT * WHERE { BIND(e:a\\' AS ?z) SERVICE <http://127.0.0.1:{port}/x> "
                     "{ ?a ?b ?c } FILTER(?z != 'x') }",
    "u-escape": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c } }",
    # Oxigraph ends a comment at a carriage return; rdflib and the old guard did not
    "comment-ended-by-cr": "SELECT * WHERE { ?s ?p ?o # note\r SERVICE <http://127.0.0.1:{port}/x> { ?a ?b ?c } }",
    # read with \u expanded first, SERVICE is inside a string; Oxigraph reads it outside
    "u-escape-in-string": 'SELECT * WHERE { ?s ?p ?o FILTER(?o != "\\u005C") SERVICE <http://127.0.0.1:{port}/x> '
                          '{ ?a ?b ?c } #")\n }',
    # rdflib also reads \U with four hex digits, here a newline that ends the comment before SERVICE
    "rdflib-only-escape": "SELECT * WHERE { ?s ?p ?o # note \\U000A SERVICE <http://127.0.0.1:{port}/x> "
                          "{ ?a ?b ?c }\n }",
    # `<?p)SERVICEe:x#>` looks like an IRI, but after an operand in FILTER( it is "less than"
    "less-than-read-as-iri": "PREFIX e: <http://127.0.0.1:{port}/> SELECT * WHERE { ?s ?p ?o "
                             "FILTER(true||?o<?p)SERVICEe:x#>\n { ?a ?b ?c } }",
    # Oxigraph reads a name glued to SERVICE as the keyword followed by the rest
    "glued-prefix": "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE { ?s ?p ?o SERVICE:x { ?a ?b ?c } }",
    "glued-silent": "SELECT * WHERE { ?s ?p ?o SERVICESILENT<http://127.0.0.1:{port}/x>{ ?a ?b ?c } }",
    "from-file-escaped": "PREFIX e: <http://e/> SELECT (e:x\\# AS ?z) FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "from-remote-escaped": "PREFIX e: <http://e/> SELECT (e:x\\# AS ?z) FROM NAMED <http://127.0.0.1:{port}/g> "
                           "WHERE { ?s ?p ?o }",
    # 10 000 { crashed the served engine (-6) and the CLI (139)
    "deep-after-escape": "PREFIX e: <http://e/> SELECT * WHERE { BIND(e:x\\# AS ?z) " + "{" * 10_000 + " ?s ?p ?o "
                         + "}" * 10_000 + " }",
}
REFUSAL = {"escaped-hash": "SERVICE", "escaped-quote": "SERVICE", "u-escape": "SERVICE",
           "comment-ended-by-cr": "SERVICE", "u-escape-in-string": "escapes read differently",
           "rdflib-only-escape": "escapes read differently",
           "less-than-read-as-iri": "begins with SERVICE", "glued-prefix": "begins with SERVICE",
           "glued-silent": "SERVICESILENT", "from-file-escaped": "FROM", "from-remote-escaped": "FROM",
           "deep-after-escape": "nested deeper"}


def hostile(name: str, port: int) -> str:
    return HOSTILE[name].replace("{port}", str(port))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_escape_tricks_are_refused_by_the_guard(listener: Listener, name: str) -> None:
    with pytest.raises(QueryRefused, match=REFUSAL[name]):
        check(hostile(name, listener.port))


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("kind", KINDS)
def test_escape_tricks_never_reach_a_store(stores: dict[str, Store], listener: Listener, kind: str,
                                           name: str) -> None:
    with pytest.raises(QueryRefused, match="refused"):
        stores[kind].query(hostile(name, listener.port))
    assert py(stores[kind].query("ASK { ?s ?p ?o }").rows[0][0]) is True
    time.sleep(0.2)
    assert listener.connections == 0


def test_escape_tricks_through_the_cli(tmp_path: Path, listener: Listener) -> None:
    """`figuregraph query --queries DIR` with each hostile query as a .rq file, on both backends:
    exit 2 with the refusal, no connection, no crash (the deep one ended in a segfault)."""
    folder = tmp_path / "queries"
    folder.mkdir()
    for name in HOSTILE:
        (folder / f"{name}.rq").write_text(f"#+ summary: hostile ({name})\n{hostile(name, listener.port)}\n")
    data = tmp_path / "one.ttl"
    data.write_text("<urn:x:s> <urn:x:p> <urn:x:o> .\n")

    def run(job: tuple[str, str]) -> subprocess.CompletedProcess[str]:
        name, backend = job
        return subprocess.run([str(FIGUREGRAPH), "query", name, "--queries", str(folder), "--data", str(data),
                               "--backend", backend], capture_output=True, text=True, timeout=120)

    jobs = [(name, backend) for name in sorted(HOSTILE) for backend in ("oxigraph", "memory")]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for (name, backend), done in zip(jobs, pool.map(run, jobs)):
            assert done.returncode == 2, (name, backend, done.returncode, done.stderr)
            assert "query refused" in done.stderr and "Traceback" not in done.stderr, (name, backend, done.stderr)
    time.sleep(0.2)
    assert listener.connections == 0


@pytest.fixture(scope="module")
def served(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    store = tmp_path_factory.mktemp("guarded") / "store"
    write_store(store, lambda s: s.load_quads(seed.oxigraph().quads()))
    with figuregraph_server(store) as server:
        yield server.url, store
        assert server.process.poll() is None


def post(url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    status, _, answer = request(url, data=body, method="POST", headers={"Content-Type": content_type}, timeout=60)
    return status, answer


def engines(store: Path) -> str:
    return subprocess.run(["pgrep", "-f", f"serve-read-only --location {os.path.realpath(store)}"],
                          capture_output=True, text=True).stdout


def test_escape_tricks_through_serve(served: tuple[str, Path], listener: Listener) -> None:
    """Each hostile query POSTed to /query, as a query body and as a form: 400, no connection, the
    same engine process before and after, and the server still answers."""
    base, store = served
    before = engines(store)
    assert before
    for name in sorted(HOSTILE):
        query = hostile(name, listener.port)
        for body, content_type in ((query.encode(), "application/sparql-query"),
                                   (urllib.parse.urlencode({"query": query}).encode(),
                                    "application/x-www-form-urlencoded")):
            status, text = post(f"{base}/query", body, content_type)
            assert status == 400 and b"query refused" in text, (name, status, text[:200])
    ask = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    assert post(f"{base}/query", ask, "application/x-www-form-urlencoded") == (200, b'{"head":{},"boolean":true}')
    assert engines(store) == before
    time.sleep(0.2)
    assert listener.connections == 0


needs_namespaces = pytest.mark.skipif(not sandbox.available(), reason="network namespaces need Linux and root")


class GuardMissed(OxigraphStore):
    """The embedded engine as if the guard had let a SERVICE query through: whatever it is asked,
    it evaluates the query in ``leak``."""

    leak = ""

    def _query(self, sparql: str, bindings: Mapping[str, Bound], timeout: float | None = None) -> QueryResult:
        return super()._query(self.leak, bindings, timeout)


@needs_namespaces
def test_embedded_queries_run_without_network(listener: Listener) -> None:
    """Defence in depth: Store.query evaluates in an empty network namespace, so even a SERVICE
    query past the guard finds no network; a remote endpoint store keeps its network."""
    store = GuardMissed()
    store.leak = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?c }} }}"
    for timeout in (None, 5.0):
        with pytest.raises(QueryError, match="unreachable"):
            store.query("ASK { ?s ?p ?o }", policy=Policy(timeout=timeout))
    time.sleep(0.2)
    assert listener.connections == 0
    with pytest.raises(QueryError):  # with SERVICE allowed the engine is online: the listener sees it
        store.query("ASK { ?s ?p ?o }", policy=Policy(allow_service=True))
    time.sleep(0.2)
    assert listener.connections == 1


@needs_namespaces
def test_the_served_engine_has_no_route_out(served: tuple[str, Path], listener: Listener) -> None:
    """A SERVICE query sent straight to `serve`'s engine (as if the proxy had let it through) cannot
    reach a listener on this machine's loopback: the engine has a network namespace of its own."""
    _, store = served
    found = subprocess.run(["pgrep", "-a", "-f", f"serve-read-only --location {os.path.realpath(store)}"],
                           capture_output=True, text=True).stdout.split("\n")[0]
    pid, port = int(found.split()[0]), int(found.split("--bind 127.0.0.1:")[1].split()[0])
    assert Path(f"/proc/{pid}/ns/net").stat().st_ino != Path("/proc/self/ns/net").stat().st_ino
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2)  # not on this machine's loopback
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?c }} }}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.sock = sandbox.connect(port, 10, pid)
    connection.request("GET", "/query?" + urllib.parse.urlencode({"query": query}),
                       headers={"Accept": "application/sparql-results+json"})
    answer = connection.getresponse().read()
    connection.close()
    assert b"Connection refused" in answer, answer
    time.sleep(0.2)
    assert listener.connections == 0
