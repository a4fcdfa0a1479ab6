"""Which numbers are statistics, and what each one states: qualifier and bounds, quote,
citations, subject, measure, total, reference period and who reported it.

Not figures: years and dates, section and paragraph numbers, article numbers, ages,
durations, list numbering, footnote markers. A footnote marker glued to a number
("700 000472") is split off. What comes from context rather than the figure's own sentence
is listed in ``Found.inferred`` so that a reviewer sees it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..model import bounds
from .attribution import (CONNECTORS as NAME_LINKS, ROLE_AFTER, VERBS, Attribution, attributions, continues,
                          match_actor, unnamed)
from .contents import contents_pages
from .document import Document
from .footnotes import Marker, Notes, blank, read_notes
from .lexicon import Lexicon, plain
from .measures import counted_noun, counted_words
from .gazetteer import Place, bare_code, find_places, in_one_country
from .mentions import NameFinder, Named, typographic
from .exclusions import FULL_MONTHS, exclusion
from .numbers import FRACTION, INFOBOX_FIELD, NAMED_SCALES, RATIO, SCALE_WORDS, Mention, find_numbers
from .organisations import defined_organisations
from .periods import (WRITTEN_YEAR, Period, Stretch, moved_period, period_stretches, periods_in, same_period,
                      whole_years, years_written)
from .relations import OF_THESE, parts_and_totals
from .segments import SHORT_LINE, Segment, line_after, line_end, line_start, segments
from .sources import CitedSource, data_source, match_source, slug, statement_source
from .subjects import (COORDINATED, THE_COUNTRY, THE_DIVISION, countries_counted, not_anothers, own_clause, past_adjunct,
                       place_far_after, respective, subject_of, usable)
from .voices import Voice, voice_at, voices

if TYPE_CHECKING:
    from .links import LinkCitations

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
QUALIFIERS = (  # matched right before the number (longest first when they overlap)
    ("at least", "at-least"), ("no fewer than", "at-least"), ("no less than", "at-least"), ("a minimum of", "at-least"),
    ("up to", "up-to"), ("as many as", "up-to"), ("as much as", "up-to"), ("a maximum of", "up-to"),
    ("as high as", "up-to"),
    ("more than", "over"), ("over", "over"), ("above", "over"), ("in excess of", "over"), ("just over", "over"),
    ("well over", "over"), ("a little over", "over"), ("upwards of", "over"), ("exceeded", "over"),
    ("exceeding", "over"), ("surpassed", "over"), ("far surpassed", "over"), ("topped", "over"),
    ("fewer than", "under"), ("less than", "under"), ("under", "under"), ("below", "under"), ("just under", "under"),
    ("almost", "nearly"), ("nearly", "nearly"), ("close to", "nearly"), ("just shy of", "nearly"),
    ("approximately", "about"), ("about", "about"), ("around", "about"), ("roughly", "about"),
    ("some", "about"), ("an estimated", "about"), ("estimated", "about"), ("circa", "about"), ("c.", "about"),
    ("approx.", "about"), ("closer to", "about"), ("nearer", "about"),
)
_QUALIFIER = re.compile(r"(?:^|(?<=[\s(–—-]))(" + "|".join(re.escape(q) for q, _ in
                                                      sorted(QUALIFIERS, key=lambda q: -len(q[0]))) + r")\s+$",
                        re.IGNORECASE)
RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to)\s*$")
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
CHANGE_BEFORE = re.compile(r"\b(?:rose|rising|risen|fell|falling|fallen|increased?|increasing|decreased?|decreasing|"
                           r"grew|grown|growing|dropped|dropping|declined?|declining|went|jumped|climbed|soared|"
                           r"surged|plunged|plummeted|doubled|tripled|halved|up|down|changed?|moved?|shrank|"
                           r"expanded|reduced|cut|raised)\s+(?:\w+\s+){0,3}?from\s+$"
                           # a change named as a noun, its clause before "from" ("an overall increase in civilian
                           # deaths over the same period for 2017, from 2,666 to 2,798")
                           r"|\b(?:increase|rise|decrease|decline|drop|fall|jump)\s+(?:in|of)\s+[^.;:()]{0,70}?,\s*from\s+$",
                           re.IGNORECASE)
CHANGE_REACH = 110  # characters before a "from ... to" looked at for its change
FOUR = Decimal("0.0001")
# A sentence opening with an organisation's name and its verb: "UNHCR published", "The Norwegian Refugee Council opened"
SUBJECT_NAME = re.compile(r"(?:The\s+)?(?P<who>[A-Z]{2,}[A-Za-z]*|[A-Z][\w&.-]+(?:\s+(?:of|for|the|on|[A-Z][\w&.-]+)){1,6})"
                          r"\s+(?:has\s+|have\s+)?[a-z]+(?:ed|s)\b")
RESTATED_TOTAL = re.compile(r"\s*(?:Of|Among)\s+(?:those|these|the)\s+(?P<n>\d[\d,.\u00a0\u202f ]*\d|\d)\b[^,.;]{0,40},"
                            r"\s*(?:[\w-]+\s+){0,2}$")
DIGITS = re.compile(r"\d[\d,.]*")
OTHER_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\b(?:up|down|compared|against|from|while|whereas|and|but|than)\b")
GOES_ON = re.compile(r"[ \t]*[a-z]")  # after a marker: the sentence goes on
HEADLINE_WORD = re.compile(r"(?<![\w'-])[a-z]+\b")  # a title's word in lower case: a headline is a sentence
# A title's word for the whole world ("Global Trends: Forced Displacement in 2020", "World Migration Report")
WORLD_TITLE = re.compile(r"\b(?:[Gg]lobal(?:ly)?|[Ww]orld(?:wide)?)\b(?!\s+[Ww]ar\b)")
CELL_NEXT = re.compile(r"\s*[\d+\u2212-]")  # a number on the line after a label: a table's cell
CLAUSE_AFTER_MARKS = re.compile(r"[^\w]*(?:\w+\W+){3,}")  # between two groups of markers: a clause of its own
CAPTION_LINES = 40  # lines of a table or box looked over for its caption
LEAD_WORDS = 8  # a paragraph's short lead: at most this many words
LIST_ITEMS = 12  # the items of a list looked over, up to its lead or down to its last
LEAD_PARAGRAPHS = 4  # a document's lead: its title, standfirst, highlights or a caption, before the body
TITLE_WORDS = 20  # a title line: at most this many words
TITLE_REACH = 2000  # characters from the start of a text within which its given title is looked for as a line
CALLOUT_REACH = 60  # characters between an infographic's callout and the statement of its number
SAID_ALIKE = 40  # characters after a number where the words that say what it counts are compared
LEAD_SENTENCES = 2  # a lead's line: a sentence or two (a standfirst, a caption)
RESTATED_WITHIN = 40  # figures after a heading among which its restatement is looked for
DATE_WORD = re.compile(rf"\b(?:(?:19|20)\d\d|{FULL_MONTHS})\b")
SAID_AGAIN_FROM = 10  # counts below this recur by chance too often to be read as said again
TIMES_AFTER = re.compile(r"[ \t]+times\b", re.IGNORECASE)  # "12 times what it costs": a multiple
SAID_AGAIN_WORDS = 2  # content words two clauses share when they state the same count
SAID_AGAIN_WINDOW = 64  # the statements of a number a later one is compared with: its latest kept ones
CLAUSE_BEFORE, CLAUSE_AFTER = 40, 50  # characters around a number compared for SAID_AGAIN_WORDS
# an outlet's reporting verb closing its sentence: "Trend reports citing TASS.", "Agence France-Presse reported."
DATE_PARTS = re.compile(rf"\b(?:{FULL_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?={FULL_MONTHS})|\b(?:19|20)\d\d\b")
RELAYED_AFTER = re.compile(r"\s+(?:reported|reports|reporting)(?:\s+citing\s+(?P<via>[^,.;]{1,60})|\s+on\s+\w+)?"
                           r"\s*[.!?]?[\"\u201d\u2019]?\s*$")
# the same, inverted: "..., reported Al Arabiya."
RELAYED_BEFORE, RELAYED_END = re.compile(r",\s*(?:reported|reports)\s+$"), re.compile(r"\s*[.!?]?[\"\u201d\u2019]?\s*$")
REPEATED = re.compile(r"\b(?:of|among)\s+(?:those|these|the)\s+$", re.IGNORECASE)
# A number pointing back to one stated before, written with the same digits: after a demonstrative ("If these
# 65.3 million persons were a nation") or as the whole a part is of ("35.3 million of 108.4 were refugees")
POINTING_BACK = re.compile(r"(?:\b(?:these|those)|\d(?:\s+(?:million|billion|thousand))?\s+of)\s+$", re.IGNORECASE)
POINTING_REACH = 24  # characters before the number where POINTING_BACK is looked for
# A sentence about the text itself, what it covers or how it is built ("This report identifies key trends in the
# seven countries covered", "This article presents the key updates from six regions", "This list broadly defines
# war as a conflict between two or more groups"): its small counts say the text's scope, not the world's; a
# finding it reports ("This report shows that ...", "...: 40 ...") is not scope
OWN_SCOPE = re.compile(
    r"\W*(?:This|The present)\s+(?:[\w-]+\s+){0,2}?(?:report|article|paper|brief|briefing|update|study|document|"
    r"analysis|chapter|section|publication|overview|note|bulletin|review|factsheet|list|page|dataset|series|snapshot)"
    r"\s+(?:\w+ly\s+)?(?:presents|identifies|covers|examines|describes|defines|focuses|analy[sz]es|explores|reviews|"
    r"discusses|considers|looks at|summari[sz]es|outlines|compiles|tracks|maps|is organi[sz]ed|is divided)\b"
    r"(?![^:;]*(?:\bthat\b|\bshow|[:;]))", re.IGNORECASE | re.DOTALL)
SCOPE_COUNT = 100  # the largest count read as the text's own scope ("the 33 countries covered")
# what a count of the world counts, which a sentence about the text may still report ("This study examines 25
# killings"): not its scope
WORLD_COUNT_AFTER = re.compile(r"[ \t]+(?:[\w-]+[ \t]+)?(?:people|persons|cases|deaths|killings|victims|attacks|"
                               r"incidents|arrests|detentions|refugees|migrants|civilians|children|women|men|"
                               r"casualties|fatalities)\b", re.IGNORECASE)
# A threshold defining a class of places or people, not a count of them: "countries where the GDP per capita was
# below USD 5,000", "countries are registering high violent death rates (above 20 per 100,000)", "incidents with
# at least one fatality"
CLASS_THRESHOLD = re.compile(
    r"\b(?:countries|states|nations|places|areas|regions|districts|provinces|municipalities|locations|households|"
    r"families|people|persons|those|incidents|events|attacks|cases)\s+(?:[\w-]+\s+){0,2}?(?:where|with|whose|"
    r"registering|recording|reporting|having|that have|which have|earning|living on)\b[^.;:]{0,50}?(?:\(|\b)(?:above|below|exceeding|under|over|more than|"
    r"less than|fewer than|at least)\s+(?:(?:USD|US\$|\$|€|£)\s*)?\Z", re.IGNORECASE)
THRESHOLD_REACH = 120  # characters before the number where CLASS_THRESHOLD is looked for
CELL = re.compile(r"[+\-\u2212]?(\d[\d,.\u00a0]*)\s?%?")  # a table's cell alone on its line
COLUMN_CELLS = 12  # cells of one column looked back over for its label
COLUMN_WINDOW = 400
LIST_GAP = 8  # characters of blank lines at most between two items of one list
BULLET_LINE = re.compile(r"[ \t]*(?:[\u2022\u00b7\u25aa\u25cf*\u2013-]|\d{1,2}[.)])[ \t]")
ALONE_AFTER = re.compile(r"[ \t]*(?:\n|\Z)")
CHANGE_LABEL = re.compile(r"\bchange\b", re.IGNORECASE)
CAPTION_LEAD = re.compile(r"^\s*(?:table|tab\.|figure|fig\.|chart|graph)\s*[\w.]*\s*[:.\u2013-]?\s*", re.IGNORECASE)

QUOTE_OPEN = re.compile(r"\s*[\"“]")  # a sentence that opens on a quote
QUOTE_CLOSE = re.compile(r"[\"”][\s,.]")  # the quote closes before the speaker's name
QUOTE_AFTER = re.compile(r"[^\"“”.]{0,60}?[:,]\s*[\"“]")  # 'X said: "...', "X told Reuters, “..."
# '..., so people are moved far away," says X.': the close of a quote opened in an earlier sentence
QUOTE_CLOSED_BEFORE = re.compile(rf"[\"”]\s*,?\s*(?:(?:{VERBS})\s+)?$")


@dataclass(frozen=True)
class Author:
    """Who states what a text states itself, and as what, for the trace: the publisher, or the speaker
    a record of others' words names (``speaker``: "speaker X, named by ...")."""

    said_by: Attribution
    speaker: str = ""

    @property
    def role(self) -> str:
        return self.speaker or "publisher"

    @property
    def aside(self) -> str:
        """The speaker, as an aside after the words that name the author (", speaker X ..."), or ""."""
        return f", {self.speaker}" if self.speaker else ""


@dataclass(frozen=True)
class Column:
    """Where a cell of a table written one cell per line stands: its row's label, its place in the
    row, the header lines over the table's first row, and the caption over them."""

    label: str
    index: int
    header: list[str]
    caption: str


def _table_top(lines: list[str]) -> tuple[list[str], str]:
    """A one-cell-per-line table's header and caption, read up from its rows (``lines``: the lines
    above the row of the cell, in order): the years and short labels over the first row, up to the
    caption line (which may end with the first header, "Table 2: ... 2014"). Over a later row, the
    first row's label is read last and is not a header."""
    header: list[str] = []
    rows_seen = False
    for line in reversed(lines):
        line = line.strip()
        if CELL.fullmatch(line) and not WRITTEN_YEAR.fullmatch(line):
            rows_seen, header = True, []
            continue
        if (WRITTEN_YEAR.fullmatch(line) or _label(line)) and len(header) < COLUMN_CELLS:
            header.insert(0, line)
            continue
        last = line.rsplit(None, 1)
        if len(last) == 2 and WRITTEN_YEAR.fullmatch(last[1]):
            header.insert(0, last[1])
            return (header[:-1] if rows_seen else header), last[0]
        return (header[:-1] if rows_seen else header), line
    return (header[:-1] if rows_seen else header), ""


def _named(name: str) -> bool:
    """Whether a source is named by a name, every word of it capitalised but its linking words
    ("British Ministry of Defence", "Meduza"), not described ("UN agency", "officials")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", name) if w.lower() not in NAME_LINKS]
    return bool(words) and all(w[0].isupper() for w in words)


class _Values:
    """Figures by their number (and whether it is a percentage): those within a distance of a value,
    found by a bisect over the sorted numbers, in the order they were given."""

    def __init__(self, found: list[Found]) -> None:
        self.found = found
        self.order = sorted(range(len(found)), key=lambda i: (found[i].percent, found[i].value))
        self.keys = [(found[i].percent, found[i].value) for i in self.order]

    def near(self, percent: bool, value: Decimal, reach: Decimal) -> list[Found]:
        lo = bisect.bisect_left(self.keys, (percent, value - reach))
        hi = bisect.bisect_right(self.keys, (percent, value + reach))
        return [self.found[i] for i in sorted(self.order[lo:hi])]


def _restates(f: Found, g: Found) -> bool:
    """Whether figure g states again what f states: the same number to f's precision, or a count
    a headline's order of magnitude stands for ("Thousands flee" over "about 3 400" or "12 000")."""
    if f.percent != g.percent:
        return False
    if f.qualifier == "order-of-magnitude" and f.lower is not None and f.upper is not None:
        return f.lower <= g.value < f.lower * 100
    return abs(f.value - g.value) <= max(f.rounding, g.rounding) / 2


