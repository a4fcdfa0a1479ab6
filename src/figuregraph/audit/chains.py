"""Chains from a claim down to its primary sources, its roots, and the origins that decide
independence. Cycles in the citations end a path and are reported; nothing loops."""

from __future__ import annotations

from dataclasses import dataclass, field

from .evidence import Claim, Evidence

MAX_PATHS = 200  # per claim; a corpus with richly cross-citing sources could otherwise explode


@dataclass
class Trace:
    """How one claim is backed: every chain (stating document first), its roots and origins."""

    claim: str
    chains: list[tuple[str, ...]] = field(default_factory=list)
    roots: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    cycles: set[tuple[str, ...]] = field(default_factory=set)
    truncated: bool = False


def _canonical_cycle(loop: list[str]) -> tuple[str, ...]:
    """A cycle written from its smallest member, so the same loop is reported once."""
    start = loop.index(min(loop))
    return tuple(loop[start:] + loop[:start])


def origins_of(source: str, evidence: Evidence) -> set[str]:
    """Who a primary source's evidence comes from: its publishers and authors, else the source."""
    return set(evidence.publishers.get(source, ())) or {source}


def trace(claim: Claim, evidence: Evidence) -> Trace:
    result = Trace(claim.iri)
    if not claim.cited:
        # nothing cited: the stating document is the claim's own primary source; an attribution
        # in it ("X said") makes X the origin
        result.chains.append((claim.document,))
        result.roots.add(claim.document)
        result.origins |= set(claim.reporters) or origins_of(claim.document, evidence)
        return result
    stack: list[tuple[str, ...]] = [(claim.document, s) for s in sorted(claim.cited, reverse=True)]
    while stack:
        path = stack.pop()
        node = path[-1]
        following = sorted(evidence.cites.get(node, ()), reverse=True)
        if not following:
            if len(result.chains) >= MAX_PATHS:
                result.truncated = True
                continue
            result.chains.append(path)
            result.roots.add(node)
            result.origins |= origins_of(node, evidence)
            continue
        for nxt in following:
            if nxt in path[1:]:
                result.cycles.add(_canonical_cycle(list(path[path.index(nxt, 1):])))
            else:
                stack.append((*path, nxt))
    return result


def trace_all(evidence: Evidence) -> dict[str, Trace]:
    return {iri: trace(claim, evidence) for iri, claim in sorted(evidence.claims.items())}
