"""The data namespace and the one prefix table, as plain text: what a query needs of the
namespaces without loading rdflib (``namespace`` builds the rdflib terms on these)."""

from __future__ import annotations

import re

DATA = "https://w3id.org/figuregraph/id/"

# The one prefix table: bound on every graph we write and prepended to every library query.
PREFIXES: dict[str, str] = {
    "fg": "https://w3id.org/figuregraph/ontology#",
    "fgid": DATA,
    "actor": DATA + "actor/",
    "place": DATA + "place/",
    "source": DATA + "source/",
    "figure": DATA + "figure/",
    "statement": DATA + "statement/",
    "measure": DATA + "measure/",
    "unit": DATA + "unit/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "cito": "http://purl.org/spar/cito/",
    "oa": "http://www.w3.org/ns/oa#",
}

# A record id: lower-case letters, digits, dots and hyphens, a letter or digit at each end.
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")

# Record kinds and the IRI path segment of their ids: fgid:figure/<id>, fgid:actor/<id>, ...
ENTITY_KINDS = ("actor", "place", "event", "source", "figure", "statement", "measure", "unit", "citation", "graph",
                "scheme", "assessment", "audit")


def iri_text(kind: str, *key: str) -> str:
    """The stable IRI of a record: built from its kind and record keys, never display text."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    return DATA + kind + "/" + "/".join(key)


def local_id(node: object) -> str:
    """The record id of a data IRI (``.../id/actor/mediazona`` -> ``mediazona``); other terms as text."""
    text = str(node)
    if text.startswith(DATA):
        return text[len(DATA):].split("/", 1)[-1]
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and not ns.startswith(DATA):
            return f"{prefix}:{text[len(ns):]}"
    return text


def sparql_prologue(separator: str = " ") -> str:
    """PREFIX declarations for every library query, on one line that the query's first line continues:
    the engines' and the guard's messages then give the line numbers of the query's own file. A
    query shown to a reader (the editor's examples) has them one a line (``separator="\n"``)."""
    return "".join(f"PREFIX {p}: <{ns}>{separator}" for p, ns in PREFIXES.items())
