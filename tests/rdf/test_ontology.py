"""The ontology, the shapes and the code agree; every term is documented and aligned."""

from __future__ import annotations

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

from figuregraph.model import bounds
from figuregraph.model.schema import QUALIFIERS
from figuregraph.rdf.namespace import CITO, FG, OA
from figuregraph.rdf.prefixes import PREFIXES
from figuregraph.release.ontolint import declared_terms as ontology_terms
from figuregraph.files.resources import ontology_graph, ontology_path, shapes_graph

FG_NS = str(FG._NS)
ALIGNMENT = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch)
# Terms with no counterpart in PROV-O, schema.org, CiTO, Web Annotation, SKOS, DC or QUDT.
UNALIGNED = {"wording", "roundingUnit", "defaultUnit", "periodPhrase", "citationNumber", "citationText",
             "section", "credibility", "reliability"}


def declared_terms(g: Graph) -> set[str]:
    """Local names of the ontology's declared terms (the ontology checks' own list)."""
    return {str(t)[len(FG_NS):] for t in ontology_terms(g)}


def test_closed_namespace_matches_ontology() -> None:
    code_terms = set(FG.__annotations__)
    assert code_terms == declared_terms(ontology_graph())


# Labels, definitions and the terms the shapes use are the ontology checks' rules
# (figuregraph.release.ontolint), run on the project's ontology in test_release.py.


def test_the_plain_prefix_table_names_the_namespaces() -> None:
    """The prefixes are plain text (a query needs them without rdflib): they name rdflib's namespaces,
    and the ontology's own prefix is the one its file declares."""
    namespaces = {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV,
                  "schema": SDO, "fg": FG, "cito": CITO, "oa": OA}
    assert {prefix: PREFIXES[prefix] for prefix in namespaces} == {p: str(ns) for p, ns in namespaces.items()}
    declared = Graph(bind_namespaces="none").parse(ontology_path(), format="turtle")
    assert str(dict(declared.namespaces())["fg"]) == PREFIXES["fg"]


def test_classes_and_properties_are_aligned() -> None:
    g = ontology_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for k in kinds for s in g.subjects(RDF.type, k)}
    unaligned = set()
    for term in terms:
        targets = [o for p in ALIGNMENT for o in g.objects(term, p)]
        external = [o for o in targets if not str(o).startswith(FG_NS)]
        inherited = [o for o in targets if str(o).startswith(FG_NS)]
        if not external and not inherited:
            unaligned.add(str(term)[len(FG_NS):])
    assert unaligned == UNALIGNED


def test_qualifier_scheme_matches_bounds_rules() -> None:
    g = ontology_graph()
    notations = {str(g.value(q, SKOS.notation)): q for q in g.subjects(RDF.type, FG.Qualifier)}
    assert set(notations) == set(bounds.RULES) == set(QUALIFIERS)
    assert all(QUALIFIERS[n] == q for n, q in notations.items())


def test_scales_have_six_grades_each() -> None:
    g = ontology_graph()
    reliability = sorted(str(g.value(c, SKOS.notation)) for c in g.subjects(RDF.type, FG.Reliability))
    credibility = sorted(str(g.value(c, SKOS.notation)) for c in g.subjects(RDF.type, FG.Credibility))
    assert reliability == list("ABCDEF") and credibility == list("123456")


def test_every_shape_constraint_has_a_message() -> None:
    g = shapes_graph()
    constrained = set(g.subjects(SH.path, None)) | set(g.subjects(SH["or"], None))
    constrained |= set(g.objects(None, SH.sparql))
    # the alternatives of an sh:or speak through the message of the shape that holds the sh:or
    alternatives = {item for lst in g.objects(None, SH["or"]) for item in Collection(g, lst)}
    assert constrained
    for node in constrained - alternatives:
        assert g.value(node, SH.message) is not None, node
