"""Parts and totals the text states: "22 580 cases out of a total of 50 500", "496 of 7 400",
"496 of these cases" / "of them" (a part of the figure before), "of which 496" / "of whom 496"."""

from __future__ import annotations

import bisect
import re
from typing import Protocol
from collections.abc import Sequence

OUT_OF = re.compile(r"^[\s\w’'-]{0,40}?\b(?:out\s+of|of)\s+(?:a\s+|the\s+)?(?:total\s+(?:of\s+)?)?$", re.IGNORECASE)
OF_THESE = re.compile(r"\s+(?:\w+\s+)?of\s+(?:these|those|them|this\s+total|the\s+total)\b", re.IGNORECASE)
OF_WHICH = re.compile(r"\bof\s+(?:which|whom)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


class Spanned(Protocol):
    number_start: int
    number_end: int
    percent: bool
    sentence: tuple[int, int]


def parts_and_totals(text: str, found: Sequence[Spanned]) -> list[tuple[int, int]]:
    """(part index, total index) pairs among a document's figures, in text order."""
    pairs: list[tuple[int, int]] = []
    starts = sorted({g.sentence[0] for g in found})
    for i, f in enumerate(found):
        if f.percent:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and not nxt.percent and nxt.sentence == f.sentence:
            between = text[f.number_end:nxt.number_start]
            if ("total" in between and OUT_OF.match(between)) or re.fullmatch(r"\s+(?:out\s+)?of\s+", between):
                pairs.append((i, i + 1))
                continue
        if i > 0 and (OF_THESE.match(text, f.number_end) or OF_WHICH.search(text[f.sentence[0]:f.number_start])):
            earlier = starts[bisect.bisect_left(starts, f.sentence[0]) - 1] if f.sentence[0] > starts[0] else f.sentence[0]
            j = next((j for j in range(i - 1, -1, -1) if not found[j].percent), None)
            if j is not None and found[j].sentence[0] >= earlier:
                pairs.append((i, j))
    return pairs
