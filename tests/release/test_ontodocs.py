"""The ontology page at pyLODE's level: a sidebar table of contents, metadata with the licence as a
link, download links, the namespaces table, and per term its definition, alignments, domain and
range, what it is the domain or range of, its specialisations and the SHACL constraints on it with
their messages; every section present and every term linked."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH, SKOS

from figuregraph.files.resources import ontology_path, shapes_graph
from figuregraph.release import ONTOLOGY_DOWNLOADS
from figuregraph.release.ontodocs import ontology_html
from figuregraph.release.ontolint import ONTOLOGY_NS, declared_terms, read_ontology

SECTIONS = ("metadata", "downloads", "namespaces", "classes", "object-properties", "datatype-properties",
            "schemes", "individuals", "shapes")


class Parsed(HTMLParser):
    """Ids, the links inside the sidebar and elsewhere, the text of each term's section, and every
    ``fg:`` name shown outside a link or a heading."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.toc: list[str] = []
        self.links: list[str] = []
        self.sections: dict[str, list[str]] = {}
        self.unlinked: list[str] = []
        self._open: list[tuple[str, dict[str, str | None]]] = []
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "section":
            self._section = values.get("id")
            self.sections[str(self._section)] = []
        if tag == "a" and values.get("href"):
            inside_toc = any(t == "nav" for t, _ in self._open)
            (self.toc if inside_toc else self.links).append(str(values["href"]))
        self._open.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._section is not None:
            self.sections[self._section].append(data)
        tags = [t for t, _ in self._open]
        if data.startswith("fg:") and tags and tags[-1] == "code" and "a" not in tags and "h3" not in tags:
            self.unlinked.append(data)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_ontology(ontology_path())


@pytest.fixture(scope="module")
def page(ontology: Graph) -> str:
    return ontology_html(ontology, shapes_graph(), ONTOLOGY_DOWNLOADS)


@pytest.fixture(scope="module")
def parsed(page: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(page)
    return parsed


def _local(term: object) -> str:
    return str(term)[len(ONTOLOGY_NS):]


def test_every_section_is_present_and_in_the_sidebar(parsed: Parsed, page: str) -> None:
    assert '<nav id="toc">' in page
    for section in SECTIONS:
        assert section in parsed.ids and f"#{section}" in parsed.toc, section


def test_every_term_has_an_entry_listed_in_the_sidebar_and_every_link_lands(ontology: Graph, parsed: Parsed) -> None:
    for term in declared_terms(ontology):
        assert _local(term) in parsed.ids and f"#{_local(term)}" in parsed.toc, term
    for href in parsed.links + parsed.toc:
        if href.startswith("#"):
            assert href[1:] in parsed.ids, href
    assert parsed.unlinked == []  # every fg: name shown is a link to its entry


def test_each_term_shows_definition_alignments_domain_range_and_where_it_is_used(ontology: Graph,
                                                                                 parsed: Parsed) -> None:
    for term in declared_terms(ontology):
        text = " ".join(parsed.sections[_local(term)])
        assert str(ontology.value(term, SKOS.definition)) in text, term
        for prop in ontology.subjects(RDFS.domain, term):
            assert "In domain of" in text and prop.n3(ontology.namespace_manager) in text
        for prop in ontology.subjects(RDFS.range, term):
            assert "In range of" in text and prop.n3(ontology.namespace_manager) in text
        for sub in ontology.subjects(RDFS.subClassOf, term):
            assert "Specialised by" in text and sub.n3(ontology.namespace_manager) in text
    figure = " ".join(parsed.sections["Figure"])
    assert "Subclass of" in figure and "fg:Claim" in figure
    assert "Close match" in figure and "wikibase:Statement" in figure and "dcs:StatisticalVariable" in figure
    value = " ".join(parsed.sections["value"])
    assert "Domain" in value and "fg:Figure" in value and "xsd:decimal" in value


def test_every_shacl_message_stands_on_its_class_and_its_property(parsed: Parsed, page: str) -> None:
    shapes = shapes_graph()
    for shape, target in shapes.subject_objects(SH.targetClass):
        ours = str(target).startswith(ONTOLOGY_NS)  # oa:TextPositionSelector is documented by its own vocabulary
        on_class = " ".join(parsed.sections[_local(target)]) if ours else ""
        for prop in shapes.objects(shape, SH.property):
            message = str(shapes.value(prop, SH.message))
            assert message in (on_class if ours else page[page.index('id="shapes"'):]), (target, message)
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef) and str(path).startswith(ONTOLOGY_NS):
                assert message in " ".join(parsed.sections[_local(path)]), (path, message)
    claim_rule = "A claim needs at least one citation or reporting actor."
    assert claim_rule in " ".join(parsed.sections["Claim"])
    assert claim_rule in " ".join(parsed.sections["Figure"])  # inherited from its superclass, and said so


def test_licence_is_a_link_and_downloads_and_namespaces_are_listed(page: str) -> None:
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert f'<a href="{licence}">{licence}</a>' in page and "&lt;https://" not in page
    for href, _, _ in ONTOLOGY_DOWNLOADS:
        assert f'<a href="{href}" download>' in page
    for prefix, namespace in (("fg", ONTOLOGY_NS), ("prov", "http://www.w3.org/ns/prov#"),
                              ("sh", "http://www.w3.org/ns/shacl#")):
        assert f"<tr><td><code>{prefix}</code></td><td><code>{namespace}</code></td></tr>" in page
    assert "<code>actor</code>" not in page  # data prefixes the ontology does not use are left out
