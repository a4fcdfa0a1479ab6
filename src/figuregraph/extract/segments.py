"""Sentences, paragraphs and headings of a text, by offsets, in one pass.

A sentence ends at ".", "!" or "?" before a space and a capital, a digit, a quote or a bracket,
unless the full stop closes an abbreviation ("Mr.", "e.g.", "U.S.", "Jan.") or an initial; at a
blank line; and at a line break when the line cannot go on (it ends a sentence, or it is a short
line: a heading, a list item, a table row) or the next line opens a list item. A heading is a
short line of its own without a sentence's end ("Record desertions among Russians").

Sentences longer than ``MAX_SENTENCE`` characters are cut at their last break before it (a
semicolon, a comma, a space), so that work per number stays bounded in run-on text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

MAX_SENTENCE = 1200
SHORT_LINE = 60
LINE_WINDOW = 400  # how far back or on a line is looked at for what a short line can be
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "v", "etc", "e.g", "i.e", "cf", "al",
                 "fig", "figs", "para", "paras", "pp", "p", "vol", "art", "arts", "sect", "ch", "approx", "est",
                 "inc", "ltd", "co", "corp", "dept", "gov", "govt", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                 "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "sgt", "capt", "maj", "rep", "sen",
                 "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "ibid", "op", "cit", "ed", "eds", "rev", "mt", "ft",
                 "n.d", "c", "ca"}
END = re.compile(r"[.!?](?:[\"'\u2019\u201d)\]]*)(?=\s+[\"'\u2018\u201c(\[]?[A-Z0-9\u00c0-\u024f])|[.!?](?=\s*$)")
BULLET = re.compile(r"^\s*(?:[•·▪●◦○■□➢►*–-]|\d{1,2}[.)]\s|[a-z][.)]\s|#)")
TERMINAL = re.compile(r"[.!?:;\"'\u2019\u201d)]\s*$")
INFOBOX_LINE = re.compile(r"[ \t]*[A-Z][a-z]{3,}(?:[ -][a-z]+){0,2}\d")  # an infobox's field: "Deaths16 (14 ...)"
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# A paragraph: characters up to a blank line, the runs between line breaks read at once (the
# same stretches as one character at a time, faster: tests/extract/test_extract_scans.py).
PARAGRAPH = re.compile(r"(?:[^\n]+|\n(?![ \t]*\n))+")


@dataclass(frozen=True)
class Segment:
    """A sentence: ``text[start:end]``; ``heading`` for a short line of its own without an end."""

    start: int
    end: int
    paragraph: int
    heading: bool = False


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    m = WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and text[m.start(1)].isupper())


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets just after the line breaks of a paragraph that end a sentence."""
    out = []
    at = text.find("\n", start, end)
    while at != -1:
        line_start = text.rfind("\n", start, at) + 1 if text.rfind("\n", start, at) >= start else start
        line = text[line_start:at]
        nxt_end = text.find("\n", at + 1, end)
        nxt = text[at + 1:nxt_end if nxt_end != -1 else end]
        stripped = line.strip()
        opens = bool(re.match(r"\s*[A-Z0-9\"'\u2018\u201c(\[]", nxt))
        if stripped and (TERMINAL.search(stripped) or BULLET.match(nxt) or (len(stripped) <= SHORT_LINE and opens)
                         or INFOBOX_LINE.match(nxt)) \
                and not stripped.endswith(("-", ",")):
            out.append(at + 1)
        at = nxt_end
    return out


def _cut(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """A run-on sentence cut into pieces of at most MAX_SENTENCE characters, at breaks."""
    pieces = []
    while end - start > MAX_SENTENCE:
        window = text[start:start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = start + (cut + 1 if cut > MAX_SENTENCE // 4 else MAX_SENTENCE)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def segments(text: str, stop: int | None = None) -> list[Segment]:
    """The sentences of ``text[:stop]`` in order (blank stretches skipped)."""
    stop = len(text) if stop is None else stop
    out: list[Segment] = []
    paragraph = 0
    for par in PARAGRAPH.finditer(text[:stop]):
        p_start, p_end = par.start(), par.end()
        if not par.group(0).strip():
            continue
        cuts = {p_start, p_end, *_line_breaks(text, p_start, p_end)}
        for m in END.finditer(text, p_start, p_end):
            if not _abbreviation(text, m.start()):
                cuts.add(m.end())
        bounds = sorted(cuts)
        for a, b in pairwise(bounds):
            piece = text[a:b]
            if not piece.strip():
                continue
            lead = len(piece) - len(piece.lstrip())
            for s, e in _cut(a + lead, b, text):
                out.append(Segment(s, e, paragraph, _heading(text, s, e)))
        paragraph += 1
    return out


def _heading(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end - 1)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].strip()
    whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
    if not whole_line or re.search(r"[.!?:;]\s*$", line):
        return False
    words = line.split()
    return 0 < len(words) <= 14 or (len(words) <= 40 and _title_case(words))


def _title_case(words: list[str]) -> bool:
    """A headline's capitals: most words of four letters or more open with one."""
    long = [w for w in words if len(re.sub(r"\W", "", w)) >= 4]
    return len(long) >= 4 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def line_start(text: str, at: int, window: int = LINE_WINDOW) -> int | None:
    """Where the line holding ``at`` starts, looked for at most ``window`` characters back; None
    when it starts further back (a line that long is prose: no label, caption or table row). The
    bound keeps the work per number constant in text without line breaks."""
    k = text.rfind("\n", max(0, at - window), at)
    if k != -1:
        return k + 1
    return 0 if at <= window else None


def line_end(text: str, at: int) -> int:
    """Where the line holding ``at`` ends (found without copying the rest of the text)."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def line_after(text: str, at: int, window: int = LINE_WINDOW) -> str | None:
    """The first non-blank line from ``at`` on, if it ends within ``window`` characters."""
    piece = text[at:at + window].lstrip("\n")
    end = piece.find("\n")
    if end != -1:
        return piece[:end]
    return piece if at + window >= len(text) else None
