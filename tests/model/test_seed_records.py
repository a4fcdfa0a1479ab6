"""The seed graph holds every figure, footnote, actor and chain of both seed documents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.namespace import RDF, RDFS

from figuregraph.build import BuiltGraph
from figuregraph.rdf.namespace import CITO, FG, OA, iri, local_id

from ..conftest import EUAA, NEWS
from ..expected import DISTRICT_PARTS, FIGURES, FOOTNOTES
from ..values import py


def _one(g: Graph, s: Node, p: URIRef) -> Node:
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{local_id(s)} {local_id(p)}: {values}"
    return values[0]


def _maybe(g: Graph, s: Node, p: URIRef) -> str | None:
    value = g.value(s, p)
    return None if value is None else str(value)


@pytest.mark.parametrize("figure_id", sorted(FIGURES))
def test_each_seed_figure(seed: BuiltGraph, figure_id: str) -> None:
    (wording, value, lower, upper, qualifier, measure, about, start, end,
     reporters, backing, document) = FIGURES[figure_id]
    g = seed.graph
    f = iri("figure", figure_id)
    assert (f, RDF.type, FG.Figure) in g
    assert str(_one(g, f, FG.wording)) == wording
    assert py(_one(g, f, FG.value)) == Decimal(value)
    assert py(_one(g, f, FG.lowerBound)) == Decimal(lower)
    assert py(_one(g, f, FG.upperBound)) == Decimal(upper)
    assert _one(g, f, FG.qualifier) == qualifier
    assert _one(g, f, FG.measure) == iri("measure", measure)
    subject = _one(g, f, FG.about)
    assert local_id(subject) == about
    period = _one(g, f, FG.referencePeriod)
    assert _maybe(g, period, FG.periodStart) == start
    assert _maybe(g, period, FG.periodEnd) == end
    assert {local_id(a) for a in g.objects(f, FG.reportedBy)} == reporters
    assert _one(g, f, FG.statedIn) == iri("source", document)
    citations = list(g.objects(f, FG.backedBy))
    numbers = {str(g.value(c, FG.citationNumber) or local_id(g.value(c, FG.citedSource))) for c in citations}
    assert numbers == backing
    for c in citations:
        assert g.value(c, FG.citingSource) == iri("source", document)
    expected_total = "desertion-awol-cases-total-2024-12" if figure_id in DISTRICT_PARTS else (
        "convictions-desertion-since-mobilisation"
        if figure_id == "convictions-desertion-moscow-region-since-mobilisation" else None)
    total = g.value(f, FG.partOf)
    assert (local_id(total) if total else None) == expected_total


def test_no_other_figures(seed: BuiltGraph) -> None:
    figures = {local_id(f) for f in seed.graph.subjects(RDF.type, FG.Figure)}
    assert figures == set(FIGURES)


@pytest.mark.parametrize("number", sorted(FOOTNOTES))
def test_each_footnote(seed: BuiltGraph, seed_texts: dict[str, str], number: str) -> None:
    cited, publisher, published, locator = FOOTNOTES[number]
    g = seed.graph
    c = iri("citation", EUAA, f"fn{number}")
    assert (c, RDF.type, FG.Citation) in g
    assert str(_one(g, c, FG.citationNumber)) == number
    assert _one(g, c, FG.citedSource) == iri("source", cited)
    assert _maybe(g, c, FG.locator) == locator
    src = iri("source", cited)
    assert _one(g, src, FG.publisher) == iri("actor", publisher)
    assert _maybe(g, src, FG.published) == published
    # the footnote's raw text is the seed's footnote entry (without its link placeholder)
    raw = str(_one(g, c, FG.citationText))
    entries = [line.replace(", [url](#)", "").strip() for line in seed_texts[EUAA].splitlines()]
    assert raw in entries
    # the document-level chain: the report cites what its footnote cites
    assert (iri("source", EUAA), CITO.cites, src) in g


def test_footnotes_957_and_960_cite_one_source(seed: BuiltGraph) -> None:
    g = seed.graph
    cited = {g.value(iri("citation", EUAA, fn), FG.citedSource) for fn in ("fn957", "fn960")}
    assert cited == {iri("source", "frontelligence-2025-desertions-loss-ratios")}


def test_every_quote_sits_at_its_offset(seed: BuiltGraph, seed_texts: dict[str, str]) -> None:
    g = seed.graph
    checked = 0
    for claim in set(g.subjects(FG.quote, None)):
        doc = local_id(g.value(claim, FG.statedIn))
        quote = str(g.value(claim, FG.quote))
        text = seed_texts[doc]
        positions = [s for s in g.objects(claim, FG.selector) if (s, RDF.type, OA.TextPositionSelector) in g]
        assert len(positions) == 1, local_id(claim)
        start = py(g.value(positions[0], OA.start))
        end = py(g.value(positions[0], OA.end))
        assert text[start:end] == quote
        wording = g.value(claim, FG.wording)
        if wording is not None:
            assert str(wording) in quote
        checked += 1
    assert checked == len(FIGURES) + 4


def test_news_chain_article_ministry_mediazona(seed: BuiltGraph) -> None:
    g = seed.graph
    article, update = iri("source", NEWS), iri("source", "uk-mod-2024-04-24-desertion-update")
    data = iri("source", "mediazona-military-court-desertion-data")
    assert (article, CITO.cites, update) in g
    assert (update, CITO.citesAsDataSource, data) in g
    assert g.value(update, FG.publisher) == iri("actor", "uk-ministry-of-defence")
    assert g.value(data, FG.publisher) == iri("actor", "mediazona")


def test_district_statements_cover_regions(seed: BuiltGraph) -> None:
    g = seed.graph
    southern, central = iri("actor", "southern-military-district"), iri("actor", "central-military-district")
    covered = {local_id(p) for p in g.objects(southern, FG.covers)}
    assert covered == {"north-caucasus", "donetsk-region", "luhansk-region", "kherson-region", "zaporizhzhia-region"}
    assert {local_id(p) for p in g.objects(central, FG.covers)} == {"volga-region", "urals", "siberia"}
    # each covering is a statement with its own citation
    for statement, footnote in [("southern-md-covers-north-caucasus", "958"),
                                ("southern-md-covers-occupied-regions", "959"),
                                ("central-md-covers-volga-urals-siberia", "962")]:
        s = iri("statement", statement)
        assert (s, RDF.type, FG.Statement) in g
        citation = g.value(s, FG.backedBy)
        assert str(g.value(citation, FG.citationNumber)) == footnote


def test_reporting_actors_are_described(seed: BuiltGraph) -> None:
    g = seed.graph
    expected = {
        "mariana-katzarova": FG.Person, "un-human-rights-council": FG.GovernmentBody,
        "human-rights-lawyer-euaa-2025-10": FG.Person, "frontelligence-insight": FG.Organisation,
        "ukraine-military-intelligence": FG.GovernmentBody, "uk-ministry-of-defence": FG.GovernmentBody,
        "mediazona": FG.Organisation, "euaa": FG.GovernmentBody, "wirtualna-polska": FG.Organisation,
        "southern-military-district": FG.MilitaryDistrict,
    }
    for actor, cls in expected.items():
        node = iri("actor", actor)
        assert (node, RDF.type, cls) in g, actor
        assert g.value(node, RDFS.label) is not None
