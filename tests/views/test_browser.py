"""Issue 4: each view's page in a real headless browser (Debian's chromium through Playwright).

The page is opened from a file: it must load without errors, send no request anywhere,
render the view's nodes and edges, show the legend, find a node by its label, highlight a
figure's chain on click and stop its physics. Hostile labels must stay text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.views import View, view_of
from figuregraph.views.html import READABLE, STYLES, write
from figuregraph.views.layers import shortened
from figuregraph.views.project import project
from figuregraph.views.network import backing

import figuregraph as fg

from ..browsing import HOSTILE_LABEL, HOSTILE_QUOTE, hostile_graph, nodes_outside
from ..conftest import EUAA

pw = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
SOUTH = "desertion-awol-cases-southern-md-2024-12"


class Opened:
    """A page opened from a file, with everything it tried to do recorded."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int] | None = None) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 720})
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dismiss)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.figuregraph && window.figuregraph.stable", timeout=60_000,
                                    polling=100)

    def _dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def point_of(self, node: str) -> tuple[float, float]:
        """Zoom onto a node and return where it is on the page, for the mouse."""
        self.js(f"window.figuregraph.network.focus({node!r}, {{scale: 1.5, animation: false}})")
        x, y = self.js(f"(() => {{ const p = window.figuregraph.network.getPositions([{node!r}])[{node!r}]; "
                       "const d = window.figuregraph.network.canvasToDOM(p); "
                       "const r = document.getElementById('network').getBoundingClientRect(); "
                       "return [d.x + r.left, d.y + r.top]; })()")
        return x, y


def _views(seed: BuiltGraph) -> dict[str, View]:
    store = seed.oxigraph()
    return {
        "whole": view_of(store),
        "figure": view_of(store, figure_id=SOUTH),
        "actor": view_of(store, actor="mediazona", depth=2),
        "source": view_of(store, source=EUAA, depth=1),
    }


@pytest.mark.parametrize("name", ["whole", "figure", "actor", "source"])
def test_each_view_renders_offline_with_legend_and_search(browser: object, seed: BuiltGraph, tmp_path: Path,
                                                          name: str) -> None:
    view = _views(seed)[name]
    target = tmp_path / f"{name}.html"
    write(view, target)
    opened = Opened(browser, target)
    assert opened.errors == []
    assert opened.requests == [opened.url]  # the page itself and nothing else
    assert not list(tmp_path.glob("lib")) and not Path("lib").exists()
    counts = opened.js("[window.figuregraph.network.body.nodeIndices.length, "
                       "window.figuregraph.network.body.edgeIndices.length]")
    assert counts == [view.graph.number_of_nodes(), view.graph.number_of_edges()]
    assert opened.js("document.getElementById('heading').textContent") == view.title
    assert opened.js("document.title").startswith(view.title)
    legend = opened.js("Array.from(document.querySelectorAll('#legend li')).map(li => li.dataset.kind)")
    assert legend == list(STYLES)
    assert opened.js("window.figuregraph.network.physics.physicsEnabled") is False  # stabilised, then stopped
    # search by label: type it, press Enter, the node is selected
    ident, attrs = sorted(view.graph.nodes(data=True))[-1]
    opened.page.fill("#search", attrs["label"])
    opened.page.press("#search", "Enter")
    assert opened.js("window.figuregraph.network.getSelectedNodes()") == [ident]
    opened.page.screenshot(path=str(tmp_path / f"{name}.png"))
    assert (tmp_path / f"{name}.png").stat().st_size > 5_000


def test_clicking_a_figure_highlights_its_chain_and_filters_hide_types(browser: object, seed: BuiltGraph,
                                                                       tmp_path: Path) -> None:
    view = _views(seed)["whole"]
    target = tmp_path / "whole.html"
    write(view, target)
    opened = Opened(browser, target)
    node = f"figure/{SOUTH}"
    x, y = opened.point_of(node)
    opened.page.mouse.click(x, y)
    expected = sorted(backing(project(seed.oxigraph()), node))
    assert opened.js("window.figuregraph.selected") == node
    assert opened.js("window.figuregraph.highlighted") == expected
    citations = sum(1 for _, d in view.graph.nodes(data=True) if d["kind"] == "citation")
    opened.page.uncheck("#filters input[data-kind=citation]")
    assert opened.js("window.figuregraph.network.body.nodeIndices.length") == view.graph.number_of_nodes() - citations
    assert opened.errors == []


