"""Audit commands: audit (does each figure hold up?) and assess (record a source's reliability)."""

from __future__ import annotations

import getpass
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..model.assess import record_assessment
from ..audit import run_audit
from ..audit.derive import load_derived
from ..audit.report import as_json, markdown, sections
from ..errors import UsageError
from ..rdf.namespace import local_id
from ..export import export
from .app import DataOpt, GraphDir, StoreOpt, app, open_source, run
from .output import stderr


class AuditFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@app.command()
def audit(
    figure: Optional[str] = typer.Option(None, "--figure", help="Only what concerns one figure."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="table, md or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Also write the derived triples (.trig keeps their named graph)."),
    graph: Path = GraphDir,
    store: Optional[str] = StoreOpt,
    data: Optional[Path] = DataOpt,
) -> None:
    """Audit the figures: chains to primary sources, corroboration vs circular reporting, conflicts,
    totals against their parts, and information credibility (1-6) with reasons."""

    def body() -> None:
        result = run_audit(open_source(graph, store, None, data, "oxigraph"))
        if figure and not any(local_id(c) == figure and claim.kind == "figure"
                              for c, claim in result.evidence.claims.items()):
            raise UsageError(f"no figure with id '{figure}'")
        parts = sections(result, figure)
        if fmt is AuditFormat.md:
            sys.stdout.write(markdown(parts))
        elif fmt is AuditFormat.json:
            sys.stdout.write(as_json(parts))
        else:
            console = Console(width=None if sys.stdout.isatty() else 200)
            for s in parts:
                table = Table(title=s.title)
                for column in s.columns:
                    table.add_column(column, overflow="fold")
                for row in s.rows:
                    table.add_row(*row)
                console.print(table)
        if output is not None:
            derived = load_derived(result)
            fmt_out = "trig" if output.suffix in (".trig", ".nq") else "turtle"
            export(derived, fmt_out, output)
            stderr.print(f"wrote the derived triples to {output}", highlight=False)
        kinds = [p.kind for p in result.pairs]
        stderr.print(f"{len(result.grades)} figures; {kinds.count('corroboration')} corroborations, "
                     f"{kinds.count('circular')} circular, {kinds.count('conflict')} conflicts; "
                     f"{len(result.totals)} totals checked; {len(result.cycles())} citation cycles", highlight=False)

    run(body)


@app.command()
def assess(
    target: str = typer.Argument(..., help="The id of an actor or a source."),
    reliability: str = typer.Option(..., "--reliability", help="NATO/Admiralty source reliability, A to F."),
    because: str = typer.Option(..., "--because", help="Why: the reason is kept with the grade."),
    by: str = typer.Option(None, "--by", help="Who assesses (default: the current user)."),
    on: Optional[str] = typer.Option(None, "--on", help="The day of the assessment, YYYY-MM-DD (default: today)."),
    graph: Path = GraphDir,
) -> None:
    """Record a reliability assessment (A-F) of an actor or source in graph/assessments.yaml."""

    def body() -> None:
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError:
            raise UsageError(f"--on takes a date as YYYY-MM-DD, not '{on}'") from None
        recorded = record_assessment(graph, target, reliability, because, by or getpass.getuser(), day)
        stderr.print(f"recorded {recorded.id} in {recorded.path}", highlight=False)

    run(body)
