"""A remote SPARQL 1.1 endpoint: Protocol for queries, Graph Store Protocol for writes.

Works with any engine that speaks the standards (Oxigraph server, Fuseki, Virtuoso,
GraphDB, QLever). The protocol has no parameter binding, so bound parameters travel as a
trailing VALUES clause built from RDF terms (never from raw user text).
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

import pyoxigraph as ox

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError, UsageError
from .guard import QueryTimeout
from .base import QueryResult, Store
from .oxigraph import OxigraphStore, as_oxigraph

SAFE_IRI = re.compile(r"^[^<>\"{}|^`\\\x00-\x20]*$")
RESULTS_JSON = "application/sparql-results+json"


def check_url(url: str) -> str:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise UsageError(f"an endpoint is an http(s) URL, not '{url}'")
    return url


def term_syntax(term: Node) -> str:
    """A term in SPARQL syntax, refusing IRIs that could break out of <...>."""
    if isinstance(term, URIRef):
        if not SAFE_IRI.match(str(term)):
            raise QueryError(f"refusing to send an IRI with characters IRIs may not contain: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"cannot bind a {type(term).__name__} on a remote endpoint")


def values_clause(bindings: dict[str, Node]) -> str:
    if not bindings:
        return ""
    names = sorted(bindings)
    return ("\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
            + " ".join(term_syntax(bindings[n]) for n in names) + ") }\n")


def _term(binding: dict[str, str]) -> Node:
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        datatype = binding.get("datatype")
        if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise QueryError(f"the endpoint sent a term of unknown type {kind!r}")


class EndpointStore(Store):
    """Queries go to ``query_url``; ``load`` PUTs each named graph to ``graph_store_url``."""

    needs_network = True

    def __init__(self, query_url: str | None = None, graph_store_url: str | None = None,
                 http_timeout: float = 60.0) -> None:
        if not query_url and not graph_store_url:
            raise UsageError("an endpoint store needs a query URL or a graph store URL")
        self.query_url = check_url(query_url) if query_url else None
        self.graph_store_url = check_url(graph_store_url) if graph_store_url else None
        self.http_timeout = http_timeout

    # -- HTTP ---------------------------------------------------------------------------
    def _send(self, request: urllib.request.Request, what: str, timeout: float | None = None) -> bytes:
        timeout = min(timeout or self.http_timeout, self.http_timeout)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (checked URL)
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise QueryError(f"{what}: the endpoint answered HTTP {exc.code} {exc.reason}"
                             + (f": {detail}" if detail else "")) from exc
        except http.client.IncompleteRead as exc:
            raise QueryError(f"{what}: truncated response ({len(exc.partial)} bytes, more were announced)") from exc
        except (socket.timeout, TimeoutError) as exc:
            raise QueryTimeout(f"{what}: no answer from {request.full_url} within {timeout:g} s (time limit)") from exc
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
            raise QueryError(f"{what}: the endpoint closed the connection ({exc})") from exc
        except urllib.error.URLError as exc:
            refused = isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror))
            verb = "cannot reach" if refused else "connection failed to"
            raise QueryError(f"{what}: {verb} {request.full_url}: {exc.reason}") from exc
        except http.client.HTTPException as exc:
            raise QueryError(f"{what}: broken HTTP exchange with {request.full_url}: {exc!r}") from exc

    # -- reading ------------------------------------------------------------------------
    def _query(self, sparql: str, bindings: dict[str, Node], timeout: float | None = None) -> QueryResult:
        if not self.query_url:
            raise UsageError("this endpoint store has no query URL")
        body = (sparql + values_clause(bindings)).encode("utf-8")
        request = urllib.request.Request(self.query_url, data=body, method="POST", headers={
            "Content-Type": "application/sparql-query; charset=utf-8", "Accept": RESULTS_JSON})
        raw = self._send(request, "query", timeout)
        try:
            document = json.loads(raw)
            if "boolean" in document:
                return QueryResult(("ask",), ((Literal(bool(document["boolean"]), datatype=XSD.boolean),),))
            variables = document["head"]["vars"]
            solutions = document["results"]["bindings"]
            rows = [[_term(s[v]) if v in s else None for v in variables] for s in solutions]
        except (ValueError, KeyError, TypeError) as exc:
            raise QueryError(f"query: malformed or truncated SPARQL JSON results from {self.query_url}: {exc}") from exc
        return QueryResult.of(variables, rows)

    def __len__(self) -> int:
        result = self._query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                             "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }", {})
        return int(result.rows[0][0])  # type: ignore[arg-type]

    # -- writing ------------------------------------------------------------------------
    def put_graph(self, graph_iri: str | None, body: bytes | Iterable[bytes]) -> None:
        """Replace one graph (None: the default graph) with N-Triples, in one request.

        The server parses the whole body before it replaces the graph, so an upload cut off
        halfway leaves the graph as it was."""
        if not self.graph_store_url:
            raise UsageError("this endpoint store has no graph store URL")
        query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
        separator = "&" if "?" in self.graph_store_url else "?"
        request = urllib.request.Request(f"{self.graph_store_url}{separator}{query}", data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._send(request, f"upload of graph <{graph_iri or 'default'}>")

    def load(self, dataset: Dataset) -> None:
        """Upload every named graph of the dataset (each replaced whole, or not at all)."""
        self.push(as_oxigraph(dataset))

    def push(self, source: OxigraphStore) -> int:
        """Upload every graph of an Oxigraph store, one PUT each, in graph IRI order; returns the count."""
        graphs: list[ox.NamedNode | ox.DefaultGraph] = sorted(source.store.named_graphs(), key=lambda g: g.value)
        default = source.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        count = 0
        for g in ([ox.DefaultGraph()] if default else []) + graphs:
            body = source.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b""
            self.put_graph(None if isinstance(g, ox.DefaultGraph) else g.value, body)
            count += 1
        return count
