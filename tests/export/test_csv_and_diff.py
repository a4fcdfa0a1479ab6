"""Issue 7: the figures CSV for spreadsheet users and the researcher's diff between datasets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.files.cells import safe_cell

from ..conftest import GRAPH_DIR
from ..expected import FIGURES

runner = CliRunner()
COLUMNS = ["figure", "wording", "value", "lower", "upper", "qualifier", "measure", "unit", "subject",
           "periodStart", "periodEnd", "period", "reportedBy", "statedIn", "partOf", "backingSources",
           "primarySources"]
HOSTILE = "=HYPERLINK(\"http://attacker.example\",\"click\")"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_has_one_row_per_figure_with_its_sources(seed: BuiltGraph, tmp_path: Path) -> None:
    target = tmp_path / "figures.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "-o", str(target), "-g", str(GRAPH_DIR)]).exit_code == 0
    rows = _rows(target)
    assert list(rows[0]) == COLUMNS
    figures = {str(f.id) for d in seed.index.documents for f in d.figures}
    assert [r["figure"] for r in rows] == sorted(figures)
    march = next(r for r in rows if r["figure"] == "convictions-desertion-2024-03")
    _, value, lower, upper, qualifier, *_ = FIGURES["convictions-desertion-2024-03"]
    assert (march["value"], march["lower"], march["upper"], march["qualifier"]) == (
        str(value), str(lower), str(upper), qualifier.fragment)
    assert march["reportedBy"] == "Ministry of Defence (United Kingdom)"
    assert march["backingSources"].startswith("UK Defence Intelligence update")
    assert march["primarySources"].startswith("Mediazona")
    south = next(r for r in rows if r["figure"] == "desertion-awol-cases-southern-md-2024-12")
    wording, _, lower, upper, *_ = FIGURES["desertion-awol-cases-southern-md-2024-12"]
    assert (south["wording"], south["lower"], south["upper"]) == (wording, str(lower), str(upper))
    assert south["partOf"] == "desertion-awol-cases-total-2024-12"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["684", "-5", "22 580", "nearly 22 580", "", "a=b"])
def test_ordinary_cells_stay_as_they_are(cell: str) -> None:
    assert safe_cell(cell) == cell


def test_a_hostile_label_is_neutralised_in_the_exported_csv(graph_copy: Path, tmp_path: Path) -> None:
    _edit(graph_copy / "vocab" / "actors.yaml", "label: Ministry of Defence (United Kingdom)\n",
          f"label: '{HOSTILE}'\n")
    target = tmp_path / "figures.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(target), "-g", str(graph_copy)])
    assert result.exit_code == 0, result.output
    rows = _rows(target)
    assert list(rows[0]) == COLUMNS
    reporters = {r["reportedBy"] for r in rows if r["figure"].startswith("convictions-desertion")}
    assert reporters == {"'" + HOSTILE}
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())


def test_query_csv_on_stdout_is_neutralised_too(graph_copy: Path) -> None:
    actors = graph_copy / "vocab" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("label: Mediazona\n", f"label: '{HOSTILE}'\n"), encoding="utf-8")
    result = runner.invoke(app, ["query", "actor-roles", "-f", "csv", "-g", str(graph_copy)])
    assert result.exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
    assert "'" + HOSTILE in cells and HOSTILE not in cells


# ------------------------------------------------------------------------------ diff

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _dataset(graph: Path, target: Path) -> Path:
    fg.build_and_export(graph, target, shacl=False)
    return target


@pytest.fixture()
def changed_pair(graph_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed, and the seed with one changed value, one added source and one removed figure."""
    old = _dataset(GRAPH_DIR, tmp_path / "old.ttl")
    article = graph_copy / "sources" / "wp-2024-record-desertions.yaml"
    _edit(article, "    value: 684\n", "    value: 690\n")
    _edit(article, "    text: \"The British Ministry of Defence, referencing data from ... Mediazona\"\n",
          "    text: \"The British Ministry of Defence, referencing data from ... Mediazona\"\n"
          "  - id: mediazona-direct\n    cites: mediazona-military-court-desertion-data\n"
          "    text: Mediazona's count, cited directly\n")
    _edit(article, "    period: {phrase: Since the September 2022 partial mobilization, "
          "start: 2022-09-21, end: 2024-03-31}\n"
          "    reported-by: [uk-ministry-of-defence]\n    citations: [uk-mod-update]\n",
          "    period: {phrase: Since the September 2022 partial mobilization, start: 2022-09-21, end: 2024-03-31}\n"
          "    reported-by: [uk-ministry-of-defence]\n    citations: [uk-mod-update, mediazona-direct]\n")
    text = article.read_text(encoding="utf-8")
    start = text.index("  - id: convictions-desertion-moscow-region-since-mobilisation")
    end = text.index("    citations: [uk-mod-update]\n", start) + len("    citations: [uk-mod-update]\n")
    article.write_text(text[:start] + text[end:], encoding="utf-8")
    return old, _dataset(graph_copy, tmp_path / "new.ttl")


def test_diff_reports_exactly_the_three_changes(changed_pair: tuple[Path, Path]) -> None:
    old, new = changed_pair
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert result.exit_code == 1, result.output
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["id"], c["change"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("figure", "convictions-desertion-2024-03", "changed", "value", "684 [684..684]", "690 [690..690]"),
        ("figure", "convictions-desertion-moscow-region-since-mobilisation", "removed", "", "496", ""),
        ("figure", "convictions-desertion-since-mobilisation", "source added", "source", "",
         "mediazona-military-court-desertion-data"),
    ]


def test_diff_of_a_dataset_with_itself_in_another_format_is_empty(changed_pair: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    old, _ = changed_pair
    trig = tmp_path / "old.trig"
    assert runner.invoke(app, ["export", "--format", "trig", "-o", str(trig), "-g", str(GRAPH_DIR)]).exit_code == 0
    result = runner.invoke(app, ["diff", str(old), str(trig)])
    assert result.exit_code == 0 and "no changes" in result.output


def test_diff_names_a_renamed_actor_and_an_added_source(graph_copy: Path, tmp_path: Path) -> None:
    old = _dataset(GRAPH_DIR, tmp_path / "old.ttl")
    _edit(graph_copy / "vocab" / "actors.yaml", "label: Mediazona\n", "label: Mediazona (Media Zone)\n")
    (graph_copy / "sources" / "extra.yaml").write_text(
        "source:\n  id: extra-web-page\n  kind: web-page\n  label: An extra page\n", encoding="utf-8")
    changes = fg.diff(fg.load_store(old), fg.load_store(_dataset(graph_copy, tmp_path / "new.ttl")))
    assert [c.row() for c in changes] == [
        ("source", "extra-web-page", "added", "", "", "An extra page"),
        ("actor", "mediazona", "renamed", "name", "Mediazona", "Mediazona (Media Zone)"),
    ]


@pytest.mark.parametrize("bad", ["missing.ttl", "broken.ttl"])
def test_diff_of_bad_input_exits_2_naming_the_file(tmp_path: Path, bad: str) -> None:
    good = _dataset(GRAPH_DIR, tmp_path / "good.ttl")
    if bad == "broken.ttl":
        (tmp_path / bad).write_text("<a> <b> \n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(good), str(tmp_path / bad)])
    assert result.exit_code == 2
    assert bad in result.output
