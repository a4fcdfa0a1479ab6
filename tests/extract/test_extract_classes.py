"""Issue 16: regression tests for each class of writing the extractor must read right: who
reported a figure, through whom, about what, on which footnote, and what is not a figure.

Every text here is written for the project (made-up outlets, institutes and people; real
agencies and places where the class needs them); none is copied from a real document. Each
class is covered by several phrasings, so that a rule written for one sentence does not pass."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figuregraph.cli import app
from figuregraph.extract import Extraction, Found, extract_text
from figuregraph.extract.lexicon import Lexicon

from ..conftest import GRAPH_DIR

DAY = date(2025, 3, 10)
PUBLISHER = "Daily Courier"  # the publisher of every made-up document here, unless a test says otherwise
runner = CliRunner()


@pytest.fixture(scope="module")
def read(lexicon: Lexicon):
    """extract_text with the seed graph's lexicon; every quote is checked against the text."""

    def run(text: str, publisher: str | None = PUBLISHER, day: date | None = DAY) -> Extraction:
        ex = extract_text(text, day, lexicon, publisher)
        for f in ex.figures:
            assert text[f.start:f.end] == f.quote, f
        return ex
    return run


def said(f: Found) -> str | None:
    """Who a figure is attributed to, as written, without a leading article, in lower case."""
    if f.reported_by is None:
        return None
    name = f.reported_by.strip()
    for article in ("the ", "The "):
        name = name.removeprefix(article)
    return name.lower()


def values(ex: Extraction) -> list[Decimal]:
    return [f.value for f in ex.figures]


def cited_publisher(ex: Extraction, f: Found) -> list[str | None]:
    """The publisher names of the sources a figure's citations name."""
    return [ex.sources[k].publisher_name for k in f.citations]


# --- 1. Attribution verbs and positions -------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "reporter", "name"), [
    ("The UN Human Rights Monitoring Mission recorded 212 civilian casualties in May 2025.", 212, None,
     "un human rights monitoring mission"),
    ("Mediazona announced on Monday that 3 150 soldiers had been convicted.", 3150, "mediazona", "mediazona"),
    ("The Norland Border Agency announced on Monday that 3 150 people had crossed the border.", 3150, None,
     "norland border agency"),
    ("Around 4 800 families were displaced in 2024, Frontelligence Insight said in its latest update.", 4800,
     "frontelligence-insight", "frontelligence insight"),
    ("Around 4 800 families were displaced in 2024, the Refugee Aid Network said in its latest update.", 4800, None,
     "refugee aid network"),
    ("Mediazona's research shows that 1 430 soldiers were convicted in 2024.", 1430, "mediazona", None),
    ("Kavkaz Monitor's research shows that 1 430 soldiers were convicted in 2024.", 1430, None, "kavkaz monitor"),
    ("Courts convicted 1 430 soldiers in 2024, according to figures released by the British Ministry of Defence.",
     1430, "uk-ministry-of-defence", None),
    ("Courts convicted 1 430 soldiers in 2024, according to figures released by the Interior Ministry.", 1430, None,
     "interior ministry"),
    ("In 2024, 1 430 soldiers were convicted, according to data published by Mediazona.", 1430, "mediazona", None),
    ("A 2021 household survey by Statistics Norland estimated that 38 % of households lacked clean water.", 38, None,
     "statistics norland"),
])
def test_attribution_verbs_and_positions(read, text: str, value: int, reporter: str | None,
                                         name: str | None) -> None:
    """Whatever the verb (recorded, announced, said, shows, estimated) and wherever the source
    stands (before, after, "according to figures released by" at the end), the figure is the
    source's, not the publisher's."""
    (f,) = read(text).figures
    assert f.value == value
    assert f.reporter == reporter
    if name is not None:
        assert said(f) == name
    assert not f.by_publisher


@pytest.mark.parametrize(("text", "name"), [
    (("A 2021 survey by the Vantara Institute estimated that 38 % of households lacked water. "
     "It also estimated that 12 % had no electricity."), "vantara institute"),
    (("The Refugee Aid Network registered 41 200 arrivals in 2024. The network added that 3 150 of them were "
     "children."), "refugee aid network"),
    (("UNHCR registered 41 200 arrivals in 2024. The agency announced on Monday that 3 150 people had crossed the "
     "border."), "unhcr"),
    (("UNHCR published its annual report on Friday. The agency said that 41 200 people had arrived in 2024 and "
     "that 3 150 had crossed the border in January."), "unhcr"),
    (("The Norwegian Refugee Council opened new offices in the north in 2024. Some 41 200 families were displaced "
     "and 3 150 lost their homes, the organisation said in its latest update."), "norwegian refugee council"),
], ids=["it-also-estimated", "the-network-added", "the-agency-announced", "the-agency-after-a-plain-sentence",
        "the-organisation-said-after-a-plain-sentence"])
def test_an_anaphor_carries_the_source_named_before(read, text: str, name: str) -> None:
    """"It also estimated", "the agency said", "the organisation said": the source named before."""
    ex = read(text)
    assert len(ex.figures) == 2
    assert [said(f) for f in ex.figures] == [name, name]
    assert not any(f.by_publisher for f in ex.figures)


@pytest.mark.parametrize("opening", [
    "According to an analysis by the Meridian Data Lab, 2 340 schools were damaged in 2024.",
    "An analysis by the Meridian Data Lab found that 2 340 schools were damaged in 2024.",
    "The Meridian Data Lab's analysis of satellite images shows that 2 340 schools were damaged in 2024.",
])
@pytest.mark.parametrize("joint", [" ", "\n\n"])
def test_a_source_named_at_the_start_of_a_data_story_covers_what_follows(read, opening: str,
                                                                         joint: str) -> None:
    """A data story names its source once; the figures after it are that source's until the text
    names another (the Education Ministry here), whose figures then follow it."""
    text = joint.join([opening, "A further 610 were destroyed.", "In the north, 180 clinics closed.",
                       "The Education Ministry said 95 teachers were killed.", "Another 40 were missing."])
    ex = read(text)
    assert values(ex) == [2340, 610, 180, 95, 40]
    assert [said(f) for f in ex.figures] == ["meridian data lab"] * 3 + ["education ministry"] * 2
    assert not any(f.by_publisher for f in ex.figures)
    assert len({ex.sources[f.citations[0]].id for f in ex.figures[:3]}) == 1  # one source for the story
    assert "reporter" in ex.figures[1].inferred and "reporter" in ex.figures[4].inferred  # left a trace


