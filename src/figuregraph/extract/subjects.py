"""What a figure is about: the actor or place the sentence ties to its number.

Of the names that may be one (``usable``: no reporter, acting force, currency's country, world
compared with), in order: the first place of a list a count of places opens ("three countries,
namely Chad, ..."); a name the number's own phrase leads to ("16 000 Russian military personnel",
"10 % of the Russian armed forces", "soldiers of Russia's Central military district"); else
the nearest name before the number in its sentence, skipping the reporter and the inside of
a relative clause ("the Southern district, which comprises the North Caucasus (22 580
cases)"); else the subject of the figure before it in the same or the previous paragraph.
A possessive ("Russia's Central military district") names the possessed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .mentions import Named

LEADS_TO = re.compile(r"(?:\b(?:of|in|on|into|from|among|within|across|at|for|fled|left|entered|crossed|reached)\s+(?:the\s+|all\s+)?"
                      r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*'s\s+)?|^\s*)$")
RELATIVE = re.compile(r"(?:,\s*|\s)(?:which|who|whose|where)\b")
POSSESSIVE = re.compile(r"^['\u2019]s\s+$")
CLAUSE_BREAK = re.compile(r"[,;:()]|\s-\s(?!or\b)")
ABBREVIATION = re.compile(r"\((?:[A-Z][A-Za-z]*[A-Z][a-z]?s?|[A-Z]{2,}-[A-Z]+)\)")  # "(IDPs)", "(UNHCR)", "(KR-I)"
LABELS_NEXT = re.compile(r"[ \t]*\d")  # "Turkey 3.7 million Colombia 1.7 million": Colombia is the next cell's
OWN_NOUN = re.compile(r"[ \t]*(?:[a-z]+[ \t]+)?")  # a number's own noun phrase: "5.3 million Palestinian", "12 Syrian"
BRACKETED_NEXT = re.compile(r"[ \t]*\([ \t]*(?:US\$|USD|EUR|\$|\u20ac|\u00a3)?[ \t]*")  # "Amran (1,602.13)": the bracket's label
JOINED = re.compile(r"\b(?:and|while|whereas|but|with|including|of whom|of which)\b")  # clauses joined: the second shares what the first names
MAX_WORDS_AFTER = 12
# the words for a country's divisions ("the province", "three governorates, namely ...")
DIVISIONS = ("province", "region", "state", "district", "governorate", "county", "oblast", "prefecture", "department",
             "municipality")
_PLACES_COUNTED = "|".join(["countries", "nations", "territories", *(w[:-1] + "ies" if w.endswith("y") else w + "s"
                                                                   for w in DIVISIONS)])
LISTED_AFTER = re.compile(rf"(?:[ \t]+(?:{_PLACES_COUNTED}))?[ \t]*,?[ \t]*(?:namely|including|such as|:)[ \t]+(?:the[ \t]+)?")
# "hosting 400,000 refugees before the escalation of violence in Sudan": a place after a cause or a time
# ("before", "since", "as a result of" ...) names what happened there, not what the number counts
ADJUNCT = re.compile(r"\b(?:before|after|since|following|amid|due to|because of|as a result of)\s+(?:the|a|an|its|their)\b")
# Demonyms by their endings: a people's adjective ("Israeli", "Russian", "Sudanese", "Turkish"), and
# its people, the adjective with an "s" after an "i", an "an" or an "in" ("Israelis", "Venezuelans",
# "Montenegrins"; not a place so ending, "Athens") or as it is ("Sudanese")
ADJECTIVE_ENDINGS = ("i", "an", "ian", "ese", "ish", "ic")
ADJECTIVE = re.compile(rf"[A-Z][a-z]+(?:{'|'.join(ADJECTIVE_ENDINGS)})")
PEOPLE = re.compile(r"[A-Z][a-z]+(?:is|ans|ins|ese)")
# "killed in Israeli strikes", "the Russian invasion of Ukraine", "the Israeli army committed": a
# people's adjective before the force that acts names who acts, not where or whom the figure counts
AGENT_AFTER = re.compile(r"\s+(?:air\s*strikes?|airstrikes?|strikes?|attacks?|army|armed forces|forces|troops|"
                         r"military|invasion|offensive|bombardments?|shelling|missiles?|drones?|raids?|occupation|"
                         r"aggression|assault)\b")
# "across the country", "the country's": a country the text named before, not a smaller place ("of origin" is another)
THE_COUNTRY = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+country(?:['\u2019]s)?\b(?!\s+of\b)")
# "13% of the entire population of the province": the division named before, not its country
THE_DIVISION = re.compile(rf"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:\w+\s+)?(?:{'|'.join(DIVISIONS)})\b")
IN_PLACE = re.compile(r"\b(?:in|into|from|across|throughout|within)\s+(?:the\s+)?(?:[a-z]+\s+)?$")  # "in northern Malawi"
FRAME = re.compile(r"\W*(?:In|At|Across|Within|Throughout)\s+(?:the\s+)?$")  # a sentence opening on where
# The world as what a figure is compared with, not what it counts: the set a superlative or a rank is
# taken in ("the largest refugee-hosting country worldwide", "ranks 14th globally") or the whole a
# share is taken of ("half of the world's refugees", "two thirds of all refugees in the world")
RANKED_IN = re.compile(r"\b(?:largest|biggest|highest|lowest|smallest|most|fewest|top|leading|ranks?|ranked|ranking|"
                       r"\d+(?:st|nd|rd|th))\b[^,;:.()]*$")
WHOLE_OF = re.compile(r"(?<!\brest )\bof\s+(?:all\s+(?:the\s+)?\w+(?:\s+\w+)?\s+)?$")


def _possessed(names: list[Named], text: str) -> list[Named]:
    """Drop a name that only qualifies the next one ("Russia" in "Russia's Central ... district")."""
    out = []
    for i, n in enumerate(names):
        nxt = names[i + 1] if i + 1 < len(names) else None
        if nxt and POSSESSIVE.match(text[n.end:nxt.start]):
            continue
        out.append(n)
    return out


def _agent(n: Named, text: str) -> bool:
    """Whether a name is a people's adjective on the force that acts ("Israeli strikes")."""
    return bool(ADJECTIVE.fullmatch(text, n.start, n.end) and AGENT_AFTER.match(text, n.end))


