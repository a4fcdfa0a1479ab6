"""Citations in a document's text, in the forms reports, articles and converters write them:

- EUAA-style markdown footnotes: ``^{[955](#)}`` or ``[959](#)`` in the text, and a list that
  repeats each marker alone on a line, followed by the entry;
- pandoc footnotes ``[^12]`` with ``[^12]: ...`` definitions;
- bracketed reference markers ``[4]``, ``[4][5]``, ``[4, 5]`` (Wikipedia and its mirrors), with a
  reference list or without one (an excerpt); maintenance tags (``[citation needed]``) are blanked;
- superscript digits (``¹²``);
- plain numeric footnotes: digits glued to a word or a sentence's end ("since 2022.955",
  "UNHCR12.", "migrants1") or standing after it ("people 1"), and numbered entries ("955 UN
  Human Rights Council, ...") at the end of the text or between its paragraphs (a page's foot in
  text converted from a PDF); a glued number counts as a marker only when an entry has it;
- inline parenthetical references: "(Publisher, 5 March 2025, Title, p. 4)" and "(ibid.)".

Every citation becomes a ``Marker`` (its key and span) with an ``Entry`` where the text has one
(the cited source as the text gives it: publisher or author, title, date, URL, locator). Entry
text is blanked out of the body, so that its numbers are never read as figures."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from datetime import datetime

from .segments import line_end, line_start

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MD_MARKER = re.compile(r"\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\)")
MD_LIST_ENTRY = re.compile(r"^[ \t]*(?:\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\))[ \t]*$", re.MULTILINE)
PANDOC_MARKER = re.compile(r"\[\^([\w-]{1,12})\](?!:)")
PANDOC_ENTRY = re.compile(r"^[ \t]*\[\^([\w-]{1,12})\]:[ \t]*(.*(?:\n(?:[ \t]{2,}|\t).*)*)", re.MULTILINE)
NOTE_SYMBOLS = "*\u2020\u2021"  # the signs a note may be marked by: an asterisk, a dagger, a double dagger
BRACKET_MARKER = re.compile(rf"\[\s?(\d{{1,3}}(?:\s?[,–-]\s?\d{{1,3}})*|[a-z]|note \d{{1,3}}|nb \d{{1,3}}|[{NOTE_SYMBOLS}]{{1,2}})\s?\]")
BRACKET_TAG = re.compile(r"\[\s?(?:citation needed|clarification needed|update|when\?|who\?|which\?|dubious|"
                         r"better source needed|failed verification|not in citation given|page needed|"
                         r"needs update|original research\??|verification needed|according to whom\?)\s?\]",
                         re.IGNORECASE)
BRACKET_ENTRY = re.compile(r"^[ \t]*(?:\[(\d{1,3})\]|\^?\s?(\d{1,3})\.)[ \t]+(\S.*)$", re.MULTILINE)
SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,‚]\s?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)*")
# a note marked by a symbol, on a line of its own that opens with it ("*in November 2020", "† Data as
# of ..."), and the same symbol glued to the end of the words it backs ("... assistance distributed*");
# an asterisk that a line opens and closes ("*in November*") is emphasis, not a note
SYMBOL_ENTRY = re.compile(rf"^[ \t]*(\*{{1,2}}(?=[^\s*])|[\u2020\u2021]{{1,2}}[ \t]*)([^\s{NOTE_SYMBOLS}][^*\n]*)$",
                          re.MULTILINE)  # "* item" (a space after the asterisk) is a bullet, not a note
SYMBOL_MARKER = re.compile(rf"(?<=[\w%)\]])([{NOTE_SYMBOLS}]{{1,2}})(?=[ \t]*(?:\n|$)|[ \t.,;:)\]\"\u201d])")
SUPER_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
PLAIN_LIST_ENTRY = re.compile(r"^[ \t]*(?:\((\d{1,4})\)|\[(\d{1,4})\]|(\d{1,4})[.)]?)[ \t]+(\S.*)$",
                              re.MULTILINE)  # 14 | 14. | (14) | [14] (the body's markers glued)
GLUED_MARKER = re.compile(r"(?<=[A-Za-z.,;:!?)\]'\"\u2019\u201d%])(\d{1,4})(?=[\s.,;:)]|[A-Z]|$)")
AFTER_SMALL_NUMBER = re.compile(r"(?<![\d,])\d{1,3}\.$")  # "aged 20 to 35.15" as against "1.4 million"
ENDS_SENTENCE = re.compile(r"\s+(?!(?i:million|billion|thousand|trillion|per\s?cent|percent)\b)[A-Z“\"(]"
                           r"|[ \t]*\n|\s*$")
# "(1)" after a sign or after a word and a space. What stands before the bracket is looked behind
# from the bracket, so that the engine finds the brackets by their character, not by trying the
# look-behind at every position.
PAREN_MARKER = re.compile(r"\((?:(?<=[.,;:!?\]”\"’]\()|(?<=[a-z0-9] \())(\d{1,2})\)"
                          r"(?=\s+[A-Z“\"(]|\s*$|\s*\n|[.,;]|[A-Z][a-z])")
# a body's "(125)" when a list of "(125) Source ..." entries numbers it: any count of digits, after
# a word, a closing quote or a number ("SEMG (125).", "equipped’ (131)"); the list vouches for it
LISTED_PAREN = re.compile(r"(?<=[\w.,;:!?\]”\"’)] \()(\d{1,3})\)|(?<=[\w.,;:!?\]”\"’]\()(\d{1,3})\)")
# a word that opens a sentence, the way a text goes on after a footnote number left between sentences
NOTE_OPENER = (r"(?:The|A|An|This|These|That|Those|There|It|Its|They|Their|He|She|We|In|On|At|For|From|By|With|"
               r"Since|During|And|But|Or|As|While|When|However|Unless|According|Ibid|Id|See|Source|Sources|Note|Cf)\b")
SPACED_MARKER = re.compile(rf"(?<=[a-z)\"\u201d])[ \t](\d{{1,3}})(?=[ \t]*(?:\n|$)|[ \t]+{NOTE_OPENER}|[A-Z])")
# a wiki mirror keeps the heading's edit link: "References[]", "References[edit]", "References[change | change source]"
NOTES_HEADING = re.compile(r"^[ \t]*(?:#+[ \t]*)?(?:Notes|Footnotes|Endnotes|References|Sources|Bibliography)"
                           r"(?:\[[^\]\n]{0,40}\])?[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
DATE = re.compile(rf"\b(\d{{1,2}} {MONTH} \d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}|{MONTH} \d{{4}}|\d{{4}}-\d\d-\d\d|"
                  r"(?:19|20)\d\d)\b|(?<!\w)(n\.d\.)")
LOCATOR = re.compile(r"\b(para(?:graph)?s?\.? ?\d[\d\-–, ]*|pp?\. ?\d[\d\-–]*|section \d[\d.]*)\s*$", re.IGNORECASE)
IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\b\.?,?\s*", re.IGNORECASE)  # "IDMC", "Idea Institute": no ibid
WIKI_BACKLINK = re.compile(r"^\^(?:\s[a-z](?=\s))*\s*")  # a wiki's jump back to the text: "^ ", "^ a b "
WIKI_CITATION = re.compile(r"(?:[^\"“”()]{1,200}\((?P<date>[^()]{4,30})\)\.\s*)?[\"“](?P<title>[^\"“”]{3,400})[\"”]\.?\s+"
                           r"(?P<outlet>[A-Z][^.]{1,80}?)\.(?:\s|$)(?P<after>(?:(?!Retrieved|Archived)[^.])*)")
INLINE = re.compile(r"\(([^()\n]{2,300})\)")
URL = re.compile(r"\[url\]\(#\)|https?://\S+|\burl\b|\bwww\.\S+")
EXPLANATORY = re.compile(r"^(?:In (?!:)|This|These|The term|Here|Note|Figures|Data|Estimates?|All|Includes?|"
                         r"Excludes?|For |As |When |Where |If |It |They |We )\b")
UNIT_WORD = re.compile(r"^(?:(?:million|billion|thousand|per ?cent|percent|%|people|persons|times|years?|months?)\b"
                       r"|in \d|out of \d|of \d|[.,:;]\s*\d)",  # "1 IN 6", "4 . 1" (a PDF's 4.1): not entries
                       re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    number: str  # the footnote number, or the key of an inline reference ("ref-3")
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    """One citation entry as written, parsed into the parts of the cited source."""

    number: str
    text: str
    publisher: str | None
    title: str | None
    date: str | None
    url: bool
    locator: str | None
    ibid: bool = False
    cites: bool = True  # False: an explanatory note that names no source

    @property
    def published(self) -> str | None:
        """The entry's date as YYYY-MM-DD, YYYY-MM or YYYY: as precise as it is written."""
        return _as_written(self.date or "")

    @property
    def day(self) -> dt.date | None:
        """The entry's date as a day (a month's first day when only the month is given)."""
        published = self.published
        if published is None or len(published) == 4:
            return None
        return dt.date.fromisoformat(published if len(published) == 10 else f"{published}-01")


