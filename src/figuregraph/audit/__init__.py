"""The audit: does each figure hold up? Chains to primary sources, corroboration against
circular reporting, conflicts, totals, and information credibility, all derived from the
curated records and kept apart from them (a named graph of their own)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import progress
from ..store.base import Store
from .chains import Trace, trace_all
from .compare import Pair, TotalCheck, pairs, totals
from .credibility import Grade, grade
from .evidence import Evidence, read


@dataclass(frozen=True)
class Audit:
    evidence: Evidence
    traces: dict[str, Trace]
    pairs: list[Pair]
    totals: list[TotalCheck]
    grades: list[Grade]

    def cycles(self) -> list[tuple[str, ...]]:
        return sorted({c for t in self.traces.values() for c in t.cycles})


def run_audit(store: Store) -> Audit:
    """Audit the graph in ``store`` (records only: an earlier audit graph in it is ignored)."""
    with progress.task("audit", total=5, unit="stages") as step:
        step.stage("reading the evidence")
        evidence = read(store)
        step.stage("tracing the chains")
        traces = trace_all(evidence)
        step.stage("comparing figures")
        found = pairs(evidence, traces)
        step.stage("checking totals")
        checked = totals(evidence)
        step.stage("grading credibility")
        return Audit(evidence, traces, found, checked, grade(evidence, traces, found, checked))


__all__ = ["Audit", "Grade", "Pair", "TotalCheck", "Trace", "run_audit"]
