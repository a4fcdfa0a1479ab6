"""check: each figure of a text in hand against the graph (corroborated, repeats, conflicts, new,
cannot tell), with its reason and both chains. Nothing is written."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import command
from .extract_cmds import DateOpt, PublisherOpt, _day
from .options import ReadFrom, group
from .output import stderr, stdout_console, write_json
from .source import open_source

if TYPE_CHECKING:
    from ..check import CheckResult
    from ..extract.document import Document


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


def read_input(file: Path) -> Document:
    """The document at ``file`` (text, Markdown, HTML or PDF), or standard input for ``-``, read by
    the project's reader (the same checks: format by content, the size limit)."""
    from ..extract import reading
    from ..extract.reading import read, read_data

    if str(file) != "-":
        return read(file)
    return read_data(sys.stdin.buffer.read(reading.MAX_BYTES + 1), "standard input")


@command()
@group("read")
def check(
    file: Path = typer.Argument(..., help="The document to check (text, Markdown, HTML or PDF), "
                                          "or - for standard input."),
    day: str | None = DateOpt,
    publisher: str | None = PublisherOpt,
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", help="table or json."),
    *,
    read: ReadFrom,
) -> None:
    """Check each figure of a text against the graph: the graph's figures for the same measure, subject
    and period with their chains, and a verdict with its reason (corroborated, repeats, conflicts, new,
    cannot tell). The lexicon comes from --graph; nothing is written."""
    from ..check import check_text
    from ..extract import load_lexicon

    document = read_input(file)
    if not read.graph.is_dir():
        stderr.print(f"warning: no graph folder at {read.graph}: without its lexicon no measure, actor or place "
                     "can be recognised", highlight=False)
    lexicon = load_lexicon(read.graph if read.graph.is_dir() else None)
    result = check_text(document, open_source(read), lexicon, _day(day), publisher)
    if fmt is CheckFormat.json:
        write_json(result.as_data())
    else:
        _tables(result, "standard input" if str(file) == "-" else str(file))
    for source in result.in_graph:
        stderr.print(f"this text is the one the graph keeps for {source} ({result.labels.get(source, source)}): "
                     "its figures there are the text's own and are not counted", highlight=False)
    counts = ", ".join(f"{n} {v}" for v, n in result.summary().items())
    stderr.print(f"{len(result.figures)} figures: {counts}; {len(result.known_sources)} cited sources known to "
                 "the graph", highlight=False)


def _tables(result: CheckResult, name: str) -> None:
    from rich.table import Table
    from rich.text import Text

    console = stdout_console(piped_width=200)

    def table(title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        t = Table(title=title)
        for column in columns:
            t.add_column(column, overflow="fold")
        for row in rows:
            t.add_row(*(Text("" if v is None else str(v)) for v in row))  # text as it is, never markup
        console.print(t)

    def period(start: object, end: object) -> str:
        return f"{start or '...'}..{end or '...'}"

    table(f"figures in {name}", ("#", "at", "wording", "measure", "about", "period", "reported by", "verdict",
                                 "reason"),
          [(f.number, f.start, f.wording, f.measure, f.subject, period(f.period_start, f.period_end),
            f.reporter, f.verdict, f.reason) for f in result.figures])
    label = result.labels.get
    rows: list[tuple[object, ...]] = []
    for f in result.figures:
        for chain in f.backing.chains:
            rows.append((f.number, "the text", f.wording, period(f.period_start, f.period_end), f.verdict,
                         " -> ".join(chain), ", ".join(label(o, o) for o in f.backing.origins)))
        for m in f.matches:
            for chain in m.backing.chains:
                rows.append((f.number, m.figure, m.wording, period(m.period_start, m.period_end),
                             m.judgement or f"{m.periods} period", " -> ".join(chain),
                             ", ".join(label(o, o) for o in m.backing.origins)))
    table("chains: the text's and the graph's comparable figures'", ("#", "figure", "wording", "period", "judgement",
                                                                       "chain", "origins"), rows)
    table("summary", ("verdict", "figures"), list(result.summary().items()))
    if result.known_sources:
        table("cited sources the graph knows", ("citation", "source", "label", "cited by figures"),
              [(k.key, k.source, k.label, " ".join(str(i) for i in k.figures)) for k in result.known_sources])
