"""Query result cells without rdflib: a SPARQL TSV result read as the writers show it.

``read_tsv_term`` reads one TSV cell (an N-Triples/Turtle term) into its parts; ``rdf.terms``
makes rdflib terms of them, ``tsv_cells`` makes ``Cell``s: the text of an IRI, a blank node or
a literal, and the value of a number or boolean literal, which is what ``rdf.literals.display``
and ``plain`` read of a term. A cell whose form rdflib would normalise (a datatype or a lexical
form other than those below) becomes an rdflib term instead, so every cell is shown exactly as
its rdflib term is."""

from __future__ import annotations

import re
from decimal import Decimal
from collections.abc import Callable

from .prefixes import PREFIXES

XSD = PREFIXES["xsd"]
XSD_STRING, XSD_BOOLEAN = XSD + "string", XSD + "boolean"
XSD_INTEGER, XSD_DECIMAL, XSD_DOUBLE = XSD + "integer", XSD + "decimal", XSD + "double"

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_BARE = {"true": XSD_BOOLEAN, "false": XSD_BOOLEAN}
_NUMBER = re.compile(r"[+-]?(?:(?P<integer>[0-9]+)|(?P<decimal>[0-9]*\.[0-9]+)|"
                     r"(?P<double>(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+))")
_NUMBER_TYPES = {"integer": XSD_INTEGER, "decimal": XSD_DECIMAL, "double": XSD_DOUBLE}


def _any_form(lexical: str) -> bool:
    return True


# The forms that rdflib's normalisation leaves as they are, for the datatypes this project uses
# (Oxigraph writes valid numbers so), keyed by datatype IRI (None: a plain literal).
CANONICAL: dict[str | None, Callable[[str], object]] = {
    None: _any_form, XSD + "anyURI": _any_form, XSD_BOOLEAN: re.compile("true|false").fullmatch,
    XSD_INTEGER: re.compile(r"-?(?:0|[1-9][0-9]*)").fullmatch,
    XSD_DECIMAL: re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?").fullmatch,
    XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch,
    XSD + "gYearMonth": re.compile(r"[0-9]{4}-[0-9]{2}").fullmatch, XSD + "gYear": re.compile(r"[0-9]{4}").fullmatch}

# rdflib's Python value of a canonical form, for the datatypes whose value a writer uses
_VALUES: dict[str, Callable[[str], int | Decimal | bool]] = {
    XSD_INTEGER: int, XSD_DECIMAL: Decimal, XSD_BOOLEAN: lambda lexical: lexical == "true"}


def unescape(text: str) -> str:
    """A TSV term's text with its ECHAR and UCHAR escapes read."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                       else _SIMPLE.get(m.group(3), m.group(3)), text)


# A TSV term's parts: its kind ("iri", "bnode" or "literal"), its text (the IRI, the blank node's
# id, the literal's lexical form), a typed literal's datatype IRI and a literal's language (a plain
# tuple: it is made for every distinct cell, and a named tuple costs several times as much)
TsvTerm = tuple[str, str, str | None, str | None]


def read_tsv_term(cell: str) -> TsvTerm | None:
    """One cell of a SPARQL 1.1 TSV result in its parts; None for an empty (unbound) cell."""
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return "iri", unescape(cell[1:-1]), None, None
    if first == '"':
        end = cell.rfind('"')
        lexical = unescape(cell[1:end])
        rest = cell[end + 1:]
        if rest.startswith("@"):
            return "literal", lexical, None, rest[1:]
        if rest.startswith("^^<"):
            return "literal", lexical, unescape(rest[3:-1]), None
        return "literal", lexical, None, None
    if cell.startswith("_:"):
        return "bnode", cell[2:], None, None
    if cell in _BARE:
        return "literal", cell, _BARE[cell], None
    number = _NUMBER.fullmatch(cell)
    if number:
        return "literal", cell, _NUMBER_TYPES[number.lastgroup or ""], None  # a full match has a last group
    raise ValueError(f"not a SPARQL TSV term: {cell[:80]!r}")


def tsv_lines(data: bytes) -> tuple[tuple[str, ...], list[list[str]]]:
    """The variables of a SPARQL TSV result and its rows' cells, as text."""
    lines = data.decode("utf-8").split("\n")
    variables = tuple(v[1:] for v in lines[0].split("\t")) if lines and lines[0] else ()
    body = lines[1:]
    if body and not body[-1] and data.endswith(b"\n"):
        body.pop()  # the final newline, not an unbound row
    if len(variables) != 1:
        body = [line for line in body if line]
    return variables, [line.split("\t") for line in body]


def tsv_variables(data: bytes) -> tuple[str, ...]:
    """The variables of a SPARQL TSV result (its first line)."""
    end = data.find(b"\n")
    head = (data if end < 0 else data[:end]).decode("utf-8")
    return tuple(v[1:] for v in head.split("\t")) if head else ()


class Cell:
    """A result cell as the writers read it: ``text`` (an IRI, a blank node's id, a literal's
    lexical form), whether it is a literal, and the value of a number or boolean literal."""

    __slots__ = ("literal", "text", "value")

    def __init__(self, text: str, literal: bool, value: int | Decimal | bool | None = None) -> None:
        self.text, self.literal, self.value = text, literal, value

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.literal}, {self.value!r})"


def cell_of(term: TsvTerm) -> Cell | None:
    """The cell of a TSV term, or None where rdflib would normalise its form."""
    kind, text, datatype, language = term
    if kind != "literal":
        return Cell(text, False)
    if language is not None:
        return Cell(text, True)
    if datatype == XSD_STRING:
        datatype = None
    canonical = CANONICAL.get(datatype)
    if canonical is None or not canonical(text):
        return None
    convert = _VALUES.get(datatype or "")
    return Cell(text, True, convert(text) if convert else None)


class _Cells(dict[str, object]):
    """TSV cells -> Cells (or rdflib terms, where a cell needs rdflib's normalising), each distinct
    cell read once."""

    def __missing__(self, text: str) -> object:
        term = read_tsv_term(text)
        cell: object = None if term is None else cell_of(term)
        if cell is None and term is not None:
            from .terms import from_tsv

            cell = from_tsv(text)
        self[text] = cell
        return cell


def tsv_cells(data: bytes) -> list[tuple[object, ...]]:
    """The rows of a SPARQL TSV result as the writers read them (``Cell``, an rdflib term or None)."""
    cells = _Cells({"": None}).__getitem__
    return [tuple(map(cells, line)) for line in tsv_lines(data)[1]]
