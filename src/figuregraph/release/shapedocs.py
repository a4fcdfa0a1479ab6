"""The SHACL shapes read for people: each constraint as the class it targets, the property it
constrains, its rules in words and its message, so the ontology page can show, on each class and
each property, what the data must satisfy. Rules are sequences of text and terms (the page links
the terms)."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

Part = str | URIRef
Rule = tuple[Part, ...]

COMPARISONS = {SH.lessThan: "below ", SH.lessThanOrEquals: "not above ", SH.equals: "equal to ",
               SH.disjoint: "never equal to "}
BOUNDS = {SH.minExclusive: "above ", SH.minInclusive: "at least ", SH.maxExclusive: "below ",
          SH.maxInclusive: "at most "}
TERMS = {SH["class"]: "values are ", SH.datatype: "datatype ", SH.node: "values conform to ", SH.hasValue: "holds "}


@dataclass(frozen=True)
class Constraint:
    shape: URIRef | BNode  # the node shape it belongs to
    targets: tuple[URIRef, ...]  # the classes that shape targets
    path: URIRef | None  # the property constrained (None: the node itself)
    rules: tuple[Rule, ...]
    message: str


def _literal(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    value = graph.value(node, predicate)
    return None if value is None else str(value)


def _count(graph: Graph, node: Node) -> Rule | None:
    low, high = _literal(graph, node, SH.minCount), _literal(graph, node, SH.maxCount)
    if low is None and high is None:
        return None
    if low == high:
        return (f"exactly {low}",)
    if high is None:
        return (f"at least {low}",)
    return (f"at most {high}",) if low in (None, "0") else (f"{low} to {high}",)


def _alternative(graph: Graph, node: Node) -> Rule:
    """One branch of an ``sh:or``: a class, a datatype, or a property that must be present."""
    for predicate in (SH["class"], SH.datatype, SH.node):
        value = graph.value(node, predicate)
        if isinstance(value, URIRef):
            return (value,)
    path = graph.value(node, SH.path)
    if isinstance(path, URIRef):
        count = _count(graph, node)
        return (path, *((" (", *count, ")") if count else ()))
    return ("another shape",)


def rules(graph: Graph, node: Node) -> Iterator[Rule]:
    """The rules of one shape (a property shape, or a node shape's own), in words."""
    count = _count(graph, node)
    if count:
        yield count
    for predicate, words in TERMS.items():
        for value in sorted(graph.objects(node, predicate), key=str):
            yield (words, value) if isinstance(value, URIRef) else (words + str(value),)
    for predicate, words in COMPARISONS.items():
        for value in sorted(graph.objects(node, predicate), key=str):
            if isinstance(value, URIRef):
                yield (words, value)
    for predicate, words in BOUNDS.items():
        for value in graph.objects(node, predicate):
            yield (words + str(value),)
    for predicate, words in ((SH.minLength, "at least {} characters"), (SH.maxLength, "at most {} characters"),
                             (SH.pattern, "matches {}")):
        text = _literal(graph, node, predicate)
        if text is not None:
            yield (words.format(text),)
    for listed in graph.objects(node, SH["in"]):
        members = list(Collection(graph, listed))
        yield ("one of ", *_joined([m if isinstance(m, URIRef) else str(m) for m in members], ", "))
    for listed in graph.objects(node, SH["or"]):
        branches = [_alternative(graph, b) for b in Collection(graph, listed)]
        yield ("either ", *[p for i, b in enumerate(branches) for p in ((" or ",) if i else ()) + b])


def _joined(parts: list[Part], separator: str) -> list[Part]:
    return [p for i, part in enumerate(parts) for p in ((separator,) if i else ()) + (part,)]


def constraints(shapes: Graph) -> list[Constraint]:
    """Every constraint of every node shape that has a message, property shapes first, in a
    stable order (shape, then property)."""
    found: list[Constraint] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        if not isinstance(shape, (URIRef, BNode)):
            continue
        targets = tuple(sorted(t for t in shapes.objects(shape, SH.targetClass) if isinstance(t, URIRef)))
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            found.append(Constraint(shape, targets, path if isinstance(path, URIRef) else None,
                                    tuple(rules(shapes, prop)), _literal(shapes, prop, SH.message) or ""))
        own = tuple(rules(shapes, shape))
        if own:
            found.append(Constraint(shape, targets, None, own, _literal(shapes, shape, SH.message) or ""))
    return sorted(found, key=lambda c: (str(c.shape), c.path is None, str(c.path), c.message))
