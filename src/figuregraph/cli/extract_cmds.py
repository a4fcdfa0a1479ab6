"""The extract command: what a document's text states (figures and footnotes), nothing written."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError
from ..extract import actor_names, extract_file
from ..literals import plain
from .app import FormatOpt, GraphDir, app, run
from .output import Format, render, stderr


@app.command()
def extract(
    file: Path = typer.Argument(..., help="A document as UTF-8 text (plain or EUAA-style markdown)."),
    day: Optional[str] = typer.Option(None, "--date", help="The document's date, YYYY-MM-DD: closes \"since\" and "
                                      "\"currently\" and dates \"in March\" when no cited source is dated."),
    graph: Path = GraphDir,
    fmt: Format = FormatOpt,
) -> None:
    """Propose the figures a text states (value, qualifier, bounds, exact quote and offsets, footnotes)
    and its footnote list. Nothing is written."""

    def body() -> None:
        try:
            document_date = date.fromisoformat(day) if day else None
        except ValueError:
            raise UsageError(f"--date takes YYYY-MM-DD, not '{day}'") from None
        names = actor_names(graph) if graph.is_dir() else {}
        found = extract_file(file, document_date, names)
        if fmt is Format.json:
            data = {"figures": [{k: plain(v) for k, v in asdict(f).items() if k != "sentence"} for f in found.figures],
                    "footnotes": [asdict(n) for n in found.footnotes]}
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            rows = [(f.wording, plain(f.value), f.qualifier, plain(f.lower), plain(f.upper), f.period,
                     plain(f.period_start), plain(f.period_end), f.reporter or f.reported_by, f.via_actor or f.via,
                     f.start, f.end, f.quote, " ".join(f.footnotes))
                    for f in found.figures]
            render(("wording", "value", "qualifier", "lower", "upper", "period", "from", "to", "reported by", "citing",
                    "start", "end", "quote", "footnotes"),
                   rows, fmt, title=f"figures in {file}")
        stderr.print(f"{len(found.figures)} figures, {len(found.footnotes)} footnotes", highlight=False)

    run(body)
