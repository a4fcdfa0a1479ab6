"""The guard fuzzed against the grammar: queries with escapes in names, strings of all four kinds,
comments, IRIs, less-than and \\u escapes, with SERVICE or a remote FROM put in every position.

Property: the guard refuses the query, or both engines run it (unsandboxed, straight through
pyoxigraph and rdflib, rdflib set to fetch FROM graphs) without a connection to the listener.
And the guard does not refuse everything: queries made of parts every engine reads alike pass it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.plugins.sparql
from hypothesis import given, settings
from hypothesis import strategies as st

from figuregraph.store.guard import QueryRefused, check

from ..servers import Listener

PORT = "{port}"  # replaced by the listener's port in each example
ESCAPED_NAMES = ["e:x\\#", "e:a\\'", "e:b\\.c", "e:%41", "e:q\\(\\)", "e:n\\\"", "e:p\\%", "e:s\\,t", "e:k\\~"]
TEXT = st.lists(st.sampled_from(["a", " ", "#", "'", '"', "\\\\", "\\'", '\\"', "\\t", "\\u0022", "\\u0027",
                                 "\\u005C", "\\u0023", "\\u000A", "\\U000A", "{", "}", "<", ">", "SERVICE", "\n",
                                 "\r"]),
                max_size=8).map("".join)


def strings(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["'", '"', "'''", '"""']), text).map(lambda q: q[0] + q[1] + q[0])


HOSTILE = st.sampled_from([
    f"SERVICE <http://127.0.0.1:{PORT}/x> {{ ?a ?b ?c }}",
    f"SERVICE SILENT <http://127.0.0.1:{PORT}/x> {{ ?a ?b ?c }}",
    f"SERVICE<http://127.0.0.1:{PORT}/x>{{?a ?b ?c}}",
    "SERVICE s:x { ?a ?b ?c }",
    "SERVICE:x { ?a ?b ?c }",
    "SERVICEs:x { ?a ?b ?c }",
    f"\\u0053ERVICE <http://127.0.0.1:{PORT}/x> {{ ?a ?b ?c }}",
    f"SERVIC\\u0045 <http://127.0.0.1:{PORT}/x> {{ ?a ?b ?c }}",
    f"\\U0053ERVICE <http://127.0.0.1:{PORT}/x> {{ ?a ?b ?c }}",
    f"FROM <http://127.0.0.1:{PORT}/g>",
    f"FROM NAMED <http://127.0.0.1:{PORT}/g>",
    "FROM s:g",
])
PIECES = st.one_of(
    st.sampled_from(ESCAPED_NAMES).map(lambda n: f"?s ?p {n}"),
    st.sampled_from(ESCAPED_NAMES).map(lambda n: f"BIND({n} AS ?z)"),
    strings(TEXT).map(lambda s: f"?s ?p {s}"),
    strings(TEXT).map(lambda s: f"FILTER(?o != {s})"),
    TEXT.map(lambda t: f"# {t}\n"),
    TEXT.map(lambda t: f"# {t}\r"),
    st.sampled_from(["?s <http://e/#x> ?o", "FILTER(?o<?p)", "FILTER(true||?o<?p)", "FILTER(?o<?p&&?p>?o)",
                     "?s ?p ?o", ".", "{ ?s ?p ?o }", "OPTIONAL { ?s ?p ?o }", "\\u0023", "\\u0027", "\\u0022",
                     "\\u007B", "<http://e/a'b>", "<http://e/#>", "?s ?p '''x''''", '"\\"', "e:x\\", "'", '"']),
)
SEPARATORS = st.sampled_from([" ", "", "\n", " . ", "\r"])


