"""Content negotiation (``best``) and ``/id/...`` dereferencing: the page for a browser; Turtle,
JSON-LD or N-Triples by the Accept header (or ``?format=ttl|jsonld|nt`` for a link). The RDF is the
node's description (``explore-facts``: its own triples and those of its parts), written by the dataset
exports' own serialisers."""

from __future__ import annotations

from ...export.rdf import WRITERS
from ...rdf.terms import convert_quads
from ...store.base import Store
from ...store.library import run
from ...store.spec import new_store
from ..facts import node_iri

HTML = "text/html"
# media type -> (exports' writer, Content-Type sent)
RDF_TYPES = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/ld+json": ("jsonld", "application/ld+json"),
    "application/n-triples": ("nt", "application/n-triples; charset=utf-8"),
}
OFFERED = (HTML, *RDF_TYPES)
BY_NAME = {"html": HTML, "ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
           "json-ld": "application/ld+json", "nt": "application/n-triples"}


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """The Accept header's media ranges with their q values, in the order given."""
    found = []
    for n, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        found.append((fields[0].lower(), q, n))
    return found


def choose(accept: str | None, asked: str | None = None) -> str | None:
    """The media type to answer with: ``asked`` (``?format=``) if given, else the best offered match
    for the Accept header (a browser's ``text/html``; none given: HTML); None if nothing fits."""
    if asked:
        return BY_NAME.get(asked.lower())
    return best(accept, OFFERED)


def best(accept: str | None, offered: tuple[str, ...]) -> str | None:
    """The offer that best fits the Accept header (by q, then the most specific range, then the order
    of ``offered``); the first offer when none is given, None when nothing fits."""
    if not accept or not accept.strip():
        return offered[0]
    found: tuple[float, int, int, str] | None = None  # q, specificity, -order among offers
    for media, q, _ in _ranges(accept):
        if q <= 0:
            continue
        kind, _, sub = media.partition("/")
        for rank, offer in enumerate(offered):
            o_kind = offer.partition("/")[0]
            if media == offer:
                specificity = 2
            elif sub == "*" and kind in (o_kind, "*"):
                specificity = 0 if kind == "*" else 1
            else:
                continue
            candidate = (q, specificity, -rank, offer)
            if found is None or candidate[:3] > found[:3]:
                found = candidate
    return found[3] if found else None


def describe(store: Store, ident: str, media: str) -> bytes:
    """The node's description in an RDF media type of ``RDF_TYPES``."""
    rows = run(store, "explore-facts", {"node": node_iri(ident)}).rows
    target = new_store()
    target.load_quads(convert_quads(dict.fromkeys((s, p, o, None) for _, s, p, o, _ in rows)))  # type: ignore[misc]
    return WRITERS[RDF_TYPES[media][0]](target)