def test_hostile_labels_titles_and_quotes_stay_text(browser: object, graph_copy: Path, tmp_path: Path) -> None:
    store = fg.open_store(fg.build(hostile_graph(graph_copy)))
    for name, view in {"actor": view_of(store, actor="frontelligence-insight", depth=2),
                       "figure": view_of(store, figure_id=SOUTH)}.items():
        target = tmp_path / f"{name}.html"
        write(view, target)
        opened = Opened(browser, target)
        assert opened.dialogs == [] and opened.errors == []
        assert opened.requests == [opened.url]  # the <img src=x> never became a request
        assert opened.js("document.querySelectorAll('img, b').length") == 0
        assert opened.js("document.querySelectorAll('script').length") == 2
        labels = opened.js("window.figuregraph.nodes.get().map(n => n.label)")
        assert HOSTILE_LABEL in labels
        if name == "actor":
            assert opened.js("document.getElementById('heading').textContent") == view.title
            assert HOSTILE_LABEL in view.title
        # the search menu and a tooltip show the strings as text
        options = opened.js("Array.from(document.querySelectorAll('#labels option')).map(o => o.value)")
        assert HOSTILE_LABEL in options
        node = f"figure/{SOUTH}"
        x, y = opened.point_of(node)
        opened.page.mouse.move(x, y)
        opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tooltip = opened.js("document.querySelector('div.vis-tooltip').textContent")
        assert HOSTILE_QUOTE in tooltip
        # vis-network shows line breaks as <br>; nothing else in the tooltip is an element
        assert opened.js("Array.from(document.querySelector('div.vis-tooltip').children)"
                         ".every(c => c.tagName === 'BR')") is True
        assert opened.dialogs == [] and opened.js("document.querySelectorAll('img, b').length") == 0


def test_the_page_opens_laid_out_with_the_labels_that_matter_readable(browser: object, seed: BuiltGraph,
                                                                     tmp_path: Path) -> None:
    """Issue 21: positions computed in Python, no physics in the page, figures' and sources' labels
    large enough to read at the default zoom, node sizes by how much rests on them."""
    from figuregraph.views.html import resting
    from figuregraph.views.layout import positions

    view = _views(seed)["whole"]
    target = tmp_path / "whole.html"
    write(view, target)
    opened = Opened(browser, target)
    assert opened.js("window.figuregraph.network.physics.options.enabled") is False
    placed = opened.js("window.figuregraph.network.getPositions()")
    expected = positions(view.graph)
    assert set(placed) == set(expected)
    assert all(abs(placed[n]["x"] - x) <= 1 and abs(placed[n]["y"] - y) <= 1
               for n, (x, y) in expected.items())  # vis-network gives whole pixels
    scale = opened.js("window.figuregraph.network.getScale()")
    fonts = opened.js("Object.fromEntries(window.figuregraph.nodes.get().map(n => [n.id, [n.kind, n.font.size]]))")
    read = ("figure", "statement", "source", "actor")
    readable = [n for n, (kind, size) in fonts.items() if kind in read and size * scale >= READABLE]
    assert len(readable) == sum(1 for _, d in view.graph.nodes(data=True) if d["kind"] in read)
    values = opened.js("Object.fromEntries(window.figuregraph.nodes.get().map(n => [n.id, n.value]))")
    rests = resting(view.graph)
    assert values == {n: max(1, r) for n, r in rests.items()}
    sources = {n: r for n, r in rests.items() if n.startswith("source/")}
    assert max(sources, key=sources.__getitem__) == f"source/{EUAA}"
    opened.page.screenshot(path=str(tmp_path / "whole-default-zoom.png"))
    assert opened.errors == []


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_whole_graph_opens_whole_with_its_labels_readable(browser: Any, seed: BuiltGraph, tmp_path: Path,
                                                              size: tuple[int, int]) -> None:
    """A new user's first look: at a laptop's and a desktop's window size, every node's box (label
    included) lies inside the canvas, and the labels of claims, sources and actors are at least
    ``READABLE`` pixels high on screen; a label that would be smaller is not drawn at all."""
    view = _views(seed)["whole"]
    target = tmp_path / "whole.html"
    write(view, target)
    width, height = size
    opened = Opened(browser, target, {"width": width, "height": height})
    assert nodes_outside(opened, "figuregraph") == []  # type: ignore[arg-type]
    scale = opened.js("window.figuregraph.network.getScale()")
    shown = opened.js("window.figuregraph.nodes.get().filter(n => ['figure', 'statement', 'source', 'actor']"
                      ".includes(n.kind)).map(n => n.font.size)")
    assert len(shown) == sum(1 for _, d in view.graph.nodes(data=True)
                             if d["kind"] in ("figure", "statement", "source", "actor"))
    assert min(shown) * scale >= READABLE
    threshold = opened.js("window.figuregraph.network.body.nodes[Object.keys(window.figuregraph.network.body.nodes)[0]]"
                          ".options.scaling.label.drawThreshold")
    assert threshold == READABLE  # vis-network fades out a label under this size and leaves out one a pixel under
    # a long label is drawn shortened, and found by its full text
    ident, label = max(((n, str(d["label"])) for n, d in view.graph.nodes(data=True)), key=lambda item: len(item[1]))
    assert opened.js("(id) => window.figuregraph.nodes.get(id).label", ident) == shortened(label) != label
    assert opened.js("(text) => window.figuregraph.find(text)", label) == ident
    opened.page.screenshot(path=str(tmp_path / f"whole-{width}x{height}.png"))
    assert opened.errors == []
