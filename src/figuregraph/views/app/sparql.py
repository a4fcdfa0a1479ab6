"""The app's read-only SPARQL endpoint (``/query``, SPARQL 1.1 Protocol: GET ``?query=``, POST as a form
or as ``application/sparql-query``) and the examples its editor offers.

Every query goes through the store's ``query``: the same guards (no SERVICE, no updates, size and
nesting limits) and time limit as everywhere else. Answers are SPARQL 1.1 JSON results, or CSV results
(``Accept: text/csv``) as ``serve``'s engines write them."""

from __future__ import annotations

import csv
import io
import urllib.parse
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ...store.base import QueryResult, Store
from ...store.guard import DEFAULT_POLICY, Policy
from ...store.lexer import LexError, scan

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
RESULTS_JSON = "application/sparql-results+json"
RESULTS_CSV = "text/csv"
OFFERED = (RESULTS_JSON, "application/json", RESULTS_CSV)  # what /query answers in, JSON first


def query_text(method: str, params: str, content_type: str, body: bytes) -> str | None:
    """The query of a Protocol request, if it has one."""
    asked = urllib.parse.parse_qs(params).get("query")
    if method in ("GET", "HEAD"):
        return asked[0] if asked else None
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [None])[0]
    if kind == "application/sparql-query":
        return body.decode("utf-8", "replace")
    return None


def form_of(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first such keyword (after its prologue)."""
    try:
        for token in scan(text):
            if token.kind == "word" and token.text.upper() in FORMS:
                return token.text.upper()
    except LexError:
        return None
    return None


def _term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    found = {"type": "literal", "value": str(term)}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype is not None:
        found["datatype"] = str(term.datatype)
    return found


def results(result: QueryResult, form: str | None) -> dict[str, Any]:
    """SPARQL 1.1 JSON results of a SELECT (or the boolean of an ASK)."""
    if form == "ASK":
        value = result.rows[0][0] if result.rows else None
        return {"head": {}, "boolean": bool(value.toPython()) if isinstance(value, Literal) else False}
    return {"head": {"vars": list(result.variables)},
            "results": {"bindings": [{v: _term(t) for v, t in zip(result.variables, row) if t is not None}
                                     for row in result.rows]}}


def as_csv(data: dict[str, Any]) -> str:
    """JSON results as SPARQL 1.1 CSV results (values only, CRLF rows); an ASK's answer as ``true`` or
    ``false``, as Oxigraph writes it."""
    if "boolean" in data:
        return "true" if data["boolean"] else "false"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = data["head"]["vars"]
    writer.writerow(names)
    for binding in data["results"]["bindings"]:
        writer.writerow([_csv_value(binding.get(n)) for n in names])
    return out.getvalue()


def _csv_value(term: dict[str, str] | None) -> str:
    if term is None:
        return ""
    return "_:" + term["value"] if term["type"] == "bnode" else term["value"]


def answer(store: Store, text: str, policy: Policy = DEFAULT_POLICY) -> dict[str, Any]:
    """Run a query under ``policy`` (guarded, time-limited) and give its JSON results; QueryError if
    refused or failed."""
    from ...errors import QueryError

    form = form_of(text)
    if form in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(f"{form} is not answered here: ask a SELECT or ASK query (a node's triples are at its "
                         "/id/ page, as Turtle, JSON-LD or N-Triples)")
    return results(store.query(text, policy=policy), form)