# --- 2. Chains --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    ("The regional outlet Kavkaz Monitor reports, citing the Interior Ministry, that 1 250 people were detained at "
    "the border in 2024."),
    ("Kavkaz Monitor, citing data from the Interior Ministry, reported that 1 250 people were detained at the border "
    "in 2024."),
    ("According to Kavkaz Monitor, which cited the Interior Ministry, 1 250 people were detained at the border in "
    "2024."),
    "Kavkaz Monitor said 1 250 people were detained at the border in 2024, citing the Interior Ministry.",
    "Kavkaz Monitor, referencing Interior Ministry data, said 1 250 people were detained at the border in 2024.",
], ids=["reports-citing", "citing-data-from", "according-to-which-cited", "citing-at-the-end", "referencing-data"])
def test_an_outlet_citing_a_ministry_is_a_chain(read, text: str) -> None:
    """The reporter is the outlet; the ministry is the source behind it: the outlet's cited
    source cites the ministry's data."""
    ex = read(text)
    (f,) = ex.figures
    assert (f.value, f.period_start, f.period_end) == (1250, date(2024, 1, 1), date(2024, 12, 31))
    assert said(f) == "kavkaz monitor"
    assert f.via is not None and "interior ministry" in f.via.lower()
    (key,) = f.citations
    outlet = ex.sources[key]
    assert outlet.publisher_name == "Kavkaz Monitor"
    assert len(outlet.cites) == 1
    ministry = ex.sources[outlet.cites[0]]
    assert ministry.publisher_name is not None and "Interior Ministry" in ministry.publisher_name


@pytest.mark.parametrize("text", [
    "The British Ministry of Defence, citing data from Mediazona, reported 684 desertion convictions in March 2024.",
    "The British Ministry of Defence reported, citing Mediazona, that 684 soldiers were convicted in March 2024.",
    "According to the British Ministry of Defence, which cited Mediazona, 684 soldiers were convicted in March 2024.",
], ids=["citing-data-from", "reported-citing", "according-to-which-cited"])
def test_a_chain_between_known_actors_names_both(read, text: str) -> None:
    ex = read(text)
    (f,) = ex.figures
    assert (f.value, f.reporter, f.via_actor) == (684, "uk-ministry-of-defence", "mediazona")
    (key,) = f.citations
    assert [ex.sources[k].publisher for k in ex.sources[key].cites] == ["mediazona"]


@pytest.mark.parametrize("marker", ["[1]", "1"])
def test_a_chain_on_a_footnoted_article_cites_the_ministry(read, marker: str) -> None:
    """When the outlet's article is a footnote, that cited source is the one that cites the
    ministry's data: the chain runs document -> article -> ministry's data."""
    entry = "[1]" if marker == "[1]" else "1"
    text = (f"Kavkaz Monitor reports, citing the Interior Ministry, that 1 250 people were detained in 2024.{marker}"
            f"\n\nReferences\n{entry} Kavkaz Monitor, Border detentions, 3 March 2025\n")
    ex = read(text)
    (f,) = ex.figures
    assert f.citations == ["1"] and said(f) == "kavkaz monitor"
    assert f.via is not None and "interior ministry" in f.via.lower()
    article = ex.sources["1"]
    assert article.title == "Border detentions"
    assert [ex.sources[k].publisher_name for k in article.cites] == ["Interior Ministry"]


# --- 3. Numbers with scale words, fractions and multiples ---------------------------------------

M = 1_000_000


@pytest.mark.parametrize(("text", "value", "lower", "upper"), [
    ("Mediazona said 4.3 million people had left the country.", 4_300_000, 4_300_000, 4_300_000),
    ("Mediazona said about 4.3 million people had left the country.", 4_300_000, 4_250_000, 4_350_000),
    ("Mediazona said 2.06 million people were displaced.", 2_060_000, 2_060_000, 2_060_000),
    ("Mediazona said the fund received $120 million in 2024.", 120 * M, 120 * M, 120 * M),
    ("Mediazona said some 2.5 billion dollars were spent.", 2_500 * M, 2_450 * M, 2_550 * M),
    ("Mediazona said the programme cost €3bn in 2024.", 3_000 * M, 3_000 * M, 3_000 * M),
    ("Mediazona said the appeal raised $1.2bn in 2024.", 1_200 * M, 1_200 * M, 1_200 * M),
    ("Mediazona said the appeal raised £2.5m in 2024.", 2_500_000, 2_500_000, 2_500_000),
    ("Mediazona said 12m people needed aid in 2024.", 12 * M, 12 * M, 12 * M),
    ("Mediazona said the appeal raised 300m euros in 2024.", 300 * M, 300 * M, 300 * M),
    ("Mediazona said the programme cost half a billion dollars.", 500 * M, 500 * M, 500 * M),
    ("Mediazona said half a million people fled in 2024.", 500_000, 500_000, 500_000),
    ("Mediazona said a quarter of a million people fled in 2024.", 250_000, 250_000, 250_000),
])
def test_scale_words_multiply(read, text: str, value: int, lower: int, upper: int) -> None:
    """"4.3 million" is 4 300 000, "€3bn" three billion, "12m" twelve million, "half a billion"
    five hundred million: one figure, never the number before the scale word alone."""
    (f,) = read(text).figures
    assert (f.value, f.lower, f.upper) == (value, lower, upper)
    assert f.reporter == "mediazona"


@pytest.mark.parametrize(("text", "value"), [
    ("Refugees in 2024\n20.7\nmillion refugees\n6.1\nmillion asylum-seekers\n", [20_700_000, 6_100_000]),
    ("Key figures\n4.3\nmillion displaced\n\n310\nthousand returnees\n", [4_300_000, 310_000]),
])
def test_a_scale_word_on_the_next_line_of_an_infographic(read, text: str, value: list[int]) -> None:
    assert values(read(text)) == value


