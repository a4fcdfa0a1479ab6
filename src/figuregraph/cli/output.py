"""Rendering result rows: rich tables (stdout), CSV or JSON. Logs go to stderr."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import Any, Sequence

from rich.console import Console
from rich.table import Table

from ..export.table import safe_cell
from ..rdf.literals import display, plain


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


stderr = Console(stderr=True, soft_wrap=True)


def _stdout() -> Console:
    """A console for tables: the terminal's width, or unlimited when piped (ids stay whole)."""
    return Console(width=None if sys.stdout.isatty() else 100_000)


def _short(value: Any) -> str:
    """A table cell: record ids instead of IRIs."""
    return display(value)


def _csv_cell(value: Any) -> Any:
    return safe_cell(value) if isinstance(value, str) else value


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format, title: str | None = None) -> None:
    """Print rows in the chosen format on stdout."""
    if fmt is Format.json:
        data = [{c: plain(v) for c, v in zip(columns, row)} for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else _csv_cell(plain(v)) for v in row])
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False, expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_short(v) for v in row))
        _stdout().print(table)
