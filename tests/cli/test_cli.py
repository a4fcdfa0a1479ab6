"""The command line as a user meets it: help, listing, output formats, exit codes, colour."""

from __future__ import annotations

import csv
import inspect
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figuregraph.cli import app
from figuregraph.cli.output import counted

from ..conftest import GRAPH_DIR, REPO
from ..expected import FIGURES

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
SCRIPT = Path(sys.executable).parent / "figuregraph"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and "--help" in result.output


def test_the_commands_the_issues_name_exist() -> None:
    assert {"build", "validate", "query", "export", "load", "push", "serve", "synth"} <= set(COMMANDS)


def test_query_list_shows_summaries_and_parameters() -> None:
    result = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert result.exit_code == 0
    rows = {r["query"]: r for r in json.loads(result.stdout)}
    assert "figure-sources" in rows and "checks/unsourced-claims" in rows
    assert rows["figures-about"]["params"][0]["name"] == "subject"
    assert rows["figures-about"]["params"][0]["kinds"] == ["actor", "place"]
    assert all(r["summary"] for r in rows.values())


def test_query_list_shows_internal_queries_only_when_asked() -> None:
    listed = {r["query"] for r in json.loads(runner.invoke(app, ["query", "--list", "--format", "json"]).stdout)}
    every = runner.invoke(app, ["query", "--list", "--all", "--format", "json"])
    assert every.exit_code == 0
    internal = {r["query"] for r in json.loads(every.stdout)} - listed
    assert internal and all(name.startswith("internal/") for name in internal)
    assert not any(name.startswith("internal/") for name in listed)


def test_headline_as_csv_and_json() -> None:
    as_csv = runner.invoke(app, ["query", "figure-sources", "--format", "csv", "--graph", str(GRAPH_DIR)])
    as_json = runner.invoke(app, ["query", "figure-sources", "--format", "json", "--graph", str(GRAPH_DIR)])
    assert as_csv.exit_code == 0 and as_json.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    data = json.loads(as_json.stdout)
    assert len(rows) == len(data) > 0
    south = FIGURES["desertion-awol-cases-southern-md-2024-12"]
    southern = [r for r in data if r["figure"].endswith("/desertion-awol-cases-southern-md-2024-12")]
    assert sorted(r["number"] for r in southern) == sorted(south[10])
    assert all(r["value"] == south[1] for r in southern)


