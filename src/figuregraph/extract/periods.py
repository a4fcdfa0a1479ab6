"""The reference period a figure's sentence states: "in 2024", "as of December 2024",
"between November 2024 and July 2025", "since 2022", "in March" (of the reference year),
"currently". Open ends ("since", "currently") are closed by the reference date: the date of
the cited source, else the document's own date, else left open."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH = "(?:" + "|".join(calendar.month_name[1:]) + ")"
YEAR = r"(?:19|20)\d\d"
PATTERNS = (  # (kind, regex) in order of preference when a sentence states several
    ("between", re.compile(rf"\bbetween\s+(?:the\s+)?(?:(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?|(?P<y1b>{YEAR}))\s+"
                           rf"and\s+(?:(?P<m2>{MONTH})\s+)?(?P<y2>{YEAR})", re.IGNORECASE)),
    ("as-of", re.compile(rf"\bas\s+(?:of|at)\s+(?:(?:the\s+)?end\s+of\s+)?(?:(?P<m>{MONTH})\s+)?(?P<y>{YEAR})",
                         re.IGNORECASE)),
    ("since", re.compile(rf"\bsince\s+(?:the\s+)?(?:(?P<m>{MONTH})\s+)?(?P<y>{YEAR})", re.IGNORECASE)),
    ("in", re.compile(rf"\b(?:in|during|throughout)\s+(?:(?P<m>{MONTH})\s+)?(?P<y>{YEAR})\b", re.IGNORECASE)),
    ("in-month", re.compile(rf"\bin\s+(?P<m>{MONTH})\b(?!\s+{YEAR})(?:\s+of\s+this\s+year)?", re.IGNORECASE)),
    ("current", re.compile(r"\b(?:currently|at present|presently|to date|so far|as of now)\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Period:
    phrase: str
    start: date | None
    end: date | None


def _first(year: int, month: int | None) -> date:
    return date(year, month or 1, 1)


def _last(year: int, month: int | None) -> date:
    month = month or 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(name: str | None) -> int | None:
    return MONTH_NAMES[name.lower()] if name else None


def _period(kind: str, m: re.Match[str], reference: date | None) -> Period | None:
    phrase = m.group(0)
    if kind == "between":
        y2 = int(m.group("y2"))
        first = m.group("y1") or m.group("y1b")
        y1 = int(first) if first else y2
        return Period(phrase, _first(y1, _month(m.group("m1"))), _last(y2, _month(m.group("m2"))))
    if kind == "as-of":
        return Period(phrase, None, _last(int(m.group("y")), _month(m.group("m"))))
    if kind == "since":
        return Period(phrase, _first(int(m.group("y")), _month(m.group("m"))), reference)
    if kind == "in":
        year, month = int(m.group("y")), _month(m.group("m"))
        return Period(phrase, _first(year, month), _last(year, month))
    if kind == "in-month":
        if reference is None:
            return None  # "in March" of which year: the document must say
        month = _month(m.group("m"))
        year = reference.year if month is not None and month <= reference.month else reference.year - 1
        return Period(phrase, _first(year, month), _last(year, month))
    return Period(phrase, None, reference)  # "currently"


@lru_cache(maxsize=16)
def _since_event(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for "since (the) <event>" over the events' names (built once per lexicon)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\bsince\s+(?:the\s+)?(?P<event>{alternatives})(?!\w)", re.IGNORECASE)


def find_period(sentence: str, number_at: int, reference: date | None,
                events: dict[str, date] | None = None) -> tuple[int, Period] | None:
    """The period stated in a sentence for the number at ``number_at`` (offset in the sentence):
    the most specific kind first, then the phrase nearest the number. Returns (offset, period).
    ``events`` (plain name -> day) dates "since the partial mobilisation" by the event's day."""
    event_pattern = _since_event(tuple(sorted(events or {})))
    if event_pattern is not None:
        m = min(event_pattern.finditer(sentence.replace("\u2019", "'")), key=lambda m: abs(m.start() - number_at),
                default=None)
        if m is not None:
            day = (events or {})[m.group("event").lower()]
            return m.start(), Period(sentence[m.start():m.end()], day, reference)
    for kind, pattern in PATTERNS:
        matches = list(pattern.finditer(sentence))
        matches.sort(key=lambda m: abs(m.start() - number_at))
        for m in matches:
            found = _period(kind, m, reference)
            if found is not None:
                return m.start(), found
    return None
