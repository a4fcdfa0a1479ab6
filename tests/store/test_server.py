"""`figuregraph serve`: a real read-only endpoint process on loopback, guarded and time-limited."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from collections.abc import Iterator

import pytest

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.store.library import QueryLibrary
from figuregraph.store.endpoint import EndpointStore

from ..servers import Served, figuregraph_server, request, seed_store
from ..expected import PARAMS


@pytest.fixture(scope="module")
def served(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = seed_store(seed, tmp_path_factory.mktemp("served") / "store")
    with figuregraph_server(store, timeout=2) as running:
        yield running


def ask(base: str) -> bool:
    status, _, body = request(f"{base}/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                              headers={"Accept": "application/sparql-results+json"})
    return status == 200 and json.loads(body)["boolean"] is True


def test_library_through_the_endpoint_matches_embedded(served, seed: BuiltGraph, library: QueryLibrary) -> None:
    remote = EndpointStore(query_url=f"{served[0]}/query")
    local = seed.oxigraph()
    for name in library.names():
        params = PARAMS.get(name, {})
        assert fg.run_query(remote, name, params, library).multiset() == \
            fg.run_query(local, name, params, library).multiset(), name


@pytest.mark.parametrize("accept, content_type, marker", [
    ("application/sparql-results+json", "application/sparql-results+json", b'"head"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    ("text/csv", "text/csv", b"figure\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?figure\n"),
])
def test_content_negotiation(served, accept: str, content_type: str, marker: bytes) -> None:
    query = "SELECT ?figure WHERE { ?figure a <https://w3id.org/figuregraph/ontology#Figure> } LIMIT 3"
    status, headers, body = request(f"{served[0]}/query?" + urllib.parse.urlencode({"query": query}),
                                    headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(content_type)
    assert marker in body


def test_construct_as_turtle(served) -> None:
    query = "CONSTRUCT WHERE { ?f <https://w3id.org/figuregraph/ontology#wording> ?w }"
    status, headers, body = request(f"{served[0]}/query", data=query.encode(), method="POST",
                                    headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert b"nearly 22 580" in body


def test_cors_for_browser_clients(served) -> None:
    status, headers, _ = request(f"{served[0]}/query", method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status in (200, 204)
    assert headers.get("access-control-allow-origin") in ("*", "http://example.org")


@pytest.mark.parametrize("method, path, body, content_type", [
    ("POST", "/update", b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", "application/sparql-update"),
    ("POST", "/update", b"update=DROP+ALL", "application/x-www-form-urlencoded"),
    ("PUT", "/store?default", b"<urn:x:a> <urn:x:b> <urn:x:c> .", "application/n-triples"),
    ("DELETE", "/store?default", b"", "text/plain"),
])
def test_writes_are_refused(served, seed: BuiltGraph, method: str, path: str, body: bytes,
                            content_type: str) -> None:
    status, _, text = request(f"{served[0]}{path}", data=body or None, method=method,
                              headers={"Content-Type": content_type})
    assert status == 403, text
    assert len(EndpointStore(query_url=f"{served[0]}/query")) == len(seed.graph)


def test_hostile_queries_are_refused_and_the_server_keeps_answering(served) -> None:
    base = served[0]
    deep = "SELECT * WHERE " + "{" * 10_000 + "?s ?p ?o" + "}" * 10_000
    status, _, body = request(f"{base}/query", data=deep.encode(), method="POST",
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested deeper" in body
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    status, _, body = request(f"{base}/query?" + urllib.parse.urlencode({"query": service}))
    assert status == 400 and b"SERVICE" in body
    assert ask(base)


def test_cartesian_product_hits_the_server_time_limit(served) -> None:
    base = served[0]
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, _, body = request(f"{base}/query", data=heavy.encode(), method="POST",
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 10
    assert ask(base)
    assert served[1].poll() is None


def test_sigterm_stops_server_and_engine(seed: BuiltGraph, tmp_path: Path) -> None:
    store = seed_store(seed, tmp_path / "store")
    with figuregraph_server(store) as running:
        assert ask(running.url)
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(15) == 0
        assert "server stopped" in running.log_text()
    engines = subprocess.run(["pgrep", "-f", f"serve-read-only --location {os.path.realpath(store)}"],
                             capture_output=True)
    assert engines.stdout == b""


def test_cli_queries_through_the_endpoint(served) -> None:
    from ..conftest import GRAPH_DIR
    from ..servers import FIGUREGRAPH
    args = ["query", "figures-about", "-p", "subject=southern-military-district", "--format", "json"]
    remote = subprocess.run([str(FIGUREGRAPH), *args, "--endpoint", f"{served[0]}/query"],
                            capture_output=True, text=True, timeout=60)
    local = subprocess.run([str(FIGUREGRAPH), *args, "-g", str(GRAPH_DIR)], capture_output=True, text=True,
                           timeout=60)
    assert remote.returncode == 0, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert json.loads(remote.stdout)[0]["wording"] == "nearly 22 580"
