"""Audit commands: audit (does each figure hold up?) and assess (record a source's reliability)."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import GraphDir, ReadFrom, group
from .output import fitted_table, refuse_stdout, stderr, stdout_console, write_json
from .source import open_source


PIPED_WIDTH = 200  # the audit's tables on a pipe or in a file


class AuditFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@command()
@group("read", "graph", "store", "data")
def audit(
    figure: str | None = typer.Option(None, "--figure", help="Only what concerns one figure."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="table, md or json."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Also write the derived triples (.trig keeps their named graph)."),
    *,
    read: ReadFrom,
) -> None:
    """Audit the figures: chains to primary sources, corroboration vs circular reporting, conflicts,
    totals against their parts, and information credibility (1-6) with reasons."""
    from ..audit import run_audit
    from ..audit.derive import load_derived
    from ..audit.report import as_data, markdown, sections
    from ..export import export
    from ..rdf.namespace import local_id

    refuse_stdout(output, "the report is written there; give a file for the derived triples")
    result = run_audit(open_source(read))
    if figure and not any(local_id(c) == figure and claim.kind == "figure"
                          for c, claim in result.evidence.claims.items()):
        raise UsageError(f"no figure with id '{figure}'")
    if fmt is AuditFormat.json:
        write_json(as_data(result, figure))
    elif fmt is AuditFormat.md:
        sys.stdout.write(markdown(sections(result, figure)))
    else:
        from .tables import Choice, layout

        console = stdout_console(piped_width=PIPED_WIDTH)
        for s in sections(result, figure):  # every column, every line: ids and numbers whole where they fit
            fitted = layout(s.columns, s.rows, Choice(wide=True), console.width)
            console.print(fitted_table(s.columns, s.rows, fitted, s.title))
    if output is not None:
        derived = load_derived(result)
        fmt_out = "trig" if output.suffix in (".trig", ".nq") else "turtle"
        export(derived, fmt_out, output)
        stderr.print(f"wrote the derived triples to {output}", highlight=False)
    kinds = [p.kind for p in result.pairs]
    stderr.print(f"{len(result.grades)} figures; {kinds.count('corroboration')} corroborations, "
                 f"{kinds.count('circular')} circular, {kinds.count('conflict')} conflicts; "
                 f"{len(result.totals)} totals checked; {len(result.cycles())} citation cycles", highlight=False)


@command()
def assess(
    target: str = typer.Argument(..., help="The id of an actor or a source."),
    reliability: str = typer.Option(..., "--reliability", help="NATO/Admiralty source reliability, A to F."),
    because: str = typer.Option(..., "--because", help="Why: the reason is kept with the grade."),
    by: str = typer.Option(None, "--by", help="Who assesses (default: the current user)."),
    on: str | None = typer.Option(None, "--on", help="The day of the assessment, YYYY-MM-DD (default: today)."),
    graph: GraphDir = defaults.GRAPH_DIR,
) -> None:
    """Record a reliability assessment (A-F) of an actor or source in graph/assessments.yaml."""
    import getpass

    from ..model.assess import record_assessment

    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise UsageError(f"--on takes a date as YYYY-MM-DD, not '{on}'") from None
    recorded = record_assessment(graph, target, reliability, because, by or getpass.getuser(), day)
    stderr.print(f"recorded {recorded.id} in {recorded.path}", highlight=False)
