"""Checking a text in hand against the graph: for each figure it states, the graph's comparable
figures (the audit's rules: same measure, a shared subject, the same period or a nested one, open
snapshots) and a verdict with its reason: corroborated, repeats, conflicts, new or cannot tell.

The text's figures become claims of the audit's ``Evidence`` beside the graph's figures they can be
compared with, so chains, origins and each pair's judgement are the audit's own (``audit.chains``,
``audit.compare.judge``). Nothing is written to the graph: ``ingest`` adds a text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from ..audit.chains import Trace, trace
from ..audit.evidence import Claim, Evidence
from ..extract import Extraction, Found, extract_document, extract_text
from ..extract.document import Document
from ..extract.lexicon import Lexicon
from ..extract.sources import CitedSource, slug
from ..rdf.namespace import iri_text as iri, local_id
from ..store.base import Store
from .graph import GraphReader
from .result import NEW_PREFIX, TEXT_ID, VERDICTS, Backing, CheckedFigure, CheckResult, KnownSource, Match
from .verdict import Judged, verdict

CHECK = "urn:figuregraph:check:"
TEXT = CHECK + "text"  # the text checked, as the stating document of its figures
NEW = CHECK + "new/"  # what the text names that the graph lacks (sources, actors, measures, places)


@dataclass
class _Text:
    """The text's side of the evidence: its figures as claims, the sources it cites, new actors."""

    lexicon: Lexicon
    evidence: Evidence
    sources: dict[str, str] = field(default_factory=dict)  # citation key -> source IRI
    actors: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.actors = frozenset(self.lexicon.actors.values())
        self.places = frozenset(self.lexicon.places.values())

    def actor(self, ident: str | None, name: str | None) -> str | None:
        """An actor of the graph, else a new one named as written."""
        if ident and ident in self.lexicon.labels:
            return iri("actor", ident)
        if not (ident or name):
            return None
        node = NEW + slug(name or ident or "", 8)
        self.evidence.labels.setdefault(node, name or ident or "")
        return node

    def source(self, cited: CitedSource) -> str:
        if not cited.new:
            return iri("source", cited.id)
        node = NEW + cited.id
        name = cited.publisher_name or ""
        if cited.title:
            label = f"{name}: {cited.title}" if name else cited.title
        else:
            label = f"statement of {name}" if name else cited.id
        self.evidence.labels.setdefault(node, f"{label} ({cited.published})" if cited.published else label)
        by = [self.actor(a, None) for a in cited.authors] or [self.actor(cited.publisher, cited.publisher_name)]
        if any(by):
            self.evidence.publishers.setdefault(node, set()).update(b for b in by if b)
        return node

    def subjects(self, f: Found) -> set[str]:
        if f.subject is None:
            return set()
        known = {iri("actor", f.subject)} if f.subject in self.actors else set()
        if f.subject in self.places:
            known.add(iri("place", f.subject))
        for node in known:
            self.evidence.labels.setdefault(node, self.lexicon.labels.get(f.subject, f.subject))
        return known or {NEW + f.subject}

    def claim(self, index: int, f: Found) -> Claim:
        cited = {self.sources[k] for k in f.citations if k in self.sources}
        if f.via and cited:
            # "X, citing data from Y": a source new to the graph draws on Y's data
            data = NEW + slug(f"{f.via_actor or f.via} data", 8)
            self.evidence.labels.setdefault(data, f"data of {self.lexicon.labels.get(f.via_actor or '', f.via)}")
            self.evidence.publishers.setdefault(data, set()).update(
                a for a in (self.actor(f.via_actor, f.via),) if a)
            for s in cited:
                if s.startswith(NEW):
                    self.evidence.cites.setdefault(s, set()).add(data)
        reporter = self.actor(f.reporter, f.reported_by)
        claim = Claim(f"{CHECK}figure/{index}", "figure", TEXT, f.wording, f.value, f.lower, f.upper,
                      iri("measure", f.measure) if f.measure else None, self.subjects(f), f.period_start,
                      f.period_end, None, cited, {reporter} if reporter else set())
        self.evidence.claims[claim.iri] = claim
        return claim


