"""What a figure counts: the measure of the vocabulary whose label and definition best match
the words around the number (stemmed, weighted by rarity, the number's own phrase counting
more than the rest of its sentence). Percentages match percentage measures only. When nothing
matches well enough, the words the number counts become a proposed new measure."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .lexicon import MeasureEntry

STEMMER = snowballstemmer.stemmer("english")
WORD = re.compile(r"[A-Za-z]+")
STOP = set("""a an the of in on at to for from by with without and or but as is are was were be been being have has had
their its his her them they it this that these those such who whom which what there here than then so not no
nor into over under about nearly almost some more less most least up down out per cent percent total reportedly
also other all any each both either""".split())
MIN_SCORE = 0.12
VERB_LIKE = {"flees", "rises", "falls", "remains", "says", "goes", "comes", "makes", "takes", "gets", "does"}
# Words for members of armed forces, read as the "personnel" that measure labels say.
SYNONYMS = {"soldier": "personnel", "troop": "personnel", "servicemen": "personnel", "serviceman": "personnel",
            "conscript": "personnel", "offic": "personnel", "mobilis": "personnel", "mobil": "personnel",
            "percent": "percentag"}
LABEL_COVERAGE = 0.6  # a measure fits only when the context says most of what its label says
NOUN = re.compile(r"^\s*(?:of\s+(?:such\s+|these\s+|the\s+)?)?((?:[a-z][a-z-]*\s+){0,2}?[a-z][a-z-]*s)\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(STEMMER.stemWord(word))


@lru_cache(maxsize=8192)
def terms(text: str) -> tuple[str, ...]:
    """The stemmed content words of a text (cached: a sentence's figures share its words)."""
    return tuple(_terms(text))


def _terms(text: str) -> list[str]:
    stems = [_stem(w.lower()) for w in WORD.findall(text) if w.lower() not in STOP and len(w) > 1]
    return [SYNONYMS.get(t, t) for t in stems] + (["percentag", "share"] if "%" in text else [])


@dataclass(frozen=True)
class MeasureMatch:
    id: str | None  # None: no measure of the vocabulary fits; see ``proposed``
    score: float
    proposed: str | None = None  # the words counted, as a label for a new measure


class MeasureMatcher:
    """Which measure of the vocabulary a number's words and sentence describe best."""

    def __init__(self, measures: list[MeasureEntry]) -> None:
        self.measures = measures
        self.vectors: list[Counter[str]] = []
        self.labels: list[Counter[str]] = [Counter(terms(m.label)) for m in measures]
        for m in measures:
            v: Counter[str] = Counter()
            # (typeshed types a Counter's counts as int; these weights are floats, hence the ignores)
            for t in terms(m.label):
                v[t] += 1.0  # type: ignore[assignment]
            for t in terms(m.definition):
                v[t] += 0.5  # type: ignore[assignment]
            for t in terms(m.unit_label):
                v[t] += 0.5  # type: ignore[assignment]
            self.vectors.append(v)
        df = Counter(t for v in self.vectors for t in v)
        n = max(len(measures), 1)
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._mass = {id(v): sum(w * self.idf[t] for t, w in v.items()) for v in (*self.vectors, *self.labels)}

    @staticmethod
    def of(measures: list[MeasureEntry]) -> MeasureMatcher:
        """The matcher of a lexicon's measures, made once for them, not once per document."""
        held = _MATCHERS.get(id(measures))
        if held is None or held[0] is not measures:
            if len(_MATCHERS) >= 8:  # lists made and dropped (tests): keep only the recent ones
                _MATCHERS.clear()
            held = _MATCHERS[id(measures)] = (measures, MeasureMatcher(measures))
        return held[1]

    def _coverage(self, v: Counter[str], context: Counter[str], presence: bool = False) -> float:
        """How much of a measure's description (weighted by rarity) the context says; with
        ``presence``, a word counts fully wherever in the context it stands."""
        mass = self._mass[id(v)]
        said = sum(w * self.idf[t] * (1.0 if presence else min(context[t], 1.0)) for t, w in v.items() if t in context)
        return said / mass if mass else 0.0

    def match(self, phrase: str, sentence: str, percent: bool, counted: str | None) -> MeasureMatch:
        """``phrase``: the number's own words; ``sentence``: the rest of its sentence and the one before."""
        context: Counter[str] = Counter()
        for t in terms(phrase):
            context[t] += 1.0  # type: ignore[assignment]  # float weights (see __init__)
        for t in terms(sentence):
            context[t] += 0.3  # type: ignore[assignment]
        best: tuple[float, str | None] = (0.0, None)
        for m, v, label in zip(self.measures, self.vectors, self.labels):
            if (m.unit == "percent") != percent or self._coverage(label, context, presence=True) < LABEL_COVERAGE:
                continue
            score = self._coverage(v, context)
            if score > best[0]:
                best = (score, m.id)
        if best[1] is not None and best[0] >= MIN_SCORE:
            return MeasureMatch(best[1], best[0])
        return MeasureMatch(None, best[0], f"share of {counted}" if percent and counted else counted)


_MATCHERS: dict[int, tuple[list[MeasureEntry], MeasureMatcher]] = {}


def counted_words(after_number: str) -> str | None:
    """The plural noun phrase a number counts ("cases", "asylum applications"), if the text gives one."""
    m = NOUN.match(after_number)
    if m is None:
        return None
    words = m.group(1).lower().split()
    if words[-1] in STOP or words[-1] in VERB_LIKE:  # "$4.5 million was raised", "flee as": no noun counted
        return None
    return " ".join(words)
