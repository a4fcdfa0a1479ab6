"""Issue 21: ``figuregraph explore``, a real process on a free loopback port, driven by Debian's chromium
(one process and one browser for the module), and asked over HTTP for its data.

The journey: home -> search "Southern" -> the 22 580 figure's page shows Frontelligence Insight's
analysis as the primary source through footnotes 957 and 960, and the audit's total check ->
clicking the source node in the panel adds its neighbours -> the source page lists the figures it
backs -> the SPARQL editor runs the headline query and shows its rows. No request leaves 127.0.0.1,
no console error, a screenshot of each page in the test's output folder."""

from __future__ import annotations

import csv
import io
import json
import shutil
from email.message import Message
import urllib.parse
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef

import figuregraph as fg
from figuregraph.rdf.namespace import FG, iri, local_id
from figuregraph.store import Store

from ..browsing import Watched, nodes_outside, panel_point
from ..conftest import EUAA, EUAA_SEED, GRAPH_DIR, REPO
from ..servers import Served, explore_server, request

pw = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
SOUTH = "desertion-awol-cases-southern-md-2024-12"
ANALYSIS = "frontelligence-2025-desertions-loss-ratios"
ANALYSIS_LABEL = "Frontelligence Insight: Desertions and Loss Ratios (5 March 2025)"
CHECKS = REPO / "tests" / "fixtures" / "check"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The records with the EUAA report's text kept beside them (``graph/texts/<id>.txt``, as ingest
    keeps a document's text), which explore reads without being told."""
    folder = tmp_path_factory.mktemp("explore")
    graph = folder / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    (graph / "texts").mkdir()
    shutil.copy(EUAA_SEED, graph / "texts" / f"{EUAA}.txt")
    with explore_server(folder, "--graph", str(graph)) as served:
        yield served


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("explore-screenshots")


def get(url: str, accept: str | None = None, **headers: str) -> tuple[int, Message, bytes]:
    return request(url, headers={**({"Accept": accept} if accept else {}), **headers})


def post_form(url: str, fields: dict[str, str], file: tuple[str, bytes] | None = None,
              accept: str = "application/json", headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """A POST of the check page's form: multipart with ``file`` (name, bytes), else urlencoded."""
    if file is None:
        body, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    else:
        boundary = "figuregraph-test-boundary"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file[0]}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + file[1] + b"\r\n")
        body, kind = b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
    status, _, answer = request(url, data=body, headers={"Content-Type": kind, "Accept": accept, **(headers or {})},
                                timeout=120)
    return status, answer


