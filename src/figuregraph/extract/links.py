"""Hyperlinks in a document's text as citations: a link backs the sentence it sits in, and its
target is the cited source, matched to the graph's sources by URL first, else proposed as a new
web page named by the link's host and path. One target linked twice is one citation."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .attribution import match_actor
from .document import Document
from .footnotes import Footnote
from .lexicon import Lexicon, SourceEntry
from .sources import CitedSource, slug

URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:[/-](0[1-9]|1[0-2]))?(?:[/-](0[1-9]|[12]\d|3[01]))?(?=/|$|\D)")


def normal_url(url: str) -> str:
    """A URL as compared: scheme and ``www.`` dropped, host in lower case, no fragment, no
    trailing slash, no tracking parameters."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "fbclid", "gclid")))
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}"


@dataclass(frozen=True)
class LinkCitations:
    """The citations a document's links make: keys by anchor offset, entries and cited sources by key."""

    anchors: list[tuple[int, str]]  # (anchor start, key), in text order
    entries: dict[str, Footnote]
    sources: dict[str, CitedSource]

    def within(self, start: int, end: int) -> list[str]:
        """The keys of the links whose anchor starts in [start, end), each once, in text order."""
        i = bisect.bisect_left(self.anchors, (start, ""))
        keys: list[str] = []
        for k in range(i, len(self.anchors)):  # (no copy of the rest of the list)
            at, key = self.anchors[k]
            if at >= end:
                break
            if key not in keys:
                keys.append(key)
        return keys


def link_citations(document: Document, lexicon: Lexicon) -> LinkCitations:
    """The citations of a document's web links (in-page anchors, mail and script links left out)."""
    known = {normal_url(s.url): s for s in lexicon.sources if s.url}
    keys: dict[str, str] = {}
    anchors: list[tuple[int, str]] = []
    entries: dict[str, Footnote] = {}
    sources: dict[str, CitedSource] = {}
    for link in sorted(document.links, key=lambda k: k.start):
        if not re.match(r"^https?://", link.href, re.IGNORECASE):
            continue
        target = normal_url(link.href)
        anchor = " ".join(document.text[link.start:link.end].split())
        key = keys.get(target)
        if key is None:
            key = keys[target] = f"link-{len(keys) + 1}"
            entries[key] = Footnote(key, f"{anchor} <{link.href}>", anchor or None, None, None, True, None)
            sources[key] = _cited(link.href, anchor, known.get(target), lexicon)
        anchors.append((link.start, key))
    return LinkCitations(anchors, entries, sources)


def _cited(href: str, anchor: str, known: SourceEntry | None, lexicon: Lexicon) -> CitedSource:
    if known is not None:
        return CitedSource(known.id, False, known.publisher, anchor, known.title, known.published, "", known.authors,
                           url=known.url)
    parts = urlsplit(href)
    host = parts.netloc.lower().removeprefix("www.")
    dated = URL_DATE.search(parts.path)
    published = "-".join(p for p in dated.groups() if p) if dated else None
    words = [w for w in re.split(r"[/_.-]+", parts.path) if w and not w.isdigit() and w.lower() not in
             ("html", "htm", "php", "aspx", "article", "articles", "news", "en", "index")]
    publisher = match_actor(anchor, lexicon.actors) if anchor else None
    ident = "-".join(p for p in (slug(host.rsplit(".", 1)[0], 3), (published or "")[:4], slug(" ".join(words[-6:]), 6)
                                 if words else "") if p)
    return CitedSource(ident, True, publisher, anchor or host, None, published, "web-page", (), url=href)
