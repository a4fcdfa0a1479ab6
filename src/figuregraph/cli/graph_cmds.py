"""Commands that make and check the graph: build, validate, export, load."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .. import api
from ..errors import UsageError
from ..export import FORMATS, export as export_data
from ..store import Store, parse_spec, write_store
from ..validate import validate as run_validation
from .app import BackendOpt, DataOpt, FormatOpt, GraphDir, StoreOpt, app, open_source, run
from .output import Format, render, stderr

ShaclOpt = typer.Option(True, "--shacl/--no-shacl", help="Run the SHACL shapes (slow on millions of triples); "
                        "the check queries always run.")


@app.command()
def build(
    graph: Path = GraphDir,
    output: Path = typer.Option(api.DEFAULT_OUTPUT, "--output", "-o", help="Where to write the Turtle dataset."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help="Also write a persistent store: oxigraph:PATH."),
    shacl: bool = ShaclOpt,
    fmt: Format = FormatOpt,
) -> None:
    """Build the graph from records, validate it (SHACL + checks) and write the Turtle dataset."""

    def body() -> None:
        result = api.build_and_export(graph, output, store=store, shacl=shacl)
        stderr.print(f"wrote {output} ({result.bytes_written} bytes)" + (f" and the store {store}" if store else ""),
                     highlight=False)
        index = result.index
        rows = [
            ("triples", result.triples),
            ("figures", sum(len(d.figures) for d in index.documents)),
            ("statements", sum(len(d.statements) for d in index.documents)),
            ("sources", len(index.sources.items)),
            ("citations", sum(len(d.citations) for d in index.documents)),
            ("actors", len(index.actors.items)),
            ("places", len(index.places.items)),
            ("measures", len(index.measures.items)),
        ]
        render(("what", "count"), rows, fmt, title=f"built {output}")

    run(body)


@app.command()
def validate(graph: Path = GraphDir, shacl: bool = ShaclOpt, fmt: Format = FormatOpt) -> None:
    """Validate the records' graph (SHACL shapes and check queries): exit 0 conforming, 1 not, 2 bad input."""

    def body() -> None:
        report = run_validation(api.build(graph), shacl=shacl)
        if report.conforms:
            stderr.print("the graph conforms to the shapes and passes the checks", highlight=False)
        columns = ("severity", "focus", "path", "value", "message")
        render(columns, [tuple(r[c] for c in columns) for r in report.rows()], fmt, title="validation report")
        if not report.conforms:
            stderr.print(f"[bold red]{len(report.violations)} problems[/]", markup=True)
            raise typer.Exit(1)

    run(body)


@app.command()
def export(
    fmt_out: str = typer.Option("turtle", "--format", help=f"One of: {', '.join(FORMATS)}."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write (atomically)."),
    graph: Path = GraphDir,
    store: Optional[str] = StoreOpt,
    data: Optional[Path] = DataOpt,
    backend: str = BackendOpt,
) -> None:
    """Export the validated graph (or a store): Turtle, N-Triples, JSON-LD, TriG, a CSV table of figures,
    or the network as GraphML/GEXF for Gephi and Cytoscape."""

    def body() -> None:
        if fmt_out not in FORMATS:
            raise UsageError(f"unknown export format '{fmt_out}'; known: {', '.join(FORMATS)}")
        source = open_source(graph, store, None, data, "oxigraph")
        size = export_data(source, fmt_out, output)
        stderr.print(f"wrote {output} ({fmt_out}, {size} bytes)", highlight=False)

    run(body)


@app.command()
def load(
    files: list[Path] = typer.Argument(..., help="Dataset files (.ttl, .nt, .nq, .trig, .jsonld)."),
    store: str = typer.Option(..., "--store", "-s", help="The on-disk store to create or replace: oxigraph:PATH."),
) -> None:
    """Bulk-load dataset files into a new on-disk Oxigraph store (replaced atomically)."""

    def body() -> None:
        kind, path = parse_spec(store)
        if kind != "oxigraph" or path is None:
            raise UsageError("load writes an on-disk store: --store oxigraph:PATH")
        for file in files:
            if not file.is_file():
                raise UsageError(f"no such file: {file}")

        def fill(target: Store) -> None:
            for file in files:
                target.load_file(file)

        write_store(path, fill)
        stderr.print(f"loaded {len(files)} file(s) into {path}", highlight=False)

    run(body)
