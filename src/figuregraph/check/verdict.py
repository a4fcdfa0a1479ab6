"""The verdict on one figure of a text, from the audit's judgement of it against each comparable
figure of the graph: conflicts (bounds that cannot both hold), corroborated (it agrees, and the
text's chain reaches origins the agreeing figures do not), repeats (it agrees, and every origin of
its chain is theirs: circular), new (nothing to compare it with), cannot tell (what is missing)."""

from __future__ import annotations

from dataclasses import dataclass

from ..audit.chains import Trace
from ..audit.compare import Pair, comparable, compatible, judge, relation, within
from ..audit.evidence import Claim, Evidence
from ..extract import Extraction, Found
from ..rdf.namespace import local_id


@dataclass(frozen=True)
class JudgedMatch:
    claim: Claim
    trace: Trace
    periods: str  # same | nested
    pair: Pair | None
    reason: str


@dataclass(frozen=True)
class Judged:
    verdict: str
    reason: str
    trace: Trace
    missing: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()  # IRIs of the origins the text shares with the agreeing figures
    matches: tuple[JudgedMatch, ...] = ()


def _period(c: Claim) -> str:
    return f"{c.start or '...'}..{c.end or '...'}"


def _names(nodes: set[str], evidence: Evidence) -> str:
    return ", ".join(sorted(evidence.label(n) for n in nodes)) or "none"


def _match(claim: Claim, other: Claim, mine: Trace, theirs: Trace, evidence: Evidence) -> JudgedMatch | None:
    """How a figure of the graph bears on the text's, by the audit's rules (None: not comparable)."""
    if not comparable(claim, other):
        return None
    periods = relation(claim, other)
    if periods == "partial":
        return None
    pair = judge(claim, other, mine, theirs, evidence)
    if pair is not None:
        return JudgedMatch(other, theirs, periods, pair, pair.reason)
    if periods == "nested":
        how = "lies within" if within(claim, other) else "contains"
        why = (f"its period {_period(claim)} {how} {_period(other)} of '{other.wording}', whose bounds it does "
               "not contradict: a count for part of a period can only contradict the whole by exceeding it")
    else:
        unrooted = "the text's chain" if not mine.roots else "its chain"
        why = (f"'{claim.wording}' and '{other.wording}' agree, but {unrooted} reaches no primary source: "
               "independence cannot be judged")
    return JudgedMatch(other, theirs, periods, None, why)


def verdict(f: Found, claim: Claim, mine: Trace, candidates: list[tuple[Claim, Trace]], evidence: Evidence,
            measure: str, extraction: Extraction) -> Judged:
    """The verdict on the text's figure ``f`` (as ``claim``, backed by ``mine``) against ``candidates``,
    the graph's figures of its measure about its subject; ``measure`` is its measure's label."""
    missing = tuple(what for what, absent in (("measure", f.measure is None and not f.proposed_measure),
                                              ("subject", f.subject is None)) if absent)
    if missing:
        said = {"measure": "no measure (what the number counts)", "subject": "no subject (the actor or place "
                "the number is about)"}
        return Judged("cannot tell", f"{' and '.join(said[m] for m in missing)} found in the text: it cannot be "
                      "compared", mine, missing)
    if f.measure is None:
        return Judged("new", f"the graph has no measure of what it counts ('{f.proposed_measure}'): nothing "
                      "to compare it with", mine)
    if f.subject in extraction.places:
        return Judged("new", f"the graph does not know what it is about ('{extraction.places[f.subject].label}'): "
                      "nothing to compare it with", mine)
    if f.period_start is None and f.period_end is None:
        return Judged("cannot tell", "no reference period found in the text: it cannot be compared with the "
                      "graph's figures for any period", mine, ("period",))
    judged = [m for other, theirs in sorted(candidates, key=lambda c: c[0].iri)
              if (m := _match(claim, other, mine, theirs, evidence)) is not None]
    conflicts = [m for m in judged if m.pair is not None and m.pair.kind == "conflict"]
    agreeing = [m for m in judged if m.periods == "same" and compatible(claim, m.claim)]
    weighed = [m for m in agreeing if m.pair is not None]

    def names(ms: list[JudgedMatch]) -> str:
        return "; ".join(f"'{m.claim.wording}' ({local_id(m.claim.iri)}, in {evidence.label(m.claim.document)})"
                         for m in ms)

    if conflicts:
        also = f"; it agrees with {names(agreeing)}" if agreeing else ""
        return Judged("conflicts", "; ".join(f"against {local_id(m.claim.iri)}: {m.reason}" for m in conflicts)
                      + also, mine, matches=tuple(judged))
    if weighed:
        theirs = set().union(*(m.trace.origins for m in weighed))
        fresh = mine.origins - theirs
        if fresh:
            return Judged("corroborated", f"agrees with {names(weighed)}; the text's chain reaches "
                          f"{_names(fresh, evidence)}, which the agreeing figures do not trace back to (they trace "
                          f"back to {_names(theirs, evidence)})", mine, matches=tuple(judged))
        shared = mine.origins & theirs
        return Judged("repeats", f"agrees with {names(weighed)}, but traces back to the same origin "
                      f"({_names(shared, evidence)}): one chain repeating a number, not corroboration", mine,
                      shared=tuple(sorted(shared)), matches=tuple(judged))
    if agreeing:
        return Judged("cannot tell", f"agrees with {names(agreeing)}, but a chain reaches no primary source: "
                      "independence cannot be judged", mine, matches=tuple(judged))
    subject = next(iter(sorted(evidence.label(s) for s in claim.subjects)))
    held = f"the graph holds no figure of {measure} about {subject} for {_period(claim)}"
    others = len(candidates) - len(judged)
    if judged:
        held += "; for periods nested with it: " + "; ".join(
            f"'{m.claim.wording}' for {_period(m.claim)}, not contradicted" for m in judged)
    if others:
        held += f" ({others} for periods that do not match)"
    return Judged("new", held, mine, matches=tuple(judged))