@dataclass(frozen=True)
class Notes:
    """A document's citations: where its body ends, the markers in the body, the entries by key,
    the stretches of the body that are entries (blanked before reading), and the markers whose
    entry the text lacks (an excerpt cut before its notes)."""

    body_end: int
    markers: list[Marker]
    entries: dict[str, Footnote]
    spans: list[tuple[int, int]] = field(default_factory=list)
    tags: list[tuple[int, int]] = field(default_factory=list)  # "[citation needed]": blanked, no citation

    @property
    def missing(self) -> list[str]:
        """Markers without an entry, in the order they first appear."""
        seen: dict[str, None] = {}
        for m in self.markers:
            if m.number not in self.entries:
                seen.setdefault(m.number)
        return list(seen)


@lru_cache(maxsize=4096)
def _as_written(written: str) -> str | None:
    """A date as written ("5 March 2025", "March 2025", "2025") as YYYY-MM-DD, YYYY-MM or YYYY."""
    for fmt, width in (("%d %B %Y", 10), ("%B %d, %Y", 10), ("%Y-%m-%d", 10), ("%B %Y", 7), ("%Y", 4)):
        try:
            return datetime.strptime(written, fmt).date().isoformat()[:width]
        except ValueError:
            continue
    return None


def _wiki_citation(number: str, text: str) -> Footnote | None:
    """A wiki's reference: 'Author (date). "Title". Outlet. date. Retrieved date.': the outlet is
    the source and the date the publication's, never the access date ("Retrieved", "Archived")."""
    m = WIKI_CITATION.match(text)
    if m is None:
        return None
    when = m.group("date") or m.group("after")
    dates = list(DATE.finditer(when or ""))
    return Footnote(number, text, m.group("outlet").strip(), m.group("title"),
                    dates[0].group(1) if dates else None, bool(URL.search(text)), None)


