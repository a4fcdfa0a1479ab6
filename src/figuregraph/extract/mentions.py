"""Where a text names the graph's actors, places and events: by label and alias (whole words,
case-insensitive except for acronyms), then by close spelling (rapidfuzz) for the capitalised
phrases of one sentence that matched nothing exactly ("Zaporizhia", "Southern Military-District")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from .lexicon import Lexicon, plain
from .scan import lowered

TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def typographic(text: str) -> str:
    """``text.translate(TYPOGRAPHIC)``, by one replacement per sign: no sign is replaced by another,
    and a replacement runs at memory speed where a translation reads every other non-ASCII
    character through its table."""
    for sign, plain_sign in TYPOGRAPHIC.items():
        text = text.replace(chr(sign), str(plain_sign))
    return text
CAPITALISED = re.compile(r"\b[A-Z][\w'.-]*(?:\s+(?:of\s+|the\s+)?[\w'.-]+){0,3}")
PHRASE_WORD = re.compile(r"[\w'.-]+")
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


def _openers(names: list[str], folded: bool) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
    """Where one of ``names`` may start: its first two characters, looked up in the lowered text
    for a case-insensitive pattern (those that are ASCII) and, for the others, in the text with the
    pattern's own case rule. None where a name opens on a sign: its pattern is tried everywhere."""
    prefixes = {n[:2] for n in names}
    if not all(p[:1].isalnum() for p in prefixes):
        return None
    ascii_ = sorted(p for p in prefixes if p.isascii()) if folded else []
    other = sorted(prefixes.difference(ascii_))
    return (re.compile(_pairs(ascii_)) if ascii_ else None,
            re.compile("|".join(map(re.escape, other)), re.IGNORECASE if folded else 0) if other else None)


def _pairs(prefixes: list[str]) -> str:
    """An alternation of two-character prefixes as one class of second characters per first one
    ("k[hy]|u[kn]"), which the engine tries in two steps, not prefix by prefix: each match is two
    characters either way, so the same positions are found."""
    if any(len(p) != 2 for p in prefixes):
        return "|".join(map(re.escape, prefixes))
    seconds: dict[str, list[str]] = {}
    for p in prefixes:
        seconds.setdefault(p[0], []).append(p[1])
    return "|".join(re.escape(first) + "[" + "".join(map(re.escape, sorted(after))) + "]"
                    for first, after in sorted(seconds.items()))


@dataclass(frozen=True)
class _Compiled:
    """What a lexicon's names give the finder: name -> (id, kind), the patterns, where they may
    start, and the names a phrase is compared with for a close spelling (and their key)."""

    table: dict[str, tuple[str, str]]
    patterns: list[re.Pattern[str]]
    openers: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None]
    choices: list[str]
    key: tuple[str, ...]
    reach: dict[int, list[str]] = field(default_factory=dict)  # by a phrase's length: the choices it may be close to


_COMPILED: dict[int, tuple[Lexicon, _Compiled]] = {}


def _compiled(lexicon: Lexicon) -> _Compiled:
    """A lexicon's names, their patterns and where they may start: made once per lexicon, not once
    per document."""
    held = _COMPILED.get(id(lexicon))
    if held is not None and held[0] is lexicon:
        return held[1]
    table: dict[str, tuple[str, str]] = {}
    for kind, names in (("place", lexicon.places), ("actor", lexicon.actors)):
        for name, ident in names.items():
            table[name] = (ident, kind)
    for name, (ident, _day) in lexicon.events.items():
        table.setdefault(name, (ident, "event"))
    words = [n for n in table if n not in lexicon.acronyms and len(n) >= 2]
    acronyms = [n.upper() for n in table if n in lexicon.acronyms]
    patterns = [p for p in (_pattern(words, re.IGNORECASE), _pattern(acronyms, 0)) if p]
    openers = [_openers(names, folded) for names, folded in ((words, True), (acronyms, False)) if names]
    choices = [n for n, (_i, kind) in table.items() if kind != "event" and len(n) >= 5]
    if len(_COMPILED) >= 8:  # lexicons made and dropped (tests): keep only the recent ones
        _COMPILED.clear()
    compiled = _Compiled(table, patterns, openers, choices, tuple(choices))
    _COMPILED[id(lexicon)] = (lexicon, compiled)
    return compiled


