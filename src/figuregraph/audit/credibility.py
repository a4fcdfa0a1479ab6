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


def _others(claim: str, found: list[Pair], kind: str) -> list[str]:
    return sorted((p.b if p.a == claim else p.a) for p in found if p.kind == kind and claim in (p.a, p.b))


def grade(evidence: Evidence, traces: dict[str, Trace], pairs: list[Pair], totals: list[TotalCheck]) -> list[Grade]:
    label = evidence.label
    grades = []
    for iri, claim in sorted(evidence.claims.items()):
        if claim.kind != "figure":
            continue
        trace = traces[iri]
        confirming = _others(iri, pairs, "corroboration")
        contradicting = _others(iri, pairs, "conflict")
        repeating = _others(iri, pairs, "circular")
        # an incomplete total (parts missing) neither supports nor doubts a figure
        checks = [t for t in totals if (iri == t.total or iri in t.parts) and t.verdict != "incomplete"]
        names = lambda iris: "; ".join(f"'{evidence.claims[i].wording}' ({label(i)})" for i in iris)  # noqa: E731
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