@pytest.mark.parametrize(("text", "value", "lower", "upper"), [
    ("Mediazona said half of the soldiers in the unit deserted.", Decimal("0.5"), Decimal("0.5"), Decimal("0.5")),
    ("Mediazona said nearly half of the soldiers in the unit deserted.", Decimal("0.5"), Decimal("0.4"),
     Decimal("0.5")),
    ("Mediazona said one-third of the households had no water.", Decimal(1) / 3, Decimal(1) / 3, Decimal(1) / 3),
    ("Mediazona said two-thirds of those detained were men.", Decimal(2) / 3, Decimal(2) / 3, Decimal(2) / 3),
])
def test_fractions_in_words(read, text: str, value: Decimal, lower: Decimal, upper: Decimal) -> None:
    """A fraction in words is a share: its value and bounds, to the rounding of four decimals."""
    (f,) = read(text).figures
    assert abs(f.value - value) < Decimal("0.001")
    assert f.lower is not None and f.upper is not None
    assert abs(f.lower - lower) < Decimal("0.001") and abs(f.upper - upper) < Decimal("0.001")
    assert f.lower <= value <= f.upper or abs(f.upper - value) < Decimal("0.001")


def test_over_a_quarter_has_open_but_sensible_bounds(read) -> None:
    (f,) = read("Mediazona said over a quarter of the schools were closed.").figures
    assert (f.value, f.qualifier, f.lower) == (Decimal("0.25"), "over", Decimal("0.25"))
    assert f.upper is not None and Decimal("0.25") < f.upper <= Decimal("0.5")


@pytest.mark.parametrize("text", [
    "Mediazona said arrests doubled in 2024.",
    "Mediazona said the number of arrests was twice that of 2023.",
    "Mediazona said the number of arrests was double that of 2023.",
])
def test_multiples_in_words(read, text: str) -> None:
    (f,) = read(text).figures
    assert (f.value, f.lower, f.upper) == (2, 2, 2)


@pytest.mark.parametrize(("text", "wording", "value", "year"), [
    ("Mediazona counted 3,100 detentions in 2023.", "3,100", 3100, 2023),
    ("Mediazona counted 3,100 in 2023.", "3,100", 3100, 2023),
    ("Mediazona counted 500 in 2023.", "500", 500, 2023),
    ("Figures provided by Mediazona put the number of detentions at 5 400 in 2024.", "5 400", 5400, 2024),
])
def test_a_count_followed_by_in_and_a_year_is_a_count(read, text: str, wording: str, value: int,
                                                      year: int) -> None:
    """"3,100 in 2023" is 3 100 in the year 2023, not the ratio 3 100 / 2 023 ("1 in 5" is a ratio)."""
    (f,) = read(text).figures
    assert (f.wording, f.value, f.lower, f.upper) == (wording, value, value, value)
    assert (f.period_start, f.period_end) == (date(year, 1, 1), date(year, 12, 31))


@pytest.mark.parametrize("later", ["9,500 in 2023", "9,500 detentions in 2023"])
def test_up_from_a_count_in_an_earlier_year(read, later: str) -> None:
    ex = read(f"Mediazona counted 12,000 detentions in 2024, up from {later}.")
    assert [(f.value, f.period_start and f.period_start.year) for f in ex.figures] == [(12000, 2024), (9500, 2023)]


def test_a_count_of_members_of_a_named_body_is_a_figure(read) -> None:
    """A number before a name that is no name it opens is still a count ("the 88 Generation
    Students" is a name; "the 469 National Directorate for Security detainees" are counted)."""
    ex = read("Mediazona said that of the 469 National Directorate for Security detainees, 39 were tortured.")
    assert values(ex) == [469, 39]


def test_one_in_five_is_still_a_ratio(read) -> None:
    (f,) = read("Mediazona said 1 in 5 soldiers deserted.").figures
    assert f.value == Decimal("0.2")


# --- 4. Not new figures -----------------------------------------------------------------------

BODY = "Mediazona counted 500 criminal cases."


@pytest.mark.parametrize("before", [
    "See Page 12-19 for the full data.",
    "The 27-nation bloc agreed on a common plan.",
    "The country ranked 41st in the index.",
    "Tab 3 shows the data by region.",
    "Men between 18 and 60 may not leave the country.",
    "Men aged between 18 and 60 may not leave the country.",
    "Desertion is punished by prison terms from 3 to 8 years.",
    "The 35th brigade was moved to the front.",
    "Soldiers of the 155th Marine Brigade refused to return.",
    "In reply to Question 4, the lawyer described the procedure.",
    "The procedure is described in the annex [page 7].",
    "The procedure is described in the annex (p. 14).",
    "The law was adopted on 15 March 2024 and entered into force in 2025.",
    "Article 338 of the Criminal Code applies.",
    "Leaders of the 88 Generation Students were detained.",  # a number opening a name
])
def test_locators_ranks_ages_terms_units_and_dates_are_not_figures(read, before: str) -> None:
    text = f"{before} {BODY}"
    ex = read(text)
    assert values(ex) == [500]
    assert ex.figures[0].reporter == "mediazona"


@pytest.mark.parametrize("metadata", [
    "title Desertion data\ndate 2024-05-17\n\n",
    "Title: Desertion data\nDate: 2024-05-17\nAuthor: Ivan Sidorov\n\n",
    "date 2024-05-17\nsource https://example.org/desertion-data\n\n",
])
def test_a_metadata_line_at_the_top_is_not_a_figure(read, metadata: str) -> None:
    """"date 2024-05-17" is a date, not the range 05-17."""
    assert values(read(metadata + BODY)) == [500]


@pytest.mark.parametrize("change", ["(+340)", "(+340 in the past day)", "(+340 since yesterday)", "(−25)"])
def test_a_daily_change_after_a_count_is_not_a_count(read, change: str) -> None:
    ex = read(f"As of 3 May 2025, Mediazona had counted 18,452 cases {change}.")
    assert values(ex) == [18452]
    assert ex.figures[0].period_end == date(2025, 5, 3)


RESTATED = [  # ways a sentence restates the 12,000 total before giving a part of it
    "Of those 12,000, about 3,100 were women.",
    "Of these 12,000 detainees, about 3,100 were women.",
    "Among the 12,000, about 3,100 were women.",
]


@pytest.mark.parametrize("restated", RESTATED)
def test_a_restated_total_is_a_mention_not_a_second_figure(read, restated: str) -> None:
    ex = read(f"Mediazona counted 12,000 detentions in 2024. {restated}")
    assert [(f.value, f.qualifier) for f in ex.figures] == [(12000, "exact"), (3100, "about")]
    assert [f.reporter for f in ex.figures] == ["mediazona", "mediazona"]