def test_the_journey_from_a_search_to_the_sources_and_the_sparql_editor(app: Served, browser: Any, shots: Path,
                                                                         seed_store: Store) -> None:
    tab = Watched(browser, shots)
    page = tab.page
    page.goto(app.url + "/")
    assert page.locator("h1").inner_text() == "What the graph holds"
    assert page.locator("#counts td a", has_text="figure").count() == 1
    tab.shot("1-home")

    # search "Southern": the Southern district's figure is among the hits
    page.fill("form.search.big input[name=q]", "Southern")
    page.press("form.search.big input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Southern")
    hit = page.locator(f"li.hit[data-id='figure/{SOUTH}'] a")
    assert "nearly 22 580" in hit.inner_text()
    assert page.locator("#facets ul[data-facet=kind] li").count() >= 2
    tab.shot("2-search")
    hit.click()
    page.wait_for_url(f"**/id/figure/{SOUTH}")

    # the figure page: the analysis as primary source through footnotes 957 and 960, the total check
    for number in ("957", "960"):
        branch = page.locator(f"#evidence li[data-relation='fg:backedBy'][data-footnote='{number}']")
        assert branch.count() == 1
        assert branch.locator(f"a[href='/id/source/{ANALYSIS}']").inner_text() == ANALYSIS_LABEL
        assert branch.locator(".badge.primary").inner_text() == "primary source"
        assert page.locator(f"#footnotes tr[data-footnote='{number}'] a[href='/id/source/{ANALYSIS}']").count() == 1
    total = page.locator("#audit li.verdict[data-kind='part of']")
    assert "Total check" in total.inner_text() and "consistent" in total.inner_text()
    assert page.locator("#audit a[href='/id/figure/desertion-awol-cases-total-2024-12']").count() == 1
    assert page.locator("#credibility .grade").inner_text() == "2"
    assert page.locator("#reliability").inner_text().count("not assessed") == 3  # kept apart from credibility
    assert "nearly 22 580 cases out of a total of 50 500" in page.locator("#quote mark").inner_text()
    assert "Southern military district" in page.locator("#quote blockquote").inner_text()  # the sentence around it
    page.wait_for_function("() => window.figuregraphPanel && window.figuregraphPanel.ready", timeout=30_000)
    assert nodes_outside(tab, "figuregraphPanel") == []  # the panel fits its network
    tab.shot("3-figure")

    # the panel: the analysis is there; a click on it adds its links to its neighbours
    node = f"source/{ANALYSIS}"
    before = tab.js("() => window.figuregraphPanel.edges.getIds().sort()")
    assert node in tab.js("() => window.figuregraphPanel.nodes.getIds()")
    x, y = panel_point(tab, node)
    page.mouse.click(x, y)
    page.wait_for_function("(n) => window.figuregraphPanel.expanded.includes(n) && window.figuregraphPanel.ready",
                           arg=node, timeout=30_000)
    after = tab.js("() => window.figuregraphPanel.edges.getIds().sort()")
    added = sorted(set(after) - set(before))
    assert f"{node}|published by|actor/frontelligence-insight" in added
    assert f"source/{EUAA}|cites|{node}" in added
    status, _, body = get(app.url + f"/api/neighbours?id={node}")
    asked = json.loads(body)
    drawn = set(tab.js("() => window.figuregraphPanel.nodes.getIds()"))
    assert status == 200 and {n["id"] for n in asked["nodes"]} <= drawn
    tab.shot("4-panel-expanded")

    # a double-click opens its page: the figures it backs
    x, y = panel_point(tab, node)
    page.mouse.dblclick(x, y)
    page.wait_for_url(f"**/id/source/{ANALYSIS}")
    backed = sorted(a.get_attribute("href") for a in page.locator("#backs a[href^='/id/figure/']").all())
    rows = fg.run_query(seed_store, "figure-sources").dicts()
    expected = sorted({f"/id/figure/{local_id(r['figure'])}" for r in rows if local_id(r["source"]) == ANALYSIS})
    assert backed == expected and f"/id/figure/{SOUTH}" in backed
    tab.shot("5-source")

    # the SPARQL editor runs the headline query on /query and shows its rows
    page.click("header.top nav a[href='/sparql']")
    page.wait_for_function("() => window.figuregraphSparql")
    page.click("button.example[data-name='figure-sources']")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .dataTable tbody tr", timeout=30_000)
    shown = tab.js("() => document.querySelectorAll('.yasr .dataTable tbody tr').length")
    assert shown == len(rows) > 0  # every row of the query on the seed graph, none missing
    assert f"of {len(rows)} entries" in page.locator(".dataTables_info").inner_text()
    tab.shot("6-sparql")
    assert any(u == app.url + "/query" for u in tab.requests)

    # Check a text: a document uploaded, its figure's verdict with its reason and chains
    page.click("header.top nav a[href='/check']")
    page.set_input_files("#check-file", str(CHECKS / "corroborated-court-data.txt"))
    page.click("#check-form button[type=submit]")
    page.wait_for_selector("#summary")
    assert page.locator("#summary tr[data-verdict='corroborated'] td.number").inner_text() == "1"
    checked = page.locator("article.checked[data-number='1']")
    assert checked.get_attribute("data-verdict") == "corroborated"
    assert "OVD-Info" in checked.locator(".reason").first.inner_text()
    assert checked.locator("tr[data-figure='convictions-desertion-2024-03'] "
                           "a[href='/id/source/mediazona-military-court-desertion-data']").count() >= 1
    tab.shot("7-check")
    tab.clean()
    tab.close()


@pytest.mark.parametrize("path", ["/id/measure/desertion-awol-criminal-cases", "/id/actor/southern-military-district",
                                  "/id/place/russia", f"/id/citation/{EUAA}/fn957", f"/id/figure/{SOUTH}/period",
                                  "/search?kind=figure&period=2024"])