def parse_entry(number: str, raw: str, previous: Footnote | None = None) -> Footnote:
    """"Publisher, Title, date, [url](#), locator" (any order of title and date) -> its parts.
    "Ibid." takes the previous entry's source, with its own locator."""
    text = WIKI_BACKLINK.sub("", " ".join(raw.split()))
    wiki = _wiki_citation(number, text)
    if wiki is not None:
        return wiki
    ibid = IBID.match(text)
    rest = text[ibid.end():] if ibid else text
    url = bool(URL.search(rest))
    clean = URL.sub("", rest).strip(" ,")
    if clean.endswith(".") and not clean.endswith("n.d."):
        clean = clean[:-1].rstrip(" ,")
    locator_match = LOCATOR.search(clean)
    locator = locator_match.group(1).strip() if locator_match else None
    if locator_match:
        clean = clean[:locator_match.start()].strip(" ,")
    if ibid and previous is not None:
        return replace(previous, number=number, text=text, locator=locator, ibid=True)
    dates = list(DATE.finditer(clean))
    when = (dates[-1].group(1) or dates[-1].group(2)) if dates else None
    if dates:
        clean = (clean[:dates[-1].start()] + clean[dates[-1].end():]).strip(" ,")
    clean = re.sub(r"^(?:See\s+(?:also\s+)?|Sources?\s*:\s*)", "", clean)
    raw_parts = [p.strip() for p in re.split(r",\s+|,(?=\s*$)|(?<=[”\"]),?\s+(?=[A-Z])", clean) if p.strip()]
    parts = [p.strip(" “”\"‘’") for p in raw_parts]  # "25,000" stays whole
    title: str | None
    if raw_parts and re.match(r"^[“\"‘']", raw_parts[0]) and len(parts) > 1:  # "“Title”, Publisher, date"
        publisher, title = parts[1], ", ".join([parts[0], *parts[2:]])
    else:
        publisher = parts[0] if parts else None
        title = ", ".join(parts[1:]) or None
    cites = bool(url or when or (publisher and len(publisher.split()) <= 10 and title)) and not (
        EXPLANATORY.match(text) and not url and not when)
    return Footnote(number, text, publisher, title, when, url, locator, cites=cites)


def _entries(pairs: list[tuple[str, str]]) -> dict[str, Footnote]:
    out: dict[str, Footnote] = {}
    previous: Footnote | None = None
    for number, raw in pairs:
        if "©" in raw:
            raw = raw.split("©", 1)[0].strip()
        entry = parse_entry(number, raw, previous)
        out.setdefault(number, entry)
        previous = entry
    return out


# ------------------------------------------------------------------------------ styles

def _markdown(text: str) -> Notes | None:
    entries = list(MD_LIST_ENTRY.finditer(text))
    if not entries and not MD_MARKER.search(text):
        return None
    stop = entries[0].start() if entries else len(text)
    pairs = []
    for i, m in enumerate(entries):
        end = entries[i + 1].start() if i + 1 < len(entries) else len(text)
        pairs.append((m.group(1) or m.group(2), text[m.end():end].strip()))
    found = [Marker(m.group(1) or m.group(2), m.start(), m.end()) for m in MD_MARKER.finditer(text, 0, stop)]
    return Notes(stop, found, _entries(pairs))


def _pandoc(text: str) -> Notes | None:
    definitions = list(PANDOC_ENTRY.finditer(text))
    markers = [Marker(m.group(1), m.start(), m.end()) for m in PANDOC_MARKER.finditer(text)]
    if not definitions and not markers:
        return None
    taken = [(d.start(), d.end()) for d in definitions]
    body = [m for m in markers if not any(a <= m.start < b for a, b in taken)]
    return Notes(len(text), body, _entries([(d.group(1), d.group(2)) for d in definitions]), spans=taken)