# A currency named with its country ("Swiss francs", "U.S. dollars"): the name qualifies the unit, not the subject
CURRENCY_AFTER = re.compile(r"\.?\s+(?:dollars?|francs?|pounds?|euros?|yen|yuan|rupees?|dinars?|pesos?|shillings?|"
                            r"riyals?|rials?|lira|liras|krona|kronor|krone|kroner|rubles?|roubles?)\b")


def currency_named(n: Named, text: str) -> bool:
    """Whether a name is the country part of a currency's name written after a number."""
    return bool(CURRENCY_AFTER.match(text, n.end)) and any(c.isdigit() for c in text[max(0, n.start - 16):n.start])


def own_clause(text: str, number_end: int, sentence_end: int) -> int:
    """Where the clause the number is in ends, after it (a comma, a bracket, a dash; else the sentence's end);
    a bracket holding only an abbreviation ("97,000 internally displaced persons (IDPs) sheltering ... across
    South Sudan") names what it follows and goes on with the clause."""
    stop = CLAUSE_BREAK.search(text, number_end, sentence_end)
    while stop and (short := ABBREVIATION.match(text, stop.start())) and short.end() <= sentence_end:
        stop = CLAUSE_BREAK.search(text, short.end(), sentence_end)
    return stop.start() if stop else sentence_end


def _clause_after(text: str, number_end: int, sentence_end: int, names: list[Named]) -> Iterator[tuple[Named, str]]:
    """The names after the number within its own clause, in order, each with the text between them."""
    limit = own_clause(text, number_end, sentence_end)
    for n in names:
        if number_end <= n.start < limit:
            yield n, text[number_end:n.start]