@pytest.mark.parametrize("restated", RESTATED)
def test_a_part_of_a_restated_total_is_part_of_it(read, restated: str) -> None:
    """As "496 of them" in the seed: the part points at the total it restates."""
    ex = read(f"Mediazona counted 12,000 detentions in 2024. {restated}")
    assert ex.figures[1].part_of == 0


@pytest.mark.parametrize("headline", [
    "Courts detained 12,000 people in 2024",
    "12,000 detained in 2024",
    "12,000 detentions in a year",
    "Courts Detain 12,000 in 2024, Outlet Says",
])
def test_a_headline_repeating_the_body_is_not_a_second_figure(read, headline: str) -> None:
    ex = read(f"{headline}\n\nMediazona counted 12,000 detentions in 2024, mostly at protests.")
    assert [(f.value, f.reporter) for f in ex.figures] == [(12000, "mediazona")]
    assert ex.figures[0].quote == "12,000 detentions"


@pytest.mark.parametrize("restating", [
    "Key figures:\n- 12,000 detentions\n- 3,100 releases",
    "Key figures\n12,000 detentions\n3,100 releases",
    "Chart: detentions and releases in 2024\nDetentions: 12,000\nReleases: 3,100",
    "| Detentions | Releases |\n|---|---|\n| 12,000 | 3,100 |",
])
def test_a_list_or_chart_restating_the_prose_adds_no_figure(read, restating: str) -> None:
    ex = read(f"Mediazona counted 12,000 detentions and 3,100 releases in 2024.\n\n{restating}\n")
    assert values(ex) == [12000, 3100]
    assert all(f.reporter == "mediazona" for f in ex.figures)


@pytest.mark.parametrize("again", [
    "Mediazona counted 18,452 cases in 2024. The 18,452 cases included 900 in Moscow.",
    "Mediazona counted 18,452 cases in 2024.\n\nThose 18,452 cases included 900 in Moscow.",
    "Mediazona counted 18,452 cases in 2024. Of the 18,452, some 900 were heard in Moscow.",
])
def test_an_unround_count_said_again_nearby_is_one_figure(read, again: str) -> None:
    assert values(read(again)) == [18452, 900]


@pytest.mark.parametrize("text", [
    "Mediazona counted 18,452 cases in 2024. Frontelligence Insight also counted 18,452 cases in 2024.",
    "Mediazona counted 18,452 cases in 2024.\n\nIn 2024, 18,452 cases were opened, Frontelligence Insight said.",
])
def test_the_same_count_from_two_sources_is_two_figures(read, text: str) -> None:
    ex = read(text)
    assert [(f.value, f.reporter) for f in ex.figures] == [(18452, "mediazona"), (18452, "frontelligence-insight")]


def test_the_same_count_on_two_footnotes_is_two_figures(read) -> None:
    text = ("Courts heard 18,452 cases in 2024.4 Another tally also gives 18,452 cases in 2024.5\n\nNotes\n"
            "4 Mediazona, Court data 2024, 2 February 2025\n5 Frontelligence Insight, Court records, 3 March 2025\n")
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(18452, ["4"]), (18452, ["5"])]


# --- 5. Citation forms ------------------------------------------------------------------------

REFS = ("\n\nReferences\n[4] UNHCR, Global Trends 2023, 14 June 2024\n"
        "[5] Internal Displacement Monitoring Centre, Global Report on Internal Displacement, 2024\n"
        "[6] IOM, Displacement Tracking Matrix, 2024\n")


@pytest.mark.parametrize(("body", "citations"), [
    ("In 2023, 6.2 million people were displaced inside the country.[4][5] Another 1.1 million fled abroad.[6]",
     [["4", "5"], ["6"]]),
    ("In 2023, 6.2 million people were displaced inside the country.[4] [5] Another 1.1 million fled abroad.[6]",
     [["4", "5"], ["6"]]),
    ("In 2023, 6.2 million people were displaced inside the country[4][5], and 1.1 million fled abroad[6].",
     [["4", "5"], ["6"]]),
], ids=["after-the-stop", "spaced", "mid-sentence-after-each-clause"])
def test_bracket_markers_with_a_reference_list(read, body: str, citations: list[list[str]]) -> None:
    ex = read(body + REFS)
    assert values(ex) == [6_200_000, 1_100_000]
    assert [f.citations for f in ex.figures] == citations
    assert ex.sources["5"].publisher_name == "Internal Displacement Monitoring Centre"
    assert ex.figures[1].reported_by == "IOM"


@pytest.mark.parametrize("publisher", ["IDMC", "Idea Institute", "IDP Working Group"])
def test_a_publisher_whose_name_begins_like_idem_is_not_an_ibid(read, publisher: str) -> None:
    ex = read(f"In 2023, 6.2 million people were displaced.[4][5]\n\nReferences\n"
              f"[4] UNHCR, Global Trends 2023, 14 June 2024\n[5] {publisher}, Global Report, 2024\n")
    notes = {n.number: n for n in ex.footnotes}
    assert (notes["5"].publisher, notes["5"].title, notes["5"].ibid) == (publisher, "Global Report", False)
    assert ex.sources["5"].id != ex.sources["4"].id


@pytest.mark.parametrize("sentence", [
    "Some 14 300 people (most of them women) were registered in 2024 (see annex).7",
    "Some 14 300 people were registered in 2024 (most of them women).7",
    "Some 14 300 people were registered in 2024 (most of them women)7.",
])
def test_a_marker_after_a_closing_parenthesis(read, sentence: str) -> None:
    ex = read(f"{sentence} The rest waited.\n\nNotes\n7 UNHCR, Registration update, 3 March 2024\n")
    assert [(f.value, f.citations, f.reported_by) for f in ex.figures] == [(14300, ["7"], "UNHCR")]


@pytest.mark.parametrize("sentence", [
    "The camp held 14 300 people according to UNHCR12.",
    "The camp held 14 300 people, UNHCR reported12.",
    "The camp held 14 300 people in March 2024, according to UNHCR12. The rest had left.",
])
def test_a_marker_glued_to_a_word(read, sentence: str) -> None:
    ex = read(f"{sentence}\n\n12 UNHCR, Camp profile, 3 March 2024\n")
    assert [(f.value, f.citations, f.reported_by) for f in ex.figures] == [(14300, ["12"], "UNHCR")]
    assert ex.sources["12"].title == "Camp profile"


