"""The query command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import InputError, Location, UsageError
from .app import command
from .options import Columns, FormatOpt, Limits, ReadFrom, group
from .output import Format, counted, jsonable, render, stderr, write_json
from .source import open_source

if TYPE_CHECKING:
    from ..store.library import LibraryQuery


def _parse_params(params: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, not '{item}'")
        if name in parsed:
            raise UsageError(f"--param {name} is given twice")
        parsed[name] = value
    return parsed


def _own_query(name: str) -> LibraryQuery:
    """A query of the user's own: the file NAME, or standard input for '-'."""
    from ..store.library import adhoc_query, read_query_file

    path = Path("<stdin>") if name == "-" else Path(name)
    if name != "-":
        text = read_query_file(path)
    else:
        try:
            text = sys.stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read query file: {exc}", Location(path)) from exc
    if not text.strip():
        raise InputError("the query is empty", Location(path))
    return adhoc_query(text, path)


@command()
@group("table")
@group("limits")
@group("read")
def query(
    name: str | None = typer.Argument(
        None, help="Query name (see --list), or a .rq file of your own, or - to read the query from standard input."),
    param: list[str] = typer.Option([], "--param", "-p", help="A parameter as NAME=VALUE (repeatable)."),
    list_queries: bool = typer.Option(False, "--list", "-l", help="List the queries with summary and parameters."),
    list_all: bool = typer.Option(False, "--all", help="With --list: also the internal queries (queries/internal/)."),
    queries: list[Path] = typer.Option([], "--queries", help="An extra folder of .rq files (repeatable)."),
    *,
    read: ReadFrom,
    limits: Limits,
    table: Columns,
    audit: bool = typer.Option(False, "--audit", help="Add the audit's derived graph first (for queries/audit)."),
    fmt: FormatOpt = Format.table,
) -> None:
    """Run a named query of the library, or your own SPARQL from a .rq file or standard input (parameters are
    bound, never pasted into the query)."""
    from ..api import run_query, with_audit
    from ..store.library import QueryLibrary

    library = QueryLibrary.load(queries)
    if list_queries:
        listed = [library.get(n) for n in library.names(internal=list_all)]
        if fmt is Format.json:
            write_json([{"query": q.name, "summary": q.summary, "params": jsonable(q.params)} for q in listed])
        else:
            rows = [(q.name, q.summary, "; ".join(p.describe() for p in q.params)) for q in listed]
            render(("query", "summary", "params"), rows, fmt, title="query library", choice=table.choice())
        return
    if not name:
        raise UsageError(f"name a query, or use --list; known queries: {', '.join(library.names())}")
    if name == "-" or name.endswith(".rq"):
        asked = library.queries[name] = _own_query(name)
    else:
        asked = library.get(name)  # an unknown name fails before any building
    params = _parse_params(param)
    source = with_audit(open_source(read)) if audit else open_source(read)
    source.policy = limits.policy()
    result = run_query(source, name, params, library)
    # by default a parameter's column is left out: it holds the value given
    shown = asked.show or tuple(v for v in result.variables if v not in {p.name for p in asked.params})
    cells = result.cells  # what the writer reads: no rdflib terms made for an Oxigraph store's rows
    render(result.variables, cells, fmt, title=asked.name, choice=table.choice(shown))
    stderr.print(counted(len(cells), "row"), highlight=False)