COMPARED = "the period of the count it is compared with"  # the trace of compared_period
LONG_BEFORE = 183  # days: a period ending this long before the document's date is a past one, not its "as of"


def _title_words(line: str) -> list[str]:
    """A title's words, folded, without its punctuation or a bullet ("- KSE Institute: ...")."""
    return re.findall(r"[^\W_]+", line.casefold())


SENTENCE_END = re.compile(r"[.!?](?=\s|$|[’'\"”)])|\n\s*\n")


def _a_place(label: str) -> bool:
    """Whether a name is wholly a place the gazetteer knows (its acronym then is the place's short form)."""
    places = find_places(label, 0, len(label))
    return len(places) == 1 and (places[0][0].start, places[0][0].end) == (0, len(label))


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
    citations: list[str] = field(default_factory=list)  # footnote numbers or inline-reference keys
    sentence: tuple[int, int] = (0, 0)
    period: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    reported_by: str | None = None  # as written
    reporter: str | None = None  # the matched actor id (None: a new actor to propose)
    via: str | None = None
    via_actor: str | None = None
    subject: str | None = None  # actor or place id
    measure: str | None = None  # measure id, or None with ``proposed_measure``
    proposed_measure: str | None = None
    part_of: int | None = None  # index of the total among the document's figures
    inferred: list[str] = field(default_factory=list)  # fields taken from context, not the sentence
    why: dict[str, str] = field(default_factory=dict)  # for an inferred field: the rule that gave it
    by_publisher: bool = False  # the reporter is the document's own publisher (nothing names another)
    rounding: Decimal = Decimal(1)  # the rounding unit the bounds were read with
    currency: str | None = None  # "USD", "EUR", ... when the number is an amount of money
    page: int | None = None  # the page the figure is on, for a paginated original (a PDF)
    number_start: int = 0
    number_end: int = 0
    paragraph: int = 0

    def infer(self, name: str, why: str) -> None:
        """A field taken from context: listed in ``inferred`` (once), with the rule that gave it."""
        if name not in self.inferred:
            self.inferred.append(name)
        self.why[name] = why


CONNECTORS = {"and", "or", "but", "which", "who", "while", "with", "since", "as", "for", "between", "from",
              "during", "in", "on", "at", "by", "according", "were", "was", "is", "are", "have", "has", "had"}
WORD_AFTER = re.compile(r"\s+([\w’'%-]+)")


def _quote_end(text: str, end: int, sentence_end: int) -> int:
    """The number and the words that say what it counts: up to six words, stopping at
    punctuation, a marker, a connecting word ("and", "which", "in", ...) or another number."""
    for _ in range(6):
        m = WORD_AFTER.match(text, end, sentence_end)
        if not m or m.group(1).lower() in CONNECTORS or m.group(1)[0].isdigit():  # the next figure
            break
        end = m.end()
    return end


def _significant(value: Decimal) -> int:
    """Significant digits of a whole number as written (4 850: 3; 4 000: 1)."""
    digits = str(int(value)).rstrip("0")
    return len(digits) if value == int(value) else len(str(value).replace(".", "").lstrip("0"))


PLAIN_WORDS = {"million", "billion", "thousand", "trillion", "percent", "with", "from", "that", "this", "were", "have",
               "than", "more", "over", "about", "around", "nearly", "almost", "some", "their", "they", "which", "into"}


def _content_words(text: str) -> set[str]:
    """A passage's words of four letters or more, stemmed to five letters, without the common ones."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in PLAIN_WORDS}


PASSIVE_BY = re.compile(r"\b(?:reported|recorded|documented|verified|registered|counted|confirmed|compiled|collected|"
                        r"tracked|monitored|provided|hosted|assisted|supported)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
NUMBER = re.compile(r"\d")
COUNTRY_TITLE = re.compile(r"([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})\s*[:(,\u2013-]")  # "Somalia: ...", "Bahrain (2020 ..."
# a series' title closing on the country it covers ("2018 Trafficking in Persons Report: Singapore (protection)")
SERIES_COUNTRY = re.compile(r".*:\s*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})\s*(?:\([^()]*\))?\s*$")
SHARE_SAID_AGAIN = Decimal("0.1")  # "half" and 45%: the same share, rounded to a word
SHARE_NEAR = 60  # characters between the share in words and the percentage that states it
PAGE_AFTER = re.compile(r"[ \t]*(?:\n|\Z)|[ \t]+([A-Z][A-Za-z]+)")  # a page number alone, or over its page's first word
PASSIVE_REACH = 60  # "5.3 million Palestinian refugees registered by": the number within this many characters
PASSIVE_VERB_REACH = 40  # "registered by the": the passive verb within this many characters of the name
DATELINE = re.compile(r"^[ \t]*((?:[A-Z][\w.'’-]*)(?:,?[ \t]+[A-Z][\w.'’-]*){0,3})(?:[ \t]*\((?:AP|Reuters|AFP|dpa|"
                      r"Xinhua|PA|Anadolu)\))?[ \t]+[\u2013\u2014-]{1,2}[ \t]+(?=[A-Z][^\n]{60})", re.MULTILINE)  # before a paragraph, not a title
COREPORTER = re.compile(r"\s*,?\s*(?:and|together\s+with|along\s+with|jointly\s+with)\s+(?:the\s+)?")  # "X and the Y said"
FIRST_PERSON = {"i", "we"}
DEFINITE_NOUN = re.compile(r"the\s+(ministry|agency|office|mission|commission|committee|council|department|"
                           r"organi[sz]ation|institute|bureau|coastguard|police|army|government)")  # "the ministry"
ANAPHOR_REACH = 12  # sentences looked back for the source "the ministry" stands for
HEADED_APART = "a passage of its own"  # a heading in capitals between the number and the name after it
CLAUSE_CLOSED = "a clause of its own"  # "..., according to X, while 45,000 ...": X's phrase closed the clause before
# an "according to" phrase closing its clause (", according to a report from X"), and a new clause after
# it (", while ...", ", with ...", "; ...") before a number: the phrase covers what it closes only
CLOSING_ACCORDING = re.compile(r",\s*according\s+to\s+[^,;]{0,80}$")
NEXT_CLAUSE = re.compile(r"[^,;]{0,60}(?:,\s*(?:while|whereas|but|with)\b|;)")
# a heading in capitals run into the text of a page flattened from a PDF ("... 15,006 IDPs in Shan State
# KEY DEVELOPMENTS Insecurity ..., according to X"): two words or more of capitals only, ten letters or more
CAPS_HEADING = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})+\b")
UNNAMED_AUTHOR = "the document's author, not named"  # "We recorded 40" in a text with no publisher given
OUR_BEFORE = re.compile(r"\b(?:our|my)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)  # "Our field team counted"
OUR_SOURCE = re.compile(r"\b(?:according to|based on|in)\s+(?:our|my)\b|\b(?:our|my)\s+(?:[\w-]+\s+){0,2}"
                        r"(?:shows?|showed|found|finds|suggests?|indicates?|records?|recorded)\b"
                        # the author's own work named in the first person: "our best estimate is that",
                        # "Our analysis, which used ..., found that", "we estimate that"
                        r"|\b(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:analysis|estimates?|calculations?|count|tally|"
                        r"research|findings|survey|study|review)\b|\bwe\s+(?:also\s+)?(?:estimate|estimated|"
                        r"calculate|calculated|find|found|counted|project|projected)\b", re.IGNORECASE)
QUOTES = re.compile("[\"“”]")


def _inside_quote(text: str, start: int, at: int) -> bool:
    """Whether offset ``at`` is inside a quotation opened since ``start`` (an odd count of marks)."""
    return len(QUOTES.findall(text, start, at)) % 2 == 1


def _label(line: str) -> bool:
    """A line that can label a table's or an infographic's number: a few words and no number
    (a year aside)."""
    line = line.strip()
    return bool(line) and len(line.split()) <= 8 and not re.search(r"\d(?<!(?:19|20)\d\d)", line)


TABLE_RULE = re.compile(r"[-|:+ ]{3,}")


def _table_row(line: str) -> bool:
    """A line of a Markdown or pipe table (a row or its rule)."""
    return line.count("|") >= 2 or bool(TABLE_RULE.fullmatch(line))


def _unended(line: str) -> bool:
    """A line of a box or a list rather than prose: no sentence ends in it or at its end."""
    return not re.search(r"[.!?:;][\"'\u2019\u201d)\]]*$|[.!?]\s+[A-Z]", line)


def _with_markers(end: int, refs: list[Marker], starts: list[int]) -> int:
    """A sentence's end moved past the footnote markers that close it (``starts``: the markers'
    start offsets, for a bisect instead of a scan)."""
    for i in range(bisect.bisect_left(starts, end), len(refs)):  # (no copy of the rest of the list)
        r = refs[i]
        if r.start > end + 2:
            break
        if end <= r.start:
            end = r.end
    return end


def _between(refs: list[Marker], starts: list[int], begin: int, end: int) -> list[Marker]:
    """The markers starting in [begin, end)."""
    return refs[bisect.bisect_left(starts, begin):bisect.bisect_left(starts, end)]


def _ranges(mentions: list[Mention], text: str) -> list[tuple[Mention, Mention | None]]:
    """Pairs "3 000-5 000", "3 000 to 5 000" and "between 3 000 and 5 000" into one (low, high)
    mention, and "70–85 million", "between 2 and 3 million" with the high end's scale for both;
    "rose from 3 000 to 5 000" stays two figures (a change, not a range)."""
    out: list[tuple[Mention, Mention | None]] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        joined = nxt is not None and bool(
            (RANGE_JOIN.match(text[m.end:nxt.start]) and not CHANGE_BEFORE.search(text[max(0, m.start - CHANGE_REACH):m.start]))
            or (BETWEEN_BEFORE.search(text[max(0, m.start - 10):m.start])
                and re.fullmatch(r"\s+(?:and|to|-|–)\s+", text[m.end:nxt.start])))
        shared = _shared_scale(m, nxt, text) if joined and nxt is not None else None
        if shared is not None:
            out.append((replace(m, value=m.value * shared, rounding=m.rounding * shared), nxt))
            i += 2
            continue
        if joined and nxt is not None and not m.percent and not m.fraction and nxt.value > m.value and (
                nxt.value < m.value * 1000 or m.rounding >= 1000):
            out.append((m, nxt))
            i += 2
            continue
        out.append((m, None))
        i += 1
    return out


SCALE_WORD = re.compile(rf"[ \t\u00a0]+({NAMED_SCALES})\b", re.IGNORECASE)


def _shared_scale(low: Mention, high: Mention, text: str) -> Decimal | None:
    """The scale word a range's high end carries for both ends ("70–85 million", "between 2 and 3
    million"): the low end is a bare number that, scaled, stays below the high end; None otherwise."""
    if low.percent or low.fraction or low.multiple or low.in_words or low.currency or high.percent or high.in_words:
        return None
    if not re.fullmatch(r"\d[\d,.]*", text[low.start:low.end]):
        return None
    word = SCALE_WORD.match(text, high.digits_end or high.start)
    scale = Decimal(SCALE_WORDS[word.group(1).lower()]) if word is not None else None
    return scale if scale is not None and low.value * scale < high.value else None


def _fraction_bounds(qualifier: str, m: Mention) -> tuple[Decimal | None, Decimal | None]:
    """Bounds of a share written as a fraction or ratio: the fraction's own unit is its rounding
    ("over a quarter": a quarter to a half); "nearly half" is within a fifth below it."""
    v, g = m.value, m.rounding
    low, high = v.quantize(FOUR, ROUND_FLOOR), v.quantize(FOUR, ROUND_CEILING)
    exact_low = _fraction_exact(m)
    if exact_low is not None:
        low, high = exact_low.quantize(FOUR, ROUND_FLOOR), exact_low.quantize(FOUR, ROUND_CEILING)
    rules: dict[str, tuple[Decimal | None, Decimal | None]] = {
        "exact": (low, high),
        "about": ((v - g / 2).quantize(FOUR, ROUND_HALF_UP), (v + g / 2).quantize(FOUR, ROUND_HALF_UP)),
        "nearly": ((v * Decimal("0.8")).quantize(FOUR, ROUND_HALF_UP), v),
        "under": ((v * Decimal("0.8")).quantize(FOUR, ROUND_HALF_UP), v),
        "over": (low, min(Decimal(1), ((exact_low if exact_low is not None else v) + g).quantize(FOUR, ROUND_CEILING))),
        "at-least": (low, None),
        "up-to": (Decimal(0), high),
    }
    return rules.get(qualifier, (low, high))


def _page_numbers(mentions: list[Mention], text: str) -> set[int]:
    """Where the page numbers of a converted document stand: the numbers opening lines that run 1,
    2, 3, ... (at least two), each alone on its line or before a capitalised word ("1 United
    Nations ...", "2 Map of Afghanistan", "3 AFGHANISTAN Annual Report"), one of them before one."""
    run: list[Mention] = []
    worded = False
    for m in mentions:
        start = line_start(text, m.start)
        if start is None or text[start:m.start].strip() or m.in_words or m.percent or m.currency \
                or not text[m.start:m.end].isdigit():
            continue
        after = PAGE_AFTER.match(text, m.end)
        if after is None or int(m.value) != len(run) + 1:
            continue
        run.append(m)
        worded = worded or bool(after.group(1))
    return {m.start for m in run} if len(run) >= 2 and worded else set()


HEADER_TITLE_WORDS = 3  # a running header repeats at least the title's first three words (or the whole title)


