"""The interactive HTML page of a view: pyvis for the network data and the vis-network
library it ships, a page of our own around it. Self-contained and offline: vis-network's
script and styles are inlined, nothing is fetched, no ``lib/`` folder is written. Every
string from records or documents is data: HTML-escaped in the page, JSON-escaped (with
``<``, ``>``, ``&`` as unicode escapes) in the script, and tooltips are plain text; a bidirectional
control (U+202E) is shown as ``[U+202E]``, not applied to the text around it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from pyvis.network import Network

from ..files.atomic import write_bytes
from ..rdf.literals import reveal_bidi
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
LARGE = 500  # above this many nodes the layout skips vis-network's O(n^2) initial placement


def _options(nodes: int) -> dict[str, Any]:
    """Physics that settles and then stops: a fixed seed, a bounded number of iterations, and
    static edge curves (dynamic ones would add one more simulated body per edge)."""
    large = nodes > LARGE
    return {
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -8000, "springLength": 180, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 150 if large else 400, "updateInterval": 25},
            "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10, "align": "middle"},
                  "smooth": {"enabled": not large, "type": "continuous"}},
        "nodes": {"font": {"size": 12}, "widthConstraint": {"maximum": 180}},
    }


def network_data(view: View) -> Network:
    """The view as a pyvis Network: styled nodes with plain-text tooltips, labelled edges."""
    net = Network(heading=reveal_bidi(view.title), directed=True, cdn_resources="in_line")
    for ident, attrs in view.graph.nodes(data=True):
        style = STYLES[attrs["kind"]]
        net.add_node(ident, label=reveal_bidi(str(attrs.get("label", ident))), title=reveal_bidi(tooltip(attrs)),
                     shape=style.shape,
                     color={"background": style.color, "border": style.border}, kind=attrs["kind"])
    for number, (a, b, attrs) in enumerate(view.graph.edges(data=True)):
        name = attrs["relation"]
        label = f"{name} ({attrs['cito']})" if attrs.get("cito") else name
        title = f"{label}: {attrs['reason']}" if attrs.get("reason") else label
        net.add_edge(a, b, id=f"e{number}", label=reveal_bidi(label), title=reveal_bidi(title), relation=name,
                     color={"color": EDGE_COLOURS.get(name, "#999999")},
                     dashes=name in EDGE_COLOURS, width=3 if name in EDGE_COLOURS else 1)
    return net


def render(view: View) -> str:
    """The whole page as text."""
    net = network_data(view)
    nodes, edges, heading, _, _, _ = net.get_network_data()
    kinds = [{"name": k, "color": s.color, "shape": s.shape} for k, s in STYLES.items()]
    summary = f"{len(nodes)} nodes, {len(edges)} edges"
    data = {"nodes": nodes, "edges": edges, "options": _options(len(nodes)), "kinds": kinds, "summary": summary,
            "backing": [relation(p) for p in BACKING], "continues": [relation(p) for p in CONTINUES], "dim": DIM}
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
