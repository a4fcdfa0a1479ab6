"""Issue 5: ingest writes a record file that build accepts unchanged and that validates; a
second run gives the same file; bad input gets a clear message and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

import figuregraph as fg
from figuregraph.cli import app

from ..conftest import FIXTURES, EUAA_SEED, GRAPH_DIR, NEWS_SEED

runner = CliRunner()
FIXTURES = FIXTURES / "extract"


@pytest.fixture()
def graph(tmp_path: Path) -> Path:
    target = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, target)
    return target


def ingest(graph: Path, document: Path, *args: str) -> Result:
    return runner.invoke(app, ["ingest", str(document), "-g", str(graph), *args])


def test_ingest_writes_a_file_that_builds_validates_and_is_stable(graph: Path) -> None:
    before = fg.build_valid(graph)[0]
    result = ingest(graph, NEWS_SEED, "--title", "Record desertions (ingested)", "--publisher", "wirtualna-polska",
                    "--date", "2024-04-24", "--kind", "news-article", "--id", "wp-ingested")
    assert result.exit_code == 0, result.output
    target = graph / "sources" / "wp-ingested.yaml"
    first = target.read_bytes()
    records = yaml.safe_load(first)
    assert [f["value"] for f in records["figures"]] == [684, 7400, 496]
    assert records["figures"][2]["part-of"] == records["figures"][1]["id"]
    again = ingest(graph, NEWS_SEED, "--title", "Record desertions (ingested)", "--publisher", "wirtualna-polska",
                   "--date", "2024-04-24", "--kind", "news-article", "--id", "wp-ingested")
    assert again.exit_code == 0 and "unchanged" in again.output
    assert target.read_bytes() == first  # same ids, nothing duplicated
    built, report = fg.build_valid(graph)
    assert report.conforms
    figures = {f.id for d in built.index.documents for f in d.figures}
    assert len(figures) == len({f.id for d in before.index.documents for f in d.figures}) + 3


def test_ingest_proposes_what_the_graph_lacks(graph: Path) -> None:
    result = ingest(graph, FIXTURES / "query-response-inline.txt", "--title", "Treatment of returnees",
                    "--publisher", "Asylum Research Desk", "--date", "2025-09-01", "--about", "russia")
    assert result.exit_code == 0, result.output
    target = graph / "sources" / "asylum-research-desk-2025-treatment-of-returnees.yaml"
    records = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert {a["id"] for a in records["new-actors"]} == {"asylum-research-desk", "human-rights-watch"}
    assert {s["id"] for s in records["new-sources"]} == {
        "human-rights-watch-2025-returnees-questioned-at-the-border", "mediazona-2025-fines-for-unauthorised-absence"}
    assert {m["id"] for m in records["new-measures"]} == {"returnees", "share-of-returnees", "persons-fined"}
    assert [f["about"] for f in records["figures"]] == ["russia", "russia", "moscow-region"]
    assert fg.build_valid(graph)[1].conforms
    second = ingest(graph, FIXTURES / "query-response-inline.txt", "--title", "Treatment of returnees",
                    "--publisher", "Asylum Research Desk", "--date", "2025-09-01", "--about", "russia")
    assert second.exit_code == 0 and "unchanged" in second.output  # its own proposals are not matched


def test_without_a_subject_figures_are_listed_not_written(graph: Path) -> None:
    result = ingest(graph, FIXTURES / "query-response-inline.txt", "--title", "Returnees", "--publisher", "euaa",
                    "--id", "returnees-no-subject")
    assert result.exit_code == 0, result.output
    assert "not written (no subject; use --about)" in result.output
    text = (graph / "sources" / "returnees-no-subject.yaml").read_text(encoding="utf-8")
    assert len(yaml.safe_load(text)["figures"]) == 1 and "# Not written" in text


def test_an_edited_file_is_kept_unless_forced(graph: Path) -> None:
    args = ("--title", "COI", "--publisher", "euaa", "--date", "2026-01-15", "--id", "coi-ingested")
    assert ingest(graph, EUAA_SEED, *args).exit_code == 0
    target = graph / "sources" / "coi-ingested.yaml"
    edited = target.read_text(encoding="utf-8") + "# reviewed\n"
    target.write_text(edited, encoding="utf-8")
    kept = ingest(graph, EUAA_SEED, *args)
    assert kept.exit_code == 2 and "--force" in kept.output and target.read_text(encoding="utf-8") == edited
    assert ingest(graph, EUAA_SEED, *args, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") != edited


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("Desertion rose by 300 cases in Kraków".encode("latin-1") + b"\xe9", "not UTF-8"),
])
def test_bad_documents_get_a_clear_message_and_nothing_is_written(graph: Path, tmp_path: Path, content: bytes,
                                                                  message: str) -> None:
    document = tmp_path / "doc.txt"
    document.write_bytes(content)
    files = sorted(graph.rglob("*"))
    for command in (["extract", str(document)],
                    ["ingest", str(document), "--title", "T", "--publisher", "euaa", "-g", str(graph)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert sorted(graph.rglob("*")) == files


def test_an_empty_document_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "empty.txt"
    document.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(document), "-f", "json"])
    assert result.exit_code == 2 and f"{document}: empty" in result.output and not result.stdout.strip()


def test_a_50_mb_document_is_refused_with_a_message(tmp_path: Path) -> None:
    document = tmp_path / "huge.txt"
    with document.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: the size is what is checked
    result = runner.invoke(app, ["extract", str(document)])
    assert result.exit_code == 2 and "over the 16 MB limit" in result.output and "split" in result.output


def test_ingest_writes_a_chain_that_the_audit_traces_to_its_root(graph: Path) -> None:
    """"The outlet reports, citing the Interior Ministry": the reporter is the outlet, and its
    statement cites the ministry's data, which the audit reaches as the figure's root."""
    from figuregraph.audit import run_audit
    from figuregraph.rdf.namespace import iri

    result = ingest(graph, FIXTURES / "news-outlet-citing-ministry.txt", "--title", "Border detentions rise",
                    "--publisher", "Caucasus Desk", "--date", "2025-02-03", "--id", "detentions-article",
                    "--about", "russia")
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "detentions-article.yaml").read_text(encoding="utf-8"))
    (figure,) = records["figures"]
    assert figure["reported-by"] == ["kavkaz-monitor"] and figure["value"] == 1250
    statement = next(s for s in records["new-sources"] if s["publisher"] == "kavkaz-monitor")
    assert statement["cites"] == [{"source": "interior-ministry-data", "as": "data-source"}]
    data = next(s for s in records["new-sources"] if s["id"] == "interior-ministry-data")
    assert data["publisher"] == "interior-ministry" and data["kind"] == "dataset"
    built, report = fg.build_valid(graph)
    assert report.conforms
    trace = run_audit(built.store).traces[str(iri("figure", figure["id"]))]
    assert trace.roots == {str(iri("source", "interior-ministry-data"))}
    assert str(iri("actor", "interior-ministry")) in trace.origins


def test_ingest_proposes_the_places_and_organisations_the_text_names(graph: Path) -> None:
    """A country and a state the graph lacks come from the gazetteer as new places; an organisation
    the text spells out with its acronym is one new actor, the acronym its alias."""
    result = ingest(graph, FIXTURES / "brief-new-places-and-organisations.txt", "--title", "Displacement update",
                    "--publisher", "Sudan Desk", "--date", "2023-09-14", "--id", "sudan-update")
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "sudan-update.yaml").read_text(encoding="utf-8"))
    places = {p["id"]: (p["kind"], p["label"]) for p in records["new-places"]}
    assert places == {"sudan": ("country", "Sudan"), "west-darfur-state": ("region", "West Darfur State")}
    (ocha,) = [a for a in records["new-actors"] if a["id"] == "ocha"]
    assert ocha["label"] == "Office for the Coordination of Humanitarian Affairs" and ocha["aliases"] == ["OCHA"]
    assert [(f["value"], f["about"], f["reported-by"]) for f in records["figures"]] == [
        (4100000, "sudan", ["ocha"]), (15500, "west-darfur-state", ["ocha"])]
    assert fg.build_valid(graph)[1].conforms


def test_figures_whose_words_name_no_measure_are_never_compared(graph: Path, tmp_path: Path) -> None:
    """Two documents' figures that no words say the measure of (the extractor's "unnamed measure")
    each get a measure of their own: one shared measure made the audit find them in conflict."""
    from figuregraph.audit import run_audit

    ids = []
    for name, amount, day in (("first", "$4.5 million", "2025-01-10"), ("second", "$7 million", "2025-02-10")):
        document = tmp_path / f"{name}.txt"
        document.write_text(f"Some {amount} was raised for the camps in 2024, the ministry said.\n", encoding="utf-8")
        result = ingest(graph, document, "--title", f"Appeal ({name})", "--publisher", "euaa", "--date", day,
                        "--id", f"appeal-{name}", "--about", "russia")
        assert result.exit_code == 0, result.output
        records = yaml.safe_load((graph / "sources" / f"appeal-{name}.yaml").read_text(encoding="utf-8"))
        (figure,) = records["figures"]
        (measure,) = records["new-measures"]
        assert figure["measure"] == measure["id"] == f"{figure['id']}-measure"
        assert measure["label"] == "unnamed measure" and figure["quote"] in measure["definition"]
        ids.append(figure["id"])
    built, report = fg.build_valid(graph)
    assert report.conforms
    from figuregraph.rdf.namespace import iri

    ours = {str(iri("figure", i)) for i in ids}
    assert all(p in run_audit(built.store).traces for p in ours)
    assert not [p for p in run_audit(built.store).pairs if {p.a, p.b} & ours]


def test_a_statement_two_documents_report_is_proposed_once(graph: Path, tmp_path: Path) -> None:
    """"The ministry said" in two documents of one day: the second matches the statement the first
    proposed (its id was proposed twice, and the second ingest failed on the duplicate id)."""
    for name in ("first", "second"):
        document = tmp_path / f"{name}.txt"
        document.write_text("Some $4.5 million was raised for the camps in 2024, the ministry said.\n",
                            encoding="utf-8")
        result = ingest(graph, document, "--title", f"Appeal ({name})", "--publisher", "euaa", "--date", "2025-01-10",
                        "--id", f"appeal-{name}", "--about", "russia")
        assert result.exit_code == 0, result.output
    first, second = (yaml.safe_load((graph / "sources" / f"appeal-{n}.yaml").read_text(encoding="utf-8"))
                     for n in ("first", "second"))
    (statement,) = first["new-sources"]
    assert "new-sources" not in second and [c["cites"] for c in second["citations"]] == [statement["id"]]
    assert fg.build_valid(graph)[1].conforms


def test_a_fraction_of_thirds_is_written_as_a_store_holds_it(graph: Path, tmp_path: Path) -> None:
    """"over a third": the unit of a third was written with 28 places, which Oxigraph's decimals
    (18 places) do not hold, and the proposed records failed their shapes."""
    document = tmp_path / "thirds.txt"
    document.write_text("Around 3.7 million people, over a third of all the displaced, fled the capital in 2024, "
                        "the agency said.\n", encoding="utf-8")
    result = ingest(graph, document, "--title", "Displacement", "--publisher", "euaa", "--date", "2025-01-10",
                    "--id", "thirds", "--about", "russia")
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "thirds.yaml").read_text(encoding="utf-8"))
    third = next(f for f in records["figures"] if f["wording"] == "over a third")
    assert (third["value"], third["rounding"]) == (0.3333, 0.3334)
    built, report = fg.build_valid(graph)
    assert report.conforms
    figure = next(f for d in built.index.documents for f in d.figures if f.id == third["id"])
    assert (str(figure.lower), str(figure.upper)) == ("0.3333", "0.6667")


@pytest.mark.parametrize("country", ["Iraq", "Russia"])  # a place the gazetteer proposes; one of the graph
def test_a_publisher_named_as_a_place_is_the_places_authorities(graph: Path, tmp_path: Path, country: str) -> None:
    """A footnote "Iraq, CSO, ..." names the country as publisher, and the figure is about the country:
    the actor was proposed with the place's id, and the file failed on a duplicate id."""
    document = tmp_path / "governorate.txt"
    document.write_text(f"General description\n\nThe governorate of Diyala in {country} has an estimated population "
                        f"of 1 637 226 inhabitants.727 The capital is Baqubah.\n\n727 {country}, CSO, Population "
                        "indicators and population estimates, n.d., url\n", encoding="utf-8")
    result = ingest(graph, document, "--title", "Diyala", "--publisher", "euaa", "--id", "diyala")
    assert result.exit_code == 0, result.output
    records = yaml.safe_load((graph / "sources" / "diyala.yaml").read_text(encoding="utf-8"))
    place = country.lower()
    (figure,) = records["figures"]
    assert figure["about"] == place and figure["reported-by"] == [f"{place}-authorities"]
    (actor,) = [a for a in records["new-actors"] if a["label"] == country]
    assert actor["id"] == f"{place}-authorities"
    assert [s["publisher"] for s in records["new-sources"]] == [f"{place}-authorities"]
    assert fg.build_valid(graph)[1].conforms