def _brackets(text: str) -> Notes | None:
    """``[4]`` markers: taken when the text has a reference list, at least two of them, or one glued to
    the word before it ("worldwide,[1]")."""
    tags = [(m.start(), m.end()) for m in BRACKET_TAG.finditer(text)]
    heading = None
    for h in NOTES_HEADING.finditer(text):
        heading = h
    stop = heading.start() if heading else _closing_list(text)
    entries = list(BRACKET_ENTRY.finditer(text, heading.end() if heading else stop))
    raw = [m for m in BRACKET_MARKER.finditer(text, 0, stop) if not re.match(r"\]\(", text[m.end() - 1:m.end() + 1])]
    numeric = [m for m in raw if re.match(r"\d", m.group(1))]
    glued = [m for m in numeric if m.start() > 0 and re.match(r"[^\W\d]|[.,;:)\u201d\"']", text[m.start() - 1])]
    symbols = [m for m in raw if m.group(1)[0] in NOTE_SYMBOLS]  # "[†]": never a number
    if len(numeric) < 2 and not entries and not tags and not (numeric and glued == numeric) and not symbols:
        return None  # one "[1]" set apart may be a number; one glued to the word before is a marker
    markers: list[Marker] = []
    for m in raw:
        for number in _numbers(m.group(1)):
            markers.append(Marker(number, m.start(), m.end()))
    pairs = []
    for i, m in enumerate(entries):
        end = entries[i + 1].start() if i + 1 < len(entries) else len(text)
        pairs.append((m.group(1) or m.group(2), text[m.start(3):end].strip()))
    return Notes(stop, markers, _entries(pairs), tags=tags)


CLOSING_ENTRY = re.compile(r"[ \t]*\[\d{1,3}\][ \t]+\S")


def _closing_list(text: str) -> int:
    """Where a reference list of "[n] ..." lines that closes the text starts (blank lines between
    its entries allowed), or the text's end when none does. Read line by line from the end, as far
    as the list goes, not over the whole text."""
    start = end = len(text)
    while True:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        if line.strip():
            if not CLOSING_ENTRY.match(line):
                break
            start = begin
        if begin == 0:
            break
        end = begin - 1
    return start


def _numbers(written: str) -> list[str]:
    """"4, 5" -> 4, 5; "4-6" -> 4, 5, 6; "a" -> a; "note 3" -> note 3."""
    if not re.match(r"\d", written):
        return [written]
    out: list[str] = []
    for part in re.split(r"\s?,\s?", written):
        ends = re.split(r"\s?[–-]\s?", part)
        if len(ends) == 2 and ends[0].isdigit() and ends[1].isdigit() and 0 < int(ends[1]) - int(ends[0]) < 20:
            out.extend(str(n) for n in range(int(ends[0]), int(ends[1]) + 1))
        else:
            out.extend(e for e in ends if e)
    return out


def _superscripts(text: str) -> list[Marker]:
    out = []
    for m in SUPERSCRIPT.finditer(text):
        for part in re.split(r"[,‚]\s?", m.group(0)):
            out.append(Marker(part.translate(SUPER_DIGITS), m.start(), m.end()))
    return out


def _symbol_notes(text: str) -> tuple[list[Marker], list[tuple[str, str]], list[tuple[int, int]]]:
    """Notes marked by a symbol (``SYMBOL_ENTRY``) and the glued markers they number: the markers,
    the entries (symbol, text) and the entries' spans. A symbol with no note line marks nothing."""
    entries = {m.group(1).strip(): m for m in SYMBOL_ENTRY.finditer(text)}
    if not entries:
        return [], [], []
    markers = []
    for m in SYMBOL_MARKER.finditer(text):
        start = line_start(text, m.start())
        if m.group(1) in entries and (start is None or m.group(1)[0] not in text[start:m.start()]):
            markers.append(Marker(m.group(1), m.start(), m.end()))
    used = {k.number for k in markers}
    found = [e for k, e in entries.items() if k in used]
    return markers, [(e.group(1).strip(), e.group(2)) for e in found], [(e.start(), e.end()) for e in found]


def _symbol_entries(pairs: list[tuple[str, str]]) -> dict[str, Footnote]:
    """The entries of symbol notes; one that opens in lower case goes on with the statement it is
    glued to ("distributed*" ... "*in November 2020") and names no source."""
    return {k: replace(e, cites=False) if e.text[:1].islower() else e for k, e in _entries(pairs).items()}


