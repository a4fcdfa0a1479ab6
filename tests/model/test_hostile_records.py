"""Issue 15, item 11: record files a careless or hostile editor wrote. A NUL byte is reported by line;
bidirectional controls in labels give a warning naming the file and record and are shown escaped
in the pages and the CSV; a ``url`` with quotes, ``<``, ``>``, spaces or control characters is
refused with the record's location; a rebuilt store folder gets the usual mode, not 0700."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..conftest import MINI

import figuregraph as fg
from figuregraph.cli import app
from figuregraph.errors import InputWarning
from figuregraph.store import write_store

runner = CliRunner()
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Agency report \u202e5202" reads "Agency report 2025" on screen



@pytest.fixture()
def graph(tmp_path: Path) -> Path:
    target = tmp_path / "graph"
    shutil.copytree(MINI, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in a record file; returns the line it is on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_nul_byte_is_reported_by_line(graph: Path) -> None:
    path = graph / "sources" / "agency-report.yaml"
    line = _edit(path, "title: Recruitment in District X", "title: Recruitment in\x00 District X")
    with pytest.raises(fg.InputError, match=f"{path}:{line}: the character U\\+0000 is not allowed"):
        fg.build(graph)
    result = runner.invoke(app, ["build", "-g", str(graph), "-o", str(graph.parent / "x.ttl")])
    assert result.exit_code == 2 and f"{path.name}:{line}" in result.output
    assert not (graph.parent / "x.ttl").exists()


def test_bidi_controls_in_a_label_warn_and_are_shown_escaped(graph: Path, tmp_path: Path) -> None:
    path = graph / "sources" / "agency-report.yaml"
    line = _edit(path, "label: Agency report 2025", f"label: Agency report {RLO}5202")
    with pytest.warns(InputWarning, match=f"{path}:{line}, record 'agency-report': 'label' holds the bidirectional "
                                          "control character U\\+202E"):
        fg.build(graph)
    page, table = tmp_path / "page.html", tmp_path / "figures.csv"
    shown = runner.invoke(app, ["show", "-g", str(graph), "-o", str(page)])
    assert shown.exit_code == 0, shown.output
    assert f"warning: {path}:{line}, record 'agency-report'" in " ".join(shown.output.split())
    html = page.read_text(encoding="utf-8")
    assert RLO not in html and "Agency report [U+202E]5202" in html
    assert runner.invoke(app, ["export", "-g", str(graph), "--format", "csv", "-o", str(table)]).exit_code == 0
    cells = [cell for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8"))) for cell in row]
    assert "Agency report [U+202E]5202" in cells and not any(RLO in cell for cell in cells)
    turtle = tmp_path / "data.ttl"  # the data itself keeps the label as written
    assert runner.invoke(app, ["export", "-g", str(graph), "-o", str(turtle)]).exit_code == 0
    assert f"Agency report {RLO}5202" in turtle.read_text(encoding="utf-8")


def test_a_graph_without_bidi_controls_builds_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        fg.build(MINI)


@pytest.mark.parametrize("url, named", [
    ('https://example.org/a"onmouseover="x', "holds '\"' at character 22"),
    ("https://example.org/<script>", "holds '<' at character 21"),
    ("https://example.org/a>b", "holds '>' at character 22"),
    ("https://example.org/a report", "holds a space at character 22"),
    ("https://example.org/a\x01b", "holds the character U+0001 at character 22"),
    (f"https://example.org/a{RLO}b", "holds the character U+202E at character 22"),
    ("https://example.org/%zz", "is not a valid URL"),
    ("ftp://example.org/report", "must be an http(s) URL"),
])
def test_a_url_that_is_no_iri_is_refused_with_the_records_location(graph: Path, url: str, named: str) -> None:
    path = graph / "sources" / "agency-report.yaml"
    line = _edit(path, "url: https://example.org/report", f"url: {json.dumps(url)}")  # YAML reads JSON's escapes
    with pytest.raises(fg.InputError) as raised:
        fg.build(graph)
    assert str(raised.value).startswith(f"{path}:{line}, record 'agency-report': 'url' ")
    assert named in str(raised.value)


def test_a_rebuilt_store_folder_gets_the_usual_mode(seed_store: fg.Store, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = tmp_path / "store"
        for _ in range(2):  # built, then rebuilt over the first
            write_store(path, lambda target: target.load_quads(seed_store.quads()))
            assert path.stat().st_mode & 0o777 == 0o755
    finally:
        os.umask(umask)