@pytest.mark.parametrize(("sentence", "value", "citations"), [
    ("The number of refugees rose to 4.5 million in 2024.6", 4_500_000, ["6"]),
    ("The number of refugees rose to 4.5 million.6", 4_500_000, ["6"]),
    ("The share rose to 4.5 % in 2024.6", Decimal("4.5"), ["6"]),
    ("The number of refugees rose to 4.5 million in 2024.", 4_500_000, []),
])
def test_a_decimal_is_never_a_glued_marker(read, sentence: str, value: object, citations: list[str]) -> None:
    """"4.5 million" is 4.5 million, not 4 with marker 5, even when the notes have a 5; the
    notes' own lines are not figures."""
    notes = ("\n\nNotes\n4 UNHCR, Trends, 2023\n5 UNHCR, Trends, 2024\n6 IOM, Displacement Tracking, 2024\n"
             if citations else "")
    ex = read(sentence + notes)
    assert [(f.value, f.citations) for f in ex.figures] == [(value, citations)]


def test_uncited_entries_of_a_notes_list_are_not_figures(read) -> None:
    text = ("Courts heard 300 cases in 2024.7\n\nNotes\n5 Mediazona, Court data 2023, 2 May 2024\n"
            "6 Mediazona, Court data, 2 May 2025\n7 Mediazona, Court data 2024, 2 May 2025\n")
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(300, ["7"])]


FIRST_PAGE = ("Some 2 300 returnees were questioned at the border in 2024.21 Of them, 410 were detained.22\n\n"
              "21 Human Rights Watch, Returnees at the border, 3 June 2025\n"
              "22 Amnesty International, Detained on return, 4 July 2025\n\n")
NEXT_PAGE = "In the capital, police fined 780 people for leaving without permission in 2024.23\n\n" \
            "23 Mediazona, Fines for unauthorised absence, 1 August 2025\n"


@pytest.mark.parametrize("page_break", [
    "Country Report Page 7\n\n", "7\n\n", "Page 7 of 40\n\n", "\f", "Russia: Returnees   7\n\n",
])
def test_footnotes_at_page_breaks_in_the_middle_of_the_text(read, page_break: str) -> None:
    ex = read(FIRST_PAGE + page_break + NEXT_PAGE)
    assert [(f.value, f.citations) for f in ex.figures] == [(2300, ["21"]), (410, ["22"]), (780, ["23"])]
    assert [f.reported_by for f in ex.figures] == ["Human Rights Watch", "Amnesty International", "Mediazona"]
    assert [n.number for n in ex.footnotes] == ["21", "22", "23"]


def test_a_footnote_list_split_by_blank_lines(read) -> None:
    text = ("Some 2 300 returnees were questioned in 2024.21 Of them, 410 were detained.22 Police fined 780 people."
            "23\n\n21 Human Rights Watch, Returnees at the border, 3 June 2025\n\n"
            "22 Amnesty International, Detained on return, 4 July 2025\n\n"
            "23 Mediazona, Fines for unauthorised absence, 1 August 2025\n")
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(2300, ["21"]), (410, ["22"]), (780, ["23"])]
    assert ex.sources["23"].publisher == "mediazona"


@pytest.mark.parametrize(("body", "entries"), [
    ("Some 2 300 returnees were questioned in 2024.(1) Police fined 780 people in 2024.(2)",
     ("(1) Source: Human Rights Watch, Returnees at the border, 3 June 2025\n"
     "(2) Source: Mediazona, Fines for unauthorised absence, 1 August 2025\n")),
    ("Some 2 300 returnees were questioned in 2024 (1). Police fined 780 people in 2024 (2).",
     ("Sources\n(1) Human Rights Watch, Returnees at the border, 3 June 2025\n"
     "(2) Mediazona, Fines for unauthorised absence, 1 August 2025\n")),
    ("Some 2 300 returnees were questioned in 2024.(1) Police fined 780 people in 2024.(2)",
     ("(1) Human Rights Watch, Returnees at the border, 3 June 2025\n"
     "(2) Mediazona, Fines for unauthorised absence, 1 August 2025\n")),
])
def test_parenthesised_numbered_source_entries(read, body: str, entries: str) -> None:
    ex = read(f"{body}\n\n{entries}")
    assert [(f.value, f.citations) for f in ex.figures] == [(2300, ["1"]), (780, ["2"])]
    assert [f.reported_by for f in ex.figures] == ["Human Rights Watch", "Mediazona"]
    assert ex.figures[1].reporter == "mediazona"
    assert ex.sources["1"].publisher_name == "Human Rights Watch"


@pytest.mark.parametrize("marker", ["[2]", "2"])
def test_a_marker_whose_entry_is_missing_is_kept_and_listed(read, lexicon: Lexicon, marker: str) -> None:
    from figuregraph.extract.figures import Reader

    text = (f"Some 14 300 people were registered in 2024.[1] A further 2 100 were waiting.{marker}\n\n"
            if marker == "[2]" else
            "Some 14 300 people were registered in 2024.1 A further 2 100 were waiting.2\n\n")
    text += "References\n[1] UNHCR, Registration update, 3 March 2024\n" if marker == "[2]" else \
        "1 UNHCR, Registration update, 3 March 2024\n"
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(14300, ["1"]), (2100, ["2"])]
    assert ex.figures[0].reported_by == "UNHCR"
    assert "2" not in ex.sources  # no source made up for it
    assert Reader(text, DAY, lexicon, PUBLISHER).notes.missing == ["2"]


@pytest.mark.parametrize("text", [
    "Some 310 people arrived in 2024.[1] Another 95 left in 2025.",
    "Some 310 people arrived in the camp[1] in 2024. Another 95 left in 2025.",
])
def test_one_bracket_marker_glued_to_a_word_without_a_list(read, text: str) -> None:
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(310, ["1"]), (95, [])]


TABLE = "| Nationality | Applications |\n|---|---|\n| Syrian | 12 400 |\n| Afghan | 9 800 |\n| Iraqi | 3 150 |\n"
FMO = "\nReferences\n[4] Federal Migration Office, Asylum statistics 2024, 10 January 2025\n" \
      "[5] Eurostat, Asylum applicants, 2025\n"


