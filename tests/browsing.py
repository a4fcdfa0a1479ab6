"""Debian's chromium through Playwright, for the app's browser tests: every request routed and any
that leaves 127.0.0.1 refused and recorded, console errors, page errors and dialogs recorded, and a
screenshot of each page kept in the test's output folder."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from .conftest import EUAA

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright: Any) -> Any:
    """The browser: Debian's chromium, never one Playwright downloads."""
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=executable, args=ARGS)


class Watched:
    """One tab whose every request, console message, error and dialog is recorded."""

    def __init__(self, browser: Any, shots: Path) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.shots = shots
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", self._dismiss)

    def _dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000
        return path

    def clean(self) -> None:
        """Nothing went wrong and nothing left this machine."""
        assert self.foreign == [], f"requests that left 127.0.0.1: {self.foreign}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs

    def close(self) -> None:
        self.context.close()


def panel_point(tab: Watched, node: str) -> tuple[float, float]:
    """Where a node of the network panel is on the page, for the mouse."""
    tab.page.locator("#panel").scroll_into_view_if_needed()
    return tuple(tab.js("""(node) => {
        const net = window.figuregraphPanel.network;
        net.focus(node, {scale: 1.0, animation: false});
        const p = net.getPositions([node])[node];
        const d = net.canvasToDOM(p);
        const r = document.getElementById('panel').getBoundingClientRect();
        return [d.x + r.left, d.y + r.top];
    }""", node))


def nodes_outside(tab: Watched, state: str) -> list[str]:
    """The nodes of a page's vis-network (``window[state].network``) whose box, label included, is not
    wholly inside its canvas as it is drawn."""
    return tab.js("""(state) => {
        const net = window[state].network;
        const canvas = net.body.container.getBoundingClientRect();
        return net.body.data.nodes.getIds().filter((id) => {
            const box = net.getBoundingBox(id);
            const a = net.canvasToDOM({x: box.left, y: box.top}), b = net.canvasToDOM({x: box.right, y: box.bottom});
            return a.x < 0 || a.y < 0 || b.x > canvas.width || b.y > canvas.height;
        });
    }""", state)


HOSTILE_LABEL = '"><img src=x onerror=alert(1)>'
HOSTILE_TITLE = "</script><script>alert(2)</script>"
HOSTILE_QUOTE = "<b onmouseover=alert(3)>22 580</b>"


def _swap(path: Path, *pairs: tuple[str, str]) -> None:
    """Replace each old text in the file by the new one; each old text must be there (a seed record
    reworded would otherwise leave the graph harmless and the hostile tests testing nothing)."""
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, (path.name, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def hostile_graph(graph_copy: Path) -> Path:
    """A copy of the seed graph whose labels, titles and a quote are markup and script."""
    _swap(graph_copy / "vocab" / "actors.yaml", ("label: Frontelligence Insight\n", f"label: '{HOSTILE_LABEL}'\n"))
    _swap(graph_copy / "sources" / "frontelligence-2025-desertions-loss-ratios.yaml",
          ('label: "Frontelligence Insight: Desertions and Loss Ratios (5 March 2025)"', f"label: '{HOSTILE_TITLE}'"),
          ('title: "Desertions and Loss Ratios: Trends and Forecasts"', f"title: '{HOSTILE_TITLE}'"))
    _swap(graph_copy / "sources" / f"{EUAA}.yaml",
          ("quote: nearly 22 580 cases out of a total of 50 500\n", f"quote: '{HOSTILE_QUOTE}'\n"))
    return graph_copy
