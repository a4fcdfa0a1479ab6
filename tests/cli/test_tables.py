"""Issue 21: terminal tables fit the terminal. At 80 and 160 columns (``COLUMNS``) no cell of a
query's table takes more than two lines and no line is wider than the terminal; ``--wide`` and
``--columns`` show more or other columns; piped output (no terminal, no ``COLUMNS``) has every
column and whole cells."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from figuregraph.cli import app
from figuregraph.cli.tables import MIN_WIDTH, _share, clip
from figuregraph.store.base import Store
from figuregraph.store.library import QueryLibrary

from ..conftest import GRAPH_DIR

runner = CliRunner()
SOUTH = "desertion-awol-cases-southern-md-2024-12"
TABLES = {
    "figure-sources": ["query", "figure-sources"],
    "figure-table": ["query", "figure-table"],
    "figures-about": ["query", "figures-about", "-p", "subject=central-military-district"],
    "citation-chain": ["query", "citation-chain", "-p", f"figure={SOUTH}"],
    "comparable-figures": ["query", "comparable-figures"],
    "breakdown": ["query", "breakdown"],
    "totals": ["query", "totals"],
    "actor-roles": ["query", "actor-roles"],
    "list": ["query", "--list"],
}


def printed(monkeypatch: pytest.MonkeyPatch, args: list[str], columns: int | None) -> tuple[list[Table], str]:
    """The tables a command prints, and its stdout."""
    tables: list[Table] = []
    original = Console.print

    def keep(self: Console, *objects: Any, **kwargs: Any) -> None:
        tables.extend(o for o in objects if isinstance(o, Table))
        original(self, *objects, **kwargs)

    monkeypatch.setattr(Console, "print", keep)
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    result = runner.invoke(app, [*args, "--graph", str(GRAPH_DIR)] if args[1] != "--list" else args, env=env)
    assert result.exit_code == 0, result.output
    return tables, result.stdout


def row_heights(table: Table, width: int) -> list[int]:
    """How many lines each row of the table takes at ``width``: drawn again with a rule between rows."""
    table.show_lines = True
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(table)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    body = lines[next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1:
                 next(i for i, line in enumerate(lines) if line.startswith("└"))]
    heights, count = [], 0
    for line in body:
        if line.startswith("├"):
            heights.append(count)
            count = 0
        else:
            count += 1
    return [*heights, count]


@pytest.mark.parametrize("columns", [80, 160])
@pytest.mark.parametrize("name", sorted(TABLES))
def test_no_cell_takes_more_than_two_lines(monkeypatch: pytest.MonkeyPatch, name: str, columns: int) -> None:
    tables, out = printed(monkeypatch, TABLES[name], columns)
    assert len(tables) == 1 and tables[0].row_count > 0
    assert all(len(line) <= columns for line in out.splitlines())
    heights = row_heights(tables[0], columns)
    assert len(heights) == tables[0].row_count and max(heights) <= 2, heights


def test_the_headline_keeps_its_labels_and_leaves_ids_out(monkeypatch: pytest.MonkeyPatch, seed_store: Store,
        library: QueryLibrary) -> None:
    every = list(seed_store.query(library.get("figure-sources").text).variables)
    tables, out = printed(monkeypatch, TABLES["figure-sources"], 160)
    headers = [str(c.header) for c in tables[0].columns]
    assert headers == ["figure", "wording", "number", "sourceLabel", "publisher", "primary"]
    assert "Frontelligence Insight: Desertions and Loss" in out
    wide, _ = printed(monkeypatch, [*TABLES["figure-sources"], "--wide"], 80)
    assert [str(c.header).replace("\n", "") for c in wide[-1].columns] == every and len(every) > len(headers)
    chosen, out = printed(monkeypatch, [*TABLES["figure-sources"], "--columns", "figure,source"], 80)
    assert [str(c.header) for c in chosen[-1].columns] == ["figure", "source"]


def test_a_pipe_gets_every_column_and_whole_cells(monkeypatch: pytest.MonkeyPatch, seed_store: Store,
        library: QueryLibrary) -> None:
    tables, out = printed(monkeypatch, TABLES["figure-sources"], None)
    every = list(seed_store.query(library.get("figure-sources").text).variables)
    assert [str(c.header) for c in tables[0].columns] == every and "\u2026" not in out
    assert "UN Special Rapporteur on the Russian Federation: report of 15 September 2025" in out


def test_widths_give_way_widest_first_and_cells_are_clipped_in_two_lines() -> None:
    assert _share([10, 20, 30], [False] * 3, 100) == [10, 20, 30]
    shared = _share([40, 10, 80], [False] * 3, 60)
    assert sum(shared) <= 60 and min(shared) >= MIN_WIDTH and shared[2] >= shared[0] >= shared[1]
    ids = _share([40, 10, 80], [True, False, False], 90)  # an id keeps its width before text does
    assert ids[0] == 40 and sum(ids) <= 90
    text = "Mediazona: count of desertion convictions in Russian military courts"
    assert clip(text, 20).count("\n") == 1 and clip(text, 20).endswith("\u2026")
    assert clip(text, 80) == text
    assert clip("desertion-awol-cases-southern-md-2024-12", 12, lines=1) == "desertion-a\u2026"


def test_a_table_shows_its_first_rows_and_says_how_many_there_are() -> None:
    """A terminal table of a large answer shows its first TABLE_ROWS rows and says so on stderr (a
    table of 20 000 rows took 24 s to lay out); CSV has every row."""
    from figuregraph.defaults import TABLE_ROWS

    many = "SELECT ?a ?b WHERE { ?a a fg:Figure . ?b a ?kind } ORDER BY ?a ?b ?kind"
    table = runner.invoke(app, ["query", "-", "--graph", str(GRAPH_DIR)], input=many)
    every = runner.invoke(app, ["query", "-", "--graph", str(GRAPH_DIR), "--format", "csv"], input=many)
    assert table.exit_code == 0 and every.exit_code == 0, table.output
    total = len(every.stdout.splitlines()) - 1
    assert total > TABLE_ROWS
    assert sum(line.startswith("│") for line in table.stdout.splitlines()) == TABLE_ROWS
    assert f"the first {TABLE_ROWS} rows of {total} are shown" in table.stderr


def cells_as_printed(table: Table, width: int) -> list[list[list[str]]]:
    """Each row's cells as the lines printed at ``width`` (drawn again with a rule between rows)."""
    table.show_lines = True
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(table)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    rows: list[list[list[str]]] = [[]]
    for line in lines[next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1:-1]:
        if line.startswith("├"):
            rows.append([])
        else:
            rows[-1].append([part.strip() for part in line.strip("│").split("│")])
    return [[[lines[c] for lines in row if lines[c]] for c in range(len(row[0]))] for row in rows]


