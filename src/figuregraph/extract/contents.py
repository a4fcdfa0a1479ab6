"""A document's table of contents: the page numbers closing its entries are no figures. An entry is
a line of a heading's words and the page it starts on ("Executive summary 3", "II. Detention ....
9"); a run of at least CONTENTS_ENTRIES entries is a table of contents when its pages do not go
down and it follows a "Contents" heading or every entry has dot leaders (a one-column table of
counts under row labels has neither)."""

from __future__ import annotations

import re

CONTENTS_ENTRIES = 3
CONTENTS_HEADING = re.compile(r"^[ \t]*(?:table of contents|contents|[ií]ndice|sommaire|inhalt)[ \t]*:?[ \t]*$",
                              re.IGNORECASE | re.MULTILINE)
# an optional section number, a capitalised heading with no digits, dot leaders or spaces, the page
ENTRY = re.compile(r"[ \t]*(?:(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[A-Z])[.)][ \t]+)?[A-Z][^\d\n]{1,90}?"
                   r"(?P<leader>[ \t]*(?:\.{3,}|\u2026+)[ \t]*|[ \t]+)(?P<page>\d{1,3})[ \t]*")


def contents_pages(text: str) -> set[int]:
    """Where the page numbers of the text's tables of contents start."""
    pages: set[int] = set()
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]*", text) if m.group(0).strip()]
    run: list[tuple[int, re.Match[str]]] = []
    for start, line in [*lines, (len(text), "")]:
        entry = ENTRY.fullmatch(line)
        if entry is not None and (not run or int(entry.group("page")) >= int(run[-1][1].group("page"))):
            run.append((start, entry))
            continue
        if _is_contents(text, run):
            pages.update(at + m.start("page") for at, m in run)
        run = [(start, entry)] if entry is not None else []
    return pages


def _is_contents(text: str, run: list[tuple[int, re.Match[str]]]) -> bool:
    if len(run) < CONTENTS_ENTRIES:
        return False
    if all(m.group("leader").strip() for _at, m in run):
        return True
    before = text[:run[0][0]].rstrip("\n").rsplit("\n", 2)  # the heading on one of the two lines before
    return any(CONTENTS_HEADING.fullmatch(line) for line in before[-2:])
