"""Rendering results: rich tables (stdout), CSV or JSON. Logs go to stderr.

JSON is plain data: objects and arrays, numbers as JSON numbers (integers exactly; other
decimals as the nearest double, exact up to 15 significant digits), dates as ISO text, IRIs and
other literals as text, absent values as null. Every JSON form has a schema in ``schemas/``."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import sys
from enum import Enum
from typing import Any
from collections.abc import Callable, Iterator, Mapping, Sequence

from rich.console import Console


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


stderr = Console(stderr=True, soft_wrap=True)


def stdout_console(piped_width: int = 100_000) -> Console:
    """A console for tables: the terminal's width, or ``piped_width`` when piped (ids stay whole)."""
    return Console(width=None if sys.stdout.isatty() else piped_width)


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: a dataclass as an object of its fields, lists, tuples and sets
    as arrays (sets sorted), mappings with text keys, and each scalar as ``plain`` gives it."""
    from ..rdf.literals import plain

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(jsonable(v) for v in value)
    return plain(value)


def write_json(data: Any) -> None:
    """Write JSON-ready data on stdout: UTF-8 as is, indented, one trailing newline."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def json_key(column: str) -> str:
    """A column heading as a JSON key: ``media type`` -> ``media_type``."""
    return column.replace(" ", "_")


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format, title: str | None = None) -> None:
    """Print rows in the chosen format on stdout; as JSON, an array of objects keyed by column."""
    from ..rdf.literals import display, plain

    if fmt is Format.json:
        keys = [json_key(c) for c in columns]
        write_json([{k: jsonable(v) for k, v in zip(keys, row)} for row in rows])
    elif fmt is Format.csv:
        from ..export.table import safe_cell

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            cells = ("" if v is None else plain(v) for v in row)
            writer.writerow([safe_cell(c) if isinstance(c, str) else c for c in cells])
        sys.stdout.write(buffer.getvalue())
    else:
        from rich.table import Table

        table = Table(title=title, show_lines=False, expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(display(v) for v in row))  # record ids instead of IRIs
        stdout_console().print(table)


@contextlib.contextmanager
def progress_bar(total: int, description: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr while the block runs, when stderr is a terminal; yields ``advance``."""
    if not stderr.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)