class _Spans:
    """Whether a stretch overlaps, or an offset falls inside, any of a set of spans: among the spans
    that start before the stretch's end (a bisect over their starts), the one that reaches furthest
    reaches past its start. A look-up per stretch, not a scan of every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def holds(self, offset: int) -> bool:
        return self.overlaps(offset, offset + 1)


def _plain(text: str, taken: list[tuple[int, int]]) -> Notes | None:
    """Numbered entries (at the end, or between paragraphs) and the body's markers they number.

    An entry is a line "14 Source, title, date" (or "14. ..."); a run of them counts when some
    marker in the body has the same number. A marker is a number glued to a word or a sentence's
    end, or standing alone after the last word of a line ("people 1")."""
    inside = _Spans(taken).holds
    lines = [(m.group(1) or m.group(2) or m.group(3), m) for m in PLAIN_LIST_ENTRY.finditer(text)
             if not UNIT_WORD.match(m.group(4)) and not inside(m.start())]
    if not lines:
        return None
    bracketed = any(m.group(1) for _, m in lines)  # "(14) Source: ...": the body's markers are "(14)" too
    candidates = [(m.group(1), m.start(1), m.end(1)) for m in (*GLUED_MARKER.finditer(text), *SPACED_MARKER.finditer(text))
                  if not inside(m.start(1)) and not _decimal(text, m) and not _in_symbol(text, m.start(1))]
    if bracketed or _paren_markers(text):
        candidates += [(m.group(1), m.start(), m.end()) for m in PAREN_MARKER.finditer(text) if not inside(m.start())]
    listed = [(m.group(1) or m.group(2), m.start() - 1, m.end()) for m in LISTED_PAREN.finditer(text)
              if not inside(m.start())] if bracketed else []
    candidates += listed
    numbered = {n for n, _ in lines}
    markers = sorted({c for c in candidates if c[0] in numbered}, key=lambda t: t[1])
    markers += _run_on(listed, markers)
    numbers_cited = {n for n, _, _ in markers}
    counted = _in_a_cited_run(lines, numbers_cited)  # (once: it reads every line)
    entries = [(n, m) for n, m in lines if n in counted]
    if not entries:
        return None
    spans, pairs = [], []
    for i, (n, m) in enumerate(entries):
        end = _entry_end(text, m, entries[i + 1][1] if i + 1 < len(entries) else None)
        spans.append((m.start(), end))
        pairs.append((n, text[m.start(4):end].strip()))
    found = [Marker(n, a, b) for n, a, b in markers if not any(s <= a < e for s, e in spans)]
    if not found:
        return None
    heading = None
    for h in NOTES_HEADING.finditer(text, 0, spans[-1][0]):
        heading = h
    stop = len(text)
    if spans and not text[spans[-1][1]:].strip():  # the entries close the text: the body ends before them
        first_of_tail = spans[-1][0]
        for s, e in reversed(spans):
            if text[e:first_of_tail].strip():
                break
            first_of_tail = s
        between = text[heading.end():first_of_tail] if heading else ""
        only_entries = all(PLAIN_LIST_ENTRY.fullmatch(line) for line in between.splitlines() if line.strip())
        stop = heading.start() if heading and only_entries else first_of_tail  # uncited entries: still the list
    return Notes(stop, found, _entries(pairs), spans=[s for s in spans if s[0] < stop])


def _in_a_cited_run(lines: list[tuple[str, re.Match[str]]], cited: set[str]) -> set[str]:
    """The numbers of the entries that count: the cited ones and those in a run of entries counting
    one by one with a cited one ("203 Jane's ...", "204 ...", "205 ..." before a cited "206 ..."),
    whose markers an excerpt cut off; the run is a note list, its numbers no figures. Entries
    written "3." stay out unless cited: numbered headings ("1. Overview", "2. ...") run so too."""
    out: set[str] = set()
    run: list[str] = []
    for n, m in [*lines, ("", None)]:
        if n not in cited and m is not None and m.group(0).lstrip(" \t").startswith(n + "."):
            n = ""  # breaks the run
        if run and n.isdigit() and int(n) == int(run[-1]) + 1:
            run.append(n)
            continue
        if cited.intersection(run):
            out.update(run)
        run = [n] if n.isdigit() else []
    return out


def _run_on(listed: list[tuple[str, int, int]], markers: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """"(127)", "(128)" ... going on, one by one in the text's order, from the last "(126)" an
    excerpt's cut list still holds: the same markers, their entries cut off."""
    if not listed or not markers:
        return []
    last, after = max(((int(n), b) for n, _a, b in markers if n.isdigit()), default=(0, 0))
    out: list[tuple[str, int, int]] = []
    for n, a, b in listed:
        if a > after and int(n) == last + 1:
            out.append((n, a, b))
            last, after = last + 1, b
    return out


def _beyond_the_list(text: str, candidates: list[tuple[str, int, int]], markers: list[tuple[str, int, int]],
                     numbered: set[str]) -> list[tuple[str, int, int]]:
    """Markers whose entries the excerpt lacks: the next numbers after the last one listed, glued to
    a sentence's end after it ("... Turkey (1 in 23).4" when the list stops at 3), kept as markers
    (``Notes.missing`` names them)."""
    last = max((int(n) for n in numbered if n.isdigit()), default=0)
    if not markers or not last:
        return []
    ends = [b for n, _a, b in markers if n == str(last)]
    if not ends:
        return []
    after = min(ends)
    out: list[tuple[str, int, int]] = []
    for n, a, b in sorted(candidates, key=lambda c: c[1]):
        if a > after and n.isdigit() and int(n) == last + 1 + len(out) and text[a - 1] in ".)" \
                and re.match(r"[ \t]*(?:\n|$|[A-Z])", text[b:b + 2]):
            out.append((n, a, b))
            after = b
    return out


def _in_symbol(text: str, at: int) -> bool:
    """Digits ending a document symbol or a path ("A/HRC/20/CRP.1"), not a marker."""
    start = max(text.rfind(" ", max(0, at - 40), at), text.rfind("\n", max(0, at - 40), at)) + 1
    return "/" in text[start:at]


def _decimal(text: str, m: re.Match[str]) -> bool:
    """A glued number that is part of a decimal: its whole part ("Africa2.6 million"), or its
    fraction after a small number's point, not closing a sentence ("Pakistan 1.4 million", not
    "aged 20 to 35.15 Under ...")."""
    if re.match(r"[.,]\d", text[m.end(1):m.end(1) + 2]):  # "Southern Africa2.6 million": a number glued to its label
        return True
    return bool(AFTER_SMALL_NUMBER.search(text, max(0, m.start(1) - 5), m.start(1))
                and not ENDS_SENTENCE.match(text, m.end(1)))


