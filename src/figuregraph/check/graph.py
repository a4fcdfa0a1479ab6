"""What the check reads from the graph: only the figures a text's figures can be compared with (one
measure about one subject at a time) and the chains below the sources they and the text cite, as the
audit's ``Evidence``, so that the audit's chains and comparison rules apply unchanged."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..audit.evidence import Claim, Evidence, _day, _decimal
from ..store.base import Store
from ..store.library import run


class GraphReader:
    """Reads into one ``Evidence`` on demand; each measure and subject, and each source's chain, once."""

    def __init__(self, store: Store, evidence: Evidence) -> None:
        self.store = store
        self.evidence = evidence
        self._figures: dict[tuple[str, str], list[str]] = {}
        self._chained: set[str] = set()

    def _label(self, node: object, label: object) -> None:
        if label is not None:
            self.evidence.labels.setdefault(str(node), str(label))

    def same_text(self, sha256: str) -> list[str]:
        """The sources (IRIs) whose kept text has this SHA-256: the text checked is their document."""
        rows = run(self.store, "check-same-text", {"sha256": Literal(sha256)}).rows
        for source, label, _ in rows:
            self._label(source, label)
        return [str(source) for source, _, _ in rows]

    def figures(self, measure: str, subject: str) -> list[str]:
        """The graph's figures of ``measure`` about ``subject`` (IRIs), with their chains: two queries."""
        key = (measure, subject)
        if key in self._figures:
            return self._figures[key]
        bindings = {"measure": URIRef(measure), "subject": URIRef(subject)}
        claims = self.evidence.claims
        found: list[str] = []
        for c, _, _, label, wording, value, lower, upper, start, end, doc, doc_label in \
                run(self.store, "check-figures", bindings).rows:
            iri = str(c)
            claim = claims.setdefault(iri, Claim(iri, "figure", str(doc)))
            claim.wording = claim.wording or (None if wording is None else str(wording))
            claim.value = claim.value if claim.value is not None else _decimal(value, iri)
            claim.lower = claim.lower if claim.lower is not None else _decimal(lower, iri)
            claim.upper = claim.upper if claim.upper is not None else _decimal(upper, iri)
            claim.measure = measure
            claim.subjects.add(subject)
            claim.start = claim.start or _day(start)
            claim.end = claim.end or _day(end)
            self._label(c, label)
            self._label(doc, doc_label)
            if iri not in found:
                found.append(iri)
        below: set[str] = set()
        for c, _, _, link, node, node_label, other, other_label in \
                run(self.store, "check-figure-links", bindings).rows:
            claim = claims[str(c)]
            self._label(node, node_label)
            self._label(other, other_label)
            kind = str(link)
            if kind == "cited":
                claim.cited.add(str(node))
            elif kind == "reporter":
                claim.reporters.add(str(node))
            elif kind == "document-by":  # the origin of what the document states itself
                self.evidence.publishers.setdefault(claim.document, set()).add(str(node))
            else:  # a source at or below the cited ones: what it cites, who published or wrote it
                table = self.evidence.cites if kind == "cites" else self.evidence.publishers
                table.setdefault(str(node), set()).add(str(other))
                below.update((str(node), str(other)) if kind == "cites" else (str(node),))
        self._chained |= below | {s for iri in found for s in claims[iri].cited}  # all that is below them, read
        self._figures[key] = found
        return found

    def chains(self, sources: list[str]) -> None:
        """The citations, publishers, authors and labels of everything below ``sources``, read in
        the order given (a source reached below one read before is not asked for again)."""
        for source in dict.fromkeys(sources):
            if source in self._chained:
                continue  # reached below a source read before it
            for _, node, node_label, link, other, other_label in \
                    run(self.store, "check-chain", {"source": URIRef(source)}).rows:
                self._chained.add(str(node))
                self._label(node, node_label)
                if link is None:
                    continue
                self._label(other, other_label)
                table = self.evidence.cites if str(link) == "cites" else self.evidence.publishers
                table.setdefault(str(node), set()).add(str(other))
            self._chained.add(source)
