"""Ontology quality checks in the spirit of ROBOT's report.

Rules: every term has a label and a definition; no term of the ontology's namespace is
used (by the data, the queries or the shapes) without being declared; no two terms share
a label; every alignment points to a term that exists in the aligned vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, VOID, XSD, DefinedNamespace

from ..errors import InputError
from ..rdf.namespace import FG

ONTOLOGY_NS = str(FG._NS)
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch,
              SKOS.narrowMatch, SKOS.relatedMatch, OWL.equivalentClass, OWL.equivalentProperty)
CLOSED: tuple[type[DefinedNamespace], ...] = (PROV, SDO, SKOS, DCTERMS, TIME, RDF, RDFS, OWL, DCAT, VOID, XSD)
PREFIXED = re.compile(r"(?<![\w:/#<])fg:([A-Za-z_][\w-]*)")
FULL = re.compile(re.escape("<" + ONTOLOGY_NS) + r"([^>]*)>")


@dataclass(frozen=True, order=True)
class Problem:
    rule: str
    term: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.term}: {self.message}"


def read_external_terms(path: Path, ontology: Graph) -> set[URIRef]:
    """Prefixed names listed in ``path``, expanded with the ontology's own prefixes."""
    namespaces = {prefix: str(ns) for prefix, ns in ontology.namespaces()}
    terms: set[URIRef] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for name in line.split("#", 1)[0].split():
            prefix, _, local = name.partition(":")
            if prefix not in namespaces or not local:
                raise InputError(f"{path}:{number}: '{name}' is not a prefixed name of a known namespace")
            terms.add(URIRef(namespaces[prefix] + local))
    return terms


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_NS)}


def _term_name(term: Node) -> str:
    return "fg:" + str(term)[len(ONTOLOGY_NS):] if str(term).startswith(ONTOLOGY_NS) else str(term)


def check_documentation(ontology: Graph, terms: set[URIRef]) -> list[Problem]:
    problems = []
    for term in sorted(terms):
        if ontology.value(term, RDFS.label) is None:
            problems.append(Problem("missing-label", _term_name(term), "has no rdfs:label"))
        if ontology.value(term, SKOS.definition) is None:
            problems.append(Problem("missing-definition", _term_name(term), "has no skos:definition"))
    return problems


def check_duplicate_labels(ontology: Graph, terms: set[URIRef]) -> list[Problem]:
    """Exact label and language, as ROBOT compares them ("measure" and "Measure" differ)."""
    seen: dict[tuple[str, str | None], URIRef] = {}
    problems = []
    for term in sorted(terms):
        for label in ontology.objects(term, RDFS.label):
            if not isinstance(label, Literal):
                continue
            key = (str(label).strip(), label.language)
            if key in seen and seen[key] != term:
                problems.append(Problem("duplicate-label", _term_name(term),
                                        f"label '{label}' is also the label of {_term_name(seen[key])}"))
            seen.setdefault(key, term)
    return problems


def used_in_graph(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_NS)}


def used_in_text(text: str) -> set[URIRef]:
    names = set(PREFIXED.findall(text)) | set(FULL.findall(text))
    return {URIRef(ONTOLOGY_NS + name) for name in names}


def check_undeclared(terms: set[URIRef], uses: dict[str, set[URIRef]]) -> list[Problem]:
    problems = []
    for where, used in sorted(uses.items()):
        for term in sorted(used - terms - {URIRef(ONTOLOGY_NS)}):
            problems.append(Problem("undeclared-term", _term_name(term), f"used in {where} but not declared"))
    return problems


def _known(term: URIRef, external: set[URIRef]) -> bool | None:
    """True/False when the term's vocabulary is known, None when its namespace is not."""
    if term in external:
        return True
    text = str(term)
    for ns in CLOSED:
        if text.startswith(str(ns._NS)):
            return term in ns
    if any(text.startswith(_namespace(e)) for e in external):
        return False
    return None


def _namespace(term: URIRef) -> str:
    text = str(term)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[:cut + 1]


def check_alignments(ontology: Graph, external: set[URIRef]) -> list[Problem]:
    problems = []
    for predicate in ALIGNMENTS:
        for term, target in sorted(ontology.subject_objects(predicate)):
            if not isinstance(target, URIRef) or str(target).startswith(ONTOLOGY_NS):
                continue
            known = _known(target, external)
            if known is False:
                problems.append(Problem("unknown-alignment", _term_name(term),
                                        f"{predicate.n3(ontology.namespace_manager)} {target}: "
                                        "no such term in that vocabulary"))
            elif known is None:
                problems.append(Problem("unknown-alignment", _term_name(term),
                                        f"{predicate.n3(ontology.namespace_manager)} {target}: "
                                        "the vocabulary of this namespace is not known"))
    return problems


def lint(ontology: Graph, external: set[URIRef], uses: dict[str, set[URIRef]]) -> list[Problem]:
    """Every problem of the ontology itself and of its uses (``where -> terms used there``)."""
    terms = declared_terms(ontology)
    uses = {**uses, "the ontology": used_in_graph(ontology)}
    return sorted(set(check_documentation(ontology, terms) + check_duplicate_labels(ontology, terms)
                      + check_undeclared(terms, uses) + check_alignments(ontology, external)))


def used_in_queries(folder: Path) -> dict[str, set[URIRef]]:
    """Terms used by each query file below ``folder``, by its path."""
    return {str(p.relative_to(folder.parent)): used_in_text(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.rq"))}


def read_ontology(path: Path) -> Graph:
    return Graph(bind_namespaces="none").parse(path, format="turtle")