def test_every_kind_of_page_opens_cleanly(app: Served, browser: Any, shots: Path, path: str) -> None:
    tab = Watched(browser, shots)
    tab.page.goto(app.url + path)
    assert tab.page.locator("h1").count() == 1
    if tab.page.locator("#panel").count():
        tab.page.wait_for_function("() => window.figuregraphPanel && window.figuregraphPanel.ready", timeout=30_000)
    tab.shot("page-" + path.strip("/").replace("/", "-").replace("?", "-").replace("&", "-").replace("=", "-"))
    tab.clean()
    tab.close()


def _triples(data: bytes, fmt: str) -> Graph:
    graph = Graph()
    graph.parse(data=data, format=fmt)
    return graph


def test_id_dereferences_by_content_negotiation(app: Served) -> None:
    url = f"{app.url}/id/figure/{SOUTH}"
    status, headers, body = get(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "nearly 22 580" in body.decode() and headers["vary"] == "Accept"
    graphs = {}
    for accept, fmt, media in (("text/turtle", "turtle", "text/turtle"), ("application/ld+json", "json-ld",
                               "application/ld+json"), ("application/n-triples", "nt", "application/n-triples")):
        status, headers, body = get(url, accept)
        assert status == 200 and headers["content-type"].startswith(media), (accept, headers)
        graphs[fmt] = _triples(body, fmt)
    figure = iri("figure", SOUTH)
    assert (figure, FG.wording, Literal("nearly 22 580")) in graphs["turtle"]
    assert (URIRef(f"{figure}/period"), FG.periodPhrase, Literal("as of December 2024")) in graphs["turtle"]
    assert set(graphs["turtle"]) == set(graphs["json-ld"]) == set(graphs["nt"])
    status, headers, body = get(url + "?format=ttl")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert get(url, "image/png")[0] == 406


def test_an_unknown_id_is_a_404_with_did_you_mean(app: Served) -> None:
    wrong = "desertion-awol-cases-southern-2024-12"
    status, _, body = get(f"{app.url}/id/figure/{wrong}", "text/html")
    assert status == 404 and "Did you mean" in body.decode() and f"/id/figure/{SOUTH}" in body.decode()
    status, _, body = get(f"{app.url}/id/figure/{wrong}", "text/turtle")
    assert status == 404 and f"did you mean /id/figure/{SOUTH}" in body.decode()


def test_every_response_has_one_server_header_and_a_policy(app: Served) -> None:
    _, headers, _ = request(app.url + "/")
    assert len(headers.get_all("Server") or []) == 1
    assert headers["Server"].startswith("figuregraph/")
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "'unsafe-inline'" not in \
        policy.split("script-src")[1].split(";")[0]


def test_the_query_endpoint_is_read_only_and_guarded(app: Served, seed_store: Store) -> None:
    select = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    status, headers, body = get(f"{app.url}/query?query={select}")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(seed_store)
    service = urllib.parse.urlencode({"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})
    status, _, body = request(app.url + "/query", data=service.encode(),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and "SERVICE" in body.decode()
    status, _, _ = request(app.url + "/query", data=b"INSERT DATA { <a:b> <a:c> <a:d> }",
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    status, _, _ = request(app.url + "/query", data=b"query=ASK%7B%7D", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"})
    assert status == 403
    assert get(app.url + "/", Host="evil.example")[0] == 400  # DNS rebinding


def test_the_query_endpoint_answers_csv_when_asked_and_406_for_what_it_cannot(app: Served) -> None:
    """``Accept: text/csv`` gives SPARQL 1.1 CSV results (the JSON answer's values, CRLF rows, as
    ``serve``'s engines write them); a browser's Accept gets JSON; a format it cannot write is a 406."""
    select = urllib.parse.quote("PREFIX fg: <https://w3id.org/figuregraph/ontology#> SELECT ?figure ?wording "
                                "?number WHERE { ?figure a fg:Figure ; fg:wording ?wording "
                                "OPTIONAL { ?figure fg:backedBy/fg:citationNumber ?number } } ORDER BY ?figure ?number")
    url = f"{app.url}/query?query={select}"
    status, headers, body = get(url, "text/csv")
    _, as_json, data = get(url)
    assert status == 200 and headers["content-type"].startswith("text/csv"), body
    assert "Accept" in headers["vary"] and as_json["content-type"].startswith("application/sparql-results+json")
    assert body.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    bindings = json.loads(data)["results"]["bindings"]
    assert rows[0] == ["figure", "wording", "number"]
    assert rows[1:] == [[b.get(v, {}).get("value", "") for v in rows[0]] for b in bindings]
    assert len(rows) > 10 and any(r[2] == "" for r in rows[1:]) and any(r[2] for r in rows[1:])
    assert get(f"{app.url}/query?query={urllib.parse.quote('ASK {}')}", "text/csv")[2] == b"true"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert get(url, browser)[1]["content-type"].startswith("application/sparql-results+json")
    status, _, body = get(url, "application/sparql-results+xml")
    assert status == 406 and b"text/csv" in body and b"application/sparql-results+json" in body


def test_an_expand_is_at_most_the_neighbours_the_store_has(app: Served, seed_store: Store) -> None:
    status, _, body = get(app.url + "/api/neighbours?id=actor/frontelligence-insight")
    data = json.loads(body)
    ids = {n["id"] for n in data["nodes"]}
    assert status == 200 and "actor/frontelligence-insight" in ids
    reported = {f"figure/{local_id(r['figure'])}" for r in
                fg.run_query(seed_store, "figures-by-reporter", {"actor": "frontelligence-insight"}).dicts()}
    assert reported <= ids
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert get(app.url + "/api/neighbours?id=figure/nope")[0] == 404


def test_a_query_sent_to_query_keeps_its_time_limit(tmp_path: Path) -> None:
    """The pages' own queries run without the time limit's thread; what a user sends to /query is still
    stopped at --timeout, and the app answers on."""
    with explore_server(tmp_path, "--graph", str(GRAPH_DIR), "--timeout", "1") as served:
        endless = urllib.parse.quote("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        status, _, body = get(f"{served.url}/query?query={endless}")  # the client gives up after 30 s
        assert status == 400 and "time limit" in body.decode()
        assert get(f"{served.url}/id/figure/{SOUTH}")[0] == 200


@pytest.mark.parametrize("fixture", sorted(p.name for p in CHECKS.glob("*.txt")))
def test_checking_a_text_gives_what_the_cli_gives(app: Served, fixture: str) -> None:
    """The page's result is the CLI's, uploaded or pasted: its JSON form equals `check --format json`."""
    from typer.testing import CliRunner

    from figuregraph.cli import app as cli

    path = CHECKS / fixture
    ran = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--graph", str(GRAPH_DIR)])
    assert ran.exit_code == 0, ran.output
    expected = json.loads(ran.stdout)
    status, body = post_form(app.url + "/check", {}, (fixture, path.read_bytes()))
    assert status == 200 and json.loads(body) == expected
    status, body = post_form(app.url + "/check", {"text": path.read_text(encoding="utf-8")})
    assert status == 200 and json.loads(body) == expected
    status, page = post_form(app.url + "/check", {}, (fixture, path.read_bytes()), accept="text/html")
    shown = page.decode()
    assert status == 200 and all(f'data-verdict="{f["verdict"]}"' in shown for f in expected["figures"])


def test_checking_refuses_what_it_cannot_read_with_a_message(app: Served) -> None:
    url = app.url + "/check"
    status, body = post_form(url, {}, ("noise.bin", bytes(range(256)) * 8))
    assert status == 400 and "binary" in json.loads(body)["error"] and "noise.bin" in json.loads(body)["error"]
    assert post_form(url, {"text": "  "})[0] == 400
    status, body = post_form(url, {"text": "Over 50 000 deserted in 2024.", "date": "2024-13-45"})
    assert status == 400 and "not a day" in json.loads(body)["error"]
    status, page = post_form(url, {"text": ""}, accept="text/html")
    assert status == 400 and b'id="check-error"' in page and b"paste a text or choose a file" in page
    assert request(url, data=b"x", method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(10**12),
        "Accept": "application/json"})[0] == 413
    assert post_form(url, {"text": "x"}, headers={"Origin": "http://evil.example"})[0] == 403
    assert post_form(url, {"text": "x"}, accept="application/json", headers={"Content-Type": "text/plain"})[0] == 400
