"""An HTML page documenting the ontology, at least what pyLODE shows: a sidebar table of contents,
the ontology's metadata with its licence and download links, the namespaces table, and per term
its IRI, definition, alignments, domain and range, the properties it is the domain or range of,
its specialisations and members, and the SHACL constraints on it with their messages; the shapes
in one table at the end. Every term named anywhere links to its entry (or, outside the ontology,
to its IRI). Self-contained (inline CSS, no script, no remote resource); every string from the
ontology and the shapes is escaped."""

from __future__ import annotations

from html import escape
from collections.abc import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from .ontolint import ALIGNMENTS, ONTOLOGY_NS
from .shapedocs import Constraint, Rule, constraints

SECTIONS = (
    ("classes", "Classes", (OWL.Class,)),
    ("object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation-properties", "Annotation properties", (OWL.AnnotationProperty,)),
    ("schemes", "Concept schemes", (SKOS.ConceptScheme,)),
)
ALIGNMENT_NAMES = {RDFS.subClassOf: "Subclass of", RDFS.subPropertyOf: "Subproperty of",
                   SKOS.closeMatch: "Close match", SKOS.exactMatch: "Exact match", SKOS.broadMatch: "Broader match",
                   SKOS.narrowMatch: "Narrower match", SKOS.relatedMatch: "Related match",
                   OWL.equivalentClass: "Equivalent class", OWL.equivalentProperty: "Equivalent property"}
DETAILS = (("Domain", RDFS.domain), ("Range", RDFS.range), ("In scheme", SKOS.inScheme),
           ("Notation", SKOS.notation), ("Also called", SKOS.altLabel))
Download = tuple[str, str, str]  # (href, what, media type)
STYLE = """
body{font-family:system-ui,sans-serif;margin:0;line-height:1.45;color:#222}
nav#toc{position:fixed;top:0;left:0;bottom:0;width:17rem;overflow-y:auto;background:#f6f7f9;
border-right:1px solid #ddd;padding:1rem;font-size:.88rem;box-sizing:border-box}
nav#toc ul{list-style:none;padding-left:.8rem;margin:.2rem 0}nav#toc>ul{padding-left:0}
nav#toc a{text-decoration:none}main{margin-left:18rem;max-width:62rem;padding:1rem 1.5rem}
code{background:#f3f3f3;padding:0 .2em}section.term{border-top:1px solid #ddd;padding:.6rem 0}
dl{display:grid;grid-template-columns:11rem 1fr;gap:.25rem .8rem}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;
vertical-align:top}th{background:#f6f7f9}.message{font-style:italic}
@media (max-width:50rem){nav#toc{position:static;width:auto}main{margin-left:0}}
"""


class Page:
    """What every part of the page needs: the ontology, its shapes, and how to name and link a term."""

    def __init__(self, graph: Graph, shapes: Graph | None) -> None:
        self.graph = graph
        self.shapes = shapes
        self.constraints: list[Constraint] = constraints(shapes) if shapes is not None else []
        bound = {(p, str(ns)) for g in (graph, shapes) if g is not None for p, ns in g.namespaces()}
        used = {str(t) for g in (graph, shapes) if g is not None for triple in g for t in triple
                if isinstance(t, URIRef)} | {str(t.datatype) for t in graph.objects() if isinstance(t, Literal)
                                             and t.datatype is not None}
        self.prefixes = sorted((p, ns) for p, ns in bound if any(iri.startswith(ns) for iri in used))

    def name(self, term: URIRef) -> str:
        """``fg:Figure``, ``prov:Entity``; the IRI itself where no prefix fits (never ``<...>``)."""
        for prefix, ns in sorted(self.prefixes, key=lambda p: -len(p[1])):
            if str(term).startswith(ns) and len(str(term)) > len(ns):
                return f"{prefix}:{str(term)[len(ns):]}"
        return str(term)

    def link(self, term: object) -> str:
        if not isinstance(term, URIRef):
            return escape(str(term))
        if ours(term):
            return f'<a href="#{escape(anchor(term))}"><code>{escape(self.name(term))}</code></a>'
        return f'<a href="{escape(str(term))}"><code>{escape(self.name(term))}</code></a>'

    def links(self, terms: Iterable[object]) -> str:
        return ", ".join(self.link(t) for t in sorted(terms, key=str))

    def rule(self, rule: Rule) -> str:
        return "".join(self.link(p) if isinstance(p, URIRef) else escape(p) for p in rule)


