"""Numbers that are not figures, each rule a name (what a reviewer reads in a trace) and a test on
the number and the few characters around it: years and dates, times, ordinals, identifiers and
locators (paragraphs, pages, articles, maps and charts, resolutions, document symbols), positions in
a sequence or on a scale ("day six of", "Quarter 1", "force seven"), compound adjectives ("27-nation", "38-page"), ages
and durations, list and section numbering, phone numbers, ISBNs, postcodes, file sizes, URLs,
denominators of rates ("per 100,000"), daily changes in parentheses ("(+340)"), ranks ("the
40 biggest"), number words used as words ("one of", "first half", "a double blow"), footnote
numbers left between sentences, a number in brackets restating the one before it, codes ("4BQ"),
units labels ("(millions)"), the size of the text's own list ("the following two cases") and a
number that opens a name ("the 88 Generation Students")."""

from __future__ import annotations

import re
from collections.abc import Callable

from .footnotes import NOTE_OPENER
from .numbers import SCALES, UNITS, Mention
from .segments import LINE_WINDOW, line_start

TOKEN_WINDOW = 200  # a URL or an address longer than this around a number is not looked at whole

MONTHS = ("january|february|march|april|(?-i:May|MAY)|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")  # "may" in lower case is the verb
FULL_MONTHS = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_QUALIFIED = re.compile(r"(?:more than|over|under|about|nearly|almost|some|around|at least|up to|less than|"
                        r"fewer than|approximately|roughly|estimated)\s+$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
# a month's word, or one an infobox glues to its label ("DateJanuary 19")
_MONTH_WORD = rf"(?:\b(?:{MONTHS})\.?|(?<=[a-z])(?-i:{FULL_MONTHS}))"
MONTH_BEFORE = re.compile(_MONTH_WORD + r"\s*$", re.IGNORECASE)
MONTH_ENDING = re.compile(_MONTH_WORD + r"\Z", re.IGNORECASE)  # MONTH_BEFORE on the text without its final spaces
MONTH_DAY_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*$", re.IGNORECASE)
ISO_DATE = re.compile(r"(?:\d{4}[-/.]\d{1,2}[-/.]?$|\d{1,2}[-/.]\d{1,2}[-/.]$|\d{4}[-/]$)")
SHORT_YEAR_BEFORE = re.compile(r"(?<![\d.,])((?:19|20)\d\d)([\u2013\u2014/-])$")
# "12/05", "12.05.2024", "16-12-2022", a range of days "5-10 March", "12–14 June"; not "20-30 million" (a
# range: "-" takes the year or the month too)
DATE_AFTER = re.compile(rf"^(?:[/.]\d{{1,2}}(?:[-/.]\d{{2,4}})?|-\d{{1,2}}[-/.]\d{{2,4}}|[-\u2013]\d{{1,2}}\s+(?:{MONTHS}))\b",
                        re.IGNORECASE)
# A range of days whose month is written at its other end, spaced: "between March 2 and 8", "the
# period of 5 – 11 Feb 2023" (a day of the month, at most 31)
DAY_RANGE_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?[ \t]*\d{{1,2}}(?:st|nd|rd|th)?[ \t]*(?:and|to|until|through|-|\u2013|\u2014)[ \t]*$",
                              re.IGNORECASE)
DAY_RANGE_AFTER = re.compile(rf"^[ \t]*(?:and|to|until|through|-|\u2013|\u2014)[ \t]*\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{MONTHS})\b",
                             re.IGNORECASE)
# "10:30", "9 a.m.", "14 hrs", "8 GMT": a time zone in capitals, as a word ("500,000 estimated" is a count)
TIME = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|(?-i:GMT|UTC|CET|EST)\b))", re.IGNORECASE)
MINUTES_BEFORE = re.compile(r"(?<![\d:.,])\d{1,2}:\Z")  # the "53" of "21:53", whose hour TIME takes
ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b|^(?-i: (?:st|nd|rd|th)\b)", re.IGNORECASE)  # "21 st" from a PDF
_LOCATORS = (
    r"(?:\bpara(?:graph)?s?\.?|\bp\.|\bpp\.|\bart(?:icle)?s?\.?|\bsections?|§|\bno\.|\bnos\.?|(?<!\bto )\bnumber|\bchapters?|"
    r"\bparts?|\bfootnotes?|\bfn\.|\bannex(?:es)?|\bappendix|\bappendices|\battachments?|\bissue|\btables?|\btab\.?|\bfigures?|\bfig\.|\bpages?|\bvol(?:ume)?\.?|"
    r"\bresolutions?|\bdecrees?|\bprotocols?|\brules?|\bitems?|\bbox|\bcase|\bcode|\blaw|\breg(?:istration)?\.? no|"
    r"\bline|\bquestions?|\bq\.|\brecommendations?|\bprinciples?|\bstep|\bphase|\bgrade|\blevel|\bround|\bversion|\bseason|\bepisode|\btitle|\bdoc\.?|\bdocument|"
    r"\bref\.?|\breference|\bserial|\bid|\bcode|\broute|\bflight|\bbuilding|\broom|\bunit|\bplot|\bblock|#|"
    r"\bmaps?|\bcharts?|\bgraphs?|\bdiagrams?|(?-i:\bNo|\bGoals?|\bTargets?|\bIndicators?|\bSDGs?|\bWeek))")