@pytest.mark.parametrize("args, code, message", [
    (["query", "no-such-query"], 2, "known queries: actor-roles"),
    (["query", "figures-about"], 2, "needs --param subject"),
    (["query", "figures-about", "-p", "subject"], 2, "--param takes NAME=VALUE"),
    (["query"], 2, "name a query, or use --list"),
    (["query", "figure-sources", "--format", "xml"], 2, "xml"),
    (["build", "--graph", "/nonexistent"], 2, "graph directory not found"),
])
def test_usage_errors(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_a_parameter_that_is_not_an_iri_is_a_usage_error(tmp_path: Path, backend: str) -> None:
    """Regression (issue 15, item 10): `--param 'subject=urn:x>'` ended in `ValueError: Invalid IRI
    code point`; it is a message naming the parameter, exit 2, on every backend."""
    data = tmp_path / "one.ttl"
    data.write_text("<urn:x:s> <urn:x:p> <urn:x:o> .\n")
    for value, bad in (("urn:x>", "'>'"), ("https://e/a b", "' '"), ('http://e/"x', "'\"'")):
        run = subprocess.run([str(SCRIPT), "query", "figures-about", "--param", f"subject={value}", "--data",
                              str(data), "--backend", backend], capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        assert f"parameter 'subject': '{value}' is not a valid IRI" in run.stderr and bad in run.stderr, run.stderr
        assert "Traceback" not in run.stderr


def test_installed_script_runs_and_respects_no_color(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "1", "COLUMNS": "200"}
    run = subprocess.run([str(SCRIPT), "query", "figures-about", "-p", "subject=central-military-district"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "left-units-central-md-2024-11-2025-07" in run.stdout
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", run.stdout + run.stderr), "colour codes despite NO_COLOR"
    assert "2 rows" in run.stderr


def test_validate_conforming_seed() -> None:
    result = runner.invoke(app, ["validate", "--graph", str(GRAPH_DIR)])
    assert result.exit_code == 0
    assert "conforms" in result.output


@pytest.mark.parametrize(("host", "beyond"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                              ("0.0.0.0", True), ("192.168.1.5", True)])
def test_serve_and_explore_warn_when_they_listen_beyond_this_machine(host: str, beyond: bool,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from figuregraph.cli.output import warn_unless_loopback

    warn_unless_loopback(host)
    assert ("not only on this machine" in capsys.readouterr().err) is beyond


def test_python_dash_m_is_the_command(tmp_path: Path) -> None:
    """`python -m figuregraph` (a venv whose bin/ is not on PATH) runs the command, exit codes included."""
    version = subprocess.run([sys.executable, "-m", "figuregraph", "--version"], capture_output=True, text=True,
                             timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("figuregraph ")
    missing = subprocess.run([sys.executable, "-m", "figuregraph", "extract", str(tmp_path / "gone.txt")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and f"no such file: {tmp_path / 'gone.txt'}" in missing.stderr
    assert "Usage: figuregraph extract" in subprocess.run(
        [sys.executable, "-m", "figuregraph", "extract", "--help"], capture_output=True, text=True, timeout=60).stdout


def test_counts_on_stderr_are_singular_for_one(tmp_path: Path) -> None:
    """A one-figure text says "1 figure" (and "0 citations"): counts are singular for one only."""
    text = tmp_path / "one.txt"
    text.write_text("In September, the agency recorded 4,200 arrivals on the islands.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(text), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "1 figure, 0 citations (text)" in result.stderr
    assert [counted(n, "row") for n in (0, 1, 2)] == ["0 rows", "1 row", "2 rows"]


def test_a_query_of_ones_own_runs_from_a_file_and_from_standard_input(tmp_path: Path) -> None:
    """A new user's own SPARQL needs no '#+' header: `query FILE.rq` and `query -` run it with the
    library's prefixes, as the named queries are run."""
    own = "SELECT ?figure ?value WHERE { ?figure a fg:Figure ; fg:value ?value } ORDER BY ?figure\n"
    path = tmp_path / "mine.rq"
    path.write_text(own, encoding="utf-8")
    from_file = subprocess.run([str(SCRIPT), "query", str(path), "--graph", str(GRAPH_DIR), "-f", "json"],
                               capture_output=True, text=True, timeout=120)
    from_stdin = subprocess.run([str(SCRIPT), "query", "-", "--graph", str(GRAPH_DIR), "-f", "json"], input=own,
                                capture_output=True, text=True, timeout=120)
    for run in (from_file, from_stdin):
        assert run.returncode == 0, run.stderr
        rows = json.loads(run.stdout)
        assert {r["figure"].rsplit("/", 1)[1]: r["value"] for r in rows} == {k: v[1] for k, v in FIGURES.items()}


@pytest.mark.parametrize("text, code, message", [
    (None, 2, "absent.rq: no such query file"),
    ("   \n", 2, "the query is empty"),
    ("CONSTRUCT { ?f a fg:Figure } WHERE { ?f a fg:Figure }", 2, "ask figuregraph serve's endpoint"),
])
def test_a_query_file_that_cannot_run_says_why(tmp_path: Path, text: str | None, code: int, message: str) -> None:
    path = tmp_path / "absent.rq"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), "--graph", str(GRAPH_DIR)])
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["turtle", "csv"])
def test_export_to_standard_output(tmp_path: Path, fmt: str) -> None:
    """`export -o -` writes to standard output the bytes `-o FILE` writes, and leaves no file named '-'."""
    to_file = subprocess.run([str(SCRIPT), "export", "--format", fmt, "-o", "out", "--graph", str(GRAPH_DIR)],
                             cwd=tmp_path, capture_output=True, timeout=120)
    to_stdout = subprocess.run([str(SCRIPT), "export", "--format", fmt, "-o", "-", "--graph", str(GRAPH_DIR)],
                               cwd=tmp_path, capture_output=True, timeout=120)
    assert to_file.returncode == 0 and to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == (tmp_path / "out").read_bytes() and len(to_stdout.stdout) > 1000
    assert not (tmp_path / "-").exists()
    assert b"to standard output" in to_stdout.stderr


def test_csv_booleans_are_written_as_sparql_writes_them() -> None:
    """`figure-sources`' `primary` column and an ASK's answer: `true`/`false` in CSV as in the table and
    in SPARQL's CSV results (Python's `True` before)."""
    headline = runner.invoke(app, ["query", "figure-sources", "--format", "csv", "--graph", str(GRAPH_DIR)])
    primary = {r["primary"] for r in csv.DictReader(io.StringIO(headline.stdout))}
    asked = runner.invoke(app, ["query", "-", "--format", "csv", "--graph", str(GRAPH_DIR)],
                          input="ASK { ?figure a fg:Figure }")
    assert headline.exit_code == 0 and asked.exit_code == 0, asked.output
    assert primary == {"true", "false"}
    assert asked.stdout.splitlines() == ["ask", "true"]


def test_diff_of_equal_datasets_says_no_changes_without_an_empty_table(tmp_path: Path) -> None:
    """The same data as Turtle and as TriG: exit 0, "no changes" on stderr, no table of nothing; CSV
    keeps its header for scripts."""
    turtle, trig = tmp_path / "a.ttl", tmp_path / "a.trig"
    for path, fmt in ((turtle, "turtle"), (trig, "trig")):
        assert runner.invoke(app, ["export", "--format", fmt, "-o", str(path), "-g", str(GRAPH_DIR)]).exit_code == 0
    table = runner.invoke(app, ["diff", str(turtle), str(trig)])
    as_csv = runner.invoke(app, ["diff", str(turtle), str(trig), "--format", "csv"])
    assert table.exit_code == 0 and as_csv.exit_code == 0, table.output
    assert table.stdout == "" and "no changes" in table.stderr
    assert as_csv.stdout.splitlines() == ["kind,id,change,field,old,new"]


@pytest.mark.parametrize("command, magic", [(["show"], b"<!DOCTYPE html>"),
                                            (["chart", "--measure", "desertion-awol-criminal-cases"], b"\x89PNG")])
def test_pages_and_charts_go_to_standard_output(tmp_path: Path, command: list[str], magic: bytes) -> None:
    """`show -o -` and `chart -o -` write the page or the PNG on standard output, no file named '-'."""
    done = subprocess.run([str(SCRIPT), *command, "-o", "-", "--graph", str(GRAPH_DIR)], cwd=tmp_path,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.lstrip().upper().startswith(magic.upper()) and len(done.stdout) > 1000
    assert b"standard output" in done.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", [["build", "-g", str(GRAPH_DIR)], ["audit", "-g", str(GRAPH_DIR)],
                                     ["release", "-g", str(GRAPH_DIR)], ["synth", "-n", "3"]])
def test_output_to_standard_output_is_refused_where_it_cannot_go(tmp_path: Path, command: list[str]) -> None:
    """Commands whose output is a folder, or that print on stdout already, refuse `-o -` (exit 2)."""
    done = subprocess.run([str(SCRIPT), *command, "-o", "-"], cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert b"-o - cannot be used here" in done.stderr and b"Traceback" not in done.stderr
    assert not (tmp_path / "-").exists()


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(line.strip() for line in p.splitlines()) for p in inspect.cleandoc(doc).split("\n\n")]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_reflows_the_docstrings_paragraphs(command: str) -> None:
    """On a terminal wide enough, each paragraph of a command's docstring is one line of its --help and
    its first one line of the command list: the docstring's own line breaks do not break sentences."""
    callback = next(c.callback for c in app.registered_commands if (c.name or c.callback.__name__) == command)  # type: ignore[union-attr]
    paragraphs = _paragraphs(callback.__doc__ or "")
    own = runner.invoke(app, [command, "--help"], env={"COLUMNS": "1000"})
    listed = runner.invoke(app, ["--help"], env={"COLUMNS": "1000"})
    assert own.exit_code == 0 and listed.exit_code == 0
    lines = own.stdout.splitlines()
    assert all(any(p in line for line in lines) for p in paragraphs), own.stdout
    assert any(paragraphs[0] in line for line in listed.stdout.splitlines())


def test_square_brackets_in_help_are_text_not_markup() -> None:
    """An option's help keeps what it says in brackets (rich markup swallowed it before)."""
    explore = runner.invoke(app, ["explore", "--help"], env={"COLUMNS": "1000"})
    validate = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "1000"})
    assert "[default: the graph folder's texts/, where ingest keeps them]" in explore.stdout
    assert "text[at:at+len(quote)] == quote" in validate.stdout
