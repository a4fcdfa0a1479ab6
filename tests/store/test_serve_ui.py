"""Issue 21, item 5: the page ``figuregraph serve`` shows a browser runs its queries against ``/query``
(the engines' own page sent them to ``/sparql``, refused), works offline, and its service
description names the public address and no federation the proxy refuses."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterator

import pytest
from rdflib import Graph, Namespace, URIRef

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.store.serve.ui import description

from ..browsing import Watched, launch
from ..servers import Served, figuregraph_server, request, seed_store

pw = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def served(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = seed_store(seed, tmp_path_factory.mktemp("served-ui") / "store")
    with figuregraph_server(store, 30) as running:
        yield running


def test_the_browser_page_runs_the_headline_query_on_query(served: Served, seed: BuiltGraph,
                                                           tmp_path: Path) -> None:
    with pw.sync_playwright() as p:
        browser = launch(p)
        tab = Watched(browser, tmp_path)
        tab.page.goto(served.url + "/")
        tab.page.wait_for_function("() => window.figuregraphSparql")
        tab.page.click("button.example[data-name='figure-sources']")
        tab.page.click(".yasqe_queryButton")
        tab.page.wait_for_selector(".yasr .dataTable tbody tr", timeout=30_000)
        rows = tab.js("() => document.querySelectorAll('.yasr .dataTable tbody tr').length")
        assert rows == len(fg.run_query(seed.oxigraph(), "figure-sources").rows) == 21
        tab.shot("serve-page")
        assert served.url + "/query" in tab.requests and not [u for u in tab.requests if u.endswith("/sparql")]
        tab.clean()
        tab.close()
        browser.close()


def test_one_server_header_and_the_page_policy(served: Served) -> None:
    _, headers, _ = request(served.url + "/")
    assert len(headers.get_all("Server") or []) == 1
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, _ = request(served.url + "/static/yasgui/yasgui.min.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert request(served.url + "/static/%2e%2e/editor.py")[0] == 404


def test_the_service_description_names_the_public_address_and_no_refused_federation(served: Served) -> None:
    status, headers, body = request(served.url + "/query", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert set(graph.objects(None, SD.endpoint)) == {URIRef(served.url + "/query")}
    assert SD.BasicFederatedQuery not in set(graph.objects(None, SD.feature))
    public = request(served.url + "/query", headers={"Accept": "text/turtle", "Host": "data.example.org:8080"})[2]
    named = set(Graph().parse(data=public, format="turtle").objects(None, SD.endpoint))
    assert named == {URIRef("http://data.example.org:8080/query")}
    allowed = Graph().parse(data=description("http://x.example/query", True, "text/turtle"), format="turtle")
    assert SD.BasicFederatedQuery in set(allowed.objects(None, SD.feature))


def test_the_editors_examples_declare_one_prefix_a_line(served: Served) -> None:
    """The library runs its queries with the prefixes on one line before them (so that messages give
    the file's own line numbers); the examples a reader edits have them one a line, then the file."""
    import json
    import re

    status, _, page = request(served.url + "/")
    found = re.search(r'<script type="application/json" id="examples-data">(.*?)</script>', page.decode(), re.S)
    assert status == 200 and found
    examples = {e["name"]: e["text"] for e in json.loads(found[1])}
    lines = examples["figure-sources"].splitlines()
    assert lines[0] == "PREFIX fg: <https://w3id.org/figuregraph/ontology#>"
    assert all(line.startswith("PREFIX ") and line.endswith(">") for line in lines[:5])
    assert next(line for line in lines if not line.startswith("PREFIX ")).startswith("#+ summary: The headline")
