"""Commands that make and check the graph: build, validate, export, load."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import FormatOpt, GraphDir, ReadFrom, ShaclOpt, group
from .output import Format, counted, destination, refuse_stdout, render, stderr, write_out
from .source import open_source

# Listed here so that the help needs no export machinery; a test keeps it equal to export.FORMATS.
EXPORT_FORMATS = ("turtle", "nt", "jsonld", "jsonld-flat", "trig", "csv", "graphml", "gexf", "csl-json", "bibtex")


@command()
def build(
    graph: GraphDir = defaults.GRAPH_DIR,
    output: Path = typer.Option(defaults.OUTPUT, "--output", "-o", help="Where to write the Turtle dataset."),
    store: str | None = typer.Option(None, "--store", "-s", help="Also write a persistent store: oxigraph:PATH."),
    shacl: ShaclOpt = True,
    cache: bool = typer.Option(True, "--cache/--no-cache",
                               help="Rebuild what changed, with the build cache in the graph folder "
                                    f"({defaults.CACHE_FOLDER}, safe to delete)."),
    fmt: FormatOpt = Format.table,
) -> None:
    """Build the graph from records, validate it (SHACL + checks) and write the Turtle dataset."""
    from ..api import build_and_export

    refuse_stdout(output, "build prints its counts there; 'figuregraph export -o -' writes the dataset out")
    result = build_and_export(graph, output, store=store, shacl=shacl, cache=cache, background=True)
    stderr.print(f"wrote {output} ({result.bytes_written} bytes)" + (f" and the store {store}" if store else ""),
                 highlight=False)
    rows = [("triples", result.triples), *result.counts.items()]
    render(("what", "count"), rows, fmt, title=f"built {output}")


@command()
def validate(graph: GraphDir = defaults.GRAPH_DIR, shacl: ShaclOpt = True, fmt: FormatOpt = Format.table,
             texts: bool = typer.Option(True, "--texts/--no-texts", help="Also check every quote against the "
                                        "converted text kept in graph/texts/ (text[at:at+len(quote)] == quote).")
             ) -> None:
    """Validate the records' graph (SHACL shapes, check queries, quotes in the kept texts): exit 0
    conforming, 1 not, 2 bad input."""
    from ..api import build as build_records
    from ..extract.texts import quote_violations
    from ..validate import validate as run_validation

    report = run_validation(build_records(graph), shacl=shacl)
    if texts:
        found = quote_violations(graph)
        if found:
            report.violations.extend(found)
            report.conforms = False
    if report.conforms:
        stderr.print("the graph conforms to the shapes and passes the checks", highlight=False)
    columns = ("severity", "focus", "path", "value", "message")
    render(columns, [tuple(r[c] for c in columns) for r in report.rows()], fmt, title="validation report")
    if not report.conforms:
        stderr.print(f"[bold red]{counted(len(report.violations), 'problem')}[/]", markup=True)
        raise typer.Exit(1)


@command()
@group("read", "graph", "store", "data")
def export(
    fmt_out: str = typer.Option("turtle", "--format", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write (atomically), or - for stdout."),
    figure: str | None = typer.Option(None, "--figure", help="With csl-json or bibtex: only the sources this "
                                      "figure rests on, primary first, with the locators."),
    backend: str = typer.Option(defaults.BACKEND, "--backend", hidden=True,
                                help="Ignored: exports are written by Oxigraph (kept for scripts that pass it)."),
    *,
    read: ReadFrom,
) -> None:
    """Export the validated graph (or a store): Turtle, N-Triples, JSON-LD (named graphs, or flat), TriG,
    a CSV table of figures, the network as GraphML/GEXF for Gephi and Cytoscape, or the sources as CSL-JSON
    or BibTeX for citation managers (Zotero)."""
    from ..export import FORMATS, export as export_data

    if fmt_out not in FORMATS:
        raise UsageError(f"unknown export format '{fmt_out}'; known: {', '.join(FORMATS)}")
    source = open_source(read)
    size = write_out(output, f".{fmt_out}", lambda path: export_data(source, fmt_out, path, figure))
    stderr.print(f"wrote {fmt_out} to {destination(output)} ({size} bytes)", highlight=False)


@command()
def load(
    files: list[Path] = typer.Argument(..., help="Dataset files (.ttl, .nt, .nq, .trig, .jsonld)."),
    store: str = typer.Option(..., "--store", "-s", help="The on-disk store to create or replace: oxigraph:PATH."),
) -> None:
    """Bulk-load dataset files into a new on-disk Oxigraph store (replaced atomically)."""
    from ..store import write_store
    from ..store.spec import disk_path

    path = disk_path(store, "load writes an on-disk store")
    for file in files:
        if not file.is_file():
            raise UsageError(f"no such file: {file}")

    write_store(path, lambda target: target.load_files(files))
    stderr.print(f"loaded {len(files)} file(s) into {path}", highlight=False)
