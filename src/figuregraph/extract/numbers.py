"""Numbers as written in reports and news, each with its exact span in the text:

- digits with thousands separators (spaces, no-break and thin spaces, commas), decimals,
  percentages ("12 %", "12 per cent", "15-percent"), a currency before or after ("US$123",
  "EUR 34", "2 million euros") and a scale word after ("4.3 million", "EUR 180 mn", "$2bn");
- counts in words ("two", "thirty-two", "five million", "a hundred thousand") and orders of
  magnitude ("tens of thousands", "hundreds", "millions");
- fractions and ratios ("half", "a third", "two-thirds", "one in five", "1 in 6", "1 for every
  1,000") and multiples ("double", "twice", "four-fold", "three times").

A number that a text writes with a scale word keeps the precision it was written with: "4.3
million" is 4 300 000 rounded to the hundred thousand. Fractions are kept to four decimals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..model.bounds import rounding_unit
from .scan import Starts, last_text, lowered, matches, merged, Opening

MAX_DIGITS = 24  # a longer run of digits is not a figure (and would not fit a decimal's sane range)
SEPARATORS = " \u00a0\u2009\u202f,"
_GROUPED = rf"\d{{1,3}}(?:[{SEPARATORS}]\d{{3}})+"
CURRENCY_BEFORE = r"(?P<cur>US\$|A\$|C\$|NZ\$|HK\$|\$|€|£|¥|₴|₽|\b(?:USD|EUR|GBP|CHF|UAH|RUB|SDG|SYP)\s?)?"
# Scale words: written out (in a count in words, "two hundred", and after digits from a thousand
# up, "4.3 million"), and their abbreviations after digits ("EUR 180 mn", "$2bn", "12m", "5k").
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ABBREVIATED_SCALES = {"mln": 10**6, "bln": 10**9, "bn": 10**9, "mn": 10**6, "tn": 10**12, "m": 10**6, "k": 10**3}
_AFTER_DIGITS = {w: v for w, v in SCALES.items() if v >= 1000}  # "thousand" to "trillion"
NAMED_SCALES = "|".join(_AFTER_DIGITS)  # "thousand|million|billion|trillion"
SCALE_WORDS = {**_AFTER_DIGITS, **ABBREVIATED_SCALES}  # after digits: its factor
_SCALE = (rf"(?:[ \t\u00a0]*(?P<scale>(?:{NAMED_SCALES})s?|{'|'.join(w for w in ABBREVIATED_SCALES if len(w) > 1)})\b"
          r"|(?P<short>[mk]|bn)\b(?![.,]\d))")
CURRENCY_AFTER = r"(?P<curafter>\s+(?:euros?|dollars?|pounds?|US dollars|USD|EUR|hryvnias?|roubles?|rubles?)\b)?"
PERCENT = r"(?P<percent>[ \t\u00a0\u202f]?%|\s(?:per\s?cent|percent)\b|-(?:per\s?cent|percent)\b|\s?pc\b)?"
DIGITS = re.compile(
    rf"{CURRENCY_BEFORE}(?<![\w.,\u00a0\u2009\u202f/])(?:(?P<grouped>{_GROUPED})(?P<glued>\d{{1,4}})?|(?P<plain>\d+))"
    rf"(?:\.(?P<fraction>\d+))?(?:{_SCALE})?{CURRENCY_AFTER}{PERCENT}", re.IGNORECASE)
# Digits glued to a label in an infobox or a table converted to text ("Europe4.39 million"), read
# only with a scale word after them, so that "G20" or "M23" stay names.
GLUED_TO_LABEL = re.compile(r"(?<=[a-z])(?P<plain>\d{1,4})(?:\.(?P<fraction>\d+))?\s?(?P<scale>million|billion|thousand)\b")
# A year's comma with no space after it ("As of March 2022,1.4 million"): the number after it is its
# own, read with its scale word (the digits after the comma are no thousands group)
AFTER_YEAR_COMMA = re.compile(r"(?<=\b(?:19|20)\d\d,)(?P<plain>\d{1,3})(?:\.(?P<fraction>\d+))?\s?"
                              r"(?P<scale>million|billion|thousand)\b")
# An infobox converted to text glues each field's label to its value at the start of a line
# ("Deaths14[1]", "Weapons2 semi-automatic rifles", "Deaths16 (14 civilians, 2 shooters)").
INFOBOX_FIELD = re.compile(r"^[ \t]*[A-Z][a-z]{3,}(?:[ -][a-z]+){0,2}(?P<plain>\d{1,3}(?:,\d{3})+|\d{1,6})"
                           r"(?=[ \t]*(?:\[\d|\(|$)|[ \t]+[a-z])", re.MULTILINE)
# Text converted from a PDF can space out a decimal point before a scale word on the next line
# ("26 . 4\n\nmillion refugees"): one number.
SPACED_DECIMAL = re.compile(r"(?<![\d.,])(?P<plain>\d{1,3}) \. (?P<fraction>\d{1,3})\s*\n\s*(?P<scale>million|billion|thousand)\b",
                            re.IGNORECASE)
# The scale word can stand on the next line in text converted from a PDF ("5.7\n\nmillion").
SCALE_ON_NEXT_LINE = re.compile(rf"\s*\n\s*({NAMED_SCALES})\b", re.IGNORECASE)

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MAGNITUDES = {"tens of thousands": 10_000, "hundreds of thousands": 100_000, "tens of millions": 10_000_000,
              "hundreds of millions": 100_000_000, "thousands": 1000, "hundreds": 100, "millions": 10**6,
              "billions": 10**9, "dozens": 10}
_WORD = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
WORDS = re.compile(rf"\b(?:an?\s+(?=hundred|thousand|million|billion))?(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*\b",
                   re.IGNORECASE)
MAGNITUDE = re.compile(r"\b(?:many\s+)?(?:" + "|".join(re.escape(m) for m in MAGNITUDES) + r")\b(?!\s+of\s+(?:the|a|an|them|these|those)\b)",
                       re.IGNORECASE)
FRACTIONS = {"half": (1, 2), "third": (1, 3), "quarter": (1, 4), "fourth": (1, 4), "fifth": (1, 5),
             "sixth": (1, 6), "tenth": (1, 10)}
_NUMERATOR = r"(?:a|one|two|three|four|five|nine)"
FRACTION = re.compile(rf"\b(?:(?P<num>{_NUMERATOR})[\s-]+)?(?P<frac>half|thirds?|quarters?|fourths?|fifths?|sixths?|tenths?)\b"
                      r"(?![\s-]+(?:of\s+)?(?:the\s+)?(?:year|century|decade|month|day|final|time|one\b|wave|round|term))",
                      re.IGNORECASE)  # "a third one", "a third wave": ordinals
# "half a million", "a quarter of a million", "three quarters of a billion": one number
FRACTION_OF_SCALE = re.compile(rf"\b(?:(?P<num>{_NUMERATOR})[\s-]+)?(?P<frac>half|thirds?|quarters?|fourths?|fifths?|tenths?)"
                               rf"\s+(?:of\s+)?an?\s+(?P<scale>{NAMED_SCALES})\b", re.IGNORECASE)
# "12m people", "300m euros": "m" is millions before what is counted (else metres as often)
COUNTED_AFTER_M = re.compile(r"[ \t\u00a0]+(?:people|persons|refugees|migrants|children|civilians|residents|users|"
                             r"euros?|dollars?|pounds?|roubles?|rubles?|hryvnias?|tonnes|barrels|doses)\b", re.IGNORECASE)
RATIO = re.compile(rf"(?<!\d[ \u00a0\u202f])(?<![\d,.])\b(?P<a>\d{{1,3}}|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+"
                   rf"(?!(?:1[89]|20)\d\d\b)(?P<b>\d[\d,]*|{_WORD})\b"  # "3,100 in 2023" is a count and a year
                   r"|\b(?P<c>1|one)\s+for\s+every\s+(?P<d>\d[\d,]*)\b", re.IGNORECASE)
MULTIPLE = re.compile(r"\b(?P<word>doubled?|tripled?|trebled?|quadrupled?|twice|thrice)\b"
                      rf"|\b(?P<n>\d+|{_WORD})-fold\b", re.IGNORECASE)
MULTIPLES = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "treble": 3, "trebled": 3,
             "quadruple": 4, "quadrupled": 4, "thrice": 3}
FOUR_PLACES = Decimal("0.0001")


@last_text
def _digit_runs(low: str) -> list[int]:
    return [m.start() for m in _DIGIT_RUN.finditer(low)]


def _currency_signs(low: str) -> list[int]:
    """Where a currency written before a number may start: a sign, or up to two letters before a
    dollar sign ("US$", "NZ$")."""
    return [p - back for m in _SIGN.finditer(low) for p in (m.start(),) for back in (2, 1, 0) if p >= back]


def _fold_word(low: str) -> list[int]:
    """Where the word before "-fold" starts."""
    out = []
    for m in _FOLD.finditer(low):
        p = m.start()
        while p > 0 and low[p - 1].isalnum():
            p -= 1
        out.append(p)
    return out


@last_text
def _glued_digits(low: str) -> list[int]:
    """Where a run of digits follows a letter ("Europe4.39 million", "Deaths14")."""
    return [p for p in _digit_runs(low) if p and "a" <= low[p - 1] <= "z"]


def _after_comma(low: str) -> list[int]:
    """Where a run of digits follows a comma ("March 2022,1.4 million")."""
    return [p for p in _digit_runs(low) if p and low[p - 1] == ","]


def _glued_lines(low: str) -> list[int]:
    """Where the lines start that hold a run of digits glued to a letter (an infobox's field)."""
    out: list[int] = []
    for p in _glued_digits(low):
        start = low.rfind("\n", 0, p) + 1
        if not out or out[-1] != start:
            out.append(start)
    return out


_SEPARATOR = re.compile(f"[{SEPARATORS}]")
_DIGIT_RUN = re.compile(r"\d+")  # (its starts: where a digit follows no digit, found by runs at once)
_SIGN = re.compile(r"[$€£¥₴₽]")
_FOLD = re.compile(r"-fold")
_CODES = Opening("usd|eur|gbp|chf|uah|rub|sdg|syp")
_WORD_STARTS = Opening(r"an?\s|one|two|thr|fou|fiv|six|sev|eig|nin|ten|ele|twe|thi|fif|for|hun|tho|mil|bil|tri")
_FRACTION_STARTS = Opening("a|one|two|three|four|five|nine|half|third|quarter|fourth|fifth|sixth|tenth")
# Where a match of each pattern can start (scan.matches): its opening words, signs or digits.
STARTS: dict[re.Pattern[str], Starts] = {
    MAGNITUDE: Opening("many|tens|hundreds|thousands|millions|billions|dozens"),
    RATIO: merged(_digit_runs, Opening("one|two|three|four|five|six|seven|eight|nine")),
    FRACTION: _FRACTION_STARTS,
    FRACTION_OF_SCALE: _FRACTION_STARTS,
    MULTIPLE: merged(Opening("doubl|tripl|trebl|quadrupl|twice|thrice"), _fold_word),
    DIGITS: merged(_digit_runs, _currency_signs, _CODES),
    SPACED_DECIMAL: lambda low: _digit_runs(low) if " . " in low else [],
    GLUED_TO_LABEL: _glued_digits,  # (its digits follow a lower-case letter)
    AFTER_YEAR_COMMA: _after_comma,
    INFOBOX_FIELD: _glued_lines,  # (a line whose label's last letter the digits follow)
    WORDS: _WORD_STARTS,
}


@dataclass(frozen=True)
class Mention:
    """A number in the text: ``text[start:end]`` is what was written (currency and scale included)."""

    start: int
    end: int
    value: Decimal
    rounding: Decimal
    percent: bool = False
    magnitude: bool = False  # "tens of thousands": an order of magnitude, not a count
    in_words: bool = False
    footnote: str | None = None  # digits glued to the number: "700 000472" -> footnote 472
    footnote_start: int | None = None
    currency: str | None = None  # "USD", "EUR", ... as written
    fraction: bool = False  # "half", "1 in 6": a share, kept to four decimals
    multiple: bool = False  # "twice", "four-fold"
    digits_end: int = 0  # where the digits end (before the scale, currency or percent words)


def words_value(text: str) -> int | None:
    total, current = 0, 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("and", "a", "an") or not token:
            if token in ("a", "an"):
                current = max(current, 1)
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


def _share(numerator: int, denominator: int) -> tuple[Decimal, Decimal, Decimal]:
    """A fraction to four places: (value, lower, upper) with the bounds the rounding leaves."""
    exact = Decimal(numerator) / Decimal(denominator)
    value = exact.quantize(FOUR_PLACES, ROUND_HALF_UP)
    return value, exact.quantize(FOUR_PLACES, ROUND_FLOOR), exact.quantize(FOUR_PLACES, ROUND_CEILING)


CURRENCY_SIGNS = (("us$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₴", "UAH"),
                  ("₽", "RUB"), ("euro", "EUR"), ("dollar", "USD"), ("pound", "GBP"), ("hryvnia", "UAH"),
                  ("rouble", "RUB"), ("ruble", "RUB"))


def currency_code(written: str) -> str | None:
    """The code of a currency as written ("US$" -> USD, "roubles" -> RUB, "EUR" -> EUR)."""
    written = written.strip().lower()
    if not written:
        return None
    return next((code for sign, code in CURRENCY_SIGNS if sign in written), written.upper())


def _currency(m: re.Match[str]) -> str | None:
    return currency_code(m.group("cur") or m.group("curafter") or "")


def _digits(text: str, folded: str | None) -> list[Mention]:
    found = []
    for m in matches(DIGITS, text, folded, STARTS[DIGITS]):
        whole = m.group("grouped") or m.group("plain")
        digits = _SEPARATOR.sub("", whole)
        fraction = m.group("fraction")
        if len(digits) + len(fraction or "") > MAX_DIGITS:
            continue
        written = digits + (f".{fraction}" if fraction else "")
        digits_end = m.end("fraction") if fraction else (m.end("grouped") if m.group("grouped") else m.end("plain"))
        percent = bool(m.group("percent"))
        glued = m.group("glued")
        value, rounding = Decimal(written), rounding_unit(written)
        if percent and not fraction:
            rounding = Decimal(1)  # "10 %" is read to the unit
        scale_word = (m.group("scale") or m.group("short") or "").lower()
        if scale_word.endswith("s") and scale_word[:-1] in _AFTER_DIGITS:  # "3.2 millions": the writer's plural
            scale_word = scale_word[:-1]
        end = m.end()
        if not scale_word and not percent and (fraction or len(digits) <= 3):
            nxt = SCALE_ON_NEXT_LINE.match(text, digits_end)
            if nxt:
                scale_word, end = nxt.group(1).lower(), nxt.end()
        if scale_word == "m" and m.group("short") and not m.group("cur") and not COUNTED_AFTER_M.match(text, m.end("short")):
            scale_word = ""  # "5m" without a currency: metres as often as millions
        if scale_word == "k" and not m.group("cur"):
            scale_word = ""
        if scale_word:
            factor = Decimal(SCALE_WORDS[scale_word])
            value, rounding = value * factor, rounding * factor
        elif not percent:
            end = digits_end + (len(m.group("curafter")) if m.group("curafter") else 0)
        start = m.start("cur") if m.group("cur") else m.start("grouped") if m.group("grouped") else m.start("plain")
        found.append(Mention(start, end, value, rounding, percent=percent, footnote=glued,
                             footnote_start=m.start("glued") if glued else None, currency=_currency(m),
                             digits_end=digits_end))
    return found


def find_numbers(text: str) -> list[Mention]:
    """Every number mention, in text order; where two readings overlap the longer one wins."""
    found: list[Mention] = []
    folded = lowered(text)
    for m in matches(MAGNITUDE, text, folded, STARTS[MAGNITUDE]):
        key = re.sub(r"^many\s+", "", m.group(0).lower())
        value = Decimal(MAGNITUDES[key])
        found.append(Mention(m.start(), m.end(), value, value, magnitude=True, in_words=True, digits_end=m.end()))
    for m in matches(RATIO, text, folded, STARTS[RATIO]):
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        numerator = int(a) if a.isdigit() else UNITS.get(a.lower(), 0)
        denominator = int(b.replace(",", "")) if b[0].isdigit() else (words_value(b) or 0)
        if not numerator or denominator <= numerator:
            continue
        value, low, high = _share(numerator, denominator)
        found.append(Mention(m.start(), m.end(), value, max(high - low, FOUR_PLACES), fraction=True,
                             in_words=not a.isdigit(), digits_end=m.end()))
    for m in matches(FRACTION, text, folded, STARTS[FRACTION]):
        denominator_word = m.group("frac").lower().rstrip("s")
        numerator_word = (m.group("num") or "a").lower()
        numerator = 1 if numerator_word in ("a", "one") else UNITS[numerator_word]
        _base, denominator = FRACTIONS[denominator_word]
        value, low, high = _share(numerator, denominator)
        found.append(Mention(m.start(), m.end(), value, Decimal(1) / Decimal(denominator), fraction=True,
                             in_words=True, digits_end=m.end()))
    for m in matches(FRACTION_OF_SCALE, text, folded, STARTS[FRACTION_OF_SCALE]):
        numerator_word = (m.group("num") or "a").lower()
        numerator = 1 if numerator_word in ("a", "one") else UNITS[numerator_word]
        _base, denominator = FRACTIONS[m.group("frac").lower().rstrip("s")]
        scale = SCALES[m.group("scale").lower()]
        value = Decimal(numerator * scale) / Decimal(denominator)
        found.append(Mention(m.start(), m.end(), value, Decimal(scale) / Decimal(denominator), in_words=True,
                             digits_end=m.end()))
    for m in matches(MULTIPLE, text, folded, STARTS[MULTIPLE]):
        if m.group("word"):
            n = MULTIPLES[m.group("word").lower()]
        else:
            raw = m.group("n")
            n = int(raw) if raw.isdigit() else (words_value(raw) or 0)
        if n >= 2:
            found.append(Mention(m.start(), m.end(), Decimal(n), Decimal(1), multiple=True, in_words=True,
                                 digits_end=m.end()))
    found.extend(_digits(text, folded))
    for m in (*matches(GLUED_TO_LABEL, text, folded, STARTS[GLUED_TO_LABEL]),
              *matches(AFTER_YEAR_COMMA, text, folded, STARTS[AFTER_YEAR_COMMA]),
              *matches(SPACED_DECIMAL, text, folded, STARTS[SPACED_DECIMAL])):
        written = m.group("plain") + (f".{m.group('fraction')}" if m.group("fraction") else "")
        factor = Decimal(SCALE_WORDS[m.group("scale").lower()])
        found.append(Mention(m.start(), m.end(), Decimal(written) * factor, rounding_unit(written) * factor,
                             digits_end=m.end("fraction") if m.group("fraction") else m.end("plain")))
    for m in matches(INFOBOX_FIELD, text, folded, STARTS[INFOBOX_FIELD]):
        written = m.group("plain").replace(",", "")
        found.append(Mention(m.start("plain"), m.end("plain"), Decimal(written), rounding_unit(written),
                             digits_end=m.end("plain")))
    for m in matches(WORDS, text, folded, STARTS[WORDS]):
        for start, end in _word_numbers(m):
            worded = words_value(text[start:end])
            if worded is None or worded < 1:
                continue
            found.append(Mention(start, end, Decimal(worded), rounding_unit(str(worded)), in_words=True,
                                 digits_end=end))
    return _longest_first(found)


def _word_numbers(m: re.Match[str]) -> list[tuple[int, int]]:
    """A run of number words split into numbers: "and" joins inside one ("two hundred and fifty"),
    but not after a thousand or more ("a hundred thousand and five million" is two)."""
    spans: list[tuple[int, int]] = []
    start = m.start()
    last_scale = 0
    for token in re.finditer(r"[A-Za-z]+", m.group(0)):
        word = token.group(0).lower()
        if word == "and" and last_scale >= 1000:
            spans.append((start, m.start() + token.start()))
            start = -1
            last_scale = 0
            continue
        if start == -1:
            start = m.start() + token.start()
        last_scale = SCALES.get(word, last_scale if word in ("and", "a", "an") else 0)
    spans.append((start, m.end()))
    trimmed = [(a, a + len(m.string[a:b].rstrip())) for a, b in spans if a >= 0]  # the run's own text, not from 0
    return [(a, b) for a, b in trimmed if b > a]


def _longest_first(found: list[Mention]) -> list[Mention]:
    """One reading per stretch of text: in each run of overlapping mentions the longest wins
    (then the earliest), and the others that do not overlap it stay."""
    out: list[Mention] = []
    cluster: list[Mention] = []
    reach = -1
    for m in sorted(found, key=lambda x: (x.start, -x.end)):
        if cluster and m.start >= reach:
            out.extend(_resolve(cluster))
            cluster = []
        cluster.append(m)
        reach = max(reach, m.end) if len(cluster) > 1 else m.end
    out.extend(_resolve(cluster))
    return sorted(out, key=lambda x: x.start)


def _resolve(cluster: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for m in sorted(cluster, key=lambda x: (-(x.end - x.start), x.start)):
        if all(m.end <= c.start or c.end <= m.start for c in chosen):
            chosen.append(m)
    return chosen
