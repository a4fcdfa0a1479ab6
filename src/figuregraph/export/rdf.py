"""RDF serialisations: Turtle (default), N-Triples, JSON-LD, TriG. Deterministic.

Turtle, the main export, is Oxigraph's own serialiser run over each graph (the default graph,
then the named graphs in IRI order) with one sorted prefix header: same input -> same bytes,
because a store holds its quads in the order they came in (an in-memory store) or in key
order (on disk). A build emits each record's triples together, in record order.

N-Triples and TriG are sorted as well, so that they do not depend on insertion order at all:
the quads come out of Oxigraph as N-Triples (its canonical term syntax), are sorted, and are
written by Oxigraph's serialisers in that order. JSON-LD (with the embedded context) is written
by rdflib, nodes and values sorted.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from ..rdf.namespace import PREFIXES, bind_prefixes
from ..store.base import GraphName, Store


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped with every JSON-LD export (embedded, never fetched)."""
    return {"@context": dict(PREFIXES)}


def _sorted_lines(store: Store, graph: GraphName | None = None) -> list[bytes]:
    """Distinct N-Triples lines of one graph, or of the union of all graphs, sorted.

    Each graph's dump is already in long sorted runs, which Python's sort merges cheaply; a set
    would scramble them first (seven times slower at 370k lines). Duplicates are then adjacent."""
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


def _with_sorted_prefixes(body: bytes) -> bytes:
    """Our prefixes, sorted, above a body written with them."""
    header = [f"@prefix {p}: <{ns}> .".encode() for p, ns in sorted(PREFIXES.items())]
    return b"\n".join([*header, body]) if body else b"\n".join(header) + b"\n"


def to_turtle(store: Store) -> bytes:
    """The union of all graphs as one Turtle document, graph by graph in store order.

    A triple held in two named graphs is written in both places (it is one triple to any reader);
    dumping the graphs as they are is what keeps this as fast as Oxigraph's own serialiser."""
    bodies = [_body(store.dump(ox.RdfFormat.TURTLE, g, PREFIXES)) for g in _graphs(store)]
    return _with_sorted_prefixes(b"".join(bodies))


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
    return _with_sorted_prefixes(_body(data or b""))


def _sorted_jsonld(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def _non_finite(constant: str) -> dict[str, str]:
    """rdflib writes an infinite xsd:double as a bare ``Infinity``, which is not JSON: a typed value
    instead. (A dataset file cannot bring one, ``store.welltyped``; data handed over from Python can.)"""
    return {"@type": "xsd:double", "@value": {"Infinity": "INF", "-Infinity": "-INF", "NaN": "NaN"}[constant]}


def to_jsonld(store: Store) -> bytes:
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.parse(data=to_ntriples(store), format="nt")
    context = jsonld_context()["@context"]
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True),
                          parse_constant=_non_finite)
    nodes = document.get("@graph", [document] if "@id" in document else [])
    nodes = [{k: v for k, v in n.items() if k != "@context"} for n in nodes]
    canonical = {"@context": context, "@graph": _sorted_jsonld(nodes)}
    return (json.dumps(canonical, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


WRITERS: dict[str, Callable[[Store], bytes]] = {
    "turtle": to_turtle,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
    "trig": to_trig,
}
