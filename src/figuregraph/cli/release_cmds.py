"""Publishing commands: release (every artifact with a manifest) and diff (what changed)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import FormatOpt, ReadFrom, group
from .output import Format, counted, refuse_stdout, render, stderr
from .source import open_source


@command()
@group("read", "graph", "store", "data")
def release(
    output: Path = typer.Option(defaults.RELEASE_DIR, "--output", "-o",
                                help="The folder the release replaces whole (it may hold an earlier release only)."),
    about: Path | None = typer.Option(None, "--about", help="The dataset description (title, licence, ...); "
                                      "default: dataset.yaml here, else beside the --graph folder, else "
                                      "defaults (the fields to fill in are named)."),
    version: str | None = typer.Option(None, "--version", help="The release version (default: from --about)."),
    endpoint: str | None = typer.Option(None, "--sparql-endpoint",
                                        help="A public SPARQL endpoint to name in VoID/DCAT."),
    base_url: str | None = typer.Option(None, "--base-url",
                                        help="Where the files will be published (download URLs)."),
    *,
    read: ReadFrom,
    fmt: FormatOpt = Format.table,
) -> None:
    """Write a release: the dataset in Turtle, N-Triples, JSON-LD (+ context), TriG and CSV, the ontology
    with its documentation, VoID/DCAT metadata and a manifest (sizes, SHA-256, RDFC-1.0 hash)."""
    from ..release import make_release
    from ..release.about import read_about, require_file, with_overrides

    refuse_stdout(output, "a release is a folder of files")
    described = require_file(about) if about else _default_about(read.graph)
    info = with_overrides(read_about(described), version, endpoint)
    result = make_release(open_source(read), output, info, base_url=base_url)
    rows = [(a.path, a.media_type, a.size, None if a.triples is None else a.triples, a.sha256)
            for a in result.artifacts]
    render(("file", "media type", "bytes", "triples", "sha256"), rows, fmt, title=f"release in {output}")
    stderr.print(f"wrote {len(rows) + 1} files to {output} (manifest.json); {result.triples} triples; "
                 f"canonical hash (RDFC-1.0, SHA-256) {result.canonical_hash}", highlight=False)
    reminder = info.reminder(described)
    if reminder:
        stderr.print(f"note: {reminder}", highlight=False)


def _default_about(graph: Path) -> Path:
    """dataset.yaml here, else beside the graph folder (where ``figuregraph init`` puts it)."""
    from ..release.about import DEFAULT_ABOUT

    beside = graph.resolve().parent / DEFAULT_ABOUT.name
    return DEFAULT_ABOUT if DEFAULT_ABOUT.is_file() or not beside.is_file() else beside


@command()
def diff(
    old: Path = typer.Argument(..., help="The earlier dataset file (.ttl, .nt, .nq, .trig, .jsonld)."),
    new: Path = typer.Argument(..., help="The later dataset file."),
    fmt: FormatOpt = Format.table,
) -> None:
    """What changed between two datasets: figures, statements, sources and actors added, removed or
    changed. Exit 0 when nothing changed, 1 when something did, 2 on bad input."""
    from ..api import load_store
    from ..release.diff import COLUMNS, diff as diff_datasets

    for path in (old, new):
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
    changes = diff_datasets(load_store(old), load_store(new))
    if changes or fmt is not Format.table:  # CSV and JSON keep their header and [] for scripts
        render(COLUMNS, [c.row() for c in changes], fmt, title=f"{old} -> {new}")
    stderr.print(counted(len(changes), "change") if changes else "no changes", highlight=False)
    if changes:
        raise typer.Exit(1)
