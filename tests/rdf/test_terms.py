"""Query results come back from Oxigraph as SPARQL TSV and are converted to rdflib terms: the
conversion must give exactly the terms that Oxigraph's own term objects describe. Read as cells
(``rdf.cells``, for the writers, without rdflib) they must be written exactly as those terms are."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.term import Node

from figuregraph.build import BuiltGraph
from figuregraph.rdf.cells import tsv_cells
from figuregraph.rdf.literals import display, plain
from figuregraph.rdf.prefixes import DATA, PREFIXES
from figuregraph.rdf.terms import from_ox, from_tsv, tsv_rows
from figuregraph.store.library import QueryLibrary

XSD = "http://www.w3.org/2001/XMLSchema#"
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
literals = st.one_of(
    texts.map(lambda t: ox.Literal(t)),
    st.tuples(texts, st.sampled_from(["en", "ru", "uk", "en-gb"])).map(lambda p: ox.Literal(p[0], language=p[1])),
    st.integers(-10**12, 10**12).map(lambda i: ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer"))),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(
        lambda d: ox.Literal(str(d), datatype=ox.NamedNode(XSD + "decimal"))),
    st.floats(allow_nan=False, allow_infinity=False).map(
        lambda f: ox.Literal(repr(f), datatype=ox.NamedNode(XSD + "double"))),
    st.booleans().map(lambda b: ox.Literal(str(b).lower(), datatype=ox.NamedNode(XSD + "boolean"))),
    st.sampled_from(["2024-03-01", "2024", "2024-12"]).map(lambda d: ox.Literal(d, datatype=ox.NamedNode(
        XSD + {10: "date", 4: "gYear", 7: "gYearMonth"}[len(d)]))),
    # ill-typed, rewritten by rdflib, and unknown datatypes
    st.tuples(texts, st.sampled_from(["integer", "date", "boolean", "token", "normalizedString", "anyURI",
                                      "dateTime", "byte"])).map(
        lambda p: ox.Literal(p[0], datatype=ox.NamedNode(XSD + p[1]))),
    texts.map(lambda t: ox.Literal(t, datatype=ox.NamedNode("https://example.org/datatype"))),
    st.sampled_from([("2024-03-01Z", "date"), ("2024-03-01+01:00", "date"), ("-0.0", "decimal"), ("+5", "integer"),
                     ("0005", "integer"), ("2024Z", "gYear"), ("1", "boolean"), ("-0", "integer"),
                     ("2024-03-01T10:00:00Z", "dateTime"), ("1e3", "double")]).map(
        lambda p: ox.Literal(p[0], datatype=ox.NamedNode(XSD + p[1]))),
)
iris = st.text(st.sampled_from("abcXYZ0189-._~/:éж"), min_size=1,
               max_size=20).map(lambda t: ox.NamedNode("https://example.org/" + t))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(literals, iris), min_size=1, max_size=8))
def test_tsv_terms_equal_oxigraph_terms(objects: list[ox.NamedNode | ox.Literal]) -> None:
    store = ox.Store()
    subject, predicate = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    for o in objects:
        store.add(ox.Quad(subject, predicate, o))
    query = "SELECT ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?missing } }"
    objects_found = [s["o"] for s in solutions(store, query)]
    expected = sorted((n3(o), None) for o in objects_found)
    variables, rows = tsv_rows(tsv(store, query))
    assert variables == ("o", "missing")
    assert sorted((n3(o), m) for o, m in rows) == expected
    for (term, _), ox_term in zip(sorted(rows, key=lambda r: n3(r[0])), sorted(objects_found, key=n3)):
        assert_same_term(term, ox_term)


def solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions), query
    return result


def tsv(store: ox.Store, query: str) -> bytes:
    """The SELECT results of ``query`` as Oxigraph writes them in SPARQL TSV."""
    data = solutions(store, query).serialize(format=ox.QueryResultsFormat.TSV)
    assert data is not None
    return data


def n3(term: object) -> str:
    """The N3 form of a bound term, rdflib's or (converted) Oxigraph's."""
    node = term if isinstance(term, Node) else from_ox(term)
    assert node is not None
    return node.n3()


def assert_same_term(term: object, ox_term: object) -> None:
    """The converted term is what rdflib itself makes of Oxigraph's term: type, lexical form,
    datatype, language, Python value and well-formedness."""
    if not isinstance(ox_term, ox.Literal):
        assert type(term) is type(from_ox(ox_term)) and term == from_ox(ox_term)
        return
    expected = from_ox(ox_term)
    assert type(term) is Literal and isinstance(expected, Literal)
    assert (str(term), term.datatype, term.language, term.ill_typed) == (
        str(expected), expected.datatype, expected.language, expected.ill_typed)
    assert repr(term.value) == repr(expected.value)  # repr: NaN != NaN


def test_one_variable_results_keep_their_unbound_rows() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.Literal("x")))
    query = "SELECT ?missing WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } OPTIONAL { ?o ?p ?missing } }"
    _, rows = tsv_rows(tsv(store, query))
    assert rows == [(None,), (None,)]
    _, none = tsv_rows(tsv(store, "SELECT ?x WHERE { ?x ?p 'nothing' }"))
    assert none == []


def test_an_unknown_cell_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="not a SPARQL TSV term"):
        from_tsv("{nonsense}")


# what a writer shows of a term: display (tables) and plain (JSON and CSV), with its type
def shown(term: Any) -> tuple[str, object, type]:  # a term or a cell (tsv_cells types them object)
    value = plain(term)
    return display(term), value, type(value)


def typed(lexical: str, datatype: str) -> ox.Literal:
    return ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))


cell_objects = st.one_of(literals, iris, st.sampled_from([
    ox.NamedNode(DATA + "actor/mediazona"), ox.NamedNode(PREFIXES["fg"] + "Figure"), ox.BlankNode("b1"),
    ox.Literal("\u202eevil"), ox.Literal("tab\there\nline"), typed("13500", "int"), typed("2.50", "decimal"),
    typed("INF", "double"), typed("P1D", "duration"), typed("1", "boolean")]))


@settings(max_examples=300, deadline=None)
@given(st.lists(cell_objects, min_size=1, max_size=8))
def test_cells_are_shown_as_their_terms(objects: list[ox.NamedNode | ox.BlankNode | ox.Literal]) -> None:
    """A writer fed the engine's cells (no rdflib) writes what it writes fed the rdflib terms."""
    store = ox.Store()
    subject, predicate = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    for o in objects:
        store.add(ox.Quad(subject, predicate, o))
    data = tsv(store, "SELECT ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?missing } }")
    _, rows = tsv_rows(data)
    cells = tsv_cells(data)
    assert len(cells) == len(rows)
    for cell_row, term_row in zip(cells, rows):
        assert [shown(c) for c in cell_row] == [shown(t) for t in term_row]


def test_every_library_query_writes_the_same_from_cells_as_from_terms(seed: BuiltGraph, library: QueryLibrary) -> None:
    store = seed.oxigraph()
    compared = 0
    for name in library.names(internal=True):
        query = library.get(name)
        if query.params:
            continue
        result = store.query(query.text)
        cells = result.cells  # read before the rows are made
        assert [[shown(c) for c in row] for row in cells] == [[shown(t) for t in row] for row in result.rows], name
        compared += len(cells)
    assert compared > 100
