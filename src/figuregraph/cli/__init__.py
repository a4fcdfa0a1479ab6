"""The ``figuregraph`` command: one verb per stage, tables on stdout, logs on stderr.

Exit codes: 0 ok, 1 validation failed, 2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Optional, TypeVar

import typer

from .. import api
from ..errors import FigureGraphError, UsageError
from ..export import FORMATS, export as export_dataset
from ..query import QueryLibrary
from ..store import Store
from ..validate import validate as shacl_validate
from .output import Format, render, stderr

app = typer.Typer(
    name="figuregraph",
    help="A knowledge graph of actors, sources and figures: who says so, on what evidence, "
    "and does anyone else agree?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

T = TypeVar("T")

GraphDir = typer.Option(api.DEFAULT_GRAPH_DIR, "--graph", "-g", help="Folder of YAML records.", show_default=True)
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)
DataOpt = typer.Option(None, "--data", "-d", help="Query an exported dataset file (.ttl, .nt, .jsonld, .trig) "
                       "instead of building from records.")


def run(action: Callable[[], T]) -> T:
    """Run a command body; FigureGraphError becomes a message on stderr and its exit code."""
    try:
        return action()
    except FigureGraphError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(exc.exit_code) from None


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


def _store(graph: Path, data: Optional[Path]) -> Store:
    dataset = api.load_dataset(data) if data else api.build_valid(graph)[0].dataset
    return api.open_store(dataset)


@app.command()
def build(
    graph: Path = GraphDir,
    output: Path = typer.Option(api.DEFAULT_OUTPUT, "--output", "-o", help="Where to write the Turtle dataset."),
    fmt: Format = FormatOpt,
) -> None:
    """Build the graph from records, validate it with SHACL and write the Turtle dataset."""

    def body() -> None:
        built, size = api.build_and_export(graph, output)
        stderr.print(f"wrote {output} ({size} bytes)", highlight=False)
        counts = built.index
        rows = [
            ("triples", len(built.graph)),
            ("figures", sum(len(d.figures) for d in counts.documents)),
            ("statements", sum(len(d.statements) for d in counts.documents)),
            ("sources", len(counts.sources.items)),
            ("citations", sum(len(d.citations) for d in counts.documents)),
            ("actors", len(counts.actors.items)),
            ("places", len(counts.places.items)),
            ("measures", len(counts.measures.items)),
        ]
        render(("what", "count"), rows, fmt, title=f"built {output}")

    run(body)


@app.command()
def validate(graph: Path = GraphDir, fmt: Format = FormatOpt) -> None:
    """Validate the records' graph with the SHACL shapes: exit 0 conforming, 1 not, 2 bad input."""

    def body() -> None:
        report = shacl_validate(api.build(graph).graph)
        if report.conforms:
            stderr.print("the graph conforms to the shapes", highlight=False)
        columns = ("severity", "focus", "path", "value", "message")
        render(columns, [tuple(r[c] for c in columns) for r in report.rows()], fmt, title="SHACL report")
        if not report.conforms:
            stderr.print(f"[bold red]{len(report.violations)} problems[/]", markup=True)
            raise typer.Exit(1)

    run(body)


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="Query name (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="A parameter as NAME=VALUE (repeatable)."),
    list_queries: bool = typer.Option(False, "--list", "-l", help="List the queries with summary and parameters."),
    queries: list[Path] = typer.Option([], "--queries", help="An extra folder of .rq files (repeatable)."),
    graph: Path = GraphDir,
    data: Optional[Path] = DataOpt,
    fmt: Format = FormatOpt,
) -> None:
    """Run a named query of the library (parameters are bound, never pasted into the query)."""

    def body() -> None:
        library = QueryLibrary.load(queries)
        if list_queries:
            rows = [(q.name, q.summary, "; ".join(p.describe() for p in q.params)) for q in library.queries.values()]
            render(("query", "summary", "params"), sorted(rows), fmt, title="query library")
            return
        if not name:
            raise UsageError(f"name a query, or use --list; known queries: {', '.join(library.names())}")
        library.get(name)  # an unknown name fails before any building
        params = _parse_params(param)
        store = _store(graph, data)
        result = api.run_query(store, name, params, library)
        render(result.variables, result.rows, fmt, title=name)
        stderr.print(f"{len(result.rows)} rows", highlight=False)

    run(body)


@app.command()
def export(
    fmt_out: str = typer.Option("turtle", "--format", help=f"One of: {', '.join(FORMATS)}."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write (atomically)."),
    graph: Path = GraphDir,
) -> None:
    """Export the validated graph as Turtle, N-Triples, JSON-LD or TriG (one named graph per source)."""

    def body() -> None:
        if fmt_out not in FORMATS:
            raise UsageError(f"unknown export format '{fmt_out}'; known: {', '.join(FORMATS)}")
        built, _ = api.build_valid(graph)
        size = export_dataset(built.dataset, fmt_out, output)
        stderr.print(f"wrote {output} ({fmt_out}, {size} bytes)", highlight=False)

    run(body)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="figuregraph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
