"""What a figure counts: the measure of the vocabulary whose label and definition best match
the words around the number (stemmed, weighted by rarity, the number's own phrase counting
more than the rest of its sentence). Percentages match percentage measures only; a measure fits
only a number that counts what its label's head noun names ("demonstrators" and "members" are no
"demonstration events"; "people" any count of persons) and that is money in the measure's
currency, or no money when the measure names none. When nothing matches well enough, the words
the number counts become a proposed new measure."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .lexicon import MeasureEntry
from .numbers import currency_code

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
PERSON_NOUNS = ("soldiers", "troops", "personnel", "people", "persons", "deserters", "conscripts", "officers",
                "servicemen", "men", "women", "children", "refugees", "detainees", "prisoners", "convictions")
ANY_PERSONS = ("people", "persons", "individuals")  # a head noun that counts persons of any kind
PROPOSED = "Proposed by ingest"  # how the definition of a measure ingest proposed begins, until reviewed
# where a label's head noun ends: a relative pronoun or preposition, or an adverb or participle after it
HEAD_ENDS = set("""who whom whose that which of for in on at by from to as with under per since during between across
into over against among compared""".split())
# what happened to what is counted: "people killed" and "people injured" are two measures
OUTCOMES = ("killed", "injured", "wounded", "dead", "died", "displaced", "fled", "detained", "arrested", "missing",
            "executed", "abducted", "kidnapped", "rescued", "returned", "deported", "damaged", "destroyed",
            "charged", "prosecuted", "convicted", "sentenced", "fined", "evacuated", "resettled", "relocated")
OUTCOME_AFTER = re.compile(r"\s+(?:(?:who|that)\s+)?(?:(?:have|has|had|were|was|are|is|remain|remained)\s+)?"
                           r"(?:(?:been|being|reportedly|reported)\s+)?(" + "|".join(OUTCOMES) + r")\b", re.IGNORECASE)
CURRENCY_WORD = re.compile(r"us\$|\$|€|£|¥|₴|₽|\b(?:euros?|dollars?|hryvnias?|roubles?|rubles?|usd|eur|gbp|uah|rub)\b",
                           re.IGNORECASE)
_LEAD = r"^\s*(?:of\s+(?:such\s+|these\s+|the\s+)?)?((?:[a-z][a-z-]*\s+){0,2}?"
NOUN = re.compile(_LEAD + r"[a-z][a-z-]*s)\b", re.IGNORECASE)
IRREGULAR = re.compile(_LEAD + r"(?:people|men|women|children|personnel|police|staff))\b", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(STEMMER.stemWord(word))


@lru_cache(maxsize=8192)
def terms(text: str) -> tuple[str, ...]:
    """The stemmed content words of a text (cached: a sentence's figures share its words)."""
    return tuple(_terms(text))


def head(label: str) -> str | None:
    """The stem of the noun a measure's label counts: "personnel" of "military personnel who
    deserted", "people" of "people internally displaced", "events" of "demonstration events"; for
    a share, what it is a share of."""
    words = WORD.findall(label.lower())
    if words[:2] in (["share", "of"], ["percentage", "of"]):
        words = words[2:]
    kept: list[str] = []
    for w in words:
        if w in HEAD_ENDS or (kept and w.endswith(("ly", "ed")) and not kept[-1].endswith(("ly", "ed"))):
            break
        kept.append(w)
    return _terms(kept[-1])[0] if kept and _terms(kept[-1]) else None


def _counted_head(counted: str) -> str | None:
    """The stem of the noun a number's words count: the last, or the one before what happened to it."""
    words = [w for w in WORD.findall(counted.lower()) if w not in OUTCOMES]
    stems = _terms(words[-1]) if words else []
    return stems[0] if stems else None


def currency(entry: MeasureEntry) -> str | None:
    """The currency a measure's label, unit or definition names, if any."""
    for text in (entry.label, entry.unit_label, entry.definition):
        found = CURRENCY_WORD.search(text)
        if found:
            return currency_code(found.group(0))
    return None


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
        self.heads = [head(m.label) for m in measures]
        self.currencies = [currency(m) for m in measures]
        self.outcomes = [_outcomes(m.label) for m in measures]  # what happened to what each counts
        self.proposed = [m.definition.startswith(PROPOSED) for m in measures]  # ingest's, not reviewed
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

    def _coverage(self, v: Counter[str], context: Counter[str], presence: bool = False) -> float:
        """How much of a measure's description (weighted by rarity) the context says; with
        ``presence``, a word counts fully wherever in the context it stands."""
        mass = self._mass[id(v)]
        said = sum(w * self.idf[t] * (1.0 if presence else min(context[t], 1.0)) for t, w in v.items() if t in context)
        return said / mass if mass else 0.0

    def fits(self, i: int, counted: str | None, money: str | None, own: Counter[str]) -> bool:
        """Whether measure ``i`` can count what a number counts: the head noun of ``counted`` (the
        words the number counts) agrees with the label's, or when the text gives no such words, the
        number's own phrase (``own``: its terms) says the label's head noun; and the number's currency
        (``money``) is the measure's."""
        if money != self.currencies[i] or (counted and not _outcomes(counted) <= self.outcomes[i]):
            return False
        said = _counted_head(counted) if counted else None
        wanted = self.heads[i]
        if wanted is None or said == wanted:
            return True
        if said is None:  # a proposal is only another text's counted words: no words, no proof of them
            return wanted in own and not self.proposed[i]
        m = self.measures[i]
        if said in ANY_PERSON_STEMS:
            return m.unit == "person" or wanted in PERSON_STEMS
        if wanted in ANY_PERSON_STEMS:
            return said in PERSON_STEMS
        # "40 % of deserters": a share of deserters; "7,400 convictions": "personnel convicted of ..."
        return said in self.labels[i] and (m.unit == "percent" or (m.unit == "person" and said in PERSON_STEMS))

    def match(self, phrase: str, sentence: str, percent: bool, counted: str | None,
              money: str | None = None) -> MeasureMatch:
        """``phrase``: the number's own words; ``sentence``: the rest of its sentence and the one before;
        ``counted``: the words the number counts; ``money``: its currency, if it is an amount of money."""
        own = Counter(terms(phrase))
        context: Counter[str] = Counter()
        for t in own:
            context[t] += 1.0  # type: ignore[assignment]  # float weights (see __init__)
        for t in terms(sentence):
            context[t] += 0.3  # type: ignore[assignment]
        best: tuple[float, str | None] = (0.0, None)
        for i, (m, v, label) in enumerate(zip(self.measures, self.vectors, self.labels)):
            if (m.unit == "percent") != percent or self._coverage(label, context, presence=True) < LABEL_COVERAGE \
                    or not self.fits(i, counted, money, own):
                continue
            score = self._coverage(v, context)
            if score > best[0]:
                best = (score, m.id)
        if best[1] is not None and best[0] >= MIN_SCORE:
            return MeasureMatch(best[1], best[0])
        return MeasureMatch(None, best[0], f"share of {counted}" if percent and counted else counted)


PERSON_STEMS = {t for w in PERSON_NOUNS for t in _terms(w)}
ANY_PERSON_STEMS = {t for w in ANY_PERSONS for t in _terms(w)}
def counted_words(after_number: str) -> str | None:
    """The plural noun phrase a number counts ("cases", "asylum applications"), if the text gives one."""
    m = NOUN.match(after_number)
    if m is None:
        return None
    words = m.group(1).lower().split()
    if words[-1] in STOP or words[-1] in VERB_LIKE:  # "$4.5 million was raised", "flee as": no noun counted
        return None
    return " ".join(words)


def counted_noun(after_number: str) -> str | None:
    """What a number counts, for its measure: ``counted_words``, or a plural without an "s" that
    ends sooner ("10.1 million people across"); with what happened to them when the next words say
    it ("4.1 million people have been displaced": "people displaced")."""
    plain, irregular = NOUN.match(after_number), IRREGULAR.match(after_number)
    if irregular is not None and (plain is None or irregular.end() <= plain.end()) \
            and not STOP.intersection(irregular.group(1).lower().split()):  # "35 were women": no noun counted
        noun, end = irregular.group(1).lower(), irregular.end()
    else:
        noun, end = counted_words(after_number), plain.end() if plain else 0
    outcome = OUTCOME_AFTER.match(after_number, end) if noun else None
    return f"{noun} {outcome.group(1).lower()}" if noun and outcome else noun


def _outcomes(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w in OUTCOMES}