# on the number's line ("\Z", not "$", which also matches before a final line break)
LOCATOR_BEFORE = re.compile(_LOCATORS + r"[ \t\u00a0]*\Z", re.IGNORECASE)
LOCATOR_ENDING = re.compile(_LOCATORS + r"\Z", re.IGNORECASE)  # on the text without its final spaces and tabs
SYMBOL = re.compile(r"(?:[A-Za-z][./-]|/)\Z")  # A/HRC/41, CRP.2, GE.19-10233, resolution 22/19 (glued: "\Z", as
# "$" would also take a number opening the line after "relatives.")
SYMBOL_AFTER = re.compile(r"^(?:/\d|\.\d+[A-Za-z/-]|-\d{3,}|[A-Za-z]\d)")
COMPOUND_AFTER = re.compile(r"^-(?!(?:fold|per\s?cent|percent|million|billion|thousand)\b)[A-Za-z]", re.IGNORECASE)
AGE_OR_DURATION_AFTER = re.compile(
    r"^[\s-]*(?:(?:fiscal|calendar|financial|academic|school|consecutive|straight|full|whole)\s+)?"  # "three fiscal years"
    r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?|decades?|centuries|nights?|"
    r"-?year-olds?)(?:[\s-]+(?:old|of age|ago|in prison|imprisonment|jail))?\b", re.IGNORECASE)
AGE_BEFORE = re.compile(r"(?:\baged|\bage of|\bages of|\bages|\bage|\baged (?:between|from)|\bbetween the ages of|"
                        # the second end of a bracket: "aged 18 to", "ages 25 to", "between the ages of 25 and"
                        r"\b(?:aged|ages?|ages of|age of)[ \t]+\d{1,3}\s*(?:to|-|–|and)|"
                        r"\bchildren under|\bunder the age of|\bover the age of)\s*$"
                        r"|\bunder-$",  # "under-five children", "under-5 mortality": the bracket as an adjective
                        re.IGNORECASE)
APPOSED_AGE_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s$")  # "Pelagea, 73, fled"
# "Men between 18 and 60": a bracket of ages after the people it is of
PEOPLE_BETWEEN_BEFORE = re.compile(r"\b(?:men|women|males|females|boys|girls|people|persons|citizens|conscripts|"
                                   r"reservists)\s+(?:aged\s+)?between\s+(?:\d{1,3}\s+and\s+)?$", re.IGNORECASE)
LOCATOR_RANGE_BEFORE = re.compile(r"\d+\s*(?:[-\u2013]|and)\s*$")  # "Page 12-19", "charts 1 and 2": the second
# the first end of a bracket of ages or durations: "between 18 and 60 years", "between 3 and 12 months"
AGE_RANGE_AFTER = re.compile(r"^\s*(?:and|to|-|–)\s*\d+\s*(?:years|-year|year-old|months|weeks|days)\b", re.IGNORECASE)
RATE_BEFORE = re.compile(r"\bper\s+$|\bout of every\s+$|\bfor every\s+$", re.IGNORECASE)
RANK_AFTER = re.compile(r"^\s+(?:biggest|largest|top|most|highest|lowest|leading|richest|poorest|best|worst|"
                        r"main|major|member states|member countries)\b", re.IGNORECASE)
# "the five governorates with the highest attack rate", "amongst the 4 nations with the highest number":
# the size of a ranked list, as "the 40 biggest" is
RANKED_WITH_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+){1,2}(?:with|having)\s+the\s+(?:highest|largest|most|lowest|biggest|"
                               r"greatest|worst|best|fewest|smallest)\b", re.IGNORECASE)
RANK_BEFORE = re.compile(r"(?:\b(?:the|top|its|their|next|first|last)|['’]s)\s+$", re.IGNORECASE)
# A sequence's or a scale's noun before a small number names a position on it, as "phase 2" or "level 3" do:
# "on day six of the invasion", "Quarter 1 – 2024" (a report's quarter, capitalised as a name), "Beaufort
# scale force seven", "a force 9 gale"
DAY_BEFORE = re.compile(r"\bday[ \t]*\Z", re.IGNORECASE)
QUARTER_BEFORE = re.compile(r"\bQuarter[ \t]*\Z")
# a reading on a scale: "a 7.7 magnitude earthquake", "4.9 Richter", "magnitude 6.1"
SCALE_READING_AFTER = re.compile(r"^[ \t-]+(?:magnitude|Richter|on the Richter)\b", re.IGNORECASE)
SCALE_READING_BEFORE = re.compile(r"\bmagnitude(?:[ \t]+of)?[ \t-]*\Z", re.IGNORECASE)
FORCE_BEFORE = re.compile(r"\bforce[ \t]*\Z", re.IGNORECASE)
SCALE_FORCE_BEFORE = re.compile(r"\b(?:scale|Beaufort)\s+force[ \t]*\Z", re.IGNORECASE)
WIND_AFTER = re.compile(r"^[ \t-]+(?:gales?|storms?|winds?)\b", re.IGNORECASE)
LIST_SIZE_BEFORE = re.compile(r"\b(?:the\s+)?(?:top|next|first|last)\s+$", re.IGNORECASE)
PHONE_BEFORE = re.compile(r"(?:\btel\.?|\bphone|\bfax|\bcall|\+)\s*:?\s*$", re.IGNORECASE)
# Identifier shapes, never a count in any document: the whole run of digit groups is matched around the
# number, so each group of "+41 22 739 8111" is set aside, not the first only
PHONE_WORDS = "tel|telephone|phone|fax|mobile|hotline"
PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .\u00a0-]?\(?\d{1,5}\)?){2,}"  # "+41 22 739 8111"
                   rf"|\b(?:{PHONE_WORDS})\.?[ \t]*(?:no\.?)?[ \t]*:?[ \t]*"
                   r"\(?\d[\d ().\u00a0-]{5,}\d", re.IGNORECASE)  # "Fax: (022) 917 9000"
