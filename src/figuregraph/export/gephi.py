"""GraphML and GEXF of the network projection, for Gephi and Cytoscape.

Attributes are flattened to plain types (text, integers, floats, booleans): lists and
mappings become JSON text, None is left out, and characters that XML 1.0 forbids are removed.
networkx and the projection are imported when a network is written, not with the exports."""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING, Any, Callable

from ..store.base import Store

if TYPE_CHECKING:
    import networkx as nx

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple, set, dict)):
        value = json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    return XML_FORBIDDEN.sub("", str(value))


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {XML_FORBIDDEN.sub("", str(k)): _plain(v) for k, v in data.items() if v is not None}


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with every id and attribute in a type that GraphML and GEXF can hold."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(_plain(node), **_attrs(data))
    for a, b, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_plain(a), _plain(b), key=_plain(key), **_attrs(data))
    return flat


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flatten(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


MODIFIED = re.compile(rb' lastmodifieddate="[0-9-]*"')


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF without networkx's "last modified" stamp of today, so equal graphs give equal bytes."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(flatten(graph), buffer, encoding="utf-8", prettyprint=True)
    return MODIFIED.sub(b"", buffer.getvalue(), count=1)


def _from_store(write: Callable[[nx.MultiDiGraph], bytes]) -> Callable[[Store], bytes]:
    def writer(store: Store) -> bytes:
        from ..views.project import project

        return write(project(store))

    return writer


WRITERS = {"graphml": _from_store(to_graphml), "gexf": _from_store(to_gexf)}