@pytest.mark.parametrize(("caption", "markers"), [
    ("The number of asylum applications by nationality in 2024 is as follows: [4]\n", ["4"]),
    ("The number of asylum applications by nationality in 2024 is as follows:[4][5]\n", ["4", "5"]),
    ("The number of asylum applications by nationality in 2024 is as follows: [4]\n\n", ["4"]),
    ("Asylum applications by nationality, 2024[4]\n\n", ["4"]),
])
def test_a_table_caption_ending_with_markers_covers_its_rows(read, caption: str, markers: list[str]) -> None:
    """The caption's markers are each row's; a blank line between caption and a Markdown table
    (which Markdown requires) does not cut them off."""
    ex = read(caption + TABLE + FMO)
    assert [(f.value, f.subject, f.citations) for f in ex.figures] == [
        (12400, "syria", markers), (9800, "afghanistan", markers), (3150, "iraq", markers)]
    assert all(f.reported_by == "Federal Migration Office" for f in ex.figures)
    assert all("citations" in f.inferred for f in ex.figures)


@pytest.mark.parametrize("heading", ["Refugees in 2015[1]", "Refugee population[1]", "Refugees in 2015 [1]"])
def test_an_infobox_heading_with_a_marker_covers_its_lines(read, heading: str) -> None:
    text = f"{heading}\nTotal\n4 180 000\nIn camps\n1 250 000\nUrban\n2 930 000\n\n" \
           "References\n[1] UNHCR, Mid-Year Trends 2015, 2015\n"
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(4_180_000, ["1"]), (1_250_000, ["1"]),
                                                            (2_930_000, ["1"])]
    assert all(f.reported_by == "UNHCR" for f in ex.figures)


@pytest.mark.parametrize("paragraph", [
    ("In 2024, 3 400 people were displaced by floods. Another 1 200 lost their homes. Some 600 remained in "
    "shelters.[3]"),
    ("In 2024, 3 400 people were displaced by floods, and 1 200 lost their homes. By December, some 600 still "
    "remained in shelters.[3]"),
])
def test_a_paragraphs_only_footnote_closing_it_covers_its_uncited_figures(read, paragraph: str) -> None:
    ex = read(f"{paragraph}\n\nIn 2025, 90 people returned.\n\nNotes\n[3] IOM, Flood response update, "
              "2 February 2025\n")
    assert [(f.value, f.citations) for f in ex.figures] == [(3400, ["3"]), (1200, ["3"]), (600, ["3"]), (90, [])]
    assert [f.reported_by for f in ex.figures[:3]] == ["IOM"] * 3


@pytest.mark.parametrize("lead", ["Sea arrivals.[2]", "Access to territory (sea arrivals).[2]",
                                  "Sea arrivals in early 2025.[2]"])
def test_a_short_lead_closing_with_a_marker_covers_the_paragraph(read, lead: str) -> None:
    text = (f"{lead} In January, 3,035 people arrived by sea. In February, 2,870 arrived.\n\n"
            "References\n[2] UNHCR, Mediterranean situation, 5 March 2025\n")
    ex = read(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(3035, ["2"]), (2870, ["2"])]
    assert [f.reported_by for f in ex.figures] == ["UNHCR", "UNHCR"]


@pytest.mark.parametrize("symbol", ["A/HRC/20/CRP.1", "S/2024/123.4", "E/CN.4/2005/7.2"])
def test_digits_closing_a_document_symbol_are_no_marker(read, symbol: str) -> None:
    """UN document symbols end in digits after a full stop; with a numbered paragraph below they
    are not footnote markers, so the body is not cut there."""
    text = (f"{symbol}\n\nHuman Rights Council\n\n1. The Commission conducted 383 interviews in 2012, "
            "of which 50 were with women.\n")
    ex = read(text)
    assert [f.value for f in ex.figures] == [383, 50] and ex.footnotes == []


@pytest.mark.parametrize("note", ["In Peru, Ecuador and Chile, the response also covers people in transit.",
                                  "In the north, the figure includes returnees."])
def test_an_explanatory_note_beginning_with_in_names_no_source(read, note: str) -> None:
    ex = read(f"The plan will assist 3.4 million refugees and migrants in 2023.1\n\n1 {note}\n")
    (f,) = ex.figures
    assert f.citations == ["1"] and not ex.footnotes[0].cites and f.reported_by == PUBLISHER


@pytest.mark.parametrize("marker", ["1", "[1]"])
def test_a_bracketed_reference_list_numbers_markers_glued_in_the_body(read, marker: str) -> None:
    ex = read(f"UNHCR counted 3.4 million refugees in 2023.{marker}\n\n[1] UNHCR, Regional update, 5 May 2024\n")
    (f,) = ex.figures
    assert f.citations == ["1"] and ex.sources["1"].title == "Regional update"


@pytest.mark.parametrize(("text", "citations"), [
    ("The plan brings together 228 partners to assist 3.4 million refugees and migrants1 and host communities "
     "in 2023.", [[], ["1"]]),
    ("Courts heard 300 cases and 40 appeals2 in the capital in 2024.", [[], ["2"]]),
])
def test_a_marker_the_sentence_goes_on_after_is_the_last_figures_only(read, text: str,
                                                                      citations: list[list[str]]) -> None:
    number = citations[-1][0]
    ex = read(f"{text}\n\n{number} UNHCR, Regional update, 5 May 2024\n")
    assert [f.citations for f in ex.figures] == citations


# --- 6. Subjects ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "subject", "label", "kind"), [
    ("In Curaçao, some 17 000 Venezuelans lived without papers in 2024, the Refugee Aid Network said.", "curacao",
     "Curaçao", "country"),
    ("In Kenya, the camps held 620 000 refugees in 2024, according to Mediazona.", "kenya", "Kenya", "country"),
    ("Some 620 000 refugees lived in Kenya in 2024, according to Mediazona.", "kenya", "Kenya", "country"),
    ("Some 3 400 refugees were registered in Gaziantep province in 2024, Mediazona said.", "gaziantep-province",
     "Gaziantep province", "region"),
    ("In West Darfur State, up to 15 500 people fled fighting in August 2024, Mediazona said.", "west-darfur-state",
     "West Darfur State", "region"),
    ("In Lviv, 3 400 refugees were registered in 2024, Mediazona said.", "lviv", "Lviv", None),
    ("Some 48 000 people fled Khartoum in May 2024, Mediazona reported.", "khartoum", "Khartoum", None),
    ("In São Paulo, 3 400 refugees were registered in 2024, Mediazona said.", "sao-paulo", "São Paulo", None),
    ("In Réunion, 3 400 refugees were registered in 2024, Mediazona said.", "reunion", "Réunion", None),
])
def test_a_place_from_the_gazetteer_is_the_subject_and_proposed(read, text: str, subject: str,
                                                               label: str | None, kind: str | None) -> None:
    """Countries, regions and cities the graph lacks come from the gazetteer as new places, with
    ids that fold accents ("Curaçao" -> curacao)."""
    ex = read(text)
    (f,) = ex.figures
    assert f.subject == subject
    assert subject in ex.places
    place = ex.places[subject]
    assert place.id == subject
    if label is not None:
        assert place.label == label
    if kind is not None:
        assert place.kind == kind


