"""Conversion between rdflib terms (the modelling API) and pyoxigraph terms (the fast path)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import cache
from typing import NamedTuple
from collections.abc import Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import IdentifiedNode, Node, _toPythonMapping

from .cells import CANONICAL, read_tsv_term, tsv_lines

XSD_STRING = str(XSD.string)

# A quad in rdflib terms; the graph name None is the default graph.
RdflibQuad = tuple[Node, Node, Node, "Node | None"]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))
    raise TypeError(f"cannot convert {type(term).__name__} to a pyoxigraph term")


def from_ox(term: object) -> Node | None:
    """A pyoxigraph term as an rdflib term (plain strings stay untyped, as rdflib reads them)."""
    return None if term is None else _from_ox(term)


def _from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {type(term).__name__} to an rdflib term")


def rdflib_bindings(bindings: Mapping[str, object]) -> dict[str, Node]:
    """Bound values as rdflib terms (the engine's own converted), for the backends that read those."""
    return {name: term if isinstance(term, Node) else _from_ox(term) for name, term in bindings.items()}


def graph_name(identifier: Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if identifier is None or str(identifier) == "urn:x-rdflib:default":
        return ox.DefaultGraph()
    converted = to_ox(identifier)
    assert not isinstance(converted, ox.Literal)
    return converted


# -- quads ---------------------------------------------------------------------------------------

def rdflib_quads(data: Graph) -> Iterator[RdflibQuad]:
    """The quads of an rdflib dataset, or the triples of a plain graph (in the default graph)."""
    if isinstance(data, Dataset):
        return ((s, p, o, _named(g)) for s, p, o, g in data.quads((None, None, None, None)))
    return ((s, p, o, None) for s, p, o in data)


def _named(graph: Graph | Node | None) -> Node | None:
    """A dataset's graph as its name; None for the default graph (rdflib names it too)."""
    name = graph.identifier if isinstance(graph, Graph) else graph
    return None if name is None or name == DATASET_DEFAULT_GRAPH_ID else name


def convert_quads(quads: Iterable[RdflibQuad]) -> Iterator[ox.Quad]:
    """rdflib-term quads as pyoxigraph quads; each distinct term is converted once."""
    cache: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        converted = cache.get(node)
        if converted is None:
            converted = cache[node] = to_ox(node)
        return converted

    graphs: dict[Node | None, ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = {}
    for s, p, o, g in quads:
        if g not in graphs:
            graphs[g] = graph_name(g)
        yield ox.Quad(term(s), term(p), term(o), graphs[g])  # type: ignore[arg-type]  # an RDF subject or predicate is no literal


def dataset_quads(data: Graph) -> Iterator[ox.Quad]:
    """The quads of an rdflib dataset (or graph) as pyoxigraph quads."""
    return convert_quads(rdflib_quads(data))


def add_quads(dataset: Dataset, quads: Iterable[RdflibQuad]) -> None:
    """Add rdflib-term quads to a dataset (graph name None: its default graph)."""
    graphs: dict[IdentifiedNode, Graph] = {}
    for s, p, o, g in quads:
        if g is None:
            dataset.add((s, p, o))
            continue
        if not isinstance(g, IdentifiedNode):
            raise TypeError(f"a graph is named by an IRI or a blank node, not {g!r}")
        if g not in graphs:
            graphs[g] = dataset.graph(g)
        dataset.add((s, p, o, graphs[g]))


def quad_from_ox(quad: ox.Quad) -> RdflibQuad:
    """A pyoxigraph quad in rdflib terms (the default graph as None)."""
    graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else _from_ox(quad.graph_name)
    return _from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object), graph


# -- SPARQL TSV results (the fast path for large results) ---------------------------------------

def _iri(value: str) -> URIRef:
    """An IRI that Oxigraph has already checked: rdflib's own check is skipped."""
    return str.__new__(URIRef, value)


class _Datatype(NamedTuple):
    iri: URIRef | None
    canonical: Callable[[str], object] | None  # whether a lexical form needs no normalising
    to_python: Callable[[str], object]  # rdflib's conversion to a Python value
    ill_typed: bool | None  # of a canonical form: False for datatypes rdflib knows, else None


def _no_value(lexical: str) -> None:
    """rdflib keeps no Python value for a datatype it does not know."""


@cache
def _datatype(datatype: str | None) -> _Datatype:
    """What the fast path needs to know about a datatype, keyed by its IRI text (xsd:string: plain)."""
    dt = None if datatype in (None, XSD_STRING) else URIRef(datatype)
    recognised = dt is not None and dt in _toPythonMapping
    to_python = (_toPythonMapping[dt] or str) if dt is None or recognised else _no_value
    return _Datatype(dt, CANONICAL.get(None if dt is None else datatype), to_python, False if recognised else None)


def _literal(lexical: str, datatype: str | None = None) -> Literal:
    """A literal from Oxigraph's output, equal in every respect to ``Literal(lexical, datatype=...)``
    (xsd:string as a plain literal).

    Oxigraph has checked the term and writes the datatypes this project uses in canonical form,
    so rdflib's checks and normalising round trip (two thirds of a literal's cost) are skipped for
    them; the Python value is still rdflib's own (a canonical form is well formed)."""
    dt, canonical, to_python, ill_typed = _datatype(datatype)
    try:
        if canonical is None or not canonical(lexical):
            raise ValueError(lexical)
        value = to_python(lexical)
    except ValueError:  # a form to normalise, or no value (such as 2024-02-30): rdflib's own way
        return Literal(lexical, datatype=dt)
    return _made(lexical, dt, value, ill_typed)


def _made(lexical: str, datatype: URIRef | None, value: object, ill_typed: bool | None) -> Literal:
    """A literal with the state rdflib's constructor would give it, set directly."""
    literal = str.__new__(Literal, lexical)
    literal._language = None
    literal._datatype = datatype
    literal._value = value
    literal._ill_typed = ill_typed
    return literal


def _plain(lexical: str) -> Literal:
    """A plain literal, as ``Literal(lexical)`` makes it (the commonest cell: no datatype lookup)."""
    return _made(lexical, None, lexical, None)


def from_tsv(cell: str) -> Node | None:
    """One cell of a SPARQL 1.1 TSV result (an N-Triples/Turtle term) as an rdflib term."""
    term = read_tsv_term(cell)
    if term is None:
        return None
    kind, text, datatype, language = term
    if kind == "iri":
        return _iri(text)
    if kind == "bnode":
        return BNode(text)
    if language is not None:
        return Literal(text, lang=language)
    if datatype is None:
        return _plain(text)
    return _literal(text, datatype)


class _Terms(dict[str, "Node | None"]):
    """TSV cells -> terms, each distinct cell converted once (on its first lookup)."""

    def __missing__(self, cell: str) -> Node | None:
        term = self[cell] = from_tsv(cell)
        return term


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while many long-lived, acyclic objects are made (terms, rows,
    records): each full collection walks them all, and there is nothing cyclic to free (at 1M
    triples, half a build's parse time; a third of a 50 000-row result's conversion)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def tsv_rows(data: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    """Variables and rows of a SPARQL TSV result; each distinct term is converted once."""
    with no_cycle_collection():
        return _tsv_rows(data)


def _tsv_rows(data: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    variables, lines = tsv_lines(data)
    terms = _Terms({"": None}).__getitem__
    return variables, [tuple(map(terms, line)) for line in lines]