PHONE_HINT = re.compile(rf"\+|{PHONE_WORDS}", re.IGNORECASE)  # what PHONE needs before the number
PHONE_DIGITS = 8  # a phone number's digits at the least ("+12 45 120" in a table of changes is no phone number)
STANDARD_NUMBER = re.compile(r"\bIS[BS]N(?:-1[03])?[ \t]*:?[ \t]*[\dX][\dX \u00a0-]{6,}[\dX]")  # "ISBN 978-92-1-..."
ZIP_CODE = re.compile(r",[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b")  # "Washington, DC 20520"
FILE_SIZE_AFTER = re.compile(r"^[ \t]?(?:[KMGT]B|[KMG]b|kB|bytes)\b")  # "Size:1020Kb"
PAGE = r"(?:\bpages?|\bp[áa]gina|\bseite|\bstrona)"  # the word "page", in the languages of the corpus
PAGE_LABEL_BEFORE = re.compile(rf"{PAGE}[ \t]*:?[ \t]*\Z", re.IGNORECASE)  # "Total Page:16"
ONE_AS_WORD = re.compile(r"^\s+(?:of|another|or|and|by|day|way|side|hand|time|point|thing|such|more|less|"
                         r"half|third|quarter|in|who|which|that|after|year|month|week)\b", re.IGNORECASE)
ONE_BEFORE = re.compile(r"\b(?:no|any|every|each|this|that|the|which|someone|anyone|only|at|as|in|on)\s+$",
                        re.IGNORECASE)
# the unit a cost is given for: "what it costs to care for one refugee", "costs to resettle one ..."
ONE_COSTED_BEFORE = re.compile(r"\bcosts?\s+(?:\w+\s+)?to\s+\w+(?:\s+for)?\s+$", re.IGNORECASE)
PERSON_AFTER = re.compile(r"^\s+(?:(?:[A-Z][a-z]+|reported|confirmed|known|registered|suspected)\s+){0,2}"  # "one Russian Cossack paramilitary"
                          r"(?:person|child|man|woman|boy|girl|soldier|civilian|journalist|officer|infant|baby|IDP|"
                          r"paramilitary|protester|"
                          r"refugee|migrant|detainee|prisoner|worker|doctor|nurse|case|death|fatality)\b")
HALF_BEFORE = re.compile(r"\b(?:first|second|third|fourth|final|latter|last|other|next|early|late|previous|same)\s+$",
                         re.IGNORECASE)
HALF_OF_A_DURATION_BEFORE = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|minutes?)\s+and\s+$",
                                       re.IGNORECASE)  # "one hour and a half"
HALF_AFTER = re.compile(r"^[\s-]+(?:year|time|hour|an hour|a day|past|century|decade|term|way|mile|marathon|dozen)\b",
                        re.IGNORECASE)
DOUBLE_OK_AFTER = re.compile(r"^\s+(?:the|to|from|in|since|its|their|that|this|what|as|last|over|compared)\b",
                             re.IGNORECASE)
ORDINAL_FRACTION = re.compile(r"^(?:third|fourth|fifth|sixth|tenth|quarter)", re.IGNORECASE)
# "a third" is a share standing for a noun ("a third of them", "a third were", "a third, ...") and an
# ordinal before one ("a third boat carrying 188", "a fifth update of the report"): a word after it
# that is none of the words a noun phrase ends before (a preposition, a conjunction, a verb of being
# or having, a relative, "compared") is the noun the ordinal counts (NOUN_AFTER); so is the noun a
# policy word modifies ("188 target countries": no target)
A_FRACTION = re.compile(r"(?:an?|one)[\s-]+(?:third|fourth|fifth|sixth|tenth)")
NOUN_AFTER = re.compile(r"^[ \t]+(?!(?:of|compared|more|less|fewer|than|as|in|on|at|to|from|by|and|or|but|nor|"
                                 r"were|was|are|is|be|been|had|have|has|will|would|could|may|might|who|whom|which|that|"
                                 r"while|whereas|with|among|each|per|percent|again|so|since|said|say|says|live|lived|"
                                 r"remain|remained|went|came|set|put|cut|met|hit|made|given|taken|seen|known|held|kept|"
                                 r"paid|[a-z]+ed)\b)[a-z]+\b")  # a participle after it ("the cap set by") is no noun