@lru_cache(maxsize=1 << 16)
def _id(node: str) -> str:
    """The id a result names a node by: a record id, ``@text`` or ``new:<id>``."""
    if node == TEXT:
        return TEXT_ID
    if node.startswith(NEW):
        return NEW_PREFIX + node[len(NEW):]
    return local_id(node)


def check_text(text: str | Document, store: Store, lexicon: Lexicon, document_date: date | None = None,
               publisher: str | None = None) -> CheckResult:
    """Check each figure ``text`` states against the graph in ``store``. ``lexicon`` is the graph's
    (``extract.load_lexicon``); ``publisher`` (an actor id or a name) is the origin of what the text
    states itself, ``document_date`` closes its open periods ("since 2022")."""
    said = lexicon.labels.get(publisher, publisher) if publisher else None  # the extractor matches names
    if isinstance(text, Document):
        return check_extraction(extract_document(text, document_date, lexicon, said), text.text, store, lexicon,
                                document_date, publisher)
    return check_extraction(extract_text(text, document_date, lexicon, said), text, store, lexicon, document_date,
                            publisher)


def check_extraction(extraction: Extraction, text: str, store: Store, lexicon: Lexicon,
                     document_date: date | None = None, publisher: str | None = None) -> CheckResult:
    """``check_text`` for what the extractor already found in ``text`` (with the same lexicon, date
    and publisher, the publisher given to the extractor by name)."""
    said = lexicon.labels.get(publisher, publisher) if publisher else None
    evidence = Evidence({}, {}, {}, {TEXT: "the text checked"})
    side = _Text(lexicon, evidence)
    if publisher:
        who = side.actor(publisher if publisher in lexicon.labels else None, said)
        if who:
            evidence.publishers[TEXT] = {who}
    side.sources = {key: side.source(cited) for key, cited in sorted(extraction.sources.items())}
    claims = [side.claim(i, f) for i, f in enumerate(extraction.figures)]
    graph = GraphReader(store, evidence)
    sha256 = Document(text).sha256
    itself = graph.same_text(sha256)  # the graph holds this very text: its figures there are the text's own
    cited_by_another = {k for c in extraction.sources.values() for k in c.cites}
    graph.chains([side.sources[k] for k in sorted(side.sources, key=lambda k: (k in cited_by_another, k))
                  if not side.sources[k].startswith(NEW)])  # what the others cite last: likely below them
    candidates: list[list[str]] = []
    own: list[list[str]] = []  # by figure: the graph's records of it in this very text, left out
    for f, claim in zip(extraction.figures, claims):
        found: dict[str, None] = {}  # in order, once each
        if f.measure and (f.period_start is not None or f.period_end is not None):
            for subject in sorted(s for s in claim.subjects if not s.startswith(NEW)):
                found.update(dict.fromkeys(graph.figures(str(claim.measure), subject)))
        candidates.append([c for c in found if evidence.claims[c].document not in itself])
        own.append([c for c in found if evidence.claims[c].document in itself])
    traces: dict[str, Trace] = {}

    def traced(node: str) -> Trace:
        if node not in traces:
            traces[node] = trace(evidence.claims[node], evidence)
        return traces[node]

    figures = []
    made: dict[str, Backing] = {}
    for i, (f, claim, others, mine) in enumerate(zip(extraction.figures, claims, candidates, own)):
        judged = verdict(f, claim, traced(claim.iri), [(evidence.claims[c], traced(c)) for c in others],
                         evidence, _measure_label(f, lexicon), extraction)
        if mine:
            judged = replace(judged, reason=f"{judged.reason} (not counted: {', '.join(local_id(c) for c in mine)}, "
                             f"the graph's record of it in {evidence.label(evidence.claims[mine[0]].document)}, "
                             "whose kept text is this one: a document does not corroborate itself)")
        figures.append(_figure(i + 1, f, side, judged, made))
    known = [KnownSource(key, cited.id, evidence.label(side.sources[key]),
                         tuple(i for i, f in enumerate(extraction.figures, start=1)
                               if key in _reached(f.citations, extraction.sources)))
             for key, cited in sorted(extraction.sources.items()) if not cited.new]
    labels = _labels(figures, known, evidence, lexicon, extraction) | {_id(s): evidence.label(s) for s in itself}
    return CheckResult(sha256, len(text), document_date, publisher, tuple(figures), tuple(known), labels,
                       tuple(_id(s) for s in itself))


