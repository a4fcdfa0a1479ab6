"""A remote SPARQL 1.1 endpoint: Protocol for queries, Graph Store Protocol for writes.

Works with any engine that speaks the standards (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever),
and copes with what the engines do differently:

- **Parameters.** The protocol binds nothing, so bound parameters travel as a VALUES block made from
  RDF terms (never from user text), written at the end of the query's WHERE group: inside the group, as
  the embedded engines pre-bind them, and in the form every engine parses (Virtuoso refuses a VALUES
  clause after an ASK's group).
- **Request form.** GET while the URL is short; past that a direct POST if the endpoint answers one
  (asked once per process with a trivial query: Virtuoso 7.2 never answers it), else a form POST. A GET
  refused for its length or its method goes as a POST, a direct POST refused for its media type as a
  form POST.
- **Silence.** From here, a query past its time limit and an engine that answers nothing look the same;
  a trivial query tells them apart, and each gets its own message.
- **Answers.** An ASK answered as a table (Virtuoso: a row holding 1 for true, no row for false) is read
  as the boolean; an answer the engine may have cut at its row limit (Virtuoso's ``X-SPARQL-MaxRows``)
  or stopped at its own time limit (``X-SQL-State``) is an error, never a silent partial result.

Credentials (``auth``) come from the environment or ``~/.netrc`` and are sent when an endpoint asks.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from enum import Enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .. import progress
from ..errors import QueryError, UsageError
from ..rdf.terms import rdflib_bindings
from .auth import WHERE_TO_SET, Credentials, credentials_for, opener, refuse_userinfo
from .base import TABLES_ONLY, Capability, QueryResult, Store
from .guard import QueryTimeout
from .lexer import LexError, scan, syntax_message
from .library import internal
from .oxigraph import OxigraphStore, as_oxigraph

if TYPE_CHECKING:
    from .base import Bound

SAFE_IRI = re.compile(r"^[^<>\"{}|^`\\\x00-\x20]*$")
MARKUP = re.compile(r"<[^<>]*>")
RESULTS_JSON = "application/sparql-results+json"
GET_LIMIT = 4096  # the longest URL sent as a GET: half the 8 KiB request line common servers take
PROBE_SECONDS = 2.0  # what a live engine takes, at most, to answer a trivial query
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
ACCESS_CHECK = "https://w3id.org/figuregraph/id/graph/access-check"  # a graph no one uploads

# Query URL -> the request forms it was seen to answer (True) or to refuse (False), learnt once per process.
_ANSWERED: dict[str, dict[Form, bool]] = {}


class Form(Enum):
    """How a query travels (SPARQL 1.1 Protocol, section 2.1)."""

    GET = "GET"
    FORM = "form POST"
    DIRECT = "direct POST"


# The form to try when one is refused with a status; 405 and 415 refuse the form for good.
FALLBACKS = {
    (Form.GET, 405): Form.DIRECT, (Form.GET, 414): Form.DIRECT, (Form.GET, 431): Form.DIRECT,
    (Form.DIRECT, 405): Form.FORM, (Form.DIRECT, 415): Form.FORM,
}


class EngineSilent(QueryError):
    """The engine took the connection and sent nothing, not even to a trivial query."""


class _Refused(QueryError):
    """An HTTP error status, with the status kept for the fallbacks."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Silent(Exception):
    """No answer within the time given (decided on by the caller: time limit or dead engine)."""


def check_url(url: str) -> str:
    refuse_userinfo(url)
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


def with_query(url: str, query: str) -> str:
    """``url`` with ``query`` (encoded) added to its query string."""
    return f"{url}{'&' if '?' in url else '?'}{query}"


def values_block(bindings: Mapping[str, Node]) -> str:
    names = sorted(bindings)
    return (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
            + " ".join(term_syntax(bindings[n]) for n in names) + ") } ")