def _running_header_pages(mentions: list[Mention], text: str, title: str) -> set[int]:
    """The page numbers of a converted PDF's running headers: a number opening a line (after
    another one: "2 9 Behind the numbers") before the opening words of the document's title."""
    words = _title_words(title)[:HEADER_TITLE_WORDS]
    if len(words) < 2:
        return set()
    opening = re.compile(r"[ \t]+(?:\d{1,4}[ \t]+)?" + r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    out: set[int] = set()
    for m in mentions:
        start = line_start(text, m.start)
        if start is None or m.in_words or m.percent or m.currency or not text[m.start:m.end].isdigit() \
                or not re.fullmatch(r"(?:\d{1,4}[ \t]+)?", text[start:m.start]):
            continue
        if opening.match(text, m.end):
            out.add(m.start)
    return out


def _fraction_exact(m: Mention) -> Decimal | None:
    """The unrounded value of a fraction whose rounding unit is its denominator's (a third)."""
    if m.rounding >= FOUR * 10:
        denominator = (Decimal(1) / m.rounding).to_integral_value()
        numerator = (m.value * denominator).to_integral_value()
        return numerator / denominator
    return None


class Reader:
    """Reads one document: its citations, sentences, names and attributions, then its figures."""

    def __init__(self, text: str, document_date: date | None, lexicon: Lexicon, publisher: str | None = None,
                 document: Document | None = None, linked: LinkCitations | None = None,
                 title: str | None = None) -> None:
        self.text, self.document_date, self.lexicon = text, document_date, lexicon
        self.linked = linked  # citations made by the document's hyperlinks (links.py)
        self.publisher = publisher
        self.title = title  # the document's title as its user or its metadata gives it
        self.document = document
        self.proposed_places: dict[str, Place] = {}  # places the text names that the graph lacks
        self.passed_later: dict[int, str] = {}  # by a figure's start: the next sentence's source, not its
        self.not_figures: list[tuple[int, int, str]] = []  # numbers read and not taken: start, end, the rule's name
        self._periods: dict[tuple[int, date | None, int | None], list[tuple[int, int, int, Period]]] = {}
        self._stretches: tuple[int, list[Stretch]] = (-1, [])  # the last sentence's period stretches, by its start
        self.country_ids: set[str] = set()  # the ids of the names read that the gazetteer knows as countries
        self.division_ids: set[str] = set()  # and as divisions of one country (provinces, states)
        self.coded: set[tuple[int, int]] = set()  # where a place is named by a code alone ("CI", "PR")
        self.spelled_ids: set[str] = set()  # the ids of the names read that are no such code
        self._columns: dict[tuple[int, int], Column | None] = {}
        self.organisations = {k: o for k, o in defined_organisations(text).items()  # "Rapid Support Forces (RSF)": new
                              if not _a_place(o.label)}  # actors; "Central African Republic (CAR)" stays a place
        given = document is not None and bool(document.markers or document.notes)
        self.notes: Notes = read_notes(
            text, [Marker(m.number, m.start, m.end) for m in document.markers] if given and document else None,
            {n.marker: n.text for n in document.notes} if given and document else None)
        self.marker_starts = [m.start for m in self.notes.markers]
        self.stop = self.notes.body_end
        self.clean = blank(text[:self.stop], self.notes.markers, [*self.notes.spans, *self.notes.tags])
        self.flat = typographic(self.clean)
        self.segments = segments(self.clean, self.stop)
        self.sentences = [(s.start, s.end) for s in self.segments]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.finder = NameFinder(lexicon)
        self.events = {name: day for name, (_id, day) in lexicon.events.items()}
        self.measures = lexicon.measure_matcher()

    def segment_of(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.segments[i] if self.segments and i >= 0 else None

    def paragraph(self, offset: int) -> int:
        segment = self.segment_of(offset)
        return segment.paragraph if segment else 0

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[max(i, 0)] if self.sentences else (0, self.stop)

    @cached_property
    def stated(self) -> dict[int, list[Attribution]]:
        """The attributions each sentence states itself (by the sentence's start; offsets absolute)."""
        out: dict[int, list[Attribution]] = {}
        for s, e in self.sentences:
            found = attributions(self.flat[s:e], self.lexicon.actors)
            out[s] = [replace(a, start=a.start + s, end=a.end + s) for a in found]
        return out

    @property
    def carried(self) -> dict[int, Attribution | None]:
        """The source named last before each sentence (by its start): what "it", "the agency" stand
        on, until the text names another."""
        return self._carrying[0]

    @property
    def sections_source(self) -> dict[int, Attribution | None]:
        """What an unattributed sentence stands on: the source named last before it in its section (a
        heading ends a source's passage), else the source the document's lead names (a news lead's
        source speaks for the whole article, "Germany, Hungary at top" included)."""
        return self._carrying[2]

    @property
    def passed_speakers(self) -> dict[int, str]:
        """The quote's speaker named last before each sentence, when the carried source is not it."""
        return self._carrying[1]

    @cached_property
    def _carrying(self) -> tuple[dict[int, Attribution | None], dict[int, str], dict[int, Attribution | None]]:
        out: dict[int, Attribution | None] = {}
        passed: dict[int, str] = {}
        sections: dict[int, Attribution | None] = {}
        current: Attribution | None = None
        section: Attribution | None = None  # current, until a heading puts back the lead's source
        lead: Attribution | None = None
        speaker: str | None = None
        introduced = False  # the lines after a sentence ending on a colon ("X reported the following:") are its
        for segment in self.segments:
            if segment.heading and not introduced:
                section = lead
            elif not segment.heading:
                introduced = self.flat[segment.start:segment.end].rstrip().endswith(":")
            out[segment.start], sections[segment.start] = current, section
            if speaker is not None:
                passed[segment.start] = speaker
            named = [a for a in self.stated.get(segment.start, [])
                     if not a.anaphor and not segment.heading and not self._of_a_number(a)]
            if named and (self._speaker_of_quote(segment, named[-1]) or unnamed(named[-1])
                          or ROLE_AFTER.match(self.flat, named[-1].end)):
                speaker = named[-1].said_by  # speaks for its own sentence only (a quote's, a spokesperson's)
            elif named:  # a headline's "Reported By X" is the page's summary, not the body's source
                current, speaker = named[-1], None
                if len(named) > 1 and self._relaying(named[-1], segment.end) is not None:
                    current = named[-2]  # "X said ..., Y reported.": what follows goes on with X's statement
                section = current
                lead = current if lead is None and segment.paragraph < LEAD_PARAGRAPHS else lead
        return out, passed, sections

    def _relayed_by(self, a: Attribution) -> str | None:
        """The outlet closing the sentence of a source's statement as its relay, if one does."""
        start, end = self.sentence_of(a.start)
        last = next((b for b in reversed(self.stated.get(start, [])) if not b.anaphor), None)
        return last.said_by if last is not None and last.start > a.end and self._relaying(last, end) is not None else None

    def _speaker_of_quote(self, segment: Segment, a: Attribution) -> bool:
        """Whether the sentence's source is the speaker of a quote it gives ("'We are ...,' said X.",
        'X said: "..."'): X speaks for the quote, not for the unquoted sentences after it."""
        sentence = self.flat[segment.start:segment.end]
        opened = QUOTE_OPEN.match(sentence)
        if opened is not None and QUOTE_CLOSE.search(self.flat, segment.start + opened.end(), a.start):
            return True
        before = self.flat[segment.start:a.start]
        closed = QUOTE_CLOSED_BEFORE.search(before) if opened is None else None
        if closed is not None and ("“" not in before if before[closed.start()] == "”" else before.count('"') % 2):
            return True  # a quote of several sentences: its speaker follows its last one
        return QUOTE_AFTER.match(self.flat, a.end, segment.end) is not None

    @cached_property
    def acting(self) -> dict[int, Attribution | None]:
        """The organisation last named as a sentence's subject before each sentence ("UNHCR
        published its report. The agency said ..."): what an anaphor stands for when no source was
        named by a reporting verb. Only anaphors use it: a plain sentence after it is not its."""
        out: dict[int, Attribution | None] = {}
        current: Attribution | None = None
        for segment in self.segments:
            out[segment.start] = current
            if segment.heading:
                continue
            named = [a for a in self.stated.get(segment.start, []) if not a.anaphor]
            m = SUBJECT_NAME.match(self.flat, segment.start, segment.end)
            if named:
                current = named[-1]
            elif m is not None:
                who = m.group("who")
                current = Attribution(who, match_actor(who, self.lexicon.actors), start=m.start("who"),
                                      end=m.end("who"))
        return out

    def named_later_in_paragraph(self, f: Found) -> Attribution | None:
        """The source the next sentence of the paragraph names ("X rose to 5. It was 7 in May,
        according to Z")."""
        i = bisect.bisect_right(self.sentence_starts, f.number_start) - 1
        for segment in self.segments[max(i, 0):i + 2]:
            if segment.paragraph != f.paragraph:
                break
            later = segment.start > f.number_start
            named = [a for a in self.stated.get(segment.start, []) if not a.anaphor and a.start >= f.number_end
                     and not self._qualifies_a_number(a, max(segment.start, f.number_end))
                     and not self._heading_between(f.number_end, a.start)]
            own = [a for a in named if not later or not (self._speaker_of_quote(segment, a)
                                                         or self._opens_its_own(segment, a))]
            if own:  # a quote's speaker after it speaks for the quote, not for the sentence before it
                return own[0]
            if named:
                self.passed_later[f.start] = named[0].said_by
        return None

    def _opens_its_own(self, segment: Segment, a: Attribution) -> bool:
        """Whether a sentence names its source before its numbers, none before it but dates ("As of March
        6, X reported 1,207 ...", "According to Y, these included 125,000"): it opens a statement of its
        own, not the close of the sentence before it ("..., according to the July report.")."""
        before, after = (DATE_PARTS.sub("", self.flat[x:y]) for x, y in ((segment.start, a.start), (a.end, segment.end)))
        return NUMBER.search(before) is None and NUMBER.search(after) is not None

    def _of_a_number(self, a: Attribution) -> bool:
        """Whether an attribution is a passive "registered by X" right after a number ("5.3 million
        refugees registered by UNRWA"): whose count that number is, not a source for what follows."""
        return self._qualifies_a_number(a, max(0, a.start - PASSIVE_REACH))

    def _qualifies_a_number(self, a: Attribution, since: int) -> bool:
        """Whether an attribution is a passive "registered by X" after a number other than the one
        read from ``since`` on: it tells whose count that number is, not the others'."""
        return bool(PASSIVE_BY.search(self.flat, max(0, a.start - PASSIVE_VERB_REACH), a.start)
                    and NUMBER.search(self.flat, since, a.start))

    def own_attribution(self, f: Found) -> tuple[Attribution | None, str | None]:
        """The attribution of the figure's own clause: the last one named before its number, else the
        first after it. An anaphor ("it", "the agency") stands for the source named before, which
        the second item then says."""
        found = self.stated.get(f.sentence[0], [])
        before = [a for a in found if a.end <= f.number_start and not self._of_a_number(a)]
        chosen = before[-1] if before else next((a for a in found if a.start >= f.number_end), None)
        if before and self._closes_clause(before[-1], f):
            return None, CLAUSE_CLOSED + f" (not {before[-1].said_by}, whose \"according to\" closes the clause before)"
        if chosen is not None and not before and self._qualifies_a_number(chosen, f.number_end):
            chosen = None  # "... 5.2 million refugees registered by UNRWA" qualifies its own number only
        if chosen is not None and not before and self._heading_between(f.number_end, chosen.start):
            return None, f"{HEADED_APART} (not {chosen.said_by}, named after a heading in capitals that opens another passage)"
        relay = self._relay(found, chosen, f.sentence[1]) if chosen is not None else None
        if relay is not None:
            return relay, None
        lead = self.flat[f.sentence[0]:chosen.start if chosen is not None else f.number_start]
        author = self.author(f.start)
        ours = OUR_SOURCE.search(self.flat, f.sentence[0], f.number_start) if not before and author else None
        if ours is not None and author and (chosen is None or not _inside_quote(self.flat, f.sentence[0], ours.start())):
            # "According to our count, 412", "our best estimate is that ... $64,370 — what X says"; not a
            # quoted speaker's '"Our count is 500," said X'
            return author.said_by, f"the document's author (\"{ours.group(0)}\"{author.aside})"
        if chosen is not None and chosen.anaphor and (chosen.said_by.lower() in FIRST_PERSON
                                                      or chosen.said_by.lower().startswith(("our ", "my "))
                                                      or OUR_BEFORE.search(lead)):
            quoted = _inside_quote(self.flat, f.sentence[0], chosen.start)
            after = next((a for a in found if a.start >= f.number_end and not a.anaphor), None)
            if quoted:  # "'We counted 500,' said X", 'X said: "We counted 500"': X
                speaker = after or next((a for a in reversed(before) if not a.anaphor), None)
                if speaker is not None:
                    return speaker, None
            elif author:  # "The numbers I gave": the document's author
                return author.said_by, f"the document's author (\"{chosen.said_by}\"{author.aside})"
            else:  # the author, unnamed: never the source named before
                return None, UNNAMED_AUTHOR
        if chosen is not None and chosen.anaphor:
            named = [a for a in before if not a.anaphor]
            resolved = named[-1] if named else (self.carried.get(f.sentence[0]) or self.acting.get(f.sentence[0]))
            head = self._named_by_its_noun(chosen, f.sentence[0], resolved)
            if head is not None:
                return head, f"\"{chosen.said_by}\" stands for the source named before it whose name holds its noun " \
                             f"(not {resolved.said_by if resolved else None})"
            if resolved is not None:
                return resolved, f"\"{chosen.said_by}\" stands for the source named before it"
        return chosen, None

    def _heading_between(self, start: int, end: int) -> bool:
        """Whether a heading in capitals stands between two offsets of one sentence (a flattened page)."""
        return any(len(re.sub(r"\W", "", m.group(0))) >= 10 for m in CAPS_HEADING.finditer(self.flat, start, end))

    def _named_by_its_noun(self, anaphor: Attribution, sentence: int, resolved: Attribution | None) -> Attribution | None:
        """For "the ministry", "the agency": the source named last before whose name holds that noun, when
        the one named last does not ("the country's interior ministry" ... "rights group X" ... "the
        ministry added": the ministry, not X); None when the last one holds it or none before does."""
        m = DEFINITE_NOUN.fullmatch(anaphor.said_by.lower())
        if m is None or resolved is None or m.group(1) in resolved.said_by.lower():
            return None
        i = bisect.bisect_left(self.sentence_starts, sentence)
        for start in reversed(self.sentence_starts[max(0, i - ANAPHOR_REACH):i]):
            for a in reversed(self.stated.get(start, [])):
                if m.group(1) in a.said_by.lower():
                    return replace(a, anaphor=False)  # "the ministry said" before, unnamed: the same one
        return None

    def _closes_clause(self, a: Attribution, f: Found) -> bool:
        """Whether ``a`` is an "according to" phrase closing a clause before the one holding the number."""
        return CLOSING_ACCORDING.search(self.flat, f.sentence[0], a.start) is not None \
            and NEXT_CLAUSE.match(self.flat, a.end, f.number_start) is not None

    def _relay(self, found: list[Attribution], chosen: Attribution, end: int) -> Attribution | None:
        """An outlet that relays the whole sentence, another source's statement in it ("..., the health
        ministry said on Wednesday, Trend reports citing TASS.", "..., the UN announced today, ...,
        Agence France-Presse reported."): the reporter closing the sentence, citing the source named
        inside it unless it names whom it cites."""
        last = found[-1] if found else None
        closing = self._relaying(last, end) if last is not None else None
        if last is None or closing is None or last is chosen or last.anaphor or last.start <= chosen.end:
            return None
        if last.via:
            return last
        if closing:
            via = closing.strip()
            return replace(last, via=via, via_actor=match_actor(via, self.lexicon.actors))
        return replace(last, via=chosen.said_by, via_actor=chosen.actor)

    def _relaying(self, last: Attribution, end: int) -> str | None:
        """Whether the sentence's last source closes it as the outlet relaying it: "..., Trend reports
        citing TASS." (whom it cites, "TASS") or "..., reported Al Arabiya." ("": none named); None
        when it does not."""
        closing = RELAYED_AFTER.match(self.flat, last.end, end)
        if closing is not None:
            return closing.group("via") or ""
        inverted = RELAYED_BEFORE.search(self.flat, max(0, last.start - 16), last.start) \
            and RELAYED_END.match(self.flat, last.end, end)
        return "" if inverted else None

    @cached_property
    def sources(self) -> dict[str, CitedSource]:
        """The source each citation entry names (one lookup per entry)."""
        return {**{key: match_source(entry, self.lexicon) for key, entry in self.notes.entries.items()},
                **(self.linked.sources if self.linked is not None else {})}

    def figures(self) -> list[Found]:
        numbers = find_numbers(self.clean)
        pages = _page_numbers(numbers, self.clean)
        headers = _running_header_pages(numbers, self.clean, self.flat_title)
        contents = contents_pages(self.clean)
        reasons = {m.start: "page number" if m.start in pages else "page number of a running header"
                   if m.start in headers else "page in a table of contents"
                   if m.start in contents else exclusion(m, self.clean) for m in numbers}
        mentions = [m for m in numbers if reasons[m.start] is None]
        found = [f for f in (self.figure(low, high) for low, high in _ranges(mentions, self.clean)) if f]
        found, unreported = self.without_unreported(found)
        self.not_figures = [*((m.start, m.end, why) for m in numbers if (why := reasons[m.start]) is not None),
                            *unreported]
        found = self.without_shares_in_words(self.without_mentions(self.without_callouts(found)))
        self.list_citations(found)
        self.carry_citations(found)
        self.signed_cells(found)
        found = self.without_repeats(self.without_lead_restatements(self.without_title_restatements(found)))
        for part, total in parts_and_totals(self.clean, found):
            found[part].part_of = total
        self.parts_of_restated(found)
        self.subjects(found)
        self.measure_all(found)
        self.reporters_and_periods(found)
        for f in found:  # a marker whose entry the excerpt lacks: kept, and said
            missing = [n for n in f.citations if n not in self.notes.entries and n not in self.sources]
            if missing:
                f.infer("missing note", f"the entry of footnote {', '.join(missing)} is not in the text")
        self.attributed_citations(found)
        return found

    def figure(self, m: Mention, high: Mention | None) -> Found | None:
        before = self.clean[max(0, m.start - 25):m.start]
        q = _QUALIFIER.search(before)
        if high is not None:
            qualifier = "range"
        else:
            qualifier = "order-of-magnitude" if m.magnitude else (dict(QUALIFIERS)[q.group(1).lower()] if q else "exact")
        window = max(0, m.start - 10)
        between = BETWEEN_BEFORE.search(self.clean[window:m.start]) if high else None
        if high:
            start = window + between.start() if between else m.start
        else:
            start = m.start - len(before) + q.start(1) if q else m.start
        number_end = high.end if high else m.end
        try:
            if high:
                lower, upper = bounds.derive("range", m.value, m.rounding, m.value, high.value)
            elif m.fraction:
                lower, upper = _fraction_bounds(qualifier, m)
            else:
                lower, upper = bounds.derive(qualifier, m.value, m.rounding)
        except bounds.BoundsError:
            return None
        value = (m.value + high.value) / 2 if high else m.value
        begin, finish = self.sentence_of(m.start)
        if number_end > finish:  # "20.7⏎⏎million refugees": a PDF's number and its scale apart
            finish = self.sentence_of(number_end - 1)[1]
        sentence = (begin, _with_markers(finish, self.notes.markers, self.marker_starts))
        end = _quote_end(self.clean, number_end, sentence[1])
        notes = [r.number for r in _between(self.notes.markers, self.marker_starts, number_end, sentence[1])]
        if m.footnote:
            notes.insert(0, m.footnote)
        if self.linked is not None:
            notes += [k for k in self.linked.within(*sentence) if k not in notes]
        return Found(start, end, self.text[start:end], self.text[start:number_end], value, qualifier, lower, upper,
                     m.percent, notes, sentence, rounding=m.rounding, number_start=m.start, number_end=number_end,
                     paragraph=self.paragraph(m.start), currency=m.currency,
                     page=self.document.page_of(m.start) if self.document is not None else None)

    def signed_cells(self, found: list[Found]) -> None:
        """A table's cell with a minus sign before it ("-10%" in a column of changes) is negative."""
        for f in found:
            sign = self.clean[max(0, f.number_start - 1):f.number_start]
            if sign in ("-", "\u2212") and f.lower is not None and f.upper is not None \
                    and self.column_of(f) is not None:
                f.value, f.lower, f.upper = -f.value, -f.upper, -f.lower
                f.infer("value", "a minus sign before a table's cell")

    def parts_of_restated(self, found: list[Found]) -> None:
        """"Of those 12,000, about 3,100 were women": a part of the figure the sentence restates
        (the restatement itself is a mention, not a figure)."""
        for i, f in enumerate(found):
            if f.part_of is not None or f.percent:
                continue
            m = RESTATED_TOTAL.match(self.clean, f.sentence[0], f.number_start)
            if m is None:
                continue
            restated = Decimal(re.sub(r"[^\d.]", "", m.group("n")))
            j = next((j for j in range(i - 1, -1, -1) if found[j].value == restated and not found[j].percent), None)
            if j is not None:
                f.part_of = j

    def without_unreported(self, found: list[Found]) -> tuple[list[Found], list[tuple[int, int, str]]]:
        """Numbers their sentence shows are no count of the world, set aside with the reason (the
        figures kept, and those set aside as ``not_figures`` lists them), as the exclusion rules set
        numbers aside: a small count in a sentence about the text itself (``OWN_SCOPE``), a threshold
        that defines a class of places or people (``CLASS_THRESHOLD``)."""
        kept = []
        aside = []
        for f in found:
            why = None
            if not f.percent and f.currency is None and f.value <= SCOPE_COUNT \
                    and OWN_SCOPE.match(self.clean, f.sentence[0], f.number_start) \
                    and not WORLD_COUNT_AFTER.match(self.clean, f.number_end):
                why = "the text's own scope"
            elif CLASS_THRESHOLD.search(self.clean, max(f.sentence[0], f.number_start - THRESHOLD_REACH), f.number_start):
                why = "threshold defining a class"
            if why is not None:
                aside.append((f.number_start, f.number_end, why))
                continue
            kept.append(f)
        return kept, aside

    def without_mentions(self, found: list[Found]) -> list[Found]:
        """A figure stated again is a mention, not a second figure: a heading or a highlight that the
        body states in full ("Thousands of soldiers leave" over "about 3 400 soldiers left"), a
        later "of those 12,000", "these 65.3 million" or "35.3 million of 108.4" (what reads back to a
        figure already stated, the last two with its digits), and a list or an infographic's short line
        restating a count already stated ("1. Turkey (1.59 million)")."""
        kept: list[Found] = []
        headings = [self._heading(f) for f in found]
        seen: set[Decimal] = set()
        in_prose: set[Decimal] = set()  # values stated in full sentences, which a list or a chart restates
        stated: dict[str, Found] = {}  # the digits of the distinctive numbers stated so far
        for i, f in enumerate(found):
            digits = re.sub(r"\D", "", self.clean[f.number_start:f.number_end])
            pointed = stated.get(digits) if POINTING_BACK.search(
                self.clean[max(0, f.number_start - POINTING_REACH):f.number_start]) else None
            if pointed is not None and pointed.percent == f.percent:
                pointed.infer("restated", f"pointed back to later: "
                                          f"\"{self.clean[max(0, f.number_start - 12):f.number_end].strip()}\"")
                continue
            if digits and _significant(f.value) >= 3 and not f.percent:
                stated.setdefault(digits, f)
            ahead = found[i + 1:i + 1 + RESTATED_WITHIN]  # a heading's body follows it closely
            if headings[i] and self._headed(f, ahead, headings[i + 1:i + 1 + RESTATED_WITHIN]) is not None:
                continue  # the statement it heads counts (and is seen) in its place
            if (f.value in seen and REPEATED.search(self.clean[max(0, f.start - 12):f.start])) or (
                    f.value in in_prose and (f.value >= 10 or f.value != int(f.value)) and self._in_short_line(f)
                    and self.column_of(f) is None):  # a table's cell is its own figure
                continue
            seen.add(f.value)
            if not headings[i]:
                in_prose.add(f.value)
            wordless, cell = self._wordless(f)
            if wordless:
                continue
            if cell is not None:
                f.infer("figure", cell)
            kept.append(f)
        return kept

    def without_shares_in_words(self, found: list[Found]) -> list[Found]:
        """A share in words that its sentence states as a percentage next to it ("Nearly half of all
        casualties, namely 45%", "Almost half, 46 per cent, of all IDPs", "51% Children ...
        constituted about half", "seven in 10 (71%)") is a mention of it: the percentage is the figure."""
        kept = []
        percentages: dict[tuple[int, int], list[Found]] = {}  # by sentence, in the text's order
        for g in found:
            if g.percent:
                percentages.setdefault(g.sentence, []).append(g)
        for f in found:
            written = self.clean[f.number_start:f.number_end]
            stated = next((g for g in percentages.get(f.sentence, ())
                           if abs(g.value / 100 - f.value) <= SHARE_SAID_AGAIN
                           and max(g.number_start - f.number_end, f.number_start - g.number_end) <= SHARE_NEAR), None) \
                if not f.percent and 0 < f.value < 1 and (FRACTION.search(written) or RATIO.match(written)) else None
            if stated is not None:
                stated.infer("restated", f"\"{written}\" in its sentence says the same share in words")
                continue
            kept.append(f)
        return kept

    def without_lead_restatements(self, found: list[Found]) -> list[Found]:
        """A figure the document's lead states (its first paragraphs: title, standfirst, highlights, a
        caption) and its body states again, as precisely or more, in a sentence about the same
        thing ("UN agency says 7.26 million people have fled" over "..., 7.26 million people have
        fled their homes, adding to ..."): the body's statement is the figure, the lead's a summary
        of it, whatever names the two give its source."""
        dropped: set[int] = set()
        detailed: dict[tuple[int, int], int] = {}  # a lead's sentence -> the body's paragraph restating it
        # the body's statements by their number: one that restates a lead's with the same digits or
        # more is within half the lead's rounding unit of it (``_restates``, ``_same_digits``)
        body_values = _Values([g for g in found if g.paragraph >= LEAD_PARAGRAPHS])
        for f in found:
            if f.paragraph >= LEAD_PARAGRAPHS or f.qualifier == "order-of-magnitude" or not self._distinctive(f) \
                    or self._sentences_on_line(f.number_start) > LEAD_SENTENCES:
                continue
            body = next((g for g in body_values.near(f.percent, f.value, f.rounding / 2)
                         if _restates(f, g) and self._same_digits(f, g) and not self._thin(g) and self._said_alike(f, g)
                         and self._shares_words(f, g) and not self._other_report(f, g)), None)
            if body is not None:
                dropped.add(id(f))
                detailed[f.sentence] = body.paragraph
                body.infer("restated", "stated first in the document's lead, which this statement details")
        first_in_paragraph: dict[tuple[int, Decimal, bool], Found] = {}  # each number's first statement in a paragraph
        for g in reversed(found):
            first_in_paragraph[(g.paragraph, g.value, g.percent)] = g
        for f in found:  # the lead sentence's other numbers that the same body paragraph states again
            paragraph = detailed.get(f.sentence)
            again = first_in_paragraph.get((paragraph, f.value, f.percent)) \
                if paragraph is not None and id(f) not in dropped else None
            if again is not None:
                dropped.add(id(f))
                again.infer("restated", "stated first in the document's lead, which this statement details")
        return [f for f in found if id(f) not in dropped]

    @cached_property
    def title_line(self) -> tuple[int, int] | None:
        """Where the document's title stands: its first line, when that line reads as a title (no
        final full stop, at most TITLE_WORDS words), whether or not a sentence follows on the next
        line without a blank line between."""
        given = self._given_title_line()
        if given is not None:
            return given
        m = re.search(r"\S[^\n]*", self.clean)
        if m is None or re.search(r"[.!?:;,]\s*$", m.group(0)) or len(m.group(0).split()) > TITLE_WORDS:
            return None
        return m.start(), m.end()

    def _given_title_line(self) -> tuple[int, int] | None:
        """The line, among the text's first TITLE_REACH characters, that is the document's given title
        (its words, as its user or its metadata gives them), after a page's menus or a PDF's datasheet."""
        wanted = _title_words(self.flat_title)
        if len(wanted) < 3:
            return None
        for m in re.finditer(r"[^\n]+", self.clean[:TITLE_REACH]):
            if _title_words(typographic(m.group(0))) == wanted:
                return m.start(), m.end()
        return None

    def without_title_restatements(self, found: list[Found]) -> list[Found]:
        """A figure the document's title states and a later line states again with the same digits,
        in a sentence that shares a word with the title ("death toll rises to 65 - Health Ministry"
        over "At least 65 people ... have been killed in ... the Gaza Strip"): the body's statement is
        the figure, the title a mention of it."""
        if self.title_line is None:
            return found
        begin, end = self.title_line
        title_words = _content_words(self.clean[begin:end])
        dropped: set[int] = set()
        for f in found:
            if not begin <= f.number_start < end or (f.value < 10 and f.value == int(f.value) and not f.percent):
                continue
            body = next((g for g in found if g.number_start > end and _restates(f, g) and self._same_digits(f, g)
                         and not self._thin(g)
                         and title_words & _content_words(self.clean[g.sentence[0]:g.sentence[1]])), None)
            if body is not None:
                dropped.add(id(f))
                body.infer("restated", "the document's title states it first; this statement details it")
        return [f for f in found if id(f) not in dropped]

    def without_callouts(self, found: list[Found]) -> list[Found]:
        """An infographic's callout right before the sentence that states its number ("24 PERSONS EVERY
        MINUTE On average 24 people ...", "12.4 million An estimated 12.4 million people ...", a table's
        "29" before "29 worshippers were killed"): the same number again within a few words, with no
        other number between, and what is between is no label of a row of its own ("Pakistan 1.4
        million Uganda 1.4 million" are two rows)."""
        dropped: set[int] = set()
        for f, g in pairwise(found):
            between = self.clean[f.number_end:g.number_start]
            if g.value != f.value or g.percent != f.percent or len(between) > CALLOUT_REACH or NUMBER.search(between) \
                    or (f.value < 10 and f.value == int(f.value) and not f.percent):
                continue
            if not between.strip() or (between.lstrip()[:1].isupper() and re.search(r"\b[a-z]{3,}", between)):
                dropped.add(id(f))
                g.infer("restated", "a callout of the same number stands right before this statement")
        return [f for f in found if id(f) not in dropped]

    @cached_property
    def line_breaks(self) -> list[int]:
        """Where the text's line breaks stand, in order."""
        return [m.start() for m in re.finditer("\n", self.clean)]

    def _sentences_on_line(self, at: int) -> int:
        """How many sentences the line holding ``at`` has (its ends by a bisect: a long line is not
        read again for each number on it)."""
        i = bisect.bisect_left(self.line_breaks, at)
        begin = self.line_breaks[i - 1] + 1 if i > 0 else 0
        end = self.line_breaks[i] if i < len(self.line_breaks) else len(self.clean)
        return bisect.bisect_left(self.sentence_starts, end) - bisect.bisect_right(self.sentence_starts, begin - 1)

    def _said_alike(self, f: Found, g: Found) -> bool:
        """Whether a number common enough to recur ("37%", "70 percent": neither qualified nor of three
        significant digits) is followed by the same words in both statements ("70 percent of those
        displaced"): the same statement, not another count that happens to share the number."""
        if f.qualifier != "exact" or _significant(f.value) >= 3:
            return True
        words = [re.findall(r"[a-z]+", self.clean[x.number_end:x.number_end + SAID_ALIKE].lower())[:3] for x in (f, g)]
        return len(words[0]) == 3 and words[0] == words[1]

    def _other_report(self, lead: Found, g: Found) -> bool:
        """Whether a lead's statement is a report of its own, not a summary of the body's: it names
        its source by name ("The Ministry of Defence said ... 684") and the body's statement stands
        on citations or on a source of another name. A summary names its source loosely or not at
        all ("UN agency says 7.26 million"), and two sources agreeing are two figures."""
        mine = self.own_attribution(lead)[0]
        if mine is None or mine.anaphor or not _named(mine.said_by):
            return False
        if g.citations:
            return True
        theirs = self.own_attribution(g)[0]
        if theirs is None or theirs.anaphor or not _named(theirs.said_by):
            return False
        a, b = self._source_key(mine), self._source_key(theirs)
        return a not in b and b not in a

    def _source_key(self, a: Attribution) -> str:
        """Who an attribution names, one key for its names: the matched actor, an organisation the
        text defines with its acronym ("the International Organization for Migration (IOM)", "the
        IOM"), else its name as written, folded."""
        if a.actor is not None:
            return a.actor
        name = re.sub(r"^the\s+|\s*\([^)]*\)\s*$", "", a.said_by.strip(), flags=re.IGNORECASE)
        defined = self.organisations.get(name.lower())
        return defined.id if defined is not None else name.casefold()

    def _same_digits(self, f: Found, g: Found) -> bool:
        """Whether g writes f's number with the same digits, or more of them ("24 percent" and "24.1
        percent", "5.25 million" and "about 5.25 million"); numbers in words: the same value."""
        mine, theirs = (re.sub(r"\D", "", self.clean[x.number_start:x.number_end]) for x in (f, g))
        if not mine or not theirs:
            return f.value == g.value
        return theirs.startswith(mine) and g.rounding <= f.rounding

    def without_repeats(self, found: list[Found]) -> list[Found]:
        """The same count of the same thing stated twice is one figure: the statement with the most
        behind it (an attribution, citations, then the longer sentence) is kept; an exact, unround
        number said again in the same or the next paragraph is the first statement again, and so is a
        count said again with the same words around it (``_said_again``)."""
        groups: dict[tuple[Decimal, bool, str], list[Found]] = {}
        for f in found:
            counted = counted_words(self.clean[f.number_end:f.sentence[1]]) or ""
            if f.value >= 10 and counted:
                groups.setdefault((f.value, f.percent, counted), []).append(f)
        dropped: set[int] = set()
        precise: dict[tuple[Decimal, bool], Found] = {}
        for f in found:  # "465 and 2,012 ... 'in Q2 was 2,012'": an exact, unround count said again nearby
            if f.qualifier != "exact" or f.value < 100 or _significant(f.value) < 3 or 1900 <= f.value <= 2100:
                continue
            first = precise.setdefault((f.value, f.percent), f)
            if first is not f and f.sentence != first.sentence and f.paragraph - first.paragraph <= 1 \
                    and self._backing(f) in (None, self._backing(first)):
                dropped.add(id(f))
        said: dict[tuple[Decimal, bool, str], list[Found]] = {}
        for f in found:  # "some 87,000", "65.3 million", "1 in 10", "63%" said again: the same figure
            if self._distinctive(f):
                written = re.sub(r"\s+", " ", self.clean[f.start:f.number_end].lower())
                said.setdefault((f.value, f.percent, written), []).append(f)
        for group in said.values():
            first = min(group, key=lambda g: (self._heading(g), g.start))  # the first statement in the body
            again = [g for g in group if g is not first and g.sentence != first.sentence
                     and self._backing(g) in (None, self._backing(first)) and (self._thin(g) or self._thin(first))]
            if again:
                dropped.update(id(g) for g in again)
                first.infer("restated", "the same number, as written, stated again elsewhere in the text")
        for group in groups.values():
            if len({g.sentence for g in group}) < 2:
                continue
            best = max(group, key=self._weight)
            again = [g for g in group if g is not best and g.sentence != best.sentence
                     and self._backing(g) in (None, self._backing(best)) and not self._told_apart(best, g)]
            if again:
                dropped.update(id(g) for g in again)
                best.infer("restated", "the same count of the same thing stated again elsewhere")
        by_value: dict[tuple[Decimal, bool], list[Found]] = {}  # the figures before, by their number
        for g in found:  # "the total to 38 staff killed since 7 October" ... "Since 7 October, 38 UNRWA
            if id(g) in dropped or g.value < SAID_AGAIN_FROM:  # colleagues were killed": the count said again
                continue
            kept = by_value.setdefault((g.value, g.percent), [])  # its statements kept so far, in order
            at = next((i for i in range(len(kept) - 1, max(len(kept) - SAID_AGAIN_WINDOW, 0) - 1, -1)
                       if self._said_again(kept[i], g)), None)  # the latest first: linear in the text
            if at is None:
                kept.append(g)
                continue
            earlier = kept[at]  # the one with an attribution or citations the other lacks, else the first
            keep, repeat = (earlier, g) if self._weight(earlier)[:2] >= self._weight(g)[:2] else (g, earlier)
            dropped.add(id(repeat))
            keep.infer("restated", "the same count said again elsewhere with the same words around it")
            if keep is g:
                del kept[at]
                kept.append(g)
        return [f for f in found if id(f) not in dropped]

    def _weight(self, f: Found) -> tuple[bool, bool, int, int]:
        """What makes one of two statements of a figure the one kept: an attribution, citations, then
        the longer sentence, then the earlier."""
        own = self.own_attribution(f)[0]  # an unnamed source ("a security source") weighs no more than none
        return (own is not None and not unnamed(own), bool(f.citations), f.sentence[1] - f.sentence[0], -f.start)

    def _said_again(self, f: Found, g: Found) -> bool:
        """Whether g, later, states f's count again: the same number in another sentence, with at least
        SAID_AGAIN_WORDS content words of their clauses in common ("been", "killed", "since", "October"),
        not told apart by place or time, and no other source behind it; not a table's cell, and not a
        multiple and a count ("$64,370 — 12 times what ..." and "about 12 refugees can be helped")."""
        if g.value != f.value or g.percent != f.percent or g.sentence == f.sentence \
                or self._backing(g) not in (None, self._backing(f)) \
                or bool(TIMES_AFTER.match(self.clean, f.number_end)) != bool(TIMES_AFTER.match(self.clean, g.number_end)):
            return False
        if len(self._clause_words(f) & self._clause_words(g)) < SAID_AGAIN_WORDS \
                or self.column_of(f) is not None or self.column_of(g) is not None:
            return False
        return not self._told_apart(f, g)

    def _told_apart(self, f: Found, g: Found) -> bool:
        """Whether two statements of the same number are about different places or times: their
        sentences name places, none the same, or their clauses years or months, none the same ("12
        killed in Kassala" and "12 killed in Gedaref", "in 2023" and "in 2024")."""
        return any(named[0] and named[1] and not named[0] & named[1]
                   for named in ([self._places(x) for x in (f, g)], [self._dates(x) for x in (f, g)]))

    def _clause_bounds(self, f: Found) -> tuple[int, int]:
        """The words around a figure's number in its sentence (CLAUSE_BEFORE, CLAUSE_AFTER characters)."""
        return max(f.sentence[0], f.number_start - CLAUSE_BEFORE), min(f.sentence[1], f.number_end + CLAUSE_AFTER)

    def _clause_words(self, f: Found) -> set[str]:
        begin, end = self._clause_bounds(f)
        return _content_words(self.clean[begin:f.number_start] + " " + self.clean[f.number_end:end])

    def _dates(self, f: Found) -> set[str]:
        """The years and months a figure's clause names."""
        begin, end = self._clause_bounds(f)
        return {w.lower() for w in DATE_WORD.findall(self.clean, begin, end)}

    def _places(self, f: Found) -> set[str]:
        """The places a figure's sentence names."""
        return {n.id for n in self.names_in(f.sentence) if n.kind == "place"}

    def _thin(self, f: Found) -> bool:
        """A statement that restates rather than reports: a heading, a short line of an infographic
        or a list's item ("1. In July some 87,000 ...")."""
        start = line_start(self.clean, f.number_start)
        item = start is not None and BULLET_LINE.match(self.clean, start) is not None
        return item or self._heading(f) or self._in_short_line(f)

    def _distinctive(self, f: Found) -> bool:
        """Whether a number as written is unlikely to recur for another count in the same text: three
        significant digits or more ("65.3 million"), a qualifier ("some 87,000", "at least 100"), a
        share ("63%", "1 in 10"); not a small round count ("two", "25", "1.4 million"), a year or a
        table's cell (cells repeat values of other rows)."""
        if (f.currency is None and 1900 <= f.value <= 2100 and f.value == int(f.value)) or self.column_of(f):
            return False
        if f.percent or 0 < f.value < 1:
            return f.value >= 10 or f.value < 1
        return f.value >= 100 and (_significant(f.value) >= 3 or f.qualifier != "exact")

    def _backing(self, f: Found) -> tuple[str, ...] | None:
        """What a statement stands on, to tell a repeat from the same count from another source: its
        citations, else the source its own sentence names, one key for its names (``_source_key``: "the
        International Organization for Migration (IOM)" and "IOM" are one source); None for neither."""
        if f.citations:
            return tuple(f.citations)
        named = self.own_attribution(f)[0]
        return (self._source_key(named),) if named is not None and not unnamed(named) else None

    def _wordless(self, f: Found) -> tuple[bool, str | None]:
        """Whether a number's sentence says nothing else (a chart's axis, a counter, a page number)
        and it is neither a table's cell under a label nor an infographic's number over its label;
        and for a number kept as such a cell, the note that says so."""
        begin, end = f.sentence
        words = re.findall(r"[A-Za-z]{2,}", self.clean[begin:f.start] + self.clean[f.number_end:end])
        if words:
            return False, None
        before = max(begin - 1, 0)
        start = line_start(self.clean, before)
        previous = self.clean[start:before].strip() if start is not None else ""
        if _label(previous) and previous[:1].isupper():
            return self._axis(f, [f.value]) and ALONE_AFTER.match(self.clean, f.number_end) is not None, None
        if self.column_of(f) is not None:
            return False, "a cell of a table converted to one cell per line, under its label"
        following = line_after(self.clean, end) or ""
        return not (_label(following) and following.isupper()), None  # an infographic's "82.4 MILLION⏎FORCIBLY DISPLACED"

    def column_of(self, f: Found) -> Column | None:
        """The table column a figure's number is a cell of (``_column``), read once per number."""
        key = (f.number_start, f.number_end)
        if key not in self._columns:
            self._columns[key] = self._column(f)
        return self._columns[key]

    def _column(self, f: Found) -> Column | None:
        """A table converted from a PDF with one cell per line ("Eritrea⏎3,233⏎3,729⏎+15%"): a number
        alone on its line, after other lone numbers that follow a label line; with the header lines
        over the table's first row ("2014⏎2015⏎% change") and its caption. Evenly spaced numbers
        (0, 500, 1,000) are a chart's axis, not cells."""
        if not ALONE_AFTER.match(self.clean, f.number_end):
            return None
        *lines, own = self.clean[max(0, f.number_start - COLUMN_WINDOW):f.number_start].split("\n")
        if own.strip() not in ("", "+", "-", "\u2212"):
            return None
        run: list[Decimal] = []
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i].strip()
            cell = CELL.fullmatch(line)
            if cell is None:
                if not (_label(line) and (line[:1].isupper() or line[:1] == "%")):
                    return None
                if self._axis(f, [*reversed(run), f.value]):
                    return None
                header, caption = _table_top(lines[:i])
                return Column(line, len(run), header, caption)
            run.append(Decimal(re.sub(r"[^\d.]", "", cell.group(1)) or "0"))
            if len(run) >= COLUMN_CELLS:
                return None
        return None

    def _axis(self, f: Found, above: list[Decimal]) -> bool:
        """Whether the lone numbers of a column (``above``: those down to the figure's) and those
        under it are evenly spaced: a chart's axis (0, 500, 1,000), not a table's cells."""
        values = list(above)
        for line in self.clean[f.number_end:f.number_end + COLUMN_WINDOW].split("\n")[1:COLUMN_CELLS]:
            cell = CELL.fullmatch(line.strip())
            if cell is None:
                break
            values.append(Decimal(re.sub(r"[^\d.]", "", cell.group(1)) or "0"))
        return len(values) >= 3 and len({b - a for a, b in pairwise(values)}) == 1

    def column_period(self, column: Column) -> Period | None:
        """The period of a table's cell from its column's header: the year over it ("2015"), the
        years a "% change" column compares, or the year before and the year for a row of changes
        "from previous year"."""
        if column.index >= len(column.header):
            return None
        head = column.header[column.index]
        years = [int(h) for h in column.header[:column.index] if WRITTEN_YEAR.fullmatch(h)]
        if WRITTEN_YEAR.fullmatch(head):
            year = int(head)
            first = year - 1 if CHANGE_LABEL.search(column.label) else year
            return Period(head, date(first, 1, 1), date(year, 12, 31))
        if CHANGE_LABEL.search(head) and len(years) >= 2:
            return Period(head, date(years[-2], 1, 1), date(years[-1], 12, 31))
        return None

    def _words(self, f: Found) -> int:
        """How many words the figure's sentence has besides its number."""
        begin, end = f.sentence
        return len(re.findall(r"[A-Za-z]{2,}", self.clean[begin:f.start] + self.clean[f.number_end:end]))

    def _shares_words(self, heading: Found, g: Found) -> bool:
        """Whether a statement can be the one a heading restates: the heading says nothing but its
        number, or the two share a word ("3.7 MILLION REFUGEES HOSTED IN TURKEY", "Turkey hosted
        nearly 3.7 million refugees"); "Asia and the Pacific 1.4 million" is not "Pakistan (1.4 million)"."""
        head, body = self.clean[heading.sentence[0]:heading.sentence[1]], self.clean[g.sentence[0]:g.sentence[1]]
        words = _content_words(head)
        if not words or words & _content_words(body):
            return True  # the same number and year: "Courts detained 12,000 in 2024" over "12,000 detentions in 2024"
        return heading.value == g.value and bool(set(WRITTEN_YEAR.findall(head)) & set(WRITTEN_YEAR.findall(body)))

    def _headed(self, heading: Found, ahead: list[Found], headings: list[bool]) -> Found | None:
        """The statement among ``ahead`` (each with whether it is a heading too) that states the
        heading's number in full: a sentence sharing a word with it or writing it alike
        (``_said_as_headed``), a headline's order of magnitude over the next paragraph ("Thousands
        Flee"), or a heading after it that says the same with more words (``_fuller``)."""
        for g, head in zip(ahead, headings):
            if head:
                if g.value == heading.value and g.percent == heading.percent and self._fuller(g, heading):
                    return g
            elif _restates(heading, g):
                if self._shares_words(heading, g) or (heading.qualifier == "order-of-magnitude"
                                                      and g.paragraph == heading.paragraph + 1):
                    return g
                if self._said_as_headed(heading, g):
                    written = self.clean[heading.start:heading.number_end]
                    g.infer("restated", f"the heading's \"{written}\" states it first, with the same qualifier and digits")
                    return g
        return None

    def _said_as_headed(self, heading: Found, g: Found) -> bool:
        """Whether g states a heading's number as the heading writes it, qualifier and digits alike, and
        the number is distinctive ("Over 5,000 killed this year" over "... including more than 5,000
        since the start of 2023"): the same statement, though the two share no word."""
        return heading.qualifier == g.qualifier and self._distinctive(heading) and self._same_digits(heading, g)

    def _fuller(self, g: Found, f: Found) -> bool:
        """Whether g, a short line too, states f's figure with more words ("73%" then "73 per cent
        of refugees and", a PDF's broken line): not for small counts, which recur by chance."""
        return g.sentence != f.sentence and (f.value >= 10 or f.value != int(f.value)) and self._words(g) > self._words(f)

    def _in_short_line(self, f: Found) -> bool:
        return self._words(f) <= 4

    def _heading(self, f: Found) -> bool:
        segment = self.segment_of(f.number_start)
        return bool(segment and segment.heading)

    # -- context --------------------------------------------------------------------------
    def list_citations(self, found: list[Found]) -> None:
        """In a sentence stating several figures, a figure's markers are those right after it (up to
        the next figure) and those closing the sentence ("Chad (3 million),[4][5] Niger (1.2
        million), Mali (0.9 million).[9]": Chad 4, 5, 9; Niger 9: the markers after the last figure
        close the sentence)."""
        by_sentence: dict[int, list[Found]] = {}
        for f in found:
            by_sentence.setdefault(f.sentence[0], []).append(f)
        marker_numbers = {r.number for r in self.notes.markers}  # (once: the text's every marker)
        for figures in by_sentence.values():
            if len(figures) < 2:
                self.first_group(figures[0])
                continue
            end = figures[0].sentence[1]
            # after the last figure, unless the sentence goes on in lower case after them: "refugees and
            # migrants1 and affected host communities" is the last figure's marker, not the sentence's
            after = _between(self.notes.markers, self.marker_starts, figures[-1].number_end, end)
            closing = [r for r in after if not GOES_ON.match(self.clean, r.end)]
            # before the full stop ("fled abroad[6]."), closing markers are the last clause's: a figure
            # with markers of its own keeps to those; after it (".[9]") they close the whole sentence
            final = max(self.clean.rfind(p, figures[-1].number_end, end) for p in ".!?")
            for f, nxt in zip(figures, [*figures[1:], None]):
                stop = nxt.number_start if nxt is not None else end
                own = [r.number for r in _between(self.notes.markers, self.marker_starts, f.number_end, stop)]
                kept = [n for n in f.citations if n not in marker_numbers]  # glued digits
                shared = [r.number for r in closing if nxt is None or not own or r.start > final >= 0]
                f.citations = list(dict.fromkeys([*kept, *own, *shared]))

    def first_group(self, f: Found) -> None:
        """A sentence's one figure is backed by the bracketed references right after it, not by a later
        group that closes a clause of its own ("90 percent of the victims were civilians,[1][2]
        repeated as recently as 2014.[3]": 1 and 2), as a wiki cites clause by clause."""
        marks = [m for m in _between(self.notes.markers, self.marker_starts, f.number_end, f.sentence[1])
                 if self.text.startswith("[", m.start)]
        for a, b in pairwise(marks):
            if CLAUSE_AFTER_MARKS.match(self.clean[a.end:b.start]):
                first = {m.number for m in marks if m.start < b.start}
                later = {m.number for m in marks if m.start >= b.start} - first
                f.citations = [n for n in f.citations if n not in later]
                f.infer("citations", "the first group of markers after the figure, not a later clause's")
                return

    def carry_citations(self, found: list[Found]) -> None:
        """An uncited figure takes the citations its context gives (``context_citations``), and the
        rule that gave them is listed for the reviewer."""
        with_figures = {f.sentence[0] for f in found}
        for f in found:
            start = line_start(self.clean, f.number_start)
            if start is not None and INFOBOX_FIELD.match(self.clean, start):
                continue  # an infobox's count glued to its label stands alone: another field's markers are not its
            if not f.citations:
                carried = self.context_citations(f, with_figures)
                if carried is not None:
                    f.citations = carried[0]
                    f.infer("citations", carried[1])

    def context_citations(self, f: Found, with_figures: set[int]) -> tuple[list[str], str] | None:
        """The markers an uncited figure's context gives it, with the rule, first that applies: those
        its own sentence has before the number ("The first survey[1] ... estimated 98,000"); those
        of a short lead opening its paragraph; of the caption over its table or box; of the next
        marked sentence of its paragraph when that one continues it ("Furthermore", "also") or
        when the sentences up to it state no figure of their own; the only footnotes of its
        paragraph, closing it. A number glued inside the sentence (``inside_sentence``) is not a later figure's."""
        earlier = [r.number for r in _between(self.notes.markers, self.marker_starts, f.sentence[0], f.number_start)
                   if not self.inside_sentence(r)]
        if earlier:
            return list(dict.fromkeys(earlier)), "the markers its sentence has before the number"
        lead = self.lead_markers(f, with_figures)
        if lead:
            return lead, "the markers of the short lead its paragraph opens with"
        caption = self.caption_markers(f)
        if caption:
            return caption, "the markers of the caption over its table or box"
        listed = self.colon_list_markers(f)
        if listed:
            return listed, "the footnote closing the list its item is in"
        first = bisect.bisect_left(self.sentence_starts, f.sentence[1])
        later = self.sentences[first:first + 4]  # (the next four: no copy of the rest of the list)
        for k, sentence in enumerate(later):
            if self.paragraph(sentence[0]) != f.paragraph:
                break
            span = (sentence[0], _with_markers(sentence[1], self.notes.markers, self.marker_starts))
            notes = [r.number for r in _between(self.notes.markers, self.marker_starts, *span)]
            plain = sentence[0] not in with_figures and all(s[0] not in with_figures for s in later[:k])
            if notes and (plain or continues(self.clean[span[0]:span[1]])):
                return list(dict.fromkeys(notes)), "the footnote that closes its passage"
            if notes or sentence[0] in with_figures:
                break
        closing = self.paragraph_closing.get(f.paragraph, [])
        if closing and f.number_start < closing[0].start:
            return list(dict.fromkeys(r.number for r in closing)), "the only footnotes of its paragraph, which close it"
        return None

    def lead_markers(self, f: Found, with_figures: set[int]) -> list[str]:
        """The markers closing a short lead that opens the figure's paragraph and states no figure
        ("Access to territory (sea arrivals).1 In January, 3,035 ... In February, 2,870 ..."): the
        lead covers its paragraph."""
        lead = self.paragraph_first.get(f.paragraph)
        if lead is None or lead.start == f.sentence[0] or lead.start in with_figures:
            return []
        marks = _between(self.notes.markers, self.marker_starts, lead.start,
                         _with_markers(lead.end, self.notes.markers, self.marker_starts))
        if not marks or len(self.clean[lead.start:marks[0].start].split()) > LEAD_WORDS:
            return []
        return list(dict.fromkeys(r.number for r in marks))

    @cached_property
    def paragraph_first(self) -> dict[int, Segment]:
        """Each paragraph's first sentence."""
        first: dict[int, Segment] = {}
        for segment in self.segments:
            first.setdefault(segment.paragraph, segment)
        return first

    @cached_property
    def paragraph_closing(self) -> dict[int, list[Marker]]:
        """The markers of each paragraph of several sentences whose markers all close its last one
        (a footnote at the end of a paragraph of prose covers the paragraph). Markers in its first
        sentence only do not: in the corpus a "survey[2]" opening a paragraph is not what the
        paragraph's later figures cite."""
        first = self.paragraph_first
        last = {segment.paragraph: segment for segment in self.segments}
        out: dict[int, list[Marker]] = {}
        for paragraph, segment in last.items():
            if segment.heading or first[paragraph] is segment:
                continue  # one sentence: its own markers are already its figures'
            end = _with_markers(segment.end, self.notes.markers, self.marker_starts)
            marks = _between(self.notes.markers, self.marker_starts, first[paragraph].start, end)
            if marks and all(r.start >= segment.start for r in marks):
                out[paragraph] = marks
        return out

    def caption_markers(self, f: Found) -> list[str]:
        """The markers closing the caption over the table or box a figure's line is in: going up
        over table rows and lines that are not prose (no sentence ends in them), the first line
        that ends with markers and is a heading ("Refugees in 2015[1]") or leads into what follows
        ("... is as follows: [4]"). A line of prose ends the search, and a blank line does unless
        it is the one Markdown puts between a caption and its table."""
        text, at = self.clean, line_start(self.clean, f.number_start)
        if at is None:
            return []
        end, rows_only = at - 1, _table_row(text[at:line_end(text, at)])
        for _ in range(CAPTION_LINES):
            if end <= 0:
                return []
            start = line_start(text, end)
            if start is None:
                return []
            line = text[start:end].strip()
            if not line:
                if not rows_only:
                    return []
                rows_only = False  # one blank line over a table
                end = start - 1
                continue
            rows_only = rows_only and _table_row(line)
            marks = _between(self.notes.markers, self.marker_starts, start, end + 1)
            if marks and not text[marks[-1].end:end].strip(" \t.;,)]"):
                lead = text[start:marks[0].start].strip()
                if lead.endswith(":") or (len(lead) <= SHORT_LINE and not re.search(r"[.!?;]$", lead)):
                    return list(dict.fromkeys(r.number for r in marks))
            if not (_table_row(line) or _unended(line)):
                return []
            end = start - 1
        return []

    def colon_list_markers(self, f: Found) -> list[str]:
        """The markers closing the last item of the list a figure's item is in, when a lead ending in
        a colon opens the list and no other item has markers ("... as at 31 August 2013:⏎- 6,136
        people (75%) ...⏎- 189 people (2%) ... one year.[28]"): the list is one statement set out
        over lines, and the footnote closing it backs every item."""
        text, at = self.clean, line_start(self.clean, f.number_start)
        if at is None or not BULLET_LINE.match(text, at):
            return []
        before = self._items_before(at, blank=0)
        first = before[0] if before else at
        lead = line_start(text, first - 1) if first > 0 else None
        if len(before) >= LIST_ITEMS or lead is None or not text[lead:first - 1].rstrip().endswith(":"):
            return []
        last = ([at, *self._items_after(at, blank=0)])[:LIST_ITEMS + 1][-1]
        end = line_end(text, last)
        marks = _between(self.notes.markers, self.marker_starts, first, end + 1)
        if not marks or marks[0].start < last or text[marks[-1].end:end].strip(" \t.;,)]"):
            return []
        return list(dict.fromkeys(r.number for r in marks))

    def caption_period(self, f: Found, reference: date | None) -> Period | None:
        """The period the caption over a figure's table, box or infobox states ("As of 31 January
        2020, the distribution ... is as follows:", "Refugees in 2015"): going up over the table's
        rows and the lines that are not prose, the first that states one; a line of prose ends the
        search, a caption ending in a colon is the last line looked at."""
        text, at = self.clean, line_start(self.clean, f.number_start)
        if at is None:
            return None
        own = text[at:line_end(text, at)]
        if not (_table_row(own) or _unended(own)):
            return None
        end = at - 1
        for _ in range(CAPTION_LINES):
            start = line_start(text, end) if end > 0 else None
            if start is None:
                return None
            line = text[start:end].strip()
            tabular = _table_row(line) or _unended(line)
            if line and (tabular or line.endswith(":")):
                found = periods_in(line, reference, self.events)
                if found:
                    return min(found, key=lambda x: x[2])[3]
            if line and not tabular:
                return None
            end = start - 1
        return None

    @cached_property
    def flat_title(self) -> str:
        """The document's given title with TYPOGRAPHIC applied ("" for none), made once."""
        return typographic(self.title) if self.title else ""

    @cached_property
    def title_country(self) -> str | None:
        """The country a given title opens with, followed by a colon, a bracket, a comma or a dash; else
        the country alone after a series' colon, with or without a bracketed part ("... Report: Portugal
        (prosecution)", "Refugee Law and Policy: Denmark")."""
        title = self.flat_title
        for lead in (COUNTRY_TITLE.match(title), SERIES_COUNTRY.match(title)):
            name = lead.group(1) if lead else ""
            found = find_places(name, 0, len(name))
            whole = [(n, p) for n, p in found if p.kind == "country" and (n.start, n.end) == (0, len(name))]
            if whole:
                return self._graph_place(*whole[0]).id
        return None

    def heading_place(self, f: Found, previous: Found | None) -> str | None:
        """The place a heading of its own names ("South Sudan" over "Over the last three years 2.3
        million people have been displaced"), for the figures of its section naming none: the
        heading closest before the figure, after the figure before it."""
        heading = next((s for s in reversed(self.segments[:bisect.bisect_right(self.sentence_starts, f.start)])
                        if s.heading and s.start < f.sentence[0]), None)
        if heading is None or (previous is not None and previous.start > heading.start) \
                or CELL_NEXT.match(self.clean, heading.end):  # "India⏎703⏎1,004": a table row's label
            return None
        places = [n for n in self.names_in((heading.start, heading.end)) if self._is_place(n.id)]
        text = self.clean[heading.start:heading.end].strip()
        whole = [n for n in places if self.clean[n.start:n.end] == text]
        return whole[0].id if whole else None

    def _is_place(self, subject: str | None) -> bool:
        """Whether a subject is a place (not an actor such as an army)."""
        return subject in self.proposed_places or subject in self.place_ids

    @cached_property
    def place_ids(self) -> set[str]:
        return set(self.lexicon.places.values())

    @cached_property
    def title_names(self) -> set[str]:
        """The ids of the places and actors the document's title names."""
        title = self.flat_title
        return {n.id for n in self.finder.in_span(title, 0, len(title))} | {self._graph_place(n, p).id for n, p in self.title_places}

    @cached_property
    def title_places(self) -> list[tuple[Named, Place]]:
        """The places the gazetteer finds in the document's given title, read once."""
        return find_places(self.flat_title, 0, len(self.flat_title))

    @cached_property
    def title_names_one(self) -> str | None:
        """The one country a headline names anywhere ("Migrant influx to Bulgaria has decreased"): a
        title written as a sentence (three words in lower case or more), not a label ("WFP South Sudan
        Country Brief, December 2020")."""
        if len(HEADLINE_WORD.findall(self.flat_title)) < 3:
            return None
        found = {p.id: (n, p) for n, p in self.title_places if p.kind == "country"}
        return self._graph_place(*next(iter(found.values()))).id if len(found) == 1 else None

    @cached_property
    def title_world(self) -> bool:
        """Whether the document's title frames it as the world's ("Global Trends: Forced Displacement in
        2020", "World Migration Report 2024") and names no country (the world is the document's main place
        where its text names the world too)."""
        return bool(WORLD_TITLE.search(self.flat_title)) and not any(p.kind == "country" for _n, p in self.title_places)

    @cached_property
    def main_place(self) -> str | None:
        """What the document is about where a sentence names nothing: the country a country report's
        title opens with ("Bahrain (2020 Country Reports on Human Rights Practices)", "Somalia: ..."),
        or the one a headline names; else the world, where the title frames the document as the world's
        and the text names the world; else the place the text names most (at least twice, or once in
        its first heading), the earliest of those named as often."""
        if self.title_country:
            return self.title_country
        if self.title_names_one:
            return self.title_names_one
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for named in self.all_names:
            if named.kind == "place" or named.id in self.proposed_places:
                counts[named.id] = counts.get(named.id, 0) + 1
                first.setdefault(named.id, named.start)
        if self.title_world and counts.get("world"):
            return "world"
        ranked = sorted(counts, key=lambda i: (-counts[i], first[i]))
        title_end = self.segments[0].end if self.segments and self.segments[0].heading else 0
        if ranked and (counts[ranked[0]] >= 2 or first[ranked[0]] < title_end):
            return ranked[0]
        return None

    @cached_property
    def datelines(self) -> list[tuple[int, int]]:
        """A news item's dateline, where it was filed ("The Hague – ...", "KYIV, Ukraine (AP) — ..."):
        its place is not what the figures are about."""
        return [m.span(1) for m in DATELINE.finditer(self.clean)]

    def subjects(self, found: list[Found]) -> None:
        previous: Found | None = None
        sentence_first: dict[int, Found] = {}  # the first figure of each sentence, by its start
        about: dict[int, set[str | None]] = {}  # the subjects of each sentence's figures, by its start
        sentence_figures: dict[int, list[Found]] = {}
        for f in found:
            sentence_first.setdefault(f.sentence[0], f)
            sentence_figures.setdefault(f.sentence[0], []).append(f)
        for f in found:
            names = self.names_in(f.sentence) if f.sentence else []
            names = [n for n in names if not any(a <= n.start < b for a, b in self.datelines)
                     and self._spelled(n)]
            stated = self.stated.get(f.sentence[0], [])
            voiced = {n.id for n in names if n.id in self.country_ids and any(
                a.start <= n.start < a.end and a.start < f.number_start for a in stated)}  # its speaker
            names = [n for n in names if not any(a.start <= n.start < a.end or COREPORTER.fullmatch(self.flat, n.end, a.start)
                                                  for a in stated)]  # never the reporter, nor one named with it
            skip = {i for a in stated for i in (a.actor, a.via_actor) if i}
            others = [(g.number_start, g.number_end) for g in sentence_figures.get(f.sentence[0], []) if g is not f]
            own = not_anothers(self.flat, f.sentence[0], (f.number_start, f.number_end), names, others)
            anothers = {n.id for n in names} - {n.id for n in own}
            sifted = usable(self.flat, own, skip)
            candidates = sifted.names
            tied = subject_of(self.flat, f.sentence, (f.number_start, f.number_end), candidates)
            f.subject = tied[0] if tied else None
            if tied and tied[1] == "listed":
                f.infer("subject", "the first of the places listed after it (\"three countries, namely ...\"): the set it counts")
            if f.subject and sifted.worlds:
                f.infer("subject", "the name its sentence states (the world it is ranked in or a share of is none)")
            if any(f.number_end <= n.start < f.number_end + 16 for n in sifted.currencies):
                f.infer("subject", "not the country its currency is named with (\"Swiss francs\" name a unit)")
            if (paired := self._respective(f, own, sentence_figures.get(f.sentence[0], []))) is not None:
                f.subject = paired
                f.infer("subject", "the name of the same rank in the list \"respectively\" pairs its list with")
            elif f.subject and past_adjunct(self.flat, f.number_end, f.sentence[1], candidates):
                f.infer("subject", "the name its sentence states (a place after \"before\", \"since\", \"as a result "
                                   "of\" ... names a cause or a time, not what it counts)")
            if f.subject is None and (far := place_far_after(self.flat, f.sentence, (f.number_start, f.number_end),
                                                              candidates)) is not None:
                f.subject = far
                f.infer("subject", "the place its clause names after it, further than its phrase reads")
            if f.subject is None and len(voiced) == 1:
                f.subject = next(iter(voiced))
                f.infer("subject", "the place its reporter's name holds (\"Lebanon's health ministry said\", "
                                   "\"Somalia has recorded\"), its sentence naming no other")
            lead = sentence_first.get(previous.sentence[0], previous) if previous is not None else None
            if f.subject:
                glued = self._marker_after(f.subject, own, f)
                if glued and glued not in f.citations:
                    f.citations.insert(0, glued)
            elif (heading := self.heading_place(f, previous)) is not None:
                f.subject = heading
                f.infer("subject", "the place its section's heading names")
            elif f.sentence and countries_counted(self.flat, f.sentence):
                f.subject = "world"
                f.infer("subject", "the world: its sentence counts the countries its figures come from "
                                   "(\"from 20 countries\") and names none")
            elif previous is not None and lead is not None and f.paragraph - previous.paragraph <= 1 \
                    and previous.subject and len(about.get(previous.sentence[0], set())) == 1 \
                    and (lead.subject or previous.subject) not in anothers:  # not a list of several places
                f.subject = lead.subject or previous.subject  # what the sentence before was about
                f.infer("subject", "what the sentence before it is about")
                if f.paragraph != previous.paragraph and self.main_place not in (None, f.subject) \
                        and self._is_place(f.subject) and f.subject not in self.title_names:  # "In Taiz, ... 62 civilians." ⏎ "Also this year, 1930 ..."
                    f.subject = self.main_place
                    f.infer("subject", "what the document is about (the place the paragraph before names, "
                                       "which its title does not, stays in that paragraph)")
                elif f.subject in self.division_ids and f.subject not in self.title_names \
                        and not THE_DIVISION.search(self.flat, *f.sentence) and (country := self.country_before(f)):
                    f.subject = country  # "In West Darfur State, ..." then "Partners need US$123 million": the country
                    f.infer("subject", "the country named last before it (the province the sentence before it "
                                       "names, which neither the title nor \"the province\" names, is not carried)")
            elif self.main_place:
                f.subject = self.main_place
                f.infer("subject", ("the country the document's title names" if self.title_country else
                                    "the one country the document's headline names" if self.title_names_one else
                                    "the world, which the document's title names" if self.title_world else
                                    "the place the document names most")
                        + (" (the name before it qualifies another number)" if anothers else ""))
            if (country := self.country_referred(f)) is not None:
                f.subject = country
                f.infer("subject", "the country its sentence refers to (\"across the country\"): the one named last before it")
            previous = f
            about.setdefault(f.sentence[0], set()).add(f.subject)
        first_part: dict[int, Found] = {}
        for p in found:
            if p.part_of is not None:
                first_part.setdefault(p.part_of, p)
        for i, f in enumerate(found):  # a stated total is about what its part belongs to
            part = first_part.get(i)
            if part is not None and part.start < f.start and part.subject:
                f.subject = self.lexicon.parents.get(part.subject, part.subject)
                f.citations = list(part.citations)

    def _respective(self, f: Found, names: list[Named], figures: list[Found]) -> str | None:
        """The name paired with a figure by "respectively" ("Syrians and Afghans ... 44,000 and 27,000
        respectively"): the figures of its sentence listed with it, and the names before them."""
        if f not in figures:
            return None
        i = lo = hi = figures.index(f)
        while lo > 0 and COORDINATED.fullmatch(self.flat, figures[lo - 1].number_end, figures[lo].number_start):
            lo -= 1
        while hi + 1 < len(figures) and COORDINATED.fullmatch(self.flat, figures[hi].number_end,
                                                              figures[hi + 1].number_start):
            hi += 1
        return respective(self.flat, [(g.number_start, g.number_end) for g in figures[lo:hi + 1]], i - lo, names)

    def country_referred(self, f: Found) -> str | None:
        """The country "the country" of a figure's sentence means where the figure's subject is a smaller
        place or none ("59,100 people in six localities across the country" after "West Darfur State"): the
        country named last before the figure, else the document's if it is a country. A place the sentence
        states for the figure gives way only where the number's own clause says "the country" ("over half of
        the country's population")."""
        if not f.sentence or f.subject in self.country_ids or (f.subject and not self._is_place(f.subject)):
            return None
        stated = f.subject is not None and "subject" not in f.inferred
        if not THE_COUNTRY.search(self.flat, *((f.number_end, own_clause(self.flat, f.number_end, f.sentence[1]))
                                               if stated else f.sentence)):
            return None  # a name the sentence states gives way only to "the country" in the number's own clause
        return self.country_before(f)

    def country_before(self, f: Found) -> str | None:
        """The country named last before a figure, else the document's if it is a country."""
        starts = [start for start, _ in self.country_mentions]
        i = bisect.bisect_left(starts, f.number_start)
        if i:
            return self.country_mentions[i - 1][1]
        return self.main_place if self.main_place in self.country_ids else None

    @cached_property
    def country_mentions(self) -> list[tuple[int, str]]:
        """Where the text names a country, and which (in text order)."""
        return [(n.start, n.id) for n in self.all_names if n.id in self.country_ids]

    @cached_property
    def all_names(self) -> list[Named]:
        """The names of every sentence, in text order; a code alone ("95% CI", "PR Political Rights") only
        where the text names its place otherwise too."""
        return [n for names in self.name_table.values() for n in names if self._spelled(n)]

    def _spelled(self, n: Named) -> bool:
        """Whether a name is no code alone for a place the text names nowhere else."""
        return (n.start, n.end) not in self.coded or n.id in self.spelled_ids

    @cached_property
    def name_table(self) -> dict[tuple[int, int], list[Named]]:
        """The names of every sentence, read once, in text order, before any is used: which names are
        codes alone, countries or provinces is then the whole document's, not the reading order's."""
        return {sentence: self._read_names(sentence) for sentence in self.sentences}

    def names_in(self, sentence: tuple[int, int]) -> list[Named]:
        """The graph's names in a sentence, then the places the gazetteer knows that the graph lacks
        (each proposed as a new place), from the document's name table (a span reaching past its sentence,
        over the markers closing it or a number's scale on the next line, takes the names of the sentences
        it covers)."""
        table = self.name_table
        if sentence in table:
            return table[sentence]
        first = max(bisect.bisect_right(self.sentence_starts, sentence[0]) - 1, 0)
        last = bisect.bisect_left(self.sentence_starts, sentence[1])
        return [n for s in self.sentences[first:last] for n in table[s] if sentence[0] <= n.start < sentence[1]]

    def _read_names(self, sentence: tuple[int, int]) -> list[Named]:
        known = self.finder.in_span(self.flat, *sentence)
        out = list(known)
        self.spelled_ids.update(k.id for k in known)
        inside_names = self._organisation_spans(sentence)
        for named, place in find_places(self.flat, *sentence):
            if any(k.start < named.end and named.start < k.end for k in known) or any(
                    a <= named.start and named.end <= b for a, b in inside_names):
                if place.kind == "country":  # the graph's name for a country the gazetteer knows
                    self.country_ids.update(k.id for k in known if (k.start, k.end) == (named.start, named.end))
                continue  # "Norwegian" in "the Norwegian Refugee Council" is part of a name
            out.append(self._graph_place(named, place))
            if bare_code(self.flat[named.start:named.end]):
                self.coded.add((named.start, named.end))
            else:
                self.spelled_ids.add(out[-1].id)
            if place.kind == "country":
                self.country_ids.add(out[-1].id)
            elif in_one_country(place):
                self.division_ids.add(out[-1].id)
        return sorted(out, key=lambda n: n.start)

    def _graph_place(self, named: Named, place: Place) -> Named:
        """A place the gazetteer found, as the graph's place or actor of that name, else proposed as new."""
        if place.id in self.lexicon.labels:
            return named
        by_label = self.lexicon.places.get(plain(place.label)) or self.lexicon.actors.get(plain(place.label))
        if by_label:
            return Named(named.start, named.end, by_label, named.kind)
        self.proposed_places.setdefault(place.id, place)
        return named

    @cached_property
    def _organisation_labels(self) -> list[str]:
        """The lower-case labels of the organisations the text defines, each once (made once per text)."""
        return sorted({o.label.lower() for o in self.organisations.values()})

    def _organisation_spans(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """Where the names of the organisations the text defines stand in a sentence."""
        if not self.organisations:
            return []
        piece = self.flat[sentence[0]:sentence[1]].lower()
        spans = []
        for label in self._organisation_labels:
            at = piece.find(label)
            while at != -1:
                spans.append((sentence[0] + at, sentence[0] + at + len(label)))
                at = piece.find(label, at + 1)
        return spans

    def inside_sentence(self, r: Marker) -> bool:
        """Whether a marker is a footnote number glued inside its sentence, the sentence going on in lower
        case after it ("and Norway1 received", "in 2022,7 while"): it backs the clause before it."""
        return self.text[r.start].isdigit() and bool(GOES_ON.match(self.clean, r.end))

    def _marker_after(self, subject: str, names: list[Named], f: Found) -> str | None:
        """A footnote glued to the subject's name ("district,^957") backs the figure about it; not a
        number glued inside a sentence that goes on in lower case ("and Norway1 received"), which backs
        the clause it closes (``inside_sentence``)."""
        for n in names:
            if n.id != subject or n.end > f.start:
                continue
            for r in _between(self.notes.markers, self.marker_starts, n.end, n.end + 3):
                if r.end <= f.start and not self.inside_sentence(r):
                    return r.number
        return None

    def measure_all(self, found: list[Found]) -> None:
        for i, f in enumerate(found):
            before = found[i - 1] if i > 0 else None
            after = found[i + 1] if i + 1 < len(found) else None
            begin = before.number_end if before and f.sentence[0] <= before.number_end <= f.start else f.sentence[0]
            finish = after.start if after and f.number_end <= after.start < f.sentence[1] else f.sentence[1]
            phrase = self.clean[begin:finish]
            previous = self.sentence_of(max(f.sentence[0] - 1, 0))
            context = self.clean[previous[0]:previous[1]] if previous[0] < f.sentence[0] else ""
            rest = " ".join((context, self.clean[f.sentence[0]:begin], self.clean[finish:f.sentence[1]]))
            counted = counted_noun(self.clean[f.number_end:f.sentence[1]])
            column = self.column_of(f)
            if column is not None:  # a table's cell counts what its caption and row say
                caption = CAPTION_LEAD.sub("", column.caption)
                rest = " ".join((rest, caption, column.label))
                counted = counted or counted_words(caption) or (re.sub(r"\s*\([^)]*\)", "", caption).lower() or None)
                if counted:
                    f.infer("measure", "what the caption of the cell's table counts")
            got = self.measures.match(phrase, rest, f.percent, counted, f.currency)
            f.measure, f.proposed_measure = got.id, (None if got.id else (counted or "unnamed measure"))
        for i, f in enumerate(found):  # "496 of these cases" counts what its total counts, and a total what its parts do
            if f.part_of is not None:
                total = found[f.part_of]
                if total.start < f.start:
                    f.measure, f.proposed_measure = total.measure, total.proposed_measure
                else:
                    total.measure, total.proposed_measure = f.measure, f.proposed_measure
            elif f.percent and f.measure is None and i > 0 and OF_THESE.match(self.clean, f.number_end):
                prior = found[i - 1]  # "40 % of them": a share of what the figure before counts
                named = prior.proposed_measure or next(
                    (m.label for m in self.lexicon.measures if m.id == prior.measure), None)
                f.proposed_measure = f"share of {named}" if named else f.proposed_measure

    def reporter(self, f: Found) -> tuple[Attribution | None, str | None]:
        """Who says so, and why (None: the sentence says it): the figure's own clause; else the source
        its citation names; else the source named last in the passage; else the document's publisher."""
        own, anaphor = self.own_attribution(f)
        if own is not None and not own.anaphor:
            return own, anaphor
        unnamed = anaphor == UNNAMED_AUTHOR
        cited_by = self._cited_by(f.citations)
        if cited_by is not None:
            return cited_by, "the source its citation names"
        closing = self._last_item_markers(f.start) if own is None and not f.citations else []
        cited_by = self._cited_by(closing)
        if cited_by is not None:
            return cited_by, (f"the source its list's last item cites ({', '.join(closing)}): a list whose last item "
                              "alone carries a footnote takes it for every item")
        if own is not None:
            return own, None
        if unnamed:
            return None, None
        author = self.author(f.start)
        if anaphor is not None and anaphor.startswith(CLAUSE_CLOSED) and author:
            return author.said_by, f"the document's {author.role} (the text states it itself, in {anaphor})"
        carried, named_last = self.sections_source.get(f.sentence[0]), self.carried.get(f.sentence[0])
        around = self._markers_around(carried.start) if carried is not None and f.citations else set()
        if around and not set(f.citations) & around:
            carried = None  # a footnote of its own, not the one the source named before came with
        passed = self.passed_speakers.get(f.sentence[0])
        passing = f" (not {passed}, who speaks for its own sentence only)" if passed else ""
        if named_last is not None and named_last is not carried:
            passing += f" (not {named_last.said_by}, named before a heading that opens another section)"
        if anaphor is not None and anaphor.startswith(HEADED_APART):
            passing += f" ({anaphor})"
        segment = self.segment_of(f.number_start)
        if carried is not None and segment is not None and segment.heading \
                and not self._introduces(carried):  # "Bekaa | 344,013 | 37.8% |", not "X reported:" ⏎ "- 40 ..."
            passing += f" (not {carried.said_by}, named in the prose before: a line of its own, a heading or " \
                       "a table's row, is no sentence of that source's)"
            carried = None
        if carried is not None and segment is not None and BULLET_LINE.match(self.clean, segment.start) \
                and not self._introduces(carried) and not self._same_item(carried.start, segment.start):
            passing += f" (not {carried.said_by}, named outside its bulleted item)"  # "• ..., according to X" ⏎ "• 95 ..."
            carried = None
        voice = voice_at(self._voices, self._voice_starts, f.start)
        if carried is not None and voice is not None and carried.start < voice.start:
            passing += f" (not {carried.said_by}, named before the speaker line it stands under)"
            carried = None  # a speech goes on with its own speaker, not with a source named in the one before
        if carried is not None:
            outlet = self._relayed_by(carried)
            relayed = f" ({carried.said_by}'s statement, which {outlet} relayed)" if outlet else ""
            return carried, "the source named before it in the passage" + relayed + passing
        later = self.named_later_in_paragraph(f) if not f.citations else None  # a footnote of its own: not Z's
        if later is not None:
            return later, "the source the rest of its paragraph names"
        if f.start in self.passed_later:
            passing += f" (not {self.passed_later[f.start]}, named where the next sentence opens its own)"
        if author:
            return author.said_by, f"the document's {author.role} (the text states it itself){passing}"
        return None, None

    def _cited_by(self, markers: Iterable[str]) -> Attribution | None:
        """The source the first of ``markers`` whose note cites one names (its author, else publisher)."""
        for n in markers:
            entry = self.notes.entries.get(n)
            cited = self.sources.get(n)
            if cited is None or (entry is not None and not entry.cites):
                continue
            who = cited.authors[0] if cited.authors else cited.publisher
            if who or cited.publisher_name:
                return Attribution(cited.publisher_name or who or "", who)
        return None

    def _last_item_markers(self, offset: int) -> list[str]:
        """The markers of the last item of the bulleted list holding ``offset``, when that item alone
        in the list carries any ("• In 2011 ... 1,968." ⏎ "• In 2020 ... 2,395 fatalities207")."""
        start = line_start(self.clean, offset)
        if start is None or not BULLET_LINE.match(self.clean, start):
            return []
        items = [*self._items_before(start), start, *self._items_after(start)]
        if items[-1] == start:
            return []
        carrying = [[m.number for m in _between(self.notes.markers, self.marker_starts, i, line_end(self.clean, i) + 1)]
                    for i in items]
        return carrying[-1] if not any(carrying[:-1]) else []

    def _items_after(self, start: int, blank: int = 1) -> list[int]:
        """Where the bulleted lines that follow the one at ``start`` start (``blank`` blank lines between
        at most)."""
        out: list[int] = []
        at = line_end(self.clean, start)
        while True:
            gap = self.clean[at:at + LIST_GAP]
            nxt = at + len(gap) - len(gap.lstrip())
            if nxt >= min(at + len(gap), self.stop) or self.clean.count("\n", at, nxt) > blank + 1 \
                    or not BULLET_LINE.match(self.clean, nxt):
                return out
            out.append(nxt)
            at = line_end(self.clean, nxt)

    def _items_before(self, start: int, blank: int = 1) -> list[int]:
        """Where the bulleted lines that precede the one at ``start`` start, in order (``blank`` blank
        lines between at most)."""
        out: list[int] = []
        at = start
        while at > 0:
            gap = self.clean[max(0, at - LIST_GAP):at]
            end = at - len(gap) + len(gap.rstrip())
            if end <= at - len(gap) or self.clean.count("\n", end, at) > blank + 1:
                break
            prev = self.clean.rfind("\n", 0, end) + 1
            if not BULLET_LINE.match(self.clean, prev):
                break
            out.append(prev)
            at = prev
        return out[::-1]

    def author(self, offset: int) -> Author | None:
        """Who states what the text at ``offset`` states itself: the speaker of a record of others'
        words (voices.py), else the publisher."""
        voice = voice_at(self._voices, self._voice_starts, offset)
        if voice is not None and voice.name:  # (a question's asker, unnamed: the publisher's record)
            return Author(Attribution(voice.name, match_actor(voice.name, self.lexicon.actors)),
                          f"speaker {voice.name}, named by {voice.why}, not the publisher that keeps the record")
        return self._by_publisher

    @cached_property
    def _by_publisher(self) -> Author | None:
        return Author(Attribution(self.publisher, match_actor(self.publisher, self.lexicon.actors))) if self.publisher else None

    @cached_property
    def _voices(self) -> list[Voice]:
        return voices(self.clean)

    @cached_property
    def _voice_starts(self) -> list[int]:
        return [v.start for v in self._voices]

    def _same_item(self, offset: int, start: int) -> bool:
        """Whether ``offset`` lies in the bulleted item that opens at ``start`` (no line break between)."""
        return start <= offset and "\n" not in self.clean[start:offset]

    def _introduces(self, a: Attribution) -> bool:
        """Whether a source's sentence ends on a colon, introducing the lines after it."""
        return self.flat[a.end:self.sentence_of(a.start)[1]].rstrip().endswith(":")

    def _markers_around(self, offset: int) -> set[str]:
        """The footnote markers of the sentence holding ``offset``, those closing it included."""
        begin, end = self.sentence_of(offset)
        end = _with_markers(end, self.notes.markers, self.marker_starts)
        return {m.number for m in _between(self.notes.markers, self.marker_starts, begin, end)}

    def reporters_and_periods(self, found: list[Found]) -> None:
        previous: Found | None = None
        plain: Found | None = None  # the last figure whose period is not that of a count compared with
        counted: Found | None = None  # the last of those that is a count (not a percentage): what one is compared with
        for f in found:
            reference = next((self.notes.entries[n].day for n in f.citations
                              if n in self.notes.entries and self.notes.entries[n].day), None)
            said, why = self.reporter(f)
            if why is not None:
                f.infer("reporter", why)
            if said:
                f.reported_by, f.reporter, f.via, f.via_actor = said.said_by, said.actor, said.via, said.via_actor
                f.by_publisher = why is not None and why.startswith("the document's")
            carried = self._carried_reference(previous, f, said, why)
            if carried is not None and self._long_before(carried):
                carried = None
            dated = reference or self.document_date
            reference = dated or carried
            column = self.column_of(f)
            period = self.column_period(column) if column is not None else None
            if period is not None:
                f.infer("period", "the year of the column's header over the cell")
            else:
                period = self.period_for(f, reference)
                if period is not None and carried is not None and dated is None:
                    f.infer("period", "read from the end of the period before it (the document has no date)")
                elif period is not None and carried is not None and period.end == dated \
                        and period.phrase.lower().startswith("since"):
                    period = replace(period, end=carried)  # "since ..." in the same report closes where it does
                if period is None:
                    period = self.caption_period(f, reference)
                    if period is not None:
                        f.infer("period", "the period of the caption over its table or box")
            compared = self.compared_period(f, reference, counted)
            if compared is not None:
                period = compared
            if period:
                f.period, f.period_start, f.period_end = period.phrase, period.start, period.end
            elif f.part_of is not None and found[f.part_of].start < f.start and found[f.part_of].period:
                total = found[f.part_of]  # "60 of them": the part of a total counts over the same period
                f.period, f.period_start, f.period_end = total.period, total.period_start, total.period_end
                f.infer("period", "the period of the total it is part of")
            elif previous is not None and previous.paragraph == f.paragraph and previous.period \
                    and self._next_sentence(previous, f) and (now := self._carried(previous, plain)) is not None:
                f.period, f.period_start, f.period_end = now.period, now.period_start, now.period_end
                f.infer("period", "the period of the figure before it in its paragraph")
            if not f.why.get("period", "").startswith(COMPARED):
                plain = f
                counted = f if not f.percent else counted
            previous = f

    @staticmethod
    def _carried_reference(previous: Found | None, f: Found, said: Attribution | None, why: str | None
                          ) -> date | None:
        """The end of the period of the figure before, from the same source: where it states one, the
        date its "since ..." closes; where neither a citation nor the document is dated, the date of
        writing too ("in March" takes its year). A dated document's "last year" and "in July" are
        read from its own date, never from another figure's period."""
        if not said or why is None or previous is None or not previous.period_end \
                or previous.reported_by != said.said_by:
            return None
        if why.startswith("the source named before") or (
                why.startswith(("the document's publisher", "the document's speaker")) and previous.sentence == f.sentence):
            return previous.period_end
        return None

    @cached_property
    def _years(self) -> tuple[list[int], list[int]]:
        """The offsets and the years of the dates the text writes with a year, read once."""
        written = years_written(self.clean)
        return [at for at, _ in written], [year for _, year in written]

    def year_before(self, offset: int) -> int | None:
        """The year the text wrote last before ``offset`` ("In 2020, floods ... In April, ..."): the
        year of a date written without one, in a document with no date."""
        offsets, years = self._years
        at = bisect.bisect_left(offsets, offset)
        return years[at - 1] if at else None

    def compared_period(self, f: Found, reference: date | None, previous: Found | None) -> Period | None:
        """"down from 37,235 over the same period last year", "For the same period last year, 7,134":
        the period of what the count is compared with (a period its sentence states before the
        phrase, else the count before it in its paragraph, ``previous``), moved to the year the
        phrase names."""
        sentence = self.clean[f.sentence[0]:f.sentence[1]]
        if f.percent or f.qualifier == "range" or ("same" not in sentence and "this st" not in sentence and "this po" not in sentence):
            return None  # a percentage beside the phrase is the change from that period, of the period of now;
            # a range "from 2,666 to 2,798" runs from that period's count to now's
        m = same_period(sentence, f.number_start - f.sentence[0], f.number_end - f.sentence[0])
        if m is None:
            return None
        stated = [x[3] for x in sorted(self._periods.get(self._period_key(f, reference)) or [], key=lambda x: (x[2], -x[1]))
                  if x[1] <= m.start() and x[3].start is not None and x[3].end is not None]
        base: tuple[date, date] | None = None
        if stated and stated[0].start and stated[0].end:
            base = (stated[0].start, stated[0].end)
        elif previous is not None and previous.paragraph == f.paragraph and previous.period_start and previous.period_end:
            base = (previous.period_start, previous.period_end)
        moved = moved_period(m, base) if base is not None else None
        if moved is not None:
            f.infer("period", f"{COMPARED}, moved to the year \"{moved.phrase}\" names")
        return moved

    @staticmethod
    def _carried(previous: Found, plain: Found | None) -> Found | None:
        """The figure whose period the next sentence's figure carries on: the one before it, or, when
        that one's period is of a count it was compared with ("from 560 [in 2017] to 761"), the last
        one before whose period is not."""
        if not previous.why.get("period", "").startswith(COMPARED):
            return previous
        return plain if plain is not None and plain.paragraph == previous.paragraph and plain.period else None

    def _long_before(self, day: date) -> bool:
        """Whether a period ends long before the document's date (LONG_BEFORE): a past period the
        report compares with ("81 between November 1 and 17 last year"), not the date it reports to,
        which "so far this year" said next by the same source counts to."""
        return self.document_date is not None and (self.document_date - day).days > LONG_BEFORE

    def _next_sentence(self, previous: Found, f: Found) -> bool:
        """Whether figure f is in the sentence of the figure before it or in the next one: a period
        carries over consecutive sentences that state figures ("In 2024, 40 fled. Another 12 were
        caught."), and a sentence without one ends it."""
        here = bisect.bisect_right(self.sentence_starts, f.number_start)
        return here - bisect.bisect_right(self.sentence_starts, previous.number_start) <= 1

    def _period_key(self, f: Found, reference: date | None) -> tuple[int, date | None, int | None]:
        """What the periods of a figure's sentence are read by: its start, the reference date and, where
        there is none, the year the text wrote last before it."""
        return f.sentence[0], reference, self.year_before(f.sentence[0]) if reference is None else None

    def period_for(self, f: Found, reference: date | None) -> Period | None:
        """The period the figure's sentence states nearest its number, the most specific first
        (the sentence's stretches read once, their periods once per reference date)."""
        key = self._period_key(f, reference)
        year = key[2]
        found = self._periods.get(key)
        if found is None:
            sentence = self.clean[f.sentence[0]:f.sentence[1]]
            if self._stretches[0] != f.sentence[0]:  # figures come in text order: one sentence at a time
                self._stretches = (f.sentence[0], period_stretches(sentence, self.events))
            stretches = self._stretches[1]
            found = self._periods[key] = periods_in(sentence, reference, self.events, stretches, year,
                                                    self.year_before(f.sentence[0]))
        if not found:
            return None
        at, after = f.number_start - f.sentence[0], f.number_end - f.sentence[0]
        sentence = self.clean[f.sentence[0]:f.sentence[1]]
        own = [x for x in found if x[0] >= after and not OTHER_CLAUSE.search(sentence, after, x[0])]
        if own:  # "12,000 detentions in 2024, up from 9,500 in 2023": each its own
            best = min(own, key=lambda x: (x[2], x[0]))[3]
        else:
            others = [x for x in found if not self._anothers_period(sentence, after, x[0])]
            if len(others) < len(found):
                f.infer("period", "a period right after another number of its sentence is that number's")
            if not others:
                return None
            best = min(others, key=lambda x: (x[2], abs(x[0] - at)))[3]
        if best.phrase.lower().endswith("end of the year"):
            f.infer("period", f"the end of the year the text wrote last before it ({best.end.year if best.end else ''})")
        if reference is not None and whole_years(best.phrase, reference):
            f.infer("period", "the past years counted as whole calendar years, up to the year before the reference date's")
        if year is not None and not WRITTEN_YEAR.search(best.phrase):
            f.infer("period", f"its date takes the year the text wrote last before it ({year}; the document has none)")
        return best

    @staticmethod
    def _anothers_period(sentence: str, after: int, at: int) -> bool:
        """Whether the period phrase at ``at`` follows, in its clause, another number standing after
        the figure's (which ends at ``after``): "over 1 million ... 30,000, including over 14,000
        since the start of the year" is the 14,000's."""
        last = None
        for m in DIGITS.finditer(sentence, after, at):
            last = m
        return last is not None and not sentence[last.end():at].strip()

    def attributed_citations(self, found: list[Found]) -> None:
        """A figure with no citation but an inline attribution ("X reported") cites what X said; and
        where X cites another for it ("X, citing the Interior Ministry"), X's statement cites that
        one's data: the chain the audit follows down to its root."""
        via: str | None  # the key of the data source the reporter cites, if it names one
        for f in found:
            if f.citations and f.via and f.reported_by and not f.by_publisher:  # the reporter's cited article
                via = f"via-{f.via_actor or slug(f.via, 4)}"                    # cites the data it names
                for key in f.citations:
                    cited = self.sources.get(key)
                    if cited is not None and cited.new and via not in cited.cites and (
                            (f.reporter and cited.publisher == f.reporter)
                            or plain(cited.publisher_name or "") == plain(f.reported_by)):
                        self.sources.setdefault(via, data_source(f.via_actor, f.via, self.lexicon))
                        self.sources[key] = replace(cited, cites=(*cited.cites, via))
            if not f.citations and f.reported_by and not f.by_publisher:
                via = None
                if f.via:
                    via = f"via-{f.via_actor or slug(f.via, 4)}"
                    self.sources.setdefault(via, data_source(f.via_actor, f.via, self.lexicon))
                key = f"said-{f.reporter or slug(f.reported_by, 4)}" + (f"-citing-{via[4:]}" if via else "")
                if key not in self.sources:
                    self.sources[key] = statement_source(f.reporter, f.reported_by, self.document_date, self.lexicon,
                                                         via)
                f.citations.append(key)
