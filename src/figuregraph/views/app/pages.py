"""What each page shows, read from the store (the ``explore-*`` queries) and the index; the
templates only lay it out. Every node a page names comes with its id, so the page links to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from ...rdf.literals import display, plain
from ...rdf.namespace import CITO, DATA, FG, local_id
from ...store.base import Store
from ...store.library import run, run_each
from ..evidence import Branch, evidence
from ..facts import facts, facts_of, kind_of, node_iri
from ..project import node_id
from ..relations import relation
from . import panel as panels
from .chart import Chart, chart
from .index import Index

FG_NS, CITO_NS = str(FG), str(CITO)  # the namespaces' IRIs, to tell properties by


@dataclass(frozen=True)
class Ref:
    """A node a page links to."""

    id: str
    label: str
    note: str = ""

    @property
    def url(self) -> str:
        return "/id/" + self.id


@dataclass
class Page:
    """One page's content: its template, title, the node's facts, its sections and its panel."""

    template: str
    title: str
    ident: str | None = None
    kind: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, Any] = field(default_factory=dict)
    panel: dict[str, Any] | None = None


def property_name(prop: str) -> str:
    """A property as a reader names it: the ontology's label for fg: terms, else its prefixed name."""
    if prop.startswith(FG_NS):
        try:
            return relation(prop)
        except KeyError:
            pass
    return local_id(URIRef(prop))


def _links(store: Store, ident: str) -> dict[tuple[str, str], list[Ref]]:
    """The node's links to other records, by (direction, property IRI), each list in label order."""
    found: dict[tuple[str, str], dict[str, Ref]] = {}
    for row in run(store, "explore-links", {"node": node_iri(ident)}).dicts():
        other = row["other"]
        if isinstance(other, URIRef) and str(other).startswith(DATA):
            target = node_id(other)
            refs = found.setdefault((str(row["direction"]), str(row["property"])), {})
            if target not in refs:
                refs[target] = Ref(target, str(row["label"]) if row["label"] is not None else target)
    return {key: sorted(refs.values(), key=lambda r: (r.label.lower(), r.id)) for key, refs in found.items()}


def _get(links: dict[tuple[str, str], list[Ref]], direction: str, name: str) -> list[Ref]:
    return links.get((direction, FG_NS + name), [])


# A sentence ends at . ! or ? (closing quotes and brackets, then footnote markers may follow: a
# markdown ``^{[957](#)}`` or digits glued to the stop) before white space and a capital; or at a
# blank line.
SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]*(?:\^\{\[\d+\]\([^)]*\)\}|\d{1,4})*\s+(?=[A-Z\"\u201c(\[])"
                          r"|\n\s*\n")
MARKDOWN_MARKER = re.compile(r"\^\{\[(\d+)\]\([^)]*\)\}")


def sentence_around(text: str, start: int | None, end: int | None, quote: str | None) -> tuple[str, str, str] | None:
    """The sentence holding the quote, as (before, quote, after), markdown footnote markers written
    ``[957]``; None if the text does not hold the quote."""
    if not quote:
        return None
    if start is None or end is None or text[start:end] != quote:
        start = text.find(quote)
        if start < 0:
            return None
        end = start + len(quote)
    breaks = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - 2000), start)]
    head = breaks[-1] if breaks else max(0, start - 300)
    after = SENTENCE_END.search(text, end, end + 2000)
    tail = after.end() if after else min(len(text), end + 300)

    def tidy(piece: str) -> str:
        return MARKDOWN_MARKER.sub(r"[\1]", piece)

    return tidy(text[head:start].lstrip()), text[start:end], tidy(text[end:tail].rstrip())


def document_text(texts: Path | None, source: str) -> str | None:
    """The text of a source document, if ``texts`` holds it (``<source id>.txt`` or ``.md``)."""
    if texts is None:
        return None
    for suffix in (".txt", ".md"):
        path = texts / f"{local_id(URIRef(DATA + source))}{suffix}"
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def _tree_sources(tree: Branch) -> list[Branch]:
    """Every source and actor of an evidence tree, once each, in the order they appear."""
    seen: dict[str, Branch] = {}
    for _, child in tree.walk():
        if child.kind in ("source", "actor") and child.id and child.id not in seen:
            seen[child.id] = child
    return list(seen.values())


def _footnote(row: dict[str, Node | None]) -> dict[str, Any]:
    """A row of ``explore-footnotes`` as the pages list it."""
    return {"id": node_id(row["citation"]), "number": display(row["number"]), "locator": display(row["locator"]),
            "text": display(row["text"]),
            "cited": Ref(node_id(row["cited"]), display(row["citedLabel"])) if row["cited"] else None}


