"""Scanning a text for a pattern only where it can start: the same matches as ``finditer``, for
patterns whose every match opens on one of a few words or signs. Python's regular expressions try
a pattern that opens on a word boundary or a case-insensitive word at every position of the text;
a case-sensitive look-up of the opening words in the lower-cased text finds the few positions
worth trying, in one fast pass."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

# The characters that match an ASCII letter under re.IGNORECASE but do not lower-case to it (long s,
# dotless i, dotted capital I, which lower-cases to two characters): the lowered text holds that
# letter in their place, so that it shows every word a case-insensitive match may open on, at the
# text's offsets. (No other character matches an ASCII letter so, nor lower-cases to more than one.)
FOLDS_APART = {"\u017f": "s", "\u0131": "i", "\u0130": "i"}


def lowered(text: str) -> str | None:
    """The text in lower case with the same offsets (FOLDS_APART folded to their letters), or None
    where lower-casing would still move offsets."""
    for sign, letter in FOLDS_APART.items():
        if sign in text:
            text = text.replace(sign, letter)
    low = text.lower()
    return low if len(low) == len(text) else None


Starts = Callable[[str], Iterable[int]]  # the lowered text -> positions where a match may start
OPENINGS: list[Opening] = []  # every Opening made: the extractor's modules make theirs when imported


class Opening:
    """Positions where one of ``words`` (a case-sensitive alternation over lower-case ASCII) starts,
    not after an ASCII letter: for patterns that open on a word boundary then one of the words. A
    ``Starts`` that keeps its words, listed in ``OPENINGS`` (tests/extract/test_extract_scans.py
    checks their trees)."""

    def __init__(self, words: str) -> None:
        self.words = words
        OPENINGS.append(self)
        pattern = re.compile(rf"(?<![a-z])(?:{_tree(words)})")
        self._starts = last_text(lambda low: [m.start() for m in pattern.finditer(low)])

    def __call__(self, low: str) -> Iterable[int]:
        return self._starts(low)



def last_text(starts: Starts) -> Starts:
    """``starts``, remembering its answer for the last text it was given (the same string object):
    two patterns of a document that open on the same words look them up once. The answer is
    shared: never changed by those who read it."""
    held: list[object] = [None, None]

    def remembered(low: str) -> Iterable[int]:
        if held[0] is not low:
            held[0], held[1] = low, starts(low)
        return held[1]  # type: ignore[return-value]

    return remembered



LETTERS = re.compile(r"[a-z]+")


def _tree(words: str) -> str:
    """An alternation of lower-case words as a tree of their letters ("re(?:corded|ported)"), which
    the engine tries in a few steps at each position, not word by word; the same starts, as no match
    starts inside another (each follows no letter). Any other alternation as it is."""
    alternatives = words.split("|")
    return _branches(sorted(set(alternatives))) if all(LETTERS.fullmatch(w) for w in alternatives) else words


def _branches(words: list[str]) -> str:
    if "" in words:
        rest = [w for w in words if w]
        return f"(?:{_branches(rest)})?" if rest else ""
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w[1:])
    alternatives = [c + _branches(tails) for c, tails in sorted(by_letter.items())]
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def merged(*starts: Starts) -> Starts:
    """The positions any of several ``Starts`` give, in order, each once."""
    return lambda low: sorted({p for s in starts for p in s(low)})


def may_match(needles: tuple[str, ...], text: str | None) -> bool:
    """Whether a pattern each of whose matches holds one of ``needles`` can match ``text`` (the
    lowered text for a case-insensitive pattern; None, unknown: it can)."""
    if text is None:
        return True
    for n in needles:  # noqa: SIM110  (a loop, not any() over a generator: this runs for every sentence and needle)
        if n in text:
            return True
    return False


def stretches_back(text: str, n: int, start: int = 0, end: int | None = None) -> int:
    """An offset no later than the start of the ``n``-th stretch between spaces from the end of
    ``text[start:end]``; 0 when that part of the text holds fewer."""
    parts = text[start:end].rsplit(None, n)
    return start + len(parts[0]) if len(parts) > n else 0


def matches(pattern: re.Pattern[str], text: str, low: str | None, starts: Starts) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only at the positions ``starts`` gives (which
    must hold every position where a match can start; the pattern never matches empty)."""
    if low is None:
        yield from pattern.finditer(text)
        return
    at = 0
    for p in starts(low):
        if p < at:
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            at = m.end()
