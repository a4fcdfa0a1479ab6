"""Footnote markers and the footnote list of EUAA-style markdown reports.

Markers in the text are ``^{[955](#)}`` or ``[959](#)``; the list after the text repeats each
marker alone on a line, followed by the entry ("Publisher, Title, date, [url](#), locator")."""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\)")
LIST_ENTRY = re.compile(r"^[ \t]*(?:\^\{\[(\d+)\]\(#\)\}|\[(\d+)\]\(#\))[ \t]*$", re.MULTILINE)
DATE = re.compile(r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|"
                  r"December) \d{4}|(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December) \d{4}|\d{4})\b|(?<!\w)(n\.d\.)")
LOCATOR = re.compile(r"\b(para(?:graph)?s?\.? ?\d[\d\-–, ]*|pp?\. ?\d[\d\-–]*|section \d[\d.]*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    number: str
    start: int
    end: int


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str
    publisher: str | None
    title: str | None
    date: str | None
    url: bool
    locator: str | None


def body_end(text: str) -> int:
    """Where the footnote list starts (the first marker alone on its line), else the text's end."""
    first = LIST_ENTRY.search(text)
    return first.start() if first else len(text)


def markers(text: str, end: int | None = None) -> list[Marker]:
    """Footnote markers in the body text."""
    stop = body_end(text) if end is None else end
    return [Marker(m.group(1) or m.group(2), m.start(), m.end()) for m in MARKER.finditer(text, 0, stop)]


def blank_markers(text: str) -> str:
    """The text with every marker replaced by spaces: offsets stay, marker digits are gone."""
    return MARKER.sub(lambda m: " " * len(m.group(0)), text)


def parse_entry(number: str, raw: str) -> Footnote:
    text = " ".join(raw.split())
    url = "[url](#)" in text
    clean = text.replace("[url](#)", "").strip(" ,")
    locator_match = LOCATOR.search(clean)
    locator = locator_match.group(1).strip() if locator_match else None
    if locator_match:
        clean = clean[:locator_match.start()].strip(" ,")
    dates = list(DATE.finditer(clean))
    date = (dates[-1].group(1) or dates[-1].group(2)) if dates else None
    if dates:
        clean = (clean[:dates[-1].start()] + clean[dates[-1].end():]).strip(" ,")
    parts = [p.strip() for p in clean.split(", ") if p.strip()]  # "25,000" stays whole
    publisher = parts[0] if parts else None
    title = ", ".join(parts[1:]) or None
    return Footnote(number, text, publisher, title, date, url, locator)


def footnotes(text: str) -> list[Footnote]:
    """The footnote list after the body, one entry per marker line."""
    entries = list(LIST_ENTRY.finditer(text))
    out = []
    for i, m in enumerate(entries):
        stop = entries[i + 1].start() if i + 1 < len(entries) else len(text)
        raw = text[m.end():stop].strip()
        if "©" in raw:
            raw = raw.split("©", 1)[0].strip()
        out.append(parse_entry(m.group(1) or m.group(2), raw))
    return out