def no_number_broken(cell: list[str]) -> bool:
    """No line ends inside a number written in groups ("22" / "580")."""
    return not any(re.search(r"(?<![\d.,])\d{1,3}$", a) and re.match(r"\d{3}(?!\d)", b)
                   for a, b in itertools.pairwise(cell))


@pytest.mark.parametrize("columns", [80, 120])
def test_audit_tables_keep_words_and_numbers_whole_and_break_ids_after_hyphens(
        monkeypatch: pytest.MonkeyPatch, seed_store: Store, columns: int) -> None:
    """Every cell of the audit's tables, as printed, is its text broken between words or after a hyphen
    of an id (rich folded ids anywhere: "convicted-deserti" / "on-2024")."""
    from figuregraph.audit import run_audit
    from figuregraph.audit.report import sections

    expected = sections(run_audit(seed_store))
    tables, out = printed(monkeypatch, ["audit", "--format", "table"], columns)
    assert len(tables) == len(expected) and all(len(line) <= columns for line in out.splitlines())
    assert sum(len(s.rows) for s in expected) > 20
    for table, section in ((t, s) for t, s in zip(tables, expected) if s.rows):
        printed_rows = cells_as_printed(table, columns)
        assert len(printed_rows) == len(section.rows)
        for cells, row in zip(printed_rows, section.rows):
            for lines, text in zip(cells, row):
                assert re.sub(r"(?<=-) ", "", " ".join(lines)) == re.sub(r"(?<=-) ", "", " ".join(text.split()))
                assert no_number_broken(lines), lines


@pytest.mark.parametrize("columns", [80, 120])
def test_a_wording_keeps_its_number_whole(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """"nearly 13 800" wraps before the number, never as "nearly 13" / "800"."""
    tables, _ = printed(monkeypatch, TABLES["figure-sources"], columns)
    wording = [str(c.header) for c in tables[0].columns].index("wording")
    cells = [row[wording] for row in cells_as_printed(tables[0], columns)]
    if columns == 80:  # narrow enough that the wording wraps: it wraps before the number
        assert any(len(cell) == 2 and re.fullmatch(r"\d{1,3} \d{3}", cell[1]) for cell in cells)
    assert all(no_number_broken(cell) for cell in cells)
    assert any(re.search(r"\d \d{3}", line) for cell in cells for line in cell)