def test_a_measure_of_its_own_is_no_measure_for_the_next_document(graph: Path, tmp_path: Path) -> None:
    """A placeholder labelled with its figure's "24.5%" became the measure of the next document's
    "97% of crude oil exports" (a "%" and "measures" in its sentence matched the label)."""
    first = tmp_path / "first.txt"
    first.write_text("Beirut hosts 24.5% of them in 2020, the ministry said.\n", encoding="utf-8")
    result = ingest(graph, first, "--title", "Hosts", "--publisher", "euaa", "--id", "hosts", "--about", "russia")
    assert result.exit_code == 0, result.output
    (placeholder,) = yaml.safe_load((graph / "sources" / "hosts.yaml").read_text(encoding="utf-8"))["new-measures"]
    second = tmp_path / "second.txt"
    second.write_text("Despite existing measures, 97% of crude oil exports were sold above the cap in 2023, the "
                      "institute said.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(second), "-g", str(graph), "-f", "json"])
    assert result.exit_code == 0, result.output
    import json

    (figure,) = json.loads(result.stdout)["figures"]
    assert figure["measure"] is None and figure["proposed_measure"] == "crude oil exports"
    assert placeholder["id"].endswith("-measure")


def test_a_count_matches_an_earlier_proposal_only_when_it_counts_the_same_thing(graph: Path, tmp_path: Path) -> None:
    """Once one document proposed "demonstration events", the next one's counts of demonstrators,
    members and persons all matched it (a new-user trial: 8 false circular findings in the audit);
    a count of demonstration events still does."""
    first = tmp_path / "first.txt"
    first.write_text("The monitor recorded nearly 700 demonstration events across Russia in 2023, the monitor "
                     "said.\n", encoding="utf-8")
    result = ingest(graph, first, "--title", "Events", "--publisher", "euaa", "--date", "2024-01-10", "--id", "events")
    assert result.exit_code == 0, result.output
    (proposed,) = yaml.safe_load((graph / "sources" / "events.yaml").read_text(encoding="utf-8"))["new-measures"]
    assert (proposed["id"], proposed["label"]) == ("demonstration-events", "demonstration events")
    second = tmp_path / "second.txt"
    second.write_text("At the demonstration events in Russia in 2023, police detained at least 300 members of the "
                      "league and some 1,200 demonstrators, and 45 persons were charged, the ministry said. The "
                      "ministry counted 650 demonstration events in Russia in 2023.\n", encoding="utf-8")
    result = ingest(graph, second, "--title", "Arrests", "--publisher", "euaa", "--date", "2024-02-10",
                    "--id", "arrests")
    assert result.exit_code == 0, result.output
    figures = yaml.safe_load((graph / "sources" / "arrests.yaml").read_text(encoding="utf-8"))["figures"]
    measures = {f["value"]: f["measure"] for f in figures}
    assert measures[650] == "demonstration-events"
    assert [measures[v] for v in (300, 1200, 45)] == ["members", "demonstrators", "persons-charged"]


@pytest.mark.parametrize(("sentence", "measure"), [
    ("The agency said 40 people were killed and many more injured in Kharkiv in 2022.", None),
    ("The agency said 120 people were injured in Kharkiv in 2022.", "people-injured"),
    ("The agency said €2 million was spent on the injured in Kharkiv in 2022.", None),  # no dollars
    ("The agency said $3 million was spent on the injured in Kharkiv in 2022.", "aid-to-the-injured"),
])
def test_a_measure_fits_what_happened_and_the_money_it_counts(sentence: str, measure: str | None) -> None:
    """A count of the killed is no count of the injured, though both are of people; an amount in
    euros is no amount of a measure given in dollars, nor a count of people an amount of money."""
    from figuregraph.extract import extract_text
    from figuregraph.extract.lexicon import Lexicon, MeasureEntry

    lexicon = Lexicon(measures=[
        MeasureEntry("people-injured", "people injured", "People injured in attacks.", "person", "persons"),
        MeasureEntry("aid-to-the-injured", "money spent on the injured",
                     "Money spent on care for people injured in attacks, in US dollars.", "usd", "US dollars")])
    (f,) = extract_text(sentence, None, lexicon).figures
    assert f.measure == measure


def test_a_part_and_its_total_that_name_no_measure_share_one(graph: Path, tmp_path: Path) -> None:
    """"940 ..., of whom 490": each had a measure of its own, the part-of shape failed, and ingest
    refused the document."""
    document = tmp_path / "parts.txt"
    document.write_text("The agency registered 940 in Russia in 2024, of whom 490 were women.\n", encoding="utf-8")
    result = ingest(graph, document, "--title", "Parts", "--publisher", "euaa", "--date", "2025-01-10", "--id", "parts")
    assert result.exit_code == 0, result.output
    total, part = yaml.safe_load((graph / "sources" / "parts.yaml").read_text(encoding="utf-8"))["figures"]
    assert part["part-of"] == total["id"] and part["measure"] == total["measure"] == f"{total['id']}-measure"


@pytest.mark.parametrize(("definition", "matched"), [
    ('Proposed by ingest from "nearly 700 demonstration events"; write the definition.', False),
    ("Demonstrations recorded by the monitor, one event per day and place.", True),
])
def test_a_number_that_counts_no_words_fits_no_proposal(definition: str, matched: bool) -> None:
    """A proposed measure is another text's counted words, not yet reviewed: a number whose own words
    name nothing counted ("700 were recorded") is not shown to count them; a reviewed measure may
    still be read from its sentence."""
    from figuregraph.extract import extract_text
    from figuregraph.extract.lexicon import Lexicon, MeasureEntry

    lexicon = Lexicon(measures=[MeasureEntry("demonstration-events", "demonstration events", definition, "events",
                                             "events")])
    (f,) = extract_text("The monitor said 700 were recorded as demonstration events in 2023.", None, lexicon).figures
    assert (f.measure == "demonstration-events") is matched