def test_a_place_the_graph_has_is_not_proposed(read) -> None:
    ex = read("Mediazona said that 300 soldiers from the Moscow region deserted in 2024.")
    assert [(f.subject, f.reporter) for f in ex.figures] == [("moscow-region", "mediazona")]
    assert "moscow-region" not in ex.places


@pytest.mark.parametrize(("text", "acronym", "label"), [
    (("The Office for the Coordination of Humanitarian Affairs (OCHA) counted 2.1 million displaced people in "
     "2024.\n\nIn August 2024, OCHA said 150 000 more had fled."), "OCHA",
     "Office for the Coordination of Humanitarian Affairs"),
    (("The Norwegian Refugee Council (NRC) said 30 000 families needed shelter in 2024. NRC added that 4 000 had "
     "received tents."), "NRC", "Norwegian Refugee Council"),
    (("According to the Sahel Monitoring Initiative (SMI), 2.1 million people were displaced in 2024.\n\n"
     "In August 2024, SMI said 150 000 more had fled."), "SMI", "Sahel Monitoring Initiative"),
], ids=["OCHA", "NRC", "according-to-the-SMI"])
def test_an_organisation_spelt_out_with_its_acronym_is_one_new_actor(read, text: str, acronym: str,
                                                                      label: str) -> None:
    """Proposed as an actor with the acronym as its alias; the later "OCHA said" is the same actor."""
    ex = read(text)
    org = ex.organisations[label.lower()]
    assert (org.id, org.label, org.aliases) == (acronym.lower(), label, [acronym])
    assert len(ex.figures) == 2
    for f in ex.figures:
        assert f.reported_by is not None
        assert ex.organisations[f.reported_by.lower()].id == acronym.lower()
    assert not any(f.by_publisher for f in ex.figures)


def test_an_organisations_name_proposes_no_place(read) -> None:
    """"Norwegian" in "the Norwegian Refugee Council" is part of a name, not Norway."""
    ex = read("The Norwegian Refugee Council (NRC) said 30 000 families needed shelter in 2024.")
    assert "norway" not in ex.places
    assert ex.figures[0].subject != "norway"


@pytest.mark.parametrize(("text", "reporter", "subject"), [
    ("Frontelligence Insight reported that 300 soldiers of the Southern Military District deserted in 2024.",
     "frontelligence-insight", "southern-military-district"),
    ("Mediazona counted 1 200 cases against Mediazona's own sources in 2024.", "mediazona", None),
    ("According to Mediazona, 1 200 soldiers were convicted in 2024.", "mediazona", None),
    ("The British Ministry of Defence said that the Russian armed forces lost 1 500 men in a day.",
     "uk-ministry-of-defence", "russian-armed-forces"),
])
def test_the_reporter_is_never_the_subject(read, text: str, reporter: str, subject: str | None) -> None:
    (f,) = read(text).figures
    assert (f.reporter, f.subject) == (reporter, subject)


@pytest.mark.parametrize("chart", [
    "Arrivals by country of origin in 2024:\nSyria 12 400\nAfghanistan 9 800\nSudan 3 150\n",
    "Arrivals by country of origin in 2024:\nSyria: 12 400\nAfghanistan: 9 800\nSudan: 3 150\n",
    "Arrivals by country of origin in 2024\n| Syria | 12 400 |\n| Afghanistan | 9 800 |\n| Sudan | 3 150 |\n",
    "Arrivals by country of origin in 2024:\n- Syria, 12 400\n- Afghanistan, 9 800\n- Sudan, 3 150\n",
])
def test_chart_rows_take_their_subject_from_the_label_before_each_number(read, chart: str) -> None:
    ex = read(chart)
    assert [(f.value, f.subject) for f in ex.figures] == [(12400, "syria"), (9800, "afghanistan"), (3150, "sudan")]


# --- 7. Sentence and paragraph boundaries after glued markers ----------------------------------

@pytest.mark.parametrize("text", [
    ("Some 2 300 people returned to the country.312 According to Mediazona, 410 of them were detained in 2024.313"
    "\n\n312 Human Rights Watch, Returnees, 3 June 2025\n313 Mediazona, Detentions on return, 1 August 2025\n"),
    ("Some 2 300 people returned to the country.312 According to Mediazona, 410 were detained in 2024.\n\n"
    "312 Human Rights Watch, Returnees, 3 June 2025\n"),
    ("Some 2 300 people returned in 2019.[7]\nIn 2020, according to Mediazona, 410 were detained.\n\n"
    "References\n[7] Human Rights Watch, Returnees, 3 June 2020\n"),
    ("Some 2 300 people returned in 2019.7\nIn 2020, Mediazona said, 410 were detained.\n\n"
    "7 Human Rights Watch, Returnees, 3 June 2020\n"),
])
def test_the_next_sentences_attribution_does_not_leak_back(read, text: str) -> None:
    ex = read(text)
    assert [f.value for f in ex.figures] == [2300, 410]
    first, second = ex.figures
    assert first.reported_by == "Human Rights Watch" and first.reporter != "mediazona"
    assert second.reporter == "mediazona"


@pytest.mark.parametrize("text", [
    "Some 2 300 people returned in 2019.[7]\nIn 2020, Mediazona said, 410 were detained.",
    "Some 2 300 people returned in 2019.[7] In 2020, Mediazona said, 410 were detained.",
    "Some 2 300 people returned to the country.[7] According to Mediazona, 410 were detained in 2024.",
])
def test_a_glued_marker_without_its_list_still_ends_the_sentence(read, text: str) -> None:
    ex = read(text)
    first, second = ex.figures
    assert first.citations == ["7"]
    assert first.reporter != "mediazona" and first.reported_by != "Mediazona"
    assert second.reporter == "mediazona"