def _entry_end(text: str, entry: re.Match[str], nxt: re.Match[str] | None) -> int:
    """An entry runs to the end of its line, and on over the lines that continue it (one that opens
    in lower case, a URL, or follows a line without a full stop), never past the next entry."""
    limit = nxt.start() if nxt else len(text)
    end = line_end(text, entry.end())
    while end < limit:
        line = text[end + 1:line_end(text, end + 1)]
        previous = text[text.rfind("\n", 0, end) + 1:end].rstrip()
        if not line.strip() or not (re.match(r"\s*(?:[a-z(]|https?:|www\.)", line) or
                                    (previous and not re.search(r"[.)\]]$", previous) and len(line) < 120)):
            break
        end = line_end(text, end + 1)
    return min(end, limit)


INLINE_NOTE = re.compile(r"(?<=[.,;:!?)\]\"”’])(?P<n>\d{1,2})(?=[“\"A-Z])(?P<entry>[^\n]{10,600}?"
                         r"(?:https?://\S+?|\b(?:19|20)\d\d\b)[^\n]{0,200}?\.)(?=\s+[A-Z“\"]|\s*$)")



# after a sentence's stop ("arrivals).1 In", "destroyed.168 Teachers", "in September 2020.2 That")
UNLISTED_MARKER = re.compile(r"(?:(?<=[a-z)][.;:])|(?<=\b(?:19|20)\d\d\.))(\d{1,3})(?=[ \t]+[A-Z\u201c\"]|[ \t]*\n)")
# set apart by a space after a sentence's stop: "... and 92 deaths). 1⏎", "... armed violence. 1 The large"
STOP_SPACED_MARKER = re.compile(rf"[.!?][\"\u201d\u2019)\]]?[ \t]+(\d{{1,3}})(?=[ \t]*(?:\n|$)|[ \t]+{NOTE_OPENER})")
WORD_MARKER = re.compile(r"(?<=[a-z]{3})(\d{1,3})(?=[.;:,](?:[ \t]|$)|[ \t]*$)", re.MULTILINE)  # "are civilians1."
# glued inside a sentence, before it goes on in lower case: after a word ("and Norway1 received"), a
# clause's comma ("countries,2 but", "in 2022,7 while") or a year the marker makes a longer number of
# ("published in August 20151 and": the year 2015, then marker 1); what stands before is looked behind
# from the first digit, so that the engine finds candidates by their digit
IN_SENTENCE_MARKER = re.compile(r"([1-9](?:(?<=[a-z]{3}\d)|(?<=[a-z]{3},\d)|(?<=\b(?:19|20)\d\d,\d)"
                                r"|(?<=[ \t](?:19|20)\d\d\d))\d?)(?![\d.,])(?=[ \t]+(?!(?:million|billion|thousand|per|percent)\b)[a-z]|[ \t]*\n)")
LOCATOR_DOT = re.compile(r"\b(?:fig|figs|no|nos|p|pp|vol|art|tab|ch|para|sec)\.$", re.IGNORECASE)  # "Fig.1 The"
UNLISTED_MAX = 20
# A PDF conversion can set a footnote number apart by spaces after the word or the full stop it
# follows ("minorities. 1 In August", "displaced 2 within the borders", "people 1 2.8 million", or
# ending its line: "injured. 4⏎", a title's "Conditions 1⏎"),
# never before a scale word, a percent, a plural noun (what a count is of) or a group of a thousands
# separator ("1 300")
# (the word before the number looked behind from its first digit, for the engine's fast look-up of a digit)
SPACED_NUMBER = re.compile(r"(\d(?:(?<=[a-z] \d)|(?<=[a-z][.,;:] \d))\d?)(?= (?!\d{3}\b)"
                           r"(?!(?:million|billion|thousand|per|percent|in|of|to|out|or|and a half)\b)"
                           r"(?:[A-Z\d]|[a-z]+(?<!s)\b)|[ \t]*\n)")
SPACED_LOCATOR = re.compile(  # a locator's number, or a count after a preposition ("1 in 3")
    r"\b(?:page|pages|p|pp|table|figure|fig|chart|map|annex|chapter|section|part|phase|"
                            r"level|step|article|paragraph|para|no|number|item|box|round|group|category|line|"
                            r"in|of|to|and|or|from|than|by|at|on|over|under|about|some|nearly|almost|only|just)\.?[ ]$",
                            re.IGNORECASE)


def _paren_markers(text: str) -> list[Marker]:
    """"(1)" markers glued after a sentence or a clause ("... worldwide.(1) An updated"), taken
    when they number from 1 up through the text, as footnotes do (not a list's "(1) ... (2)")."""
    found = list(PAREN_MARKER.finditer(text))
    numbers = [int(m.group(1)) for m in found]
    if len(found) < 2 or numbers[0] != 1 or numbers != sorted(numbers):
        return []
    return [Marker(m.group(1), m.start(), m.end()) for m in found]