CONFIDENCE_AFTER = re.compile(r"^\s*(?:confidence|CI\b|credible interval|uncertainty interval|probability)",
                              re.IGNORECASE)
PAGE_OF_BEFORE = re.compile(rf"{PAGE}\s*\d{{1,4}}\s*(?:of|/|de|von|sur|di|z)\s*$",
                            re.IGNORECASE)  # "Page 7 of 40", "página 1de 18"
FURNITURE_AFTER = re.compile(r"^\s*(?:views?|downloads?|likes?|shares?|comments?|followers?|subscribers?|reads?|"
                             r"pages?\b(?!\s+of\s+(?:testimony|evidence))|min(?:ute)?s? read|hits|retweets)\b",
                             re.IGNORECASE)
JOB_NUMBER_BEFORE = re.compile(r"\b[A-Z]{1,3}\.\d{2}-$")  # a UN document's job number: "GE.12-14522"
ADDRESS_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Lane|Way|"
                           r"Square|Place|Drive|Dr|Court|Ct)\b\.?")
# A house number in an address that names no street type: a postcode follows within the address ("Gredley
# House, 11 Broadway, Stratford, E15 4BQ"), or an address's label comes before it ("Registered office: 11 ...")
POSTCODE_AHEAD = re.compile(r"^[ \t]+[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)*,[^\n]{0,40}?\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b")
ADDRESS_LABEL_BEFORE = re.compile(r"\b(?:address|registered office|head office|offices?)[ \t]*:[^\n:]{0,30}\Z", re.IGNORECASE)
POLICY_AFTER = re.compile(r"^(?:/[a-z]+|\s+per\s+[a-z]+)?\s+(?:(?!(?:of|and|or)\b)[^\W\d]\w*\s+){0,3}?(?:price\s+)?(?:cap|ceiling|limit|threshold|target|quota)\b",
                          re.IGNORECASE)  # "the $60/barrel limit"
POLICY_BEFORE = re.compile(r"\b(?:target|threshold)\s+(?:of|at)\s+$", re.IGNORECASE)  # "NATO's spending target of 2%"
ABSTRACT_AFTER = re.compile(
    r"^\s+(?:(?:main|key|major|broad|distinct|separate|different|other|new|basic|peer-reviewed|general)\s+)?"
    r"(?:sections?|chapters?|items?|trends?|conditions?|studies|reports?|groups?|categories|types?|ways?|reasons?|"
    r"factors?|steps?|options?|questions?|areas?|aspects?|parts?|phases?|points?|criteria|priorities|pillars?|"
    r"sources?|scenarios?|approaches|levels?|stages?|rounds?|citizenships?|pages?|paragraphs?|annexes|tables?|"
    r"figures|components?|elements?|objectives?|goals?|themes?|issues?|topics?|lines?|pieces?|words?|sentences?|"
    r"dimensions?|methods?|models?|sets?|waves?|tiers?|modules?|volumes?|editions?|versions?|things?|cases of)\b",
    re.IGNORECASE)
# "one of the following two cases:", "addresses all three of these problems": how many items the text
# itself lists, announced or pointed back to, not a count of the world
OWN_LIST_BEFORE = re.compile(r"\bthe\s+(?:following|above|aforementioned)\s+$", re.IGNORECASE)
ALL_BEFORE = re.compile(r"\ball\s+$", re.IGNORECASE)
POINTED_BACK_AFTER = re.compile(r"^\s+of\s+(?:these|those|the\s+above)\b", re.IGNORECASE)
UNITS_LABEL = re.compile(r"(?:millions|thousands|billions|hundreds)", re.IGNORECASE)  # "Refugees 5.5 (millions)"
# A number in brackets right after a number that it restates: the same count in digits ("a nine
# month (9) response", "two (2) cases") or the same quantity in other units ("15 kilometers (9 miles)")
BRACKET_REACH = 16  # the opening bracket within this many characters before the number ("(about 9 miles")
SMALL_WORDS = {w: v for w, v in UNITS.items() if v <= 20}  # "one" to "twenty"
WORD_IN_BRACKETS_BEFORE = re.compile(r"\b(" + "|".join(SMALL_WORDS) + r")\b(?:[\s-]+[a-z]+){0,2}[ \t]*\([ \t]*$",
                                     re.IGNORECASE)
_UNITS = (r"(?:km|kilomet(?:er|re)s?|miles?|mi|m|metres?|meters?|feet|ft|yards?|hectares?|ha|acres?|sq\.?\s*km|"
          r"square\s+(?:kilomet(?:er|re)s|miles)|kg|kilograms?|pounds?|lbs?|tonnes?|tons?|litres?|liters?|gallons?|"
          r"degrees|°[CF]|Celsius|Fahrenheit)")
MEASURED_IN_BRACKETS_BEFORE = re.compile(r"\d[\d,.]*[ \t]*" + _UNITS
                                         + r"[ \t]*\([ \t]*(?:about|some|around|roughly|nearly)?[ \t]*$")