def prepare(sparql: str, bindings: Mapping[str, Bound]) -> tuple[str, bool]:
    """The query text to send, with the bindings as a VALUES block closing its WHERE group, and
    whether it is an ASK query.

    The WHERE group is the first brace at the top level: a projection's EXISTS sits in parentheses."""
    try:
        tokens = list(scan(sparql))
    except LexError as exc:  # the guard refuses such a query before it gets here
        raise QueryError(f"cannot read the query: {exc}") from exc
    form = next((t.text.upper() for t in tokens if t.kind == "word" and t.text.upper() in QUERY_FORMS), "")
    if form in ("CONSTRUCT", "DESCRIBE"):  # some engines answer them as rows of ?s ?p ?o: not the same answer
        raise QueryError(f"{TABLES_ONLY}, not {form}")
    if not bindings:
        return sparql, form == "ASK"
    close = next((t for t in tokens if t.text == "}" and t.depth == 0), None)
    if close is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return sparql[:close.start] + values_block(rdflib_bindings(bindings)) + sparql[close.start:], form == "ASK"


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


def _boolean(value: bool) -> QueryResult:
    return QueryResult(("ask",), ((Literal(value, datatype=XSD.boolean),),))


def _true(term: Node) -> bool:
    return isinstance(term, Literal) and term.toPython() in (True, 1)


def parse_results(raw: bytes, ask: bool, url: str) -> QueryResult:
    """SPARQL JSON results as a QueryResult; an ASK answered as a table gives its boolean."""
    try:
        document = json.loads(raw)
        if "boolean" in document:
            return _boolean(bool(document["boolean"]))
        variables = document["head"]["vars"]
        solutions = document["results"]["bindings"]
        if ask:
            return _boolean(any(_true(_term(cell)) for s in solutions for cell in s.values()))
        rows = [[_term(s[v]) if v in s else None for v in variables] for s in solutions]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise QueryError(f"query: malformed or truncated SPARQL JSON results from {url}: {exc}") from exc
    return QueryResult.of(variables, rows)


def check_whole(headers: Message, url: str) -> None:
    """Refuse an answer the engine says it may have cut (a row limit) or stopped (its own time limit)."""
    max_rows = headers.get("X-SPARQL-MaxRows")
    if max_rows:
        raise QueryError(f"query: the answer from {url} reached the endpoint's row limit of {max_rows} rows, so it "
                         "may be cut; raise the limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of "
                         "virtuoso.ini) or narrow the query")
    state = headers.get("X-SQL-State")
    if state:
        raise QueryError(f"query: {url} sent a partial answer ({state}: {headers.get('X-SQL-Message', '')}); "
                         "the engine stopped the query at its own time limit")


