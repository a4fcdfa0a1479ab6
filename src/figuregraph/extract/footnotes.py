"""Citations in a document's text, in the three forms reports and articles use:

- EUAA-style markdown footnotes: markers ``^{[955](#)}`` or ``[959](#)`` in the text, and a
  list after it that repeats each marker alone on a line, followed by the entry;
- plain numeric footnotes: digits glued to a sentence's end ("since 2022.955 Furthermore")
  and a numbered list at the end ("955 UN Human Rights Council, ..."); a glued digit counts as
  a marker only when the list has that number;
- inline parenthetical references: "(Publisher, 5 March 2025, Title, p. 4)" and "(ibid.)".

Every citation becomes a ``Marker`` (its key and span in the text) with an ``Entry`` (the
cited source as the text gives it: publisher or author, title, date, URL, locator)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
import datetime as dt
from datetime import datetime

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MD_MARKER = re.compile(r"\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\)")
MD_LIST_ENTRY = re.compile(r"^[ \t]*(?:\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\))[ \t]*$", re.MULTILINE)
PLAIN_LIST_ENTRY = re.compile(r"^[ \t]*(\d{1,4})[.)]?[ \t]+(\S.*)$", re.MULTILINE)
PLAIN_MARKER = re.compile(r"(?<=[A-Za-z.,;:!?)\]'\"\u2019\u201d])(\d{1,4})(?=\s|$)")
NOTES_HEADING = re.compile(r"^[ \t]*(?:#+[ \t]*)?(?:Notes|Footnotes|Endnotes|References|Sources)[ \t]*:?[ \t]*$",
                           re.MULTILINE | re.IGNORECASE)
DATE = re.compile(rf"\b(\d{{1,2}} {MONTH} \d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}|{MONTH} \d{{4}}|\d{{4}}-\d\d-\d\d|"
                  r"(?:19|20)\d\d)\b|(?<!\w)(n\.d\.)")
LOCATOR = re.compile(r"\b(para(?:graph)?s?\.? ?\d[\d\-–, ]*|pp?\. ?\d[\d\-–]*|section \d[\d.]*)\s*$", re.IGNORECASE)
IBID = re.compile(r"^\s*ibid\.?,?\s*", re.IGNORECASE)
INLINE = re.compile(r"\(([^()\n]{2,300})\)")
URL = re.compile(r"\[url\]\(#\)|https?://\S+|\burl\b")


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

    @property
    def published(self) -> str | None:
        """The entry's date as YYYY-MM-DD, YYYY-MM or YYYY: as precise as it is written."""
        for fmt, width in (("%d %B %Y", 10), ("%B %d, %Y", 10), ("%Y-%m-%d", 10), ("%B %Y", 7), ("%Y", 4)):
            try:
                return datetime.strptime(self.date or "", fmt).date().isoformat()[:width]
            except ValueError:
                continue
        return None

    @property
    def day(self) -> dt.date | None:
        """The entry's date as a day (a month's first day when only the month is given)."""
        published = self.published
        if published is None or len(published) == 4:
            return None
        return dt.date.fromisoformat(published if len(published) == 10 else f"{published}-01")


@dataclass(frozen=True)
class Notes:
    """A document's citations: where its body ends, the markers in the body, the entries by key."""

    body_end: int
    markers: list[Marker]
    entries: dict[str, Footnote]


def parse_entry(number: str, raw: str, previous: Footnote | None = None) -> Footnote:
    """"Publisher, Title, date, [url](#), locator" (any order of title and date) -> its parts.
    "Ibid." takes the previous entry's source, with its own locator."""
    text = " ".join(raw.split())
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
    parts = [p.strip() for p in re.split(r",\s+|,(?=\s*$)", clean) if p.strip()]  # "25,000" stays whole
    publisher = parts[0] if parts else None
    title = ", ".join(parts[1:]) or None
    return Footnote(number, text, publisher, title, when, url, locator)


