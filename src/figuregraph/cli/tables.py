"""Tables that fit the terminal: the width comes from ``COLUMNS`` or the terminal; the columns that
matter are shown (a query's ``#+ show:`` header, else every column but ids that have a label
column beside them), each cell in at most two lines; ``--wide`` shows every column, ``--columns``
the ones named. Piped output (no terminal, no ``COLUMNS``) gets every column and whole cells.

Nothing here imports the machinery: it works on display strings."""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, replace
from collections.abc import Sequence

from ..errors import UsageError

MAX_LINES = 2  # a cell is wrapped into at most this many lines by default
MIN_WIDTH = 8  # narrower than this, a column is hidden rather than squeezed
ELLIPSIS = "\u2026"
GROUPED = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")  # the space inside a number written in groups: 22 580
KEEP = "\ue000"  # stands for that space while wrapping: textwrap splits at ASCII whitespace only


@dataclass(frozen=True)
class Choice:
    """Which columns a table shows: ``wide`` every one, ``columns`` the ones named, else those of
    ``preferred`` (a query's ``#+ show:``) or the default."""

    wide: bool = False
    columns: tuple[str, ...] = ()
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """The columns shown (indexes), their widths (None: as wide as they need), those left out, and
    when cells are clipped, the lines each column's cells may take."""

    shown: tuple[int, ...]
    widths: tuple[int | None, ...]
    hidden: tuple[str, ...]
    clip: bool
    lines: tuple[int, ...] = ()


def terminal_width() -> int | None:
    """``COLUMNS`` if set, else the terminal's width; None when stdout is not a terminal."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _default(columns: Sequence[str]) -> list[int]:
    """Every column but an id beside its label (``source`` where ``sourceLabel`` is shown)."""
    names = set(columns)
    return [i for i, c in enumerate(columns) if f"{c}Label" not in names and f"{c}_label" not in names]


def _selected(columns: Sequence[str], choice: Choice) -> list[int]:
    if choice.columns:
        unknown = [c for c in choice.columns if c not in columns]
        if unknown:
            raise UsageError(f"no column '{unknown[0]}'; the columns are {', '.join(columns)}")
        return [columns.index(c) for c in choice.columns]
    if choice.wide:
        return list(range(len(columns)))
    preferred = [columns.index(c) for c in choice.preferred if c in columns]
    return preferred or _default(columns)


def _natural(column: str, cells: Sequence[str]) -> int:
    return max([len(column), *(len(line) for cell in cells for line in (cell.splitlines() or [""]))])


def _longest_word(cells: Sequence[str]) -> int:
    """The widest word of the cells, a number in groups ("22 580") counted as one word."""
    return max((len(word) for cell in cells for word in GROUPED.sub(KEEP, cell).split()), default=0)


def _capped(needs: list[int], available: int) -> list[int]:
    """The largest common cap on ``needs`` that fits ``available``; no column below MIN_WIDTH (or its
    own need, if less)."""
    floors = [min(n, MIN_WIDTH) for n in needs]
    low, high = 0, max(needs, default=0)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(needs, floors)) <= available:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(n, low)) for n, f in zip(needs, floors)]


def is_id(cells: Sequence[str]) -> bool:
    """A column of ids (no spaces): shown on one line, shortened rather than broken."""
    return all(" " not in cell and "\n" not in cell for cell in cells)


def _share(needs: list[int], ids: list[bool], available: int, words: Sequence[int] = ()) -> list[int]:
    """Widths within ``available``: first enough for two lines per cell of text (and for its widest
    word, ``words``) and one per id (the widest give way if even that does not fit), then what is left
    to the columns closest to fitting on one line."""
    if sum(needs) <= available:
        return needs
    # a little over half for text: words do not split evenly
    words = words or [0] * len(needs)
    halves = [n if one else min(n, max((n + 1) // 2 + 3, w)) for n, one, w in zip(needs, ids, words)]
    widths = halves if sum(halves) <= available else _capped(halves, available)
    spare = max(0, available - sum(widths))  # floors may take more than there is
    for i in sorted(range(len(needs)), key=lambda i: (needs[i] - widths[i], i)):
        extra = min(spare, needs[i] - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


def overhead(count: int) -> int:
    """Characters a rich table with its default box and padding adds around ``count`` columns."""
    return 3 * count + 1


def layout(columns: Sequence[str], cells: Sequence[Sequence[str]], choice: Choice, width: int | None) -> Layout:
    """How to show a table of display strings in ``width`` characters (None: piped, whole rows)."""
    # piped: every column (or the ones named), cells whole; no rows: nothing to fit
    shown = _selected(columns, replace(choice, wide=True) if width is None else choice)
    if width is None or not cells:
        return Layout(tuple(shown), tuple(None for _ in shown), (), clip=False)
    needs = {i: _natural(columns[i], [row[i] for row in cells]) for i in shown}
    keep = list(shown)
    if not choice.wide and not choice.columns:
        # hide columns until the narrowest widths fit: ids first, from the right, then the rest
        def fits() -> bool:
            return sum(min(needs[i], MIN_WIDTH) for i in keep) + overhead(len(keep)) <= width

        long_ids = [i for i in reversed(keep) if is_id([row[i] for row in cells]) and needs[i] > MIN_WIDTH]
        for i in [*long_ids, *reversed(keep)]:
            if fits() or len(keep) == 1:
                break
            if i in keep:
                keep.remove(i)
    one_line = [is_id([row[i] for row in cells]) for i in keep]
    words = [_longest_word([row[i] for row in cells]) for i in keep]
    widths = _share([needs[i] for i in keep], one_line, max(len(keep), width - overhead(len(keep))), words)
    hidden = tuple(columns[i] for i in range(len(columns)) if i not in keep)
    lines = tuple(1 if one else MAX_LINES for one in one_line)
    return Layout(tuple(keep), tuple(widths), hidden, clip=not choice.wide, lines=lines)


def clip_heading(name: str, width: int) -> str:
    """A column heading in at most two lines, broken between the words of a camelCase or snake_case
    name (``reported`` / ``By``) before it is broken anywhere else."""
    if len(name) <= width:
        return name
    words = re.split(r"(?<=[a-z0-9])(?=[A-Z])|(?<=_)", name)
    lines = [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(word) > width:
            lines.append("")
        lines[-1] += word
    if len(lines) <= MAX_LINES and all(len(line) <= width for line in lines):
        return "\n".join(lines)
    return clip(name, width)


def clip(text: str, width: int, lines: int = MAX_LINES) -> str:
    """The text wrapped to ``width``, in at most ``lines`` lines, the last one ending in an ellipsis
    if text was left out."""
    if lines == 1 and "\n" not in text:  # an id: its start, then an ellipsis
        return text if len(text) <= width else text[:max(1, width - 1)] + ELLIPSIS
    wrapped = wrap(text, width)
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    kept[-1] = kept[-1][:width - 1].rstrip() + ELLIPSIS
    return "\n".join(kept)


def wrap(text: str, width: int) -> list[str]:
    """The text's lines wrapped to ``width`` between words, a number in groups ("22 580") kept whole;
    a word or id wider than ``width`` breaks after a hyphen where it has one, else where it must."""
    return [piece.replace(KEEP, " ") for part in (text.splitlines() or [""])
            for piece in (textwrap.wrap(GROUPED.sub(KEEP, part), width, break_long_words=True,
                                        break_on_hyphens=True) or [""])]