UNITS_AFTER = re.compile(r"^[ \t]*" + _UNITS + r"\b")
# Digits with capitals glued after them are a code: a postcode's "4BQ", a rule's "339CA" (not a scale
# abbreviation: "5M", "2BN")
# "the 88 Generation Students": a capitalised singular noun, then capitalised words to a plural one,
# a name the number opens; not "the 469 National Directorate for Security" nor "the 300 Syrian ..."
NAME_AFTER = re.compile(r"^ (?![A-Z][a-z]*(?:an|ese|ish|i)\b)[A-Z][a-z]+(?<!s)(?: [A-Z][a-z]+)*? [A-Z][a-z]+s\b(?! [A-Z])")
THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
CODE_LETTERS_AFTER = re.compile(r"^(?!(?:M|K|B|BN|MN|MM|KM)\b)[A-Z]{1,3}\b")
URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:com|org|net|int|gov|eu|int)/)", re.IGNORECASE)
LIST_NUMBER_AFTER = re.compile(r"^(?:[.)]\s|\.\s*$|\)$)")
# A list's item numbered in the running text, after what introduces it: "concerns: 1) unsafe prisons;
# 2) mistreatment ... and 3) ..." (no bracket left open before it: "(2014: 24)" is a figure)
INLINE_ITEM_BEFORE = re.compile(r"(?:[:;]|\band|\bor)[ \t]+$")
INLINE_ITEM_AFTER = re.compile(r"^\)[ \t]+[a-z]")
SECTION_AFTER = re.compile(r"^\.\d")
# A footnote number a PDF conversion leaves between two sentences ("... 360 people. 2 In September",
# "(NRC). 2 Ibid. 3 The number ...", "... injured. 4" ending its line): a bare number after a full
# stop, before a capitalised word that cannot be what a count counts (an article, a pronoun, a
# preposition, a conjunction, a note's "Ibid"/"See"/"Source") or before the end of its line
SENTENCE_CLOSERS = (".", "!", "?", '"', "\u201d", "\u2019", ")", "]")
SENTENCE_END_BEFORE = re.compile(r"[.!?][\"\u201d\u2019)\]]?[ \t]+$")
NOTE_OPENING_AFTER = re.compile(rf"^(?:[ \t]*(?:\n|\Z)|[ \t]+{NOTE_OPENER})")
# A report's paragraph number after a heading in capitals, on its line ("I. INTRODUCTION 1. On 24
# February") or the line before ("TAMILS⏎⏎18.06 Approximately 18 per cent"), opening a sentence
PARAGRAPH_NUMBER = re.compile(r"\d{1,3}|\d{1,2}\.\d{2}")
CAPS_HEADING_BEFORE = re.compile(r"(?:\b[IVXLC]+\.[ \t]+[A-Z]{3,}(?:[ \t]+[A-Z]{2,})*[ \t]+"
                                 r"|(?:^|\n)[ \t]*[A-Z]{3,}(?:[ \t]+[A-Z]{2,})*[ \t]*(?:<br\s*/?>)?[ \t]*\n\s*)\Z")
DOTTED_PARAGRAPH_OPENS_AFTER = re.compile(r"\.[ \t]+[A-Z][a-z]")  # "1. On"
PARAGRAPH_OPENS_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")  # "18.06 Approximately"
SECTION_BEFORE = re.compile(r"\d\.\Z")  # "3.2.1" glued, not "in 2023.⏎45 families"

Rule = Callable[[Mention, str, str, str, str], bool]  # mention, written, before, after, line before it

# The patterns anchored at the end of the text before a number are searched in its last characters
# only, where a match can start (the longest match, a final line break, the spaces stripped first):
# the same answer as a search of the whole, without trying every position of it.
LONGEST_LOCATOR = 20  # "registration. no"
LONGEST_MONTH = 10  # "september."
LOCATOR_START = re.compile(r"\b\w|[§#]")  # where a locator word starts


def _locator(before: str) -> bool:
    """LOCATOR_BEFORE.search(before): no locator word ends in a space, so one ends where the spaces do."""
    bare = before.rstrip(" \t\u00a0")  # tried where a word (or a sign) starts in the last characters
    if not (bare[-1:].isalpha() or bare[-1:] in (".", "§", "#")):
        return False  # every locator ends on a letter, a full stop or its sign
    return any(LOCATOR_ENDING.match(bare, s.start()) for s in LOCATOR_START.finditer(bare, max(0, len(bare) - LONGEST_LOCATOR)))


def _month_before(before: str) -> bool:
    """MONTH_BEFORE.search(before), read as _locator is."""
    bare = before.rstrip()
    if not (bare[-1:].isalpha() or bare[-1:] == "."):
        return False  # a month ends on a letter or the full stop of its abbreviation
    return MONTH_ENDING.search(bare, max(0, len(bare) - LONGEST_MONTH)) is not None


def _tail(pattern: re.Pattern[str], before: str, longest: int) -> bool:
    """``pattern.search(before)`` for a pattern ending in "$" whose matches are at most ``longest``
    characters ("$" also matches before a final line break)."""
    return pattern.search(before, max(0, len(before) - longest - 1)) is not None



def _is_year(m: Mention, written: str) -> bool:
    return (not m.in_words and not m.percent and not m.currency and written.isdigit() and len(written) == 4
            and 1800 <= int(written) <= 2100 and m.value == int(written))


