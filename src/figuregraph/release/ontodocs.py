"""An HTML page documenting the ontology: every class, property and concept with its label,
definition, alignments, domain and range. Self-contained (inline CSS, no script, no remote
resource); every string from the ontology is escaped."""

from __future__ import annotations

from html import escape
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .ontolint import ALIGNMENTS, ONTOLOGY_NS

SECTIONS = (
    ("classes", "Classes", (OWL.Class,)),
    ("object-properties", "Object properties", (OWL.ObjectProperty,)),
    ("datatype-properties", "Datatype properties", (OWL.DatatypeProperty,)),
    ("annotation-properties", "Annotation properties", (OWL.AnnotationProperty,)),
    ("schemes", "Concept schemes", (SKOS.ConceptScheme,)),
)
DETAILS = (
    ("Domain", RDFS.domain),
    ("Range", RDFS.range),
    ("In scheme", SKOS.inScheme),
    ("Notation", SKOS.notation),
    ("Also called", SKOS.altLabel),
)
STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}
code{background:#f3f3f3;padding:0 .2em}
section.term{border-top:1px solid #ddd;padding:.6rem 0}
dt{font-weight:600;float:left;clear:left;width:9rem}
dd{margin-left:10rem}
nav li{display:inline;margin-right:.6rem}
"""


def _text(graph: Graph, node: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _anchor(term: URIRef) -> str:
    return str(term)[len(ONTOLOGY_NS):]


def _name(graph: Graph, term: URIRef) -> str:
    return term.n3(graph.namespace_manager)


def _link(graph: Graph, term: object) -> str:
    if isinstance(term, Literal):
        return escape(str(term))
    if not isinstance(term, URIRef):
        return escape(str(term))
    if str(term).startswith(ONTOLOGY_NS):
        return f'<a href="#{escape(_anchor(term))}"><code>{escape(_name(graph, term))}</code></a>'
    return f'<a href="{escape(str(term))}"><code>{escape(_name(graph, term))}</code></a>'


def _links(graph: Graph, terms: Iterable[object]) -> str:
    return ", ".join(_link(graph, t) for t in sorted(terms, key=str))


def _members(graph: Graph, classes: tuple[URIRef, ...]) -> list[URIRef]:
    found = {s for c in classes for s in graph.subjects(RDF.type, c)}
    return sorted((t for t in found if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_NS)), key=str)


def _term(graph: Graph, term: URIRef) -> str:
    label = _text(graph, term, RDFS.label) or _anchor(term)
    rows = [("IRI", f"<code>{escape(str(term))}</code>")]
    definition = _text(graph, term, SKOS.definition)
    if definition:
        rows.append(("Definition", escape(definition)))
    for predicate in ALIGNMENTS:
        targets = list(graph.objects(term, predicate))
        if targets:
            rows.append((escape(_name(graph, predicate)), _links(graph, targets)))
    for title, predicate in DETAILS:
        values = list(graph.objects(term, predicate))
        if values:
            rows.append((title, _links(graph, values)))
    narrower = [s for p in (RDFS.subClassOf, RDFS.subPropertyOf) for s in graph.subjects(p, term)]
    if narrower:
        rows.append(("Specialised by", _links(graph, narrower)))
    members = [s for s in graph.subjects(RDF.type, term) if str(s).startswith(ONTOLOGY_NS)]
    if members:
        rows.append(("Members", _links(graph, members)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<section class="term" id="{escape(_anchor(term))}"><h3>{escape(label)} '
            f'<small><code>{escape(_name(graph, term))}</code></small></h3><dl>{body}</dl></section>')


def ontology_html(graph: Graph) -> str:
    """The documentation page of an ontology graph."""
    ontology = next((s for s in sorted(graph.subjects(RDF.type, OWL.Ontology), key=str)), None)
    title = (_text(graph, ontology, DCTERMS.title) or _text(graph, ontology, RDFS.label)) if ontology else None
    title = title or "Ontology"
    head = [f"<h1>{escape(title)}</h1>"]
    if ontology is not None:
        meta = [("IRI", f"<code>{escape(str(ontology))}</code>")]
        for name, predicate in (("Version", OWL.versionInfo), ("Description", DCTERMS.description)):
            value = _text(graph, ontology, predicate)
            if value:
                meta.append((name, escape(value)))
        licence = graph.value(ontology, DCTERMS.license)
        if licence is not None:
            meta.append(("Licence", _link(graph, licence)))
        head.append("<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>")
    nav, sections = [], []
    for anchor, heading, classes in SECTIONS:
        terms = _members(graph, classes)
        if not terms:
            continue
        nav.append(f'<li><a href="#{anchor}">{heading} ({len(terms)})</a></li>')
        sections.append(f'<h2 id="{anchor}">{heading}</h2>' + "".join(_term(graph, t) for t in terms))
    concepts = [t for t in _members(graph, (SKOS.Concept,)) if t not in set(_members(graph, (OWL.Class,)))]
    individuals = sorted({s for c in _members(graph, (OWL.Class,)) for s in graph.subjects(RDF.type, c)
                          if str(s).startswith(ONTOLOGY_NS)} | set(concepts), key=str)
    if individuals:
        nav.append(f'<li><a href="#individuals">Named individuals ({len(individuals)})</a></li>')
        sections.append('<h2 id="individuals">Named individuals</h2>' + "".join(_term(graph, t) for t in individuals))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
            + "".join(head) + "<nav><ul>" + "".join(nav) + "</ul></nav>" + "".join(sections)
            + "</body></html>\n")
