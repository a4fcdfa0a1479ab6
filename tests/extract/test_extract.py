"""Issue 5 (first part): numbers, figures with qualifier and bounds, footnotes, from real text."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figuregraph.cli import app
from figuregraph.extract import extract_text
from figuregraph.extract.numbers import SCALE_WORDS, find_numbers
from figuregraph.model.schema import QUALIFIERS

from ..conftest import EUAA, EUAA_SEED, NEWS, NEWS_SEED
from ..expected import DISTRICT_PARTS, FIGURES, FOOTNOTES

runner = CliRunner()
RECORD_QUALIFIER = {term: key for key, term in QUALIFIERS.items()}  # fg:nearly -> "nearly"


DOCUMENT_DATES = {EUAA: None, NEWS: date(2024, 4, 24)}  # the article prints no date; its records say why


@pytest.mark.parametrize("document", [EUAA, NEWS])
def test_extraction_equals_the_curated_records_field_by_field(seed_texts: dict[str, str], document: str,
                                                              lexicon: object) -> None:
    """Every curated figure, with the same value, bounds, qualifier, measure, subject, period,
    reporter and citations, and nothing else proposed."""
    text = seed_texts[document]
    extraction = extract_text(text, DOCUMENT_DATES[document], lexicon)  # type: ignore[arg-type]
    curated = {name: f for name, f in FIGURES.items() if f[11] == document}
    by_wording = {f.wording: f for f in extraction.figures}
    assert sorted(by_wording) == sorted(f[0] for f in curated.values())  # nothing missing, nothing extra
    for name, (wording, value, lower, upper, qualifier, measure, about, start, end, reporters, cited,
               _doc) in curated.items():
        f = by_wording[wording]
        citations = set(f.citations) if document == EUAA else {extraction.sources[k].id for k in f.citations}
        got = (f.value, f.lower, f.upper, f.qualifier, f.measure, f.subject,
               f.period_start and f.period_start.isoformat(), f.period_end and f.period_end.isoformat(),
               {f.reporter}, citations)
        assert got == (value, lower, upper, RECORD_QUALIFIER[qualifier], measure, about, start, end, reporters,
                       cited), name
        assert text[f.start:f.end] == f.quote and f.quote.startswith(wording)
    parts = {by_wording[FIGURES[n][0]].part_of for n in DISTRICT_PARTS} if document == EUAA else \
        {by_wording["496"].part_of}
    totals = {extraction.figures[i].wording for i in parts if i is not None}
    assert totals == ({"50 500"} if document == EUAA else {"7,400"})


def test_cited_sources_are_the_graph_sources_and_one_source_per_document(seed_texts: dict[str, str],
                                                                         lexicon: object) -> None:
    sources = extract_text(seed_texts[EUAA], None, lexicon).sources  # type: ignore[arg-type]
    assert {k: s.id for k, s in sources.items()} == {n: row[0] for n, row in FOOTNOTES.items()}
    assert not any(s.new for s in sources.values())
    assert sources["957"] == sources["960"]  # two footnotes, one cited source


def test_footnotes_of_a_figure_are_the_markers_closing_its_sentence(seed_texts: dict[str, str]) -> None:
    found = {f.wording: f.citations for f in extract_text(seed_texts[EUAA]).figures}
    assert found["over 13 500"] == ["955"] and found["tens of thousands"] == ["956"]
    assert found["nearly 13 800"] == ["960"] and found["over 25 000"] == ["961"]


def test_the_footnote_list_is_parsed_into_cited_sources(seed_texts: dict[str, str]) -> None:
    notes = {n.number: n for n in extract_text(seed_texts[EUAA]).footnotes}
    assert sorted(notes) == [str(n) for n in range(955, 963)]
    assert (notes["955"].publisher, notes["955"].date, notes["955"].locator) == \
        ("UN Human Rights Council", "15 September 2025", "para. 91")
    assert notes["957"].title == "Desertions and Loss Ratios: Trends and Forecasts"
    assert notes["961"].title is not None and "25,000" in notes["961"].title
    assert notes["958"].date == "n.d." and notes["958"].url


@pytest.mark.parametrize(("text", "value", "rounding"), [
    ("nearly 22\u00a0580 cases", 22580, 10), ("over 22\u2009580 cases", 22580, 10), ("7,400 convictions", 7400, 100),
    ("about 2.5 % of them", Decimal("2.5"), Decimal("0.1")), ("some 1 200 000 people", 1200000, 100000),
    ("tens of thousands of cases", 10000, 10000), ("almost three hundred soldiers", 300, 100),
])
def test_numbers_as_written(text: str, value: object, rounding: object) -> None:
    mention = next(iter(find_numbers(text)))
    assert (mention.value, mention.rounding) == (Decimal(value), Decimal(rounding))  # type: ignore[arg-type]


@pytest.mark.parametrize("scale", ["thousand", "million", "billion", "trillion"])
@pytest.mark.parametrize(("text", "value"), [
    ("Europe4.39 {scale}", "4.39"),  # glued to an infobox's label
    ("As of March 2022,1.4 {scale} people", "1.4"),  # after a year's comma
    ("some 26 . 4\n\n{scale} refugees", "26.4"),  # a decimal point spaced out by a PDF
])
def test_digits_read_in_a_converted_layout_take_every_scale_word(text: str, value: str, scale: str) -> None:
    values = {m.value for m in find_numbers(text.format(scale=scale))}
    assert Decimal(value) * SCALE_WORDS[scale] in values


def test_a_footnote_marker_glued_to_a_number_is_split() -> None:
    found = extract_text("The agency counted almost 700 000472 returns.").figures
    assert [(f.value, f.qualifier, f.citations) for f in found] == [(700000, "nearly", ["472"])]
    assert found[0].wording == "almost 700 000"


@pytest.mark.parametrize("text", [
    "In 2024 the court met.", "It was adopted on 15 September 2025 in Geneva.", "See para. 91 of the report.",
    "Under Article 338 of the Criminal Code, deserters face trial.", "4.5.1. Desertion from the armed forces",
    "A man aged 25 was detained.", "He was sentenced to 5 years in prison.", "1. The first point\n2. The second",
    "Since 2022, the war has continued.",
])
def test_numbers_that_are_not_figures(text: str) -> None:
    assert extract_text(text).figures == []


def test_extract_cli_json(tmp_path: object) -> None:
    result = runner.invoke(app, ["extract", str(NEWS_SEED), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["value"] for f in data["figures"]] == [684, 7400, 496]
    text = NEWS_SEED.read_text(encoding="utf-8")
    assert all(text[f["start"]:f["end"]] == f["quote"] for f in data["figures"])
    missing = runner.invoke(app, ["extract", str(EUAA_SEED) + ".missing"])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_extract_publisher_is_the_source_of_first_person_statements(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("According to the ministry, 300 soldiers deserted in March 2024.\n\n"
                    "Our field team counted 412 deserters in the Southern military district in April 2024.\n",
                    encoding="utf-8")
    data = json.loads(runner.invoke(app, ["extract", str(path), "-f", "json", "--publisher", "Mediazona"]).stdout)
    assert [(f["value"], f["reporter"]) for f in data["figures"]] == [(300, None), (412, "mediazona")]
    bad = runner.invoke(app, ["extract", str(path), "--date", "2024-13"])
    assert bad.exit_code == 2 and "--date takes YYYY-MM-DD, YYYY-MM or YYYY, not '2024-13'" in bad.output


@pytest.mark.parametrize(("sentence", "reference", "expected"), [
    ("In 2023 some 500 people were tried.", None, ("In 2023", "2023-01-01", "2023-12-31")),
    ("As of end of June 2025, over 400 cases were open.", None, ("As of end of June 2025", None, "2025-06-30")),
    ("Between 2019 and 2021 almost 900 were held.", None, ("Between 2019 and 2021", "2019-01-01", "2021-12-31")),
    ("Since March 2022 over 1 000 left.", "2024-05-02", ("Since March 2022", "2022-03-01", "2024-05-02")),
    ("In January, 300 people were tried.", "2024-04-24", ("In January", "2024-01-01", "2024-01-31")),
    ("In November, 300 people were tried.", "2024-04-24", ("In November", "2023-11-01", "2023-11-30")),
])
def test_period_phrases(sentence: str, reference: str | None, expected: tuple[str, str | None, str]) -> None:
    from datetime import date

    from figuregraph.extract.periods import find_period

    number_at = re.search(r"(?<!\d)\d{1,3}(?: \d{3})*(?!\d)", sentence).start()  # type: ignore[union-attr]
    found = find_period(sentence, number_at, date.fromisoformat(reference) if reference else None)
    assert found is not None
    period = found[1]
    assert (period.phrase, period.start and period.start.isoformat(), period.end.isoformat()) == expected  # type: ignore[union-attr]


def test_in_march_without_a_date_is_left_open() -> None:
    from figuregraph.extract.periods import find_period

    assert find_period("In March, 684 soldiers were convicted.", 10, None) is None


def test_an_unknown_reporter_is_proposed_not_matched() -> None:
    from figuregraph.extract.attribution import find_attribution

    said = find_attribution("According to the Levada Center, some 300 people left.", {"mediazona": "mediazona"})
    assert said is not None and (said.said_by, said.actor) == ("Levada Center", None)


@pytest.mark.parametrize(("text", "proposed"), [
    ("Some $4.5 million was raised for the camps in 2024.", "unnamed measure"),
    ("Thousands flee as fighting spreads.", "unnamed measure"),
    ("Courts heard 300 asylum applications in 2024.", "asylum applications"),
])
def test_a_proposed_measure_is_what_the_number_counts_never_a_function_word(text: str, proposed: str) -> None:
    (f,) = extract_text(text).figures
    assert (f.measure, f.proposed_measure) == (None, proposed)