@st.composite
def hostile_queries(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(PIECES, SEPARATORS), max_size=6))
    body = [piece + sep for piece, sep in pieces]
    body.insert(draw(st.integers(0, len(body))), draw(HOSTILE) + draw(SEPARATORS))
    where = "".join(body)
    head = draw(st.sampled_from(["SELECT * ", f"SELECT * FROM <http://127.0.0.1:{PORT}/g> ", "SELECT * WHERE "]))
    if draw(st.booleans()):  # the hostile part before WHERE, where FROM belongs
        return f"{PREFIXES}SELECT * {draw(HOSTILE)} WHERE {{ ?s ?p ?o . {where} }}"
    return f"{PREFIXES}{head}{{ ?s ?p ?o . {where} }}"


PREFIXES = f"PREFIX e: <http://e/>\nPREFIX s: <http://127.0.0.1:{PORT}/>\nPREFIX : <http://127.0.0.1:{PORT}/>\n"
PORTABLE_TEXT = st.lists(st.sampled_from(["a", " ", "#", "{", "}", "<", ">", "SERVICE", "FROM", "\\t", "\\\\",
                                          "\\u0041", "\\u00e9", "QUOTE"]), max_size=8).map("".join)


@st.composite
def portable_strings(draw: st.DrawFn) -> str:
    """A string of one of the four kinds; its own quote escaped inside (rdflib's parser refuses
    the other kind's escape, '\\"', which the grammar allows)."""
    quote = draw(st.sampled_from(["'", '"', "'''", '"""']))
    return quote + draw(PORTABLE_TEXT).replace("QUOTE", "\\" + quote[0]) + quote


PORTABLE = st.one_of(
    st.sampled_from(["e:x\\#", "e:a\\'", "e:b\\.c", "e:%41", "e:q\\(\\)", "e:s\\,t"]).map(lambda n: f"?s ?p {n} ."),
    portable_strings().map(lambda s: f"?s ?p {s} ."),
    portable_strings().map(lambda s: f"FILTER(?o != {s})"),
    PORTABLE_TEXT.map(lambda t: f"# {t.replace('QUOTE', '')}\n"),
    st.sampled_from(["?s <http://e/#x> ?o .", "FILTER(?o<?p)", "FILTER(true||?o<?p)", "OPTIONAL { ?s ?p ?o }",
                     "?s ?p <http://e/\\u0041> .", "FILTER(?o < <http://e/#y>)", "?s ?p (1 2.5 'x') ."]),
)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    item = Listener()
    yield item
    item.close()


@pytest.fixture(scope="module")
def engines() -> Iterator[tuple[ox.Store, rdflib.Dataset]]:
    """Both engines with one triple (so that a pattern after it is evaluated), rdflib set to load
    FROM graphs from the web: a remote FROM that got past the guard would show as a connection."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    dataset = rdflib.Dataset(default_union=True)
    dataset.add((rdflib.URIRef("http://e/s"), rdflib.URIRef("http://e/p"), rdflib.Literal("o")))
    loading = rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = True
    try:
        yield store, dataset
    finally:
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = loading


def run_everywhere(query: str, engines: tuple[ox.Store, rdflib.Dataset]) -> None:
    store, dataset = engines
    try:
        result = store.query(query)
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass  # the engine refused or failed it: what matters is whether it connected
    try:
        list(dataset.query(query))
    except Exception:  # rdflib fails in many ways
        pass


@settings(max_examples=300, deadline=None)
@given(hostile_queries())
def test_whatever_passes_the_guard_connects_nowhere(listener: Listener, engines: tuple[ox.Store, rdflib.Dataset],
                                                   template: str) -> None:
    query = template.replace(PORT, str(listener.port))
    before = listener.connections
    try:
        check(query)
    except QueryRefused:
        return
    run_everywhere(query, engines)
    assert listener.connections == before, f"the guard let through a query that connected: {query!r}"


@settings(max_examples=150, deadline=None)
@given(st.lists(PORTABLE, max_size=6))
def test_queries_every_engine_reads_alike_pass_and_run(parts: list[str]) -> None:
    query = "PREFIX e: <http://e/>\nSELECT * WHERE { ?s ?p ?o . " + " ".join(parts) + " }"
    check(query)
    result = ox.Store().query(query)
    assert isinstance(result, ox.QuerySolutions)
    list(result)