def ours(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_NS)


def anchor(term: URIRef) -> str:
    return str(term)[len(ONTOLOGY_NS):]


def _text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _label(graph: Graph, term: URIRef) -> str:
    return _text(graph, term, RDFS.label) or _text(graph, term, SKOS.prefLabel) or anchor(term)


def _members(graph: Graph, classes: Sequence[URIRef]) -> list[URIRef]:
    """The ontology's terms of these types, by label (as the table of contents lists them)."""
    found = {s for c in classes for s in graph.subjects(RDF.type, c)}
    return sorted((t for t in found if isinstance(t, URIRef) and ours(t)), key=lambda t: (_label(graph, t).lower(), t))


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _constraint_table(page: Page, found: Sequence[Constraint], first: str, term: URIRef) -> str:
    """The constraints on ``term`` as a table; ``first`` is the column that names what they apply to
    (the property, for a class; the classes, for a property)."""
    head = f"<tr><th>{escape(first)}</th><th>Rules</th><th>Message</th></tr>"
    body = []
    for c in found:
        if first == "On":
            where = page.links(c.targets)
        else:
            where = page.link(c.path) if c.path else "the node itself"
            if term not in c.targets:
                where += f" <small>(on {page.links(c.targets)})</small>"
        rules = "; ".join(page.rule(r) for r in c.rules)
        body.append(f"<tr><td>{where}</td><td>{rules}</td><td class=\"message\">{escape(c.message)}</td></tr>")
    return f"<table>{head}{''.join(body)}</table>"


def _term(page: Page, term: URIRef) -> str:
    graph = page.graph
    rows = [("IRI", f"<code>{escape(str(term))}</code>")]
    definition = _text(graph, term, SKOS.definition)
    if definition:
        rows.append(("Definition", escape(definition)))
    for predicate in ALIGNMENTS:
        targets = list(graph.objects(term, predicate))
        if targets:
            rows.append((ALIGNMENT_NAMES.get(predicate, escape(page.name(predicate))) +
                         f" <small>({escape(page.name(predicate))})</small>", page.links(targets)))
    for title, predicate in DETAILS:
        values = list(graph.objects(term, predicate))
        if values:
            rows.append((title, page.links(values)))
    for title, predicate in (("In domain of", RDFS.domain), ("In range of", RDFS.range)):
        properties = [p for p in graph.subjects(predicate, term) if ours(p)]
        if properties:
            rows.append((title, page.links(properties)))
    narrower = [s for p in (RDFS.subClassOf, RDFS.subPropertyOf) for s in graph.subjects(p, term) if ours(s)]
    if narrower:
        rows.append(("Specialised by", page.links(narrower)))
    members = [s for s in graph.subjects(RDF.type, term) if ours(s)]
    if members:
        rows.append(("Members", page.links(members)))
    lineage = {term, *graph.transitive_objects(term, RDFS.subClassOf)}  # its shapes and its superclasses'
    on_class = sorted((c for c in page.constraints if lineage & set(c.targets)), key=lambda c: term not in c.targets)
    if on_class:
        rows.append(("Constraints (SHACL)", _constraint_table(page, on_class, "Property", term)))
    on_property = [c for c in page.constraints if c.path == term]
    if on_property:
        rows.append(("Constrained by (SHACL)", _constraint_table(page, on_property, "On", term)))
    return (f'<section class="term" id="{escape(anchor(term))}"><h3>{escape(_label(graph, term))} '
            f'<small><code>{escape(page.name(term))}</code></small></h3>{_rows(rows)}</section>')