class NameFinder:
    """Finds the lexicon's names in text; one compiled pattern per case rule, tried where a name
    can start (found once per text)."""

    def __init__(self, lexicon: Lexicon) -> None:
        compiled = _compiled(lexicon)
        self.table, self.patterns, self.openers = compiled.table, compiled.patterns, compiled.openers
        self.choices, self._choices_key, self._reach = compiled.choices, compiled.key, compiled.reach
        self._starts: tuple[str, list[list[int] | None]] | None = None  # (the text, where each pattern may match)

    def _positions(self, flat: str) -> list[list[int] | None]:
        """Per pattern, the sorted positions of ``flat`` where a name may start (None: anywhere)."""
        if self._starts is not None and self._starts[0] is flat:
            return self._starts[1]
        low = lowered(flat)
        out: list[list[int] | None] = []
        for openers in self.openers:
            if openers is None or (openers[0] is not None and low is None):
                out.append(None)
                continue
            folded, other = openers
            found = [m.start() for m in folded.finditer(low)] if folded is not None and low is not None else []
            found += [m.start() for m in other.finditer(flat)] if other is not None else []
            out.append(sorted(set(found)))
        self._starts = (flat, out)
        return out

    def _matches(self, i: int, flat: str, start: int, stop: int) -> Iterator[re.Match[str]]:
        """``self.patterns[i].finditer(flat, start, stop)``, tried only where a name may start (a
        name's first character is a letter or digit, so no start is inside an opener found)."""
        pattern, positions = self.patterns[i], self._positions(flat)[i]
        if positions is None:
            yield from pattern.finditer(flat, start, stop)
            return
        at = start
        for k in range(bisect_left(positions, start), len(positions)):
            p = positions[k]
            if p >= stop:
                break
            if p < at:
                continue
            m = pattern.match(flat, p, stop)
            if m is not None:
                yield m
                at = m.end()

    @cached_property
    def _closest(self) -> dict[str, str | None]:
        return _CLOSEST.setdefault(self._choices_key, {})

    def closest(self, phrase: str) -> str | None:
        """The name closest in spelling to a phrase, if close enough (remembered: documents name
        the same few phrases again and again)."""
        if phrase not in self._closest:
            best = process.extractOne(phrase, self._within_reach(len(phrase)), scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_CUTOFF)
            self._closest[phrase] = best[0] if best else None
        return self._closest[phrase]

    def _within_reach(self, length: int) -> list[str]:
        """The choices, in their order, whose length lets a phrase of ``length`` characters reach
        FUZZY_CUTOFF: fuzz.ratio is at most 100 * (1 - |a - b| / (a + b)) for lengths a and b (with a
        point to spare), so the others are never the closest and need not be scored."""
        held = self._reach.get(length)
        if held is None:
            held = self._reach[length] = [c for c in self.choices if 100 * (length + len(c) - abs(length - len(c)))
                                          >= (FUZZY_CUTOFF - 1) * (length + len(c))]
        return held

    def exact(self, flat: str, start: int = 0, end: int | None = None) -> list[Named]:
        """Names in ``flat`` (text translated with TYPOGRAPHIC, so offsets are the text's)."""
        stop = len(flat) if end is None else end
        found: dict[int, Named] = {}
        for i in range(len(self.patterns)):
            for m in self._matches(i, flat, start, stop):
                ident, kind = self.table[plain(m.group(0))]
                if m.start() not in found or found[m.start()].end < m.end():
                    found[m.start()] = Named(m.start(), m.end(), ident, kind)
        return _without_overlaps(found.values())

    def fuzzy(self, flat: str, start: int, end: int, taken: list[Named]) -> list[Named]:
        """Capitalised phrases in flat[start:end] that are close spellings of a name."""
        out: list[Named] = []
        if not self.choices:
            return out
        known = self._closest
        for m in CAPITALISED.finditer(flat, start, end):
            at, stop = m.span()
            if any(t.start < stop and at < t.end for t in taken):
                continue
            run = m.group(0)
            ends = [w.end() for w in PHRASE_WORD.finditer(run)]
            for n in range(len(ends), 0, -1):  # the longest phrase that matches
                length = ends[n - 1]  # the phrase: run[:length]
                if length < 5:
                    continue
                key = plain(run[:length])
                best = known[key] if key in known else self.closest(key)
                if best:
                    ident, kind = self.table[best]
                    out.append(Named(at, at + length, ident, kind))
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
