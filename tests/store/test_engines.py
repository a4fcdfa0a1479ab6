"""Remote engines as backends: Virtuoso's authenticated Graph Store endpoint, credentials from the
environment or ~/.netrc (never shown in a message), the request forms each engine answers, a row limit,
and the audit graph on an endpoint (pushed, or computed from the endpoint's data).

Everything written to the session's Virtuoso is the seed graph and its audit graph, as the differential
test (test_stores.py) loads it, so the order of the tests does not matter."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest
from rdflib import URIRef

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.errors import QueryError, UsageError
from figuregraph.store import OxigraphStore, QueryResult
from figuregraph.store import endpoint
from figuregraph.store.auth import PASSWORD_VARIABLE, USER_VARIABLE, Credentials, _Challenged, credentials_for
from figuregraph.store.endpoint import GET_LIMIT, EndpointStore, Form, prepare
from figuregraph.store.library import QueryLibrary, bind_params

from ..conftest import GRAPH_DIR, REPO
from ..servers import FIGUREGRAPH, Virtuoso, oxigraph_server
from ..expected import PARAMS

WRONG = "wrong-Zq8xVb3"


def cli_env(home: Path, **variables: str) -> dict[str, str]:
    """The environment of a CLI run: no credentials but those given, and a home of its own (its ~/.netrc)."""
    env = {k: v for k, v in os.environ.items() if k not in (USER_VARIABLE, PASSWORD_VARIABLE)}
    return {**env, "HOME": str(home), **variables}


def cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FIGUREGRAPH), *args], capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


def push_args(url: str) -> list[str]:
    return ["push", "--audit", "-g", str(GRAPH_DIR), "--endpoint", url]


# --- pushing with authentication ---------------------------------------------------------------------

def test_push_audit_with_digest_authentication_to_virtuoso(virtuoso: Virtuoso, seed: BuiltGraph,
                                                           tmp_path: Path) -> None:
    run = cli(push_args(virtuoso.graph_store),
              cli_env(tmp_path, **{USER_VARIABLE: virtuoso.user, PASSWORD_VARIABLE: virtuoso.password}))
    assert run.returncode == 0, run.stderr
    assert "pushed 17 graphs" in run.stderr and virtuoso.password not in run.stdout + run.stderr
    # the audit graph is on the endpoint: --audit queries it there, and gives what a local audit gives
    remote = EndpointStore(query_url=virtuoso.sparql)
    assert fg.with_audit(remote) is remote
    there = cli(["query", "audit/credibility", "--audit", "--endpoint", virtuoso.sparql, "-f", "json"],
                cli_env(tmp_path))
    assert there.returncode == 0, there.stderr
    assert credibility(json.loads(there.stdout)) == credibility(fg.run_query(fg.with_audit(seed), "audit/credibility"))


def credibility(rows: list[dict[str, object]] | QueryResult) -> dict[str, str]:
    """Each figure's grade, from the CLI's JSON or from the Python API's rows."""
    dicts = rows.dicts() if isinstance(rows, QueryResult) else rows
    graded = {str(r["figure"]): str(r["credibility"]) for r in dicts}
    assert graded
    return graded


def test_push_with_netrc_credentials(virtuoso: Virtuoso, tmp_path: Path) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {virtuoso.user} password {virtuoso.password}\n", encoding="utf-8")
    netrc.chmod(0o600)
    run = cli(push_args(virtuoso.graph_store), cli_env(tmp_path))
    assert run.returncode == 0, run.stderr
    netrc.chmod(0o644)  # others may read it: refused, as netrc itself refuses it
    loose = cli(push_args(virtuoso.graph_store), cli_env(tmp_path))
    assert loose.returncode == 2 and "access too permissive" in loose.stderr
    assert virtuoso.password not in loose.stdout + loose.stderr


def test_a_wrong_password_is_refused_without_showing_it(virtuoso: Virtuoso, tmp_path: Path) -> None:
    run = cli(push_args(virtuoso.graph_store), cli_env(tmp_path, **{USER_VARIABLE: virtuoso.user,
                                                                   PASSWORD_VARIABLE: WRONG}))
    assert run.returncode == 2
    assert f"refused the password of user '{virtuoso.user}' from the environment (HTTP 401, Digest)" in run.stderr
    assert WRONG not in run.stdout + run.stderr and virtuoso.password not in run.stdout + run.stderr
    store = EndpointStore(graph_store_url=virtuoso.graph_store, credentials=Credentials(virtuoso.user, WRONG))
    with pytest.raises(QueryError) as err:
        store.put_graph("https://w3id.org/figuregraph/id/graph/audit", b"")
    assert WRONG not in str(err.value) and WRONG not in repr(store.credentials)


