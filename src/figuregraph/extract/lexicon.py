"""What the extractor knows from the graph: names of actors and places (labels and aliases),
measures and units, dated events, and the sources already recorded. Built once per run from a
graph directory; an empty lexicon matches nothing and proposes everything."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.records import RecordFile
    from .measures import MeasureMatcher

def plain(text: str) -> str:
    """Lower case with typographic apostrophes and dashes made plain, for matching names."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")


def slug(text: str, words: int | None = 6, default: str = "untitled") -> str:
    """Up to ``words`` words of a name as a record id: lower-case ASCII letters and digits with
    accents folded ("Curaçao" -> curacao), joined by hyphens, a leading "the" dropped."""
    folded = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode("ascii")
    parts = re.findall(r"[a-z0-9]+", folded)
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    return "-".join(parts[:words]) or default


@dataclass(frozen=True)
class MeasureEntry:
    id: str
    label: str
    definition: str
    unit: str
    unit_label: str


@dataclass(frozen=True)
class SourceEntry:
    id: str
    label: str
    title: str | None
    published: str | None
    publisher: str | None
    authors: tuple[str, ...]
    url: str | None = None


@dataclass
class Lexicon:
    actors: dict[str, str] = field(default_factory=dict)  # plain label or alias -> actor id
    places: dict[str, str] = field(default_factory=dict)  # plain label or alias -> place id
    parents: dict[str, str] = field(default_factory=dict)  # actor id -> the formation it belongs to
    events: dict[str, tuple[str, date]] = field(default_factory=dict)  # plain label or alias -> (id, date)
    measures: list[MeasureEntry] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # unit id -> label
    sources: list[SourceEntry] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # actor or place id -> label
    acronyms: set[str] = field(default_factory=set)  # names written in capitals: matched case-sensitively
    _by_actor: dict[str, list[SourceEntry]] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)
    _matcher: tuple[list[MeasureEntry], int, MeasureMatcher] | None = field(default=None, init=False, repr=False,
                                                                          compare=False)

    def sources_by(self, actor: str) -> list[SourceEntry]:
        """The sources an actor published or wrote, in the lexicon's order (indexed on first use: a
        graph of 50 000 sources is not scanned for every footnote)."""
        if self._by_actor is None or self._indexed != len(self.sources):  # rebuilt when sources were added
            self._by_actor, self._indexed = {}, len(self.sources)
            for s in self.sources:
                for who in dict.fromkeys((s.publisher, *s.authors)):
                    if who:
                        self._by_actor.setdefault(who, []).append(s)
        return self._by_actor.get(actor, [])

    def measure_matcher(self) -> MeasureMatcher:
        """The matcher of the lexicon's measures, made on first use and kept, not made once per
        document (again when the list was replaced or grew)."""
        from .measures import MeasureMatcher  # (measures reads this module's entries)

        held = self._matcher
        if held is None or held[0] is not self.measures or held[1] != len(self.measures):
            held = self._matcher = (self.measures, len(self.measures), MeasureMatcher(self.measures))
        return held[2]

    def add_name(self, table: dict[str, str], name: str, ident: str) -> None:
        table.setdefault(plain(name), ident)
        if name.isupper() and len(name) <= 6:
            self.acronyms.add(plain(name))


def load_lexicon(graph_dir: Path | None) -> Lexicon:
    """The lexicon of a graph directory (none, or no such directory: empty)."""
    from ..model.records import parse_directory

    if graph_dir is None or not graph_dir.is_dir():
        return Lexicon()
    return lexicon_of(parse_directory(graph_dir))


def lexicon_of(files: list[RecordFile]) -> Lexicon:
    """The lexicon of parsed record files."""
    from ..model.link import build_index

    lexicon = Lexicon()
    index = build_index(files)
    for actor in index.actors.items.values():
        lexicon.labels[actor.id] = actor.label
        for name in (actor.label, *actor.aliases):
            lexicon.add_name(lexicon.actors, name, actor.id)
        if actor.affiliated_with:
            lexicon.parents[actor.id] = actor.affiliated_with[0].id
    for place in index.places.items.values():
        lexicon.labels[place.id] = place.label
        for name in (place.label, *place.aliases):
            lexicon.add_name(lexicon.places, name, place.id)
    for event in index.events.items.values():
        for name in (event.label, *event.aliases):
            lexicon.events.setdefault(plain(name), (event.id, event.on))
    lexicon.units = {u.id: u.label for u in index.units.items.values()}
    lexicon.measures = [MeasureEntry(m.id, m.label, m.definition, m.unit.id, lexicon.units.get(m.unit.id, ""))
                        for m in index.measures.items.values()]
    lexicon.sources = [SourceEntry(s.id, s.label, s.title, s.published, s.publisher.id if s.publisher else None,
                                   tuple(a.id for a in s.authors), s.url)
                       for s in index.sources.items.values()]
    return lexicon