# --- 8. First person --------------------------------------------------------------------------

@pytest.mark.parametrize("ours", [
    "We recorded 40 cases of torture in the same year.",
    "Our researchers counted 40 cases of torture in the same year.",
    "In our own count, 40 cases of torture were found in the same year.",
    "Our team documented 40 cases of torture in the same year.",
])
@pytest.mark.parametrize(("publisher", "reporter"), [("euaa", "euaa"), ("Asylum Research Desk", None)])
def test_first_person_is_the_documents_publisher(read, ours: str, publisher: str, reporter: str | None) -> None:
    """"We" and "our" are the document's author (the publisher), never the source named before."""
    ex = read(f"According to Mediazona, 1 200 soldiers were convicted in 2024. {ours}", publisher=publisher)
    first, ours_figure = ex.figures
    assert (first.value, first.reporter) == (1200, "mediazona")
    assert ours_figure.value == 40
    assert ours_figure.reporter == reporter
    assert ours_figure.reported_by == publisher
    assert ours_figure.citations == []


def test_first_person_without_a_publisher_is_not_the_earlier_source(read) -> None:
    ex = read("According to Mediazona, 1 200 soldiers were convicted in 2024. We recorded 40 cases of torture.",
              publisher=None)
    assert ex.figures[1].reporter != "mediazona" and ex.figures[1].reported_by != "Mediazona"


@pytest.mark.parametrize(("quoted", "reporter", "name"), [
    ("\"We found 300 deserters in one unit alone,\" said Ivan Petrov, a lawyer in Rostov.", None, "Ivan Petrov"),
    ("Ivan Petrov, a lawyer in Rostov, said: \"We found 300 deserters in one unit alone.\"", None, "Ivan Petrov"),
    ("Frontelligence Insight's director said: \"We have identified 300 deserters in one unit.\"",
     "frontelligence-insight", None),
    ("\u201cOur volunteers counted 300 deserters in one unit,\u201d Frontelligence Insight told the newspaper.",
     "frontelligence-insight", None),
])
def test_first_person_inside_a_quotation_is_the_speaker(read, quoted: str, reporter: str | None,
                                                        name: str | None) -> None:
    ex = read(f"Mediazona counted 1 200 convictions in 2024. {quoted}")
    first, speaker = ex.figures
    assert first.reporter == "mediazona"
    assert speaker.value == 300
    assert speaker.reporter == reporter
    if name is not None:
        assert speaker.reported_by == name
    assert speaker.subject != "frontelligence-insight"
    assert not speaker.by_publisher


# --- 9. Giving data names a source --------------------------------------------------------------

@pytest.mark.parametrize(("text", "reporter", "name"), [
    ("The Interior Ministry gave data on 5 400 detentions in 2024.", None, "interior ministry"),
    ("The Norland Border Service provided the number of 5 400 detentions in 2024.", None, "norland border service"),
    ("Data from the Interior Ministry show 5 400 detentions in 2024.", None, "interior ministry"),
    ("Data from Mediazona show that 5 400 people were detained in 2024.", "mediazona", "mediazona"),
    ("The Interior Ministry provided the figures: 5 400 people were detained in 2024.", None, "interior ministry"),
    ("Mediazona gave the figure of 5 400 detentions for 2024.", "mediazona", "mediazona"),
    ("Figures provided by Mediazona put the number of detentions in 2024 at 5 400.", "mediazona", "mediazona"),
    ("Mediazona provided data showing that 5 400 people were detained in 2024.", "mediazona", "mediazona"),
])
def test_giving_or_providing_data_names_a_source(read, text: str, reporter: str | None, name: str) -> None:
    (f,) = read(text).figures
    assert f.value == 5400
    assert (f.reporter, said(f)) == (reporter, name)
    assert not f.by_publisher


# --- 10. Title-case headlines are headings --------------------------------------------------------

@pytest.mark.parametrize("headline", [
    "Mediazona Counts Record Desertions",
    "Record Desertions Reported By Mediazona",
    "According To Mediazona: A Record Year",
    "Frontelligence Insight Says Desertions Are Rising",
])
def test_a_title_case_headline_carries_no_attribution_into_the_body(read, headline: str) -> None:
    ex = read(f"{headline}\n\nCourts convicted 684 soldiers in March 2024.", day=date(2024, 4, 24))
    (f,) = ex.figures
    assert f.value == 684
    assert f.reporter is None and f.reported_by == PUBLISHER and f.by_publisher


@pytest.mark.parametrize("headline", [
    "Refugees Return To Northern Provinces, Agency Says",
    "Thousands Flee As Fighting Spreads, UNHCR Reports",
])
def test_a_title_case_headline_does_not_override_the_bodys_source(read, headline: str) -> None:
    ex = read(f"{headline}\n\nSome 12 000 refugees returned to the north in 2024, the Refugee Aid Network said.")
    (f,) = ex.figures
    assert (f.value, said(f)) == (12000, "refugee aid network")


# --- 11. Output -------------------------------------------------------------------------------

def test_extract_json_gives_arrays_for_lists(tmp_path: Path) -> None:
    text = ("Kavkaz Monitor reports, citing the Interior Ministry, that 1 250 people were detained in 2024.\n\n"
            "The Office for the Coordination of Humanitarian Affairs (OCHA) counted 2.1 million displaced people "
            "in Sudan in 2024.[2]\n\nReferences\n[2] OCHA, Sudan situation report, 4 April 2025\n")
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "json", "-g", str(GRAPH_DIR)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data["figures"], list) and isinstance(data["footnotes"], list)
    assert [f["value"] for f in data["figures"]] == [1250, 2100000]
    for f in data["figures"]:
        assert isinstance(f["citations"], list) and isinstance(f["inferred"], list)
        assert isinstance(f["why"], dict)
        assert text[f["start"]:f["end"]] == f["quote"]
    assert data["figures"][1]["citations"] == ["2"]
    for source in data["sources"].values():
        assert isinstance(source["cites"], list) and isinstance(source["authors"], list)
    assert any(source["cites"] for source in data["sources"].values())  # the chain to the ministry's data
    for org in data["organisations"].values():
        assert isinstance(org["aliases"], list)
    assert data["organisations"]["ocha"]["aliases"] == ["OCHA"]
    assert data["places"]["sudan"]["kind"] == "country"
