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
from figuregraph.extract import Extraction, Found, extract_text, load_lexicon
from figuregraph.extract.lexicon import Lexicon

from .conftest import GRAPH_DIR

DAY = date(2025, 3, 10)
PUBLISHER = "Daily Courier"  # the publisher of every made-up document here, unless a test says otherwise
runner = CliRunner()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(GRAPH_DIR)


@pytest.fixture(scope="module")
def read(lexicon: Lexicon):  # type: ignore[no-untyped-def]
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
        if name.startswith(article):
            name = name[len(article):]
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
def test_attribution_verbs_and_positions(read, text: str, value: int, reporter: str | None,  # type: ignore[no-untyped-def]
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
    ("A 2021 survey by the Vantara Institute estimated that 38 % of households lacked water. "
     "It also estimated that 12 % had no electricity.", "vantara institute"),
    ("The Refugee Aid Network registered 41 200 arrivals in 2024. The network added that 3 150 of them were "
     "children.", "refugee aid network"),
    ("UNHCR registered 41 200 arrivals in 2024. The agency announced on Monday that 3 150 people had crossed the "
     "border.", "unhcr"),
    ("UNHCR published its annual report on Friday. The agency said that 41 200 people had arrived in 2024 and "
     "that 3 150 had crossed the border in January.", "unhcr"),
    ("The Norwegian Refugee Council opened new offices in the north in 2024. Some 41 200 families were displaced "
     "and 3 150 lost their homes, the organisation said in its latest update.", "norwegian refugee council"),
])
def test_an_anaphor_carries_the_source_named_before(read, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
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
def test_a_source_named_at_the_start_of_a_data_story_covers_what_follows(read, opening: str,  # type: ignore[no-untyped-def]
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
    "The regional outlet Kavkaz Monitor reports, citing the Interior Ministry, that 1 250 people were detained at "
    "the border in 2024.",
    "Kavkaz Monitor, citing data from the Interior Ministry, reported that 1 250 people were detained at the border "
    "in 2024.",
    "According to Kavkaz Monitor, which cited the Interior Ministry, 1 250 people were detained at the border in "
    "2024.",
    "Kavkaz Monitor said 1 250 people were detained at the border in 2024, citing the Interior Ministry.",
    "Kavkaz Monitor, referencing Interior Ministry data, said 1 250 people were detained at the border in 2024.",
])
def test_an_outlet_citing_a_ministry_is_a_chain(read, text: str) -> None:  # type: ignore[no-untyped-def]
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
])
def test_a_chain_between_known_actors_names_both(read, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = read(text)
    (f,) = ex.figures
    assert (f.value, f.reporter, f.via_actor) == (684, "uk-ministry-of-defence", "mediazona")
    (key,) = f.citations
    assert [ex.sources[k].publisher for k in ex.sources[key].cites] == ["mediazona"]


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
def test_scale_words_multiply(read, text: str, value: int, lower: int, upper: int) -> None:  # type: ignore[no-untyped-def]
    """"4.3 million" is 4 300 000, "€3bn" three billion, "12m" twelve million, "half a billion"
    five hundred million: one figure, never the number before the scale word alone."""
    (f,) = read(text).figures
    assert (f.value, f.lower, f.upper) == (value, lower, upper)
    assert f.reporter == "mediazona"


@pytest.mark.parametrize(("text", "value"), [
    ("Refugees in 2024\n20.7\nmillion refugees\n6.1\nmillion asylum-seekers\n", [20_700_000, 6_100_000]),
    ("Key figures\n4.3\nmillion displaced\n\n310\nthousand returnees\n", [4_300_000, 310_000]),
])
def test_a_scale_word_on_the_next_line_of_an_infographic(read, text: str, value: list[int]) -> None:  # type: ignore[no-untyped-def]
    assert values(read(text)) == value


@pytest.mark.parametrize(("text", "value", "lower", "upper"), [
    ("Mediazona said half of the soldiers in the unit deserted.", Decimal("0.5"), Decimal("0.5"), Decimal("0.5")),
    ("Mediazona said nearly half of the soldiers in the unit deserted.", Decimal("0.5"), Decimal("0.4"),
     Decimal("0.5")),
    ("Mediazona said one-third of the households had no water.", Decimal(1) / 3, Decimal(1) / 3, Decimal(1) / 3),
    ("Mediazona said two-thirds of those detained were men.", Decimal(2) / 3, Decimal(2) / 3, Decimal(2) / 3),
])
def test_fractions_in_words(read, text: str, value: Decimal, lower: Decimal, upper: Decimal) -> None:  # type: ignore[no-untyped-def]
    """A fraction in words is a share: its value and bounds, to the rounding of four decimals."""
    (f,) = read(text).figures
    assert abs(f.value - value) < Decimal("0.001")
    assert f.lower is not None and f.upper is not None
    assert abs(f.lower - lower) < Decimal("0.001") and abs(f.upper - upper) < Decimal("0.001")
    assert f.lower <= value <= f.upper or abs(f.upper - value) < Decimal("0.001")


def test_over_a_quarter_has_open_but_sensible_bounds(read) -> None:  # type: ignore[no-untyped-def]
    (f,) = read("Mediazona said over a quarter of the schools were closed.").figures
    assert (f.value, f.qualifier, f.lower) == (Decimal("0.25"), "over", Decimal("0.25"))
    assert f.upper is not None and Decimal("0.25") < f.upper <= Decimal("0.5")


@pytest.mark.parametrize("text", [
    "Mediazona said arrests doubled in 2024.",
    "Mediazona said the number of arrests was twice that of 2023.",
    "Mediazona said the number of arrests was double that of 2023.",
])
def test_multiples_in_words(read, text: str) -> None:  # type: ignore[no-untyped-def]
    (f,) = read(text).figures
    assert (f.value, f.lower, f.upper) == (2, 2, 2)


@pytest.mark.parametrize(("text", "wording", "value", "year"), [
    ("Mediazona counted 3,100 detentions in 2023.", "3,100", 3100, 2023),
    ("Mediazona counted 3,100 in 2023.", "3,100", 3100, 2023),
    ("Mediazona counted 500 in 2023.", "500", 500, 2023),
    ("Figures provided by Mediazona put the number of detentions at 5 400 in 2024.", "5 400", 5400, 2024),
])
def test_a_count_followed_by_in_and_a_year_is_a_count(read, text: str, wording: str, value: int,  # type: ignore[no-untyped-def]
                                                      year: int) -> None:
    """"3,100 in 2023" is 3 100 in the year 2023, not the ratio 3 100 / 2 023 ("1 in 5" is a ratio)."""
    (f,) = read(text).figures
    assert (f.wording, f.value, f.lower, f.upper) == (wording, value, value, value)
    assert (f.period_start, f.period_end) == (date(year, 1, 1), date(year, 12, 31))


@pytest.mark.parametrize("later", ["9,500 in 2023", "9,500 detentions in 2023"])
def test_up_from_a_count_in_an_earlier_year(read, later: str) -> None:  # type: ignore[no-untyped-def]
    ex = read(f"Mediazona counted 12,000 detentions in 2024, up from {later}.")
    assert [(f.value, f.period_start and f.period_start.year) for f in ex.figures] == [(12000, 2024), (9500, 2023)]


def test_one_in_five_is_still_a_ratio(read) -> None:  # type: ignore[no-untyped-def]
    (f,) = read("Mediazona said 1 in 5 soldiers deserted.").figures
    assert f.value == Decimal("0.2")
