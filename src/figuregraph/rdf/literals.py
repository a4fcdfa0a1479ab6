"""Canonical literal forms, so every backend and every export spells a number the same way; and
terms as a person reads them (``display``) or as plain data (``plain``).

rdflib is imported where a literal is made: ``display`` and ``plain`` read rdflib terms and the
query cells of ``rdf.cells`` alike, and a query that only writes cells never loads rdflib."""

from __future__ import annotations

import math
import re
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .cells import XSD, XSD_BOOLEAN, XSD_DECIMAL, Cell
from .prefixes import local_id

if TYPE_CHECKING:
    from rdflib import Literal
    from rdflib.term import Node

# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they reorder the text that follows
# them where it is shown ("Trojan Source"), so pages and tables show them as [U+202E].
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
NON_FINITE = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}  # Python's spelling -> XSD's
INTEGER_TYPES = {XSD + name for name in ("integer", "nonNegativeInteger", "positiveInteger", "long", "int")}


def decimal_text(value: Decimal) -> str:
    """A decimal in XSD 1.1 canonical form, as Oxigraph writes it: no exponent, no trailing
    zeros, no trailing point (13800.0 -> "13800", 2.50 -> "2.5")."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal literal in canonical form (``decimal_text``)."""
    from rdflib import Literal
    from rdflib.namespace import XSD as XSD_TERMS

    return Literal(decimal_text(value), datatype=XSD_TERMS.decimal)


BOOLEAN_FORMS = {"1": "true", "0": "false"}


def canonical(term: Node | None) -> Node | None:
    """Numeric and boolean literals in canonical lexical form (``1`` -> ``true``, as Virtuoso writes
    booleans); every other term unchanged."""
    from rdflib import Literal

    if not isinstance(term, Literal) or term.datatype is None:
        return term
    datatype = str(term.datatype)
    if datatype == XSD_BOOLEAN:
        lexical = str(term)
        return Literal(BOOLEAN_FORMS[lexical], datatype=term.datatype) if lexical in BOOLEAN_FORMS else term
    try:
        if datatype == XSD_DECIMAL:
            return decimal_literal(Decimal(str(term)))
        if datatype in INTEGER_TYPES:
            return Literal(str(int(str(term))), datatype=term.datatype)
    except (InvalidOperation, ValueError):
        return term
    return term


def reveal_bidi(text: str) -> str:
    """``text`` with each bidirectional control shown as ``[U+202E]`` rather than applied."""
    if BIDI_CONTROLS.search(text) is None:
        return text
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)


def _literal_class() -> type[Literal] | None:
    """rdflib's Literal, if rdflib is loaded: a value can only be one if it is."""
    module = sys.modules.get("rdflib.term")
    return None if module is None else module.Literal


def _literal_value(term: object) -> tuple[bool, object]:
    """Whether a term (rdflib's or a query ``Cell``) is a literal, and its Python value: rdflib's
    (the literal itself where it has none), a cell's number or boolean (None for other literals)."""
    if isinstance(term, Cell):
        return term.literal, term.value
    literal = _literal_class()
    if literal is not None and isinstance(term, literal):
        return True, term.toPython()
    return False, None


def display(term: Node | Cell | None) -> str:
    """A term as a person reads it in a table or a spreadsheet: record ids for data IRIs,
    plain numbers for decimals, the text of other literals (bidirectional controls shown, not applied)."""
    if term is None:
        return ""
    literal, python = _literal_value(term)
    if literal:
        if isinstance(python, Decimal):
            return format(python.normalize(), "f")
        return reveal_bidi(str(term))
    return reveal_bidi(local_id(term))


def plain(value: Any) -> Any:
    """A term or value as plain JSON-ready data: numbers as numbers (whole decimals as integers),
    booleans as booleans, dates as ISO text, IRIs and other literals as text, None kept. A dataset
    file cannot bring infinite numbers (``store.welltyped``); one from an endpoint is written as
    ``"INF"``, never as the ``Infinity`` that is not JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE[repr(value)]  # JSON has no infinity: the XSD spelling, as text
    if value is None or isinstance(value, (bool, int, float)):
        return value
    literal, python = _literal_value(value)
    if literal:
        return plain(python) if isinstance(python, (bool, int, float, Decimal)) else str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