def _reached(keys: list[str], sources: dict[str, CitedSource]) -> set[str]:
    """The citation keys a figure's citations reach, through what their sources cite ("X, citing
    Y": the figure reaches Y's data through X's statement)."""
    seen: set[str] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        if key not in seen:
            seen.add(key)
            todo.extend(sources[key].cites if key in sources else ())
    return seen


def _measure_label(f: Found, lexicon: Lexicon) -> str:
    return next((m.label for m in lexicon.measures if m.id == f.measure), f.proposed_measure or "")


def _backing(t: Trace, made: dict[str, Backing]) -> Backing:
    """A trace as ids, made once per claim (a graph figure is a match of many of the text's)."""
    if t.claim in made:
        return made[t.claim]
    made[t.claim] = Backing(tuple(tuple(_id(n) for n in chain) for chain in t.chains),
                   tuple(sorted(_id(r) for r in t.roots)),
                   tuple(sorted(_id(o) for o in t.origins)),
                   tuple(tuple(_id(n) for n in loop) for loop in sorted(t.cycles)))
    return made[t.claim]


def _figure(number: int, f: Found, side: _Text, judged: Judged, made: dict[str, Backing]) -> CheckedFigure:
    matches = tuple(Match(_id(m.claim.iri), m.claim.wording, m.claim.value, m.claim.lower, m.claim.upper,
                          m.claim.start, m.claim.end, _id(m.claim.document),
                          tuple(sorted(_id(r) for r in m.claim.reporters)), _backing(m.trace, made), m.periods,
                          m.pair.kind if m.pair else None, m.reason)
                    for m in judged.matches)
    subject = None if f.subject is None else next(iter(sorted(_id(s) for s in side.subjects(f))))
    reporter = side.actor(f.reporter, f.reported_by)
    return CheckedFigure(
        number, f.quote, f.start, f.end, f.wording, f.value, f.qualifier, f.lower, f.upper,
        f.measure or (NEW_PREFIX + f.proposed_measure if f.proposed_measure else None), subject, f.period,
        f.period_start, f.period_end, _id(reporter) if reporter else None, f.reported_by, f.via, tuple(f.citations),
        tuple(_id(side.sources[k]) for k in f.citations if k in side.sources), _backing(judged.trace, made),
        judged.verdict, judged.reason, judged.missing, tuple(_id(o) for o in judged.shared), matches)


def _labels(figures: list[CheckedFigure], known: list[KnownSource], evidence: Evidence, lexicon: Lexicon,
            extraction: Extraction) -> dict[str, str]:
    """A label for every id the result names."""
    by_id = {_id(node): label for node, label in evidence.labels.items()}
    measures = {m.id: m.label for m in lexicon.measures}
    places = {p.id: p.label for p in extraction.places.values()}
    named: set[str] = set()
    for f in figures:
        named.update(x for x in (f.measure, f.subject, f.reporter) if x)
        named.update(f.sources)
        for b in (f.backing, *(m.backing for m in f.matches)):
            named.update(n for chain in b.chains for n in chain)
            named.update(b.origins)
        for m in f.matches:
            named.update((m.figure, m.document, *m.reporters))
    named.update(k.source for k in known)
    labels = {}
    for ident in sorted(named):
        bare = ident[len(NEW_PREFIX):] if ident.startswith(NEW_PREFIX) else ident
        labels[ident] = (by_id.get(ident) or measures.get(ident) or lexicon.labels.get(ident)
                         or places.get(bare) or bare)
    return labels


__all__ = ["VERDICTS", "Backing", "CheckResult", "CheckedFigure", "KnownSource", "Match", "check_extraction",
           "check_text"]
