"""Which numbers are statistics, with their qualifier, bounds, quote and footnotes.

Not figures: years and dates, section and paragraph numbers, article numbers, ages,
durations, list numbering, footnote markers. A footnote marker glued to a number
("700 000472") is split off."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .. import bounds
from .footnotes import Marker, blank_markers, body_end, footnotes as footnote_list, markers
from .numbers import Mention, find_numbers
from .attribution import Attribution, continues, find_attribution
from .periods import find_period

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
QUALIFIERS = (  # longest first; matched right before the number
    ("at least", "at-least"), ("no fewer than", "at-least"), ("up to", "up-to"), ("as many as", "up-to"),
    ("more than", "over"), ("over", "over"), ("above", "over"), ("in excess of", "over"),
    ("fewer than", "under"), ("less than", "under"), ("under", "under"), ("below", "under"),
    ("almost", "nearly"), ("nearly", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("approximately", "about"), ("about", "about"), ("around", "about"), ("roughly", "about"),
    ("some", "about"), ("an estimated", "about"), ("estimated", "about"), ("circa", "about"), ("c.", "about"),
)
_QUALIFIER = re.compile(r"(?:^|(?<=[\s(–—-]))(" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s+$",
                        re.IGNORECASE)
LOCATOR_BEFORE = re.compile(r"(?:para(?:graph)?s?\.?|p\.|pp\.|art(?:icle)?\.?|articles|section|sections|§|no\.|"
                            r"number|chapter|part|footnote|fn\.|annex|table|figure|page)\s*$", re.IGNORECASE)
AGE_OR_DURATION_AFTER = re.compile(r"^[\s-]*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)(?:[\s-]+old)?\b",
                                   re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?:aged|age of|ages of|age)\s*$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to)\s*$")
SENTENCE_END = re.compile(r"[.!?](?=\s|$|[’'\"”)])|\n\s*\n")


@dataclass
class Found:
    """A proposed figure: ``text[start:end] == quote``; ``wording`` is qualifier and number."""

    start: int
    end: int
    quote: str
    wording: str
    value: Decimal
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    percent: bool
    footnotes: list[str] = field(default_factory=list)
    sentence: tuple[int, int] = (0, 0)
    period: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    reported_by: str | None = None  # as written
    reporter: str | None = None  # the matched actor id (None: a new actor to propose)
    via: str | None = None
    via_actor: str | None = None


def _is_year(m: Mention, text: str) -> bool:
    written = text[m.start:m.end]
    return (not m.in_words and not m.percent and written.isdigit() and len(written) == 4
            and 1800 <= int(written) <= 2100)


def _excluded(m: Mention, text: str) -> bool:
    """True for numbers that are not statistics."""
    before, after = text[max(0, m.start - 25):m.start], text[m.end:m.end + 25]
    line_start = text.rfind("\n", 0, m.start) + 1
    line = text[line_start:text.find("\n", m.start) if "\n" in text[m.start:] else len(text)]
    if m.in_words and not m.magnitude and not _QUALIFIER.search(before):
        return True  # "one of", "two districts": only counted words with a hedge are figures
    if _is_year(m, text) and not _QUALIFIER.search(before):
        return True
    if MONTH_AFTER.match(after) or MONTH_BEFORE.search(before):
        return True  # a day of a date, or a year after a month
    if LOCATOR_BEFORE.search(before):
        return True
    if AGE_BEFORE.search(before) or AGE_OR_DURATION_AFTER.match(after):
        return True
    if re.match(r"^\.\d", after) or re.search(r"\d\.$", before):
        return True  # section numbering 4.5.1
    if not line[:m.start - line_start].strip() and (re.match(r"^[.)]\s", after) or len(line.split()) <= 8):
        return True  # list numbering or a heading
    return False


def _sentence(text: str, start: int, stop: int) -> tuple[int, int]:
    begin = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    end_match = SENTENCE_END.search(text, start, stop)
    return begin, end_match.end() if end_match else stop


CONNECTORS = {"and", "or", "but", "which", "who", "while", "with", "since", "as", "for", "between", "from",
              "during", "in", "on", "at", "by", "according", "were", "was", "is", "are", "have", "has", "had"}
WORD_AFTER = re.compile(r"\s+([\w’'%-]+)")


def _quote_end(text: str, end: int, sentence_end: int) -> int:
    """The number and the words that say what it counts: up to six words, stopping at
    punctuation, a marker or a connecting word ("and", "which", "in", ...)."""
    for _ in range(6):
        m = WORD_AFTER.match(text, end, sentence_end)
        if not m or m.group(1).lower() in CONNECTORS:
            break
        end = m.end()
    return end


def _with_markers(end: int, refs: list[Marker]) -> int:
    """A sentence's end moved past the footnote markers that close it."""
    for r in refs:
        if end <= r.start <= end + 2:
            end = r.end
    return end


def _day(text: str | None) -> date | None:
    for fmt in ("%d %B %Y", "%B %Y"):
        try:
            return datetime.strptime(text or "", fmt).date()
        except ValueError:
            continue
    return None


def _attributions(clean: str, stop: int, names: dict[str, str]) -> dict[int, Attribution | None]:
    """The attribution of each sentence (by its start), carried on only where the text continues."""
    out: dict[int, Attribution | None] = {}
    previous: Attribution | None = None
    begin = 0
    for m in [*SENTENCE_END.finditer(clean, 0, stop), None]:
        end = m.end() if m else stop
        sentence = clean[begin:end]
        if sentence.strip():
            stated = find_attribution(sentence, names)
            current = stated or (previous if continues(sentence) else None)
            out[begin] = current
            previous = current
        begin = end
    return out


def extract_figures(text: str, document_date: date | None = None,
                    actors: dict[str, str] | None = None) -> list[Found]:
    """Proposed figures of a document's body (the footnote list excluded). Open periods
    ("since", "currently") end on the date of the figure's cited source, else on the document's.
    ``actors`` (lower-case label or alias -> actor id) names the reporters that are known."""
    dates = {n.number: _day(n.date) for n in footnote_list(text)}
    stop = body_end(text)
    clean = blank_markers(text[:stop])
    refs: list[Marker] = markers(text, stop)
    found: list[Found] = []
    mentions = [m for m in find_numbers(clean) if not _excluded(m, clean)]
    said = _attributions(clean, stop, actors or {})
    for m in mentions:
        before = clean[max(0, m.start - 25):m.start]
        q = _QUALIFIER.search(before)
        qualifier = "order-of-magnitude" if m.magnitude else (dict(QUALIFIERS)[q.group(1).lower()] if q else "exact")
        start = m.start - len(before) + q.start(1) if q else m.start
        try:
            lower, upper = bounds.derive(qualifier, m.value, m.rounding)
        except bounds.BoundsError:
            continue
        begin, finish = _sentence(clean, m.start, stop)
        sentence = (begin, _with_markers(finish, refs))
        end = _quote_end(clean, m.end, sentence[1])
        notes = [r.number for r in refs if m.end <= r.start < sentence[1]]
        if m.footnote:
            notes.insert(0, m.footnote)
        reference = next((dates[n] for n in notes if dates.get(n)), None) or document_date
        stated = find_period(clean[sentence[0]:sentence[1]], m.start - sentence[0], reference)
        period = stated[1] if stated else None
        by = said.get(begin)
        found.append(Found(start, end, text[start:end], text[start:m.end], m.value, qualifier, lower, upper,
                           m.percent, notes, sentence, period.phrase if period else None,
                           period.start if period else None, period.end if period else None,
                           by.said_by if by else None, by.actor if by else None, by.via if by else None,
                           by.via_actor if by else None))
    return found
