"""The app's routes (Starlette): pages, search, the network panel's expansions, the SPARQL endpoint
and editor, ``/id/...`` dereferencing, the static files; and what every response carries.

Read-only: pages answer GET (and HEAD); only ``/query`` (a query) and ``/check`` (a text to check,
which nothing keeps) take a POST. Every response has
a Content-Security-Policy that lets the page run its own scripts only (no inline script, nothing
fetched from elsewhere), and one ``Server`` header. Requests naming another host are refused
(DNS rebinding), and so is a POST from a page of another origin."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ... import __version__
from ...errors import FigureGraphError
from ...store.base import Store
from ...store.guard import DEFAULT_POLICY, Policy
from ..editor import CSP, STATIC, environment, examples
from ..evidence import relation_text
from ..facts import PAGE_KINDS, kind_of, node_iri
from ..html import STYLES, VIS
from . import checking, negotiate, pages, panel, sparql
from .index import FACETS, Index, marked

SERVER = f"figuregraph/{__version__}"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")  # the Host names of this machine the app answers to
HEADERS = [(b"server", SERVER.encode()), (b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-resource-policy", b"same-origin")]


@dataclass(frozen=True)
class Settings:
    """What the app serves: a store and its index, the folder of document texts (for the sentence
    around a quote), the host names it answers to, and the policy of the queries sent to ``/query``
    (guards and time limit). The pages' own library queries use the store's policy."""

    store: Store
    index: Index
    texts: Path | None = None
    hosts: tuple[str, ...] = LOOPBACK
    policy: Policy = DEFAULT_POLICY
    graph: Path | None = None  # the records' folder: the lexicon a checked text is read with


class Headers:
    """ASGI middleware: the security headers and one Server header on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = {name for name, _ in HEADERS}
                message["headers"] = [(k, v) for k, v in message.get("headers", []) if k.lower() not in own] + HEADERS
            await send(message)

        await self.app(scope, receive, sending)


def _environment() -> jinja2.Environment:
    env = environment()
    env.filters["marked"] = lambda snippet: list(marked(snippet))
    env.globals.update(kinds=STYLES, version=__version__,
                       relation_text=relation_text)
    return env


