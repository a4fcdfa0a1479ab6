"""Rendering results: rich tables (stdout), CSV or JSON. Logs go to stderr.

JSON is plain data: objects and arrays, numbers as JSON numbers (integers exactly; other
decimals as the nearest double, exact up to 15 significant digits), dates as ISO text, IRIs and
other literals as text, absent values as null. Every JSON form has a schema in ``schemas/``."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from collections.abc import Callable, Mapping, Sequence

from rich.console import Console

if TYPE_CHECKING:
    from rich.table import Table

    from .tables import Choice, Layout


T = TypeVar("T")
STDOUT = "-"  # ``-o -``: standard output


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


stderr = Console(stderr=True, soft_wrap=True)


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one: "1 figure", "3 figures", "0 rows"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def warn_unless_loopback(host: str) -> None:
    """A warning on stderr when a server is to listen on more than this machine."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(f"warning: listening on {host}, not only on this machine", highlight=False)


def stdout_console(piped_width: int = 100_000) -> Console:
    """A console for stdout: ``COLUMNS`` or the terminal's width, else ``piped_width`` (ids stay whole)."""
    from .tables import terminal_width

    return Console(width=terminal_width() or piped_width)


def is_stdout(output: Path | None) -> bool:
    """``-o -``: the output is standard output, never a file named ``-``."""
    return output is not None and str(output) == STDOUT


def destination(output: Path) -> str:
    """Where ``write_out`` wrote, for a message: the file, or standard output for ``-o -``."""
    return "standard output" if is_stdout(output) else str(output)


def refuse_stdout(output: Path | None, why: str) -> None:
    """A UsageError (exit 2) for ``-o -`` where standard output cannot take the output (``why``)."""
    from ..errors import UsageError

    if is_stdout(output):
        raise UsageError(f"-o - cannot be used here: {why}")


def write_out(output: Path, suffix: str, write: Callable[[Path], T]) -> T:
    """``write(output)``; for ``-o -``, written aside (writers write files, atomically beside their
    target) and copied to standard output whole."""
    if not is_stdout(output):
        return write(output)
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="figuregraph-out-") as folder:
        written = Path(folder) / f"out{suffix}"
        result = write(written)
        with written.open("rb") as data:
            shutil.copyfileobj(data, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return result


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


def _csv_cell(value: Any) -> Any:
    """A boolean as SPARQL's CSV results and the tables write it (``true``), not Python's ``True``."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def fitted_table(columns: Sequence[str], texts: Sequence[Sequence[str]], fitted: Layout,
                 title: str | None = None) -> Table:
    """A rich table of display strings laid out by ``tables.layout``: each cell wrapped here, between
    words, numbers in groups and ids whole where they fit (rich would break them anywhere), then
    clipped to its lines unless every line is asked for."""
    from rich.table import Table
    from rich.text import Text

    from .tables import ELLIPSIS, clip, clip_heading, wrap

    table = Table(title=title, show_lines=False, expand=False)
    for i, size in zip(fitted.shown, fitted.widths):
        header = columns[i] if size is None else clip_heading(columns[i], size)
        if size is not None and not fitted.clip and header.endswith(ELLIPSIS):  # every line is asked for
            header = "\n".join(wrap(columns[i], size))
        table.add_column(Text(header), overflow="fold", width=size, no_wrap=size is not None)
    lines = fitted.lines or tuple(0 for _ in fitted.shown)

    def cell(text: str, size: int | None, most: int) -> Text:  # Text: a cell is never read as markup
        if size is None:
            return Text(text)
        return Text(clip(text, size, most) if fitted.clip else "\n".join(wrap(text, size)))

    for row in texts:
        table.add_row(*(cell(row[i], size, most) for i, size, most in zip(fitted.shown, fitted.widths, lines)))
    return table


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format, title: str | None = None,
           choice: Choice | None = None) -> None:
    """Print rows in the chosen format on stdout; as JSON, an array of objects keyed by column. A table
    fits the terminal (``tables``): the columns ``choice`` asks for, each cell in at most two lines."""
    from ..rdf.literals import display, plain

    if fmt is Format.json:
        keys = [json_key(c) for c in columns]
        write_json([{k: jsonable(v) for k, v in zip(keys, row)} for row in rows])
    elif fmt is Format.csv:
        from ..files.cells import safe_cell

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            cells = ("" if v is None else plain(v) for v in row)
            writer.writerow([safe_cell(c) if isinstance(c, str) else _csv_cell(c) for c in cells])
        sys.stdout.write(buffer.getvalue())
    else:
        from .tables import Choice, layout, terminal_width

        from ..defaults import TABLE_ROWS

        texts = [[display(v) for v in row] for row in rows[:TABLE_ROWS]]  # record ids instead of IRIs
        fitted = layout(columns, texts, choice or Choice(), terminal_width())
        table = fitted_table(columns, texts, fitted, title)
        stdout_console().print(table)
        if len(rows) > TABLE_ROWS:
            stderr.print(f"the first {TABLE_ROWS} rows of {len(rows)} are shown (--format csv or json for all)",
                         highlight=False)
        if fitted.hidden:
            hint = "--wide or --columns a,b,c" if choice is not None else "--format csv or json"
            stderr.print(f"columns not shown: {', '.join(fitted.hidden)} ({hint} to show them)", highlight=False)

