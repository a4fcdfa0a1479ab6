"""Issue 5: extraction on the three formats it meets (fixtures written for the project):
a COI report with plain glued footnotes, a query response with inline references and
"ibid.", and a news article with an attribution chain."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from figuregraph.extract import Extraction, Lexicon, extract_text

from ..conftest import FIXTURES

FIXTURES = FIXTURES / "extract"
DAY = date(2025, 9, 1)


@pytest.fixture(scope="module")
def read(lexicon: Lexicon) -> object:
    def run(name: str) -> tuple[str, Extraction]:
        text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
        return text, extract_text(text, DAY, lexicon)
    return run


def rows(ex: Extraction) -> list[tuple[object, ...]]:
    return [(f.wording, f.qualifier, f.value, f.lower, f.upper, f.measure or f"new: {f.proposed_measure}", f.subject,
             f.period_start and f.period_start.isoformat(), f.period_end and f.period_end.isoformat(),
             f.reporter or f"new: {f.reported_by}", [ex.sources[k].id for k in f.citations]) for f in ex.figures]


def test_coi_report_with_plain_glued_footnotes(read: object) -> None:
    text, ex = read("coi-plain-footnotes")  # type: ignore[operator]
    evasion = "mediazona-2024-mobilisation-evasion-cases-in-2023"
    assert rows(ex) == [
        ("at least 1 200", "at-least", 1200, 1200, None, "new: criminal cases", None, "2023-01-01", "2023-12-31",
         "mediazona", [evasion]),
        ("up to 2 000", "up-to", 2000, 0, 2000, "new: conscripts detained", None, "2023-01-01", "2023-12-31",
         "mediazona", [evasion]),
        ("between 300 and 450", "range", 375, 300, 450, "desertion-awol-criminal-cases", "southern-military-district",
         "2024-01-01", "2024-01-31", "frontelligence-insight", ["frontelligence-2025-desertions-loss-ratios"]),
    ]  # not figures: the section number, "aged 20 to 35", "Article 328", "2 years", the footnote numbers
    notes = {n.number: n for n in ex.footnotes}
    assert notes["15"].ibid and notes["15"].locator == "p. 4" and notes["15"].title == notes["14"].title
    assert ex.sources["14"] == ex.sources["15"] and ex.sources["14"].new  # one source, proposed
    assert ex.sources["17"].id == "frontelligence-2025-desertions-loss-ratios" and not ex.sources["17"].new
    assert all(text[f.start:f.end] == f.quote for f in ex.figures)


def test_query_response_with_inline_references_and_ibid(read: object) -> None:
    _text, ex = read("query-response-inline")  # type: ignore[operator]
    hrw = "human-rights-watch-2025-returnees-questioned-at-the-border"
    assert rows(ex) == [
        ("some 150", "about", 150, 145, 155, "new: returnees", None, "2024-01-01", "2024-12-31",
         "new: Human Rights Watch", [hrw]),
        ("Nearly 40 %", "nearly", 40, 39, 40, "new: share of returnees", None, "2024-01-01", "2024-12-31",
         "new: Human Rights Watch", [hrw]),  # a share of the 150 questioned in 2024: the same period
        ("over 500", "over", 500, 500, 600, "new: persons fined", "moscow-region", "2025-01-01", "2025-06-30",
         "mediazona", ["mediazona-2025-fines-for-unauthorised-absence"]),
    ]  # the dates and page numbers inside the references are not figures
    assert [(n.number, n.locator, n.ibid) for n in ex.footnotes] == [
        ("ref-1", "p. 12", False), ("ref-2", "p. 14", True), ("ref-3", None, False)]


def test_news_with_an_attribution_chain(read: object) -> None:
    _text, ex = read("news-attribution-chain")  # type: ignore[operator]
    assert rows(ex) == [
        ("about 3 400", "about", 3400, 3350, 3450, "deserters", "eastern-military-district", "2025-05-01",
         "2025-05-31", "ukraine-military-intelligence", ["ukraine-military-intelligence-statement-2025-09-01"]),
        ("nearly 1 100", "nearly", 1100, 1000, 1100, "desertion-awol-criminal-cases", "leningrad-military-district",
         None, "2025-06-30", "frontelligence-insight", ["frontelligence-2025-desertions-loss-ratios"]),
        ("60", "exact", 60, 60, 60, "desertion-awol-criminal-cases", "leningrad-military-district", None,
         "2025-06-30", "frontelligence-insight", ["frontelligence-2025-desertions-loss-ratios"]),
    ]  # the headline's "Thousands" is a headline, not a figure
    first, _cases, part = ex.figures
    assert first.via == "intercepted reports"  # the chain: article -> intelligence service -> its reports
    assert part.part_of == 1 and set(part.inferred) == {"subject", "reporter", "period"}


def test_a_numeric_marker_is_a_marker_only_when_the_list_has_it() -> None:
    text = "Courts heard 300 cases in 2024.7 The rest waited.\n\nNotes\n7 Mediazona, Court data, 2 May 2025\n"
    ex = extract_text(text)
    assert [(f.value, f.citations) for f in ex.figures] == [(Decimal(300), ["7"])]
    without_list = extract_text("Courts heard 300 cases in 2024.7 The rest waited.")
    assert without_list.footnotes == [] and [f.citations for f in without_list.figures] == [[]]


def test_numbers_in_words_and_multiples() -> None:
    found = extract_text("Desertions rose nine times over the year, with almost three hundred cases.").figures
    assert [(f.wording, f.value, f.qualifier) for f in found] == [
        ("nine", 9, "exact"), ("almost three hundred", 300, "nearly")]
