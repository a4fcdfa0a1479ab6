"""The audit as a reader sees it: one table per question, as rich tables, Markdown or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..rdf.namespace import local_id
from . import Audit


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


def sections(audit: Audit, figure: str | None = None) -> list[Section]:
    """The report; with ``figure`` only what concerns that figure (its chains, roots, pairs)."""
    ev = audit.evidence
    def keep(*claims: str) -> bool:
        return figure is None or any(local_id(c) == figure for c in claims)

    chains = [(local_id(c), " -> ".join(ev.label(n) for n in chain), ", ".join(sorted(ev.label(r) for r in t.roots)),
               ", ".join(sorted(ev.label(o) for o in t.origins)))
              for c, t in audit.traces.items() if keep(c) and ev.claims[c].kind == "figure"
              for chain in (t.chains or [()])]
    pairs = [(p.kind, local_id(p.a), local_id(p.b), p.reason) for p in audit.pairs if keep(p.a, p.b)]
    totals = [(local_id(t.total), t.verdict, str(t.parts_lower), "open" if t.parts_upper is None else str(t.parts_upper),
               t.reason) for t in audit.totals if keep(t.total, *t.parts)]
    grades = [(local_id(g.claim), str(g.grade), g.reason) for g in audit.grades if keep(g.claim)]
    loops = audit.cycles() if figure is None else sorted(
        {c for claim, t in audit.traces.items() if keep(claim) for c in t.cycles})
    cycles = [(" -> ".join(ev.label(c) for c in (*cycle, cycle[0])),) for cycle in loops]
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


def as_json(parts: list[Section]) -> str:
    return json.dumps({s.title: [dict(zip(s.columns, row)) for row in s.rows] for s in parts},
                      ensure_ascii=False, indent=2) + "\n"