def create_app(settings: Settings) -> Starlette:
    """The explore app over one store and its index."""
    env = _environment()
    store, index = settings.store, settings.index

    def html(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def not_found(ident: str, media: str) -> Response:
        similar = index.similar(ident)
        if media != negotiate.HTML:
            hint = f"; did you mean {', '.join('/id/' + s for s in similar)}?" if similar else ""
            return PlainTextResponse(f"no node /id/{ident} in this graph{hint}\n", status_code=404)
        return html("notfound.html", 404, title="Not found", ident=ident, similar=[(s, index.label(s) or s)
                                                                                      for s in similar])

    def home(request: Request) -> Response:
        return html("home.html", page=pages.home_page(store, index), title="figuregraph")

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        filters = {f: request.query_params.get(f, "") for f in FACETS if request.query_params.get(f)}
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            offset = 0
        found = index.search(text, filters, offset)
        drawn = panel.of_items(store, index, [h.id for h in found.hits], limit=20).data()

        def toggle(facet: str, value: str) -> str:
            """The search with ``facet: value`` added, or taken away if it is chosen."""
            asked = {k: v for k, v in filters.items() if k != facet}
            if filters.get(facet) != value:
                asked[facet] = value
            return "/search?" + urllib.parse.urlencode({"q": text, **asked})

        more = offset + len(found.hits) < found.total
        next_url = "/search?" + urllib.parse.urlencode({"q": text, **filters, "offset": offset + len(found.hits)}) \
            if more else None
        return html("search.html", title=f"Search: {text}" if text else "Search", q=text, filters=filters,
                    results=found, offset=offset, panel=drawn, facets=FACETS, toggle=toggle, next_url=next_url)

    def node(request: Request) -> Response:
        ident = request.path_params["ident"].strip("/")
        media = negotiate.choose(request.headers.get("accept"), request.query_params.get("format"))
        if media is None:
            return PlainTextResponse("not acceptable: this node is served as " + ", ".join(negotiate.OFFERED) + "\n",
                                     status_code=406, headers={"vary": "Accept"})
        kind = index.kind(ident)
        if kind is None and not store.exists(node_iri(ident)):
            return not_found(ident, media)
        if media != negotiate.HTML:
            return Response(negotiate.describe(store, ident, media), media_type=negotiate.RDF_TYPES[media][1],
                            headers={"vary": "Accept"})
        page = pages.page_for(store, index, ident, settings.texts)
        response = html(page.template, page=page, title=page.title)
        response.headers["vary"] = "Accept"
        return response

    def neighbours(request: Request) -> Response:
        ident = request.query_params.get("id", "").strip("/")
        if kind_of(ident) not in PAGE_KINDS or index.kind(ident) is None:
            return JSONResponse({"error": f"no node {ident!r} in this graph"}, status_code=404)
        return JSONResponse(panel.neighbours(store, index, ident))

    async def query(request: Request) -> Response:
        if request.method == "POST" and not _same_origin(request):
            return PlainTextResponse("a query from a page of another site is refused\n", status_code=403)
        media = negotiate.best(request.headers.get("accept"), sparql.OFFERED)
        if media is None:
            return PlainTextResponse("not acceptable: /query answers in " + ", ".join(sparql.OFFERED) + "\n",
                                     status_code=406, headers={"vary": "Accept"})
        body = await request.body() if request.method == "POST" else b""
        text = sparql.query_text(request.method, request.url.query, request.headers.get("content-type", ""), body)
        if text is None:
            return PlainTextResponse("send a SPARQL query: GET /query?query=..., or POST it as a form field "
                                     "'query' or as application/sparql-query\n", status_code=400)
        try:
            data = await _in_thread(lambda: sparql.answer(store, text, settings.policy))
        except FigureGraphError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        if media == sparql.RESULTS_CSV:
            return Response(sparql.as_csv(data), media_type="text/csv; charset=utf-8", headers={"vary": "Accept"})
        return Response(json.dumps(data, ensure_ascii=False), media_type=sparql.RESULTS_JSON,
                        headers={"vary": "Accept"})

    def editor(request: Request) -> Response:
        return html("sparql.html", title="SPARQL", examples=examples())

    checker = checking.Checker(store, settings.graph)

    async def check(request: Request) -> Response:
        form: dict[str, Any] = {"asked_text": "", "asked_date": "", "asked_publisher": "", "result": None,
                                "error": None}
        if request.method != "POST":
            return html("check.html", title="Check a text", **form)
        accept = request.headers.get("accept", "")
        wants_json = "application/json" in accept and "text/html" not in accept
        if not _same_origin(request):
            return PlainTextResponse("a text from a page of another site is refused\n", status_code=403)
        try:
            asked = await checking.read_form(request)
            result = await _in_thread(lambda: checker.check(asked))
        except FigureGraphError as exc:
            status = 413 if isinstance(exc, checking.TooLarge) else 400
            if wants_json:
                return JSONResponse({"error": exc.message}, status_code=status)
            return html("check.html", status, title="Check a text", **{**form, "error": exc.message})
        if wants_json:
            return JSONResponse(result.as_data())
        shown = asked.data.decode("utf-8", "replace") if asked.name == "the text" else ""
        return html("check.html", title="Check a text", result=result, error=None, name=asked.name,
                    paths=checking.links(result, index), asked_text=shown,
                    asked_date=asked.day.isoformat() if asked.day else "", asked_publisher=asked.publisher or "")

    routes = [
        Route("/", home), Route("/search", search), Route("/id/{ident:path}", node),
        Route("/api/neighbours", neighbours), Route("/query", query, methods=["GET", "HEAD", "POST"]),
        Route("/sparql", editor),
        Route("/check", check, methods=["GET", "HEAD", "POST"]),
        Mount("/static/vis", app=StaticFiles(directory=str(VIS)), name="vis"),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]

    async def missing(request: Request, exc: Exception) -> Response:
        return html("notfound.html", 404, title="Not found", ident=None, similar=[])

    return Starlette(routes=routes, exception_handlers={404: missing},
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts)),
                                 Middleware(Headers)])


def _same_origin(request: Request) -> bool:
    """A POST without an Origin (a script, curl) or from this app's own pages: the browser's
    Sec-Fetch-Site says same-origin where it sends one, and the Origin names this host. (The pages'
    Referrer-Policy is same-origin, not no-referrer, under which a form's POST says Origin: null.)"""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return urllib.parse.urlsplit(origin).netloc == host


async def _in_thread(work: Callable[[], Any]) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(work)