COUNTED_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:people|persons|soldiers|troops|cases|civilians|refugees|migrants|"
                           r"children|men|women|deaths|fatalities|families|households|arrests|detainees)\b")
# A year before 1800 is read as one where only a year can stand: after "in", "since", "from" ... ("founded
# in 1776", "from 1700 to 1987"), or at either end of a span of years ("1618–1683")
EARLY_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|until|till|after|before|around|circa|c\.)[ \t]+$", re.IGNORECASE)
YEARS_AFTER = re.compile(r"^[ \t]*(?:[-\u2013\u2014]|to)[ \t]*(\d{4})\b")
YEARS_BEFORE = re.compile(r"(?<![\d,.])(\d{4})[ \t]*(?:[-\u2013\u2014]|to)[ \t]*$")


def _year(m: Mention, written: str, before: str, after: str, line: str) -> bool:
    if not _is_year(m, written) or _QUALIFIED.search(before):
        return False
    return not COUNTED_AFTER.match(after)


def _early_year(m: Mention, written: str, before: str, after: str, line: str) -> bool:
    """A year from 1000 to 1799 where only a year can stand (EARLY_YEAR_BEFORE, a span of years)."""
    if m.in_words or m.percent or m.currency or not (written.isdigit() and len(written) == 4) \
            or not 1000 <= m.value < 1800 or _QUALIFIED.search(before) or COUNTED_AFTER.match(after):
        return False
    if EARLY_YEAR_BEFORE.search(before):
        return True
    later, earlier = YEARS_AFTER.match(after), YEARS_BEFORE.search(before)
    return bool((later and m.value < int(later.group(1)) <= 2100) or (earlier and 1000 <= int(earlier.group(1)) < m.value))


def _short_year(m: Mention, written: str, before: str, after: str, line: str) -> bool:
    """The second year of a range written short ("in 2010–15", "1910–20", "2015-16")."""
    opened = SHORT_YEAR_BEFORE.search(before)
    if opened is None or m.in_words or m.percent or not re.fullmatch(r"\d\d", written):
        return False
    first = int(opened.group(1))
    last = first - first % 100 + int(written)
    return last == first + 1 or (opened.group(2) != "-" and first < last <= first + 20)


GLUED_YEAR = re.compile(r"(?:1[89]|20)\d\d\.\d{1,4}")


def _glued_year(m: Mention, written: str, before: str, after: str, line: str) -> bool:
    """A year closing a sentence with a footnote number glued on ("in 2024.7 The")."""
    return bool(GLUED_YEAR.fullmatch(written) and re.match(r"\s+[A-Z]|\s*$", after))


