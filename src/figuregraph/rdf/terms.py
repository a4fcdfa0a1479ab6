"""Conversion between rdflib terms (the modelling API) and pyoxigraph terms (the fast path)."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from functools import cache
from typing import NamedTuple
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import IdentifiedNode, Node, _toPythonMapping

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

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
XSD_INTEGER, XSD_DECIMAL, XSD_DOUBLE = str(XSD.integer), str(XSD.decimal), str(XSD.double)
_BARE = {"true": str(XSD.boolean), "false": str(XSD.boolean)}
_NUMBER = re.compile(r"[+-]?(?:(?P<integer>[0-9]+)|(?P<decimal>[0-9]*\.[0-9]+)|"
                     r"(?P<double>(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+))")
_NUMBER_TYPES = {"integer": XSD_INTEGER, "decimal": XSD_DECIMAL, "double": XSD_DOUBLE}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                       else _SIMPLE.get(m.group(3), m.group(3)), text)


def _iri(value: str) -> URIRef:
    """An IRI that Oxigraph has already checked: rdflib's own check is skipped."""
    return str.__new__(URIRef, value)


def _any_form(lexical: str) -> bool:
    return True


# The forms that rdflib's normalisation leaves as they are, for the datatypes this project uses
# (Oxigraph writes valid numbers so): these need no second pass.
_CANONICAL: dict[str | None, Callable[[str], object]] = {
    None: _any_form, str(XSD.anyURI): _any_form, str(XSD.boolean): re.compile("true|false").fullmatch,
    XSD_INTEGER: re.compile(r"-?(?:0|[1-9][0-9]*)").fullmatch,
    XSD_DECIMAL: re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?").fullmatch,
    str(XSD.date): re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch,
    str(XSD.gYearMonth): re.compile(r"[0-9]{4}-[0-9]{2}").fullmatch, str(XSD.gYear): re.compile(r"[0-9]{4}").fullmatch}


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
    return _Datatype(dt, _CANONICAL.get(None if dt is None else datatype), to_python, False if recognised else None)


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
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return _iri(_unescape(cell[1:-1]))
    if first == '"':
        end = cell.rfind('"')
        lexical = _unescape(cell[1:end])
        rest = cell[end + 1:]
        if rest.startswith("@"):
            return Literal(lexical, lang=rest[1:])
        if rest.startswith("^^<"):
            return _literal(lexical, _unescape(rest[3:-1]))
        return _plain(lexical)
    if cell.startswith("_:"):
        return BNode(cell[2:])
    if cell in _BARE:
        return _literal(cell, _BARE[cell])
    number = _NUMBER.fullmatch(cell)
    if number:
        return _literal(cell, _NUMBER_TYPES[number.lastgroup or ""])  # a full match has a last group
    raise ValueError(f"not a SPARQL TSV term: {cell[:80]!r}")


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


def tsv_variables(data: bytes) -> tuple[str, ...]:
    """The variables of a SPARQL TSV result (its first line)."""
    end = data.find(b"\n")
    head = (data if end < 0 else data[:end]).decode("utf-8")
    return tuple(v[1:] for v in head.split("\t")) if head else ()


def tsv_rows(data: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    """Variables and rows of a SPARQL TSV result; each distinct term is converted once."""
    with no_cycle_collection():
        return _tsv_rows(data)


def _tsv_rows(data: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    lines = data.decode("utf-8").split("\n")
    variables = tuple(v[1:] for v in lines[0].split("\t")) if lines and lines[0] else ()
    terms = _Terms({"": None}).__getitem__
    body = lines[1:]
    if body and not body[-1] and data.endswith(b"\n"):
        body.pop()  # the final newline, not an unbound row
    if len(variables) != 1:
        body = [line for line in body if line]
    return variables, [tuple(map(terms, line.split("\t"))) for line in body]
