"""Serialise the dataset: Turtle (default), N-Triples, JSON-LD, TriG. Deterministic and atomic.

Same input -> same bytes: Turtle comes sorted from rdflib; N-Triples lines are sorted;
TriG is written graph by graph in IRI order; JSON-LD nodes and values are sorted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from rdflib import Dataset, Graph

from .atomic import write_bytes
from .errors import UsageError
from .namespace import PREFIXES, bind_prefixes

FORMATS = ("turtle", "nt", "jsonld", "trig")
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig"}


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped with every JSON-LD export (embedded, never fetched)."""
    return {"@context": dict(PREFIXES)}


def union_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset as one graph with the project's prefixes."""
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def to_turtle(dataset: Dataset) -> bytes:
    return union_graph(dataset).serialize(format="turtle", encoding="utf-8")


def to_ntriples(dataset: Dataset) -> bytes:
    text = union_graph(dataset).serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_trig(dataset: Dataset) -> bytes:
    """One named graph per record file, in IRI order, each body as sorted Turtle."""
    out = [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()]
    named = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    for graph in named:
        body = bind_prefixes(Graph(bind_namespaces="none"))
        for triple in graph:
            body.add(triple)
        turtle = body.serialize(format="turtle", encoding="utf-8").decode("utf-8")
        statements = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
        inner = "\n".join(("    " + line) if line else "" for line in statements).strip("\n")
        out.append(f"\n<{graph.identifier}> {{\n{inner}\n}}\n")
    return "".join(out).encode("utf-8")


def _sorted_jsonld(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def to_jsonld(dataset: Dataset) -> bytes:
    context = jsonld_context()["@context"]
    text = union_graph(dataset).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    graph = document.get("@graph", [document] if "@id" in document else [])
    graph = [{k: v for k, v in n.items() if k != "@context"} for n in graph]
    canonical = {"@context": context, "@graph": _sorted_jsonld(graph)}
    return (json.dumps(canonical, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


WRITERS: dict[str, Callable[[Dataset], bytes]] = {
    "turtle": to_turtle,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
    "trig": to_trig,
}


def serialize(dataset: Dataset, fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise UsageError(f"unknown export format '{fmt}'; known: {', '.join(FORMATS)}")
    return WRITERS[fmt](dataset)


def export(dataset: Dataset, fmt: str, target: Path) -> int:
    """Write the dataset to ``target`` atomically; returns the number of bytes written."""
    data = serialize(dataset, fmt)
    write_bytes(target, data)
    return len(data)


RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def parse_export(data: bytes, fmt: str) -> Dataset:
    """Read an export back (used by round-trip checks and by commands that take a dataset file)."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return dataset