RULES: tuple[tuple[str, Rule], ...] = (
    ("phone number", lambda m, w, b, a, l: not m.in_words and not m.percent and (bool(
        PHONE_BEFORE.search(b) and (len(re.sub(r"\D", "", w)) >= 6 or not b.rstrip().endswith("+")))
        or (PHONE_HINT.search(b) is not None and _within(PHONE, b, w, a, PHONE_DIGITS)))),
    ("ISBN, ISSN or postcode", lambda m, w, b, a, l: not m.in_words and (
        ("IS" in b and _within(STANDARD_NUMBER, b, w, a)) or (len(w) == 5 and _within(ZIP_CODE, b, w, a)))),
    ("file size", lambda m, w, b, a, l: not m.in_words and not m.percent and bool(FILE_SIZE_AFTER.match(a))),
    ("year", _year),
    ("year before 1800", _early_year),
    ("year and footnote", _glued_year),
    ("year written short", _short_year),
    ("date", lambda m, w, b, a, l: bool(not m.in_words and (MONTH_AFTER.match(a) or _month_before(b)
                                                            or _tail(ISO_DATE, b, 8) or DATE_AFTER.match(a)
                                                            or (_is_year(m, w) and MONTH_DAY_BEFORE.search(b))))),
    ("day of a range of days", lambda m, w, b, a, l: not m.in_words and not m.percent and not m.currency
     and w.isdigit() and m.value <= 31 and bool(DAY_RANGE_BEFORE.search(b) or DAY_RANGE_AFTER.match(a))),
    ("time of day", lambda m, w, b, a, l: not m.in_words and bool(
        TIME.match(a) or (re.fullmatch(r"[0-5]\d", w) and MINUTES_BEFORE.search(b)))),
    ("ordinal", lambda m, w, b, a, l: not m.in_words and bool(ORDINAL_AFTER.match(a))),
    ("locator or identifier", lambda m, w, b, a, l: _locator(b) or bool(
        LOCATOR_RANGE_BEFORE.search(b) and _locator(LOCATOR_RANGE_BEFORE.sub("", b)))),
    ("document symbol", lambda m, w, b, a, l: not m.in_words and bool(_tail(SYMBOL, b, 2) or SYMBOL_AFTER.match(a))),
    ("compound adjective", lambda m, w, b, a, l: not m.percent and not m.multiple and bool(COMPOUND_AFTER.match(a))),
    ("age", lambda m, w, b, a, l: not m.fraction and bool(AGE_BEFORE.search(b) or AGE_RANGE_AFTER.match(a)
                                                           or (m.value <= 110 and PEOPLE_BETWEEN_BEFORE.search(b))
                                                           or (a.startswith(",") and m.value <= 110 and not m.percent
                                                               and APPOSED_AGE_BEFORE.search(b)))),
    ("duration", lambda m, w, b, a, l: not m.percent and not m.fraction and bool(AGE_OR_DURATION_AFTER.match(a))),
    ("section number", lambda m, w, b, a, l: not m.in_words and bool(SECTION_AFTER.match(a) or _tail(SECTION_BEFORE, b, 2))),
    ("list number", lambda m, w, b, a, l: not m.in_words and (not l.strip() or (l.strip() == "(" and a.startswith(")")))
     and bool(LIST_NUMBER_AFTER.match(a))),
    ("paragraph number after a heading", lambda m, w, b, a, l: not m.in_words and not m.percent
     and bool(PARAGRAPH_NUMBER.fullmatch(w) and CAPS_HEADING_BEFORE.search(b)
              and (PARAGRAPH_OPENS_AFTER.match(a) if "." in w else DOTTED_PARAGRAPH_OPENS_AFTER.match(a)))),
    ("list item numbered in the text", lambda m, w, b, a, l: not m.in_words and w.isdigit() and m.value <= 20
     and bool(INLINE_ITEM_AFTER.match(a) and INLINE_ITEM_BEFORE.search(b)) and l.rfind("(") <= l.rfind(")")),
    ("footnote number between sentences", lambda m, w, b, a, l: not m.in_words and len(w) <= 3 and w.isdigit()
     and b.rstrip(" \t")[-1:] in SENTENCE_CLOSERS
     and bool(SENTENCE_END_BEFORE.search(b) and NOTE_OPENING_AFTER.match(a))),
    ("restated in brackets", lambda m, w, b, a, l: not m.in_words and not m.percent and "(" in b[-BRACKET_REACH:]
     and _restated_in_brackets(m, b, a)),
    ("rate denominator", lambda m, w, b, a, l: bool(RATE_BEFORE.search(b))),
    ("rank", lambda m, w, b, a, l: bool((RANK_AFTER.match(a) or (not m.percent and RANKED_WITH_AFTER.match(a)))
                                        and RANK_BEFORE.search(b))),
    ("position in a sequence or on a scale", lambda m, w, b, a, l: not m.percent and not m.currency and m.value <= 12
     and _position(b, a)),
    ("size of a ranked list", lambda m, w, b, a, l: not m.percent and not m.currency and m.value <= 100
     and bool(LIST_SIZE_BEFORE.search(b))),
    ("daily change", lambda m, w, b, a, l: bool(w.startswith("+") or (b.endswith("(+") and not m.percent)
                                                   or (b.endswith(("(\u2212", "(-")) and not m.percent and a.startswith(")")))),
    ("number word used as a word", lambda m, w, b, a, l: _word_as_word(m, w, b, a)),
    ("confidence level", lambda m, w, b, a, l: m.percent and bool(CONFIDENCE_AFTER.match(a))),
    ("page furniture", lambda m, w, b, a, l: not m.percent and bool(FURNITURE_AFTER.match(a) or PAGE_OF_BEFORE.search(b)
                                                                   or (not m.in_words and PAGE_LABEL_BEFORE.search(b)))),
    ("page number closing a running header", lambda m, w, b, a, l: not m.in_words and bool(
        len(l) <= 80 and re.fullmatch(r"\d{1,4}", w) and re.search(r"\S[ \t]{2,}$", l)
        and re.match(r"[ \t]*(?:\n|\Z)", a))),
    ("street address", lambda m, w, b, a, l: not m.in_words and bool(
        ADDRESS_AFTER.match(a) or (re.fullmatch(r"\d{1,4}[A-Za-z]?", w) and (
            POSTCODE_AHEAD.match(a) or (ADDRESS_LABEL_BEFORE.search(b) and re.match(r"[ \t]+[A-Z]", a)))))),
    ("number opening a name", lambda m, w, b, a, l: not m.in_words and not m.percent and not m.currency
     and bool(re.fullmatch(r"\d{1,3}", w) and THE_BEFORE.search(b) and NAME_AFTER.match(a))),
    ("code of digits and capitals", lambda m, w, b, a, l: not m.in_words and w.isdigit()
     and bool(CODE_LETTERS_AFTER.match(a))),
    ("code with a leading zero", lambda m, w, b, a, l: bool(re.fullmatch(r"0\d+", w))),
    ("threshold or target", lambda m, w, b, a, l: _policy_after(a) or bool(POLICY_BEFORE.search(b))),
    ("count of parts of a text", lambda m, w, b, a, l: m.in_words and not m.fraction and m.value <= 12
     and bool(ABSTRACT_AFTER.match(a))),
    ("document job number", lambda m, w, b, a, l: not m.in_words and bool(JOB_NUMBER_BEFORE.search(b))),
    ("a scale word on its own", lambda m, w, b, a, l: m.in_words and w.lower() in SCALES),
    ("units of a table or a box", lambda m, w, b, a, l: m.in_words and bool(
        UNITS_LABEL.fullmatch(w) and re.search(r"\((?:in\s+)?$", b, re.IGNORECASE) and a.startswith(")"))),
    ("count of the text's own list", lambda m, w, b, a, l: m.in_words and not m.fraction and m.value <= 12 and bool(
        OWN_LIST_BEFORE.search(b) or (ALL_BEFORE.search(b) and POINTED_BACK_AFTER.match(a)))),
    ("page number in brackets", lambda m, w, b, a, l: not m.in_words and l.strip() in ("(", "[", "-", "–")
     and bool(re.match(r"^\s*[)\]\-–]?[ \t]*(?:\n|$)", a)) and bool(re.fullmatch(r"\d{1,4}", w))),
    ("section or page number", lambda m, w, b, a, l: not m.in_words and not l.strip()
     and bool((re.fullmatch(r"[\d.]+", w) and re.match(r"^(?:\.\d+)*\s{2,}\S|^(?:\.\d+)+\.?\s+[A-Z]", a))
              or (re.fullmatch(r"\d{1,2}\.\d{1,2}", w) and re.match(r"^\s+[A-Z][a-z]+(?:\s+[a-z]+){0,6}\s*(?:\n|$)", a)))),
)


