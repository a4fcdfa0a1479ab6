"""Information credibility (NATO/Admiralty 1-6) of each figure, derived from corroboration,
conflicts and totals, with the reason. Source reliability (A-F) is recorded by people
(``figuregraph assess``) and is never folded into this grade."""

from __future__ import annotations

from dataclasses import dataclass

from .chains import Trace
from .compare import Pair, TotalCheck
from .evidence import Evidence


@dataclass(frozen=True)
class Grade:
    claim: str
    grade: int
    reason: str


def _by_claim(pairs: list[Pair]) -> dict[tuple[str, str], list[str]]:
    """(claim, kind) -> the other figures of its pairs of that kind."""
    index: dict[tuple[str, str], list[str]] = {}
    for p in pairs:
        index.setdefault((p.a, p.kind), []).append(p.b)
        index.setdefault((p.b, p.kind), []).append(p.a)
    return {key: sorted(others) for key, others in index.items()}


def grade(evidence: Evidence, traces: dict[str, Trace], pairs: list[Pair], totals: list[TotalCheck]) -> list[Grade]:
    label = evidence.label
    others = _by_claim(pairs)
    checks_of: dict[str, list[TotalCheck]] = {}
    for t in totals:
        if t.verdict != "incomplete":  # parts missing neither support nor doubt a figure
            for member in (t.total, *t.parts):
                checks_of.setdefault(member, []).append(t)
    grades = []

    def names(iris: list[str]) -> str:
        return "; ".join(f"'{evidence.claims[i].wording}' ({label(i)})" for i in iris)

    for iri, claim in sorted(evidence.claims.items()):
        if claim.kind != "figure":
            continue
        trace = traces[iri]
        confirming = others.get((iri, "corroboration"), [])
        contradicting = others.get((iri, "conflict"), [])
        repeating = others.get((iri, "circular"), [])
        checks = checks_of.get(iri, [])
        if not trace.roots:
            cycle = " (the citations loop)" if trace.cycles else ""
            grades.append(Grade(iri, 6, f"cannot be judged: no primary source can be reached{cycle}"))
        elif confirming and not contradicting:
            grades.append(Grade(iri, 1, f"confirmed by independent sources: {names(confirming)}"))
        elif confirming and contradicting:
            grades.append(Grade(iri, 3, f"possibly true: confirmed by {names(confirming)} but contradicted by "
                                         f"{names(contradicting)}"))
        elif contradicting:
            origins = {o for other in contradicting for o in traces[other].origins} - trace.origins
            level = 5 if len(origins) >= 2 else 4
            word = "improbable" if level == 5 else "doubtful"
            grades.append(Grade(iri, level, f"{word}: contradicted by {names(contradicting)}"))
        elif any(t.verdict == "inconsistent" for t in checks):
            bad = next(t for t in checks if t.verdict == "inconsistent")
            grades.append(Grade(iri, 4, f"doubtful: parts and total are {bad.verdict} ({bad.reason})"))
        elif checks:
            grades.append(Grade(iri, 2, "probably true: not confirmed independently, but consistent with "
                                         f"its total or parts ({checks[0].reason})"))
        elif repeating:
            grades.append(Grade(iri, 6, "cannot be judged: only repeated along its own chain "
                                         f"(circular reporting with {names(repeating)}), never confirmed"))
        else:
            grades.append(Grade(iri, 6, "cannot be judged: a single chain of sources and no other figure "
                                         "to compare it with"))
    return grades
