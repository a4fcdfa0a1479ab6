"""The data the SHACL shapes read, split into chunks of whole node descriptions that validate apart.

When the shapes are node-local (``reads``), a node's results depend on its own triples, the types
of the nodes it names and the ontology alone. A store's graph is then cut into chunks of subjects,
each with its subjects' triples, the triples of the nodes those name from other chunks, the types
of the nodes these name in turn, and the ontology; a chunk's results count for its own subjects
only. Triples that no shape reads are left out: predicates the shapes do not mention, types of
classes no mentioned class has below it. Lines are N-Triples, cut at "\n" only (the one line end
that N-Triples does not escape in a literal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .files.resources import ontology_path
from .store.base import Store
from .store.library import run

RDF_TYPE = f"<{RDF.type}>"

# The parameters whose constraints read the focus node's own values and those values' types only.
LOCAL = frozenset(SH[name] for name in (
    "targetClass", "property", "path", "minCount", "maxCount", "class", "datatype", "nodeKind",
    "minLength", "maxLength", "pattern", "flags", "languageIn", "uniqueLang", "in", "hasValue",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "lessThan", "lessThanOrEquals",
    "equals", "disjoint", "or", "and", "xone", "not", "message", "severity", "name", "description",
    "order", "group", "deactivated"))
LOGICAL = (SH["or"], SH["and"], SH["xone"])


@dataclass(frozen=True)
class Reads:
    """What the shapes read of the data, as N-Triples IRIs: predicates, and the classes whose
    ``rdf:type`` triples count (those a mentioned class has at or above it)."""

    predicates: frozenset[str]
    classes: frozenset[str]


def _members(shapes: Graph, shape: Node) -> Iterator[Node]:
    """The shapes that ``sh:or``, ``sh:and``, ``sh:xone`` and ``sh:not`` apply to what ``shape`` does."""
    for logical in LOGICAL:
        for items in shapes.objects(shape, logical):
            yield from shapes.items(items)
    yield from shapes.objects(shape, SH["not"])


def _local(shapes: Graph, shape: Node, on_values: bool) -> bool:
    """Whether ``shape`` reads no more than a node-local shape may: applied to a focus node, its own
    values along IRI paths; applied to value nodes (``on_values``), nothing but their types."""
    path = shapes.value(shape, SH.path)
    nested = list(shapes.objects(shape, SH.property))
    if path is not None and (on_values or not isinstance(path, URIRef)):
        return False
    if nested and (on_values or path is not None):
        return False
    return (all(_local(shapes, n, False) for n in nested)
            and all(_local(shapes, m, on_values or path is not None) for m in _members(shapes, shape)))


def reads(shapes: Graph, ontology: Graph) -> Reads | None:
    """What node-local ``shapes`` read (with the ontology's subclass axioms), or None if they are not
    node-local (a parameter outside ``LOCAL``, a path that is not an IRI, a shape on value nodes
    that reads their triples)."""
    if any(str(p).startswith(str(SH)) and p not in LOCAL for p in shapes.predicates(None, None, unique=True)):
        return None
    roots = set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(RDF.type, SH.NodeShape))
    if not all(_local(shapes, root, False) for root in roots):
        return None
    mentioned = {t for triple in shapes for t in triple if isinstance(t, URIRef) and not t.startswith(str(SH))}
    classes, grown = set(mentioned), True
    while grown:
        below = {s for s, o in ontology.subject_objects(RDFS.subClassOf) if o in classes and isinstance(s, URIRef)}
        grown = not below <= classes
        classes |= below
    return Reads(frozenset(f"<{t}>" for t in mentioned | {RDF.type}), frozenset(f"<{c}>" for c in classes))


@cache
def ontology_ntriples() -> str:
    """The ontology as N-Triples (a part of every chunk)."""
    parsed = ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    return (ox.serialize(parsed, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def _iri(rest: str) -> str | None:
    """The object of a line's triple (``rest``: the line past its predicate) if it is an IRI."""
    return rest[:rest.index(">") + 1] if rest[0] == "<" else None


def _named(line: str) -> str | None:
    """The node a line's triple names (its object, an IRI), unless the triple is a type."""
    _, p, rest = line.split(" ", 2)
    return _iri(rest) if p != RDF_TYPE else None


@dataclass
class Chunks:
    """A store's graph in chunks of subjects: each subject's lines that the shapes read (one text),
    and the chunk that holds it; for each chunk, the nodes its lines name from other chunks
    (``named``) and the nodes those name in turn (``around``)."""

    members: list[list[str]]
    home: dict[str, int]
    lines: dict[str, str]
    named: list[set[str]]
    around: list[set[str]]
    shared: set[str]  # the nodes whose lines some chunk reads besides their own
    taken: set[int] = field(default_factory=set)  # the chunks whose text was made (``take``)

    @classmethod
    def of(cls, members: list[list[str]], home: dict[str, int], lines: dict[str, str],
           names: list[set[str]]) -> Chunks:
        """The chunks, given the nodes that each one's lines name (``names``)."""
        def elsewhere(chunk: int, nodes: Iterable[str | None]) -> set[str]:
            return {n for n in nodes if n is not None and home.get(n, chunk) != chunk}

        named = [elsewhere(chunk, found) for chunk, found in enumerate(names)]
        around = [elsewhere(chunk, (_named(line) for n in nodes for line in lines[n].split("\n")[:-1])) - nodes
                  for chunk, nodes in enumerate(named)]
        return cls(members, home, lines, named, around, set().union(*named, *around))

    def take(self, chunk: int) -> str:
        """The chunk's data, once: its subjects' lines; the lines of the nodes they name from other
        chunks and the types of the nodes those name in turn (so that the nodes named are validated
        whole, and give no results that would be dropped); the ontology. The lines that no other
        chunk reads are let go of (the store's whole graph is held as text until then), so a chunk
        taken again is refused (ValueError) rather than given without them."""
        if chunk in self.taken:
            raise ValueError(f"chunk {chunk} was taken already: its own lines are let go of")
        self.taken.add(chunk)
        lines = self.lines
        parts = [lines[s] for s in self.members[chunk]]
        parts += [lines[n] for n in self.named[chunk]]
        parts += [line + "\n" for n in self.around[chunk] for line in lines[n].split("\n")[:-1]
                  if line.split(" ", 2)[1] == RDF_TYPE]
        for s in self.members[chunk]:
            if s not in self.shared:
                del lines[s]
        return "".join(parts) + ontology_ntriples()

    def holds(self, chunk: int, focus: str) -> bool:
        """Whether the chunk holds the node ``focus`` (an IRI) as one of its own subjects; nodes
        described by the ontology alone count in the first chunk."""
        return self.home.get(f"<{focus}>", 0) == chunk


def split(store: Store, shapes_read: Reads, count: int) -> Chunks | None:
    """The store's triples that the shapes read, in ``count`` chunks of subjects (in the order of
    the store's graphs, so that a document's nodes stay together), or None if a subclass axiom in
    the data (which every chunk would need), or a blank node when there are several chunks (a blank
    node is not told apart in a report), stands in the way."""
    found = run(store, "shacl-subclass-axioms")
    if found.rows and found.rows[0][0]:
        return None
    members: list[list[str]] = [[] for _ in range(count)]
    named: list[set[str]] = [set() for _ in range(count)]
    home: dict[str, int] = {}
    lines: dict[str, str] = {}
    total, seen = max(store.size_hint(), 1), 0
    predicates, classes = shapes_read.predicates, shapes_read.classes
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += sorted(store.named_graphs(), key=str)
    for graph in graphs:
        text = store.dump(ox.RdfFormat.N_TRIPLES, graph).decode()
        chunk_of_new = seen * count // total
        subject, chunk = "", 0
        described: list[str] = []  # the lines of one subject in a row (as a dump lists them)
        for line in text.split("\n")[:-1]:
            s, p, rest = line.split(" ", 2)
            if p not in predicates:
                continue
            if count > 1 and (s[0] == "_" or rest[0] == "_"):
                return None
            target = _iri(rest)
            if p == RDF_TYPE and target not in classes:
                continue
            if s != subject:
                if described:
                    lines[subject] = lines.get(subject, "") + "\n".join(described) + "\n"
                subject, described = s, []
                chunk = home.setdefault(s, chunk_of_new)
                if chunk == chunk_of_new and s not in lines:
                    members[chunk].append(s)
            if target is not None and p != RDF_TYPE:
                named[chunk].add(target)
            described.append(line)
        if described:
            lines[subject] = lines.get(subject, "") + "\n".join(described) + "\n"
        seen += text.count("\n")
    return Chunks.of(members, home, lines, named)