def not_anothers(text: str, sentence_start: int, number: tuple[int, int], names: list[Named],
                 others: list[tuple[int, int]]) -> list[Named]:
    """``names`` without those that qualify another number of the sentence (``others``, as offsets), before
    this one ("5.3 million Palestinian refugees registered by UNRWA 40.3 million internally displaced":
    Palestine is the 5.3 million's), or, for a number opening a bracket, that label an earlier bracket's
    ("Hajjah (559), Ibb (486)": Hajjah is the 559's, not the 486's)."""
    owned = [n for n in names if n.end <= number[0] and any(
        end <= n.start and OWN_NOUN.fullmatch(text, end, n.start) for _start, end in others)
        and not LABELS_NEXT.match(text, n.end)  # "Colombia 1.7 million": the next number's label
        and not JOINED.search(text, n.end, number[0])]  # "3.4 million Iraqis fled and 5.2 million"
    opens = text.rfind("(", sentence_start, number[0])
    labels = [n for n in names if opens != -1 and BRACKETED_NEXT.fullmatch(text, opens, number[0]) and any(
        n.end <= start < opens and BRACKETED_NEXT.fullmatch(text, n.end, start) for start, _end in others)]
    return [n for n in names if n not in owned and n not in labels]


def after_number(text: str, number_end: int, sentence_end: int, names: list[Named]) -> Named | None:
    """A name the number's phrase leads to, within its clause and a dozen words; not a name that
    labels the number after it (a row of "place number" cells), nor one after a cause or a time."""
    for n, between in _clause_after(text, number_end, sentence_end, names):
        if len(between.split()) > MAX_WORDS_AFTER or ADJUNCT.search(between):
            break
        if LEADS_TO.search(between) and not LABELS_NEXT.match(text, n.end):
            return n
    return None


def past_adjunct(text: str, number_end: int, sentence_end: int, names: list[Named]) -> bool:
    """Whether a name the number's phrase would lead to stands after a cause or a time ("before the ..."),
    where after_number stops."""
    return any(ADJUNCT.search(between) and LEADS_TO.search(between)
               for _n, between in _clause_after(text, number_end, sentence_end, names))


def before_number(text: str, sentence_start: int, number_start: int, names: list[Named]) -> Named | None:
    """The nearest name before the number, outside a relative clause the number is not in."""
    candidates = [n for n in names if sentence_start <= n.start and n.end <= number_start]
    if not candidates:
        return None
    opening = text.rfind("(", sentence_start, number_start)
    inside_brackets = opening != -1 and text.find(")", opening, number_start) == -1
    closed = text.rfind(")", sentence_start, opening) if inside_brackets else -1
    relatives = list(RELATIVE.finditer(text, max(sentence_start, closed + 1), opening if inside_brackets else number_start))
    if relatives and inside_brackets:
        cut = relatives[-1].start()
        earlier = [n for n in candidates if n.end <= cut]
        if earlier:
            candidates = earlier
    return candidates[-1]


def world_compared(text: str, n: Named) -> bool:
    """Whether a name of the world is the set a figure is ranked in or the whole it is a share of."""
    if n.id != "world":
        return False
    before = text[max(0, n.start - 80):n.start]
    return bool(RANKED_IN.search(before) or WHOLE_OF.search(before))


class Usable(NamedTuple):
    """The names that may be a subject, and those left out for naming a unit or the world compared with."""

    names: list[Named]
    currencies: list[Named]  # a currency's country ("Swiss francs")
    worlds: list[Named]  # the world a figure is ranked in or a share of


def usable(text: str, names: list[Named], skip: set[str]) -> Usable:
    """The names that may be a subject: no event, reporter, acting force, currency's country, world a
    figure is compared with, nor a possessor of the next name."""
    out = Usable([], [], [])
    for n in names:
        if n.kind == "event" or n.id in skip or _agent(n, text):
            continue
        (out.currencies if currency_named(n, text) else out.worlds if world_compared(text, n) else out.names).append(n)
    return out._replace(names=_possessed(out.names, text))


