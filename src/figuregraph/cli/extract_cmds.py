"""extract (what a document's text states, nothing written) and ingest (a record file for review)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import FormatOpt, GraphDir
from .output import Format, jsonable, render, stderr, write_json

DateOpt = typer.Option(None, "--date", help="The document's date, YYYY-MM-DD (or YYYY-MM, YYYY for ingest): closes "
                       "\"since\" and \"currently\" and dates \"in March\" when no cited source is dated.")
HIDDEN = ("sentence", "number_start", "number_end", "paragraph", "rounding")
# Listed here so that the help needs no model; a test keeps it equal to model.kinds.SOURCE_CLASSES.
SOURCE_KINDS = ("report", "news-article", "interview", "web-page", "dataset", "briefing")


def _day(text: str | None) -> date | None:
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 1 and len(text) == 4:
            return date(int(text), 12, 31)
    except ValueError:
        pass
    raise UsageError(f"--date takes YYYY-MM-DD, YYYY-MM or YYYY, not '{text}'")


@command()
def extract(
    file: Path = typer.Argument(..., help="A document as UTF-8 text (plain, EUAA-style markdown, news)."),
    day: Optional[str] = DateOpt,
    graph: GraphDir = defaults.GRAPH_DIR,
    fmt: FormatOpt = Format.table,
) -> None:
    """Propose the figures a text states (value, qualifier, bounds, quote and offsets, measure, subject,
    period, total, reporter, citations) and the sources its citations name. Nothing is written."""
    from ..extract import extract_file, load_lexicon
    from ..rdf.literals import plain

    lexicon = load_lexicon(graph if graph.is_dir() else None)
    found = extract_file(file, _day(day), lexicon)
    if fmt is Format.json:
        figures = [{k: v for k, v in jsonable(f).items() if k not in HIDDEN} for f in found.figures]
        footnotes = [{**jsonable(n), "published": n.published} for n in found.footnotes]  # "date" is as written
        write_json({"figures": figures, "footnotes": footnotes, "sources": jsonable(found.sources),
                    "places": jsonable(found.places), "organisations": jsonable(found.organisations)})
    else:
        rows = [(f.wording, plain(f.value), f.qualifier, plain(f.lower), plain(f.upper),
                 f.measure or f"new: {f.proposed_measure}", f.subject, f.period, plain(f.period_start),
                 plain(f.period_end), f.reporter or f.reported_by, f.via_actor or f.via,
                 " ".join(f.citations), f.start, f.quote)
                for f in found.figures]
        render(("wording", "value", "qualifier", "lower", "upper", "measure", "about", "period", "from", "to",
                "reported by", "citing", "citations", "at", "quote"), rows, fmt, title=f"figures in {file}")
    stderr.print(f"{len(found.figures)} figures, {len(found.footnotes)} citations", highlight=False)


@command()
def ingest(
    file: Path = typer.Argument(..., help="A document as UTF-8 text."),
    title: str = typer.Option(..., "--title", help="The document's title."),
    publisher: str = typer.Option(..., "--publisher", help="Publisher: an actor id of the graph, or a name "
                                  "(proposed as a new actor)."),
    day: Optional[str] = DateOpt,
    url: Optional[str] = typer.Option(None, "--url", help="Where the document is published."),
    kind: str = typer.Option("report", "--kind", help=f"Source kind: {', '.join(SOURCE_KINDS)}."),
    source_id: Optional[str] = typer.Option(None, "--id", help="Source id (default: publisher-year-title)."),
    about: Optional[str] = typer.Option(None, "--about", help="Subject (actor or place id) of figures whose "
                                        "text names none; without it they are listed, not written."),
    force: bool = typer.Option(False, "--force", help="Replace a record file that was edited since."),
    graph: GraphDir = defaults.GRAPH_DIR,
) -> None:
    """Extract a document and write graph/sources/<id>.yaml for review: source, citations, figures and
    proposed new actors, measures and sources. Checked with build and validation before it is written;
    running it again on the same document gives the same file."""
    import sys

    from ..extract.ingest import DocumentInfo, ingest_and_write
    from ..model.fields import ID_PATTERN
    from ..model.kinds import SOURCE_CLASSES

    if kind not in SOURCE_CLASSES:
        raise UsageError(f"--kind must be one of {', '.join(SOURCE_CLASSES)}, not '{kind}'")
    if not graph.is_dir():
        raise UsageError(f"graph directory not found: {graph}")
    if source_id is not None and not ID_PATTERN.fullmatch(source_id):
        raise UsageError(f"--id '{source_id}' is not a record id: use lower-case letters, digits, '-' and '.'")
    document_date = _day(day)
    info = DocumentInfo(source_id, title, publisher, kind, day, url, about)
    ingestion, outcome = ingest_and_write(file, info, graph, document_date, force, waiting=lambda: stderr.print(
        f"waiting for another command writing in {graph} to finish", highlight=False))
    writer = ingestion.writer
    figures = len(writer.ex.figures) - len(writer.skipped)
    stderr.print(f"{outcome}: {ingestion.target} ({figures} figures, {len(writer.ex.sources)} citations; new: "
                 f"{len(writer.actors)} actors, {len(writer.measures)} measures, {len(writer.sources)} sources)",
                 highlight=False)
    for f in writer.skipped:
        stderr.print(f"not written (no subject; use --about): {f.quote!r} at {f.start}", highlight=False)
    sys.stdout.write(f"{ingestion.target}\n")
