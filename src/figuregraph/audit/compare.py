"""Pairs of comparable figures (same measure, a shared subject, overlapping periods):
corroboration, circular reporting or conflict; and totals against the sum of their parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import TypeVar

from .chains import Trace
from .evidence import Claim, Evidence


@dataclass(frozen=True)
class Pair:
    kind: str  # corroboration | circular | conflict
    a: str
    b: str
    shared: tuple[str, ...]  # origins both trace back to (circular reporting)
    reason: str


@dataclass(frozen=True)
class TotalCheck:
    total: str
    parts: tuple[str, ...]
    parts_lower: Decimal
    parts_upper: Decimal | None
    total_lower: Decimal | None
    total_upper: Decimal | None
    verdict: str  # consistent | inconsistent | incomplete
    reason: str


Ordered = TypeVar("Ordered", Decimal, date)


def _overlap(lo1: Ordered | None, hi1: Ordered | None, lo2: Ordered | None, hi2: Ordered | None) -> bool:
    """Closed intervals overlap; None is an open end."""
    return (lo1 is None or hi2 is None or lo1 <= hi2) and (lo2 is None or hi1 is None or lo2 <= hi1)


def comparable(a: Claim, b: Claim) -> bool:
    """Same measure, a shared subject, overlapping periods."""
    return (a.kind == b.kind == "figure" and a.measure is not None and a.measure == b.measure
            and bool(a.subjects & b.subjects) and _overlap(a.start, a.end, b.start, b.end))


def relation(a: Claim, b: Claim) -> str:
    """How two comparable figures' periods relate: ``same`` (equal, or a snapshot "as of" with
    an open start), ``nested`` (one closed period inside the other) or ``partial``. Only figures
    for the same period can confirm or contradict each other's value; for nested periods a
    count for the part of the period can only contradict one for the whole by exceeding it."""
    if (a.start, a.end) == (b.start, b.end) or a.start is None or b.start is None:
        return "same"
    if a.end is None or b.end is None:
        return "partial"
    inside = (a.start >= b.start and a.end <= b.end) or (b.start >= a.start and b.end <= a.end)
    return "nested" if inside else "partial"


def compatible(a: Claim, b: Claim) -> bool:
    return _overlap(a.lower, a.upper, b.lower, b.upper)


def _bounds(c: Claim) -> str:
    return f"{c.lower if c.lower is not None else 'open'}..{c.upper if c.upper is not None else 'open'}"


def _names(iris: set[str] | tuple[str, ...], evidence: Evidence) -> str:
    return ", ".join(sorted(evidence.label(i) for i in iris)) or "none"


def within(inner: Claim, outer: Claim) -> bool:
    """Whether one closed period lies inside another (what ``relation`` calls ``nested``)."""
    if inner.start is None or inner.end is None or outer.start is None or outer.end is None:
        raise ValueError("within() compares closed periods")
    return inner.start >= outer.start and inner.end <= outer.end


def judge(a: Claim, b: Claim, ta: Trace, tb: Trace, evidence: Evidence) -> Pair | None:
    """How two comparable figures bear on each other: corroboration, circular reporting or
    conflict; None when they can neither confirm nor contradict each other (periods that only
    partly overlap, a part of a period within the whole's bounds, or a chain with no root)."""
    what = (f"'{a.wording}' ({_bounds(a)}) and '{b.wording}' ({_bounds(b)})")
    periods = relation(a, b)
    if periods == "partial":
        return None
    if periods == "nested":
        inner, outer = (a, b) if within(a, b) else (b, a)
        if outer.upper is not None and inner.lower is not None and inner.lower > outer.upper:
            return Pair("conflict", a.iri, b.iri, (), f"'{inner.wording}' for {inner.start}..{inner.end} "
                        f"exceeds '{outer.wording}' ({_bounds(outer)}) for the whole of "
                        f"{outer.start}..{outer.end}")
        return None
    if not compatible(a, b):
        return Pair("conflict", a.iri, b.iri, (), f"{what} do not overlap; origins "
                    f"{_names(ta.origins, evidence)} vs {_names(tb.origins, evidence)}")
    if not ta.roots or not tb.roots:
        return None  # independence cannot be judged without roots
    shared = tuple(sorted(ta.origins & tb.origins))
    if shared:
        return Pair("circular", a.iri, b.iri, shared, f"{what} agree but both trace back to "
                    f"{_names(shared, evidence)}: one chain repeating a number, not corroboration")
    return Pair("corroboration", a.iri, b.iri, (), f"{what} agree and trace back to different origins: "
                f"{_names(ta.origins, evidence)} vs {_names(tb.origins, evidence)}")


def pairs(evidence: Evidence, traces: dict[str, Trace]) -> list[Pair]:
    """Every comparable pair of figures, judged (grouped by measure first: no quadratic blow-up)."""
    groups: dict[str, list[Claim]] = {}
    for claim in evidence.claims.values():
        if claim.kind == "figure" and claim.measure:
            groups.setdefault(claim.measure, []).append(claim)
    found = []
    for members in groups.values():
        for a, b in combinations(sorted(members, key=lambda c: c.iri), 2):
            if comparable(a, b):
                pair = judge(a, b, traces[a.iri], traces[b.iri], evidence)
                if pair is not None:
                    found.append(pair)
    return sorted(found, key=lambda p: (p.kind, p.a, p.b))


def totals(evidence: Evidence) -> list[TotalCheck]:
    """Each total against the interval sum of the parts that declare it."""
    parts: dict[str, list[Claim]] = {}
    for claim in evidence.claims.values():
        if claim.total and claim.total in evidence.claims:
            parts.setdefault(claim.total, []).append(claim)
    checks = []
    for total_iri, members in sorted(parts.items()):
        total = evidence.claims[total_iri]
        members.sort(key=lambda c: c.iri)
        lows = [c.lower if c.lower is not None else Decimal(0) for c in members]
        low = sum(lows, Decimal(0))
        highs = [c.upper for c in members]
        high = None if any(h is None for h in highs) else sum((h for h in highs if h is not None), Decimal(0))
        sum_text = (" + ".join(_bounds(c) for c in members) + f" = {low}..{high if high is not None else 'open'}")
        total_text = f"the total '{total.wording}' is {_bounds(total)}"
        if total.upper is not None and low > total.upper:
            verdict, why = "inconsistent", f"the parts add up to at least {low}, more than the total allows"
        elif high is not None and total.lower is not None and high < total.lower:
            verdict, why = "incomplete", f"the parts add up to at most {high}, less than the total: parts are missing"
        else:
            verdict, why = "consistent", "the sum of the parts' bounds overlaps the total's bounds"
        checks.append(TotalCheck(total_iri, tuple(c.iri for c in members), low, high, total.lower, total.upper,
                                 verdict, f"{len(members)} parts: {sum_text}; {total_text}; {why}"))
    return checks
