"""Exploration commands: explore (the local web app), show (the interactive network page), chart
(comparable figures) and trace (one figure's evidence as a tree)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import FormatOpt, Limits, ReadFrom, group
from .output import Format, destination, is_stdout, stderr, stdout_console, warn_unless_loopback, write_json, write_out
from .source import open_source

if TYPE_CHECKING:
    from rich.tree import Tree

    from ..views.evidence import Branch


@command()
@group("read", "graph", "store", "data")
def show(
    output: Path = typer.Option(Path("dist/backing.html"), "--output", "-o",
                                help="The HTML page to write, or - for stdout."),
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

    store = open_source(read)
    view = write_out(output, ".html", lambda path: show_view(store, path, figure_id=figure, actor=actor,
                                                            source=source, depth=depth, max_nodes=max_nodes,
                                                            audit=audit))
    hint = "" if is_stdout(output) else "; open it in any browser"
    stderr.print(f"wrote {destination(output)}: {view.title} ({view.graph.number_of_nodes()} nodes, "
                 f"{view.graph.number_of_edges()} edges){hint}", highlight=False)


@command()
@group("read", "graph", "store", "data")
def chart(
    measure: str = typer.Option(..., "--measure", help="The measure id, e.g. desertion-awol-criminal-cases."),
    output: Path = typer.Option(Path("dist/chart.png"), "--output", "-o", help="The PNG to write, or - for stdout."),
    *,
    read: ReadFrom,
) -> None:
    """A PNG comparing the figures of one measure, with their bounds and reporting actors."""
    from ..views.chart import chart as draw_chart

    store = open_source(read)
    bars = write_out(output, ".png", lambda path: draw_chart(store, measure, path))
    stderr.print(f"wrote {destination(output)} ({bars} figures)", highlight=False)


@command()
@group("read")
def trace(
    figure: str = typer.Argument(..., help="The figure id, e.g. desertion-awol-cases-southern-md-2024-12."),
    audit: bool = typer.Option(True, "--audit/--no-audit", help="Add the audit's credibility and findings "
                               "(audits the whole graph)."),
    *,
    read: ReadFrom,
    fmt: FormatOpt = Format.table,
) -> None:
    """One figure's evidence as a tree: stated in (quote, place), footnotes, cited sources down to the
    primary sources, the reporter, and the audit's verdicts; --format json gives the same tree."""
    if fmt is Format.csv:
        raise UsageError("trace gives a tree: use --format table or json")
    from ..views.evidence import as_data, evidence, figure_iri, judgements

    store = open_source(read)
    node = figure_iri(store, figure)
    judgement = None
    if audit:
        from ..audit import run_audit
        from ..views.project import node_id

        judgement = judgements(run_audit(store)).get(node_id(node))
    tree = evidence(store, node, judgement)
    if fmt is Format.json:
        write_json(as_data(tree))
    else:
        stdout_console(piped_width=160).print(_rich_tree(tree))


def _rich_tree(tree: Branch) -> Tree:
    """The evidence as a rich Tree; every string from the graph is plain text, never markup."""
    from rich.text import Text
    from rich.tree import Tree

    from ..views.evidence import relation_text

    styles = {"figure": "bold", "source": "cyan", "actor": "green", "credibility": "magenta", "audit": "magenta",
              "verdict": "magenta"}

    def line(branch: Branch) -> Text:
        text = Text()
        how = relation_text(branch)
        if how:
            text.append(how + ": ", style="dim")
        text.append(branch.label, style=styles.get(branch.kind, ""))
        if branch.primary:
            text.append("  [primary source]", style="bold yellow")
        if branch.reliability:
            text.append(f"  reliability {branch.reliability}", style="yellow")
        if branch.id:
            text.append(f"  ({branch.id})", style="dim")
        if branch.detail:
            text.append("\n" + branch.detail, style="italic")
        return text

    def grow(node: Tree, branch: Branch) -> None:
        for child in branch.children:
            grow(node.add(line(child)), child)

    root = Tree(line(tree))
    grow(root, tree)
    return root


@command()
@group("limits", "timeout")
@group("read")
def explore(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8737, "--port", help="Port to listen on (0: any free one)."),
    open_browser: bool = typer.Option(True, "--open/--no-open", help="Open the app in the browser."),
    texts: Path | None = typer.Option(None, "--texts", help="A folder of the documents' texts (<source id>.txt "
                                         "or .md), for the sentence around each quote [default: the graph "
                                         "folder's texts/, where ingest keeps them]."),
    *,
    read: ReadFrom,
    limits: Limits,
) -> None:
    """Explore the graph in the browser: figure, source, actor and measure pages, search, a network that
    grows on click, a SPARQL editor, a text checked against the graph; read-only, on this machine only
    unless --host says otherwise."""
    from ..extract.texts import TEXTS
    from ..store.spec import parse_spec
    from ..views.app import Index, listen, serve

    warn_unless_loopback(host)
    if texts is not None and not texts.is_dir():
        raise UsageError(f"--texts {texts}: not a folder")
    if texts is None and (read.graph / TEXTS).is_dir():
        texts = read.graph / TEXTS
    sock = listen(host, port)  # first: a port in use fails before any building
    store = open_source(read)
    # The pages' own queries (the library's, each about one node) run without the time limit's thread,
    # which costs more than most of them take (benchmarks/EXPLORE.md); what is sent to /query keeps it.
    asked = limits.policy()
    store.policy = dataclasses.replace(asked, timeout=None)
    log = lambda message: stderr.print(message, highlight=False)  # noqa: E731
    folder = parse_spec(read.store)[1] if read.store else None
    index = Index.for_folder(store, folder, log) if folder is not None else Index.build(store)
    graph = read.graph if read.graph.is_dir() else None
    raise typer.Exit(serve(store, index, sock, open_browser, texts, log=log, policy=asked, graph=graph))
