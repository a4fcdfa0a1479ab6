"""pyshacl-turbo validates; pySHACL is the reference its reports must equal (issue 19.3)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from figuregraph.build import build_directory
from figuregraph.model import synth
from figuregraph.validate import shacl_by_focus

from ..conftest import GRAPH_DIR

BREAK = (  # faults of several kinds, so that the reports have something to compare
    "DELETE { GRAPH ?g { ?f fg:quote ?q } } WHERE { GRAPH ?g { ?f fg:quote ?q FILTER(STRENDS(STR(?f), '0')) } }",
    "INSERT { GRAPH ?g { ?f fg:value 'x' } } WHERE { GRAPH ?g { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '3')) } }",
    "DELETE { GRAPH ?g { ?m a fg:Measure } } WHERE { GRAPH ?g { ?m a fg:Measure FILTER(STRENDS(STR(?m), '1')) } }",
    "INSERT { GRAPH ?g { ?f fg:lowerBound 99999999 } } "
    "WHERE { GRAPH ?g { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '5')) } }",
    "DELETE { GRAPH ?g { ?s rdfs:label ?l } } "
    "WHERE { GRAPH ?g { ?s a fg:Report ; rdfs:label ?l FILTER(STRENDS(STR(?s), '2')) } }",
)
PREFIX = ("PREFIX fg: <https://w3id.org/figuregraph/ontology#>\n"
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> list[ox.Quad]:
    """A synthetic corpus (about 3 000 triples) with faults in it, and the seed graph beside it."""
    corpus = tmp_path_factory.mktemp("shacl") / "corpus"
    synth.write(synth.generate(120, seed=5), corpus)
    built = build_directory(corpus)
    for update in BREAK:
        built.store.store.update(PREFIX + update)
    return [*built.store.quads(), *build_directory(GRAPH_DIR).store.quads()]


def _sorted(found: dict[str, list[object]]) -> dict[str, list[object]]:
    return {n: sorted(v, key=repr) for n, v in found.items()}


def test_pyshacl_turbo_reports_what_pyshacl_reports(broken: list[ox.Quad]) -> None:
    turbo = shacl_by_focus(broken, engine="turbo")
    assert sum(len(v) for v in turbo.values()) > 20  # every kind of fault was found
    assert _sorted(turbo) == _sorted(shacl_by_focus(broken, engine="pyshacl"))  # type: ignore[arg-type]


def test_validating_some_nodes_with_their_descriptions_gives_their_part_of_the_whole(broken: list[ox.Quad]) -> None:
    """What an incremental build relies on: the shapes are node-local, so a node validated with its
    own triples and the types of what it names gets the results it gets in the whole graph."""
    from figuregraph.build.incremental import _descriptions

    whole = shacl_by_focus(broken)
    store = ox.Store()
    store.bulk_extend(broken)
    focus = {n for n in sorted(whole)[::3]} | {"https://w3id.org/figuregraph/id/figure/r00001-f02"}
    part = shacl_by_focus(_descriptions(store, focus), focus)
    assert _sorted(part) == _sorted({n: v for n, v in whole.items() if n in focus})  # type: ignore[arg-type]