def _position(before: str, after: str) -> bool:
    """"day six of", "Quarter 1", "scale force seven", "force 9 gale", "7.7 magnitude", "4.9 Richter":
    a position or a reading, not a count."""
    if DAY_BEFORE.search(before):
        return after.lstrip(" \t").startswith("of ")
    if FORCE_BEFORE.search(before):
        return bool(SCALE_FORCE_BEFORE.search(before) or WIND_AFTER.match(after))
    return bool(QUARTER_BEFORE.search(before) or SCALE_READING_AFTER.match(after) or SCALE_READING_BEFORE.search(before))


def _within(pattern: re.Pattern[str], before: str, written: str, after: str, digits: int = 0) -> bool:
    """Whether a match of ``pattern`` (with at least ``digits`` digits) in the number's surroundings
    covers the number."""
    around = before + written + after
    return any(m.start() <= len(before) and len(before) + len(written) <= m.end()
               and sum(c.isdigit() for c in m.group(0)) >= digits for m in pattern.finditer(around))


def _restated_in_brackets(m: Mention, before: str, after: str) -> bool:
    """"nine month (9)": the number in words before the bracket; "15 kilometers (9 miles)": a measure."""
    word = WORD_IN_BRACKETS_BEFORE.search(before)
    if word is not None and SMALL_WORDS[word.group(1).lower()] == m.value and after.lstrip().startswith(")"):
        return True
    return bool(MEASURED_IN_BRACKETS_BEFORE.search(before) and UNITS_AFTER.match(after))


def _policy_after(after: str) -> bool:
    """"the $60/barrel limit", "This 30,000 ceiling is": the number sets a cap, a limit or a target;
    not one counted against it ("77% of target") nor the noun a policy word modifies ("222 source
    and 188 target countries")."""
    m = POLICY_AFTER.match(after)
    return m is not None and NOUN_AFTER.match(after[m.end():]) is None


def _word_as_word(m: Mention, written: str, before: str, after: str) -> bool:
    lowered = written.lower()
    if m.in_words and m.value == 1 and not m.fraction:
        return not PERSON_AFTER.match(after) or bool(ONE_BEFORE.search(before) or ONE_AS_WORD.match(after)
                                                      or ONE_COSTED_BEFORE.search(before))
    if m.fraction and m.in_words:
        if HALF_BEFORE.search(before):
            return True
        if lowered.endswith("half") or lowered == "half":
            return bool(HALF_BEFORE.search(before) or HALF_AFTER.match(after)
                        or HALF_OF_A_DURATION_BEFORE.search(before))
        if A_FRACTION.fullmatch(lowered) and NOUN_AFTER.match(after):  # "a third boat", "a fifth update"
            return True
        if ORDINAL_FRACTION.match(lowered):  # "third" alone is an ordinal; "a third of" a share
            return not re.match(r"^\s+of\b", after) or bool(re.search(r"\bthe\s+$", before))
        return bool(HALF_BEFORE.search(before))
    if m.multiple and lowered == "double":
        return not (_QUALIFIED.search(before) or DOUBLE_OK_AFTER.match(after))
    return False


def exclusion(m: Mention, text: str) -> str | None:
    """Why the number at ``m`` is not a figure (a rule's name), or None when it may be one."""
    written = text[m.start:m.end]
    before = text[max(0, m.start - 30):m.start]
    after = text[m.end:m.end + 30]
    start = line_start(text, m.start)
    line = text[start:m.start] if start is not None else "\u2026" + text[m.start - LINE_WINDOW:m.start]  # a long line
    window = max(0, m.start - TOKEN_WINDOW)
    token_start = max(text.rfind(" ", window, m.start), text.rfind("\n", window, m.start), window - 1) + 1
    token_end = min((i for i in (text.find(" ", m.end, m.end + TOKEN_WINDOW), text.find("\n", m.end, m.end + TOKEN_WINDOW))
                     if i != -1), default=min(len(text), m.end + TOKEN_WINDOW))
    if URLISH.search(text[token_start:token_end]):
        return "part of a URL or an address"
    for name, rule in RULES:
        if rule(m, written, before, after, line):
            return name
    return None
