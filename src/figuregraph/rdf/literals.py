"""Canonical literal forms, so every backend and every export spells a number the same way."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they reorder the text that follows
# them where it is shown ("Trojan Source"), so pages and tables show them as [U+202E].
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
NON_FINITE = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}  # Python's spelling -> XSD's
INTEGER_TYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.long, XSD.int}


def decimal_text(value: Decimal) -> str:
    """A decimal in XSD 1.1 canonical form, as Oxigraph writes it: no exponent, no trailing
    zeros, no trailing point (13800.0 -> "13800", 2.50 -> "2.5")."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal literal in canonical form (``decimal_text``)."""
    return Literal(decimal_text(value), datatype=XSD.decimal)


BOOLEAN_FORMS = {"1": "true", "0": "false"}


def canonical(term: Node | None) -> Node | None:
    """Numeric and boolean literals in canonical lexical form (``1`` -> ``true``, as Virtuoso writes
    booleans); every other term unchanged."""
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    if term.datatype == XSD.boolean:
        lexical = str(term)
        return Literal(BOOLEAN_FORMS[lexical], datatype=XSD.boolean) if lexical in BOOLEAN_FORMS else term
    try:
        if term.datatype == XSD.decimal:
            return decimal_literal(Decimal(str(term)))
        if term.datatype in INTEGER_TYPES:
            return Literal(str(int(str(term))), datatype=term.datatype)
    except (InvalidOperation, ValueError):
        return term
    return term


def reveal_bidi(text: str) -> str:
    """``text`` with each bidirectional control shown as ``[U+202E]`` rather than applied."""
    if BIDI_CONTROLS.search(text) is None:
        return text
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)


def display(term: Node | None) -> str:
    """A term as a person reads it in a table or a spreadsheet: record ids for data IRIs,
    plain numbers for decimals, the text of other literals (bidirectional controls shown, not applied)."""
    from .namespace import local_id

    if term is None:
        return ""
    if isinstance(term, Literal):
        python = term.toPython()
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
    if isinstance(value, Literal):
        python = value.toPython()
        return plain(python) if isinstance(python, (bool, int, float, Decimal)) else str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