def listed_after(text: str, number_end: int, names: list[Named]) -> Named | None:
    """The first place of the list a count of places opens ("three countries, namely Bangladesh, Egypt and
    Tunisia", "eight, including Pakistan, Nigeria and Thailand"): the set the number counts. Not a people
    ("1.7 million, including Venezuelans displaced abroad" counts some of them)."""
    opening = LISTED_AFTER.match(text, number_end)
    if opening is None:
        return None
    return next((n for n in names if n.start == opening.end() and not PEOPLE.fullmatch(text, n.start, n.end)), None)


def subject_of(text: str, sentence: tuple[int, int], number: tuple[int, int],
               names: list[Named]) -> tuple[str, str] | None:
    """The subject id stated for the number at ``number`` (offsets), among ``names`` (those ``usable``
    returns), and how it stands to the number ("listed": the first place of the list it opens, "after",
    "before")."""
    if (listed := listed_after(text, number[1], names)) is not None:
        return listed.id, "listed"
    after = after_number(text, number[1], sentence[1], names)
    if after is not None and not PEOPLE.fullmatch(text, after.start, after.end):
        return after.id, "after"  # the name before is looked for only where it can win
    before = before_number(text, sentence[0], number[0], names)
    if after is not None and (before is None or not FRAME.match(text[sentence[0]:before.start])):
        return after.id, "after"
    return (before.id, "before") if before else None  # "In Curaçao, some 17 000 Venezuelans": where they are counted


def place_far_after(text: str, sentence: tuple[int, int], number: tuple[int, int], names: list[Named]) -> str | None:
    """Where no name leads from the number's phrase nor stands before it: the first place its own clause
    names after it with "in", "from", "across" ..., however far ("9,000 families could lose their homes
    over the coming month after a week of storms in northern Malawi")."""
    limit = own_clause(text, number[1], sentence[1])
    later = [n for n in names if number[1] <= n.start < limit and n.kind == "place"
             and IN_PLACE.search(text, number[1], n.start) and not PEOPLE.fullmatch(text, n.start, n.end)]
    return later[0].id if later else None


# "reported from 20 countries across three WHO regions", "A total of 58 countries reported": a sentence
# counting the countries its figures come from (and naming none of them) is about no one country; not a set
# the text defines ("the seven countries covered by the project: ..."), nor people's many origins ("students
# from 140 different countries")
COUNTRIES_COUNTED = re.compile(r"(?<!\bthe )(?<!\bThe )\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|"
                               r"eleven|twelve|dozens of|several|multiple)\s+(?!different\b|other\b|foreign\b)"
                               r"(?:[a-z]+\s+)?(?:countries|nations)\b(?![ \t]*,?[ \t]*(?:namely|including|such as|:))")


def countries_counted(text: str, sentence: tuple[int, int]) -> bool:
    """Whether a sentence counts the countries its figures come from ("from 20 countries", "58 countries
    reported")."""
    return COUNTRIES_COUNTED.search(text, *sentence) is not None


RESPECTIVELY = re.compile(r"[^.;:(\d]{0,40}?\brespectively\b")  # "41% and 17% of the total, respectively"
COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")  # what stands between two names of a list


def respective(text: str, numbers: list[tuple[int, int]], at: int, names: list[Named]) -> str | None:
    """"Departures from Turkey and Algeria accounted for 3% and 2%, respectively": the number ``at`` in a
    list of ``numbers`` closed by "respectively" is about the name of the same rank in the list of as many
    names before the list's first number."""
    if len(numbers) < 2 or not RESPECTIVELY.match(text, numbers[-1][1]) or numbers[at][1] > numbers[-1][1]:
        return None
    run: list[Named] = []
    for n in names:
        if n.end > numbers[0][0]:
            break
        run = [*run, n] if run and COORDINATED.fullmatch(text, run[-1].end, n.start) else [n]
    return run[at].id if len(run) == len(numbers) else None