class EndpointStore(Store):
    """Queries go to ``query_url``; loading PUTs each graph to ``graph_store_url``.

    It answers queries with a query URL and loads data with a graph store URL; it neither lists
    nor dumps its data. Loading replaces each graph it is given, whole: the unit of writing of
    the Graph Store Protocol. ``credentials`` default to those of the environment or ``~/.netrc``."""

    backend = "endpoint"

    needs_network = True
    time_slack = 2 * PROBE_SECONDS + 1  # the probes that say why a query stopped

    def __init__(self, query_url: str | None = None, graph_store_url: str | None = None,
                 http_timeout: float = 60.0, credentials: Credentials | None = None) -> None:
        if not query_url and not graph_store_url:
            raise UsageError("an endpoint store needs a query URL or a graph store URL")
        self.query_url = check_url(query_url) if query_url else None
        self.graph_store_url = check_url(graph_store_url) if graph_store_url else None
        self.http_timeout = http_timeout
        urls = [u for u in (self.query_url, self.graph_store_url) if u]
        self.credentials = credentials or credentials_for(urls[0])
        self._opener = opener(self.credentials, urls)
        self._answered = _ANSWERED.setdefault(self.query_url or "", {})
        self._access_checked = False
        self.capabilities = frozenset({Capability.PERSISTENT} | ({Capability.QUERY} if self.query_url else set())
                                      | ({Capability.LOAD} if self.graph_store_url else set()))

    def instead(self, capability: Capability) -> str:
        if capability is Capability.QUERY:
            return "give the endpoint's query URL (--endpoint URL)"
        if capability is Capability.LOAD:
            return "give the endpoint's Graph Store URL (push --endpoint URL)"
        return "copy the data into a local store and use that (--data FILE, or --store oxigraph:PATH)"

    # -- HTTP ---------------------------------------------------------------------------
    def _exchange(self, request: urllib.request.Request, what: str, seconds: float) -> tuple[Message, bytes]:
        """Send one request; its answer's headers and body. Messages never show the password."""
        try:
            return self._open(request, what, seconds)
        except QueryError as exc:
            if self.credentials is None:
                raise
            exc.args = (self.credentials.redact(str(exc)),)
            exc.message = self.credentials.redact(exc.message)
            raise

    def _open(self, request: urllib.request.Request, what: str, seconds: float) -> tuple[Message, bytes]:
        url = request.full_url.partition("?")[0]  # a GET's query string is the whole query
        try:
            with self._opener.open(request, timeout=seconds) as response:
                return response.headers, response.read()
        except urllib.error.HTTPError as exc:
            raise self._refusal(exc, what, url) from None
        except http.client.IncompleteRead as exc:
            raise QueryError(f"{what}: truncated response ({len(exc.partial)} bytes, more were announced)") from None
        except TimeoutError:
            raise _Silent() from None
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
            raise QueryError(f"{what}: the endpoint closed the connection ({exc})") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                raise _Silent() from None
            refused = isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror))
            verb = "cannot reach" if refused else "connection failed to"
            raise QueryError(f"{what}: {verb} {url}: {exc.reason}") from None
        except http.client.HTTPException as exc:
            raise QueryError(f"{what}: broken HTTP exchange with {url}: {exc!r}") from None

    def _refusal(self, exc: urllib.error.HTTPError, what: str, url: str) -> _Refused:
        if exc.code == 401:
            scheme = (exc.headers.get("WWW-Authenticate") or "").partition(" ")[0] or "no scheme named"
            if self.credentials is None:
                return _Refused(f"{what}: {url} asks for a user and password (HTTP 401, {scheme}); "
                                f"{WHERE_TO_SET}", 401)
            return _Refused(f"{what}: {url} refused the password of user '{self.credentials.user}' from "
                            f"{self.credentials.origin} (HTTP 401, {scheme})", 401)
        # an error page's text, without its markup (HTML from some engines)
        detail = syntax_message(" ".join(MARKUP.sub(" ", exc.read(500).decode("utf-8", "replace")).split()))
        hint = " (Virtuoso: grant the writing user SPARQL_UPDATE)" if exc.code == 403 and "RDF_QUAD" in detail else ""
        return _Refused(f"{what}: the endpoint answered HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else "") + hint, exc.code)

    # -- reading ------------------------------------------------------------------------
    def _request(self, form: Form, text: str) -> urllib.request.Request:
        assert self.query_url is not None
        accept = {"Accept": RESULTS_JSON}
        if form is Form.GET:
            return urllib.request.Request(self._get_url(text), headers=accept, method="GET")
        if form is Form.FORM:
            return urllib.request.Request(self.query_url, data=urllib.parse.urlencode({"query": text}).encode("ascii"),
                                          method="POST", headers={
                                              **accept, "Content-Type": "application/x-www-form-urlencoded"})
        return urllib.request.Request(self.query_url, data=text.encode("utf-8"), method="POST", headers={
            **accept, "Content-Type": "application/sparql-query; charset=utf-8"})

    def _get_url(self, text: str) -> str:
        assert self.query_url is not None
        return with_query(self.query_url, urllib.parse.urlencode({"query": text}))

    def _answers(self, form: Form) -> bool:
        """Whether the endpoint answers a trivial query sent in ``form`` within PROBE_SECONDS."""
        try:
            self._exchange(self._request(form, internal("endpoint-probe").text), "probe", PROBE_SECONDS)
        except (QueryError, _Silent):
            return False
        return True

    def _post_form(self) -> Form:
        """Direct POST if the endpoint answers one, else form POST (asked once per process)."""
        if Form.DIRECT not in self._answered:
            self._answered[Form.DIRECT] = self._answers(Form.DIRECT)
        return Form.DIRECT if self._answered[Form.DIRECT] else Form.FORM

    def request_form(self, text: str) -> Form:
        """The form a query of this text goes in first: GET while the URL is short, else a POST."""
        short = len(self._get_url(text)) <= GET_LIMIT
        return Form.GET if short and self._answered.get(Form.GET, True) else self._post_form()

    def _ask(self, text: str, seconds: float) -> tuple[Message, bytes]:
        """The endpoint's answer to a query, in the first form it takes, within ``seconds`` in all."""
        assert self.query_url is not None
        deadline = time.monotonic() + seconds
        form = self.request_form(text)
        for _ in range(len(Form)):  # each fallback leaves a form behind, so this ends
            remaining = max(deadline - time.monotonic(), 0.1)
            try:
                return self._exchange(self._request(form, text), "query", remaining)
            except _Refused as refused:
                fallback = FALLBACKS.get((form, refused.status))
                if fallback is None:
                    raise
                if refused.status in (405, 415):
                    self._answered[form] = False
                form = self._post_form() if fallback is Form.DIRECT else fallback
            except _Silent:
                raise self._silence(form, seconds) from None
        raise QueryError(f"query: {self.query_url} refused every request form (GET, direct POST, form POST)")

    def _silence(self, form: Form, seconds: float) -> QueryError:
        """Why no answer came: the query ran past its time limit on a live engine (which answers a
        trivial query in the same form), or the engine is silent."""
        if self._answers(form):
            return QueryTimeout(f"the query ran past its time limit of {seconds:g} s at {self.query_url} (the "
                                "engine answers a trivial query at once); narrow the query or raise the limit "
                                "with --timeout")
        return EngineSilent(f"the engine at {self.query_url} did not answer: it took the connection but sent "
                            f"nothing in {seconds:g} s, nor to a trivial query ({form.value}) in "
                            f"{PROBE_SECONDS:g} s; is it running, and is this its SPARQL query URL?")

    def _query(self, sparql: str, bindings: Mapping[str, Bound], timeout: float | None = None) -> QueryResult:
        assert self.query_url is not None  # Store.query requires the capability
        text, ask = prepare(sparql, bindings)
        headers, raw = self._ask(text, min(timeout or self.http_timeout, self.http_timeout))
        check_whole(headers, self.query_url)
        return parse_results(raw, ask, self.query_url)

    def __len__(self) -> int:
        self.require(Capability.QUERY)
        # the endpoint's default graph may not be the union of its graphs
        result = self._query(internal("store-triples-any-graph").text, {})
        return int(str(result.rows[0][0]))

    # -- writing ------------------------------------------------------------------------
    def _graph_url(self, graph_iri: str | None) -> str:
        assert self.graph_store_url is not None
        return with_query(self.graph_store_url, "default" if graph_iri is None
                          else urllib.parse.urlencode({"graph": graph_iri}))

    def _check_access(self) -> None:
        """Before the first upload, read a graph that is not there: an endpoint asking for credentials
        says so now, and refuses wrong ones now, rather than break off a long upload it does not read."""
        if self._access_checked:
            return
        request = urllib.request.Request(self._graph_url(ACCESS_CHECK), method="GET",
                                         headers={"Accept": "application/n-triples"})
        try:
            self._exchange(request, "upload", min(self.http_timeout, 10.0))
        except _Refused as refused:
            if refused.status == 401:
                raise
        except _Silent:
            pass  # the upload itself will say
        self._access_checked = True

    def put_graph(self, graph_iri: str | None, body: bytes | Iterable[bytes]) -> None:
        """Replace one graph (None: the default graph) with N-Triples, in one request.

        The server parses the whole body before it replaces the graph, so an upload cut off
        halfway leaves the graph as it was. With credentials the body is held whole: an endpoint's
        challenge means sending it again."""
        self.require(Capability.LOAD)
        assert self.graph_store_url is not None
        self._check_access()
        if self.credentials is not None and not isinstance(body, bytes):
            body = b"".join(body)
        request = urllib.request.Request(self._graph_url(graph_iri), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        what = f"upload of graph <{graph_iri or 'default'}>"
        try:
            self._exchange(request, what, self.http_timeout)
        except _Silent:
            raise QueryError(f"{what}: {self.graph_store_url} did not answer within {self.http_timeout:g} s") from None

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
        with progress.task("push", total=len(graphs) + bool(default), unit="graphs") as step:
            if default:
                self.put_graph(None, default)
                step.advance()
            for g in graphs:
                self.put_graph(g.value, source.dump(ox.RdfFormat.N_TRIPLES, g))
                step.advance()
        return len(graphs) + (1 if default else 0)
