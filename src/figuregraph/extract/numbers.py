"""Numbers as written in reports and news: digits with thousands separators (spaces, no-break
and thin spaces, commas), decimals, percentages, and counts in words ("tens of thousands",
"almost three hundred"). Each mention keeps its exact span in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model.bounds import rounding_unit

SEPARATORS = " \u00a0\u2009\u202f,"
_GROUPED = rf"\d{{1,3}}(?:[{SEPARATORS}]\d{{3}})+"
DIGITS = re.compile(rf"(?<![\w.,\u00a0\u2009\u202f])(?:(?P<grouped>{_GROUPED})(?P<glued>\d{{1,4}})?|(?P<plain>\d+))"
                    rf"(?:\.(?P<fraction>\d+))?(?P<percent>\s?%|\s(?:per\s?cent|percent)\b)?")

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
MAGNITUDES = {"tens of thousands": 10_000, "hundreds of thousands": 100_000, "thousands of": 1000,
              "hundreds of": 100, "dozens of": 10, "tens of millions": 10_000_000, "millions of": 1_000_000}
_WORD = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
WORDS = re.compile(rf"\b(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*\b", re.IGNORECASE)
MAGNITUDE = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in MAGNITUDES) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A number in the text: ``text[start:end]`` is what was written."""

    start: int
    end: int
    value: Decimal
    rounding: Decimal
    percent: bool = False
    magnitude: bool = False  # "tens of thousands": an order of magnitude, not a count
    in_words: bool = False
    footnote: str | None = None  # digits glued to the number: "700 000472" -> footnote 472
    footnote_start: int | None = None


def _words_value(text: str) -> int | None:
    total, current = 0, 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and" or not token:
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in SCALES:
            current = max(current, 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def find_numbers(text: str) -> list[Mention]:
    """Every number mention, in text order (digits, magnitudes in words, counts in words)."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in MAGNITUDE.finditer(text):
        value = Decimal(MAGNITUDES[m.group(0).lower()])
        found.append(Mention(m.start(), m.end(), value, value, magnitude=True, in_words=True))
        taken.append((m.start(), m.end()))
    for m in DIGITS.finditer(text):
        whole = m.group("grouped") or m.group("plain")
        digits = re.sub(f"[{SEPARATORS}]", "", whole)
        fraction = m.group("fraction")
        written = digits + (f".{fraction}" if fraction else "")
        end = m.end("fraction") if fraction else (m.end("grouped") if m.group("grouped") else m.end("plain"))
        percent = bool(m.group("percent"))
        glued = m.group("glued")
        rounding = rounding_unit(written)
        if percent and not fraction:
            rounding = Decimal(1)  # "10 %" is read to the unit
        found.append(Mention(m.start(), m.end("percent") if percent else end, Decimal(written), rounding,
                             percent=percent, footnote=glued, footnote_start=m.start("glued") if glued else None))
    for m in WORDS.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _words_value(m.group(0))
        if value is None or value < 2:
            continue
        found.append(Mention(m.start(), m.end(), Decimal(value), rounding_unit(str(value)), in_words=True))
    return sorted(found, key=lambda x: x.start)
