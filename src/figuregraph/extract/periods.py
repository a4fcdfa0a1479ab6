"""The reference period a figure's sentence states.

A date is read at the precision it is written: a day ("24 February 2022", "February 24, 2022",
"24 February", "2022-02-24"), a month ("March 2024", "March", "mid-April"), a part of a year ("the
first half of 2023", "Q3 2021", "the second quarter of 2015", "late 2023"), a year ("2024", "2023/24"),
a US federal fiscal year ("FY2023", "fiscal 2017", "fiscal year (FY) 2018": October to September). A
date without its year takes the reference date's year (or the year before, when the month is later
than the reference's). Around the dates: "between A and B" / "from A to B" / "A-B"
(A's first day to B's last), "since A" (open, closed by the reference date), "as of / at the end of
/ by / until A" and "published on A", "as of 17:00; A" (an open start), "in / during / throughout A", "on A", a day with its year written
alone (a list's row, an infobox's "DateDecember 2, 2015"), before a bare year. Relative to the reference
date: "last year", "this year", "so far this year", "last month", "last week", "on Monday",
"yesterday", "today", "currently", "to date", "in the past 24 hours", "over the last seven days" (and
months, years: "over the last three years", the whole calendar years before the reference date's
year, on from it "over the next three years"),
"over the weekend", "since Friday", "since the beginning of the year"; "as of yesterday", "until Sunday"
(open, closed by that day).

The reference date is the cited source's, else the document's; a phrase that needs one and has
none gives no period. Events of the graph date "since the partial mobilisation"."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .numbers import UNITS, words_value
from .scan import Starts, last_text, lowered, matches, may_match, Opening

MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTH_NAMES["sept"] = 9
MONTH = "(?:(?:" + "|".join(sorted((m for m in MONTH_NAMES if len(m) > 3 or m in ("may",)), key=len, reverse=True)) \
        + r")(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|(?![a-z])))"
YEAR = r"(?:19|20)\d\d"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

WEEKDAY = "|".join(WEEKDAYS)  # "monday|tuesday|..."
# counts in words a period is read with ("the past forty-eight hours"), valued as numbers reads them
MONTH_WORDS = {w: UNITS[w] for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")}
SPAN_WORDS = ("twenty-four", "forty-eight", "seventy-two", "two", "three", "four", "five", "six", "seven", "ten",
              "fourteen")
SPAN_FROM = "past|last|previous|next|coming"  # a span back from the reference day or (next, coming) on from it
SPAN_UNITS = "hours|days|weeks|months|years"
MONTH_COUNT = "|".join([*MONTH_WORDS, r"1[01]", r"[2-9]"])  # "the first six months of 2024", "the last 3 months of"

# A date point, at the precision written. Named groups: d (day), m (month), y (year), part, fy.
POINT = (rf"(?:(?P<{{p}}d1>{DAY})\s+(?P<{{p}}m1>{MONTH})(?:,?\s+(?P<{{p}}y1>{YEAR}))?"
         rf"|(?P<{{p}}m2>{MONTH})\s+(?P<{{p}}d2>{DAY})(?:,\s*(?P<{{p}}y2>{YEAR}))?(?!\d)"
         rf"|(?P<{{p}}iso>{YEAR}-[01]\d-[0-3]\d)"
         rf"|(?P<{{p}}edge>mid|early|late|end|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+"
         rf"(?:(?P<{{p}}m3>{MONTH})(?:\s+(?P<{{p}}y3>{YEAR}))?|(?P<{{p}}y4>{YEAR}))"
         rf"|(?:the\s+)?(?P<{{p}}nth>first|last)\s+(?P<{{p}}n>{MONTH_COUNT})\s+months\s+of\s+"
         rf"(?:(?:the|this)\s+year|(?P<{{p}}y9>{YEAR}))"
         rf"|(?:the\s+)?(?P<{{p}}part>first|second|third|fourth|last|final)\s+(?P<{{p}}unit>half|quarter)\s+(?:of\s+)?"
         rf"(?:(?:the\s+)?year\s+)?(?P<{{p}}y5>{YEAR})?"
         rf"|(?P<{{p}}q>Q[1-4]|H[12])\s*(?P<{{p}}y6>{YEAR})"
         rf"|(?P<{{p}}m4>{MONTH})(?:\s+(?:of\s+)?(?P<{{p}}y7>{YEAR}))?"
         rf"|(?P<{{p}}fy>FY\s?(?:{YEAR}|\d\d)|fiscal\s+(?:year\s+)?(?:\(FY\)\s+)?{YEAR})"
         rf"|(?P<{{p}}y8>{YEAR})(?:(?P<{{p}}y8s>[/\u2013\u2014-])(?P<{{p}}y8b>\d\d)(?![\d-]))?)")


def _point(prefix: str) -> str:
    return POINT.replace("{p}", prefix)


# An event dated where it is named ("since war broke out in April 2023", "between the start of the
# invasion in February 2022 and December 2025"): its date opens the period
EVENT_IN = (r"(?:(?:(?:start|beginning|outbreak|onset)\s+of\s+)?(?:the\s+)?(?:[\w’'\"“”-]+\s+){0,4}?"
            r"(?:war|conflict|fighting|invasion|offensive|crisis|clashes|hostilities|escalation|takeover|coup|"
            r"uprising|mobili[sz]ation|violence|operations)[\"”’]?\s+(?:(?:broke\s+out|began|started|erupted|escalated)"
            r"\s+(?:there\s+)?)?(?:in|on)\s+)")

# what a year told as "the year" is not followed by: its number, another span ("the year to June", "the
# year ending"), "so far" (the year of now), "before", "earlier"
THE_YEAR_AFTER = r"(?!\s*(?:\d|of\b|to\b|ending|ended|before|earlier|so\s+far|to\s+date|up\s+to))"

# a time of day before the date of "as of" ("as of 10:00, 3 March", "Data as reported by 17:00; 28 July")
CLOCK = r"[0-2]?\d[:.][0-5]\d\s*(?:hrs?\b|h\b|[ap]\.?m\.?)?\s*[;,]?\s*(?:on\s+)?"

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(rf"\b(?:between|from)\s+(?:the\s+)?{EVENT_IN}?{_point('a')}\s+(?:and|to|until|till|through|-|–)\s+"
                         rf"(?:the\s+)?{_point('b')}", re.IGNORECASE)),
    ("range", re.compile(rf"(?<![\w-]){_point('a')}\s?[-–]\s?{_point('b')}(?![\w-])", re.IGNORECASE)),
    # a range of days with its month written once: "between March 2 and 8", "5 – 11 Feb 2023"
    ("days", re.compile(rf"\b(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*(?:and|to|until|through|[-\u2013\u2014])\s*(?P<d2>{DAY})"
                        rf"(?![,.]?\d|\s+(?:{MONTH}|{DAY}))(?:,?\s+(?P<y>{YEAR}))?", re.IGNORECASE)),
    ("days", re.compile(rf"(?<![\w,.-])(?P<d1>{DAY})\s*(?:and|to|until|through|[-\u2013\u2014])\s*(?P<d2>{DAY})\s+"
                        rf"(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", re.IGNORECASE)),
    ("since", re.compile(rf"\bsince\s+(?:the\s+)?{EVENT_IN}?{_point('a')}", re.IGNORECASE)),
    # the event a clause dates ("the fighting, which began on 15 April, has displaced ..."): since its day
    ("since", re.compile(rf"\b(?:which|that)\s+(?:began|started|erupted|broke\s+out|escalated)\s+(?:in|on)\s+"
                         rf"{_point('a')}", re.IGNORECASE)),
    ("until", re.compile(rf"\b(?:as\s+(?:of|at)|by|until|till|through|up\s+to|at|(?:published|released|issued|updated)"
                         rf"\s+on)\s+(?:{CLOCK})?(?:the\s+end\s+of\s+|end\s+of\s+|end-)?{_point('a')}", re.IGNORECASE)),
    ("until", re.compile(rf"\b(?:at|by)\s+(?:the\s+)?end\s+of\s+(?:the\s+year\s+)?{_point('a')}", re.IGNORECASE)),
    ("in", re.compile(rf"\b(?:in|during|throughout|over|for|of)\s+(?:the\s+(?:whole\s+|entire\s+|calendar\s+)?"
                      rf"(?:year\s+|month\s+of\s+)?)?{_point('a')}", re.IGNORECASE)),
    ("on", re.compile(rf"\bon\s+(?:\w+day,?\s+)?{_point('a')}", re.IGNORECASE)),
    ("relative", re.compile(rf"\b(?:(?:the\s+)?(?:{SPAN_FROM})\s+(?:\d{{1,3}}|{'|'.join(SPAN_WORDS)})\s+(?:{SPAN_UNITS})|"
                            r"(?:over\s+|during\s+)?(?:the\s+(?:past\s+|last\s+)?|last\s+)weekend|(?:the\s+)?past\s+week|"
                            rf"since\s+(?:last\s+)?(?:{WEEKDAY})|"
                            r"since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+(?:year|month)|"
                            r"so\s+far\s+this\s+year|this\s+year\s+(?:so\s+far|to\s+date)|year[-\s]to[-\s]date|"
                            r"so\s+far\s+in\s+\d{4}|last\s+year|this\s+year|(?:in\s+the\s+)?past\s+year|"
                            r"last\s+month|this\s+month|last\s+week(?!end)|this\s+week(?!end)|yesterday|today|"
                            rf"on\s+(?:{WEEKDAY})|(?:last\s+)?(?:{WEEKDAY})\b)",
                            re.IGNORECASE)),
    ("current", re.compile(r"\b(?:currently|at present|presently|to date|so far|as of now|as of today)\b",
                           re.IGNORECASE)),
    # a day written out with its year and no word before it ("3 November 1956 ...", "Date | December 2, 2015 |",
    # and a flattened infobox's "DateDecember 2, 2015")
    ("date", re.compile(rf"(?:(?<=Date)|(?<![\w/.-]))(?:(?P<ad1>{DAY})\s+(?P<am1>{MONTH}),?\s+(?P<ay1>{YEAR})"
                        rf"|(?P<am2>{MONTH})\s+(?P<ad2>{DAY}),\s*(?P<ay2>{YEAR}))(?![\w/-])", re.IGNORECASE)),
    # "at the end of the year", "by the end of the year": of the year the text is telling of (periods_in)
    ("year-end", re.compile(r"\b(?:at|by)\s+the\s+end\s+of\s+the\s+year\b" + THE_YEAR_AFTER, re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\w/.-])(?P<ay8>{YEAR})(?:(?P<ay8s>[/\u2013\u2014])(?P<ay8b>\d\d))?(?![\w/-]|\.\d)")),
)
def _kind(name: str, opens: str) -> re.Pattern[str]:
    """The one pattern of KINDS of that kind whose text opens so (named, not counted, so that a kind
    added or moved keeps each pattern its own candidates and needles)."""
    (pattern,) = [p for kind, p in KINDS if kind == name and p.pattern.startswith(opens)]
    return pattern


# Where the pattern that opens on a date would otherwise be tried at every position can start
# (scan.matches): what a date opens on ("12", "March", "mid", "the", "first", "Q1", "FY"): keep it in
# step with POINT (tests/extract/test_extract_scans.py checks it on every fixture).
# (The other kinds open on a word boundary and a few short words, which the engine tests fast enough.)
_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_OPENS = "|".join(_MONTH_NEEDLES)  # a month's name opens on one of these
_POINT_OPENS = (rf"(?<![a-z\d])\d|{_MONTH_OPENS}|mid|early|late|end|the|first|"
                "second|third|fourth|last|final|q[1-4]|h[12]|fy|fiscal")
# A bare day opens on its digits or its month, which may follow a flattened infobox's "Date" label.
_DATE_OPENS = re.compile(rf"(?<![a-z\d])\d|(?:(?<![a-z])|(?<=date))(?:{_MONTH_OPENS})")
# The relative phrases, "until" and "in" open on a word boundary and one of several words, which the
# engine, ignoring case, tries slowly at every position: they are tried where an opening word stands.
STARTS: dict[re.Pattern[str], Starts] = {
    _kind("date", r"(?:(?<=Date)"): last_text(lambda low: [m.start() for m in _DATE_OPENS.finditer(low)]),
    _kind("range", r"(?<![\w-])"): Opening(_POINT_OPENS),
    _kind("until", r"\b(?:as"): Opening("as|by|until|till|through|up|at|published|released|issued|updated"),
    _kind("days", r"\b(?P<m>"): Opening(_MONTH_OPENS),
    _kind("since", r"\b(?:which|that)"): Opening("which|that"),
    _kind("days", r"(?<![\w,.-])"): Opening(r"(?<![a-z\d])\d"),
    _kind("in", r"\b(?:in|during"): Opening("in|during|throughout|over|for|of"),
    _kind("relative", r"\b(?:(?:the"): Opening("the|past|last|previous|next|coming|over|during|since|so|this|year|in|yesterday|"
                                               f"today|on|{WEEKDAY}"),
}
# What every match of a kind's pattern holds one of (in the lowered sentence for a case-insensitive
# one): a sentence without any is not scanned for that kind.
NEEDS: dict[re.Pattern[str], tuple[tuple[str, ...], bool]] = {  # pattern -> (needles, in the lowered text)
    _kind("range", r"\b(?:between|from)"): (("between", "from"), True),
    _kind("range", r"(?<![\w-])"): (("-", "–"), False),
    **{pattern: (_MONTH_NEEDLES, True) for kind, pattern in KINDS if kind == "days"},
    _kind("since", r"\bsince"): (("since",), True),
    _kind("since", r"\b(?:which|that)"): (("which", "that"), True),
    _kind("until", r"\b(?:at|by)\s+(?:the\s+)?end"): (("end",), True),
    _kind("current", r"\b(?:currently"): (("currently", "present", "to date", "so far", "as of now", "as of today"), True),
    _kind("date", r"(?:(?<=Date)"): (("19", "20"), False),
    _kind("year-end", r"\b(?:at|by)\s+the\s+end\s+of\s+the"): (("year",), True),
    _kind("year", r"(?<![\w/.-])(?P"): (("19", "20"), False),
}
# Each kind's pattern with its needles and its starts, looked up once here: a compiled pattern
# hashes its whole program, too slow for a dictionary look-up per sentence.
_SCANS = [(kind, pattern, NEEDS.get(pattern, ((), False)), STARTS.get(pattern)) for kind, pattern in KINDS]
PREFERENCE = {"range": 0, "days": 0, "since": 1, "until": 2, "year-end": 2, "in": 3, "on": 3, "relative": 4, "current": 5,
              "date": 6, "year": 7}


@dataclass(frozen=True)
class Period:
    phrase: str
    start: date | None
    end: date | None


def reference_day(published: str | None) -> date | None:
    """The day a document's date stands for as the reference of its open periods: the day itself,
    a month's first day, a year's last day. ValueError for anything but YYYY-MM-DD, YYYY-MM, YYYY."""
    if not published:
        return None
    parts = published.split("-")
    if len(parts) == 3:
        return date.fromisoformat(published)
    if len(parts) == 2 and len(parts[0]) == 4:
        return date(int(parts[0]), int(parts[1]), 1)
    if len(parts) == 1 and len(published) == 4 and published.isdigit():
        return date(int(published), 12, 31)
    raise ValueError(f"not YYYY-MM-DD, YYYY-MM or YYYY: '{published}'")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(name: str | None) -> int | None:
    return MONTH_NAMES.get(name.lower().rstrip(".")) if name else None


def _year_for(month: int, reference: date | None, written: str | None) -> int | None:
    if written:
        return int(written)
    if reference is None:
        return None
    return reference.year if month <= reference.month else reference.year - 1


def _span(m: re.Match[str], p: str, reference: date | None, year_hint: int | None = None
          ) -> tuple[date, date] | None:
    """The first and last day a date point covers (None: not datable)."""
    g = m.groupdict()

    def get(name: str) -> str:
        return g.get(p + name) or ""

    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if get(d) and get(mo):
            month = _month(get(mo))
            day = int(re.sub(r"\D", "", get(d) or ""))
            year = int(get(y)) if get(y) else year_hint or _year_for(month or 1, reference, None)
            if month is None or year is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
                return None
            return date(year, month, day), date(year, month, day)
    if get("iso"):
        try:
            point = date.fromisoformat(get("iso") or "")
        except ValueError:
            return None
        return point, point
    if get("edge"):
        edge = (get("edge") or "").lower()
        if get("m3"):
            month = _month(get("m3")) or 1
            year = int(get("y3")) if get("y3") else year_hint or _year_for(month, reference, None)
            if year is None:
                return None
            last = _last_day(year, month)
            if edge == "mid":
                return date(year, month, 15), last
            if edge == "early":
                return date(year, month, 1), date(year, month, 10)
            if edge in ("late", "end", "the end of"):
                return date(year, month, 21), last
            return date(year, month, 1), date(year, month, 10)
        year = int(get("y4") or 0)
        if edge in ("late", "end", "the end of"):
            return date(year, 9, 1), date(year, 12, 31)
        if edge == "mid":
            return date(year, 4, 1), date(year, 9, 30)
        return date(year, 1, 1), date(year, 3, 31)
    if get("nth"):  # "the first six months of 2024": January to June; "the last three months of 2023"
        year = int(get("y9")) if get("y9") else year_hint or (reference.year if reference else None)
        if year is None:
            return None
        months = MONTH_WORDS.get(get("n").lower()) or int(get("n"))
        if get("nth").lower() == "first":
            return date(year, 1, 1), _last_day(year, months)
        return date(year, 13 - months, 1), date(year, 12, 31)
    if get("part"):
        year = int(get("y5")) if get("y5") else year_hint or (reference.year if reference else None)
        if year is None:
            return None
        order = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}[(get("part") or "").lower()]
        if (get("unit") or "").lower() == "half":
            order = min(order, 2) if (get("part") or "").lower() not in ("last", "final") else 2
            return (date(year, 1, 1), date(year, 6, 30)) if order == 1 else (date(year, 7, 1), date(year, 12, 31))
        first = 3 * (order - 1) + 1
        return date(year, first, 1), _last_day(year, first + 2)
    if get("q"):
        year = int(get("y6") or 0)
        q = (get("q") or "").upper()
        if q.startswith("H"):
            return (date(year, 1, 1), date(year, 6, 30)) if q == "H1" else (date(year, 7, 1), date(year, 12, 31))
        first = 3 * (int(q[1]) - 1) + 1
        return date(year, first, 1), _last_day(year, first + 2)
    if get("m4"):
        month = _month(get("m4"))
        if month is None:
            return None
        year = int(get("y7")) if get("y7") else year_hint or _year_for(month, reference, None)
        if year is None:
            return None
        return date(year, month, 1), _last_day(year, month)
    if get("fy"):
        digits = re.sub(r"\D", "", get("fy") or "")
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        return date(year - 1, 10, 1), date(year, 9, 30)  # the US federal fiscal year
    if get("y8"):
        year = int(get("y8") or 0)
        if get("y8b"):  # "2023/24", "2015-16", "2010–15": to the year the two digits close
            closing = year - year % 100 + int(get("y8b") or 0)
            if closing == year + 1 or (get("y8s") != "-" and year < closing <= year + 20):
                return date(year, 1, 1), date(closing, 12, 31)
            return date(year, 1, 1), date(year, 12, 31)
        return date(year, 1, 1), date(year, 12, 31)
    return None


SPAN = re.compile(rf"({SPAN_FROM})\s+(\S+)\s+({SPAN_UNITS})")


def _months_on(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), the month's last where it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def whole_years(phrase: str, reference: date) -> bool:
    """Whether a span back over years ("over the last three years", "in the past five years") counts
    whole calendar years, those ended before the reference date's year: a reference date inside its
    year (a year-only date stands for its last day, which closes the year)."""
    span = SPAN.search(phrase.lower())
    return span is not None and span.group(3) == "years" and span.group(1) not in ("next", "coming") \
        and (reference.month, reference.day) != (12, 31)


def _relative(phrase: str, reference: date | None) -> Period | None:
    if reference is None:
        return None
    words = phrase.lower()
    year = reference.year
    span = SPAN.search(words)
    if span:  # "in the past 24 hours", "over the last three years": back from the reference day;
        # "over the next three years": on from it
        n = int(span.group(2)) if span.group(2).isdigit() else words_value(span.group(2)) or 0  # (of SPAN_WORDS)
        unit, ahead = span.group(3), span.group(1) in ("next", "coming")
        if whole_years(phrase, reference):
            return Period(phrase, date(year - n, 1, 1), date(year - 1, 12, 31))
        if unit in ("months", "years"):
            other = _months_on(reference, (n if unit == "months" else 12 * n) * (1 if ahead else -1))
        else:
            days = max(1, n // 24) if unit == "hours" else n * (7 if unit == "weeks" else 1)
            other = reference + timedelta(days=days if ahead else -days)
        return Period(phrase, reference, other) if ahead else Period(phrase, other, reference)
    if "past week" in words:  # the seven days up to the reference day
        return Period(phrase, reference - timedelta(days=7), reference)
    if "weekend" in words:  # the last Saturday and Sunday up to the reference day
        sunday = reference - timedelta(days=(reference.weekday() + 1) % 7)
        return Period(phrase, sunday - timedelta(days=1), sunday)
    if words.startswith("since") and words.endswith(("year", "month")):  # "since the start of the year"
        return Period(phrase, date(year, 1, 1) if words.endswith("year") else reference.replace(day=1), reference)
    if words.startswith("since"):  # "since Friday": from that day to the reference day
        index = next(i for name, i in WEEKDAYS.items() if name in words)
        start = reference - timedelta(days=(reference.weekday() - index) % 7 or 7)
        return Period(phrase, start, reference)
    if "so far" in words or "to date" in words or "year-to-date" in words or "year to date" in words:
        return Period(phrase, date(year, 1, 1), reference)
    if "last year" in words or "past year" in words:
        return Period(phrase, date(year - 1, 1, 1), date(year - 1, 12, 31))
    if "this year" in words:
        return Period(phrase, date(year, 1, 1), reference)
    if "last month" in words:
        first = (reference.replace(day=1) - timedelta(days=1)).replace(day=1)
        return Period(phrase, first, _last_day(first.year, first.month))
    if "this month" in words:
        return Period(phrase, reference.replace(day=1), reference)
    if "last week" in words:
        monday = reference - timedelta(days=reference.weekday() + 7)
        return Period(phrase, monday, monday + timedelta(days=6))
    if "this week" in words:
        return Period(phrase, reference - timedelta(days=reference.weekday()), reference)
    if "yesterday" in words:
        day = reference - timedelta(days=1)
        return Period(phrase, day, day)
    if "today" in words:
        return Period(phrase, reference, reference)
    for name, index in WEEKDAYS.items():
        if name in words:
            back = (reference.weekday() - index) % 7 or (7 if "last" in words else 0)
            day = reference - timedelta(days=back)
            return Period(phrase, day, day)
    return None


def _days(m: re.Match[str], reference: date | None) -> Period | None:
    """"between March 2 and 8": the first day to the last, in the month written once (its year as a
    date's without one)."""
    month = _month(m.group("m"))
    first, last = (int(re.sub(r"\D", "", m.group(g))) for g in ("d1", "d2"))
    year = int(m.group("y")) if m.group("y") else _year_for(month or 1, reference, None)
    if month is None or year is None or not 1 <= first < last <= calendar.monthrange(year, month)[1]:
        return None
    return Period(m.group(0), date(year, month, first), date(year, month, last))


# A comparison with a period told by reference to another: "over the same period last year", "the same
# period in 2014", "at this stage in 2022", "the same time a year earlier" (the period of the count
# compared with, in the year named)
SAME_PERIOD = re.compile(r"\b(?:the\s+same\s+(?:period|time|months|weeks|stage|point)|this\s+(?:stage|point|time))"
                         r"(?:\s+(?:of|in|for|during))?\s+(?:(?P<last>last\s+year|the\s+previous\s+year|a\s+year\s+"
                         r"(?:earlier|before|ago))|(?P<year>(?:19|20)\d\d)\b)", re.IGNORECASE)
COMPARING = re.compile(r"\b(?:more|fewer|less|higher|lower|than|up|down|increase|decrease|rise|fall|drop|compared)\b",
                       re.IGNORECASE)
SAME_PERIOD_REACH = 80  # characters after a number within which its "same period" phrase stands


def same_period(sentence: str, at: int, after: int) -> re.Match[str] | None:
    """The "same period" phrase a count's sentence compares it by: after the number (``at`` to
    ``after`` in the sentence: "37,235 over the same period last year") or before it ("For the same
    period last year, 7,134 were arrested"), with no other number between; None for a difference
    ("1,000 more than the same period last year"), which is of the period of now."""
    m = SAME_PERIOD.search(sentence, after, after + SAME_PERIOD_REACH)
    if m is not None:
        between = sentence[after:m.start()]
        return None if re.search(r"\d", between) or COMPARING.search(between) else m
    earlier = [m for m in SAME_PERIOD.finditer(sentence, max(0, at - SAME_PERIOD_REACH), at) if m.end() <= at]
    if not earlier or re.search(r"\d|\bthan\b", sentence[earlier[-1].end():at]):
        return None
    return earlier[-1]


def moved_period(m: re.Match[str], base: tuple[date, date]) -> Period:
    """``base`` (the period of the count compared with) moved to the year a SAME_PERIOD match names
    ("last year": the year before the base's)."""
    shift = int(m.group("year")) - base[1].year if m.group("year") else -1
    return Period(m.group(0), _moved(base[0], shift), _moved(base[1], shift))


def _moved(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _period(kind: str, m: re.Match[str], reference: date | None, year: int | None = None) -> Period | None:
    """The period a stretch states; ``year``: the year a date written without one takes where there
    is no reference date (the one the text wrote last before it)."""
    phrase = m.group(0)
    written = year if reference is None else None
    if kind == "range":
        b = _span(m, "b", reference, year_hint=written)
        hint = b[1].year if b else None
        a = _span(m, "a", reference, year_hint=hint)
        if a is None or b is None:
            return None
        if a[0] > b[1]:  # "November-March": the first month is in the year before
            a = _span(m, "a", reference, year_hint=b[1].year - 1)
            if a is None or a[0] > b[1]:
                return None
        return Period(phrase, a[0], b[1])
    if kind == "days":
        return _days(m, reference)
    if kind == "relative":
        return _relative(phrase, reference)
    if kind == "current":
        return Period(phrase, None, reference) if reference else None
    a = _span(m, "a", reference, year_hint=written)
    if a is None:
        return None
    if kind == "since":
        return Period(phrase, a[0], reference)
    if kind == "until":
        return Period(phrase, None, a[1])
    return Period(phrase, a[0], a[1])


@lru_cache(maxsize=16)
def _since_event(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for "since (the) <event>" over the events' names (built once per lexicon)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\bsince\s+(?:the\s+)?(?P<event>{alternatives})(?!\w)", re.IGNORECASE)


Stretch = tuple[str, re.Match[str], bool]  # kind ("event" for "since <event>"), match, not a period


def period_stretches(sentence: str, events: dict[str, date] | None = None) -> list[Stretch]:
    """The stretches of a sentence that can state a period, read once per sentence: what they
    state depends on the reference date (``periods_in``)."""
    found: list[Stretch] = []
    event_pattern = _since_event(tuple(sorted(events or {})))
    if event_pattern is not None:
        found += [("event", m, False) for m in event_pattern.finditer(sentence.replace("\u2019", "'"))]
    low = lowered(sentence)
    for kind, pattern, (needles, folded), starts in _SCANS:
        if needles and not may_match(needles, low if folded else sentence):
            continue
        for m in (matches(pattern, sentence, low, starts) if starts is not None else pattern.finditer(sentence)):
            found.append((kind, m, _not_a_period(sentence, m.start(), m.end(), kind)))
    return found


def periods_in(sentence: str, reference: date | None, events: dict[str, date] | None = None,
               stretches: list[Stretch] | None = None, year: int | None = None,
               told: int | None = None) -> list[tuple[int, int, int, Period]]:
    """Every period a sentence states: (start, end, preference, period), once per stretch of text
    (the most specific reading of a stretch wins). ``stretches``: the sentence's, if read already;
    ``year``: the year of a date written without one where there is no reference date; ``told``: the
    year the text wrote last before the sentence: the year "at the end of the year" tells of, unless
    the sentence writes one before it (with neither, the phrase gives no period)."""
    found: list[tuple[int, int, int, Period]] = []
    for kind, m, excluded in period_stretches(sentence, events) if stretches is None else stretches:
        if kind == "event":
            day = (events or {})[m.group("event").lower()]
            found.append((m.start(), m.end(), -1, Period(sentence[m.start():m.end()], day, reference)))
            continue
        if kind == "year-end":
            written = [int(y.group(0)) for y in WRITTEN.finditer(sentence, 0, m.start())]
            the_year = written[-1] if written else told
            if the_year is not None:
                found.append((m.start(), m.end(), PREFERENCE[kind], Period(m.group(0), None, date(the_year, 12, 31))))
            continue
        period = _period(kind, m, reference, year)
        if period is not None and reference is not None and kind in _DATED and LAST_YEAR_AFTER.match(sentence, m.end()) \
                and not re.search(r"\d{4}", m.group(0)):
            period = _last_years(kind, m, reference) or period
        if period is not None and kind == "relative" and period.start == period.end \
                and (up_to := UP_TO_BEFORE.search(sentence, max(0, m.start() - 12), m.start())) is not None:
            period = Period(sentence[up_to.start():m.end()], None, period.end)  # "as of yesterday", "until Sunday"
        if period is not None and not excluded:
            found.append((m.start(), m.end(), PREFERENCE[kind], period))
    chosen: list[tuple[int, int, int, Period]] = []
    for item in sorted(found, key=lambda x: (x[2], x[0])):
        if any(c[0] < item[1] and item[0] < c[1] for c in chosen):
            continue
        chosen.append(item)
    return sorted(chosen, key=lambda x: x[0])


WRITTEN = re.compile(rf"(?<![\d.,])(?:{YEAR})(?![\d.,]\d)")  # a year as written in a sentence
# "as of yesterday", "until Sunday": a day told by the reference date closes an open period, as a date does
UP_TO_BEFORE = re.compile(r"\b(?:as\s+(?:of|at)|until|till|up\s+to)\s+$", re.IGNORECASE)
# "by November last year", "in March of last year": a date without its year, in the year before the reference's
LAST_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?last\s+year\b", re.IGNORECASE)
_DATED = ("range", "days", "since", "until", "in", "on")


def _last_years(kind: str, m: re.Match[str], reference: date) -> Period | None:
    """The period of a date followed by "last year": read in the year before the reference's ("since
    March last year" still runs to the reference date)."""
    period = _period(kind, m, date(reference.year - 1, 12, 31))
    if period is not None and kind == "since":
        return Period(period.phrase, period.start, reference)
    return period


COUNTED_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:people|persons|soldiers|troops|cases|civilians|refugees|"
                           r"migrants|children|men|women|deaths|fatalities|families|households|arrests|detainees|"
                           r"applications|asylum|crossings|arrivals|returnees|casualties|deserters)\b")


# The day a statement or an appeal is made ("the agency said on Tuesday", "said today", "appealed on
# Tuesday for", "launched an emergency appeal on Tuesday", "is today launching an appeal"): when the
# words were said, not what the figures count over
SAID_BEFORE = re.compile(r"\b(?:said|says|told\s+\w+|announced|stated|added|warned|appealed|(?:launched|launches|issued)"
                         r"\s+(?:an?\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:appeal|plan|call))\s*$", re.IGNORECASE)
SAID_AFTER = re.compile(r"^\s+(?:launch|announc|appeal)", re.IGNORECASE)
_STATEMENT_DAY = re.compile(rf"^(?:on\s+)?(?:(?:last\s+)?(?:{WEEKDAY})|today|yesterday)$|^on\s+(?!\w+day)", re.IGNORECASE)


def statement_day(sentence: str, start: int, end: int) -> bool:
    """Whether the day phrase at ``start:end`` dates a statement or an appeal (SAID_BEFORE, SAID_AFTER)."""
    return bool(_STATEMENT_DAY.match(sentence[start:end]) and (
        SAID_BEFORE.search(sentence, max(0, start - 60), start) or SAID_AFTER.match(sentence[end:end + 12])))


def _not_a_period(sentence: str, start: int, end: int, kind: str) -> bool:
    """A year that is a count ("over 2000 people") or names something else ("the 2003 invasion",
    "Resolution 2019/12"); the day a statement is made (statement_day)."""
    if re.search(r"(?<![\d-])(?:19|20)\d\d$", sentence[start:end]) and COUNTED_AFTER.match(sentence[end:end + 40]):
        return True
    if kind in ("relative", "on") and statement_day(sentence, start, end):
        return True
    if kind != "year":
        return False
    after = sentence[end:end + 20]
    before = sentence[max(0, start - 12):start]
    return bool(re.match(r"^\s*(?:invasion|war|election|law|act|census|report|survey|constitution|agreement|"
                         r"earthquake|uprising|revolution|coup|crisis|resolution|convention|protocol|olympics)",
                         after, re.IGNORECASE) or re.search(r"(?:No\.|no\.|/|©|\(c\))\s*$", before))


def years_written(text: str) -> list[tuple[int, int]]:
    """Each year a text writes as a date ("in 2020", "May - October 2020"), as (offset, year): not a
    count ("2000 people") nor a name ("the 2003 invasion")."""
    pattern = _kind("year", r"(?<![\w/.-])(?P")
    return [(m.start(), int(m.group("ay8"))) for m in pattern.finditer(text)
            if not _not_a_period(text, m.start(), m.end(), "year")]


def find_period(sentence: str, number_at: int, reference: date | None,
                events: dict[str, date] | None = None) -> tuple[int, Period] | None:
    """The period stated in a sentence for the number at ``number_at`` (offset in the sentence): the
    most specific kind first, then the phrase nearest the number. Returns (offset, period)."""
    found = periods_in(sentence, reference, events)
    if not found:
        return None
    best = min(found, key=lambda x: (x[2] if x[2] >= 0 else -1, abs(x[0] - number_at)))
    return best[0], best[3]