def _numbered_up(text: str, found: list[re.Match[str]]) -> list[Marker]:
    """Candidate markers (group 1 the number) kept when they number from 1 up and are few (never a
    list of numbers), or run on one by one from a later number; a locator's number ("Fig.1") is none."""
    found = sorted((m for m in found if not LOCATOR_DOT.search(text, max(0, m.start() - 6), m.start())),
                   key=lambda m: m.start())
    numbers = [int(m.group(1)) for m in found]
    if not found or numbers != sorted(numbers) or len(found) > UNLISTED_MAX:
        return []
    if numbers[0] != 1 and (len(set(numbers)) < 2 or any(b - a > 1 for a, b in pairwise(numbers))):
        return []
    return [Marker(m.group(1), m.start(1), m.end(1)) for m in found]


def _unlisted_markers(text: str) -> list[Marker]:
    """Markers glued to a sentence's end in an excerpt that has none of their entries ("... (sea
    arrivals).1 In January", "... are civilians1."): kept, as missing notes, when they number from
    1 up and are few (never a list of numbers); or, in an excerpt from within a longer report, when
    they run on one by one from a later number ("destroyed.168 ... iraq.169"), with a number of the
    run fallen into the line by spaces ("north-eastern 167 nigeria")."""
    stops, words = list(UNLISTED_MARKER.finditer(text)), list(WORD_MARKER.finditer(text))
    inside = list(IN_SENTENCE_MARKER.finditer(text))
    markers = (_numbered_up(text, stops + words + inside) if inside else []) or _numbered_up(text, stops + words) \
        or _numbered_up(text, stops) or _numbered_up(text, words)
    if markers and markers[0].number != "1":  # the number before the run, between two words
        fallen = re.compile(rf"(?<=[a-z] )({int(markers[0].number) - 1})(?= [a-z])")
        before = list(fallen.finditer(text, 0, markers[0].start))
        if len(before) == 1:
            markers.insert(0, Marker(before[0].group(1), before[0].start(1), before[0].end(1)))
    return markers


def _stop_spaced_markers(text: str) -> list[Marker]:
    """Footnote numbers set apart by a space after a sentence's stop, before the end of the line or a
    word that opens the next sentence ("... and 92 deaths). 1⏎", "... armed violence. 1 The
    large"), in an excerpt with no marker of another form: kept as ``_unlisted_markers`` keeps
    glued ones, even one alone (a count does not stand between a stop and "The")."""
    return _numbered_up(text, list(STOP_SPACED_MARKER.finditer(text)))


def _spaced_markers(text: str) -> list[Marker]:
    """Footnote numbers set apart by spaces in an excerpt whose notes are not told apart: taken when
    they run 1, 2, 3, ... through the text (at least two; a number that breaks the run is no marker)."""
    out: list[Marker] = []
    for m in SPACED_NUMBER.finditer(text):
        if int(m.group(1)) == len(out) + 1 and not SPACED_LOCATOR.search(text, max(0, m.start() - 12), m.start()):
            out.append(Marker(m.group(1), m.start(1), m.end(1)))
    return out if 2 <= len(out) <= UNLISTED_MAX else []


def _glued_notes(text: str) -> Notes | None:
    """Notes a PDF conversion left inline, glued to the end of the sentence they back ("... to
    fall.1Michael Schwirtz, “Title,” The New York Times, March 2, 2022, https://... Fierce"):
    the number is the marker, and the entry runs to the full stop after its date or URL. Taken
    only when the numbers rise through the text, as footnotes do."""
    found = list(INLINE_NOTE.finditer(text))
    numbers = [int(m.group("n")) for m in found]
    if not found or numbers != sorted(numbers) or numbers[0] > 3:
        return None
    markers = [Marker(m.group("n"), m.start("n"), m.end("n")) for m in found]
    pairs = [(m.group("n"), m.group("entry")) for m in found]
    return Notes(len(text), markers, _entries(pairs), spans=[(m.start("entry"), m.end("entry")) for m in found])


# an author-date reference in the text, alone or in a group: "(UNHCR, 2022a)", "(WHO 29/09/2023, OCHA
# 28/09/2023)", "(VOA 18 May 2020; The Hindu 9 Oct. 2020)": each a name, then its date
AUTHOR = r"[A-Z][\w&.’'-]*(?:\s+(?:of|for|the|[A-Z][\w&.’'-]*)){0,5}"
AUTHOR_DATE = (rf"{AUTHOR},?\s+(?:\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\.?\s+(?:19|20)\d\d|"
               r"(?:19|20)\d\d(?:[a-f]|-\d\d-\d\d)?)")
AUTHOR_DATES = re.compile(rf"{AUTHOR_DATE}(?:\s*[,;]\s*{AUTHOR_DATE})*")
FIRST_AUTHOR = re.compile(rf"(?P<who>{AUTHOR}),?\s+[^,;]*?(?P<year>(?:19|20)\d\d)")


NOT_AUTHORS = re.compile(rf"\b(?:{MONTH}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday|FY|CY|AD|BC|CE|BCE)\b|\d")


def _authors_name(who: str) -> bool:
    """Whether the words before a date can name an author: an acronym ("UNHCR", "VOA") or two
    capitalised words ("The Hindu"), never a month, a weekday, a fiscal year or a number."""
    words = who.split()
    return not NOT_AUTHORS.search(who) and (any(len(w) > 1 and w.isupper() for w in words)
                                            or sum(w[:1].isupper() for w in words) >= 2)


