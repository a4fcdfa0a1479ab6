"""Who a sentence says reported its figures, and whom they cite.

Forms (each found with its place in the sentence, so that a figure takes the attribution of its
own clause, and the reporter's name is never taken for the figure's subject):

- "According to (figures released by | an analysis by | data from) X, ...", also at the end;
- "X (has) reported / said / estimated / recorded / documented / found ... (that)": X is the noun
  phrase that opens the clause ("The monitoring mission recorded", "Ukraine's military
  intelligence service reported");
- "..., X said (in its latest update)." and "..., said X." closing the sentence;
- "X's data / figures / research show", "Data / figures from X show", "(as) recorded / reported /
  documented by X";
- chains: "X, citing / quoting / referencing data from Y, reported", "X reports, citing Y":
  the reporter is X and the figure is backed, through it, by Y;
- a source line ("Source: X") and a closing parenthesis naming a source ("(OCHA)").

Pronouns and definite descriptions ("It also estimated", "the agency said") stand for the
source named last: they are continuations, resolved by the reader of the whole text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from .exclusions import FULL_MONTHS
from .gazetteer import Place, demonym, find_places
from .lexicon import plain
from .scan import Starts, lowered, matches, may_match, Opening, stretches_back

VERBS = (r"reported|reports|report|said|says|say|stated|states|noted|notes|announced|announces|estimated|estimates|"
         r"estimate|recorded|records|record|registered|registers|documented|documents|counted|counts|found|finds|"
         r"showed|shows|show|revealed|reveals|indicated|indicates|confirmed|confirms|warned|warns|added|adds|told|"
         r"tells|informed|informs|wrote|writes|claimed|claims|highlighted|highlights|calculated|calculates|projected|projects|"
         r"put|puts|verified|verifies|tallied|logged|listed|cited|cites|suggested|suggests|"
         r"identified|identifies|observed|observes|assessed|assesses|believes|believed|"
         r"asserted|asserts|declared|declares|disclosed|discloses|pointed out|points out|explained|explains|"
         r"acknowledged|acknowledges|admitted|admits|conceded|concedes|insisted|insists|maintained|maintains|"
         r"alleged|alleges|argued|argues|projected|forecast|forecasts|predicted|predicts|calculated|calculates|"
         r"tracked|tracks|monitored|counted|published|publishes|released|releases|provided|provides|gave|gives|"
         r"presented|presents|shared|shares|submitted|reporting|saying|estimating|"
         r"expressed concern|expressed grave concern|expressed deep concern|expressed serious concern")
# verbs that name a statement only when what follows is one: "found that", "recorded 212"
WEAK_VERBS = {"found", "finds", "put", "puts", "showed", "shows", "show", "recorded", "records", "record",
              "counted", "counts", "registered", "registers", "listed", "logged", "identified", "identifies",
              "observed", "observes", "assessed", "assesses", "cited", "cites", "highlighted", "highlights",
              "added", "adds", "informed", "informs", "tracked", "tracks", "monitored", "documented", "documents", "verified",
              "verifies", "tallied", "calculated", "calculates", "projected", "projects", "believes", "believed",
              "published", "publishes", "released", "releases",
              "maintained", "maintains", "argued", "argues", "indicated", "indicates", "suggested", "suggests"}
# verbs that name a statement only with data as their object: "gave data on", not "provided asylum"
GIVING_VERBS = {"provided", "provides", "gave", "gives", "presented", "presents", "shared", "shares", "submitted"}
DATA_NOUNS = (r"data|figures|statistics|estimates?|research|report|reports|analysis|analyses|survey|surveys|records|"
              r"tally|count|numbers|study|assessment|monitoring|calculations|findings|update|review|tracking|"
              r"projections?|snapshot|dashboard|bulletin|database|investigation")
ORG_NOUNS = ("agency", "ministry", "organisation", "organization", "office", "group", "mission", "council",
             "commission", "committee", "service", "services", "court", "coastguard", "army", "police", "government",
             "authorities", "officials", "department", "institute", "centre", "center", "monitor", "observatory",
             "network", "project", "outlet", "newspaper", "broadcaster", "agency's", "body", "bureau", "secretariat",
             "unit", "forces", "military", "spokesperson", "spokesman", "spokeswoman", "envoy", "rapporteur",
             "watchdog", "charity", "ngo", "union", "federation", "fund", "programme", "program", "platform",
             "cluster", "board", "parliament", "senate", "administration", "regime", "governor", "president",
             "minister", "presidency", "cabinet", "tribunal", "prosecutor", "inquiry", "coalition", "alliance",
             "foundation", "association", "society", "team", "researchers", "experts", "analysts", "scientists",
             "investigators", "monitors", "journalists", "sources", "officers", "doctors", "medics", "workers")
NOUN_LIKE = {"states", "reports", "report", "records", "record", "estimates", "estimate", "counts", "finds", "shows",
             "show", "notes", "documents", "claims", "projects", "puts", "put", "lists", "logs", "adds", "says", "say",
             "tells", "cites", "releases", "publishes", "highlights", "points out", "explains", "believes"}
STUDY_NOUNS = {"survey", "study", "report", "analysis", "research", "paper", "census", "assessment", "review",
               "estimate", "update", "article", "investigation", "tally", "count", "data", "figures", "statement",
               "bulletin", "snapshot", "brief", "briefing", "factsheet", "dashboard", "database", "monitoring"}
NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|several|many"
SUBORDINATE = re.compile(r"(?:^|[,;]\s*)(?:Since|After|When|Before|Although|Though|While|If|Because|Once|Until|"
                         r"Unless|Whereas)\s+(?:the\s+)?\S", re.IGNORECASE)
INDEFINITE = {"a", "an", "another", "one"}
# who an indefinite phrase introduces as a speaker ("an official said", "a trader reported")
SPEAKER_NOUNS = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "witness", "resident", "trader",
                 "doctor", "medic", "nurse", "officer", "commander", "diplomat", "worker", "volunteer", "activist",
                 "journalist", "survivor", "farmer", "teacher", "analyst", "expert", "researcher", "lawyer", "member",
                 "representative", "employee", "administrator", "chief", "leader", "elder", "eyewitness"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "this", "these", "that", "those", "its", "their", "which", "who"}
CHAIN_PHRASES = ("citing", "quoting", "referencing", "referring to", "drawing on", "relying on", "based on",
                 "attributing (?:it )?to")  # "X, citing Y"
CHAIN = f"(?:{'|'.join(CHAIN_PHRASES)})"
CHAIN_WORDS = tuple(p.split()[0] for p in CHAIN_PHRASES)  # what every chain opens on
WORD = r"[\w’'&.\-]+"
_NP = rf"(?:{WORD}\s+){{0,9}}?{WORD}"

ACCORDING = re.compile(rf"\baccording\s+to\s+(?:(?:the|a|an|its|their)\s+)?(?:(?:[\w-]+\s+){{0,3}}?(?:{DATA_NOUNS})\s+(?:(?:released|published|compiled|provided|collected|"
                       rf"gathered|issued|shared)\s+)?(?:by|from|of)\s+)?(?P<who>{_NP}?)(?=\s*(?:[,.;:()]|$|\s+"
                       rf"(?:which|who|that|citing|quoting|referencing)\b|\s+(?:in|on|at|as|released|published)\s))",
                       re.IGNORECASE)
AUXILIARY = r"(?:(?:has|have|had|also|previously|now|recently|later)\s+){0,2}"
# a reporting verb that says the source does not report: "Neither X nor Y gives data", "X has not released"
NEGATED = re.compile(r"(?:\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?|n['’]t\s+(?:\w+\s+)?|"
                     r"\b[Nn]either\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*\s+nor\s+"
                     r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*\s+)$")
GIVES_DATA = re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{DATA_NOUNS}|number|figures?|evidence|information)\b",
                        re.IGNORECASE)
DATA_GIVEN = re.compile(rf"\b(?:{DATA_NOUNS}|number|figures?)\s+(?:that\s+|which\s+)?(?:[\w’'-]+\s+){{1,3}}$",
                        re.IGNORECASE)
VERB_AT = re.compile(rf"\b(?P<verb>{VERBS})\b")
# What stands before a reporting verb, read back from the verb (a window of the text before it), so
# that the cost is per verb, not per position: "<name> (ACRONYM), citing <via>, has reported".
CLAUSE_END = re.compile(rf"(?P<who>{_NP})(?:\s*\([A-Z][A-Za-z.&-]{{1,15}}\))?(?:\s*,\s*{CHAIN}\s+(?:(?:data|figures|"
                        rf"information|research|estimates)\s+)?(?:from\s+|by\s+|of\s+)?(?P<via>[^,;]{{2,90}}?)\s*,)?"
                        rf"\s+{AUXILIARY}$")
# what a phrase between commas after the speaker opens on: an apposition ("X, an agency, said"; "X,
# spokesman for the governor, told"), or a phrase of where, when or how it spoke ("X, in its annual
# report, stated"; "X, together with Y, said")
ROLE_NOUNS = r"spokes(?:man|woman|person)|head|director|chief|minister|secretary|president|chair(?:man|woman)?|" \
             r"governor|mayor|commander|coordinator|representative|envoy|deputy|official|senior|former"
ROLE_AFTER = re.compile(rf"\s*,\s*(?:the\s+)?(?:{ROLE_NOUNS})\s")  # "X, spokesperson for IOM, said": one who speaks for another
APPOSITION_END = re.compile(rf"(?P<who>{_NP})\s*,\s*(?:an?|the|one|which|who|its|their|in|on|at|during|"
                            rf"(?:together|along)\s+with|{ROLE_NOUNS})\s[^,;]{{3,100}}?,\s+{AUXILIARY}$")
WINDOW = 240
AFTER_PREPOSITION = re.compile(r"\b(?:in|into|at|on|from|of|to|near|across|within|by|for|with)\s+(?:the\s+)?$")
# a preposition of where before a name: what follows is a place the words are about, not a speaker
LOCATIVE_BEFORE = re.compile(r"\b(?:in|across|throughout|within|inside)\s+(?:the\s+)?$", re.IGNORECASE)
# A capitalised name owning a few lower-case words: what the words belong to is the source
OWNER = re.compile(r"(?:the\s+)?(?P<who>(?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*)['’]s?\s+(?:[a-z][\w-]*\s+){0,2}"
                   r"(?:research|analysis|study|survey|count|tally|investigation|director|head|chief|spokesperson|"
                   r"spokesman|spokeswoman|researchers?|analysts?|team|staff|founder|editor)\s*$")  # not "Ukraine's intelligence service"
POST_CHAIN = re.compile(rf"\s*,\s*{CHAIN}\s+(?:(?:data|figures|information|research|estimates)\s+)?(?:from\s+|by\s+)?"
                        rf"(?P<via>[^,;.]{{2,90}}?)\s*(?:[,;.]|$|\s+that\b)")
TRAILING = re.compile(rf",\s*(?:(?P<who>{_NP})\s+(?:{VERBS})|(?:said|says|reported|reports|added|according to)\s+"
                      rf"(?P<who2>{_NP}))(?:\s+(?:in|on|at|last|this|during|via|through|to|earlier)\b[^,;]{{0,60}})?"
                      rf"\s*[.!?]?[\"'’”)]*\s*$")
QUOTE_SAID = re.compile(r"[\"”’']\s*,?\s*(?:said|says|told\s+\w+|added|explained|wrote)\s+"
                        r"(?P<who>(?:[A-Z][\w’'.&-]*\s+){0,4}[A-Z][\w’'.&-]*)")
DATA_NOUN_AT = re.compile(rf"\b(?:{DATA_NOUNS})\b")
# "X's (latest) data/report": read back from the data noun, like a reporting verb.
POSSESSIVE_END = re.compile(rf"(?P<who>{_NP})['’]s?\s+(?:latest\s+|new\s+|own\s+|official\s+|provisional\s+|"
                            rf"preliminary\s+|most\s+recent\s+|recent\s+|annual\s+|monthly\s+|weekly\s+|daily\s+|"
                            rf"quarterly\s+|first\s+|second\s+|last\s+|final\s+|full\s+)*$")
DATA_FROM = re.compile(rf"\b(?:{DATA_NOUNS})\s+(?:(?:released|published|compiled|provided|collected|issued)\s+)?"
                       rf"(?:from|by|of)\s+(?P<who>{_NP}?)\s+(?:show|shows|showed|indicate|indicates|suggest|"
                       r"suggests|found|reveal|reveals|revealed|put|puts|recorded)\b", re.IGNORECASE)
NAME_DATA_END = re.compile(r"(?P<who>(?:[A-Z][\w’'&.-]*\s+){0,5}[A-Z][\w’'&.-]*)\s+$")
DATA_SHOW = re.compile(r"\s+(?:show|shows|showed|indicate|indicates|suggest|suggests|found|reveal|reveals|revealed|"
                       r"put|puts)\b")
PASSIVE = re.compile(rf"\b(?:as\s+)?(?:reported|recorded|documented|verified|registered|counted|confirmed|estimated|"
                     rf"compiled|published|released|collected|tracked|monitored|announced|provided)\s+by\s+"
                     rf"(?P<who>{_NP}?)(?=\s*(?:[,.;:)]|$|\s+(?:in|on|at|as|and|which|who)\b))", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Data|Source of data|Data source)\s*:\s*(?P<who>[^\n;]{2,80}?)\s*\.?\s*$",
                         re.IGNORECASE | re.MULTILINE)
CLOSING_SOURCE = re.compile(r"\((?P<who>[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,5})\)\s*[.;]?\s*$")
CHAIN_PAST = r"(?:cited|quoted|referenced|drew on|relied on)"  # "X, which cited Y, ..."
VIA_AFTER = re.compile(rf"\s*,?\s*(?:(?:which|who)?\s*{CHAIN}|(?:which|who)\s+{CHAIN_PAST})\s+"
                       rf"(?:(?:data|figures|information)\s+)?(?:from\s+|by\s+)?(?P<via>[^,;.]{{2,90}}?)\s*(?:[,;.]|$)",
                       re.IGNORECASE)
# "X said 1 250 soldiers deserted in 2024, citing the Interior Ministry.": the chain closes the sentence
VIA_CLOSING = re.compile(rf",\s*{CHAIN}\s+(?:(?:data|figures|information)\s+)?(?:from\s+|by\s+)?"
                         rf"(?P<via>[^,;.]{{2,90}}?)\s*[.;]?\s*$", re.IGNORECASE)
TIME_LEAD = re.compile(r"^(?:(?:on|in|last|this|earlier|later|by|since|during|at|from|as of|overall|meanwhile|"
                       r"however|but|and|also|separately|similarly|furthermore|moreover|in addition|additionally|"
                       r"at the same time|for its part|in total|altogether)\b[^,]{0,40},\s*)+", re.IGNORECASE)
LEADING_JUNK = re.compile(r"^(?:(?:and|but|while|whereas|as|that|which|so|yet|then|also|meanwhile|however|"
                          r"the|a|an)\s+)+", re.IGNORECASE)
CONTINUES = re.compile(r"^\W*(?:Furthermore|Moreover|In addition|Additionally|It (?:also )?(?:added|said|reported|"
                       r"estimated|noted)|Also)\b|\b(?:reportedly|also reported|the same source)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    said_by: str  # as written
    actor: str | None  # matched actor id, or None: a proposed new actor
    via: str | None = None  # whom the reporter cites, as written
    via_actor: str | None = None
    start: int = 0  # the reporter's name: sentence[start:end]
    end: int = 0
    anaphor: bool = False  # "it", "the agency": stands for the source named before


DESCRIPTORS = {"independent", "news", "media", "military", "intelligence", "human", "rights", "refugee", "refugees",
               "health", "monitoring", "international", "local", "national", "regional", "state", "federal",
               "official", "officials", "provisional", "humanitarian", "interior", "defence", "defense", "foreign",
               "emergency", "aid", "relief", "civil", "civilian", "investigative", "opposition", "rights-group",
               "research", "statistics", "statistical", "data", "border", "migration", "immigration", "asylum",
               "security", "police", "justice", "war", "conflict", "election", "public", "private", "global",
               "european", "american", "british", "russian", "ukrainian", "french", "german", "italian", "syrian",
               "israeli", "palestinian", "sudanese", "un", "u.n.", "eu", "osint", "monitor", "watch", "press",
               "wire", "think", "tank", "think-tank", "non-profit", "nonprofit", "advocacy", "medical", "charity",
               "legal", "coast", "top", "senior", "chief", "deputy", "former", "current", "new", "latest", "own",
               "main", "two", "three", "several", "some", "many", "other", "both", "each", "all", "most",
               "government", "governments", "ministry", "agency", "office", "first", "annual", "second",
               "final", "joint", "preliminary", "recent", *ORG_NOUNS}
CONNECTORS = {"of", "for", "on", "and", "the", "de", "du", "des", "la", "le", "in", "at", "&", "to", "al", "el"}
ARTICLES = {"al", "el"}  # an Arabic or Spanish article opening a name
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}
NOT_NAMES = {"despite", "since", "although", "though", "according", "during", "after", "before", "while", "when",
             "where", "if", "as", "in", "on", "at", "by", "from", "with", "without", "for", "to", "of", "and", "but",
             "or", "so", "yet", "then", "there", "here", "download", "various", "overall", "meanwhile", "however",
             "moreover", "furthermore", "also", "both", "such", "these", "those", "this", "that", "all", "some",
             "many", "more", "most", "about", "around", "nearly", "almost", "over", "under", "up", "until", "last",
             "next", "first", "second", "third", "new", "once", "twice", "only", "just", "even", "still", "now",
             "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "read", "see", "click", "share", "subscribe", "photo", "image", "video",
             "figures", "data", "statistics", "estimates", "reports", "numbers", "results", "it", "they", "we", "he",
             "she", "people", "civilians", "refugees", "migrants", "children", "women", "men", "soldiers", "troops",
             "another", "other", "each", "every", "few", "several", "one", "two", "three", "four", "five", "six",
             "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens", "hundreds", "thousands", "millions"}
PROPER_TAIL = re.compile(r"(?<=[a-z] )(?:[A-Z][\w’'&.-]*(?:\s+(?:of|for|on|and|the|de|in)\s+|\s+))*"
                         r"[A-Z][\w’'&.-]*$")
BREAK = re.compile(r"\n|[ \t]{3,}")
# Where the patterns that open on a data noun or a passive verb can start (scan.matches), and
# where a word starts (what the patterns that open on a noun phrase are tried at).
STARTS: dict[re.Pattern[str], Starts] = {
    DATA_FROM: Opening(DATA_NOUNS.replace("s?", "")),  # "estimates?" opens on "estimate"
    PASSIVE: Opening("as|reported|recorded|documented|verified|registered|counted|confirmed|estimated|compiled|"
                     "published|released|collected|tracked|monitored|announced|provided"),
}
# What every match of a pattern holds one of (in the lowered sentence for a case-insensitive
# pattern): a sentence without any is not scanned for it.
NEEDS: dict[re.Pattern[str], tuple[tuple[str, ...], bool]] = {  # pattern -> (needles, in the lowered text)
    ACCORDING: (("according",), True),
    SOURCE_LINE: ((":",), False),
    CLOSING_SOURCE: (("(",), False),
    QUOTE_SAID: (tuple("\"”’'"), False),
    TRAILING: ((",",), False),
}
DATA_STARTS = STARTS[DATA_FROM]  # a data noun's starts: DATA_NOUN_AT's too (looked up once per sentence)
VERB_STARTS = Opening("|".join(sorted({v[:3] for v in VERBS.split("|")})))
WORD_START = re.compile(rf"(?<![\w’'&.\-]){WORD}")


@dataclass(frozen=True)
class Phrase:
    """A pattern read back from the end of the text before a reporting verb or a data noun, that
    opens on a noun phrase (_NP), and where in that text its match can start at the earliest (None:
    nowhere)."""
    pattern: re.Pattern[str]
    earliest: Callable[[str], int | None]


def _phrase_search(phrase: Phrase, head: str) -> re.Match[str] | None:
    """``phrase.pattern.search(head)``: a match that starts inside a word would also match from the
    word's start, so the leftmost match starts where a word does, and only those positions are tried
    (from where a match can start)."""
    since = phrase.earliest(head)
    if since is None:
        return None
    for w in WORD_START.finditer(head, since):
        m = phrase.pattern.match(head, w.start())
        if m is not None:
            return m
    return None


# The noun phrase has at most ten words, each a stretch between spaces: before a verb, the phrase,
# an acronym and two auxiliaries ("X (ABC) has also") are its last 13 stretches unless a chain ("X,
# citing Y,") goes between; an apposition ("X, an agency, has") has the phrase's ten stretches
# before its last two commas.
def _clause_from(head: str) -> int:
    return 0 if any(w in head for w in CHAIN_WORDS) else stretches_back(head, 13)


def _apposition_from(head: str) -> int | None:
    last = head.rfind(",")
    before = head.rfind(",", 0, last) if last != -1 else -1
    return None if before == -1 else stretches_back(head, 10, end=before)


CLAUSE = Phrase(CLAUSE_END, _clause_from)
APPOSITION = Phrase(APPOSITION_END, _apposition_from)
POSSESSIVE = Phrase(POSSESSIVE_END, lambda head: 0)


TOKEN = re.compile(r"[\w’'&.\-]+")


def _descriptors_before(name: str) -> int:
    """Where the proper name starts after lower-case descriptors ("the independent Russian news
    outlet Mediazona": at Mediazona); 0 when the words before it are not all descriptors."""
    proper = PROPER_TAIL.search(name)
    if proper is None or proper.start() == 0:
        return 0
    prefix = name[:proper.start()].split()
    if any(w[:1].isupper() and demonym(w) is None for w in prefix[1:]) or (prefix and prefix[0][:1].isupper()
                                                     and prefix[0].lower() not in DETERMINERS) \
            or re.search(r"['’]s\b", name[:proper.start()]):
        return 0
    return proper.start()


def _clean_name(name: str) -> str:
    name = LEADING_JUNK.sub("", TIME_LEAD.sub("", name.strip(" ,’'‘\"“”()")))
    return name.strip(" ,’'‘\"“”")


ADJECTIVE_COMPOUND = re.compile(r".+-[a-z]+")  # "Swiss-based", "English-language", "UNHCR-led": of a name, no name


def _capitalised(token: str) -> bool:
    """Whether a token may be part of a name: capitalised or in capitals, and no adjective compound."""
    if ADJECTIVE_COMPOUND.fullmatch(token.rstrip("’'.,")):
        return False
    return token[:1].isupper() or (len(token) > 1 and token.isupper())  # ("'UN": in capitals after a quote)


MAX_NAME_WORDS = 10


def _name_ok(tokens: list[str]) -> bool:
    """A reporter's name: proper words (connectors only between them) and descriptors, ending on a
    proper word or an organisation noun; never opening on a function word."""
    if not tokens or len(tokens) > MAX_NAME_WORDS:
        return False
    words = [t.lower().strip("’'.,") for t in tokens]
    agency = words[0] == "statistics" and len(tokens) > 1 and _capitalised(tokens[0]) and _capitalised(tokens[1])
    unnamed = _unnamed_words(words)  # "a security source"
    if words[0] in NOT_NAMES and not (words[0] in PRONOUNS and len(words) == 1) and not agency and not unnamed:
        return False  # ("Statistics Norway", "Statistics Canada" are agencies)
    article = words[0] in ARTICLES and tokens[0][:1].isupper() and len(tokens) > 1 and _capitalised(tokens[1])
    if (words[0] in CONNECTORS - {"the"} and not article) or words[-1] in CONNECTORS or words[-1] in DETERMINERS:
        return False  # (a name's own article opens it: "Al Arabiya", "El Pais")
    if re.search(r"['’]s?$", tokens[-1]):  # "Russia's" only qualifies what follows it
        return False
    last_ok = _capitalised(tokens[-1]) or words[-1] in ORG_NOUNS or words[-1] in STUDY_NOUNS or unnamed \
        or (words[-1] == "news" and len(tokens) > 1 and _capitalised(tokens[-2]))  # "EFE news reported"
    if not last_ok:
        return False
    for i, (t, w) in enumerate(zip(tokens, words)):
        if _capitalised(t) or w in DESCRIPTORS or (i == 0 and (w in DETERMINERS or unnamed)) \
                or (unnamed and i == len(words) - 1):
            continue
        if w in CONNECTORS and 0 < i < len(tokens) - 1:
            continue
        if w.endswith(("’s", "'s")) and _capitalised(t):
            continue
        return False
    return True


def _name_in(span: str, from_end: bool) -> tuple[int, int] | None:
    """The longest stretch of ``span`` that is a name: its last words (before a verb) or first
    words (after "according to", "by"), never across a line break or a column's gap of spaces.
    Offsets within ``span``."""
    breaks = list(BREAK.finditer(span))
    offset = breaks[-1].end() if from_end and breaks else 0
    line = span[offset:] if from_end else span[:breaks[0].start()] if breaks else span
    found = _name_in_line(line, from_end)
    return (found[0] + offset, found[1] + offset) if found else None


def _name_in_line(span: str, from_end: bool) -> tuple[int, int] | None:
    tokens = list(TOKEN.finditer(span))
    if not tokens:
        return None
    n = len(tokens)  # (a name has at most MAX_NAME_WORDS words: longer stretches are not tried)
    order = range(max(0, n - MAX_NAME_WORDS), n) if from_end else range(min(n, MAX_NAME_WORDS), 0, -1)
    for k in order:
        chosen = tokens[k:] if from_end else tokens[:k]
        if _name_ok([t.group(0) for t in chosen]):
            return chosen[0].start(), chosen[-1].end()
    return None


LIST_GLUE = re.compile(r"(?:\s*,\s*|\s+(?:and|&)\s+|,\s+and\s+)")


def _places_listed(name: str) -> bool:
    """Whether a name is a list of two places or more within countries and nothing else ("Jonglei,
    Unity and Upper Nile" before "states."): places enumerated, not one source. Countries listed
    may speak through their governments ("Russia and Ukraine said"): they stay a name."""
    if " and " not in name and "," not in name and "&" not in name:
        return False
    places = find_places(name, 0, len(name))
    if len(places) < 2 or places[0][0].start != 0 or places[-1][0].end != len(name) \
            or any(p.kind == "country" for _, p in places):
        return False
    return all(LIST_GLUE.fullmatch(name, a[0].end, b[0].start) for a, b in pairwise(places))


def _place_where(sentence: str, at: int, name: str) -> bool:
    """Whether a name is a place and nothing else, governed by a preposition of where ("data from
    across Pakistan showed", "a survey conducted in Iraq estimating"): where, not who says so."""
    return bool(LOCATIVE_BEFORE.search(sentence, max(0, at - 16), at)) and _only_place(name) is not None


def _only_place(name: str) -> Place | None:
    """The place a name is and nothing else (a gazetteer's name spanning it whole), else None."""
    places = find_places(name, 0, len(name))
    return places[0][1] if places and places[0][0].start == 0 and places[0][0].end == len(name) else None


# a country's counts, not its government's words: "Haiti reported 3,205 deaths", "Lebanon registered"
COUNTRY_COUNTS = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:reported|reports|recorded|records|registered|registers|"
                            r"counted|counts|documented|logged|notified)\b")