def figure_page(store: Store, index: Index, ident: str, texts: Path | None) -> Page:
    node = node_iri(ident)
    attrs = facts(store, node) or {}
    links = _links(store, ident)
    judgement = index.judgement(ident)
    others = [f for v in (judgement.verdicts if judgement else ()) for f in v.figures]
    labels = index.labels(others)
    tree = evidence(store, node, judgement, labels)
    documents = _get(links, "out", "statedIn")
    cited = {c.id for c in _get(links, "out", "backedBy")}
    footnotes = []
    for document in documents:
        for row in run(store, "explore-footnotes", {"source": node_iri(document.id)}).dicts():
            if node_id(row["citation"]) in cited:
                footnotes.append(_footnote(row))
    around = None
    for document in reversed(documents):  # the last stating document with a text
        text = document_text(texts, document.id)
        if text is not None:
            around = sentence_around(text, attrs.get("start"), attrs.get("end"), attrs.get("quote"))
            break
    chain = [(parent.id, child.id, child.relation.split(":", 1)[1]) for parent, child in tree.walk()
             if child.relation and child.relation.startswith("cito:") and parent.id and child.id]
    return Page("figure.html", str(attrs.get("name", ident)), ident, "figure", attrs, {
        "measure": _get(links, "out", "measure"), "unit": _get(links, "out", "unit"),
        "subjects": _get(links, "out", "about"), "documents": documents,
        "reporters": _get(links, "out", "reportedBy"), "total": _get(links, "out", "partOf"),
        "parts": _get(links, "in", "partOf"), "footnotes": footnotes, "tree": tree, "judgement": judgement,
        "labels": labels, "sentence": around, "reliability": _tree_sources(tree),
    }, panels.of_figure(store, index, ident, chain).data())


def source_page(store: Store, index: Index, ident: str) -> Page:
    attrs = facts(store, node_iri(ident)) or {}
    links = _links(store, ident)
    states = _get(links, "in", "statedIn")
    cites = sorted({r for (d, p), refs in links.items() if d == "out" and p.startswith(CITO_NS) for r in refs},
                   key=lambda r: r.label.lower())
    cited_by = sorted({r for (d, p), refs in links.items() if d == "in" and p.startswith(CITO_NS) for r in refs},
                      key=lambda r: r.label.lower())
    backed: dict[str, dict[str, Any]] = {}
    citers: dict[Node, str] = {row["via"]: display(row["viaLabel"]) for row in run(
        store, "explore-citers", {"source": node_iri(ident)}).dicts() if row["via"] is not None}
    for row in run_each(store, "explore-backed", "via", citers).dicts() if citers else ():
        claim = node_id(row["claim"])
        entry = backed.setdefault(claim, {"ref": Ref(claim, display(row["label"]) or claim), "via": []})
        via = f"footnote {display(row['number'])}" if row["number"] is not None else "inline reference"
        if node_id(row["via"]) != ident:
            via += f" citing {citers[row['via']] if row['via'] is not None else ''}"
        if via not in entry["via"]:
            entry["via"].append(via)
    footnotes = [_footnote(row) for row in run(store, "explore-footnotes", {"source": node_iri(ident)}).dicts()]
    publishers = _get(links, "out", "publisher") + _get(links, "out", "author")
    siblings = []
    for who in publishers:
        theirs_links = _links(store, who.id)
        theirs = [r for r in _get(theirs_links, "in", "publisher") + _get(theirs_links, "in", "author")
                  if r.id != ident]
        siblings.append((who, theirs))
    return Page("source.html", str(attrs.get("name", ident)), ident, "source", attrs, {
        "publishers": _get(links, "out", "publisher"), "authors": _get(links, "out", "author"),
        "figures": [r for r in states if kind_of(r.id) == "figure"],
        "statements": [r for r in states if kind_of(r.id) == "statement"],
        "backed": sorted(backed.values(), key=lambda e: e["ref"].label.lower()),
        "cites": cites, "cited_by": cited_by, "footnotes": footnotes, "siblings": siblings,
    }, panels.of_node(store, index, ident).data())



