"""Conversion between rdflib terms (the modelling API) and pyoxigraph terms (the fast path)."""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

XSD_STRING = str(XSD.string)


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
    if term is None:
        return None
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


# -- SPARQL TSV results (the fast path for large results) ---------------------------------------

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_BARE = {"true": XSD.boolean, "false": XSD.boolean}
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
_DOUBLE = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+$")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                       else _SIMPLE.get(m.group(3), m.group(3)), text)


def from_tsv(cell: str) -> Node | None:
    """One cell of a SPARQL 1.1 TSV result (an N-Triples/Turtle term) as an rdflib term."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return URIRef(_unescape(cell[1:-1]))
    if first == '"':
        end = cell.rfind('"')
        lexical = _unescape(cell[1:end])
        rest = cell[end + 1:]
        if rest.startswith("@"):
            return Literal(lexical, lang=rest[1:])
        if rest.startswith("^^<"):
            datatype = _unescape(rest[3:-1])
            return Literal(lexical) if datatype == XSD_STRING else Literal(lexical, datatype=URIRef(datatype))
        return Literal(lexical)
    if cell.startswith("_:"):
        return BNode(cell[2:])
    if cell in _BARE:
        return Literal(cell, datatype=_BARE[cell])
    for pattern, datatype in ((_INTEGER, XSD.integer), (_DECIMAL, XSD.decimal), (_DOUBLE, XSD.double)):
        if pattern.match(cell):
            return Literal(cell, datatype=datatype)
    raise ValueError(f"not a SPARQL TSV term: {cell[:80]!r}")


def tsv_rows(data: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    """Variables and rows of a SPARQL TSV result; each distinct term is converted once."""
    lines = data.decode("utf-8").split("\n")
    variables = tuple(v[1:] for v in lines[0].split("\t")) if lines and lines[0] else ()
    cache: dict[str, Node | None] = {"": None}
    rows = []
    for line in lines[1:]:
        if not line and len(variables) != 1:
            continue
        row = []
        for cell in line.split("\t"):
            term = cache.get(cell, cache)
            if term is cache:
                term = cache[cell] = from_tsv(cell)
            row.append(term)
        rows.append(tuple(row))
    if len(variables) == 1 and rows and rows[-1] == (None,) and data.endswith(b"\n"):
        rows.pop()  # the final newline, not an unbound row
    return variables, rows  # type: ignore[return-value]
