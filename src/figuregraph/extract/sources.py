"""Which source a citation names: a source of the graph (title close enough, date compatible,
publisher or author the same when the entry names one), else a proposed new source. One cited
source that several footnotes name is one source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from .attribution import match_actor
from .footnotes import Footnote
from .lexicon import Lexicon, SourceEntry, plain, slug

TITLE_CUTOFF = 85


@dataclass(frozen=True)
class CitedSource:
    """The source a citation names: ``id`` of the graph, or a proposal (``new`` True)."""

    id: str
    new: bool
    publisher: str | None  # actor id when known
    publisher_name: str | None
    title: str | None
    published: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    kind: str
    authors: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # keys (in the extraction's sources) of what this source cites as its data
    url: str | None = None


def _dates_agree(published: str | None, entry_date: str | None) -> bool:
    if not published or not entry_date:
        return True
    return entry_date.startswith(published) or published.startswith(entry_date)


def _kind(entry: Footnote) -> str:
    words = plain(f"{entry.publisher or ''} {entry.title or ''}")
    for key, kind in (("interview", "interview"), ("report", "report"), ("dataset", "dataset"), ("data", "dataset"),
                      ("briefing", "briefing"), ("update", "briefing")):
        if re.search(rf"\b{key}\b", words):
            return kind
    return "news-article" if entry.date and entry.day else "web-page"


def match_source(entry: Footnote, lexicon: Lexicon) -> CitedSource:
    publisher = match_actor(entry.publisher, lexicon.actors) if entry.publisher else None
    published = entry.published
    best: tuple[float, SourceEntry | None] = (0.0, None)
    for s in lexicon.sources_by(publisher) if publisher else lexicon.sources:
        if not _dates_agree(s.published, published):
            continue
        title_score = fuzz.token_set_ratio(plain(entry.title or ""), plain(s.title or s.label)) if entry.title else 0.0
        if title_score >= TITLE_CUTOFF and title_score > best[0]:
            best = (title_score, s)
    if best[1] is not None:
        s = best[1]
        return CitedSource(s.id, False, s.publisher, entry.publisher, s.title, s.published, "", s.authors)
    year = (published or "n.d.")[:4]
    ident = "-".join(p for p in (slug(entry.publisher or "", 3 if entry.title else 8),
                                 year if year.isdigit() else "", slug(entry.title, 6) if entry.title else "") if p)
    return CitedSource(ident, True, publisher, entry.publisher, entry.title, published, _kind(entry))


def data_source(actor: str | None, named: str, lexicon: Lexicon) -> CitedSource:
    """What a reporter cites for a figure ("citing the Interior Ministry", "referencing data from
    Mediazona"): the graph's latest source by that actor, else a proposed dataset of it."""
    own = lexicon.sources_by(actor) if actor else []
    if own:
        s = max(own, key=lambda s: s.published or "")
        return CitedSource(s.id, False, s.publisher, named, s.title, s.published, "", s.authors)
    return CitedSource(f"{actor or slug(named, 4)}-data", True, actor, named, None, None, "dataset")


def statement_source(reporter: str | None, said_by: str, document_date: date | None,
                     lexicon: Lexicon, via: str | None = None) -> CitedSource:
    """The source behind an inline attribution ("X reported"): the graph's latest source by X
    published on or before the document's date, else a proposed statement of X; either cites
    ``via`` (a key of the extraction's sources) when X cites another for its data (the graph's
    source keeps what the graph says it cites: ingest writes nothing for it)."""
    day = document_date.isoformat() if document_date else None
    own = [s for s in (lexicon.sources_by(reporter) if reporter else []) if s.published
           and (day is None or s.published <= day)]
    if own and day:
        s = max(own, key=lambda s: s.published or "")
        return CitedSource(s.id, False, s.publisher, said_by, s.title, s.published, "", s.authors,
                           cites=(via,) if via else ())
    ident = f"{reporter or slug(said_by, 4)}-statement-{day or 'undated'}"
    return CitedSource(ident, True, reporter, said_by, None, day, "briefing", cites=(via,) if via else ())
