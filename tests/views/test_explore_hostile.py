"""Issue 21: labels, titles and quotes that look like markup are data on every page of ``figuregraph
explore``, in its search results, its network panel and its SPARQL editor's results: nothing runs,
nothing is injected (one explore process on the hostile records for the module)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from ..browsing import Watched, panel_point
from ..servers import Served, explore_server
from ..browsing import HOSTILE_LABEL, HOSTILE_QUOTE, HOSTILE_TITLE, hostile_graph

pw = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
SOUTH = "desertion-awol-cases-southern-md-2024-12"
INJECTED = """() => ({
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a => a.name.startsWith('on')))
              .map(el => el.outerHTML.slice(0, 80)),
  bold: document.querySelectorAll('b').length,
  images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
  scripts: [...document.querySelectorAll('script')]
              .filter(s => !(s.src && new URL(s.src).pathname.startsWith('/static/'))
              && s.type !== 'application/json').length,
})"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from ..conftest import GRAPH_DIR
    import shutil

    folder = tmp_path_factory.mktemp("explore-hostile")
    graph = folder / "graph"
    shutil.copytree(GRAPH_DIR, graph)
    hostile_graph(graph)
    with explore_server(folder, "--graph", str(graph)) as served:
        yield served


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("explore-hostile-screenshots")


def _nothing_ran(tab: Watched, app: Served) -> None:
    found = tab.js(INJECTED)
    assert found == {"handlers": [], "bold": 0, "images": [], "scripts": 0}, found
    assert not [u for u in tab.requests if urllib.parse.urlsplit(u).path in ("/x", "/x/")]  # <img src=x>
    tab.clean()


PAGES = {
    "home": ("/", [HOSTILE_TITLE]),
    "search-label": ("/search?" + urllib.parse.urlencode({"q": "img onerror"}), [HOSTILE_LABEL]),
    "search-title": ("/search?" + urllib.parse.urlencode({"q": "script alert"}), [HOSTILE_TITLE]),
    "search-quote": ("/search?" + urllib.parse.urlencode({"q": "onmouseover"}), [HOSTILE_QUOTE]),
    "figure": (f"/id/figure/{SOUTH}", [HOSTILE_LABEL, HOSTILE_TITLE, HOSTILE_QUOTE]),
    "source": ("/id/source/frontelligence-2025-desertions-loss-ratios", [HOSTILE_TITLE, HOSTILE_LABEL]),
    "actor": ("/id/actor/frontelligence-insight", [HOSTILE_LABEL, HOSTILE_TITLE]),
    "measure": ("/id/measure/desertion-awol-criminal-cases", [HOSTILE_LABEL]),
    "citation": ("/id/citation/euaa-2026-coi-russia-desertion/fn957", [HOSTILE_TITLE]),
    "not-found": ("/id/actor/" + urllib.parse.quote("frontelligence-insigh"), []),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_hostile_strings_are_text_on_every_page(app: Served, browser: Any, shots: Path, name: str) -> None:
    path, shown = PAGES[name]
    tab = Watched(browser, shots)
    tab.page.goto(app.url + path)
    if tab.page.locator("#panel").count():
        tab.page.wait_for_function("() => window.figuregraphPanel && window.figuregraphPanel.ready", timeout=30_000)
    text = tab.page.locator("main").inner_text()
    for hostile in shown:
        assert hostile in text, (name, hostile)
    if name == "figure":  # the panel's tooltip of the hostile reporter is text too
        node = "actor/frontelligence-insight"
        x, y = panel_point(tab, node)
        tab.page.mouse.move(x, y)
        tab.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        assert HOSTILE_LABEL in tab.js("() => document.querySelector('div.vis-tooltip').textContent")
        labels = tab.js("() => window.figuregraphPanel.nodes.get().map(n => n.label)")
        assert HOSTILE_LABEL in labels
        tab.page.mouse.click(x, y)  # an expansion brings more hostile data in
        tab.page.wait_for_function("(n) => window.figuregraphPanel.expanded.includes(n) "
                                   "&& window.figuregraphPanel.ready",
                                   arg=node, timeout=30_000)
    tab.shot(name)
    if name == "not-found":  # the page itself answers 404, which chromium reports on the console
        tab.errors = [e for e in tab.errors if "status of 404" not in e]
    _nothing_ran(tab, app)
    tab.close()


def test_hostile_strings_are_text_in_the_sparql_results(app: Served, browser: Any, shots: Path) -> None:
    tab = Watched(browser, shots)
    tab.page.goto(app.url + "/sparql")
    tab.page.wait_for_function("() => window.figuregraphSparql")
    tab.js("""() => window.figuregraphSparql.yasgui.getTab().getYasqe().setValue(
        'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
        + 'SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label')""")
    tab.page.click(".yasqe_queryButton")
    tab.page.wait_for_selector(".yasr .dataTable tbody tr", timeout=30_000)
    cells = tab.js("() => [...document.querySelectorAll('.yasr .dataTable tbody td')].map(td => td.textContent)")
    assert any(HOSTILE_LABEL in c for c in cells) and any(HOSTILE_TITLE in c for c in cells)
    tab.shot("sparql")
    _nothing_ran(tab, app)
    tab.close()


def test_a_hostile_text_to_check_and_the_hostile_graph_it_meets_stay_text(app: Served, browser: Any,
                                                                          shots: Path) -> None:
    """Markup in a pasted text, and the hostile labels of the graph's figures it is compared with, are
    shown as text on the Check a text page, and the textarea gives the text back as it was."""
    text = (f"{HOSTILE_TITLE} {HOSTILE_QUOTE} {HOSTILE_LABEL}\n\nAs of December 2024, there were nearly 22 580 "
            "desertion and AWOL criminal cases in the Southern military district, according to Frontelligence Insight.")
    tab = Watched(browser, shots)
    tab.page.goto(app.url + "/check")
    tab.page.fill("#check-text", text)
    tab.page.click("#check-form button[type=submit]")
    tab.page.wait_for_selector("#summary")
    assert tab.page.input_value("#check-text") == text
    checked = tab.page.locator(f"article.checked:has(a[href='/id/figure/{SOUTH}'])")
    assert checked.count() == 1  # compared with the graph's figure (whose reporter's name is hostile here)
    shown = tab.page.locator("main").inner_text()
    assert HOSTILE_LABEL in shown and HOSTILE_TITLE in shown  # the reporter's name, the analysis' title
    tab.shot("check")
    _nothing_ran(tab, app)
    tab.close()