def test_digest_credentials_go_up_front_once_challenged(virtuoso: Virtuoso, seed: BuiltGraph,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """One challenge for a whole push: each upload after it carries the credentials from the start, so a
    long body is never refused unread (which breaks the connection: Virtuoso resets it past a few MB)."""
    challenges: list[str] = []
    answer = _Challenged.http_error_401

    def counted(self: _Challenged, req: urllib.request.Request, *rest: Any) -> object:
        challenges.append(req.get_method())
        return answer(self, req, *rest)

    monkeypatch.setattr(_Challenged, "http_error_401", counted)
    store = EndpointStore(graph_store_url=virtuoso.graph_store,
                          credentials=Credentials(virtuoso.user, virtuoso.password))
    assert store.push(fg.with_audit(seed)) == 17 and challenges == ["GET"]


def test_a_long_upload_without_credentials_gets_the_401_not_a_reset(virtuoso: Virtuoso, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    body = b"<urn:x:s> <urn:x:p> \"%s\" .\n" % (b"x" * 8_000_000)
    with pytest.raises(QueryError, match="asks for a user and password"):
        EndpointStore(graph_store_url=virtuoso.graph_store).put_graph("urn:x:long", body)


def test_the_unauthenticated_graph_store_needs_a_grant(virtuoso: Virtuoso) -> None:
    """Virtuoso's /sparql-graph-crud writes as the anonymous user, who may not: the message names the grant."""
    store = EndpointStore(graph_store_url=f"{virtuoso.url}/sparql-graph-crud")
    with pytest.raises(QueryError,
                       match=r"HTTP 403 Forbidden: .*Permission denied .*grant the writing user SPARQL_UPDATE"):
        store.put_graph("https://w3id.org/figuregraph/id/graph/access-check", b"")


def test_no_credentials_says_where_to_set_them(virtuoso: Virtuoso, tmp_path: Path) -> None:
    run = cli(push_args(virtuoso.graph_store), cli_env(tmp_path))
    assert run.returncode == 2
    assert "asks for a user and password (HTTP 401, Digest)" in run.stderr
    assert USER_VARIABLE in run.stderr and "~/.netrc" in run.stderr


def test_credentials_in_the_url_are_refused_and_not_shown(virtuoso: Virtuoso, tmp_path: Path) -> None:
    host = virtuoso.graph_store.removeprefix("http://")
    run = cli(push_args(f"http://{virtuoso.user}:{WRONG}@{host}"), cli_env(tmp_path))
    assert run.returncode == 2 and "with a user name or password in it" in run.stderr
    assert WRONG not in run.stdout + run.stderr and f"http://{host}" in run.stderr.replace("\n", "")
    with pytest.raises(UsageError) as err:
        EndpointStore(query_url=f"ftp://someone:{WRONG}@example.org/sparql")
    assert WRONG not in str(err.value)


def test_credentials_from_the_environment_and_netrc(tmp_path: Path) -> None:
    url = "http://127.0.0.1:1/sparql"
    assert credentials_for(url, {USER_VARIABLE: "u", PASSWORD_VARIABLE: "p"}) == Credentials("u", "p")
    with pytest.raises(UsageError, match=f"{PASSWORD_VARIABLE} is not set"):
        credentials_for(url, {USER_VARIABLE: "u"})
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login u password p-1\nmachine example.org login v password p-2\n")
    assert credentials_for(url, {}, netrc) == Credentials("u", "p-1", str(netrc))
    assert credentials_for("http://elsewhere.org/sparql", {}, netrc) is None
    assert credentials_for(url, {}, tmp_path / "absent") is None
    netrc.write_text(f"machine 127.0.0.1 login u password p-1 {WRONG}\n")
    with pytest.raises(UsageError, match=r"line \d+: it is malformed") as err:
        credentials_for(url, {}, netrc)
    assert WRONG not in str(err.value)


class BasicAuthEndpoint(ThreadingHTTPServer):
    """A loopback endpoint that asks for Basic authentication, and records the Authorization headers."""

    def __init__(self, user: str, password: str) -> None:
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.seen: list[str | None] = []
        super().__init__(("127.0.0.1", 0), BasicAuthHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class BasicAuthHandler(BaseHTTPRequestHandler):
    server: BasicAuthEndpoint

    def _answer(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(self.headers.get("Authorization"))
        return self.headers.get("Authorization") == self.server.expected

    def do_GET(self) -> None:
        self._answer(200, b'{"boolean": true}') if self._authorised() else self._answer(401)

    def do_PUT(self) -> None:
        self._answer(201) if self._authorised() else self._answer(401)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def basic_endpoint() -> Iterator[BasicAuthEndpoint]:
    server = BasicAuthEndpoint("reader", "right-password")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_basic_authentication_once_asked(basic_endpoint: BasicAuthEndpoint) -> None:
    good = EndpointStore(query_url=f"{basic_endpoint.url}/sparql", graph_store_url=f"{basic_endpoint.url}/store",
                         credentials=Credentials("reader", "right-password"))
    assert good.query("ASK { ?s ?p ?o }").rows[0][0].toPython() is True  # type: ignore[union-attr]
    good.put_graph("urn:x:g", iter([b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"]))
    good.put_graph("urn:x:h", b"<urn:x:s> <urn:x:p> <urn:x:o> .\n")
    # the query: asked, answered; the uploads: a read that is asked and answered, then the credentials up front
    expected = basic_endpoint.expected
    assert basic_endpoint.seen == [None, expected, None, expected, expected, expected]
    bad = EndpointStore(graph_store_url=f"{basic_endpoint.url}/store", credentials=Credentials("reader", WRONG))
    with pytest.raises(QueryError, match=r"refused the password of user 'reader' .*HTTP 401, Basic") as err:
        bad.put_graph("urn:x:g", b"")
    assert WRONG not in str(err.value)


# --- request forms, row limits --------------------------------------------------------------------------

LONG_ASK = "# " + "x" * GET_LIMIT + "\nASK { ?s ?p ?o }"


def test_parameters_close_the_where_group() -> None:
    """Inside the WHERE group, after its last pattern: where every engine parses them, and past the
    braces of a projection's EXISTS and of strings."""
    text, ask = prepare('SELECT ?x (EXISTS { ?x ?p ?o } AS ?e) WHERE { ?x ?p "}" } ORDER BY ?x',
                        {"x": URIRef("urn:x:a")})
    assert text == 'SELECT ?x (EXISTS { ?x ?p ?o } AS ?e) WHERE { ?x ?p "}"  VALUES (?x) { (<urn:x:a>) } } ORDER BY ?x'
    assert not ask
    assert prepare("ASK { ?node ?p ?o }", {"node": URIRef("urn:x:n")}) == (
        "ASK { ?node ?p ?o  VALUES (?node) { (<urn:x:n>) } }", True)


def test_every_library_query_goes_by_get(library: QueryLibrary, seed: BuiltGraph) -> None:
    """As the README says: with its parameters bound, each library query's URL is under GET_LIMIT."""
    store = EndpointStore(query_url="http://127.0.0.1:8890/sparql")
    local = fg.open_store(seed)
    for name, query in library.queries.items():
        bindings = bind_params(query, PARAMS.get(name, {}), local.exists)
        assert len(store._get_url(prepare(query.text, bindings)[0])) <= GET_LIMIT, name


def test_virtuoso_gets_form_posts_where_a_direct_post_would_hang(virtuoso: Virtuoso,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso 7.2 never answers a direct POST (openlink/virtuoso-opensource#842): the probe finds that
    out once, and long queries go as form POSTs; short ones go by GET."""
    endpoint._ANSWERED.pop(virtuoso.sparql, None)
    probes: list[Form] = []
    probe = EndpointStore._answers

    def counted(self: EndpointStore, form: Form) -> bool:
        probes.append(form)
        return probe(self, form)

    monkeypatch.setattr(EndpointStore, "_answers", counted)
    store = EndpointStore(query_url=virtuoso.sparql)
    assert store.request_form("ASK { ?s ?p ?o }") is Form.GET and probes == []
    assert store.request_form(LONG_ASK) is Form.FORM and probes == [Form.DIRECT]
    assert store.query(LONG_ASK).rows[0][0].toPython() is True  # type: ignore[union-attr]
    assert EndpointStore(query_url=virtuoso.sparql).request_form(LONG_ASK) is Form.FORM and probes == [Form.DIRECT]


def test_oxigraph_server_takes_direct_posts(seed: BuiltGraph, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "server") as base:
        store = EndpointStore(query_url=f"{base}/query")
        assert store.request_form(LONG_ASK) is Form.DIRECT
        assert store.query(LONG_ASK).rows[0][0].toPython() is False  # type: ignore[union-attr]


def test_an_answer_at_virtuosos_row_limit_is_refused(virtuoso: Virtuoso) -> None:
    """Virtuoso cuts an answer at ResultSetMaxRows (5000 here) and says so in a header: an error, not rows."""
    store = EndpointStore(query_url=virtuoso.sparql)
    store.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 10")
    with pytest.raises(QueryError, match=r"reached the endpoint's row limit of 5000 rows.*ResultSetMaxRows"):
        store.query("SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?r } LIMIT 6000")


# --- the audit graph of an endpoint's data ----------------------------------------------------------------

def test_query_audit_on_an_endpoint_without_an_audit_graph(seed: BuiltGraph, tmp_path: Path) -> None:
    """The endpoint holds only the records' graphs: the audit is computed from its data."""
    with oxigraph_server(tmp_path / "server") as base:
        EndpointStore(graph_store_url=f"{base}/store").push(seed.oxigraph())
        remote = EndpointStore(query_url=f"{base}/query?union-default-graph")
        audited = fg.with_audit(remote)
        assert isinstance(audited, OxigraphStore)
        there = cli(["query", "audit/credibility", "--audit", "--endpoint", remote.query_url or "", "-f", "json"],
                    cli_env(tmp_path))
    assert there.returncode == 0, there.stderr
    here = fg.run_query(fg.with_audit(seed), "audit/credibility")
    assert credibility(json.loads(there.stdout)) == credibility(here)
    assert (fg.run_query(audited, "audit/totals").multiset()
            == fg.run_query(fg.with_audit(seed), "audit/totals").multiset())
