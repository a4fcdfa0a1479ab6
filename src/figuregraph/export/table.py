"""The figures table for spreadsheet users: one CSV row per figure with its sources.

The rows are the library query ``figure-table``; IRIs become record ids. A cell that a
spreadsheet would read as a formula is made text (``files.cells``)."""

from __future__ import annotations

import csv
import io

from ..files.cells import safe_cell
from ..rdf.literals import display
from ..store.library import bundled
from ..store.base import Store

QUERY = "figure-table"
LISTS = ("backingSources", "primarySources")
SEPARATOR = " | "  # as in the query's GROUP_CONCAT


def figure_rows(store: Store) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The table's header and rows, as plain text (not yet neutralised)."""
    query = bundled().get(QUERY)
    result = store.query(query.text)
    lists = {result.variables.index(name) for name in LISTS}
    rows = [tuple(_sorted_list(display(t)) if i in lists else display(t) for i, t in enumerate(row))
            for row in result.rows]
    return result.variables, rows


def _sorted_list(cell: str) -> str:
    """GROUP_CONCAT's order is the engine's; the file's must not be."""
    return SEPARATOR.join(sorted(cell.split(SEPARATOR))) if cell else cell


def to_csv(store: Store) -> bytes:
    """UTF-8 CSV with a header row; CRLF line ends as RFC 4180 asks."""
    header, rows = figure_rows(store)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(tuple(safe_cell(c) for c in row) for row in rows)
    return buffer.getvalue().encode("utf-8")
