"""Exploration commands: show (the interactive network page) and chart (comparable figures)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import defaults
from .app import command
from .options import ReadFrom, group
from .output import stderr
from .source import open_source


@command()
@group("read", "graph", "store", "data")
def show(
    output: Path = typer.Option(Path("dist/backing.html"), "--output", "-o", help="The HTML page to write."),
    figure: str | None = typer.Option(None, "--figure", help="One figure and everything behind it."),
    actor: str | None = typer.Option(None, "--actor", help="An actor's ego network."),
    source: str | None = typer.Option(None, "--source", help="What one document supports and cites."),
    depth: int = typer.Option(2, "--depth", help="Links from the actor or source to include."),
    max_nodes: int = typer.Option(defaults.MAX_NODES, "--max-nodes", help="Refuse views larger than this."),
    audit: bool = typer.Option(False, "--audit", help="Credibility in tooltips; corroboration and conflict edges."),
    *,
    read: ReadFrom,
) -> None:
    """Write a self-contained, offline HTML page of the network of who backs what."""
    from ..views import show as show_view

    view = show_view(open_source(read), output, figure_id=figure, actor=actor, source=source, depth=depth,
                     max_nodes=max_nodes, audit=audit)
    stderr.print(f"wrote {output}: {view.title} ({view.graph.number_of_nodes()} nodes, "
                 f"{view.graph.number_of_edges()} edges); open it in any browser", highlight=False)


@command()
@group("read", "graph", "store", "data")
def chart(
    measure: str = typer.Option(..., "--measure", help="The measure id, e.g. desertion-awol-criminal-cases."),
    output: Path = typer.Option(Path("dist/chart.png"), "--output", "-o", help="The PNG to write."),
    *,
    read: ReadFrom,
) -> None:
    """A PNG comparing the figures of one measure, with their bounds and reporting actors."""
    from ..views.chart import chart as draw_chart

    bars = draw_chart(open_source(read), measure, output)
    stderr.print(f"wrote {output} ({bars} figures)", highlight=False)
