"""What a user reads when their own query is wrong: the place in their file, and the engine's reason
without the grammar's lists of tokens, on every store."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.errors import QueryError
from figuregraph.store import Store, write_store
from figuregraph.store.library import adhoc_query

from ..servers import figuregraph_server, request


def _message(store: Store, own: str) -> str:
    """The message of the query ``own`` as the library runs a file of one's own (its prefixes added)."""
    with pytest.raises(QueryError) as raised:
        store.query(adhoc_query(own, Path("mine.rq")).text)
    return str(raised.value)


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "endpoint"])
@pytest.mark.parametrize("own, where", [
    # the guard's parser (rdflib): an expression cut short on the second line
    ("SELECT ?x\nWHERE { ?x fg:value ?v FILTER(?v > ) }\n", "(line 2, column 24)"),
    # the guard's lexer: a brace closed twice on the first line
    ("SELECT ?x WHERE { ?x fg:value ?v } }\n", "at line 1, column 36"),
])
def test_a_malformed_query_is_placed_in_the_users_own_text(stores: dict[str, Store], kind: str, own: str,
                                                             where: str) -> None:
    message = _message(stores[kind], own)
    assert where in message, message
    assert "at char" not in message


@pytest.mark.parametrize("kind", ["oxigraph", "endpoint"])
def test_oxigraphs_reason_is_given_without_its_token_lists(stores: dict[str, Store], kind: str) -> None:
    """Oxigraph hides the reason ('The SELECT overrides ...') among the tokens and character classes
    it expected; the message gives the reason alone, and the embedded store the column in the file."""
    message = _message(stores[kind], "SELECT (?x AS ?x) WHERE { ?x ?p ?o }")
    assert "The SELECT overrides an existing variable using an expression" in message, message
    assert "expected one of" not in message and "..=" not in message
    if kind == "oxigraph":
        assert "error at 1:37:" in message, message


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "endpoint"])
@pytest.mark.parametrize("own", ["CONSTRUCT { ?s fg:value ?v } WHERE { ?s fg:value ?v }", "DESCRIBE actor:mediazona"])
def test_a_graph_query_is_refused_alike_on_every_store(stores: dict[str, Store], kind: str, own: str) -> None:
    """Rows are what a store answers; Virtuoso would answer a CONSTRUCT as rows of ?s ?p ?o (and its
    own DESCRIBE), Oxigraph server not at all: every store refuses it with the same message, before
    an endpoint is asked."""
    message = _message(stores[kind], own)
    assert "only SELECT and ASK queries are supported" in message and "Accept: text/turtle" in message, message


def test_an_undeclared_prefix_is_named_with_its_declaration(seed: BuiltGraph, tmp_path: Path) -> None:
    """`figuregraph query` declares the library's prefixes, an endpoint declares none: a user who moves
    a query to `serve` is told which declaration it lacks (and of a prefix of their own, its name)."""
    store = tmp_path / "store"
    write_store(store, lambda s: s.load_quads(seed.oxigraph().quads()))
    with figuregraph_server(store) as server:
        for text, said in (("SELECT ?f WHERE { ?f a fg:Figure }",
                            "the prefix 'fg:' is not declared: declare it, PREFIX fg: "
                            "<https://w3id.org/figuregraph/ontology#>"),
                           ("SELECT ?s WHERE { ?s mine:p ?o }", "the prefix 'mine:' is not declared")):
            status, _, body = request(f"{server.url}/query?" + urllib.parse.urlencode({"query": text}))
            assert status == 400 and said in body.decode(), body
