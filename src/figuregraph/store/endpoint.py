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
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError, UsageError
from .base import Capability, QueryResult, Store
from .guard import QueryTimeout
from .library import internal
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
    """Queries go to ``query_url``; loading PUTs each graph to ``graph_store_url``.

    It answers queries with a query URL and loads data with a graph store URL; it neither lists
    nor dumps its data. Loading replaces each graph it is given, whole: the unit of writing of
    the Graph Store Protocol."""

    backend = "endpoint"

    needs_network = True

    def __init__(self, query_url: str | None = None, graph_store_url: str | None = None,
                 http_timeout: float = 60.0) -> None:
        if not query_url and not graph_store_url:
            raise UsageError("an endpoint store needs a query URL or a graph store URL")
        self.query_url = check_url(query_url) if query_url else None
        self.graph_store_url = check_url(graph_store_url) if graph_store_url else None
        self.http_timeout = http_timeout
        self.capabilities = frozenset({Capability.PERSISTENT} | ({Capability.QUERY} if self.query_url else set())
                                      | ({Capability.LOAD} if self.graph_store_url else set()))

    def instead(self, capability: Capability) -> str:
        if capability is Capability.QUERY:
            return "give the endpoint's query URL (--endpoint URL)"
        if capability is Capability.LOAD:
            return "give the endpoint's Graph Store URL (push --endpoint URL)"
        return "copy the data into a local store and use that (--data FILE, or --store oxigraph:PATH)"

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
        assert self.query_url is not None  # Store.query requires the capability
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
        self.require(Capability.QUERY)
        # the endpoint's default graph may not be the union of its graphs
        result = self._query(internal("store-triples-any-graph").text, {})
        return int(str(result.rows[0][0]))

    # -- writing ------------------------------------------------------------------------
    def put_graph(self, graph_iri: str | None, body: bytes | Iterable[bytes]) -> None:
        """Replace one graph (None: the default graph) with N-Triples, in one request.

        The server parses the whole body before it replaces the graph, so an upload cut off
        halfway leaves the graph as it was."""
        self.require(Capability.LOAD)
        assert self.graph_store_url is not None
        query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
        separator = "&" if "?" in self.graph_store_url else "?"
        request = urllib.request.Request(f"{self.graph_store_url}{separator}{query}", data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._send(request, f"upload of graph <{graph_iri or 'default'}>")

    def _load(self, data: Graph) -> None:
        """Upload every graph of an rdflib dataset (each replaced whole, or not at all)."""
        self.push(as_oxigraph(data))

    def _load_quads(self, quads: Iterable[ox.Quad]) -> None:
        staging = OxigraphStore()
        staging.load_quads(quads)
        self.push(staging)

    def push(self, source: Store) -> int:
        """Upload every graph of a store, one PUT each: the default graph (if it holds anything),
        then the named graphs in IRI order. Returns the number of graphs."""
        self.require(Capability.LOAD)
        source.require(Capability.NAMED_GRAPHS, Capability.DUMP)
        default = source.dump(ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
        graphs: list[ox.NamedNode | ox.BlankNode] = source.named_graphs()
        if default:
            self.put_graph(None, default)
        for g in graphs:
            self.put_graph(g.value, source.dump(ox.RdfFormat.N_TRIPLES, g))
        return len(graphs) + (1 if default else 0)
