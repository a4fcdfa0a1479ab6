"""GraphML and GEXF of the network projection, for Gephi, Cytoscape and igraph.

Every attribute has one type across the file, so that each is declared once: booleans, integers
(``long``), decimals (``double``) or text. An attribute whose values mix kinds takes the widest
(integers and decimals give ``double``; anything with text, text); the figures' value and bounds,
``xsd:decimal`` in the ontology, are always ``double``, whole or not, so that two exports declare
them alike. Lists and mappings become JSON text, None is left out, and characters that XML 1.0
forbids are removed. GEXF also carries Gephi's ``viz`` data: the HTML legend's colour per kind of
node, a size growing with how much rests on the node (as the page sizes it: ``views.html.resting``),
and the positions of ``views.layout``.
networkx and the projection are imported when a network is written, not with the exports."""

from __future__ import annotations

import io
import json
import math
import re
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Iterable

from ..store.base import Store

if TYPE_CHECKING:
    import networkx as nx

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
DECIMALS = frozenset({"value", "lower", "upper"})  # fg:value, fg:lowerBound, fg:upperBound
RANKS = {bool: 0, int: 1, float: 2, str: 3}
VIZ = "viz"


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple, set, dict)):
        value = json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    return XML_FORBIDDEN.sub("", str(value))


def _scalar(value: Any) -> Any:
    """A value as a bool, int, float or XML-safe text."""
    return value if isinstance(value, (bool, int, float)) else _text(value)


def attribute_types(records: Iterable[dict[str, Any]]) -> dict[str, type]:
    """The one type of each attribute: the widest of its values (a boolean mixed with numbers is text)."""
    seen: dict[str, set[type]] = {}
    for data in records:
        for key, value in data.items():
            if value is not None and key != VIZ:
                seen.setdefault(key, set()).add(type(_scalar(value)))
    types: dict[str, type] = {}
    for key, kinds in seen.items():
        widest = max(kinds, key=RANKS.__getitem__)
        if bool in kinds and len(kinds) > 1:
            widest = str
        if key in DECIMALS and widest in (int, float):
            widest = float
        types[key] = widest
    return types


def _as(value: Any, kind: type) -> Any:
    value = _scalar(value)
    if kind is str:
        return _text(value)
    return kind(value)


def _attrs(data: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    attrs = {_text(k): _as(v, types[k]) for k, v in data.items() if v is not None and k != VIZ}
    if VIZ in data:
        attrs[VIZ] = data[VIZ]
    return attrs


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with ids as text and every attribute of one type across the graph (see the module)."""
    import networkx as nx

    node_types = attribute_types(d for _, d in graph.nodes(data=True))
    edge_types = attribute_types(d for _, _, d in graph.edges(data=True))
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(_text(node), **_attrs(data, node_types))
    for a, b, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_text(a), _text(b), key=_text(key), **_attrs(data, edge_types))
    return flat


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flatten(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _rgb(colour: str) -> dict[str, int]:
    """``#f4a261`` as GEXF's r, g, b."""
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def node_size(rests: int) -> float:
    """Grows with the square root of the claims resting on a node, so the sources much rests on
    stand out without hiding the rest."""
    return round(10.0 + 4.0 * math.sqrt(rests), 1)


def with_viz(graph: nx.MultiDiGraph, seed: int = 1) -> nx.MultiDiGraph:
    """A copy whose nodes carry Gephi's viz: the legend's colour for their kind, a size, a position."""
    from ..views.html import STYLES, resting
    from ..views.layout import positions

    drawn = graph.copy()
    placed = positions(graph, seed)
    rests = resting(graph)
    for node, data in drawn.nodes(data=True):
        x, y = placed[str(node)]
        viz: dict[str, Any] = {"size": node_size(rests[node]), "position": {"x": x, "y": y, "z": 0.0}}
        style = STYLES.get(str(data.get("kind")))
        if style is not None:
            viz["color"] = {**_rgb(style.color), "a": 1.0}
        data[VIZ] = viz
    return drawn


MODIFIED = re.compile(rb' lastmodifieddate="[0-9-]*"')


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 with viz data, without networkx's "last modified" stamp of today, so equal graphs
    give equal bytes."""
    import networkx as nx

    from .. import progress

    with progress.task(f"laying out {graph.number_of_nodes():,} nodes"):
        drawn = with_viz(graph)
    buffer = io.BytesIO()
    nx.write_gexf(flatten(drawn), buffer, encoding="utf-8", prettyprint=True)
    return MODIFIED.sub(b"", buffer.getvalue(), count=1)


def _from_store(write: Callable[[nx.MultiDiGraph], bytes]) -> Callable[[Store], bytes]:
    def writer(store: Store) -> bytes:
        from ..views.project import project

        return write(project(store))

    return writer


WRITERS = {"graphml": _from_store(to_graphml), "gexf": _from_store(to_gexf)}
