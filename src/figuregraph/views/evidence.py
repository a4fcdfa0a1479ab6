"""The evidence of one figure as a tree: the document stating it (the quote and where it sits), its
footnotes and the sources they cite down to the primary sources, the reporting actors, and the
audit's verdicts and credibility. ``figuregraph trace`` prints it; the figure page shows it.

The tree's links are the rows of the library's ``citation-chain`` query, each once where it
hangs (a source cited twice appears under both footnotes); the audit's part comes from an audit
of the whole graph (``judgements``), which the caller runs once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ..errors import UsageError, close_matches
from ..rdf.literals import display, plain
from ..rdf.namespace import FG, PREFIXES, iri, local_id
from ..store.base import Store
from ..store.library import bundled, run
from .facts import bounds_text, facts, node_iri
from .project import node_id
from .relations import relation

if TYPE_CHECKING:
    from ..audit import Audit

STATED, REPORTED, BACKED = str(FG.statedIn), str(FG.reportedBy), str(FG.backedBy)
# How each finding of the audit reads from the figure's side.
PAIR_VERDICTS = {"corroboration": "corroborated by", "circular": "circular with", "conflict": "conflicts with"}


@dataclass
class Branch:
    """One node of the tree. ``relation`` is the property linking it to its parent (a prefixed name:
    ``fg:backedBy``, ``cito:citesAsDataSource``), None for the audit's entries."""

    kind: str  # figure | source | actor | audit | verdict | credibility
    label: str
    id: str | None = None  # the node id (record path), for links
    relation: str | None = None
    footnote: str | None = None
    primary: bool = False
    reliability: str | None = None
    detail: str | None = None
    children: list[Branch] = field(default_factory=list)

    def walk(self) -> list[tuple[Branch, Branch]]:
        """Every (parent, child) pair below this node, depth first."""
        pairs = []
        for child in self.children:
            pairs.append((self, child))
            pairs += child.walk()
        return pairs


@dataclass(frozen=True)
class Verdict:
    """A finding of the audit about one figure, from its side."""

    kind: str  # corroborated by | circular with | conflicts with | part of | total check
    figures: tuple[str, ...]  # the other figures (node ids)
    reason: str
    verdict: str | None = None  # a total check's: consistent | inconsistent | incomplete


@dataclass(frozen=True)
class Judgement:
    """What the audit concluded about one figure: its findings and its information credibility."""

    verdicts: tuple[Verdict, ...] = ()
    credibility: int | None = None
    reason: str | None = None


def judgements(audit: Audit) -> dict[str, Judgement]:
    """Every figure's findings and credibility, keyed by node id."""
    found: dict[str, list[Verdict]] = {}
    for pair in audit.pairs:
        a, b = node_id(pair.a), node_id(pair.b)
        found.setdefault(a, []).append(Verdict(PAIR_VERDICTS[pair.kind], (b,), pair.reason))
        found.setdefault(b, []).append(Verdict(PAIR_VERDICTS[pair.kind], (a,), pair.reason))
    for check in audit.totals:
        total = node_id(check.total)
        parts = tuple(node_id(p) for p in check.parts)
        found.setdefault(total, []).append(Verdict("total check", parts, check.reason, check.verdict))
        for part in parts:
            found.setdefault(part, []).append(Verdict("part of", (total,), check.reason, check.verdict))
    grades = {node_id(g.claim): g for g in audit.grades}
    return {ident: Judgement(tuple(found.get(ident, ())), grades[ident].grade if ident in grades else None,
                             grades[ident].reason if ident in grades else None)
            for ident in sorted(set(found) | set(grades))}


