"""The audit as a reader sees it: one table per question (rich tables or Markdown), and the same
findings as JSON-ready data with stable keys, ids and arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable, Sequence

from ..rdf.literals import plain
from ..rdf.namespace import local_id
from . import Audit
from .chains import Trace
from .compare import Pair, TotalCheck
from .credibility import Grade


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


@dataclass(frozen=True)
class Findings:
    """What the report shows: everything, or only what concerns one figure."""

    traces: list[Trace]
    pairs: list[Pair]
    totals: list[TotalCheck]
    grades: list[Grade]
    cycles: list[tuple[str, ...]]


def findings(audit: Audit, figure: str | None = None) -> Findings:
    """The audit's findings; with ``figure`` only what concerns that figure (its chains, roots, pairs)."""
    ev = audit.evidence

    def keep(*claims: str) -> bool:
        return figure is None or any(local_id(c) == figure for c in claims)

    loops = audit.cycles() if figure is None else sorted(
        {c for claim, t in audit.traces.items() if keep(claim) for c in t.cycles})
    return Findings(
        traces=[t for c, t in audit.traces.items() if keep(c) and ev.claims[c].kind == "figure"],
        pairs=[p for p in audit.pairs if keep(p.a, p.b)],
        totals=[t for t in audit.totals if keep(t.total, *t.parts)],
        grades=[g for g in audit.grades if keep(g.claim)],
        cycles=loops,
    )


def sections(audit: Audit, figure: str | None = None) -> list[Section]:
    """The report as tables, with labels for people."""
    label = audit.evidence.label
    found = findings(audit, figure)
    chains = [(local_id(t.claim), " -> ".join(label(n) for n in chain), ", ".join(sorted(label(r) for r in t.roots)),
               ", ".join(sorted(label(o) for o in t.origins)))
              for t in found.traces for chain in (t.chains or [()])]
    pairs = [(p.kind, local_id(p.a), local_id(p.b), p.reason) for p in found.pairs]
    totals = [(local_id(t.total), t.verdict, str(t.parts_lower),
               "open" if t.parts_upper is None else str(t.parts_upper), t.reason) for t in found.totals]
    grades = [(local_id(g.claim), str(g.grade), g.reason) for g in found.grades]
    cycles = [(" -> ".join(label(c) for c in (*cycle, cycle[0])),) for cycle in found.cycles]
    return [
        Section("Chains to primary sources", ("figure", "chain", "roots", "origins"), chains),
        Section("Corroboration, circular reporting and conflicts", ("finding", "figure", "other figure", "why"), pairs),
        Section("Totals against their parts", ("total", "verdict", "parts lower", "parts upper", "arithmetic"), totals),
        Section("Information credibility (1-6)", ("figure", "credibility", "why"), grades),
        Section("Citation cycles", ("cycle",), cycles),
    ]


def markdown(parts: list[Section]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = ["# figuregraph audit", ""]
    for s in parts:
        out += [f"## {s.title}", ""]
        if not s.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(s.columns) + " |")
        out.append("|" + "---|" * len(s.columns))
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in s.rows]
        out.append("")
    return "\n".join(out)


def as_data(audit: Audit, figure: str | None = None) -> dict[str, Any]:
    """The findings as JSON-ready data: record ids (``labels`` maps each one named to its label),
    chains and cycles as arrays of ids, numbers as numbers. Its schema is ``cli/schemas/audit.json``."""
    found = findings(audit, figure)
    named: set[str] = set()

    def ref(node: str) -> str:
        named.add(node)
        return local_id(node)

    def refs(nodes: Iterable[str]) -> list[str]:
        return [ref(n) for n in nodes]

    data: dict[str, Any] = {
        "figure": figure,
        "chains": [{"figure": ref(t.claim), "chains": [refs(c) for c in t.chains], "roots": sorted(refs(t.roots)),
                    "origins": sorted(refs(t.origins)), "truncated": t.truncated} for t in found.traces],
        "findings": [{"kind": p.kind, "figure": ref(p.a), "other": ref(p.b), "shared_origins": refs(p.shared),
                      "reason": p.reason} for p in found.pairs],
        "totals": [{"total": ref(t.total), "parts": refs(t.parts), "verdict": t.verdict,
                    "parts_lower": plain(t.parts_lower), "parts_upper": plain(t.parts_upper),
                    "total_lower": plain(t.total_lower), "total_upper": plain(t.total_upper),
                    "reason": t.reason} for t in found.totals],
        "credibility": [{"figure": ref(g.claim), "grade": g.grade, "reason": g.reason} for g in found.grades],
        "cycles": [refs(cycle) for cycle in found.cycles],
    }
    data["labels"] = {local_id(n): audit.evidence.label(n) for n in sorted(named)}
    return data
