"""RDF serialisations: Turtle (default), N-Triples, JSON-LD (named graphs, or flat), TriG. Deterministic.

Turtle, the main export, is Oxigraph's own serialiser run over each graph (the default graph,
then the named graphs in IRI order) with one sorted prefix header: same input -> same bytes,
because a store holds its quads in the order they came in (an in-memory store) or in key
order (on disk). A build emits each record's triples together, in record order.

N-Triples and TriG are sorted as well, so that they do not depend on insertion order at all:
the quads come out of Oxigraph as N-Triples (its canonical term syntax), are sorted, and are
written by Oxigraph's serialisers in that order. JSON-LD (with the embedded context) is written
by rdflib, nodes and values sorted: by default one ``@graph`` per named graph, as TriG has them
(the same quads), or flat, the union as one graph. JSON-LD is JSON: a value JSON cannot hold
(Infinity, NaN) is refused, never written.
"""

from __future__ import annotations

import json
from typing import Any
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from .. import progress
from ..errors import InputError
from ..rdf.namespace import PREFIXES, bind_prefixes
from ..store.base import GraphName, Store


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped with every JSON-LD export (embedded, never fetched)."""
    return {"@context": dict(PREFIXES)}


def _sorted_lines(store: Store, graph: GraphName | None = None) -> list[bytes]:
    """Distinct N-Triples lines of one graph, or of the union of all graphs, sorted.

    Each graph's dump is already in long sorted runs, which Python's sort merges cheaply; a set
    would scramble them first (much slower: benchmarks/CODE-NOTES.md). Duplicates are then adjacent."""
    graphs = [graph] if graph is not None else _graphs(store)
    lines: list[bytes] = []
    for g in graphs:
        data = store.dump(ox.RdfFormat.N_TRIPLES, g)
        lines.extend(line for line in data.split(b"\n") if line)
    lines.sort()
    return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]


def _parse(lines: list[bytes], fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    """Oxigraph's own output read back in order; lenient: it was validated when it came in."""
    return ox.parse(b"\n".join(lines), format=fmt, lenient=True)


def _graphs(store: Store) -> list[GraphName]:
    """The order graphs are written in: the default graph (nothing, when empty), then the named
    graphs in IRI order."""
    return [ox.DefaultGraph(), *store.named_graphs()]


def _body(data: bytes) -> bytes:
    """A serialiser's output without its @prefix lines (in its own map order, at the top)."""
    start = 0
    while data.startswith(b"@prefix ", start):
        end = data.find(b"\n", start)
        start = len(data) if end < 0 else end + 1
    return data[start:]


def turtle_header() -> bytes:
    """Our prefixes, sorted, one a line: what every Turtle or TriG document starts with, its body after."""
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in sorted(PREFIXES.items()))


def to_turtle(store: Store) -> bytes:
    """The union of all graphs as one Turtle document, graph by graph in store order.

    A triple held in two named graphs is written in both places (it is one triple to any reader);
    dumping the graphs as they are is what keeps this as fast as Oxigraph's own serialiser."""
    return turtle_document(turtle_body(store, g) for g in _graphs(store))


def turtle_body(store: Store, graph: GraphName) -> bytes:
    """One graph's part of the Turtle document (the build cache keeps where each stands in it)."""
    return _body(store.dump(ox.RdfFormat.TURTLE, graph, PREFIXES))


def turtle_document(bodies: Iterable[bytes]) -> bytes:
    """The Turtle document of graphs' bodies (default graph first, then named graphs in IRI order)."""
    return turtle_header() + b"".join(bodies)


def to_ntriples(store: Store) -> bytes:
    lines = _sorted_lines(store)
    return b"\n".join(lines) + b"\n" if lines else b""


def to_trig(store: Store) -> bytes:
    """One named graph per record file, graphs in IRI order, triples sorted in each."""
    lines = []
    for g in _graphs(store):
        # Oxigraph ends every N-Triples line with " ."; the graph term goes before the dot.
        suffix = b"." if isinstance(g, ox.DefaultGraph) else f"<{g.value}> .".encode()
        lines += [line[:-1] + suffix for line in _sorted_lines(store, g)]
    data = ox.serialize(_parse(lines, ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    return turtle_header() + _body(data or b"")


def _sorted_jsonld(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


NON_FINITE = {"Infinity": "INF", "-Infinity": "-INF", "NaN": "NaN"}


def _typed_double(constant: str) -> dict[str, str]:
    """rdflib writes an ``xsd:double`` with a context as a JSON number, and INF or NaN as JavaScript's
    ``Infinity``/``NaN``, which JSON has not: those become typed value objects."""
    return {"@type": "xsd:double", "@value": NON_FINITE[constant]}


def _jsonld_nodes(lines: list[bytes]) -> list[Any]:
    """The node objects of one graph's N-Triples lines, compacted with the context and sorted."""
    if not lines:
        return []
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.parse(data=b"\n".join(lines) + b"\n", format="nt")
    context = jsonld_context()["@context"]
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True),
                          parse_constant=_typed_double)
    nodes = document.get("@graph", [document] if "@id" in document else [])
    return _sorted_jsonld([{k: v for k, v in n.items() if k != "@context"} for n in nodes])


def _json(document: dict[str, Any]) -> bytes:
    try:
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:  # a literal read as a float that JSON cannot hold
        raise InputError(f"the data holds a value JSON-LD cannot write as JSON ({exc})") from None
    return (text + "\n").encode("utf-8")


def to_jsonld(store: Store) -> bytes:
    """One ``@graph`` object per named graph (``@id`` its IRI), graphs in IRI order; triples of the
    default graph, if any, as top-level nodes: the quads of the TriG export."""
    entries: list[Any] = []
    for g in progress.track(_graphs(store), "JSON-LD: graphs", unit="graphs"):
        nodes = _jsonld_nodes(_sorted_lines(store, g))
        if isinstance(g, ox.DefaultGraph):
            entries += nodes
        elif nodes:
            entries.append({"@id": g.value, "@graph": nodes})
    return _json({"@context": jsonld_context()["@context"], "@graph": entries})


def to_jsonld_flat(store: Store) -> bytes:
    """The union of all graphs as one graph of nodes (the named graphs are not kept)."""
    return _json({"@context": jsonld_context()["@context"], "@graph": _jsonld_nodes(_sorted_lines(store))})


WRITERS: dict[str, Callable[[Store], bytes]] = {
    "turtle": to_turtle,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
    "jsonld-flat": to_jsonld_flat,
    "trig": to_trig,
}