def _entries(pairs: list[tuple[str, str]]) -> dict[str, Footnote]:
    out: dict[str, Footnote] = {}
    previous: Footnote | None = None
    for number, raw in pairs:
        if "©" in raw:
            raw = raw.split("©", 1)[0].strip()
        previous = out[number] = parse_entry(number, raw, previous)
    return out


def _markdown(text: str) -> Notes | None:
    entries = list(MD_LIST_ENTRY.finditer(text))
    markers_in_body = MD_MARKER.search(text)
    if not entries and not markers_in_body:
        return None
    stop = entries[0].start() if entries else len(text)
    pairs = []
    for i, m in enumerate(entries):
        end = entries[i + 1].start() if i + 1 < len(entries) else len(text)
        pairs.append((m.group(1) or m.group(2), text[m.end():end].strip()))
    found = [Marker(m.group(1) or m.group(2), m.start(), m.end()) for m in MD_MARKER.finditer(text, 0, stop)]
    return Notes(stop, found, _entries(pairs))


def _plain(text: str) -> Notes | None:
    """A numbered list closing the text, and the glued markers in the body that it numbers."""
    lines = list(PLAIN_LIST_ENTRY.finditer(text))
    block: list[re.Match[str]] = []
    for m in reversed(lines):  # the last run of entries numbered one by one
        if block and (int(m.group(1)) != int(block[-1].group(1)) - 1
                      or text[m.end():block[-1].start()].strip() and not _continuation(text, m.end(), block[-1].start())):
            break
        block.append(m)
    block.reverse()
    if not block:
        return None
    heading = None
    for h in NOTES_HEADING.finditer(text, 0, block[0].start()):
        heading = h
    tail_start = heading.start() if heading and not text[heading.end():block[0].start()].strip() else block[0].start()
    numbers = {m.group(1) for m in block}
    found = [Marker(m.group(1), m.start(), m.end()) for m in PLAIN_MARKER.finditer(text, 0, tail_start)
             if m.group(1) in numbers]
    if not found:
        return None
    pairs = []
    for i, m in enumerate(block):
        end = block[i + 1].start() if i + 1 < len(block) else len(text)
        pairs.append((m.group(1), text[m.start(2):end].strip()))
    return Notes(tail_start, found, _entries(pairs))


def _continuation(text: str, start: int, end: int) -> bool:
    """Lines between two list entries that continue the first (no blank-line-separated prose)."""
    between = text[start:end]
    return "\n\n" not in between.strip("\n") and len(between) < 400


def _inline(text: str, stop: int, taken: list[Marker]) -> tuple[list[Marker], dict[str, Footnote]]:
    found: list[Marker] = []
    entries: dict[str, Footnote] = {}
    previous: Footnote | None = None
    for m in INLINE.finditer(text, 0, stop):
        inner = m.group(1)
        is_ibid = bool(IBID.match(inner))
        first = inner.split(",", 1)[0].strip()
        looks_cited = ", " in inner and DATE.search(inner) and first[:1].isupper() and not re.search(r"\d", first)
        if not is_ibid and not looks_cited:
            continue
        if is_ibid and previous is None:
            continue
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        key = f"ref-{len(found) + 1}"
        previous = entries[key] = parse_entry(key, inner, previous)
        found.append(Marker(key, m.start(), m.end()))
    return found, entries


def read_notes(text: str) -> Notes:
    """Every citation of a document (footnotes of either style, and inline references)."""
    notes = _markdown(text) or _plain(text) or Notes(len(text), [], {})
    inline, entries = _inline(text, notes.body_end, notes.markers)
    markers = sorted([*notes.markers, *inline], key=lambda m: m.start)
    return Notes(notes.body_end, markers, {**notes.entries, **entries})


def blank(text: str, markers: list[Marker]) -> str:
    """The text with every marker replaced by spaces: offsets stay, marker text is gone."""
    chars = list(text)
    for m in markers:
        if m.start < len(chars):
            chars[m.start:m.end] = " " * (min(m.end, len(chars)) - m.start)
    return "".join(chars)