def figure_iri(store: Store, ident: str) -> URIRef:
    """The IRI of a figure named by record id, node id or IRI; a UsageError with the closest ids if
    there is none."""
    candidates = [URIRef(ident)] if ident.startswith(("http://", "https://")) else \
        [iri("figure", ident.removeprefix("figure/"))]
    for candidate in candidates:
        if store.exists(candidate) and (facts(store, candidate) or {}).get("kind") == "figure":
            return candidate
    known = [local_id(row[0]) for row in run(store, "project-figures").rows]
    close = close_matches(ident.removeprefix("figure/"), known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else " (see `figuregraph query figure-sources`)"
    raise UsageError(f"no figure with id '{ident}'{hint}")


def _footnote_order(branch: Branch) -> tuple[int, str, str]:
    number = branch.footnote or ""
    return (int(number) if number.isdigit() else 1 << 30, number, branch.id or "")


def _located(quote: Any, attrs: dict[str, Any], document: dict[str, Any]) -> str | None:
    """Where the quote sits: the quote, the document's section and the characters it spans."""
    parts = []
    if quote:
        parts.append(f"\u201c{quote}\u201d")
    if document.get("section"):
        parts.append(f"section {document['section']}")
    if attrs.get("start") is not None and attrs.get("end") is not None:
        parts.append(f"characters {attrs['start']}-{attrs['end']}")
    return ", ".join(parts) or None


def figure_summary(attrs: dict[str, Any]) -> str:
    """Value, bounds, qualifier, measure, subject and period of a figure, in one line."""
    parts = [f"value {attrs.get('value')} ({bounds_text(attrs)}, {attrs.get('qualifier', 'exact')})"]
    for key in ("measure", "subject"):
        if attrs.get(key):
            parts.append(str(attrs[key]))
    period = attrs.get("period") or " to ".join(str(attrs[k]) for k in ("periodStart", "periodEnd") if attrs.get(k))
    if period:
        parts.append(str(period))
    return "; ".join(parts)


def evidence(store: Store, figure: URIRef, judgement: Judgement | None = None,
             labels: dict[str, str] | None = None) -> Branch:
    """The tree of one figure's evidence (see the module's description). ``labels`` names the other
    figures of the verdicts (node id -> label); without it they are read from the store."""
    attrs = facts(store, figure) or {}
    query = bundled().get("citation-chain")
    rows = store.query(query.text, {"figure": figure}).dicts()
    seen: dict[str, dict[str, Any]] = {}

    def about(node: str) -> dict[str, Any]:
        if node not in seen:
            seen[node] = facts(store, URIRef(node)) or {}
        return seen[node]

    def branch(row: dict[str, Any], kind: str) -> Branch:
        target = str(row["to"])
        return Branch(kind, str(row["toLabel"]), node_id(target), display(row["relation"]),
                      None if row["number"] is None else str(row["number"]), bool(plain(row["primary"])),
                      about(target).get("reliability"))

    root = Branch("figure", str(attrs.get("name", node_id(figure))), node_id(figure), detail=figure_summary(attrs))
    documents: dict[str, Branch] = {}
    for row in rows:
        if str(row["relation"]) == STATED:
            document = branch(row, "source")
            document.detail = _located(attrs.get("quote"), attrs, about(str(row["to"])))
            documents[str(row["to"])] = document
            root.children.append(document)
    cites: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if str(row["relation"]) not in (STATED, REPORTED, BACKED):
            cites.setdefault(str(row["from"]), []).append(row)

    def grow(node: Branch, source: str, path: tuple[str, ...]) -> None:
        for row in cites.get(source, []):
            child = branch(row, "source")
            node.children.append(child)
            if str(row["to"]) not in path:  # a loop ends where it closes
                grow(child, str(row["to"]), (*path, str(row["to"])))

    footnotes: list[tuple[Branch, Branch]] = []
    for row in rows:
        if str(row["relation"]) == BACKED:
            cited = branch(row, "source")
            grow(cited, str(row["to"]), (str(row["from"]), str(row["to"])))
            footnotes.append((documents.get(str(row["from"]), root), cited))
    for parent, cited in sorted(footnotes, key=lambda pair: _footnote_order(pair[1])):
        parent.children.append(cited)
    for row in rows:
        if str(row["relation"]) == REPORTED:
            root.children.append(branch(row, "actor"))
    if judgement is not None:
        _add_audit(store, root, judgement, labels)
    return root


def _add_audit(store: Store, root: Branch, judgement: Judgement, labels: dict[str, str] | None) -> None:
    def name(ident: str) -> str:
        if labels is not None and ident in labels:
            return labels[ident]
        return str((facts(store, node_iri(ident)) or {}).get("name", ident))

    if judgement.credibility is not None:
        root.children.append(Branch("credibility", f"information credibility {judgement.credibility}",
                                    detail=judgement.reason))
    audit = Branch("audit", "audit")
    for verdict in judgement.verdicts:
        label = verdict.kind + (f": {verdict.verdict}" if verdict.verdict else "")
        audit.children.append(Branch("verdict", label, detail=verdict.reason,
                                     children=[Branch("figure", name(f), f) for f in verdict.figures]))
    if audit.children:
        root.children.append(audit)


def relation_text(branch: Branch) -> str:
    """How a branch hangs from its parent, in words: ``stated in``, ``footnote 957``, ``cites as data
    source``; empty for the audit's entries."""
    if branch.relation is None:
        return ""
    if branch.relation == "fg:backedBy":
        return f"footnote {branch.footnote}" if branch.footnote else "inline reference"
    if branch.relation.startswith("fg:"):
        return relation(PREFIXES["fg"] + branch.relation[3:])
    words = re.sub(r"(?<!^)([A-Z])", r" \1", branch.relation.split(":", 1)[-1]).lower()
    return words


def as_data(tree: Branch) -> dict[str, Any]:
    """The tree as JSON-ready data (its schema is ``cli/schemas/trace.json``)."""
    return {"kind": tree.kind, "id": tree.id, "label": tree.label, "relation": tree.relation,
            "footnote": tree.footnote, "primary": tree.primary, "reliability": tree.reliability,
            "detail": tree.detail, "children": [as_data(c) for c in tree.children]}