def _a_country_counting(sentence: str, end: int, name: str) -> bool:
    """Whether a name is one country's and nothing else, recording or reporting counts ("Haiti
    reported 3,205 deaths", "Lebanon registered a record"): a country reporting to the agency whose
    text relays them, not a source of its own. A country that speaks ("Russia said") stays one."""
    return COUNTRY_COUNTS.match(sentence, end) is not None and (place := _only_place(name)) is not None \
        and place.kind == "country"


def unnamed(a: Attribution) -> bool:
    """Whether a source is introduced without a name ("an official", "a security source"): it speaks for
    its own sentence, and may be any of the sources a statement beside it names."""
    return _unnamed_words(a.said_by.lower().split())


def _unnamed_words(words: list[str], nouns: tuple[str, ...] = ()) -> bool:
    """Whether a name's lower-case words introduce a source without naming it: an indefinite
    article, then a speaker's noun (or one of ``nouns``) last ("a security source", "an agency")."""
    return len(words) > 1 and words[0] in INDEFINITE and (words[-1] in SPEAKER_NOUNS or words[-1] in nouns)


def _acceptable(name: str) -> tuple[bool, bool]:
    """(a name of a reporter, an anaphor standing for the last one)."""
    words = name.split()
    if not words or len(words) > 10:
        return False, False
    lowered = [w.lower().strip("’'.,") for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return True, True
    has_capital = any(_capitalised(w) for w in words if w.lower() not in DETERMINERS)
    if not has_capital and _unnamed_words(lowered, ORG_NOUNS):
        return True, False  # "an official", "a security source", "another trader": a new source, unnamed
    if not has_capital:  # "the agency", "officials", "the survey": stands for the one named before
        return lowered[-1] in ORG_NOUNS or lowered[-1] in STUDY_NOUNS, True
    return True, False


@lru_cache(maxsize=16)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern over a lexicon's names, longest first: made once for the same names, whatever dict
    holds them (the last 16 sets of names kept)."""
    usable = sorted((n for n in names if len(n) >= 3), key=lambda n: (-len(n), n))
    return re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, usable)) + ")(?!\\w)") if usable else None


def match_actor(name: str, names: dict[str, str]) -> str | None:
    """The actor id for a name as written: a label or alias inside it (the longest, leftmost), else
    a close match."""
    lowered = plain(name)
    pattern = _names_pattern(frozenset(names))
    found = list(pattern.finditer(lowered)) if pattern is not None else []
    if found:
        return names[max(found, key=lambda m: (len(m.group(0)), -m.start())).group(0)]
    close = process.extractOne(lowered, list(names), scorer=fuzz.ratio, score_cutoff=85) if names else None
    return names[close[0]] if close else None


def _made(sentence: str, names: dict[str, str], start: int, end: int, via: str | None = None,
          from_end: bool = True) -> Attribution | None:
    owner = OWNER.match(sentence, start, end)  # "Kavkaz Monitor's research", "X's director": X
    if owner is not None:
        end = owner.end("who")
    span = _name_in(sentence[start:end], from_end)
    if span is None:
        return None
    a, b = start + span[0], start + span[1]
    who = sentence[a:b]
    shift = _descriptors_before(who)  # "the regional outlet Kavkaz Monitor" is Kavkaz Monitor
    a, who = a + shift, who[shift:]
    if who.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", who):
        who, b = who[:-1], b - 1
    if who.lower().startswith("the ") and _capitalised(who[4:]):
        a, who = a + 4, who[4:]
    if _opening_word(sentence, a, who):  # "Conflicting reports indicated", "Available data suggest"
        who = who[0].lower() + who[1:]
    ok, anaphor = _acceptable(who)
    if not ok or (not anaphor and (_places_listed(who) or _place_where(sentence, a, who)
                                   or _a_country_counting(sentence, b, who))):
        return None
    if via is None:
        after = VIA_AFTER.match(sentence, end) or VIA_CLOSING.search(sentence, end)
        via = after.group("via") if after else None
    if via:  # a name where there is one ("the outlet Mediazona"), else the words ("intercepted reports")
        via_span = _name_in(via, from_end=False)
        via = via[via_span[0]:via_span[1]] if via_span else (_clean_name(via) if len(via.split()) <= 8 else None)
        via = via[_descriptors_before(via):] if via else via
    return Attribution(who, None if anaphor else match_actor(who, names), via or None,
                       match_actor(via, names) if via else None, a, b, anaphor)


@dataclass(frozen=True)
class _Opener:
    """A pattern whose matches name a reporter in their group "who", read from its start, with
    where they can start and what they hold (looked up once: a compiled pattern hashes its whole
    program, too slow for a dictionary look-up per sentence)."""
    pattern: re.Pattern[str]
    anaphor: bool = False  # a pronoun can be the reporter ("according to it", "reported by them")
    bracketed: bool = False  # the name stands in brackets, which may define an acronym instead
    starts: Starts | None = None
    needs: tuple[tuple[str, ...], bool] | None = None


def _opener(pattern: re.Pattern[str], anaphor: bool = False, bracketed: bool = False) -> _Opener:
    return _Opener(pattern, anaphor, bracketed, STARTS.get(pattern), NEEDS.get(pattern))


_OPENERS = (_opener(ACCORDING, anaphor=True), _opener(DATA_FROM), _opener(PASSIVE, anaphor=True),
            _opener(SOURCE_LINE), _opener(CLOSING_SOURCE, bracketed=True))
QUOTE_NEEDS = NEEDS[QUOTE_SAID]


def _trailing(sentence: str) -> list[re.Match[str]]:
    """``TRAILING.finditer(sentence)``: nothing after its opening comma can be a comma, and it runs
    to the sentence's end, so its one match opens on the last comma, the only one tried."""
    at = sentence.rfind(",")
    m = TRAILING.match(sentence, at) if at != -1 else None
    return [m] if m is not None else []


def _may_match(needs: tuple[tuple[str, ...], bool] | None, sentence: str, low: str | None) -> bool:
    """Whether a pattern that ``needs`` one of some needles (in the lowered sentence or as it is) can match."""
    return needs is None or may_match(needs[0], low if needs[1] else sentence)


def attributions(sentence: str, names: dict[str, str]) -> list[Attribution]:
    """Every attribution a sentence states, in order of where its name stands."""
    found: list[Attribution] = []
    low = lowered(sentence)
    for d in matches(DATA_NOUN_AT, sentence, low, DATA_STARTS):  # "X's data", "X data show"
        base = max(0, d.start() - WINDOW)
        head = sentence[base:d.start()]
        m = _phrase_search(POSSESSIVE, head)
        if m is None and DATA_SHOW.match(sentence, d.end()):
            m = NAME_DATA_END.search(head)
        if m is not None:
            a = _made(sentence, names, base + m.start("who"), base + m.end("who"))
            if a is not None and not a.anaphor:
                found.append(a)
    for o in _OPENERS:
        if not _may_match(o.needs, sentence, low):
            continue
        for m in (matches(o.pattern, sentence, low, o.starts) if o.starts is not None else o.pattern.finditer(sentence)):
            if o.bracketed and _defines(sentence, m.start(), m.group("who")):
                continue  # "... Humanitarian Affairs (OCHA).", "remnants of war (ERW).": an acronym defined
            a = _made(sentence, names, m.start("who"), m.end("who"), from_end=False)
            if a is not None and (not a.anaphor or o.anaphor):
                found.append(a)
    for m in QUOTE_SAID.finditer(sentence) if _may_match(QUOTE_NEEDS, sentence, low) else ():  # '"We found 300 ...," said Ivan Petrov'
        a = _made(sentence, names, m.start("who"), m.end("who"), from_end=False)
        if a is not None:
            found.append(a)
    for m in _trailing(sentence):
        group = "who" if m.group("who") else "who2"
        a = _made(sentence, names, m.start(group), m.end(group), from_end=group == "who")
        if a is not None:
            found.append(a)
    for v in APPEAL.finditer(sentence) if "appeal" in sentence else ():  # "IOM appeals for USD 17 million"
        base = max(0, v.start() - WINDOW)
        m = _phrase_search(CLAUSE, sentence[base:v.start()])
        a = _made(sentence, names, base + m.start("who"), base + m.end("who")) if m is not None else None
        if a is not None and not a.anaphor:
            found.append(a)
    for v in matches(VERB_AT, sentence, sentence, VERB_STARTS):  # a case-sensitive pattern: the text as it is
        verb = v.group("verb")
        chained = POST_CHAIN.match(sentence, v.end())  # "X reports, citing the ministry, that ..."
        if verb in NOUN_LIKE and not chained and re.match(r"\s*(?:[.,;:)]|$)", sentence[v.end():]):
            continue  # "... Sennar and North Darfur states." is not a statement
        if verb in NOUN_LIKE and DETERMINED.search(sentence, max(0, v.start() - 40), v.start()):
            continue  # "in its June report on ... that", "Six US states still had": a noun, not the verb
        if verb in NOUN_LIKE and WORK_PARTICIPLE.match(sentence, v.end()):
            continue  # "a series of Iraq reports produced in 2021": the works, not a statement
        if verb in WEAK_VERBS and DATED_ONLY.match(sentence, v.end()):
            continue  # "... The Limits of Hospitality published in May 2014.": a work's date, not a statement
        if verb in GIVING_VERBS and not (GIVES_DATA.match(sentence, v.end())
                                         or DATA_GIVEN.search(sentence, max(0, v.start() - 60), v.start())):
            continue  # "gave data on", "the numbers I gave", not "provided asylum to"
        if verb.endswith("ing") and not PARTICIPLE_STATES.match(sentence, v.end()):
            continue  # "with UNHCR reporting that ...", never "the reporting period"
        if verb in WEAK_VERBS and not re.match(rf"[^.;]{{0,60}}?(?:\bthat\b|\d|:|\b(?:{NUMBER_WORDS})\b)",
                                               sentence[v.end():], re.IGNORECASE):
            continue  # "the Kremlin has found ways to ..." states nothing
        base = max(0, v.start() - WINDOW)
        head = sentence[base:v.start()]
        if NEGATED.search(head):
            continue  # "Neither Moscow nor Kyiv gives data", "the ministry has not released figures"
        m = _phrase_search(CLAUSE, head)
        if m is not None:
            start = base + _clause_start(head, m.start("who"), m.end("who"))
            if SUBORDINATE.search(sentence[max(0, start - 12):start + 8]):
                continue  # "Since the government released statistics, ..." leads to the clause that states
            via = m.group("via") or (chained.group("via") if chained else None)
            a = _made(sentence, names, start, base + m.end("who"), via)
            if a is not None and _other_column(sentence, a, v.start()):
                continue  # "... that can be      Specialist in Immigration⏎admitted": a PDF's margin
            if a is not None:
                found.append(a)
                continue
        m = _phrase_search(APPOSITION, head)
        if m is not None:
            a = _made(sentence, names, base + _clause_start(head, m.start("who"), m.end("who")), base + m.end("who"))
            if a is not None and AFTER_PREPOSITION.search(sentence, max(0, a.start - 12), a.start):
                continue  # "20 were killed in Kabul, the capital, said police": a preposition's object speaks not
            if a is not None:
                found.append(a)
    out: list[Attribution] = []
    for a in sorted(found, key=lambda a: (a.start, -(a.end - a.start))):
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


# a possessive or a count and a word or two before a noun-like verb make it the noun: "in its June
# report that", "Six US states still had" (not "The CSIS report estimates")
DETERMINED = re.compile(rf"\b(?:its|their|his|her|our|whose|{NUMBER_WORDS}|one|eleven|twelve|few|some|all|both)\s+"
                        r"(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# an actor asking for money states the sum it asks for: "X appeals for", "X launched an emergency
# appeal on Tuesday for", "X is today launching an appeal for"
APPEAL = re.compile(r"\b(?:appeals|appealed|is\s+appealing|has\s+appealed|(?:launched|launches|is\s+(?:today\s+)?"
                    r"launching|has\s+launched)\s+(?:an?\s+|its\s+)?(?:[\w-]+\s+){0,2}?appeal)"
                    r"(?:\s+(?:on|this|last)\s+\w+)?\s+for\b")
# a publication's participle, or its date alone after the verb: the name before it is a work
WORK_PARTICIPLE = re.compile(r"\s+(?:produced|published|released|issued|compiled|prepared|conducted|commissioned)"
                             r"\s+(?:in|on|by|since|between)\b")
DATED_ONLY = re.compile(rf"\s+(?:in|on)\s+(?:\d{{1,2}}\s+)?(?:{FULL_MONTHS}\s+)?(?:\d{{1,2}},?\s+)?\d{{4}}"
                        r"(?:[-–]\d{2,4})?\s*(?:[.;)]|$)")
PARTICIPLE_STATES = re.compile(r"\s*,?\s+that\b")  # "X reporting that", "X saying, that"


def _defines(sentence: str, at: int, inside: str) -> bool:
    """Whether brackets at ``at`` define an abbreviation rather than name a source: they follow a
    capitalised name, or the initials of the words before them spell what they hold ("explosive
    remnants of war (ERW)", a compound's parts each an initial: "conflict-related sexual violence
    (CRSV)"); "15 wounded (Kharkiv Regional Military Administration)" names one."""
    words = re.findall(r"[\w’'-]+", sentence[max(0, at - 120):at])
    if not words or not words[-1][:1].islower():
        return True  # after a name or a number ("Goal 16 (SDG16)")
    letters = re.sub(r"[^A-Z]", "", inside)
    whole = "".join(w[0] for w in words if w.lower() not in CONNECTORS).upper()
    parts = "".join(p[0] for w in words if w.lower() not in CONNECTORS for p in w.split("-") if p).upper()
    return " " not in inside.strip() and bool(letters) and (whole.endswith(letters) or parts.endswith(letters))


def _other_column(sentence: str, a: Attribution, verb: int) -> bool:
    """Whether a name read before a verb stands in another column of a page converted from a PDF:
    after a wide gap of spaces on its line, with the verb on the next line."""
    line = sentence.rfind("\n", 0, a.start) + 1
    return "\n" in sentence[a.end:verb] and bool(re.search(r"\S[ \t]{3,}$", sentence[line:a.start]))


COMMON_ENDING = re.compile(r"(?:ing|ed|able|ible|ary|ous|ive|ent|ant|ial|ical)$")


def _opening_word(sentence: str, start: int, name: str) -> bool:
    """Whether a name's first word opens the sentence and is capitalised only for that: a word with
    an adjective's or a participle's ending ("Conflicting reports", "Available data"), followed by
    lower-case words only; not an acronym or a name ("SIPRI data", "Eurostat")."""
    first, *rest = name.split()
    return (not first.isupper() and not sentence[:start].strip(" \t\n\"'\u2018\u201c([\u2022*-")
            and bool(COMMON_ENDING.search(first.lower())) and not any(_capitalised(w) for w in rest))


def _clause_start(sentence: str, start: int, end: int) -> int:
    """Where the clause holding the noun phrase before a reporting verb starts."""
    head = sentence[start:end]
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "), head.rfind("("))
    for word in (" that ", " and ", " but ", " while ", " whereas ", " as ", " which ", " when ", " after ",
                 " before ", " because ", " although ", " if "):
        at = head.rfind(word)
        if word == " and " and at > cut and _and_in_name(head, at):
            continue
        if at > cut:
            cut = at + len(word) - 2
    return start + cut + 2 if cut >= 0 else start


# "Institute for Rights and Democracy", "Ministry of Labour and Social Policy": an organisation's noun,
# "of"/"for"/"on", then capitalised words on both sides of the "and"
NAME_BEFORE_AND = re.compile(r"\b[A-Z][\w’'.-]*\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*$")


def _and_in_name(head: str, at: int) -> bool:
    """Whether the " and " at ``at`` joins two parts of one organisation's name rather than two clauses
    or two reporters."""
    return bool(NAME_BEFORE_AND.search(head, max(0, at - 80), at)) and head[at + 5:at + 6].isupper()


def find_attribution(sentence: str, names: dict[str, str]) -> Attribution | None:
    """The first attribution a sentence states, if any (``names``: lower-case label or alias -> actor id)."""
    found = [a for a in attributions(sentence, names) if not a.anaphor]
    return found[0] if found else None


def continues(sentence: str) -> bool:
    return bool(CONTINUES.search(sentence))
