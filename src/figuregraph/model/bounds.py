"""Bounds implied by a stated number's qualifier (see the qualifier scheme in the ontology).

g is the rounding unit of the number as written: 50500 -> 100, 16000 -> 1000, 22580 -> 10,
2.5 -> 0.1. A record may set g itself (``rounding``) where the rule misreads the precision.
"""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Callable

Bound = Decimal | None
Rule = Callable[[Decimal, Decimal], tuple[Bound, Bound]]


class BoundsError(ValueError):
    """Bounds that cannot be derived or are out of order."""


def rounding_unit(written: str) -> Decimal:
    """The rounding unit of a number as written: trailing zeros of an integer, else its last decimal."""
    digits = written.lstrip("-")
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    if set(digits) == {"0"}:
        return Decimal(1)
    zeros = len(digits) - len(digits.rstrip("0"))
    return Decimal(1).scaleb(zeros)


def _order_of_magnitude(v: Decimal, g: Decimal) -> tuple[Bound, Bound]:
    if v < 10 or v != Decimal(1).scaleb(len(str(int(v))) - 1):
        raise BoundsError(f"an order of magnitude is a power of ten (10, 100, 1000, ...), not {v}")
    return v, v * 10 - 1


RULES: dict[str, Rule] = {
    "exact": lambda v, g: (v, v),
    "about": lambda v, g: (v - g / 2, v + g / 2),
    "nearly": lambda v, g: (v - g, v),
    "over": lambda v, g: (v, v + g),
    "under": lambda v, g: (v - g, v),
    "at-least": lambda v, g: (v, None),
    "up-to": lambda v, g: (Decimal(0), v),
    "range": lambda v, g: (None, None),  # stated explicitly; see derive()
    "order-of-magnitude": _order_of_magnitude,
}


def derive(qualifier: str, value: Decimal, g: Decimal,
           lower: Bound = None, upper: Bound = None) -> tuple[Bound, Bound]:
    """The (lower, upper) bounds of a figure; None is an open end. Raises BoundsError."""
    if qualifier not in RULES:
        raise BoundsError(f"unknown qualifier '{qualifier}'")
    lo: Bound
    hi: Bound
    if qualifier == "range":
        if lower is None or upper is None:
            raise BoundsError("a range needs both 'lower' and 'upper'")
        lo, hi = lower, upper
    else:
        if lower is not None or upper is not None:
            raise BoundsError(
                f"bounds of a '{qualifier}' figure are derived from its qualifier; "
                "give 'lower'/'upper' only for a range, or set 'rounding' to change the rounding unit"
            )
        lo, hi = RULES[qualifier](value, g)
    if lo is not None and hi is not None and lo > hi:
        raise BoundsError(f"bounds out of order: lower {lo} is above upper {hi}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise BoundsError(f"value {value} lies outside its bounds {lo}..{hi}")
    return lo, hi