def _metadata(page: Page, ontology: URIRef | None, downloads: Sequence[Download]) -> list[str]:
    graph = page.graph
    parts = []
    if ontology is not None:
        meta = [("IRI", f"<code>{escape(str(ontology))}</code>")]
        for name, predicate in (("Version", OWL.versionInfo), ("Description", DCTERMS.description),
                                ("Created", DCTERMS.created), ("Modified", DCTERMS.modified)):
            value = _text(graph, ontology, predicate)
            if value:
                meta.append((name, escape(value)))
        for licence in sorted(graph.objects(ontology, DCTERMS.license), key=str):
            shown = _text(graph, licence, RDFS.label) or str(licence)
            meta.append(("Licence", f'<a href="{escape(str(licence))}">{escape(shown)}</a>'))
        parts.append('<h2 id="metadata">Metadata</h2>' + _rows(meta))
    if downloads:
        items = "".join(f'<li><a href="{escape(href)}" download>{escape(what)}</a> '
                        f'<small>({escape(media)})</small></li>' for href, what, media in downloads)
        parts.append(f'<h2 id="downloads">Downloads</h2><ul>{items}</ul>')
    rows = "".join(f"<tr><td><code>{escape(p)}</code></td><td><code>{escape(ns)}</code></td></tr>"
                   for p, ns in page.prefixes)
    parts.append(f'<h2 id="namespaces">Namespaces</h2><table><tr><th>Prefix</th><th>Namespace</th></tr>{rows}</table>')
    return parts


def ontology_html(graph: Graph, shapes: Graph | None = None, downloads: Sequence[Download] = ()) -> str:
    """The documentation page of an ontology graph, with the constraints of ``shapes`` on its terms
    and links to ``downloads`` (relative to the page)."""
    page = Page(graph, shapes)
    ontology = next((s for s in sorted(graph.subjects(RDF.type, OWL.Ontology), key=str)
                     if isinstance(s, URIRef)), None)
    title = (_text(graph, ontology, DCTERMS.title) or _text(graph, ontology, RDFS.label)) if ontology else None
    title = title or "Ontology"
    body = _metadata(page, ontology, downloads)
    shown = [("metadata", "Metadata", ontology is not None), ("downloads", "Downloads", bool(downloads)),
             ("namespaces", "Namespaces", True)]
    toc = [f'<li><a href="#{a}">{t}</a></li>' for a, t, present in shown if present]
    groups = [(a, h, _members(graph, classes)) for a, h, classes in SECTIONS]
    classes = set(_members(graph, (OWL.Class,)))
    listed = {t for _, _, terms in groups for t in terms}
    individuals = sorted({s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef) and ours(s)}
                         | {t for t in _members(graph, (SKOS.Concept,)) if t not in classes},
                         key=lambda t: (_label(graph, t).lower(), t))
    groups.append(("individuals", "Named individuals", [t for t in individuals if t not in listed]))
    for section, heading, terms in groups:
        if not terms:
            continue
        entries = "".join(f'<li><a href="#{escape(anchor(t))}">{escape(_label(graph, t))}</a></li>' for t in terms)
        toc.append(f'<li><a href="#{section}">{heading} ({len(terms)})</a><ul>{entries}</ul></li>')
        body.append(f'<h2 id="{section}">{heading}</h2>' + "".join(_term(page, t) for t in terms))
    if page.constraints:
        toc.append('<li><a href="#shapes">Shapes (SHACL)</a></li>')
        body.append('<h2 id="shapes">Shapes (SHACL)</h2><p>Every constraint the data is validated against, '
                    'with the message a violation reports.</p>' + _shapes_table(page))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
            f'<nav id="toc"><strong>{escape(title)}</strong><ul>{"".join(toc)}</ul></nav>'
            f"<main><h1>{escape(title)}</h1>{''.join(body)}</main></body></html>\n")


def _shapes_table(page: Page) -> str:
    """Every constraint of the shapes, by shape: the classes it applies to, the property, rules, message."""
    rows = []
    for c in page.constraints:
        shape = escape(page.name(c.shape)) if isinstance(c.shape, URIRef) else "(unnamed)"
        rules = "; ".join(page.rule(r) for r in c.rules)
        prop = page.link(c.path) if c.path else "the node itself"
        rows.append(f"<tr><td><code>{shape}</code></td><td>{page.links(c.targets)}</td><td>{prop}</td>"
                    f"<td>{rules}</td><td class=\"message\">{escape(c.message)}</td></tr>")
    return ("<table><tr><th>Shape</th><th>On</th><th>Property</th><th>Rules</th><th>Message</th></tr>"
            + "".join(rows) + "</table>")
