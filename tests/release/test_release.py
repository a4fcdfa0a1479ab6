"""Issue 7: release artifacts, canonical hash, manifest, VoID/DCAT, ontology docs and checks."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS, VOID

from figuregraph.build import BuiltGraph
from figuregraph.release import MANIFEST, RDF_MEDIA, make_release
from figuregraph.release.about import read_about
from figuregraph.release.canon import canonical_hash, canonical_nquads
from figuregraph.release.describe import DATASET
from figuregraph.release.ontodocs import ontology_html
from figuregraph.release.ontolint import ALIGNMENTS, declared_terms, lint, read_external_terms, read_ontology
from figuregraph.store import OxigraphStore

from ..conftest import FIXTURES, GRAPH_DIR, REPO
from ..values import py

SCRIPT = Path(sys.executable).parent / "figuregraph"
ONTOLOGY_FIXTURES = FIXTURES / "ontology"


@pytest.fixture(scope="module")
def released(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release")
    make_release(seed.oxigraph(), out, read_about(REPO / "dataset.yaml"))
    return out


def _triples(store: OxigraphStore) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.store}


def _load(path: Path) -> OxigraphStore:
    store = OxigraphStore()
    store.load_file(path)
    return store


# ------------------------------------------------------------------------------ artifacts

@pytest.mark.parametrize("name", ["figuregraph.ttl", "figuregraph.nt", "figuregraph.jsonld", "figuregraph.trig"])
def test_every_dataset_artifact_reparses_to_the_same_graph(released: Path, seed: BuiltGraph, name: str) -> None:
    expected = _triples(seed.oxigraph())
    assert _triples(_load(released / name)) == expected
    second = {"figuregraph.ttl": "turtle", "figuregraph.nt": "nt"}  # an independent parser for the plain formats
    if name in second:
        graph = Graph().parse(released / name, format=second[name])
        assert {(s.n3(), p.n3(), o.n3()) for s, p, o in graph} == expected


def test_the_trig_keeps_one_named_graph_per_record_file(released: Path, seed: BuiltGraph) -> None:
    quads = {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
             for q in ox.parse(path=str(released / "figuregraph.trig"), format=ox.RdfFormat.TRIG)}
    built = {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in seed.quads()}
    assert quads == built
    graphs = {q[3] for q in quads}
    assert len(graphs) == len(list((GRAPH_DIR).rglob("*.yaml")))


def test_the_ontology_shapes_context_and_csv_are_in_the_release(released: Path) -> None:
    assert ((released / "ontology" / "figuregraph.ttl").read_bytes()
            == (REPO / "ontology" / "figuregraph.ttl").read_bytes())
    assert (released / "ontology" / "shapes.ttl").read_bytes() == (REPO / "ontology" / "shapes.ttl").read_bytes()
    context = json.loads((released / "context.jsonld").read_text())
    assert context["@context"]["fg"] == "https://w3id.org/figuregraph/ontology#"
    assert (released / "figures.csv").read_text(encoding="utf-8").startswith("figure,wording,value,")


def test_the_manifest_matches_the_files(released: Path) -> None:
    manifest = json.loads((released / MANIFEST).read_text())
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {str(p.relative_to(released)) for p in released.rglob("*") if p.is_file()} - {MANIFEST}
    assert listed == on_disk
    for entry in manifest["files"]:
        data = (released / entry["path"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        if entry["triples"] is not None:
            fmt = RDF_MEDIA[entry["media_type"]]
            assert entry["triples"] == sum(1 for _ in ox.parse(data, format=fmt)), entry["path"]
    assert manifest["dataset"]["canonicalization"] == "RDFC-1.0"
    assert manifest["dataset"]["triples"] == len(Graph().parse(released / "figuregraph.nt", format="nt"))


def test_released_files_get_the_usual_permissions_not_the_temp_files_0600(released: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    for path in released.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


# ------------------------------------------------------------------------------ canonical hash

def _release_cli(out: Path, seed_value: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed_value, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}
    subprocess.run([str(SCRIPT), "release", "-g", str(GRAPH_DIR), "--about", str(REPO / "dataset.yaml"),
                    "-o", str(out)], check=True, env=env, capture_output=True, cwd=out.parent)
    return json.loads((out / MANIFEST).read_text())


def test_the_canonical_hash_and_every_file_are_stable_across_hash_seeds(tmp_path: Path) -> None:
    first = _release_cli(tmp_path / "a", "1")
    second = _release_cli(tmp_path / "b", "4242")
    assert first["dataset"] == second["dataset"]
    assert first == second  # same sizes and SHA-256 for every file, same date from SOURCE_DATE_EPOCH
    assert first["created"] == "2026-01-01"


def test_the_canonical_hash_ignores_order_and_format_but_sees_a_change(seed: BuiltGraph, released: Path) -> None:
    lines = [line for line in (released / "figuregraph.nt").read_text(encoding="utf-8").splitlines() if line]
    random.Random(7).shuffle(lines)
    shuffled = OxigraphStore()
    shuffled.load_quads(ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES))
    from_turtle = _load(released / "figuregraph.ttl")
    assert canonical_hash(shuffled) == canonical_hash(from_turtle)
    changed = OxigraphStore()
    changed.load_quads(ox.parse("\n".join(lines[1:]).encode(), format=ox.RdfFormat.N_TRIPLES))
    assert canonical_hash(changed) != canonical_hash(shuffled)


def test_the_fast_canonical_form_equals_the_general_algorithm(seed: BuiltGraph) -> None:
    store = seed.oxigraph()
    assert canonical_nquads(store) == canonical_nquads(store, via_pyld=True)


def test_blank_nodes_are_relabelled_canonically() -> None:
    a, b = OxigraphStore(), OxigraphStore()
    a.load_quads(ox.parse(b'_:x <http://e.org/p> "1" .\n_:x <http://e.org/q> _:y .\n', format=ox.RdfFormat.N_TRIPLES))
    b.load_quads(ox.parse(b'_:q <http://e.org/q> _:zz .\n_:q <http://e.org/p> "1" .\n', format=ox.RdfFormat.N_TRIPLES))
    assert canonical_nquads(a) == canonical_nquads(b)
    assert b"_:c14n0" in canonical_nquads(a)


# ------------------------------------------------------------------------------ VoID / DCAT

def test_void_and_dcat_counts_equal_sparql_counts_on_the_dataset(released: Path) -> None:
    void = Graph().parse(released / "void.ttl", format="turtle")
    data = Graph().parse(released / "figuregraph.ttl", format="turtle")  # rdflib's engine, not Oxigraph

    def number(predicate: URIRef, subject: URIRef = DATASET) -> int:
        value = void.value(subject, predicate)
        assert isinstance(value, Literal), predicate
        return int(value)

    def sparql(query: str) -> int:
        return py(next(iter(data.query(query)))[0])  # type: ignore[index]

    assert number(VOID.triples) == sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == len(data)
    assert number(VOID.distinctSubjects) == sparql("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    assert number(VOID.properties) == sparql("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    assert number(VOID.distinctObjects) == sparql("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")
    assert number(VOID.entities) == sparql("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER isIRI(?s) }")
    partitions = {void.value(p, VOID["class"]): py(void.value(p, VOID.entities))
                  for p in void.objects(DATASET, VOID.classPartition)}
    expected = {row[0]: py(row[1]) for row in data.query(  # type: ignore[index]
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")}
    assert partitions == expected and len(partitions) == number(VOID.classes)
    assert partitions[URIRef("https://w3id.org/figuregraph/ontology#Figure")] == 15


def test_dcat_describes_the_dataset_and_each_distribution(released: Path) -> None:
    void = Graph().parse(released / "void.ttl", format="turtle")
    about = read_about(REPO / "dataset.yaml")
    assert (DATASET, RDF.type, DCAT.Dataset) in void and (DATASET, RDF.type, VOID.Dataset) in void
    assert str(void.value(DATASET, DCTERMS.title)) == about.title
    assert str(void.value(DATASET, DCTERMS.license)) == about.license
    assert str(void.value(DATASET, URIRef(str(DCAT) + "version"))) == about.version
    manifest = json.loads((released / MANIFEST).read_text())
    sizes = {str(void.value(d, DCTERMS.title)): py(void.value(d, DCAT.byteSize))
             for d in void.objects(DATASET, DCAT.distribution)}
    assert sizes == {f["path"]: f["size"] for f in manifest["files"] if f["path"] != "void.ttl"}
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert examples and all("/id/figure/" in str(e) for e in examples)
    assert void.value(DATASET, VOID.sparqlEndpoint) is None


def test_release_names_an_endpoint_and_download_urls_when_given(seed: BuiltGraph, tmp_path: Path) -> None:
    from figuregraph.release.about import with_overrides

    info = with_overrides(read_about(REPO / "dataset.yaml"), "2.0.0", "https://data.example.org/sparql")
    make_release(seed.oxigraph(), tmp_path, info, base_url="https://data.example.org/dl/")
    void = Graph().parse(tmp_path / "void.ttl", format="turtle")
    assert str(void.value(DATASET, VOID.sparqlEndpoint)) == "https://data.example.org/sparql"
    assert URIRef("https://data.example.org/dl/figuregraph.ttl") in set(void.objects(DATASET, VOID.dataDump))
    assert json.loads((tmp_path / MANIFEST).read_text())["version"] == "2.0.0"


def test_a_broken_dataset_description_is_named(tmp_path: Path) -> None:
    about = tmp_path / "dataset.yaml"
    about.write_text("title: T\ndescription: D\nlicense: not a url\npublisher: P\nversion: 1\n")
    from figuregraph.errors import InputError

    with pytest.raises(InputError, match=r"dataset.yaml.*line 3|'license' must be an http"):
        read_about(about)


# ------------------------------------------------------------------------------ ontology docs and checks

class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.remote: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag in ("script", "img", "link", "iframe") and (values.get("src") or values.get("href")):
            self.remote.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_ontology_page_documents_every_term_with_definition_and_alignments(released: Path) -> None:
    ontology = read_ontology(REPO / "ontology" / "figuregraph.ttl")
    page = _Collect()
    page.feed((released / "ontology" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert not page.remote  # self-contained: nothing loaded from elsewhere
    for term in declared_terms(ontology):
        local = str(term).split("#", 1)[1]
        assert local in page.ids, local
        assert str(ontology.value(term, SKOS.definition)) in text, local
    for predicate in ALIGNMENTS:
        for _, target in ontology.subject_objects(predicate):
            assert target.n3(ontology.namespace_manager) in text


def test_the_ontology_page_escapes_what_the_ontology_says() -> None:
    graph = Graph().parse(data="""
        @prefix fg: <https://w3id.org/figuregraph/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        fg:X a owl:Class ; rdfs:label "<script>alert(1)</script>" ; skos:definition "a & b <img src=x>" .
    """, format="turtle")
    page = ontology_html(graph)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b" in page


def test_the_project_ontology_passes_every_check(seed: BuiltGraph) -> None:
    from figuregraph.release import check_ontology

    assert check_ontology(seed.oxigraph()) == []


@pytest.mark.parametrize(("fixture", "rule", "term"), [
    ("missing-label", "missing-label", "fg:Citation"),
    ("missing-definition", "missing-definition", "fg:Claim"),
    ("duplicate-label", "duplicate-label", "fg:Claim"),
    ("misspelt-alignment", "unknown-alignment", "fg:Claim"),
    ("misspelt-listed-alignment", "unknown-alignment", "fg:Citation"),
    ("unknown-vocabulary", "unknown-alignment", "fg:Claim"),
    ("undeclared-term", "undeclared-term", "fg:Evidence"),
])
def test_each_ontology_check_fails_on_a_fixture_and_names_the_term(fixture: str, rule: str, term: str) -> None:
    base = read_ontology(ONTOLOGY_FIXTURES / "base.ttl")
    external = read_external_terms(ONTOLOGY_FIXTURES / "terms.txt", base)
    assert lint(base, external, {}) == []
    broken = read_ontology(ONTOLOGY_FIXTURES / f"{fixture}.ttl")
    problems = lint(broken, external, {})
    assert [(p.rule, p.term) for p in problems] == [(rule, term)], problems


def test_terms_used_by_data_or_queries_must_be_declared() -> None:
    from figuregraph.release.ontolint import used_in_text

    base = read_ontology(ONTOLOGY_FIXTURES / "base.ttl")
    external = read_external_terms(ONTOLOGY_FIXTURES / "terms.txt", base)
    query = "SELECT ?x WHERE { ?x a fg:Claim ; fg:backedBy ?c . ?c a <https://w3id.org/figuregraph/ontology#Cite> }"
    problems = lint(base, external, {"queries/q.rq": used_in_text(query)})
    assert [(p.term, p.message) for p in problems] == [
        ("fg:Cite", "used in queries/q.rq but not declared"),
        ("fg:backedBy", "used in queries/q.rq but not declared"),
    ]


def test_release_finds_the_dataset_description_beside_the_graph(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from figuregraph.cli import app

    monkeypatch.chdir(tmp_path)  # no dataset.yaml here: the one beside graph/ is used
    result = CliRunner().invoke(app, ["release", "-g", str(GRAPH_DIR), "-o", "out", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / MANIFEST).read_text())["title"] == read_about(REPO / "dataset.yaml").title
    named = CliRunner().invoke(app, ["release", "-g", str(GRAPH_DIR), "-o", "out2", "--about", "no-such.yaml"])
    assert named.exit_code == 2 and "dataset description not found: no-such.yaml" in named.output
    assert "figuregraph init" in named.output and not (tmp_path / "out2").exists()