def _author_date(key: str, inner: str) -> Footnote | None:
    """An author-date reference or group, as the entry of its first name: the source the text cites
    there (its date as the year). Not a place's name with a year ("(Kenya 2014)")."""
    from .gazetteer import find_places

    inner = inner.strip()
    first = FIRST_AUTHOR.match(inner) if AUTHOR_DATES.fullmatch(inner) else None
    if first is None:
        return None
    who = first.group("who")
    if not _authors_name(who):
        return None
    places = find_places(who, 0, len(who))
    if places and places[0][0].start == 0 and places[0][0].end == len(who):
        return None
    return Footnote(key, inner, who, None, first.group("year"), False, None)


def _inline(text: str, stop: int, taken: list[Marker]) -> tuple[list[Marker], dict[str, Footnote]]:
    found: list[Marker] = []
    entries: dict[str, Footnote] = {}
    previous: Footnote | None = None
    overlaps = _Spans([(t.start, t.end) for t in taken]).overlaps
    for m in INLINE.finditer(text, 0, stop):
        inner = m.group(1)
        is_ibid = bool(IBID.match(inner))
        first = inner.split(",", 1)[0].strip()
        looks_cited = ", " in inner and DATE.search(inner) and first[:1].isupper() and not re.search(r"\d", first)
        dated = _author_date(f"ref-{len(found) + 1}", inner) if not is_ibid and not looks_cited else None
        if not is_ibid and not looks_cited and dated is None:
            continue
        if is_ibid and previous is None:
            continue
        if overlaps(m.start(), m.end()):
            continue
        key = f"ref-{len(found) + 1}"
        previous = entries[key] = dated or parse_entry(key, inner, previous)
        found.append(Marker(key, m.start(), m.end()))
    return found, entries


def read_notes(text: str, given: list[Marker] | None = None, given_entries: dict[str, str] | None = None) -> Notes:
    """Every citation of a document. ``given``/``given_entries``: markers and entries a reader of
    the document's format already told apart (a PDF's superscripts and page feet)."""
    if given is not None or given_entries:
        notes = Notes(len(text), list(given or []), _entries(list((given_entries or {}).items())))
    else:
        notes = _markdown(text) or _pandoc(text) or Notes(len(text), [], {})
        brackets = _brackets(text) if not notes.markers else None
        if brackets is not None:
            notes = brackets
        if not notes.markers:
            notes = _glued_notes(text) or notes
        supers = _superscripts(text)
        plain = _plain(text, [*notes.spans, *((m.start, m.end) for m in notes.markers)])
        if plain is not None and (not notes.markers or not notes.entries):
            notes = Notes(min(notes.body_end, plain.body_end), sorted([*notes.markers, *plain.markers],
                                                                      key=lambda m: m.start),
                          {**plain.entries, **notes.entries}, [*notes.spans, *plain.spans], notes.tags)
        paren = _paren_markers(text)  # "(1)" markers, with their entries or none to be told apart
        if paren and (not notes.markers or any(text[m.start] == "(" for m in notes.markers)):
            taken = {m.start for m in notes.markers}
            notes = replace(notes, markers=sorted([*notes.markers, *(m for m in paren if m.start not in taken)],
                                                  key=lambda m: m.start))
        if supers:
            notes = replace(notes, markers=sorted([*notes.markers, *supers], key=lambda m: m.start))
        symbols, symbol_entries, symbol_spans = _symbol_notes(text)
        if symbols:
            notes = replace(notes, markers=sorted([*notes.markers, *symbols], key=lambda m: m.start),
                            entries={**_symbol_entries(symbol_entries), **notes.entries}, spans=[*notes.spans, *symbol_spans])
        if notes.markers and notes.entries:
            inside = _Spans(notes.spans).holds
            taken = {m.start for m in notes.markers}
            glued = [(m.group(1), m.start(1), m.end(1)) for m in GLUED_MARKER.finditer(text, 0, notes.body_end)
                     if m.start(1) not in taken and not inside(m.start(1)) and not _decimal(text, m)
                     and not _in_symbol(text, m.start(1))]
            beyond = _beyond_the_list(text, glued, [(m.number, m.start, m.end) for m in notes.markers],
                                      set(notes.entries))
            notes = replace(notes, markers=sorted([*notes.markers, *(Marker(*b) for b in beyond)],
                                                  key=lambda m: m.start))
        if not notes.markers:
            notes = replace(notes, markers=_unlisted_markers(text) or _spaced_markers(text)
                                          or _stop_spaced_markers(text))
    inline, entries = _inline(text, notes.body_end, notes.markers)
    markers = sorted([*notes.markers, *inline], key=lambda m: m.start)
    return Notes(notes.body_end, markers, {**notes.entries, **entries}, notes.spans, notes.tags)


def blank(text: str, markers: list[Marker], spans: Sequence[tuple[int, int]] = ()) -> str:
    """The text with every marker (and every span: entries, tags) replaced by spaces: offsets stay,
    marker text is gone. Line breaks inside a blanked span stay, so lines keep their places."""
    chars = list(text)
    for start, end in [*((m.start, m.end) for m in markers), *spans]:
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
