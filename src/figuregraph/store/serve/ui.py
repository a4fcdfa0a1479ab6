"""What ``serve`` answers itself rather than an engine: its browser page and the page's files, and the
service description.

- ``/``: the SPARQL editor (the same page parts as ``explore``'s: YASGUI, shipped in the package),
  which sends its queries to ``/query`` (the engines' own page sends them to ``/sparql``, where the
  proxy refuses everything);
- ``/static/...``: the editor's scripts and styles (nothing comes from a CDN);
- ``GET /query`` with no query: the SPARQL 1.1 service description, naming the endpoint at the
  address the client asked (its Host), and federation only when ``--allow-service`` lets it through.

Pages carry the same Content-Security-Policy as ``explore``'s."""

from __future__ import annotations

import re
import urllib.parse
from functools import lru_cache

import pyoxigraph as ox

from .client import Request

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML")
DESCRIPTIONS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")  # a Host header fit for an IRI


@lru_cache(maxsize=2)
def _page(allow_service: bool, timeout: float) -> bytes:
    from ...views.editor import environment, examples

    page = environment().get_template("serve.html")
    return page.render(examples=examples(), allow_service=allow_service, timeout=f"{timeout:g}").encode("utf-8")


def _headers(media: str, cors: bool, page: bool = False) -> list[tuple[bytes, bytes]]:
    from ...views.editor import CSP

    fields = [(b"content-type", media.encode("ascii"))]
    if page:
        fields += [(b"content-security-policy", CSP.encode("ascii")), (b"x-content-type-options", b"nosniff"),
                   (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
    if cors:
        fields.append((b"access-control-allow-origin", b"*"))
    return fields


def description(endpoint: str, allow_service: bool, media: str) -> bytes:
    """The service description of the endpoint at ``endpoint``, in an RDF media type of ``DESCRIPTIONS``."""
    service, kind = ox.BlankNode("service"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    features = ["UnionDefaultGraph", "EmptyGraphs", *(["BasicFederatedQuery"] if allow_service else [])]
    triples = [ox.Triple(service, kind, sd("Service")), ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("defaultEntailmentRegime"),
                         ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
               *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS),
               *(ox.Triple(service, sd("feature"), sd(f)) for f in features)]
    return ox.serialize(triples, format=DESCRIPTIONS[media], prefixes={"sd": SD}) or b""


def _wanted(accept: str) -> str:
    """The description's media type for an Accept header: the first one asked for that it has, else Turtle."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in DESCRIPTIONS:
            return media
    return "text/turtle"


def answer(request: Request, host: str, allow_service: bool, timeout: float, cors: bool) -> Answer | None:
    """The proxy's own answer to a request, or None when an engine answers it. ``host`` is the
    address asked for when the request names none (HTTP/1.0)."""
    if request.method not in ("GET", "HEAD"):
        return None
    parts = urllib.parse.urlsplit(request.target)
    if parts.path in ("/", "/index.html"):
        return 200, _headers("text/html; charset=utf-8", cors, page=True), _page(allow_service, timeout)
    if parts.path.startswith("/static/"):
        from ...views.editor import static_file

        found = static_file(urllib.parse.unquote(parts.path[len("/static/"):]))
        if found is None:
            return 404, _headers("text/plain; charset=utf-8", cors), b"no such file\n"
        return 200, _headers(found[1], cors), found[0]
    if parts.path == "/query" and "query" not in urllib.parse.parse_qs(parts.query):
        media = _wanted(request.header("accept"))
        asked = request.header("host")
        endpoint = f"http://{asked if HOST.fullmatch(asked) else host}/query"
        return 200, _headers(media, cors), description(endpoint, allow_service, media)
    return None
