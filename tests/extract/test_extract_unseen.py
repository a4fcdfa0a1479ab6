"""Issue 16: classes of writing met in documents nobody here wrote, each on a fixture written for
the project (tests/fixtures/extract/, made-up places, outlets and numbers): tables converted from
a PDF with one cell per line, ranges of years written short, a sentence's capitalised first word
that is not a name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from figuregraph.extract import Extraction, Found, extract_text
from figuregraph.extract.attribution import attributions
from figuregraph.extract.footnotes import read_notes
from figuregraph.extract.gazetteer import find_places, in_one_country
from figuregraph.extract.lexicon import Lexicon

from ..conftest import FIXTURES

TEXTS = FIXTURES / "extract"


def read(lexicon: Lexicon, name: str, day: date | None = date(2025, 4, 1),
         publisher: str = "Northvale Shelter Network") -> tuple[str, Extraction]:
    text = (TEXTS / name).read_text(encoding="utf-8")
    ex = extract_text(text, day, lexicon, publisher)
    for f in ex.figures:
        assert text[f.start:f.end] == f.quote, f
    return text, ex


def cell(text: str, ex: Extraction, written: str, after: str) -> Found:
    """The figure read from the cell ``written`` on the line after ``after``."""
    at = text.index(f"{after}\n{written}\n") + len(after) + 1
    at += len(written) - len(written.lstrip("+-"))
    return next(f for f in ex.figures if f.number_start == at)


def refused(text: str, ex: Extraction) -> dict[str, str]:
    """Why each number read and not taken is no figure (the rule's name), by its wording."""
    return {text[a:b]: reason for a, b, reason in ex.not_figures}


def test_every_cell_of_a_one_cell_per_line_table_is_a_figure(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    for written, after in (("6,944", "5,130"), ("7,205", "6,944"), ("8,412", "7,205"), ("+35%", "+4%"),
                           ("1,498", "1,210"), ("+24%", "1,498"), ("903", "987"), ("-9%", "903")):
        f = cell(text, ex, written, after)
        assert f.value == Decimal(written.strip("+%").replace(",", "")), written
        assert f.inferred, written  # a heuristic read it: the reviewer sees which


def test_a_cells_period_is_its_columns_header(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    assert (cell(text, ex, "7,205", "6,944").period_start, cell(text, ex, "7,205", "6,944").period_end) == (
        date(2023, 1, 1), date(2023, 12, 31))
    change = cell(text, ex, "+35%", "+4%")  # a row of changes from the previous year: 2021 to 2022
    assert (change.period_start, change.period_end) == (date(2021, 1, 1), date(2022, 12, 31))
    assert "period" in change.inferred
    share = cell(text, ex, "+24%", "1,498")  # a "% change" column compares the two years before it
    assert (share.period_start, share.period_end) == (date(2023, 1, 1), date(2024, 12, 31))
    assert cell(text, ex, "903", "987").period_start == date(2024, 1, 1)


def test_a_cells_measure_is_what_its_tables_caption_counts(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    cells = [cell(text, ex, "7,205", "6,944"), cell(text, ex, "1,498", "1,210"), cell(text, ex, "+24%", "1,498")]
    assert "arrivals" in (cells[0].proposed_measure or "")
    assert all("asylum applicant" in (c.proposed_measure or "") and "measure" in c.inferred for c in cells[1:])


def test_a_minus_before_a_cell_is_a_fall(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    fall = cell(text, ex, "-9%", "903")
    assert (fall.value, fall.lower, fall.upper, fall.percent) == (Decimal(-9), Decimal(-9), Decimal(-9), True)


def test_a_percent_sign_on_the_next_line_is_not_the_numbers(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    last = cell(text, ex, "8,412", "7,205")  # "8,412⏎% change ..." is a count, not 8,412 %
    assert not last.percent


def test_evenly_spaced_numbers_under_a_label_are_an_axis(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    axis = text.index("Figure 3")
    assert [f.wording for f in ex.figures if f.number_start > axis] == []


def test_prose_numbers_are_not_cells(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "pdf-vertical-tables.txt")
    prose = next(f for f in ex.figures if f.number_start < text.index("Table 1"))
    assert prose.value == 8000 and "figure" not in prose.inferred
    assert (prose.period_start, prose.period_end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_range_of_years_written_short_is_a_period_not_a_figure(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "report-short-year-ranges.txt")
    assert [f.wording for f in ex.figures] == ["41,200", "36,900", "80 per cent", "2,340", "1,870"]
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["41,200"] == (date(2014, 1, 1), date(2018, 12, 31))
    assert periods["36,900"] == (date(2009, 1, 1), date(2013, 12, 31))
    assert periods["80 per cent"] == (date(2019, 1, 1), date(2020, 12, 31))
    assert periods["2,340"] == (date(2021, 1, 1), date(2022, 12, 31))


def test_a_capitalised_first_word_is_not_a_reporters_name(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-opening-adjectives.txt", publisher="Lakeside Herald")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert set(said) == {"120", "40", "15", "300", "5,600", "2,100"}
    # "Conflicting reports from local officials", "Available data", "Published figures": no names, so
    # what they say stands on the source named before
    assert said["40"] == said["15"] == said["300"] == "Northvale Monitor"
    assert said["5,600"] == "Eurostat data"  # a name opening its sentence stays a name
    assert said["2,100"] == "UNHCR"


def test_a_name_in_a_pdfs_margin_column_is_not_the_reporter(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "pdf-margin-column.txt", publisher="Northvale Policy Library")
    said = {f.wording: (f.reported_by, f.by_publisher) for f in ex.figures}
    assert said == {"4,500": ("Northvale Policy Library", True), "1,200": ("Northvale Policy Library", True)}


def test_a_period_carries_over_consecutive_sentences_with_figures_only(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-period-scope.txt")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    march = (date(2024, 3, 1), date(2024, 3, 31))
    assert periods["6,200"] == periods["1,400"] == march  # "Another 1,400": the sentence after it
    assert periods["About 210,000"] == (None, None)  # after a sentence without a figure: none stated


def test_a_number_restated_in_a_list_or_an_infographic_is_one_figure(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "brief-restated-figures.txt")
    findings = text.index("Key findings")
    restated = [f for f in ex.figures if f.wording.lower() in ("some 4,350", "18%", "1 in 40", "1 in 85", "1 in 120")]
    assert [f.wording for f in restated] == ["some 4,350", "18%", "1 in 40", "1 in 85", "1 in 120"]
    assert all(f.number_start < findings for f in restated)  # the body's statements, not the list's
    assert all("restated" in f.inferred for f in restated)


def test_the_same_share_in_full_sentences_stays_two_figures(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-restated-figures.txt")
    assert [f.wording for f in ex.figures].count("37%") == 3  # Eritrea, Somalia, decisions: three counts


def test_goals_targets_registered_numbers_and_spaced_ordinals_are_identifiers(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-identifiers.txt")
    assert [f.wording for f in ex.figures] == ["2,750"]


def test_the_place_an_infobox_glues_to_its_number_is_the_figures_subject(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "infobox-glued-labels.txt")
    subjects = {f.wording: ex.places[f.subject].label if f.subject in ex.places else f.subject for f in ex.figures}
    assert subjects == {"3.1 million": "Europe", "1.9 million": "Southern Africa", "0.4 million": "South America"}


def test_countries_written_with_dots_or_joined_by_a_hyphen_are_places(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-dotted-country-codes.txt", publisher="Lakeside Herald")
    subjects = {f.wording: ex.places[f.subject].label if f.subject in ex.places else lexicon.labels.get(f.subject or "")
                for f in ex.figures}
    assert subjects["41,200"] in ("United States", "Mexico")  # "the U.S.-Mexico border"
    assert subjects["9,300"] == "United Kingdom"  # "In the U.K."
    assert subjects["14"] != "United States"  # "the US-led coalition" qualifies the coalition


def test_a_figure_with_its_own_footnote_does_not_take_the_source_named_before(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-own-footnote-not-carried.txt", publisher="Lakeside Herald")
    said = {f.wording: (f.reported_by, f.citations[:1]) for f in ex.figures}
    assert said["4,100"] == ("Northvale Refugee Office", ["1"])
    # footnote 2 (its entry is not in the text) is not the Office's note 1: the text's own statement
    assert said["220"] == ("Lakeside Herald", ["2"])
    assert "reporter" in next(f for f in ex.figures if f.wording == "220").inferred


def test_a_glued_marker_whose_entry_the_excerpt_lacks_is_kept_as_a_missing_note(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "factsheet-marker-without-entry.txt")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"2,140": ["1"], "160": ["1"]}  # "(sea arrivals).1": the section's note, not a figure
    assert not ex.footnotes  # its entry is not in the text ("CRP.2" is a document symbol, no marker)
    assert all("missing note" in f.inferred for f in ex.figures)
    assert [m.number for m in read_notes(_text).markers] == ["1"]  # "Fig.2 Arrivals" is a locator


def test_periods_counted_back_from_the_documents_date(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-relative-periods.txt", day=date(2025, 3, 12), publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}  # 12 March 2025 is a Wednesday
    assert periods["38"] == (date(2025, 3, 11), date(2025, 3, 12))
    assert periods["Some 4,000"] == (date(2025, 3, 8), date(2025, 3, 9))
    assert periods["900"] == (date(2025, 3, 7), date(2025, 3, 12))
    assert periods["120"] == periods["2,300"] == (date(2025, 3, 5), date(2025, 3, 12))
    _text, undated = read(lexicon, "news-relative-periods.txt", day=None)
    assert all(f.period_start is None and f.period_end is None for f in undated.figures)


def test_an_acronym_in_mixed_case_is_the_alias_of_the_organisation_it_follows(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-mixed-case-acronyms.txt", publisher="Lakeside Herald")
    assert ex.organisations["mod"].label == "Ministry of Defence" and ex.organisations["mod"].aliases == ["MoD"]
    assert ex.organisations["dod"].label == "Department of Defense"
    said = {f.wording: f.reported_by for f in ex.figures}
    assert ex.organisations[(said["12"] or "").lower()] is ex.organisations["ministry of defence"]  # "The MoD added"


def test_registered_by_x_qualifies_its_own_number_not_the_others(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "report-passive-qualifier.txt", publisher="Northvale Refugee Office")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["61.2 million"] == said["4.1 million"] == said["39.8 million"] == "Northvale Refugee Office"


def test_a_source_that_says_it_does_not_report_is_no_reporter(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-negated-reporting.txt", publisher="Lakeside Herald")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["about 90,000"] == "Northvale Institute"
    assert "Eastmark" not in (said["30,000"] or "") and "ministry" not in (said["30,000"] or "")


def test_a_datelines_place_is_where_the_news_was_filed_not_its_subject(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "news-datelines.txt", day=date(2025, 3, 12), publisher="Lakeside Herald")
    places = {**{k: v.label for k, v in ex.places.items()}, **lexicon.labels}
    subjects = {(f.wording, f.number_start < text.index("GENEVA")): places.get(f.subject or "", f.subject)
                for f in ex.figures}
    assert subjects[("at least 40,000", False)] == "Darfur"  # not Geneva
    assert subjects[("12,500", False)] == "Darfur"  # not Brussels: what the sentence before is about


def test_a_source_named_with_the_reporter_is_not_the_subject(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-coreporters.txt", publisher="Lakeside Herald")
    (f,) = [f for f in ex.figures if f.wording == "over 21,000"]
    assert f.reported_by == "Northvale Institute"
    assert f.subject != "mediazona"  # named with the reporter: one of the sources, not what is counted


def test_a_uns_job_number_is_not_a_figure(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "pdf-job-number.txt")
    assert [f.wording for f in ex.figures] == ["at least 1,300"]


def test_a_target_or_a_limit_is_not_a_figure(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-targets-and-limits.txt")
    assert [f.wording for f in ex.figures] == ["2.4%", "Some 80%"]


def test_a_third_one_or_a_third_wave_is_an_ordinal_not_a_share(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "report-ordinal-third.txt")
    assert [f.wording for f in ex.figures] == ["a quarter", "48,000", "a third"]


def test_a_source_in_brackets_closing_the_sentence_is_its_reporter(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "snapshot-closing-sources.txt", day=date(2025, 3, 24), publisher="Protection Cluster")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["seven"] == said["21"] == "Eastvale Regional Administration"
    assert said["64,000"] == "OCHA"
    assert said["310"] != "ERW"  # "explosive remnants of war (ERW)" defines an abbreviation


def test_with_x_reporting_that_names_the_reporter(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "update-participle-reporting.txt", day=date(2025, 3, 24), publisher="OHCHR")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["over 1.2 million"] == "UNHCR"
    assert attributions("During the reporting period, 140 civilians were killed.", lexicon.actors) == []


def test_the_people_of_a_country_name_it_as_the_subject(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "news-plural-demonyms.txt", publisher="Lakeside Herald")
    places = {**{k: v.label for k, v in ex.places.items()}, **lexicon.labels}
    subjects = {f.wording: places.get(f.subject or "", f.subject) for f in ex.figures}
    assert subjects == {"Some 48,000": "Syria", "9,100": "Afghanistan", "about 2,300": "Eritrea"}


def test_a_tables_caption_dates_its_rows(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "tables-caption-periods.txt")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["41,250"] == periods["47.9%"] == (None, date(2025, 3, 31))  # "As of 31 March 2025 ...:"
    assert periods["79,180"] == periods["6,700"] == (date(2024, 1, 1), date(2024, 12, 31))  # "Hosted in 2024"
    assert periods["2,300"] == (None, None)  # prose after the box: no caption of its own
    assert "period" in next(f for f in ex.figures if f.wording == "41,250").inferred


def test_a_passive_registered_by_qualifies_its_own_number_not_those_after_it(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-passive-source-of-one-number.txt", publisher="Lakeside Herald")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["2.1 million"] == "Northvale Refugee Office"
    # the numbers after it in the sentence, and the next paragraph, are the document's own
    assert said["3.6 million"] == said["0.8 million"] == said["410,000"] == "Lakeside Herald"


def test_an_infobox_field_glued_to_its_label_is_a_figure_with_its_own_markers_only(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "wiki-mirror-infobox-references.txt", publisher="Wikipedia")
    by_start = {f.number_start: f for f in ex.figures}
    deaths = by_start[text.index("Deaths23") + len("Deaths")]
    assert (deaths.value, deaths.citations, deaths.reported_by) == (23, ["1"], "The Norland Courier")
    injured = by_start[text.index("Injured41") + len("Injured")]
    assert injured.value == 41 and injured.citations == ["3"]  # not the "Cause" field's [1][2]
    assert not any(f.number_start == text.index("March 4, 2021") + len("March ") for f in ex.figures)  # "DateMarch 4"


def test_a_wiki_reference_list_under_an_edit_link_heading_is_not_read_for_figures(lexicon: Lexicon) -> None:
    text, ex = read(lexicon, "wiki-mirror-infobox-references.txt", publisher="Wikipedia")
    assert all(f.number_start < text.index("References[edit]") for f in ex.figures)  # "kills 23", "12 faults"
    reporters = {f.reported_by for f in ex.figures}
    assert "Retrieved" not in " ".join(r or "" for r in reporters)


def test_a_wiki_citation_names_its_outlet_and_its_publication_date_not_the_access_date() -> None:
    from figuregraph.extract.footnotes import parse_entry

    entry = parse_entry("1", '^ "Ferry blaze kills 23". The Norland Courier. 5 March 2021. Archived from the '
                             'original on 6 March 2021. Retrieved 7 March 2021.')
    assert (entry.publisher, entry.title, entry.published) == ("The Norland Courier", "Ferry blaze kills 23",
                                                              "2021-03-05")
    authored = parse_entry("2", 'Varga, Ilse (March 6, 2021). "Inspectors found 12 faults". Coastline News. '
                                'Retrieved March 8, 2021.')
    assert (authored.publisher, authored.published) == ("Coastline News", "2021-03-06")


def test_a_place_whose_name_ends_as_a_peoples_does_is_no_people(lexicon: Lexicon) -> None:
    """"Athens" ends as "Venezuelans" does, yet is a city: the place the number's phrase leads to, not a
    people the frame before it ("In Greece") outranks."""
    people, city = ("In Greece, some 2,000 Venezuelans were sheltered in Athens in March.",
                    "In Greece, some 2,000 asylum seekers were sheltered in Athens in March.")
    assert [f.subject for f in extract_text(people, date(2025, 4, 1), lexicon).figures] == ["greece"]
    assert [f.subject for f in extract_text(city, date(2025, 4, 1), lexicon).figures] == ["athens"]


def test_a_country_reports_title_gives_the_subject_of_figures_whose_text_names_no_place(lexicon: Lexicon) -> None:
    text = (TEXTS / "country-report-title.txt").read_text(encoding="utf-8")
    titled = extract_text(text, date(2024, 4, 1), lexicon, "US Department of State",
                          title="Eritrea (2023 Country Reports on Human Rights Practices), prison conditions")
    about = {f.wording: titled.places[f.subject].label if f.subject in titled.places
             else lexicon.labels.get(f.subject or "") for f in titled.figures}
    assert about == {"412": "Eritrea", "57": "Eritrea", "1,260": "Eritrea"}  # not the site banner's United States
    assert "subject" in titled.figures[0].inferred
    untitled = extract_text(text, date(2024, 4, 1), lexicon, "US Department of State")
    assert all(f.subject != "eritrea" for f in untitled.figures)
    # a title that opens with no country, or with one inside a longer name, gives none
    for other in ("Prison conditions (2023 Country Reports)", "Eritrean Refugees: a profile"):
        other_figures = extract_text(text, date(2024, 4, 1), lexicon, "US Department of State", title=other).figures
        assert all(f.subject != titled.figures[0].subject for f in other_figures)


def test_a_share_in_words_next_to_the_percentage_that_states_it_is_a_mention(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "brief-share-in-words-and-percent.txt")
    words = [f.wording for f in ex.figures]
    assert "47 per cent" in words and "31%" in words
    assert "Almost half" not in words and "Nearly a third" not in words
    assert "restated" in next(f for f in ex.figures if f.wording == "31%").inferred
    # a share in words far from a percentage of something else stays a figure of its own
    assert "About half" in words and "52%" in words


def test_footnote_numbers_a_pdf_sets_apart_by_spaces_are_markers_when_they_run_from_one(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "pdf-spaced-footnote-numbers.txt")
    assert {f.wording for f in ex.figures} == {"over 48,000", "some 3,100", "1 in 4", "12"}  # not 1, 2, 3, 4
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited["over 48,000"] == ["2"] and cited["some 3,100"][:1] == ["3"]
    assert "missing note" in next(f for f in ex.figures if f.wording == "over 48,000").inferred
    # numbers that do not run 1, 2, 3 ... are not taken for markers
    notes = read_notes("The team visited 3 camps. 2 Officers counted 5 tents and 9 wells.")
    assert notes.markers == []


def test_the_numbers_opening_lines_that_run_one_two_three_are_page_numbers(lexicon: Lexicon) -> None:
    _text, ex = read(lexicon, "pdf-page-numbers-opening-lines.txt")
    assert [f.wording for f in ex.figures] == ["48,200", "12", "About 9,000"]
    # a count opening a line, with no run of pages from 1 before it, stays a figure
    listed = extract_text("Overview\n\n3 Shelters were opened in May.\n", date(2025, 4, 1), lexicon)
    assert [f.wording for f in listed.figures] == ["3"]


@pytest.mark.parametrize(("sentence", "reporter"), [
    ("The Vellmar Institute for Rights and Democracy said 120 detainees were held in 2020.",
     "Vellmar Institute for Rights and Democracy"),
    ("The Ministry of Labour and Social Policy reported 3,400 claims in May.", "Ministry of Labour and Social Policy"),
    ("Prices rose and the Harbour Authority said 12 ships were turned away.", "Harbour Authority"),
    ("The Ministry of Health and the Relief Office said 40 clinics had closed.", "Relief Office"),
])


def test_an_and_inside_an_organisations_name_keeps_the_name_whole(sentence: str, reporter: str) -> None:
    """An "and" between the capitalised parts of an "<organisation> of/for ..." name is part of the name;
    one that opens a clause, or joins a second reporter ("and the ..."), still ends what comes before."""
    found = attributions(sentence, {})
    assert [a.said_by for a in found] == [reporter]


def test_a_bare_number_between_two_sentences_is_a_footnote_number(lexicon: Lexicon) -> None:
    """A PDF conversion leaves footnote numbers, and the numbers opening the notes at a page's foot,
    between sentences: a bare number after a full stop, before a word a count cannot count ("In",
    "And", "There", "The", "Ibid") or the end of its line."""
    text, ex = read(lexicon, "pdf-notes-between-sentences.txt")
    assert [f.wording for f in ex.figures] == ["more than 140", "2,300", "at least 35", "12", "About 61,000", "45"]
    why = {text[a:b] + "@" + text[b:b + 4]: reason for a, b, reason in ex.not_figures}
    for after in ("2@ In\n", "3@ And", "4@\nThe", "5@ The", "2@ Ibi", "3@ The"):
        assert why[after] == "footnote number between sentences", after


def test_a_figure_the_lead_states_and_the_body_details_is_the_bodys(lexicon: Lexicon) -> None:
    """A standfirst or a caption restating the body's figures, with another name for their source, is a
    summary of the body: the body's statements are the figures (one each)."""
    text, ex = read(lexicon, "news-lead-restating-body.txt", publisher="Lakeside Herald")
    body = text.index("Since the rains")
    assert [f.wording for f in ex.figures] == ["Over 80,000", "63,400", "roughly 18,000", "9,000", "Some 2,100",
                                               "41 percent"]
    figures = {f.wording: f for f in ex.figures}
    for wording in ("63,400", "roughly 18,000", "9,000", "41 percent"):
        assert figures[wording].number_start > body, wording
    assert all("restated" in figures[w].inferred for w in ("63,400", "roughly 18,000", "41 percent"))
    assert figures["Over 80,000"].number_start < body  # the title's own figure, stated nowhere else


def test_a_tables_units_and_the_size_of_the_texts_own_list_are_not_counts(lexicon: Lexicon) -> None:
    """"(millions)" says the units of the numbers before it; "the following two cases", "all three of
    these problems" count the items the text lists itself, not something in the world."""
    text, ex = read(lexicon, "brief-own-lists-and-units.txt")
    why = refused(text, ex)
    assert why["millions"] == "units of a table or a box"
    assert why["two"] == "count of the text's own list"
    assert text.count("three") == 1 and why["three"] == "count of the text's own list"
    assert "millions" not in [f.wording for f in ex.figures] and "two" in [f.wording for f in ex.figures]
    assert [f.wording for f in ex.figures if f.wording.lower() in ("three", "two")] == ["Three", "two"]


def test_a_number_in_brackets_restating_the_one_before_it_is_not_a_second_figure(lexicon: Lexicon) -> None:
    """"12 kilometers (7 miles)" gives the same length in other units, "two (2) clinics" the same count
    in digits; "1,200 people (300 families)" counts something else and stays a figure."""
    text, ex = read(lexicon, "news-restated-in-brackets.txt", publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["12", "40,000", "two", "About 1,200", "300"]
    why = {text[a - 1:b + 1]: reason for a, b, reason in ex.not_figures}
    assert why["(7 "] == why["(6)"] == why["(2)"] == "restated in brackets"


def test_a_duration_with_an_adjective_or_a_half_is_not_a_figure(lexicon: Lexicon) -> None:
    """"four fiscal years", "two consecutive months", "one hour and a half" are durations; "half of the
    420 detainees" is a share."""
    text, ex = read(lexicon, "report-durations-with-adjectives.txt")
    assert [f.wording for f in ex.figures] == ["half", "420"]
    why = refused(text, ex)
    assert why["four"] == why["two"] == why["one"] == "duration"
    assert why["a half"] == "number word used as a word"


def test_digits_with_capitals_glued_after_them_are_a_code(lexicon: Lexicon) -> None:
    """A postcode's "7QX" and a rule's "276BA(ii)" are codes; "350 IDPs" is a count."""
    text, ex = read(lexicon, "brief-postcodes-and-rule-codes.txt")
    assert [f.wording for f in ex.figures] == ["350", "1,400"]
    why = {text[a:b + 2]: reason for a, b, reason in ex.not_figures}
    assert why["276BA"] == why["7QX"] == "code of digits and capitals"


def test_an_infographics_callout_before_the_sentence_stating_its_number_is_a_mention(lexicon: Lexicon) -> None:
    """"18 FAMILIES EVERY HOUR On average 18 families ...": the callout restates the sentence after it;
    two rows of a list with the same number ("Kestrel 1.2 million Dunmere 1.2 million") stay two."""
    text, ex = read(lexicon, "report-infographic-callouts.txt")
    stated = [f for f in ex.figures if f.wording in ("18", "61 per cent", "3.9 million", "An estimated 3.9 million")]
    assert [f.wording for f in stated] == ["18", "61 per cent", "An estimated 3.9 million"]
    assert [text[f.number_start - 5:f.number_start] for f in stated] == ["rage ", "sted ", "ated "]  # the sentences
    assert all("restated" in f.inferred for f in stated)
    assert [f.wording for f in ex.figures].count("1.2 million") == 2


def test_a_figure_the_title_line_states_and_the_next_lines_detail_is_the_bodys(lexicon: Lexicon) -> None:
    """The first line is the title even when the first sentence follows it with no blank line: its "23"
    is a mention of "At least 23 people ... have died in floods in the Harlow district"."""
    text, ex = read(lexicon, "news-title-then-body.txt", publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["At least 23", "9", "14"]
    assert "restated" in ex.figures[0].inferred and ex.figures[0].number_start > text.index("\n")


def test_one_before_what_it_counts_is_a_count(lexicon: Lexicon) -> None:
    """"One IDP was killed", "one reported case", "one infant": a count of one, also past an adjective;
    "One of the guards" is a word."""
    _text, ex = read(lexicon, "report-one-as-a-count.txt")
    assert [f.wording for f in ex.figures] == ["900", "One", "12", "one", "one"]


def test_a_peoples_adjective_on_the_force_that_acts_is_not_the_subject(lexicon: Lexicon) -> None:
    """"killed in Sudanese army shelling of camps in Darfur", "the Russian invasion of Ukraine": the
    adjective names who acts; the figure is about Darfur, Ukraine. "2,500 Syrian refugees" are Syria's."""
    _text, ex = read(lexicon, "news-attackers-adjective.txt", publisher="Lakeside Herald")
    places = {**{k: v.label for k, v in ex.places.items()}, **lexicon.labels}
    subjects = {f.wording: places.get(f.subject or "", f.subject) for f in ex.figures}
    assert subjects == {"At least 40": "Darfur", "120": "Darfur", "$300 million": "Ukraine", "Some 2,500": "Syria"}


def test_a_place_written_with_a_possessive_is_still_the_place(lexicon: Lexicon) -> None:
    """"Italy's coasts", "the Philippines’ islands": the gazetteer reads the place without its possessive."""
    from figuregraph.extract.gazetteer import find_places

    for text, name in (("migrants landed on Italy's coasts", "Italy"),
                       ("across the Philippines’ islands", "Philippines")):
        (named, place), = find_places(text, 0, len(text))
        assert (text[named.start:named.end], place.label) == (name, name)
    ex = extract_text("The ministry said 9,467 migrants had reached Italy's southern coasts.", date(2025, 4, 1),
                      lexicon)
    assert [(f.wording, f.subject) for f in ex.figures] == [("9,467", "italy")]


@pytest.mark.parametrize(("sentence", "subject"), [
    ("The ministry said 9,467 migrants had landed on Italy's coasts since January, Rome reported.", "italy"),
    ("About 2,300 people moved into Chad in May, while Sudan hosted more.", "chad"),
])


def test_a_place_the_numbers_phrase_leads_to_on_or_into_is_its_subject(lexicon: Lexicon, sentence: str,
                                                                        subject: str) -> None:
    ex = extract_text(sentence, date(2025, 4, 1), lexicon)
    assert [f.subject for f in ex.figures] == [subject]


def test_a_sentence_listing_several_places_lends_none_of_them_to_the_next(lexicon: Lexicon) -> None:
    """After "Eritreans (12,400), followed by Sudanese (9,100) and Iranians (7,800)", a sentence naming
    no place is not about Eritrea: it takes what the document is about."""
    _text, ex = read(lexicon, "news-list-then-plain.txt", publisher="Lakeside Herald")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert (subjects["12,400"], subjects["9,100"], subjects["7,800"]) == ("eritrea", "sudan", "iran")
    crossed = next(f for f in ex.figures if f.wording == "More than 20,000")
    assert crossed.subject == "united-kingdom" and crossed.why["subject"] == "the place the document names most"


def test_capitals_glued_to_a_count_are_no_code_when_they_run_on_into_a_word(lexicon: Lexicon) -> None:
    """"38UNRWA staff" (a PDF's lost space) is a count before a name, not a code like "7QX"."""
    ex = extract_text("Since October, 38UNRWA staff were killed in the strip.", date(2025, 4, 1), lexicon)
    assert [f.value for f in ex.figures] == [38]


@pytest.mark.parametrize(("sentence", "reporters"), [
    ("Another estimated 2.1 million undocumented Afghans lived in Iran.", []),
    ("Six Vellmar states still had no shelters, and 40 schools were closed.", []),
    ("The Vellmar Commission stated in its June report on detention that 79 detainees were tortured.",
     ["Vellmar Commission"]),
    ("The Vellmar report estimates that 4,000 people fled.", ["Vellmar"]),
])


def test_a_count_or_a_possessive_before_a_reporting_word_makes_it_no_statement(sentence: str,
                                                                                reporters: list[str]) -> None:
    """"Another estimated 2.1 million", "Six Vellmar states still had": what is counted, not who
    reports; "its June report on" is a noun, not "June reports"."""
    assert [a.said_by for a in attributions(sentence, {})] == reporters


def test_a_count_opening_the_line_after_a_sentence_is_a_figure(lexicon: Lexicon) -> None:
    """A sentence's full stop at the end of the line before ("relatives.", "2024.") does not make the
    count opening the next line part of a document symbol ("A/HRC/41") or a section number ("3.2")."""
    _text, ex = read(lexicon, "report-counts-opening-lines.txt")
    assert [f.wording for f in ex.figures] == ["45", "12"]


def test_phone_numbers_isbns_postcodes_file_sizes_and_page_labels_are_not_figures(lexicon: Lexicon) -> None:
    """Shapes that identify and never count, whatever the document: every digit group of a phone or a
    fax number, an ISBN or an ISSN, a postcode after its state, a house number before a street with no
    street type ("7 Kingsgate, Eastmark, EM4 2QT", "Head office: 52 Millbrook"), a file's size, a page
    label or a page count in another language ("Página 1 de 6")."""
    text, ex = read(lexicon, "brief-contact-block.txt")
    assert [f.wording for f in ex.figures] == ["3,250", "2,900"]
    why = {(text[a:b], reason) for a, b, reason in ex.not_figures}
    phone = text.index("Tel:")
    assert {reason for a, _b, reason in ex.not_figures if phone < a < text.index("ISBN")} == {"phone number"}
    assert {("40217", "ISBN, ISSN or postcode"), ("456789", "ISBN, ISSN or postcode"),
            ("3630", "ISBN, ISSN or postcode"), ("845", "file size"), ("6", "page furniture"),
            ("7", "street address"), ("52", "street address")} <= why
    changes = extract_text("Beds added by week: +12 45 120.", date(2025, 4, 1), lexicon)  # too few digits
    assert "phone number" not in {reason for _a, _b, reason in changes.not_figures}


def test_a_number_pointing_back_with_the_same_digits_is_a_mention(lexicon: Lexicon) -> None:
    """"If these 27.6 million people were a country", "9.2 million of 41.3": a number after a
    demonstrative, or as the whole a part is of, written with the digits of a number stated before, is
    that figure again; a demonstrative before a number stated nowhere before is a figure."""
    _text, ex = read(lexicon, "brief-numbers-pointing-back.txt")
    assert [f.wording for f in ex.figures] == ["27.6 million", "41.3 million", "9.2 million", "250", "250"]
    figures = {f.wording: f for f in ex.figures}
    assert "restated" in figures["27.6 million"].inferred and "restated" in figures["41.3 million"].inferred


def test_a_small_count_in_a_sentence_about_the_text_itself_is_its_scope(lexicon: Lexicon) -> None:
    """"This review examines displacement in the nine provinces covered": what the text covers, not a
    count of the world; a finding the text reports about itself ("This review shows that 12 ..."), a
    count of what the world's counts count ("This review examines 25 killings") and a sentence that
    only names it ("The review also counted 31 shelters") keep their figures."""
    text, ex = read(lexicon, "report-own-scope.txt")
    assert [f.wording for f in ex.figures] == ["12", "25", "48,300", "31"]
    why = refused(text, ex)
    assert why["nine"] == why["14"] == "the text's own scope"


def test_a_number_after_a_sequences_or_a_scales_noun_is_a_position(lexicon: Lexicon) -> None:
    """"day four of the storm", "Quarter 2 – 2025", "a force 9 gale", "Beaufort scale force eight" name a
    position, as "phase 2" does; "every day 40 people" and "in the second quarter, ... 3 boats" are counts."""
    text, ex = read(lexicon, "news-positions-on-scales.txt")
    assert [f.wording for f in ex.figures] == ["214", "3", "40"]
    why = refused(text, ex)
    assert why["2"] == why["four"] == why["9"] == why["eight"] == "position in a sequence or on a scale"


def test_a_threshold_that_defines_a_class_of_places_or_people_is_not_a_figure(lexicon: Lexicon) -> None:
    """"countries where the income per head was below USD 4,000", "districts ... recording high eviction
    rates (above 15 per 1,000)", "households with more than 6 members": a bar a class is drawn by, not
    a count; the counts of the same sentences ("Some 2.3 million refugees", "2 extra blankets") stay."""
    text, ex = read(lexicon, "brief-class-thresholds.txt")
    assert [f.wording for f in ex.figures] == ["Some 2.3 million", "2", "More than 1,200", "310"]
    why = refused(text, ex)
    assert why["USD 4,000"] == why["15"] == why["6"] == why["one"] == "threshold defining a class"


def test_the_same_count_said_again_with_the_same_words_is_one_figure(lexicon: Lexicon) -> None:
    """A count stated again in another sentence with the same words around it ("42 people have been killed,
    including 11 children" in a quote after the lead) is the first statement again; the same number for
    another place ("In neighbouring Gedaref, 42 people were killed") or another year is a figure of its own."""
    text, ex = read(lexicon, "news-count-said-again.txt", publisher="Lakeside Herald")
    quote = text.index('"So far')
    assert [(f.wording, f.number_start < quote) for f in ex.figures] == [
        ("At least 42", True), ("11", True), ("230", False), ("42", False), ("18", False), ("27", False), ("27", False),
        ("35", False), ("35", False)]
    first = ex.figures[0]
    assert "restated" in first.inferred and first.reported_by == "the state health office"


def test_the_pages_of_a_table_of_contents_are_not_figures(lexicon: Lexicon) -> None:
    """Entries closing on the page they start on, pages not going down, under a "Contents" heading or
    with dot leaders, with or without section numbers: a table of contents; a column of counts under
    row labels with neither ("Kassala 4", "Gedaref 7") stays a table of figures."""
    text, ex = read(lexicon, "report-contents-without-leaders.txt")
    assert [f.wording for f in ex.figures] == ["4", "7", "12", "48,300"]
    pages = sorted(int(text[a:b]) for a, b, why in ex.not_figures if why == "page in a table of contents")
    assert pages == [3, 5, 9, 14, 21, 23, 27]


def test_a_ranges_scale_word_is_both_its_ends(lexicon: Lexicon) -> None:
    """"Between 2 and 3 million", "4–6 million", "20-30 billion": one range, the high end's scale word
    scaling the low end too ("20-30" is no day and month, "5-10 March" a range of days); "rose from 5 to 7
    million" is a change."""
    _text, ex = read(lexicon, "brief-ranges-sharing-a-scale.txt")
    got = [(f.wording, f.lower, f.upper, f.qualifier) for f in ex.figures]
    million, billion = Decimal(10) ** 6, Decimal(10) ** 9
    assert got[:4] == [("Between 2 and 3 million", 2 * million, 3 * million, "range"),
                       ("4–6 million", 4 * million, 6 * million, "range"),
                       ("20-30 billion euros", 20 * billion, 30 * billion, "range"),
                       ("10-12", 10, 12, "range")]
    assert [f.wording for f in ex.figures[4:]] == ["5", "7 million euros", "300"]


def test_an_outlet_reporting_at_the_end_of_a_sentence_relays_the_source_inside_it(lexicon: Lexicon) -> None:
    """"..., the ministry said on Sunday, Lakeside Herald reports citing the Coastline Wire.", "..., the
    office announced, ..., the Coastline Wire reported.": the outlet closing the sentence is the
    reporter, citing whom it names, else the source inside; a sentence with one source keeps it."""
    _text, ex = read(lexicon, "news-outlet-relaying-a-statement.txt", publisher="Lakeside Herald")
    said = {f.wording: (f.reported_by, f.via) for f in ex.figures}
    assert said["At least 58"] == ("Lakeside Herald", "the Coastline Wire")
    assert said["Some 12,000"][0] == "Coastline Wire" and "Northvale Refugee Office" in (said["Some 12,000"][1] or "")
    assert said["14"] == ("Northvale Red Crescent", None)


def test_an_event_dated_where_it_is_named_opens_the_period(lexicon: Lexicon) -> None:
    """"Since the fighting broke out in May 2024": from May 2024 to the reference date; "between the
    start of the offensive in June 2024 and January 2025": June 2024 to January 2025."""
    _text, ex = read(lexicon, "news-periods-from-event-dates.txt", day=date(2025, 3, 10), publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["some 310,000"] == (date(2024, 5, 1), date(2025, 3, 10))
    assert periods["2,400"] == (date(2024, 6, 1), date(2025, 1, 31))


def test_a_count_after_the_verb_to_number_or_before_estimated_is_a_figure(lexicon: Lexicon) -> None:
    """"the death count to number 212": "number" is the verb, no locator; "90,000 estimated casualties":
    "est" opening a word is no time zone; "at 9 EST" and "document number 12" stay a time and a locator."""
    text, ex = read(lexicon, "news-estimated-and-to-number.txt", publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["212", "Up to 90,000", "4,500"]
    why = refused(text, ex)
    assert why["9"] == "time of day" and why["12"] == "locator or identifier"


def test_a_lead_naming_its_own_source_is_not_a_summary_of_another_sources_statement(lexicon: Lexicon) -> None:
    """The same count in the lead and in the body, each said by a source named by its name, is two
    sources agreeing, not a lead restating the body: both figures stay, each with its reporter."""
    _, ex = read(lexicon, "news-lead-and-second-source.txt", publisher="Eastmark Courier")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("7,340", "Eastmark Interior Ministry"), ("7,340", "Border Watch Project")]
    assert not any("restated" in f.inferred for f in ex.figures)


def test_a_series_title_closing_on_a_country_gives_the_subject_of_a_text_naming_none(lexicon: Lexicon) -> None:
    """"Annual Labour Exploitation Review: Norway (protection)": a country report's section that says
    "the authorities" throughout is about the country its series' title closes on."""
    text = (TEXTS / "country-report-series-title.txt").read_text(encoding="utf-8")
    for title, country in (("Annual Labour Exploitation Review: Norway (protection)", "Norway"),
                           ("Asylum Law and Practice: Chile", "Chile")):
        ex = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Shelter Network", title)
        assert [f.wording for f in ex.figures] == ["41", "29", "12", "three", "60 percent"]
        assert {ex.places[f.subject].label if f.subject in ex.places else lexicon.labels.get(f.subject or "")
                for f in ex.figures} == {country}, title
        assert "title" in ex.figures[0].why["subject"] and all("subject" in f.inferred for f in ex.figures)


def test_glued_markers_of_an_excerpt_from_within_a_report_run_on_from_a_later_number(lexicon: Lexicon) -> None:
    """"filters.42 Most", "closed.43 Schools": markers whose entries the excerpt lacks, numbered
    on from a later note; "lowland 41 districts" is the run's note before them, fallen into its sentence."""
    _text, ex = read(lexicon, "pdf-excerpt-glued-markers.txt")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"8,200": ["41"], "3,600": ["42"], "more than 900": ["42"], "27": ["43"], "5": ["43"]}
    assert all("missing note" in f.inferred for f in ex.figures if f.citations)


def test_a_marker_glued_to_a_sentences_last_word_or_year_backs_its_figures(lexicon: Lexicon) -> None:
    """"at night1.", "May 2024.2 Nearly", "plains3.": a PDF's markers, numbered from 1, with no entries."""
    _text, ex = read(lexicon, "pdf-glued-word-markers.txt")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"1,150": ["1"], "70%": ["1"], "Nearly 640": ["3"]}
    assert all("missing note" in f.inferred for f in ex.figures)


def test_a_later_group_of_markers_closing_a_clause_of_its_own_does_not_back_the_figure(lexicon: Lexicon) -> None:
    """"About 4,300 households returned,[1][2] the highest number since 1988.[3]": 1 and 2 back the
    figure, 3 the clause after them; markers a word or two apart stay the figure's."""
    _text, ex = read(lexicon, "wiki-later-marker-group.txt")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"About 4,300": ["1", "2"], "Some 2,100": ["4", "5"], "300": ["6", "7"]}
    assert "citations" in ex.figures[0].inferred


def test_a_name_in_another_numbers_own_phrase_is_not_the_next_numbers_subject(lexicon: Lexicon) -> None:
    """A flattened infographic row: "4.1 million Syrian refugees hosted ... 2.6 million internally
    displaced": "Syrian" is the 4.1 million's; "Colombia 1.7 million" labels the number after it, and
    clauses joined by "and" share what the first names."""
    _text, ex = read(lexicon, "infographic-row-own-nouns.txt")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert subjects["4.1 million"] == "syria" and subjects["1.7 million"] == "colombia"
    assert subjects["2.6 million"] != "syria" and subjects["900,000"] != "syria"
    assert "another number" in next(f for f in ex.figures if f.wording == "2.6 million").why["subject"]
    assert subjects["300,000"] == "sudan"


def test_capitals_cut_off_by_the_excerpts_end_are_no_country_code(lexicon: Lexicon) -> None:
    """"... second with 5,100 FM": the excerpt stops inside an acronym; "FM" is not Micronesia."""
    _text, ex = read(lexicon, "news-cut-off-code.txt", publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["8,200", "5,100"]
    assert all(f.subject != "federated-states-of-micronesia" for f in ex.figures)


def test_the_one_country_a_headline_names_is_what_a_news_item_naming_none_is_about(lexicon: Lexicon) -> None:
    """"Detentions at Croatia's border fall by half": the figures of a text that never names the
    country are about it, not about the people it names most ("Afghans"); a label of a title
    ("Croatia Border Brief, May 2025") is no headline."""
    text = (TEXTS / "news-headline-country.txt").read_text(encoding="utf-8")
    ex = extract_text(text, date(2025, 6, 1), lexicon, "Lakeside Herald", "Detentions at Croatia's border fall by half")
    assert {f.wording: f.subject for f in ex.figures} == {"2,300": "croatia", "5,900": "croatia", "640": "croatia"}
    assert "headline" in ex.figures[0].why["subject"]
    label = extract_text(text, date(2025, 6, 1), lexicon, "Lakeside Herald", "Croatia Border Brief, May 2025")
    assert {f.subject for f in label.figures} == {"afghanistan"}  # the place the text names most


def test_a_number_glued_to_a_years_comma_is_read_with_its_scale(lexicon: Lexicon) -> None:
    """"As of March 2024,2.3 million": the year's comma lacks its space; "2023,150 more" stays
    unread (a thousands group or a count: the text does not tell)."""
    _text, ex = read(lexicon, "brief-year-comma-number.txt")
    assert [(f.wording, f.value) for f in ex.figures] == [("2.3 million", Decimal(2300000))]


def test_a_share_in_words_from_six_to_nine_is_one_share_with_its_percentage(lexicon: Lexicon) -> None:
    """"eight in 10 (79%)": one share, said twice; "Nine out of ten" is a share, not two counts."""
    _text, ex = read(lexicon, "news-share-in-words-restated.txt", publisher="Lakeside Herald")
    assert [(f.wording, f.value) for f in ex.figures] == [("79%", Decimal(79)), ("Nine out of ten", Decimal("0.9"))]


def test_a_place_one_paragraph_names_is_not_carried_into_the_next(lexicon: Lexicon) -> None:
    """"In Kassala, 3,100 houses collapsed." ⏎ "Also during the month, ... 210 deaths": the next
    paragraph is about what the document is about (Sudan), unless the title names the place."""
    text = (TEXTS / "news-local-place-stays-in-its-paragraph.txt").read_text(encoding="utf-8")
    for title, last in (("Floods leave hundreds dead", "sudan"), ("Floods in Kassala leave hundreds dead", "kassala")):
        ex = extract_text(text, date(2025, 9, 1), lexicon, "Lakeside Herald", title)
        subjects = {f.wording: f.subject for f in ex.figures}
        assert subjects == {"12,000": "sudan", "40": "sudan", "3,100": "kassala", "210": last}, title
    first = extract_text(text, date(2025, 9, 1), lexicon, "Lakeside Herald", "Floods leave hundreds dead")
    assert "paragraph before" in first.figures[-1].why["subject"]


def test_a_part_of_a_country_named_by_a_common_noun_is_no_place(lexicon: Lexicon) -> None:
    """"the Centre of the country", "The Coast Guard": no region called Centre or Coast; the
    province and "Ivory Coast" stay places."""
    _text, ex = read(lexicon, "brief-part-of-a-country.txt")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert subjects["8,400"] not in ("centre", None) and subjects["120"] == "ivory-coast"
    assert "centre" not in ex.places and "coast" not in ex.places


def test_a_heading_that_is_a_place_gives_the_subject_of_its_section(lexicon: Lexicon) -> None:
    """"Zambia" on a line of its own over "Over the past month 12,500 people lost their homes": the
    section's figures naming no place are about it, not about the section before."""
    _text, ex = read(lexicon, "brief-place-headings.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"41,000": "malawi", "More than 900": "malawi",
                                                           "12,500": "zambia"}
    assert "heading" in next(f for f in ex.figures if f.wording == "12,500").why["subject"]


def test_a_quotes_speaker_is_not_carried_into_the_sentences_after_it(lexicon: Lexicon) -> None:
    """"'We are ...,' said X" and 'Dr Y, a surgeon, said: "..."': the speaker speaks for the quote; the
    unquoted sentences after it ("Another 140 ..., it said", "As of Sunday, 12 ...") stay with the source
    named before, and the figure says which speaker was passed over."""
    _text, ex = read(lexicon, "news-quote-speaker-not-carried.txt", publisher="Lakeside Herald")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said == {"More than 2,300": "Northvale Refugee Office", "140": "Northvale Refugee Office",
                    "35": "Northvale Refugee Office", "12": "Northvale Refugee Office"}
    why = {f.wording: f.why.get("reporter", "") for f in ex.figures}
    assert "Maren Toliver" in why["140"] and "Ilsa Fenwick" in why["12"]


def test_a_quotes_speaker_after_a_sentence_does_not_speak_for_it(lexicon: Lexicon) -> None:
    """"X has sent 40 trucks ... to 9,000 families. '...,' said Y, its secretary general.": Y speaks for
    the quote only; the figures of the sentence before it are the publisher's own."""
    _text, ex = read(lexicon, "brief-appeal-quote-after.txt", publisher="Northvale Red Crescent")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("40", "Northvale Red Crescent"), ("9,000", "Northvale Red Crescent")]
    assert all(f.why["reporter"].startswith("the document's publisher") for f in ex.figures)


def test_a_work_named_with_its_publication_date_is_no_source(lexicon: Lexicon) -> None:
    """"a series of Ardent reports produced in 2024", "Northvale Review: Coastal Displacement published in
    March 2024.": "reports" is the works and "published in <date>" their date; neither names a source
    for the figures after them, which stay the publisher's."""
    _text, ex = read(lexicon, "report-works-and-their-dates.txt", publisher="Northvale Asylum Agency")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("Around 3 400", "Northvale Asylum Agency"), ("2 100", "Northvale Asylum Agency"),
        ("About 640", "Northvale Asylum Agency")]
    sentence = "This brief is one of a series of Ardent reports produced in 2024."
    assert attributions(sentence, lexicon.actors) == []
    assert attributions("Ardent Border Monitor: The Long Winter published on 2 February 2024.", lexicon.actors) == []
    stated = attributions("UNHCR published on 3 May 2024 that 400 died.", lexicon.actors)
    assert [a.said_by for a in stated] == ["UNHCR"]


def test_a_source_introduced_without_a_name_speaks_for_its_own_sentence(lexicon: Lexicon) -> None:
    """"..., an official said", "..., a local government official told the Coastline Wire": an indefinite
    phrase introduces a new source (not an anaphor for the one before); it is not carried into the
    sentences after it, which stay the publisher's and say whom they passed over."""
    _text, ex = read(lexicon, "news-unnamed-sources.txt", publisher="Lakeside Herald")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("At least 14", "an official"), ("30", "a local government official"), ("twice", "Lakeside Herald")]
    assert "not a local government official" in ex.figures[2].why["reporter"]
    stated = attributions("Another trader reported that 10 were injured.", lexicon.actors)
    assert [(a.said_by, a.anaphor) for a in stated] == [("Another trader", False)]
    assert [a.anaphor for a in attributions("The agency said 10 were injured.", lexicon.actors)] == [True]


def test_an_actor_appealing_for_funds_states_the_sum_it_asks_for(lexicon: Lexicon) -> None:
    """"X appeals for USD 12 million to assist 60,000 people", "X also launched an emergency appeal on
    Tuesday for 3.5 million euros": the appealing actor is the reporter, not the source named before."""
    _text, ex = read(lexicon, "news-appeals-for-funds.txt", publisher="Lakeside Herald")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("More than 40,000", "Northvale Refugee Office"), ("USD 12 million", "Coastline Relief Fund"),
        ("60,000", "Coastline Relief Fund"), ("3.5 million euros", "Northvale Red Crescent")]
    assert attributions("The agency appealed for calm after 12 were hurt.", lexicon.actors) == []


def test_a_next_sentence_opening_on_its_own_source_does_not_close_the_one_before(lexicon: Lexicon) -> None:
    """"... displaced tens of thousands of families. As of 3 May 2025, the Northvale Refugee Office had
    registered 41,200 ...": the second sentence names its source before its own number, so it opens a
    statement of its own; the first stays the publisher's, and says whom it passed over."""
    _text, ex = read(lexicon, "report-next-sentence-opens-its-own.txt")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("tens of thousands", "Northvale Shelter Network"), ("41,200", "Northvale Refugee Office")]
    assert "not Northvale Refugee Office" in ex.figures[0].why["reporter"]


def test_a_list_of_places_before_a_plural_noun_is_no_reporter(lexicon: Lexicon) -> None:
    """"... roads in Borno, Adamawa and Yobe states.": places enumerated before "states" (the noun, not
    the verb) are no source, nor carried as one; the figures after stay the publisher's."""
    _text, ex = read(lexicon, "brief-listed-states.txt")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("42", "Northvale Shelter Network"), ("Some 18,500", "Northvale Shelter Network"),
        ("3,200", "Northvale Shelter Network")]
    assert attributions("The rains hit Borno, Adamawa and Yobe states.", lexicon.actors) == []
    # countries listed speak through their governments
    assert attributions("Russia and Ukraine said that 200 prisoners were exchanged.", lexicon.actors) != []
    assert [a.said_by for a in attributions("In Borno, 40 villages were flooded, Northvale Relief states.",
                                            lexicon.actors)] == ["Northvale Relief"]


def test_the_authors_own_analysis_in_the_first_person_is_the_publishers(lexicon: Lexicon) -> None:
    """"Our analysis, which drew on X's registers, found that 2,300 ...", "our best estimate is that ...
    4,800 euros": the author states its own result; neither the source named before it nor the one
    named after the number in that sentence is its reporter, and the figure's `why` says so."""
    _text, ex = read(lexicon, "analysis-first-person.txt")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said == {"9,400": "Northvale Refugee Office", "2,300": "Northvale Shelter Network",
                    "4,800 euros": "Northvale Shelter Network", "700": "Mara Ostrand"}  # a quote's "our": its speaker's
    why = {f.wording: f.why.get("reporter", "") for f in ex.figures}
    assert "our best estimate" in why["4,800 euros"] and "Our analysis" in why["2,300"]


def test_an_outlet_closing_a_statement_relays_it_and_the_speaker_goes_on(lexicon: Lexicon) -> None:
    """"X declared that 6,400 ..., reported Al Sahil." and "Y said that 12 ..., Veston news reported.": the
    outlet closing the sentence is its reporter, citing the speaker (a name's own article, "Al", and an
    outlet's lower-case "news" are parts of its name); the sentences after go on with the speaker's
    statement, not the outlet's, and the figure's `why` names the outlet that relayed it."""
    _text, ex = read(lexicon, "news-relayed-statements.txt", publisher="Lakeside Herald")
    said = {f.wording: (f.reported_by, f.via) for f in ex.figures}
    assert said["6,400"] == said["1,900"] == ("Al Sahil", "Mara Ostrand")
    assert said["35"] == said["210"] == ("Mara Ostrand", None)
    assert "which Al Sahil relayed" in ex.figures[3].why["reporter"]
    assert said["12"] == ("Veston news", "Coastline Relief Fund")


def test_an_author_date_reference_or_group_names_the_source(lexicon: Lexicon) -> None:
    """"(Northvale Refugee Office 12/03/2025, Coastline Relief Fund 11/03/2025)" and "(Northvale
    Monitor, 2024b)": author-date references (a group of names each with its date, a year with a
    letter) are citations whose first name is the source; a place or a month with a year is none."""
    _text, ex = read(lexicon, "brief-author-date-references.txt")
    said = {f.wording: (f.reported_by, f.why.get("reporter")) for f in ex.figures}
    assert said["About 3,100"] == ("Northvale Refugee Office", "the source its citation names")
    assert said["640"] == ("Northvale Monitor", "the source its citation names")
    assert said["2,000"][0] == said["Some 90"][0] == "Northvale Shelter Network"  # "(Uganda 2019)", "(March 2025)"
    assert [n.publisher for n in ex.footnotes] == ["Northvale Refugee Office", "Northvale Monitor"]


def test_a_table_row_after_sourced_prose_is_not_that_sources(lexicon: Lexicon) -> None:
    """"X statistics indicate that 4,800 ..." then a table ("Ardent | 12,400 | 41.3% |"): a line of its
    own is no sentence of the source the prose named, so its cells stay the publisher's and say whom
    they passed over; lines a source's sentence introduces with a colon ("X reported the following:")
    are still its."""
    _text, ex = read(lexicon, "report-table-after-sourced-prose.txt")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["4,800"] == "Northvale Refugee Office"
    assert {said[w] for w in ("12,400", "41.3%", "9,150", "30.5%", "30,020", "100%")} == {"Northvale Shelter Network"}
    assert "not Northvale Refugee Office" in next(f for f in ex.figures if f.wording == "12,400").why["reporter"]
    assert said["640"] == said["85"] == "Coastline Relief Fund"


def test_a_bulleted_item_does_not_take_a_source_named_outside_it(lexicon: Lexicon) -> None:
    """"• ..., according to the Northvale Refugee Office." then "• In Lower Veston, 340 homes ...": a
    source named in one item (or in the prose before the list) speaks for that item only; the next
    items stay the publisher's and say whom they passed over. A source's sentence that introduces
    the list with a colon ("X reported the following on Monday:") speaks for its items."""
    _text, ex = read(lexicon, "sitrep-bulleted-items.txt")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["1,200"] == "Northvale Refugee Office"
    assert said["340"] == said["2,050"] == said["18"] == "Northvale Shelter Network"
    assert "named outside its bulleted item" in next(f for f in ex.figures if f.wording == "340").why["reporter"]
    assert said["85"] == said["640"] == "Coastline Relief Fund"


def test_the_country_a_sentence_says_is_the_country_named_before_not_a_district(lexicon: Lexicon) -> None:
    """"In Chikwawa District, 4,200 homes ..." ⏎ "About 18,500 people in nine districts across the country":
    "the country" is Malawi, named before, not the district the paragraph before names; a figure whose
    sentence states its place keeps it."""
    _text, ex = read(lexicon, "brief-the-country.txt")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert subjects["About 18,500"] == "malawi" and subjects["nine"] == "malawi"
    assert subjects["4,200"] == "chikwawa-district" and subjects["1,300"] != "malawi"
    assert "the country" in next(f for f in ex.figures if f.wording == "About 18,500").why["subject"]


def test_a_province_one_sentence_names_is_not_carried_to_the_next(lexicon: Lexicon) -> None:
    """"In Luapula Province, 1,240 suspected cases ..." then "Partners need US$6 million to reach 300,000
    people": a sentence naming no place after a province's is about the country named before (Zambia),
    unless it says "the province" or the title names the province."""
    text = (TEXTS / "brief-province-not-carried.txt").read_text(encoding="utf-8")
    ex = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Shelter Network")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert subjects == {"four": "zambia", "1,240": "luapula-province", "US$6 million": "zambia", "300,000": "zambia",
                        "410": "muchinga-province", "about 2%": "muchinga-province"}
    assert "province" in next(f for f in ex.figures if f.wording == "US$6 million").why["subject"]
    titled = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Shelter Network", "Cholera in Luapula Province")
    assert {f.wording: f.subject for f in titled.figures}["US$6 million"] == "luapula-province"


def test_a_place_the_numbers_clause_names_far_after_it_beats_another_sentences(lexicon: Lexicon) -> None:
    """"at least 9,000 families could lose their homes over the coming month after a week of heavy storms
    in northern Malawi": the number's own clause names its place beyond the dozen words a phrase is read
    over; that place, not Zambia of the paragraph before, is the subject. A place in another clause
    ("and aid convoys are now moving toward Mozambique") is not."""
    _text, ex = read(lexicon, "news-place-far-after-number.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"1,200": "zambia", "at least 9,000": "malawi",
                                                           "About 400": "malawi"}
    assert "further than its phrase" in ex.figures[1].why["subject"]


def test_a_code_alone_names_a_place_only_where_the_text_names_it_otherwise(lexicon: Lexicon) -> None:
    """"(95% CI: 900 to 2,100)": "CI" is no Ivory Coast in a text that never names it; "NL" after "the
    Netherlands (NL)" names it, and "the UK" is a code English writes alone."""
    _text, ex = read(lexicon, "report-codes-alone.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"1,400": "malawi", "900 to 2,100": "malawi",
                                                           "2,600": "netherlands", "300": "netherlands",
                                                           "Some 250": "united-kingdom"}


def test_the_world_a_figure_is_ranked_in_or_a_share_of_is_not_its_subject(lexicon: Lexicon) -> None:
    """"the largest host of displaced families worldwide, with 412,000", "ranks 9th globally ... (18,300)",
    "more than half of the world's displaced children": the world is what the figure is compared with;
    the place named before it is what it counts. "The rest of the world" is no whole but the places left."""
    _text, ex = read(lexicon, "brief-world-compared.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"412,000": "malawi", "18,300": "zambia",
                                                           "more than half": "malawi", "7,400": "world"}
    assert all("ranked in or a share of" in f.why["subject"] for f in ex.figures[:3])


def test_a_place_after_a_cause_or_a_time_is_not_what_the_number_counts(lexicon: Lexicon) -> None:
    """"Malawi was already hosting 52,000 refugees before the latest escalation of fighting in Zambia": the
    place after "before" names where the fighting is; the refugees are counted in Malawi. A war "during"
    which deaths are counted is where they are ("3,100 deaths during the war in Zambia")."""
    _text, ex = read(lexicon, "news-place-after-adjunct.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"52,000": "malawi", "3,100": "zambia"}
    assert "a cause or a time" in ex.figures[0].why["subject"]


def test_a_country_spelled_out_with_its_code_stays_a_place(lexicon: Lexicon) -> None:
    """"12% in the Central African Republic (CAR) (2,300)": a name with a short form in brackets is read
    as an organisation the text defines, unless the name is wholly a place; then it stays the place."""
    _text, ex = read(lexicon, "brief-country-with-code.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"31%": "malawi", "12%": "central-african-republic",
                                                           "2,300": "central-african-republic"}


def test_respectively_pairs_a_list_of_numbers_with_the_list_of_names_before_it(lexicon: Lexicon) -> None:
    """"Arrivals from Malawi and Zambia made up 41% and 17% of the total, respectively": each number is
    about the name of the same rank, not the nearest name before the list."""
    _text, ex = read(lexicon, "brief-respectively.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"41%": "malawi", "17%": "zambia",
                                                           "about 3,000": "malawi", "1,200": "zambia"}
    assert all("respectively" in f.why["subject"] for f in ex.figures)


def test_the_day_at_either_end_of_a_spaced_range_of_days_is_a_date(lexicon: Lexicon) -> None:
    """"between March 2 and 8", "the period of 9 – 15 Mar 2025": the month is written at the range's
    other end, and the bare day is still a date; "612 people" and "240 people" stay figures."""
    text, ex = read(lexicon, "news-ranges-of-days.txt", publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["612", "240", "57", "31"]
    why = {text[a - 1:b + 1]: reason for a, b, reason in ex.not_figures}
    assert why[" 8 "] == why[" 9 "] == why[" 19,"] == "day of a range of days"


def test_a_month_followed_by_last_year_is_in_the_year_before(lexicon: Lexicon) -> None:
    """"by October last year" closes at the end of October of the year before the document's."""
    _text, ex = read(lexicon, "news-month-last-year.txt", day=date(2025, 11, 20), publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["8,450"] == (date(2025, 1, 1), date(2025, 11, 20))
    assert periods["19,300"] == (None, date(2024, 10, 31))


def test_items_a_text_numbers_itself_are_not_counts(lexicon: Lexicon) -> None:
    """"concerns: 1) overcrowding ...; 2) beatings ...; and 3) ...", a clause "(2)" opening its line: the
    text's own numbering; "(2019: 5)", a number closing a bracket it is inside, stays a figure."""
    text, ex = read(lexicon, "report-numbered-items-in-text.txt")
    assert [f.wording for f in ex.figures] == ["three", "14", "2,300", "900", "60", "5"]
    why = {text[a - 1:b + 1]: reason for a, b, reason in ex.not_figures}
    assert why[" 1)"] == why[" 2)"] == why[" 3)"] == "list item numbered in the text"
    assert why["(2)"] == "list number"


def test_a_spaced_footnote_number_ending_its_line_is_a_marker_of_the_run(lexicon: Lexicon) -> None:
    """A PDF sets the footnote numbers 1, 2, 3, 4 apart by spaces, some at the end of a line ("within
    a week. 3", a title's "Plateau 1"): the run is read whole, and "about 900" cites note 3."""
    _text, ex = read(lexicon, "pdf-spaced-markers-ending-lines.txt")
    assert [f.wording for f in ex.figures] == ["some 2,400", "about 900", "half"]
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited["some 2,400"] == ["2"] and cited["about 900"] == ["3"]


def test_a_range_of_days_with_its_month_written_once_is_the_figures_period(lexicon: Lexicon) -> None:
    """"between March 2 and 8" runs from the 2nd to the 8th of March, "9 – 15 Mar 2025" from the 9th to
    the 15th: the period of the count in the sentence, not the day the statement was made."""
    _text, ex = read(lexicon, "news-ranges-of-days.txt", publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["612"] == (date(2025, 3, 2), date(2025, 3, 8))
    assert periods["240"] == (date(2025, 3, 9), date(2025, 3, 15))
    assert periods["57"] == (date(2025, 2, 1), date(2025, 2, 19))


def test_so_far_this_year_counts_to_the_documents_date_not_to_a_past_period_before_it(lexicon: Lexicon) -> None:
    """The source said before compared with "October 1 and 19 last year": "so far this year" in its next
    statement counts to the document's date, not to the end of that past period."""
    _text, ex = read(lexicon, "news-past-period-then-so-far.txt", day=date(2025, 11, 20), publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["95"] == (date(2024, 10, 1), date(2024, 10, 19))
    assert periods["1,450"] == (date(2025, 1, 1), date(2025, 11, 20))


def test_maps_charts_and_a_bulletins_week_are_locators(lexicon: Lexicon) -> None:
    """"see charts 3 and 4 below" and "Map 5:" point at the text's own figures, as "table 2" does, and
    "Week 14" numbers a bulletin; "Some 3,200 households" and "the 11 camps" are figures."""
    text, ex = read(lexicon, "report-maps-charts-weeks.txt")
    assert [f.wording for f in ex.figures] == ["Some 3,200", "11"]
    why = {text[a - 1:b + 1]: reason for a, b, reason in ex.not_figures}
    assert why[" 14:"] == why[" 3 "] == why[" 4 "] == why[" 5:"] == "locator or identifier"


def test_a_year_before_1800_is_a_year_where_only_a_year_can_stand(lexicon: Lexicon) -> None:
    """"1412–1419" in a table's column of dates, "since 1602", "from 1650 to 1850" are years; "1200
    people" is a count."""
    text, ex = read(lexicon, "wiki-early-years.txt", publisher="Kestrel Wiki")
    assert [f.wording for f in ex.figures] == ["40,000", "12–15 thousand", "1200"]
    why = refused(text, ex)
    assert why["1412"] == why["1419"] == why["1688"] == why["1602"] == why["1650"] == "year before 1800"


def test_the_size_of_a_list_ranked_with_the_highest_is_not_a_count(lexicon: Lexicon) -> None:
    """"The three districts with the highest attack rate", "among the 5 provinces with the most displaced
    people": how many the text ranks, as "the 40 biggest" is, not a count of districts or provinces."""
    text, ex = read(lexicon, "brief-ranked-lists.txt")
    assert [f.wording for f in ex.figures] == ["18,400"]
    why = refused(text, ex)
    assert why["three"] == why["5"] == why["12"] == "rank"


def test_a_count_over_the_same_period_last_year_has_the_compared_period_a_year_back(lexicon: Lexicon) -> None:
    """"down from 6,980 over the same period last year" after "Between January and April": January to
    April of the year before; "1,650 in the same period of 2023" after "In April": April 2023. "300
    more than the same period last year" is a difference, not a count of that period."""
    _text, ex = read(lexicon, "news-same-period-last-year.txt", day=date(2025, 5, 20), publisher="Lakeside Herald")
    by = {f.wording: f for f in ex.figures}
    assert (by["6,980"].period_start, by["6,980"].period_end) == (date(2024, 1, 1), date(2024, 4, 30))
    assert (by["1,650"].period_start, by["1,650"].period_end) == (date(2023, 4, 1), date(2023, 4, 30))
    assert "period" in by["6,980"].inferred and "period" not in by["300"].inferred
    assert (by["385"].period_start, by["385"].period_end) == (date(2024, 3, 1), date(2024, 3, 31))  # phrase before


def test_the_first_or_last_months_of_a_year_are_the_period(lexicon: Lexicon) -> None:
    """"In the first six months of 2024" runs from January to June 2024, "the first eleven months of
    2023" to November, "the last three months of 2023" from October: not the whole year."""
    _text, ex = read(lexicon, "report-first-months-of-a-year.txt", day=date(2024, 8, 1))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["2,150"] == (date(2024, 1, 1), date(2024, 6, 30))
    assert periods["some 3,900"] == (date(2023, 1, 1), date(2023, 11, 30))
    assert periods["1,100"] == (date(2023, 10, 1), date(2023, 12, 31))


def test_last_weekend_is_the_weekend_not_last_week(lexicon: Lexicon) -> None:
    """"last weekend" before a Tuesday is the Saturday and Sunday before it, not the week before."""
    _text, ex = read(lexicon, "news-last-weekend.txt", day=date(2025, 4, 8), publisher="Lakeside Herald")
    killed = next(f for f in ex.figures if f.wording == "14")
    assert (killed.period_start, killed.period_end) == (date(2025, 4, 5), date(2025, 4, 6))


def test_the_line_that_is_the_given_title_is_the_title_after_a_pages_menu(lexicon: Lexicon) -> None:
    """A page saved as text opens with its menu; the line that is the document's title (as its user
    gives it) is its title line, and its "4,800" a mention of the body's "some 4,800 families"."""
    text = (TEXTS / "page-menu-then-title.txt").read_text(encoding="utf-8")
    titled = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Relief Office",
                          "Northvale Relief Office: 4,800 families displaced by the Harlow floods")
    assert [f.wording for f in titled.figures] == ["some 4,800", "31"]
    assert "restated" in titled.figures[0].inferred
    untitled = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Relief Office")
    assert untitled.figures[0].wording == "4,800"  # the first line is "- Home": no title line


def test_since_the_start_of_the_year_is_a_period_of_the_number_right_before_it(lexicon: Lexicon) -> None:
    """"Since the beginning of the year" runs from 1 January to the document's date; in "over 9,000
    ..., took in 1,200 ..., including over 700 since the start of the year" the phrase is the 700's
    only, right after it: the other two numbers of the sentence take no period from it."""
    _text, ex = read(lexicon, "news-since-the-start-of-the-year.txt", day=date(2025, 5, 20),
                     publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["2,340"] == periods["over 700"] == (date(2025, 1, 1), date(2025, 5, 20))
    assert periods["over 9,000"] == periods["1,200"] == (None, None)


def test_the_minutes_of_a_clock_time_are_no_figure(lexicon: Lexicon) -> None:
    """A page's "09:41, 3 March 2025" stamps and "at 16:45": the hour is a time before its ":" and the
    minutes are a time after it (before, "41", "26" and "45" came out as counts)."""
    text, ex = read(lexicon, "news-clock-times.txt", day=date(2025, 3, 3), publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["At least 23", "140"]
    why = refused(text, ex)
    assert why["41"] == why["26"] == why["45"] == "time of day"


def test_both_ends_of_an_age_bracket_are_ages(lexicon: Lexicon) -> None:
    """"(ages 30 to 59)" and "between the ages of 60 and 79", like "aged 6 to 11": the bracket's second
    end is an age too (before, "59" and "79" came out as counts)."""
    text, ex = read(lexicon, "brief-age-brackets.txt")
    assert [f.wording for f in ex.figures] == ["2,150", "640", "410", "95"]
    why = refused(text, ex)
    assert why["59"] == why["79"] == why["11"] == "age"


def test_a_count_said_again_by_the_same_source_under_its_acronym_is_one_figure(lexicon: Lexicon) -> None:
    """"The Harlow Valley Relief Agency (HVRA) said ... 480 families were moved" and then the quote
    "... 480 families were moved ...," HVRA said": the name and the acronym it defines are one source,
    so the second statement is the count said again (before, two figures)."""
    _text, ex = read(lexicon, "news-source-by-name-then-acronym.txt", day=date(2025, 3, 11),
                     publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["480", "2,315"]
    assert "restated" in ex.figures[0].inferred


def test_a_subheading_restated_with_its_qualifier_and_digits_is_a_mention(lexicon: Lexicon) -> None:
    """The subheading "Over 3,500 evacuated in the valley since March" and, further on, "it had moved
    more than 3,500 residents ...": no word in common and written apart, but the same qualifier and
    digits of a distinctive number; the body's statement is the figure (before, the subheading was a
    second one)."""
    _text, ex = read(lexicon, "news-subheading-same-number.txt", day=date(2025, 4, 8), publisher="Lakeside Herald")
    assert [f.wording for f in ex.figures] == ["two", "more than 3,500", "120"]
    assert ex.figures[1].quote.startswith("more than 3,500 residents") and "restated" in ex.figures[1].inferred


def test_one_counts_the_person_after_its_adjectives_but_not_the_unit_of_a_cost(lexicon: Lexicon) -> None:
    """"one Border Guard officer" counts a person after the two capitalised words naming the kind, as
    "one officer" does; "what it costs to care for one refugee" is the unit a cost is given for, no
    count (before, the first "one" was no figure and the second was)."""
    text, ex = read(lexicon, "brief-the-word-one.txt")
    assert [f.wording for f in ex.figures] == ["four", "two", "one", "9"]
    assert ex.figures[2].quote.startswith("one Border Guard officer")
    why = refused(text, ex)
    assert why["one"] == "number word used as a word"


def test_a_phrase_between_commas_does_not_hide_the_speaker(lexicon: Lexicon) -> None:
    """"X, in its weekly update, stated that 18 ..." and "Y, head of the district council, informed Z
    that 9 ...": the speaker stands before a phrase between commas (where or how it spoke, its role);
    one who speaks for another ("spokeswoman for X") speaks for her own sentence only, and the next
    goes on with the organisation; a place before an apposition ("near Port Ardent, the regional
    capital,") is no speaker."""
    _text, ex = read(lexicon, "news-speaker-between-commas.txt")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["2,300"] == "Coastline Relief Fund"
    assert said["140"] == "Mira Odell"
    assert said["About 60"] == "Coastline Relief Fund"
    assert "not Mira Odell" in next(f for f in ex.figures if f.wording == "About 60").why["reporter"]
    assert said["18"] == "Northvale Refugee Office"
    assert said["9"] == "Tomas Brandt"
    assert said["35"] == "Northvale Refugee Office"  # not the place before the apposition: the carried source


def test_an_according_to_phrase_closing_its_clause_covers_that_clause_only(lexicon: Lexicon) -> None:
    """"Some 3,400 ..., according to X, while the district has only 900 beds": the phrase closes the
    clause it follows; a number in the clause after it (", while", ", with", ";") is the text's own,
    which the publisher states. An "according to" that opens the sentence covers it all."""
    _text, ex = read(lexicon, "brief-according-to-closes-its-clause.txt")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["Some 3,400"] == "Northvale Refugee Office"
    assert said["900"] == "Northvale Shelter Network"
    assert "closes the clause before" in next(f for f in ex.figures if f.wording == "900").why["reporter"]
    assert said["About 120"] == "Coastline Relief Fund"
    assert said["at least 40"] == "Northvale Shelter Network"
    assert said["75"] == said["30"] == "Coastline Relief Fund"


def test_a_multiple_and_a_count_of_the_same_number_are_two_figures(lexicon: Lexicon) -> None:
    """"$2,150 a month, 14 times what a host family ... is paid" and "about 14 guests can be housed":
    a multiple and a count, though their number and their words agree, are not one count said again
    (before, the count was dropped as a repeat of the multiple)."""
    _text, ex = read(lexicon, "brief-multiple-and-count.txt")
    assert [f.wording for f in ex.figures] == ["$2,150", "14", "about 14"]


def test_from_to_after_a_change_named_as_a_noun_is_two_figures(lexicon: Lexicon) -> None:
    """"an overall rise in nights spent ... over the same months of last year, from 4,120 to 5,380": a
    change, the count before and the count after, as "rose from 4,120 to 5,380" is; "3 to 5 villages"
    stays a range (before, the change was read as the range 4,120 to 5,380)."""
    _text, ex = read(lexicon, "brief-change-named-as-a-noun.txt")
    assert [f.wording for f in ex.figures] == ["4,120", "5,380", "3 to 5"]


def test_last_year_and_a_month_are_read_from_the_documents_date_not_the_figure_before(lexicon: Lexicon) -> None:
    """"According to X, 2,300 people crossed ... in 2019. A further 4,100 crossed last year, and 650 more arrived
    in March":
    in a dated article "last year" and "in March" are the writer's, read from the document's date, not
    from the end of the figure before it (2019) though the same source says both."""
    _text, ex = read(lexicon, "news-relative-after-older-figure.txt", publisher="Northvale Wire")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods == {"2,300": (date(2019, 1, 1), date(2019, 12, 31)),
                       "4,100": (date(2024, 1, 1), date(2024, 12, 31)),
                       "650": (date(2025, 3, 1), date(2025, 3, 31))}


def test_a_date_without_its_year_in_an_undated_text_takes_the_year_written_last_before_it(lexicon: Lexicon) -> None:
    """An article with no date ("In 2031, monsoon rains flooded ... | May - September 2031 | In April, floods
    destroyed about 900 homes"): "In April" and "Between June and August" are in the year the text wrote
    last before them (2031), not in none; a dated text keeps its own date's year."""
    _text, ex = read(lexicon, "wiki-undated-months.txt", day=None)
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods == {"about 900": (date(2031, 4, 1), date(2031, 4, 30)),
                       "1,450": (date(2031, 6, 1), date(2031, 8, 31))}
    assert "year the text wrote last" in ex.figures[0].why["period"]
    _text, dated = read(lexicon, "wiki-undated-months.txt", day=date(2034, 5, 1))
    assert [f.period_start for f in dated.figures] == [date(2034, 4, 1), date(2033, 6, 1)]


def test_a_fiscal_year_written_out_is_the_us_federal_fiscal_year(lexicon: Lexicon) -> None:
    """"For fiscal year (FY) 2029, ... 62,000. ... 70,000 in fiscal 2030": each runs from October
    of the year before to September, as "FY2029" does; a plain "in 2028" stays the calendar year."""
    _text, ex = read(lexicon, "brief-fiscal-years.txt")
    assert {f.wording: (f.period_start, f.period_end) for f in ex.figures} == {
        "62,000": (date(2028, 10, 1), date(2029, 9, 30)), "70,000": (date(2029, 10, 1), date(2030, 9, 30)),
        "3,100": (date(2028, 1, 1), date(2028, 12, 31))}


def test_since_the_start_of_the_year_runs_from_new_year_and_belongs_to_the_part_it_follows(lexicon: Lexicon) -> None:
    """"since the start of the year" is 1 January of the document's year to its date. Said of a part
    ("8,200 refugees ..., including about 3,000 since the start of the year") it is the part's, not the
    whole's; after a part closed by a comma ("At least 40 people, including 12 children, have drowned ...
    since the beginning of the year") it is both's."""
    _text, ex = read(lexicon, "news-since-start-of-year.txt")
    since = (date(2025, 1, 1), date(2025, 4, 1))
    assert {f.wording: (f.period_start, f.period_end) for f in ex.figures} == {
        "8,200": (None, None), "about 3,000": since, "At least 40": since, "12": since}


def test_a_day_written_with_its_year_and_no_word_before_it_is_the_figures_day(lexicon: Lexicon) -> None:
    """A list's row ("Kestrel ferry sinking 3 November 2029 Vell estuary 40") and a flattened infobox
    ("DateMarch 4, 2031" over "Deaths12") date their figures to the day, not to the bare year."""
    _text, ex = read(lexicon, "wiki-bare-dates.txt", day=None)
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["12"] == (date(2031, 3, 4), date(2031, 3, 4))
    assert periods["40"] == (date(2029, 11, 3), date(2029, 11, 3))
    assert periods["7"] == (date(2030, 6, 14), date(2030, 6, 14))


def test_the_next_or_last_few_years_run_from_or_to_the_documents_date(lexicon: Lexicon) -> None:
    """"to assist 42,000 people over the next two years": from the document's date two years on;
    "Over the last three years 9,800 homes": the three whole years before the document's year
    (test_the_past_years_are_whole_calendar_years), while "in the past 48 hours" runs the two days
    up to it."""
    _text, ex = read(lexicon, "appeal-years-ahead.txt")
    assert {f.wording: (f.period_start, f.period_end) for f in ex.figures} == {
        "42,000": (date(2025, 4, 1), date(2027, 4, 1)), "9,800": (date(2022, 1, 1), date(2024, 12, 31)),
        "310": (date(2025, 3, 30), date(2025, 4, 1))}


def test_the_past_years_are_whole_calendar_years(lexicon: Lexicon) -> None:
    """"Over the past four years 1,150 boats" in a report of June 2026: the four calendar years 2022 to
    2025, not June to June (the figures of a year are counted by calendar year), traced in the
    figure's why; under a year-only date, which stands for the year's last day, the span runs up to
    that day as before. "Over the next two years" still runs on from the date."""
    _text, ex = read(lexicon, "review-past-years.txt", day=date(2026, 6, 10))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["1,150"] == (date(2022, 1, 1), date(2025, 12, 31))
    assert periods["3,600"] == (date(2024, 1, 1), date(2025, 12, 31))
    assert periods["900"] == (date(2026, 6, 10), date(2028, 6, 10))
    assert "whole calendar years" in next(f for f in ex.figures if f.wording == "1,150").why["period"]
    _text, ex = read(lexicon, "review-past-years.txt", day=date(2026, 12, 31))
    assert next(f for f in ex.figures if f.wording == "3,600").period_start == date(2024, 12, 31)


def test_bracketed_markers_run_on_past_an_excerpts_cut_note_list(lexicon: Lexicon) -> None:
    """An excerpt whose "(141) Source ..." list is cut after "(142)": its "(143)" ... "(145)" go on
    counting one by one and are markers too, not figures."""
    text, ex = read(lexicon, "excerpt-cut-note-list.txt")
    assert [m.number for m in read_notes(text).markers] == ["141", "142", "143", "144", "145"]
    assert [f.quote[f.number_start - f.start:f.number_end - f.start] for f in ex.figures] \
        == ["3 000 and 6 000", "1 200"]
    assert ex.figures[0].citations == ["142"]


def test_uncited_entries_counting_on_with_a_cited_one_are_a_note_list(lexicon: Lexicon) -> None:
    """"312 Harlow ...", "313 Tarn ..." whose markers an excerpt cut off, in a run counting one by
    one up to the cited "314": notes, their numbers no figures; headings "1. Overview" never run."""
    text, ex = read(lexicon, "excerpt-uncited-note-run.txt")
    assert [f.quote[f.number_start - f.start:f.number_end - f.start] for f in ex.figures] == ["842", "1,310"]
    assert sorted(read_notes(text).entries) == ["312", "313", "314", "315"]
    headings = "1. Overview\n\nThe panel met 40 times.1\n\n2. Findings\n\n1 Tarn Monitoring Panel, 2024\n"
    assert sorted(read_notes(headings).entries) == ["1"]


def test_a_number_opening_a_line_before_the_titles_first_words_is_a_running_headers_page(lexicon: Lexicon) -> None:
    """A PDF's "7 HARVEST WATCH: ..." and "8 9 Harvest Watch ...": page numbers before the running
    header repeating the title, said so; a count opening a line of its own ("8 districts") stays."""
    text = (TEXTS / "pdf-running-header.txt").read_text(encoding="utf-8")
    ex = extract_text(text, date(2024, 10, 1), lexicon, "Northvale Shelter Network", "Harvest Watch: Northern Valleys")
    assert [f.quote[f.number_start - f.start:f.number_end - f.start] for f in ex.figures] == ["4,200", "310", "8"]
    why = sorted((text[a:b], reason) for a, b, reason in ex.not_figures if reason.startswith("page number"))
    assert why == [("7", "page number of a running header"), ("8", "page number of a running header"),
                   ("9", "page number of a running header")]


def test_a_country_named_with_a_currency_is_not_the_figures_subject(lexicon: Lexicon) -> None:
    """"an appeal for 4.6 million Swiss francs ... in Marrow Province", "2.1 million U.S. dollars for the
    families of Marrow Province": the country's name is part of the currency's, so the subject is the
    province, not Switzerland or the United States."""
    _text, ex = read(lexicon, "appeal-currency-names.txt")
    subjects = {f.wording: f.subject for f in ex.figures}
    assert subjects == {"4.6 million": "marrow-province", "12,000": "marrow-province",
                        "2.1 million": "marrow-province"}
    dollars = next(f for f in ex.figures if f.wording == "2.1 million")
    assert "currency" in dollars.why["subject"]


def test_a_code_the_text_defines_as_an_agencys_initials_names_no_country(lexicon: Lexicon) -> None:
    """"according to the Delta Relief Coalition (DRC). In its shelters, DRC has registered 310 families":
    there "DRC" is the coalition, not the Democratic Republic of the Congo, so the families stay in the
    province the sentence before names."""
    _text, ex = read(lexicon, "brief-code-defined-as-agency.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"4,200": "marrow-province", "310": "marrow-province"}


def test_a_place_after_a_preposition_of_where_is_not_the_reporter(lexicon: Lexicon) -> None:
    """"data from across Chad showed", "a survey conducted in Peru estimating": the country is where
    the figures are from, not who states them; they stand on the source named before (and so does
    "Chad reported 95 deaths": a country's counts, test_a_country_counting_is_no_reporter)."""
    _text, ex = read(lexicon, "news-place-after-in.txt", publisher="Lakeside Herald")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said["2,300"] == said["41"] == said["4,100"] == "Kestrel Relief Agency"
    assert said["95"] == "Kestrel Relief Agency"


def test_a_reading_on_a_magnitude_scale_is_not_a_count(lexicon: Lexicon) -> None:
    """"a 6.3 magnitude earthquake", "a 5.1 Richter tremor", "magnitude 4.8": readings on a scale,
    said so; the deaths and the homes are the figures."""
    text = ("A 6.3 magnitude earthquake struck the Tarn valleys on Monday, killing 42 people. A 5.1 Richter "
            "tremor followed, and another of magnitude 4.8 damaged 900 homes.")
    ex = extract_text(text, date(2024, 10, 1), lexicon, "Northvale Shelter Network")
    assert [f.quote[f.number_start - f.start:f.number_end - f.start] for f in ex.figures] == ["42", "900"]
    why = refused(text, ex)
    assert why["6.3"] == why["5.1"] == why["4.8"] == "position in a sequence or on a scale"


def test_a_footnote_number_set_apart_after_a_sentences_stop_backs_the_sentence(lexicon: Lexicon) -> None:
    """"... and 57 deaths). 1" closing its line, or "... in the valley. 2 The rains": the number
    between a stop and the next sentence is that sentence's footnote (its entry cut from the excerpt),
    not a count; the counts before it carry it, and the trace says its entry is missing."""
    text = ("As of 3 May, 4,812 cases and 57 deaths had been recorded, most of them in Marrow (3,006 cases "
            "and 41 deaths). 1\nSome 2,300 families were sheltering in schools in the valley. 2 The rains "
            "have since eased.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"4,812": ["1"], "57": ["1"], "3,006": ["1"], "41": ["1"], "Some 2,300": ["2"]}
    assert all("missing note" in f.why for f in ex.figures)


def test_a_count_before_a_capitalised_name_is_no_footnote_marker_of_a_headline(lexicon: Lexicon) -> None:
    """A headline opening with its count ("380 Tarnish Fishers Missing at Sea, Agency Says") is no
    note entry, and the body's "an estimated 380 Tarnish fishers" no marker of it: a number set
    apart before a capitalised word marks a footnote only when that word opens a sentence."""
    text = ("380 Tarnish Fishers Missing at Sea, Agency Says\n\n"
            "The Kestrel Relief Agency said an estimated 380 Tarnish fishers were missing after the storm. "
            "Some 42 boats had left the harbour on Monday.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Lakeside Herald")
    notes = read_notes(text)
    assert (notes.markers, notes.entries) == ([], {})
    assert [f.wording for f in ex.figures] == ["an estimated 380", "Some 42"]


def test_a_fraction_word_before_a_noun_is_an_ordinal_not_a_share(lexicon: Lexicon) -> None:
    """"a third boat carrying 140 people", "a fifth update of the survey": the ordinal counts the
    boat or the update, no share of anything; "a third of the 900 families" and "a third were
    children" stay shares."""
    text = ("A third boat carrying 140 people reached the coast on Friday. The survey is a fifth update of "
            "the version first issued in 2019. A third of the 900 families had no shelter, and a third were "
            "children.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["140", "A third", "900", "a third"]
    why = refused(text, ex)
    assert why["A third"] == why["a fifth"] == "number word used as a word"


def test_a_footnote_closing_a_list_backs_every_item_of_it(lexicon: Lexicon) -> None:
    """A lead ending in a colon, then items of which only the last ends with a marker ("...:⏎- 410
    families ...⏎- 95 families ....[7]"): the list is one statement over lines, so every item
    carries the marker, and the trace says so."""
    text = ("Of the households registered in the Marrow camps as at 30 April 2024:\n"
            "- 410 families (61%) had been there for under a year\n"
            "- 95 families (14%) had been there for more than two years.[7]\n"
            "Shelter stocks stood at 2,300 tents.[8]\n")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"410": ["7"], "61%": ["7"], "95": ["7"], "14%": ["7"], "2,300": ["8"]}
    first = next(f for f in ex.figures if f.wording == "410")
    assert first.why["citations"] == "the footnote closing the list its item is in"
    items = "The agency held:\n- 600 blankets[9]\n- 120 stoves\n- 80 lamps.[10]\n"  # items cited one by one
    stoves = next(f for f in extract_text(items, date(2024, 6, 1), lexicon).figures if f.wording == "120")
    assert "10" not in stoves.citations


def test_an_appendix_an_attachment_or_an_issue_number_is_a_locator(lexicon: Lexicon) -> None:
    """"Marrow Shelter Bulletin (Issue 12, ...)", "shown at Appendix 4", "(Attachment 2)":
    numbers of a document's parts or of its issue, as "Annex 4" and "Table 2" are; the families
    are the figure."""
    text = ("Marrow Shelter Bulletin (Issue 12, 1 March - 30 April 2024)\n\n"
            "Some 640 families were sheltering in schools. A map of the schools is at Appendix 4 of this "
            "bulletin, and the register is attached (Attachment 2).")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["Some 640"]
    why = refused(text, ex)
    assert why["12"] == why["4"] == why["2"] == "locator or identifier"


def test_an_under_n_age_bracket_and_the_first_end_of_a_bracket_of_months_are_no_counts(lexicon: Lexicon) -> None:
    """"52,000 under-five children", "had waited between 2 and 9 months": the "five" is an age
    bracket and the "2" the first end of a bracket of durations, said so; the children and the
    families are the figures."""
    text = ("Floods affected 310,000 people, including 52,000 under-five children. Of the families "
            "registered, 1,240 had waited between 2 and 9 months for shelter.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["310,000", "52,000", "1,240"]
    why = refused(text, ex)
    assert why["five"] == why["2"] == "age"


def test_a_symbol_glued_to_a_statement_is_the_marker_of_the_note_its_line_opens(lexicon: Lexicon) -> None:
    """"4,300 mt of food distributed*" with a note line "*in March 2024", and "over 900 families
    in 2023.[†]": the asterisk and the dagger are footnote markers (a note opening in lower case
    names no source, so the reporter stays the publisher); a line's "*emphasis*" marks nothing."""
    text = ("In Numbers\n\n4,300 mt of food distributed*\n\n2,100 people assisted*\n\n*in March 2024\n\n"
            "The agency resettled over 900 families in 2023.[†] Its teams *visited* 45 villages.\n")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    cited = {f.wording: f.citations for f in ex.figures}
    assert cited == {"4,300": ["*"], "2,100": ["*"], "over 900": ["†"], "45": []}
    assert {f.reported_by for f in ex.figures} == {"Northvale Shelter Network"}
    bullets = "Key points\n* 4,000 families were displaced\n* 1,200 tents were given out\nThe count is provisional*\n"
    assert [(f.wording, f.citations) for f in extract_text(bullets, date(2024, 6, 1), lexicon).figures] == [
        ("4,000", []), ("1,200", [])]  # "* item" is a bullet, no note line


def test_the_names_of_every_sentence_are_read_before_any_figures_subject(lexicon: Lexicon) -> None:
    """The document's name table is read whole, once, before a subject is chosen: the places it proposes
    are every place its text names that the graph lacks, those of a sentence with no figure too (no
    longer only the sentences a figure's reading happened to reach)."""
    text = ("The caseworkers travelled on to Bergen and Tampere in the spring. In Daegu, the shelter registered "
            "1,240 new arrivals in March.")
    ex = extract_text(text, date(2024, 10, 1), lexicon, "Northvale Shelter Network")
    assert [(f.wording, f.subject) for f in ex.figures] == [("1,240", "daegu")]
    assert sorted(ex.places) == ["bergen", "daegu", "tampere"]


def test_a_title_framing_the_world_makes_the_world_what_figures_naming_no_place_are_about(lexicon: Lexicon) -> None:
    """"Global Shelter Trends" over a text that names the world: a total whose sentence names no place is
    the world's, not that of the town the text names most; without such a title, or where the text
    never names the world, the town stays."""
    text = ("Around the world, shelters filled faster than in any year before. An estimated 41.2 million people "
            "were displaced by the end of the year. In Daegu, 1,240 new arrivals were registered in March, and "
            "Daegu opened two more shelters.")

    def subjects(text: str, title: str) -> dict[str, str | None]:
        ex = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Shelter Network", title=title)
        return {f.wording: f.subject for f in ex.figures}

    framed = extract_text(text, date(2025, 4, 1), lexicon, "Northvale Shelter Network",
                          title="Global Shelter Trends: Displacement in 2024")
    total = next(f for f in framed.figures if f.wording == "An estimated 41.2 million")
    assert (total.subject, total.why["subject"]) == ("world", "the world, which the document's title names")
    assert subjects(text, "Shelter Trends: Displacement in 2024")["An estimated 41.2 million"] == "daegu"
    local = text.replace("Around the world, shelters", "Shelters")
    assert subjects(local, "Global Shelter Trends: Displacement in 2024")["An estimated 41.2 million"] == "daegu"


def test_the_country_a_reporters_name_holds_is_the_subject_where_its_sentence_names_no_other(lexicon: Lexicon) -> None:
    """"Norway's health ministry said strikes on four villages had killed at least 23 people", "Norway has
    recorded 23 deaths": the country the speaker before the number is named with (or is) is where the
    figures are, when their sentence names no other place; a speaker named after the numbers, whose
    attribution may close another clause, is not read so."""
    def subjects(text: str) -> dict[str, str | None]:
        return {f.wording: f.subject for f in extract_text(text, date(2024, 10, 1), lexicon, "Lakeside Herald").figures}

    said = subjects("Shelling went on overnight. Norway's health ministry said strikes on four villages had killed "
                    "at least 23 people.")
    assert said == {"four": "norway", "at least 23": "norway"}
    assert subjects("Shelling went on overnight. Norway has recorded 23 deaths in the villages since June.") == {
        "23": "norway"}
    assert subjects("Shelling went on overnight. Strikes on four villages had killed at least 23 people, Norway's "
                    "health ministry said.") == {"four": None, "at least 23": None}
    ex = extract_text("Norway's health ministry said strikes on four villages had killed at least 23 people.",
                      date(2024, 10, 1), lexicon, "Lakeside Herald")
    assert "reporter's name" in ex.figures[0].why["subject"]


def test_the_speaker_of_a_quote_of_several_sentences_is_not_carried(lexicon: Lexicon) -> None:
    """'"... full. Families are ... built yet," says X.': the quote opens in a sentence before the one
    its speaker closes; X speaks for the quote only, and the plain sentences after it go on with
    the source named before (here the agency), saying which speaker was passed over."""
    _text, ex = read(lexicon, "release-quote-of-several-sentences.txt", publisher="Harlow Valley Relief Agency")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said == {"More than 12,400": "Harlow Valley Relief Agency",
                    "6,800": "Harlow Valley Relief Agency", "260": "Harlow Valley Relief Agency"}
    assert "Oren Vallis" in next(f for f in ex.figures if f.wording == "6,800").why["reporter"]


def test_a_capitalised_compound_adjective_is_no_name(lexicon: Lexicon) -> None:
    """"French-language press reports", "the Geneva-based relief agency": a compound whose last part is
    lower-case ("-based", "-language", "-led") qualifies a noun and names no source; the first leaves
    its figure to the publisher, the second goes on with the agency named before."""
    _text, ex = read(lexicon, "news-adjective-compounds.txt", publisher="Lakeside Herald")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("45", "Lakeside Herald"), ("14,200", "Harlow Valley Relief Agency"), ("3,100", "Harlow Valley Relief Agency")]
    assert ex.figures[2].why["reporter"].startswith("the source named before")


def test_a_country_counting_is_no_reporter(lexicon: Lexicon) -> None:
    """"Chad reported 1,240 new cases": a country reporting or recording its counts to the agency whose
    update relays them is not the text's source; the figures, and the plain sentence after them, are
    the publisher's (who then says so in its why). A country that speaks ("Chad said") stays one."""
    _text, ex = read(lexicon, "brief-countries-report-to-the-agency.txt", publisher="Northvale Health Agency")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("1,240", "Northvale Health Agency"), ("31", "Northvale Health Agency"), ("12", "Northvale Health Agency")]
    assert all(f.why["reporter"].startswith("the document's publisher") for f in ex.figures)
    assert [a.said_by for a in attributions("Chad said that 95 people had died.", lexicon.actors)] == ["Chad"]


def test_the_day_a_statement_is_made_is_not_the_figures_period(lexicon: Lexicon) -> None:
    """"..., the agency said on Tuesday", "appealed on Tuesday for $38 million", "a spokesperson said
    today that 12 convoys": the day dates the words, not what the figures count, and gives them no
    period; "On Monday 240 families reached the camps" is the families' day."""
    _text, ex = read(lexicon, "news-statement-days.txt", day=date(2026, 3, 4), publisher="Lakeside Herald")
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["Some 54,000"] == (None, None)
    assert periods["$38 million"] == (None, None)
    assert periods["12"] == (None, None)
    assert periods["240"] == (date(2026, 3, 2), date(2026, 3, 2))


def test_as_of_or_until_a_named_day_is_open_up_to_that_day(lexicon: Lexicon) -> None:
    """"As of yesterday, 2,140 people had been registered", "86,400 crossings until Sunday": an open
    period closed by the day the reference date names, as "as of 3 March" is; "On Sunday 410 people
    crossed" stays that one day."""
    _text, ex = read(lexicon, "sitrep-up-to-a-named-day.txt", day=date(2026, 3, 4))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods == {"2,140": (None, date(2026, 3, 3)), "86,400": (None, date(2026, 3, 1)),
                       "410": (date(2026, 3, 1), date(2026, 3, 1))}


def test_the_end_of_the_year_is_of_the_year_the_text_tells_of(lexicon: Lexicon) -> None:
    """"... rose through 2025. By the end of the year, 8,600 people were living in the shelters" in a
    review dated March 2026: open, up to the end of 2025, the year the text wrote last before it (not
    the document's 2026), traced in the figure's why; a year written after it is its own."""
    _text, ex = read(lexicon, "review-end-of-the-year.txt", day=date(2026, 3, 4))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["8,600"] == (None, date(2025, 12, 31))
    assert periods["700"] == (None, date(2026, 12, 31))
    assert "wrote last before it (2025)" in next(f for f in ex.figures if f.wording == "8,600").why["period"]


def test_data_reported_by_a_time_and_day_or_published_on_a_day_are_as_of_it(lexicon: Lexicon) -> None:
    """"Data as reported by 17:00; 27 February 2026" over a bulletin's counts, "The ... assessment,
    published on 20 February 2026, counted 12,500": the day the data were reported or published
    closes them, an open period up to it, not that one day."""
    _text, ex = read(lexicon, "bulletin-data-as-reported.txt", day=date(2026, 2, 28))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods["12,500"] == (None, date(2026, 2, 20))
    assert periods["31"] == (None, date(2026, 2, 27))


def test_an_event_dated_in_its_clause_opens_the_period_of_what_it_caused(lexicon: Lexicon) -> None:
    """"The fighting ..., which began on 12 January, has displaced some 48,000 people": since that day,
    as "since fighting erupted there in December" and "since the latest round of the ... conflict
    started on 3 November" (the event named in more words), each up to the document's date."""
    _text, ex = read(lexicon, "news-since-the-event-began.txt", day=date(2026, 3, 4))
    periods = {f.wording: (f.period_start, f.period_end) for f in ex.figures}
    assert periods == {"some 48,000": (date(2026, 1, 12), date(2026, 3, 4)),
                       "Some 6,300": (date(2025, 12, 1), date(2026, 3, 4)),
                       "910": (date(2025, 11, 3), date(2026, 3, 4))}


def test_a_scale_word_written_plural_after_digits_is_still_the_numbers_scale(lexicon: Lexicon) -> None:
    """"over 2.4 millions people", "some 3 thousands families": a writer's plural of the scale word
    after digits is the number's scale, one figure (not "2.4" and an order of magnitude "millions")."""
    text = "The fighting has displaced over 2.4 millions people and some 3 thousands families fled to Marrow."
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [(f.wording, f.value, f.lower, f.upper) for f in ex.figures] == [
        ("over 2.4 millions", Decimal(2400000), Decimal(2400000), Decimal(2500000)),
        ("some 3 thousands", Decimal(3000), Decimal(2500), Decimal(3500))]


def test_a_share_of_a_target_or_a_count_of_target_countries_is_no_target(lexicon: Lexicon) -> None:
    """"2,480 households reached (64% of target)", "data for 140 source and 95 target countries":
    a share reached of a target and the countries a policy word modifies are counts; "This
    30,000 ceiling is" and "a target of 5%" still set a limit."""
    text = ("Some 2,480 households were reached with kits (64% of target). The model has data for 140 source "
            "and 95 target countries. This 30,000 ceiling is the lowest yet, against a target of 5% of places; "
            "the 9,000 cap set by the ministry stays.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["Some 2,480", "64%", "140", "95"]
    why = refused(text, ex)
    assert why["30,000"] == why["5%"] == why["9,000"] == "threshold or target"


def test_a_paragraph_number_after_a_heading_in_capitals_is_no_count(lexicon: Lexicon) -> None:
    """"II. METHODOLOGY 4. The mission visited 12 sites" (a report flattened into one line) and
    "SHELTER⏎⏎6.02 Around 3,400 families": the paragraph numbers after a heading in capitals are
    locators, said so; the sites and the families are the figures."""
    text = ("Reporting period: 1 March - 30 April II. METHODOLOGY 4. The mission visited 12 sites in Marrow.\n\n"
            "SHELTER<br />\n\n6.02 Around 3,400 families were living in tents.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["12", "Around 3,400"]
    why = refused(text, ex)
    assert why["4"] == why["6.02"] == "paragraph number after a heading"


def test_a_page_or_volume_after_a_year_and_a_comma_in_a_reference_is_no_count(lexicon: Lexicon) -> None:
    """"(Harrow 2021-05, 4, 17)", "(Pell Institute May 2019, 62; ...)", "(Shelter Review 2023, 41,
    112-130)": the numbers after a reference's year, each closing it or followed by another, are
    its pages and volume, said so; the families and "in 2022, 3,100 people" are still figures."""
    text = ("Some 1,240 families left the camp in April (Harrow 2021-05, 4, 17). The group had about 900 "
            "members (Pell Institute May 2019, 62; Marrow n.d.; Shelter Review 2023, 41, 112-130). "
            "In 2022, 3,100 people returned.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["Some 1,240", "about 900", "3,100"]
    why = {text[a:b]: reason for a, b, reason in ex.not_figures}
    assert why["4"] == why["17"] == why["62"] == why["41"] == "page or volume in a reference"


def test_a_clocks_seconds_a_pixel_size_and_an_image_files_name_are_no_counts(lexicon: Lexicon) -> None:
    """A web page's machinery: "Published: 2024-3-9 10:41:52", an icon's "18px" and an image's file
    name ("44-2215ab90c4e1.jpg"), said so; the families are the figure."""
    text = ("Source: Marrow Daily Published: 2024-3-9 10:41:52\n\n18px Marrow Relief Desk\n\n"
            "44-2215ab90c4e1.jpg\n\nSome 2,300 families left their homes in Marrow.")
    ex = extract_text(text, date(2024, 6, 1), lexicon, "Northvale Shelter Network")
    assert [f.wording for f in ex.figures] == ["Some 2,300"]
    why = {text[a:b]: reason for a, b, reason in ex.not_figures}
    assert why["52"] == "time of day"
    assert why["18"] == "file size"
    assert why["2215"] == "part of a URL or an address"


def test_a_speaker_line_says_who_speaks_the_lines_under_it(lexicon: Lexicon) -> None:
    """A debate's record: "Name (Seat, Party, Office)" or "Mr NAME (Seat—Office) (2.19 pm)—" opens a
    speech; what its lines state themselves ("we opened", a plain sentence) is that speaker's, until
    the next speaker line, never the publisher's that keeps the record. Written evidence "submitted
    by" its author is that author's ("The figures I gave")."""
    _text, ex = read(lexicon, "debate-speaker-lines.txt", publisher="Chamber Record")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("2,350", "Anna Merrow"), ("910", "Anna Merrow"), ("4,200", "Mr Haldane"), ("380", "Mr Haldane")]
    assert "speaker line" in ex.figures[1].why["reporter"]
    _text, ex = read(lexicon, "evidence-submitted-by.txt", publisher="Northvale Assembly, Housing Committee")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [("1,870", "Dr Tomas Reyl"), ("2,140", "Dr Tomas Reyl")]


def test_a_list_whose_last_item_alone_carries_a_footnote_is_its_sources(lexicon: Lexicon) -> None:
    """A bulleted list whose last item alone carries a footnote marker: the note backs the list, so
    every item's figures are the cited source's (saying so in the why), not the publisher's; the
    paragraph after the list is the publisher's again."""
    _text, ex = read(lexicon, "coi-list-closed-by-a-footnote.txt", publisher="Northvale Home Office")
    said = {f.wording: f.reported_by for f in ex.figures}
    assert said == {"640": "Lakeshore Conflict Monitor", "1,120": "Lakeshore Conflict Monitor",
                    "815": "Lakeshore Conflict Monitor", "1,460": "Lakeshore Conflict Monitor",
                    "402": "Lakeshore Conflict Monitor", "733": "Lakeshore Conflict Monitor",
                    "2,900": "Northvale Home Office"}
    assert "last item cites (12)" in ex.figures[0].why["reporter"]


def test_a_transcripts_speaker_labels_say_who_speaks(lexicon: Lexicon) -> None:
    """A briefing's transcript: "MR. NAME:" opens what that speaker says, until the next label; "Q:"
    opens a question whose asker the text does not name, which stays the publisher's record (the
    question's own "officials say" speaks for its figure, and is not carried past the next label)."""
    _text, ex = read(lexicon, "briefing-transcript-labels.txt", publisher="Northvale Relief Department")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("4,800", "Mr. Vanter"), ("About 260", "Mr. Vanter"), ("1,500", "Local officials"), ("90", "Mr. Vanter")]
    assert "speaker label" in ex.figures[1].why["reporter"]


def test_an_agency_expressing_concern_in_a_news_lead_is_its_source(lexicon: Lexicon) -> None:
    """"X has expressed grave concern over ..., where an estimated 640 ...": expressing concern is a
    statement, and like any source the lead names, X goes on for the plain sentences after it."""
    _text, ex = read(lexicon, "news-lead-expressed-concern.txt", publisher="Lakeside Herald")
    assert [(f.wording, f.reported_by) for f in ex.figures] == [
        ("an estimated 640", "Coastline Relief Fund"), ("About 210", "Coastline Relief Fund"),
        ("35", "Coastline Relief Fund")]
    assert ex.figures[1].why["reporter"].startswith("the source named before")


def test_a_name_labelling_an_earlier_bracket_is_not_the_next_brackets(lexicon: Lexicon) -> None:
    """"Vestland (412), Halvorsby (388) and Nordland (251)": each bracketed count is its own label's, so
    the 388 of a place the gazetteer does not know falls to the document's country, not to Vestland; a
    second number in the same bracket ("Vestland (1,950 households; 14%)") stays with its label. "Most"
    opening a sentence is the word, not the Czech district."""
    _text, ex = read(lexicon, "sitrep-bracketed-counts-by-province.txt")
    about = {f.wording: f.subject for f in ex.figures}
    assert about == {"3,400": "norway", "412": "vestland", "388": "norway", "251": "nordland",
                     "1,950": "vestland", "14%": "vestland"}
    assert "qualifies another number" in next(f for f in ex.figures if f.wording == "388").why["subject"]


def test_a_place_iso_spells_with_accents_is_found_without_them(lexicon: Lexicon) -> None:
    """ISO 3166-2 writes "Paraná", "Al Ḩudaydah", "Diyālá": English prose drops the marks ("In Parana,
    2,300 families"), and the gazetteer reads the name either way, proposing the place under its ISO label."""
    _text, ex = read(lexicon, "sitrep-places-without-accents.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"2,300": "parana", "640": "parana", "two": "brazil"}
    assert ex.places["parana"].label == "Paraná"
    for written in ("Al Hudaydah", "Hajjah", "Curacao", "Curaçao"):
        assert [written[n.start:n.end] for n, _place in find_places(written, 0, len(written))] == [written]


def test_places_iso_3166_1_lacks_are_found_by_their_english_names(lexicon: Lexicon) -> None:
    """ISO 3166-2 spells the Canary Islands "Canarias" and has no UN M49 region: the gazetteer takes
    CLDR's English names for both ("Canary Islands", "Eastern Africa"), so the islands the article
    counts are its place, not the "west Africa" the boats left from; an M49 region is wider than a
    country, the islands lie in one."""
    _text, ex = read(lexicon, "news-islands-outside-iso.txt", publisher="Lakeside Herald")
    assert {f.wording: f.subject for f in ex.figures} == {"More than 9,400": "canary-islands", "310": "canary-islands"}
    found = {written: [(p.id, in_one_country(p)) for _n, p in find_places(written, 0, len(written))]
             for written in ("Canary Islands", "Eastern Africa", "World Food Programme", "Manus Island")}
    assert found == {"Canary Islands": [("canary-islands", True)], "Eastern Africa": [("eastern-africa", False)],
                     "World Food Programme": [], "Manus Island": [("manus", True)]}  # "Island" is no Iceland


def test_a_bracketed_abbreviation_does_not_close_the_numbers_clause(lexicon: Lexicon) -> None:
    """"4,200 internally displaced persons (IDPs) are sheltering ... across Vestland": a bracket holding
    only an abbreviation names what it follows, and the number's clause goes on to the place after it,
    near ("across Vestland") or far ("... Fund (RRF) was approved for the flooding in Vestland"), rather
    than the place the document names most."""
    _text, ex = read(lexicon, "sitrep-abbreviation-in-brackets.txt")
    assert {f.wording: f.subject for f in ex.figures} == {"Some 4,200": "vestland", "three": "vestland",
                                                          "2.5 million": "vestland"}
    assert "further than its phrase reads" in ex.figures[2].why["subject"]


def test_a_count_of_places_is_about_the_list_it_opens(lexicon: Lexicon) -> None:
    """"just three countries, namely Chad, Niger and Mali", "five, including Sudan and Eritrea": a count
    followed by the list of the places it counts is about that list (its first place, traced), not the
    document's country; a people after "including" ("more than 4,000, including Eritreans") is a part of
    those counted, not the set, and leaves the figure its own place."""
    _text, ex = read(lexicon, "brief-counts-of-listed-countries.txt")
    about = {f.wording: f.subject for f in ex.figures}
    assert (about["three"], about["five"], about["more than 4,000"]) == ("chad", "sudan", "sweden")
    assert "the places listed after it" in next(f for f in ex.figures if f.wording == "three").why["subject"]


@pytest.mark.parametrize(("sentence", "subject"), [
    ("Shelling hit 2 oblasts, namely Kharkiv and Donetsk, on Monday.", "kharkiv"),
    ("Floods reached 3 counties, including Turkana and Marsabit, last week.", "turkana"),
])


def test_a_count_of_divisions_of_any_kind_is_about_the_list_it_opens(lexicon: Lexicon, sentence: str,
                                                                      subject: str) -> None:
    """The divisions a count may name before its list are those "the province" may refer to (subjects.DIVISIONS,
    "oblasts" and "counties" with "provinces"), each in its plural."""
    assert [f.subject for f in extract_text(sentence, date(2025, 4, 1), lexicon).figures] == [subject]


def test_a_sentence_counting_the_countries_its_figures_come_from_is_about_the_world(lexicon: Lexicon) -> None:
    """"12 480 new cases were reported from 17 countries across four regions": a sentence counting the
    countries its figures come from, naming none, is about the world (traced), not the country the bulletin
    names most nor the one the sentence before is about; people's many origins ("pupils from 22 different
    countries") are not such a count, and the figure keeps what its passage is about."""
    _text, ex = read(lexicon, "bulletin-countries-counted.txt")
    about = {f.wording: f.subject for f in ex.figures}
    assert (about["12 480"], about["9%"], about["410"]) == ("world", "world", "world")
    assert (about["3 100"], about["60 percent"]) == ("sweden", "sweden")
    assert "counts the countries" in next(f for f in ex.figures if f.wording == "12 480").why["subject"]


def test_a_bracketed_abbreviation_of_a_hyphenated_compound_names_no_source(lexicon: Lexicon) -> None:
    """"incidents of gender-based violence (GBV).": brackets closing a sentence hold the initials of the
    words before them, each part of a hyphenated compound giving one, so they define an abbreviation and
    name no source; the next sentence's count stays with the source named before."""
    text = ("The Rights Monitoring Unit documented 120 incidents of gender-based violence (GBV). "
            "In the north, 45 cases were recorded in June.")
    figures = extract_text(text, date(2025, 4, 1), lexicon).figures
    assert [(f.wording, f.reported_by) for f in figures] == [("120", "Rights Monitoring Unit"),
                                                             ("45", "Rights Monitoring Unit")]
    assert figures[1].why["reporter"] == "the source named before it in the passage"


def test_a_heading_in_capitals_parts_a_flattened_pages_numbers_from_the_source_after_it(lexicon: Lexicon) -> None:
    """A fact sheet flattened into one line ("FIGURES IN BRIEF 410,000 ... CURRENT SITUATION ...,
    according to X."): the source named after a heading in capitals speaks for the passage that heading
    opens, not for the numbers before it, which stay the document's own (traced); the passage's count is X's."""
    text = ("FLOOD RESPONSE FACT SHEET #2 MARCH 3, 2025 FIGURES IN BRIEF 410,000 People Affected in Vestland "
            "12,500 Households Displaced CURRENT SITUATION Heavy rains have forced some 9,000 people from their "
            "homes since February 20, according to the Norwegian Red Cross (NRC).")
    figures = extract_text(text, date(2025, 4, 1), lexicon, publisher="Relief Desk").figures
    assert [(f.wording, f.reported_by) for f in figures] == [
        ("410,000", "Relief Desk"), ("12,500", "Relief Desk"), ("some 9,000", "Norwegian Red Cross")]
    assert "named after a heading in capitals" in figures[0].why["reporter"]


def test_a_heading_ends_a_sources_passage_and_puts_back_the_leads_source(lexicon: Lexicon) -> None:
    """A source named in one section speaks for the unattributed sentences after it only until a heading
    opens another section; there the source the document's lead names speaks again (a news lead's source
    is the article's), traced with the one passed over."""
    text = ("Storm leaves thousands homeless\n\nThe Coastal Agency said on Monday that 4,000 people had been "
            "evacuated from the shore.\n\nLater, the Fishers Union reported that 120 boats were lost at sea.\n\n"
            "Damage to harbours\n\nSome 35 piers were destroyed in the storm, and 12 bridges closed.")
    figures = extract_text(text, date(2025, 4, 1), lexicon, publisher="Relief Desk").figures
    assert [(f.wording, f.reported_by) for f in figures] == [
        ("4,000", "Coastal Agency"), ("120", "Fishers Union"), ("Some 35", "Coastal Agency"), ("12", "Coastal Agency")]
    assert "not Fishers Union, named before a heading" in figures[2].why["reporter"]


def test_the_ministry_stands_for_the_source_whose_name_holds_its_noun(lexicon: Lexicon) -> None:
    """"..., the ministry said." then "According to a report by the charity Harbour Watch, ..." then
    "..., the ministry added.": a definite description stands for the source named before it whose name
    holds its noun, not for the one named last (a charity is no ministry), traced with the one passed over."""
    text = ("Boat arrivals to the southern islands rose sharply in March, according to data released by the "
            "country's transport ministry.\n\nSome 2,100 people landed between March 1 and March 31, the ministry "
            "said.\n\nAccording to a report by the charity Harbour Watch, 140 people drowned on the route last "
            "year.\n\nArrivals by land and sea reached 3,400 in March, the ministry added.")
    figures = extract_text(text, date(2025, 4, 1), lexicon, publisher="Relief Desk").figures
    assert [(f.wording, f.reported_by) for f in figures] == [
        ("Some 2,100", "the ministry"), ("140", "Harbour Watch"), ("3,400", "the ministry")]
    assert "whose name holds its noun (not Harbour Watch)" in figures[2].why["reporter"]


def test_markers_glued_inside_a_sentence_are_kept_as_missing_notes(lexicon: Lexicon) -> None:
    """An excerpt without its notes glues markers inside sentences too: after a word ("and Vestland1
    registered"), a clause's comma ("Accord,4", "in 2023,7 while") and a year ("in 20226 or": the
    year 2022, then marker 6). Numbering up from 1 with the stop-glued "2021-2023.3", they are the
    excerpt's markers (missing notes); the year is a date again, no figure "20226". Such a marker
    backs the clause it closes, not a figure later in its sentence ("two others" cites none)."""
    text, ex = read(lexicon, "brief-markers-glued-inside-sentences.txt")
    assert [m.number for m in read_notes(text).markers] == ["1", "3", "4", "6", "7"]
    cited = {f.wording: [c for c in f.citations if c.isdigit()] for f in ex.figures}
    assert cited == {"four": ["1", "3"], "over 61 400": ["3"], "Five": ["6", "7"], "two": []}
    assert "missing note" in next(f for f in ex.figures if f.wording == "Five").inferred
