"""Whether a literal's text is a value of its datatype, for the XSD datatypes the outputs read as
numbers, dates and truth values (XSD 1.1 lexical spaces, plus: numbers are finite).

A dataset file holding ``"abc"^^xsd:decimal`` or ``"1e999"^^xsd:double`` is refused when it is
read (``store.welltyped``): JSON has no infinity (rdflib's JSON-LD writer would put ``Infinity``
in the file), an ill-typed number becomes text in one output and a traceback in the audit's
arithmetic, so no output could keep it as it is. The figures' numbers are finite decimals.
"""

from __future__ import annotations

import math
import re
from datetime import date
from collections.abc import Callable

XSD = "http://www.w3.org/2001/XMLSchema#"

_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"-?(?:[1-9][0-9]{4,}|[0-9]{4})"
_DAY = r"(?P<year>" + _YEAR + r")-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"

_PATTERNS = {
    "decimal": re.compile(_DECIMAL),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "double": re.compile(_DECIMAL + r"(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(_DAY + _TZ),
    "dateTime": re.compile(_DAY + "T" + _TIME + _TZ),
    "gYear": re.compile(_YEAR + _TZ),
    "gYearMonth": re.compile(_YEAR + r"-(?:0[1-9]|1[0-2])" + _TZ),
}

# Integer datatypes and their bounds (None: unbounded on that side).
_INTEGERS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
_FLOAT_MAX = 3.4028234663852886e38  # the largest finite xsd:float (IEEE single precision)


def _number(kind: str, largest: float) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        if not _PATTERNS["double"].fullmatch(text):
            return f"not an xsd:{kind}"
        value = float(text)
        return None if math.isfinite(value) and abs(value) <= largest else f"not a finite xsd:{kind}"
    return check


def _integer(kind: str) -> Callable[[str], str | None]:
    low, high = _INTEGERS[kind]

    def check(text: str) -> str | None:
        if not _PATTERNS["integer"].fullmatch(text):
            return f"not an xsd:{kind}"
        if low is None and high is None:
            return None
        digits = text.lstrip("+-").lstrip("0")
        value = int(text) if len(digits) <= 20 else None  # every bounded type fits in 20 digits
        if value is None or (low is not None and value < low) or (high is not None and value > high):
            return f"out of the range of xsd:{kind}"
        return None
    return check


def _dated(kind: str) -> Callable[[str], str | None]:
    pattern = _PATTERNS[kind]

    def check(text: str) -> str | None:
        match = pattern.fullmatch(text)
        if not match:
            return f"not an xsd:{kind}"
        if "day" in pattern.groupindex:
            year = int(match["year"])
            stand_in = 2000 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 2001  # leap or not
            try:
                date(stand_in, int(match["month"]), int(match["day"]))  # the day exists in that month
            except ValueError:
                return f"not an xsd:{kind} (no such day)"
        return None
    return check


def _pattern(kind: str) -> Callable[[str], str | None]:
    pattern = _PATTERNS[kind]
    return lambda text: None if pattern.fullmatch(text) else f"not an xsd:{kind}"


CHECKS: dict[str, Callable[[str], str | None]] = {
    XSD + "decimal": _pattern("decimal"),
    XSD + "double": _number("double", math.inf),
    XSD + "float": _number("float", _FLOAT_MAX),
    XSD + "boolean": _pattern("boolean"),
    **{XSD + kind: _dated(kind) for kind in ("date", "dateTime")},
    **{XSD + kind: _pattern(kind) for kind in ("gYear", "gYearMonth")},
    **{XSD + kind: _integer(kind) for kind in _INTEGERS},
}


def problem(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is no value of ``datatype`` (``"not an xsd:decimal"``), or None when it is one
    (or the datatype is not one that is checked)."""
    check = CHECKS.get(datatype)
    return None if check is None else check(lexical)