def actor_page(store: Store, index: Index, ident: str) -> Page:
    attrs = facts(store, node_iri(ident)) or {}
    links = _links(store, ident)
    named = {("in", FG_NS + p) for p in ("reportedBy", "about", "publisher", "author")}
    other = [(f"{'is ' if d == 'in' else ''}{property_name(p)}" + (" of" if d == "in" else ""), refs)
             for (d, p), refs in sorted(links.items()) if (d, p) not in named and p.startswith(FG_NS)
             and not p.endswith(("#measure", "#unit"))]
    return Page("actor.html", str(attrs.get("name", ident)), ident, kind_of(ident), attrs, {
        "reported": _get(links, "in", "reportedBy"), "subject": _get(links, "in", "about"),
        "published": _get(links, "in", "publisher") + _get(links, "in", "author"), "other": other,
    }, panels.of_node(store, index, ident).data())


def measure_page(store: Store, index: Index, ident: str) -> Page:
    attrs = facts(store, node_iri(ident)) or {}
    figures: dict[str, dict[str, Any]] = {}
    for row in run(store, "explore-measure", {"measure": node_iri(ident)}).dicts():
        key = node_id(row["figure"])
        entry = figures.setdefault(key, {
            "ref": Ref(key, display(row["label"]) or key), "wording": display(row["wording"]),
            "value": plain(row["value"]), "lower": plain(row["lower"]), "upper": plain(row["upper"]),
            "subject": Ref(node_id(row["subject"]), display(row["subjectLabel"])) if row["subject"] else None,
            "period": display(row["period"]), "start": display(row["periodStart"]), "end": display(row["periodEnd"]),
            "reporters": [], "document": Ref(node_id(row["doc"]), display(row["docLabel"])) if row["doc"] else None,
        })
        if row["reporter"] is not None:
            reporter = Ref(node_id(row["reporter"]), display(row["reporterLabel"]))
            if reporter not in entry["reporters"]:
                entry["reporters"].append(reporter)
    rows = list(figures.values())
    for entry in rows:
        judgement = index.judgement(entry["ref"].id)
        entry["credibility"] = judgement.credibility if judgement else None
    drawn: Chart = chart(rows)
    return Page("measure.html", str(attrs.get("name", ident)), ident, "measure", attrs,
                {"figures": rows, "chart": drawn},
                panels.of_items(store, index, [e["ref"].id for e in rows], follow=[FG_NS + "about"]).data())


def citation_page(store: Store, index: Index, ident: str) -> Page:
    attrs = facts(store, node_iri(ident)) or {}
    links = _links(store, ident)
    return Page("citation.html", str(attrs.get("name", ident)), ident, "citation", attrs, {
        "citing": _get(links, "out", "citingSource"), "cited": _get(links, "out", "citedSource"),
        "claims": _get(links, "in", "backedBy"),
    }, panels.of_node(store, index, ident).data())


def plain_page(store: Store, index: Index, ident: str) -> Page:
    """Any other node (a statement, a period, a unit, an event, an audit finding): its triples."""
    read = run(store, "explore-facts", {"node": node_iri(ident)})
    attrs = facts_of(node_iri(ident), read.rows) or {}
    rows = []
    for row in read.dicts():
        value = row["o"]
        if isinstance(value, URIRef) and str(value).startswith(DATA):
            shown: Any = Ref(node_id(value), index.label(node_id(value)) or node_id(value))
        elif isinstance(value, Literal):
            shown = str(value)
        else:
            shown = local_id(value)
        rows.append((node_id(row["s"]), property_name(str(row["p"])), shown))
    rows.sort(key=lambda r: (r[0] != ident, r[0], r[1], str(r[2])))
    links = _links(store, ident)
    incoming = [(f"is {property_name(p)} of", refs) for (d, p), refs in sorted(links.items()) if d == "in"]
    kind = index.kind(ident) or str(attrs.get("kind", "part"))
    drawn = panels.of_node(store, index, ident).data() if kind == "statement" else None
    return Page("plain.html", str(attrs.get("name", index.label(ident) or ident)), ident, kind, attrs,
                {"triples": rows, "incoming": incoming}, drawn)


def page_for(store: Store, index: Index, ident: str, texts: Path | None) -> Page:
    """The page of a node id, by its kind (a record's part, such as a figure's period, has a plain one)."""
    kind = index.kind(ident)
    if kind == "figure":
        return figure_page(store, index, ident, texts)
    if kind == "source":
        return source_page(store, index, ident)
    if kind in ("actor", "place"):
        return actor_page(store, index, ident)
    if kind == "measure":
        return measure_page(store, index, ident)
    if kind == "citation":
        return citation_page(store, index, ident)
    return plain_page(store, index, ident)


def home_page(store: Store, index: Index) -> Page:
    documents = index.documents()
    return Page("home.html", "figuregraph", sections={"counts": index.counts(), "documents": documents},
                panel=panels.of_items(store, index, [d[0] for d in documents], limit=20).data())
