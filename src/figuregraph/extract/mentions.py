"""Where a text names the graph's actors, places and events: by label and alias (whole words,
case-insensitive except for acronyms), then by close spelling (rapidfuzz) for the capitalised
phrases of one sentence that matched nothing exactly ("Zaporizhia", "Southern Military-District")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from .lexicon import Lexicon, plain

TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})
CAPITALISED = re.compile(r"\b[A-Z][\w'.-]*(?:\s+(?:of\s+|the\s+)?[\w'.-]+){0,3}")
FUZZY_CUTOFF = 88
# The closest name to each phrase, per set of names: the same in every document read with them.
_CLOSEST: dict[tuple[str, ...], dict[str, str | None]] = {}


@dataclass(frozen=True)
class Named:
    """A name in the text: ``text[start:end]`` names ``id`` (an actor, place or event)."""

    start: int
    end: int
    id: str
    kind: str  # "actor", "place" or "event"


def _pattern(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


class NameFinder:
    """Finds the lexicon's names in text; one compiled pattern per case rule."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.table: dict[str, tuple[str, str]] = {}
        for kind, names in (("place", lexicon.places), ("actor", lexicon.actors)):
            for name, ident in names.items():
                self.table[name] = (ident, kind)
        for name, (ident, _day) in lexicon.events.items():
            self.table.setdefault(name, (ident, "event"))
        words = [n for n in self.table if n not in lexicon.acronyms and len(n) >= 2]
        acronyms = [n.upper() for n in self.table if n in lexicon.acronyms]
        self.patterns = [p for p in (_pattern(words, re.IGNORECASE), _pattern(acronyms, 0)) if p]

    @cached_property
    def choices(self) -> list[str]:
        return [n for n, (_i, kind) in self.table.items() if kind != "event" and len(n) >= 5]

    @cached_property
    def _closest(self) -> dict[str, str | None]:
        return _CLOSEST.setdefault(tuple(self.choices), {})

    def closest(self, phrase: str) -> str | None:
        """The name closest in spelling to a phrase, if close enough (remembered: documents name
        the same few phrases again and again)."""
        if phrase not in self._closest:
            best = process.extractOne(phrase, self.choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            self._closest[phrase] = best[0] if best else None
        return self._closest[phrase]

    def exact(self, flat: str, start: int = 0, end: int | None = None) -> list[Named]:
        """Names in ``flat`` (text translated with TYPOGRAPHIC, so offsets are the text's)."""
        stop = len(flat) if end is None else end
        found: dict[int, Named] = {}
        for pattern in self.patterns:
            for m in pattern.finditer(flat, start, stop):
                ident, kind = self.table[plain(m.group(0))]
                if m.start() not in found or found[m.start()].end < m.end():
                    found[m.start()] = Named(m.start(), m.end(), ident, kind)
        return _without_overlaps(found.values())

    def fuzzy(self, flat: str, start: int, end: int, taken: list[Named]) -> list[Named]:
        """Capitalised phrases in flat[start:end] that are close spellings of a name."""
        out: list[Named] = []
        if not self.choices:
            return out
        for m in CAPITALISED.finditer(flat, start, end):
            if any(t.start < m.end() and m.start() < t.end for t in taken):
                continue
            words = list(re.finditer(r"[\w'.-]+", m.group(0)))
            for n in range(len(words), 0, -1):  # the longest phrase that matches
                phrase = m.group(0)[:words[n - 1].end()]
                if len(phrase) < 5:
                    continue
                best = self.closest(plain(phrase))
                if best:
                    ident, kind = self.table[best]
                    out.append(Named(m.start(), m.start() + len(phrase), ident, kind))
                    break
        return out

    def in_span(self, flat: str, start: int, end: int) -> list[Named]:
        """Exact and close names between two offsets of ``flat``, in text order."""
        exact = self.exact(flat, start, end)
        return sorted([*exact, *self.fuzzy(flat, start, end, exact)], key=lambda n: n.start)


def _without_overlaps(found: Iterable[Named]) -> list[Named]:
    out: list[Named] = []
    for n in sorted(found, key=lambda n: (n.start, -n.end)):
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out
