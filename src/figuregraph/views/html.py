"""The interactive HTML page of a view: pyvis for the network data and the vis-network
library it ships, a page of our own around it. Self-contained and offline: vis-network's
script and styles are inlined, nothing is fetched, no ``lib/`` folder is written. Every
string from records or documents is data: HTML-escaped in the page, JSON-escaped (with
``<``, ``>``, ``&`` as unicode escapes) in the script, and tooltips are plain text; a bidirectional
control (U+202E) is shown as ``[U+202E]``, not applied to the text around it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from pyvis.network import Network

from ..files.atomic import write_bytes
from ..rdf.literals import reveal_bidi
from .layers import shortened
from .layout import positions
from .network import View
from .project import tooltip
from .relations import AUDIT_RELATIONS, BACKING, CONTINUES, relation

VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PAGE = Path(__file__).with_name("page.html")


@dataclass(frozen=True)
class Style:
    color: str
    border: str
    shape: str


STYLES = {
    "figure": Style("#f4a261", "#b5651d", "box"),
    "statement": Style("#e9c46a", "#a68a29", "box"),
    "actor": Style("#2a9d8f", "#1d6b62", "dot"),
    "place": Style("#8ab17d", "#5a7d4f", "triangle"),
    "source": Style("#457b9d", "#2b4e64", "square"),
    "citation": Style("#b8b8d1", "#6c6c94", "diamond"),
}
DIM = {"background": "#eeeeee", "border": "#cccccc"}
AUDIT_COLOURS = {"corroboration": "#2a9d3f", "circular": "#e9a23b", "conflict": "#d62828"}
EDGE_COLOURS = {AUDIT_RELATIONS[kind]: colour for kind, colour in AUDIT_COLOURS.items()}
LARGE = 500  # above this many nodes edges are drawn straight and hidden while the view moves
HUGE = 2000  # above this many, edges are drawn without arrow, label or tooltip (each costs time per edge)
EDGE = {"color": "#999999", "opacity": 1.0}
# Label sizes in canvas pixels: claims, sources and actors are read at the default zoom, places and
# footnotes as one zooms in (a label under READABLE pixels on screen is left out, not drawn unreadable).
FONT = {"figure": 18, "source": 18, "statement": 18, "actor": 18, "place": 15, "citation": 13}
READABLE = 9  # the smallest label drawn, in screen pixels
MIN_SCALE = READABLE / FONT["figure"]  # below this default zoom the page opens on where most rests


class _Ids(list):
    """pyvis keeps node ids in a list and searches it for every node and edge added: with a set beside
    it the search takes constant time (a 20 000-node view would otherwise take minutes)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[object] = set()

    def append(self, item: object) -> None:
        self._set.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _options(nodes: int) -> dict[str, Any]:
    """No physics: the positions are computed in Python (``layout``), so the page is still on open."""
    large = nodes > LARGE
    return {
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "edges": {"arrows": {"to": {"enabled": nodes <= HUGE, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle"},
                  "smooth": {"enabled": not large, "type": "continuous"}, "color": EDGE},
        "nodes": {"font": {"size": 14}, "widthConstraint": {"maximum": 220},
                  "scaling": {"min": 10, "max": 45, "label": {"enabled": False, "drawThreshold": READABLE}}},
    }


def resting(graph: Any) -> dict[str, int]:
    """How much rests on each node: the claims (figures and statements) it backs, itself included."""
    from .network import backing

    counts = {ident: 0 for ident in graph}
    for ident, attrs in graph.nodes(data=True):
        if attrs.get("kind") in ("figure", "statement"):
            for node in backing(graph, ident):
                counts[node] += 1
    return counts


def network_data(view: View, placed: bool = False) -> Network:
    """The view as a pyvis Network: styled nodes with plain-text tooltips, labelled edges. With
    ``placed``, each node has its position (``layout.positions``), a size and a label size by how
    much rests on it."""
    net = Network(heading=reveal_bidi(view.title), directed=True, cdn_resources="in_line")
    net.node_ids = _Ids()
    where = positions(view.graph) if placed else {}
    rests = resting(view.graph) if placed else {}
    for ident, attrs in view.graph.nodes(data=True):
        style = STYLES[attrs["kind"]]
        label = reveal_bidi(str(attrs.get("label", ident)))
        extra: dict[str, Any] = {}
        if placed:
            weight = max(1, rests[ident])
            x, y = where[ident]
            font = FONT[attrs["kind"]] + min(4, round(2 * math.log2(weight)))
            extra = {"x": x, "y": y, "value": weight, "rests": rests[ident], "font": {"size": font},
                     "widthConstraint": {"maximum": 10 * font},  # about 20 characters a line
                     "name": label}  # the label in full, for the search (the tooltip has it too)
            label = shortened(label)
        net.add_node(ident, label=label, title=reveal_bidi(tooltip(attrs)),
                     shape=style.shape, color={"background": style.color, "border": style.border}, kind=attrs["kind"],
                     **extra)
    for number, (a, b, attrs) in enumerate(view.graph.edges(data=True)):
        name = attrs["relation"]
        label = f"{name} ({attrs['cito']})" if attrs.get("cito") else name
        title = f"{label}: {attrs['reason']}" if attrs.get("reason") else label
        audit = {"color": {"color": EDGE_COLOURS[name]}, "dashes": True, "width": 3} if name in EDGE_COLOURS else {}
        net.add_edge(a, b, id=f"e{number}", label=reveal_bidi(label), title=reveal_bidi(title), relation=name, **audit)
    return net


def render(view: View) -> str:
    """The whole page as text."""
    net = network_data(view, placed=True)
    nodes, edges, heading, _, _, _ = net.get_network_data()
    for edge in edges:  # the arrow is one option for all edges, not one per edge
        edge.pop("arrows", None)
        if len(nodes) > HUGE:
            edge.pop("label", None)
            edge.pop("title", None)
    kinds = [{"name": k, "color": s.color, "shape": s.shape} for k, s in STYLES.items()]
    summary = f"{len(nodes)} nodes, {len(edges)} edges"
    # the default view: everything, or where most rests if everything would be too small to read
    centre = view.focus or max(nodes, key=lambda n: (n["rests"], n["id"]), default={"id": None})["id"]
    data = {"nodes": nodes, "edges": edges, "options": _options(len(nodes)), "kinds": kinds, "summary": summary,
            "backing": [relation(p) for p in BACKING], "continues": [relation(p) for p in CONTINUES], "dim": DIM,
            "centre": centre, "minScale": MIN_SCALE, "edge": EDGE}
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(PAGE.read_text(encoding="utf-8"))
    return template.render(
        title=heading, summary=summary, kinds=kinds, data=data,
        vis_js=jinja2.utils.markupsafe.Markup((VIS / "vis-network.min.js").read_text(encoding="utf-8")),
        vis_css=jinja2.utils.markupsafe.Markup((VIS / "vis-network.css").read_text(encoding="utf-8")),
    )


def write(view: View, target: Path) -> int:
    """Write the page atomically; returns its size in bytes."""
    data = render(view).encode("utf-8")
    write_bytes(Path(target), data)
    return len(data)


def iframe(view: View, height: int = 600) -> str:
    """The page inside an ``<iframe srcdoc>``: shows inline in JupyterLab, Jupyter and VS Code."""
    from html import escape

    return (f'<div class="figuregraph-view"><iframe srcdoc="{escape(render(view), quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts" '
            f'title="{escape(reveal_bidi(view.title), quote=True)}"></iframe></div>')
