"""extract (what a document's text states, nothing written) and ingest (a record file for review)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from collections.abc import Callable

import typer

from .. import defaults
from ..errors import UsageError
from .app import command
from .options import FormatOpt, GraphDir
from .output import Format, counted, jsonable, render, stderr, write_json

DateOpt = typer.Option(None, "--date", help="The document's date, YYYY-MM-DD (or YYYY-MM, YYYY for ingest): closes "
                       "\"since\" and \"currently\" and dates \"in March\" when no cited source is dated.")
PublisherOpt = typer.Option(None, "--publisher", help="Who published the document (an actor id of the graph or "
                            "a name; by default the document's metadata): the source of what it states itself, "
                            "first-person statements included.")
UrlOpt = typer.Option(None, "--url", help="Where the document is published (a saved web page: where it was saved "
                      "from, when the page does not say). figuregraph never fetches it.")
HIDDEN = ("sentence", "number_start", "number_end", "paragraph", "rounding")
# Listed here so that the help needs no model; a test keeps it equal to model.schema.SOURCE_CLASSES.
SOURCE_KINDS = ("report", "news-article", "interview", "web-page", "dataset", "briefing")


def _day(text: str | None) -> date | None:
    from ..extract.periods import reference_day

    try:
        return reference_day(text)
    except ValueError:
        pass
    raise UsageError(f"--date takes YYYY-MM-DD, YYYY-MM or YYYY, not '{text}'")


def _figure_rows(found: Any) -> list[tuple[object, ...]]:
    from ..rdf.literals import plain

    return [(f.wording, plain(f.value), f.qualifier, plain(f.lower), plain(f.upper),
             f.measure or f"new: {f.proposed_measure}", f.subject, f.period, plain(f.period_start),
             plain(f.period_end), f.reporter or f.reported_by, f.via_actor or f.via,
             " ".join(f.citations), f.page, f.start, f.quote)
            for f in found.figures]


FIGURE_COLUMNS = ("wording", "value", "qualifier", "lower", "upper", "measure", "about", "period", "from", "to",
                  "reported by", "citing", "citations", "page", "at", "quote")


def _extraction_json(found: Any) -> dict[str, Any]:
    figures = [{k: v for k, v in jsonable(f).items() if k not in HIDDEN} for f in found.figures]
    footnotes = [{**jsonable(n), "published": n.published} for n in found.footnotes]  # "date" is as written
    return {"figures": figures, "footnotes": footnotes, "sources": jsonable(found.sources),
            "places": jsonable(found.places), "organisations": jsonable(found.organisations)}


def _note_format(path: Path, document: Any) -> None:
    from ..extract.reading import suffix_lies

    if suffix_lies(path, document):
        stderr.print(f"{path}: read as {document.format} (its content), not as its suffix '{path.suffix}' says",
                     highlight=False)


@command()
def extract(
    files: list[Path] = typer.Argument(..., help="Documents (PDF, saved web page, Markdown or UTF-8 text) or "
                                       "folders: every supported file in a folder, told by content."),
    day: str | None = DateOpt,
    url: str | None = UrlOpt,
    publisher: str | None = PublisherOpt,
    title: str | None = typer.Option(None, "--title", help="The document's title (default: the one the document "
                                     "gives): a country report's country (\"Bahrain (2020 Country Reports ...)\") "
                                     "is the subject of figures whose text names none."),
    graph: GraphDir = defaults.GRAPH_DIR,
    fmt: FormatOpt = Format.table,
) -> None:
    """Propose the figures a document states (value, qualifier, bounds, quote and offsets, page, measure,
    subject, period, total, reporter, citations) and the sources its citations and links name. Nothing
    is written."""
    from ..extract import extract_document, load_lexicon
    from ..extract.reading import read

    lexicon = load_lexicon(graph if graph.is_dir() else None)
    document_date = _day(day)

    def extracted(path: Path, page_url: str | None = None) -> tuple[Any, Any]:
        document = read(path, page_url)
        _note_format(path, document)
        return document, extract_document(document, document_date, lexicon, publisher, title)

    if _several(files):
        if url or title:
            raise UsageError("--url and --title name one document; not with a folder or several files")
        documents: list[dict[str, Any]] = []

        def one(path: Path) -> str:
            document, found = extracted(path)
            documents.append({"file": str(path), "format": document.format, **_extraction_json(found)})
            if fmt is not Format.json:
                render(FIGURE_COLUMNS, _figure_rows(found), fmt, title=f"figures in {path}")
            return counted(len(found.figures), "figure")

        failed = over_files(files, one)
        if fmt is Format.json:
            write_json({"documents": documents, "failed": [{"file": str(p), "message": m} for p, m in failed]})
        if failed:
            raise typer.Exit(2)
        return
    (file,) = files
    document, found = extracted(file, url)
    if fmt is Format.json:
        write_json(_extraction_json(found))
    else:
        render(FIGURE_COLUMNS, _figure_rows(found), fmt, title=f"figures in {file}")
    stderr.print(f"{counted(len(found.figures), 'figure')}, {counted(len(found.footnotes), 'citation')} "
                 f"({document.format})", highlight=False)


@command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Documents (PDF, saved web page, Markdown or UTF-8 text) or "
                                       "folders: one record file for each document, and for each supported file "
                                       "in a folder."),
    title: str | None = typer.Option(None, "--title", help="The document's title (default: the one the document "
                                     "states in its metadata)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Publisher: an actor id of the graph, or a "
                                         "name (proposed as a new actor); default: the one the document states."),
    day: str | None = DateOpt,
    url: str | None = UrlOpt,
    kind: str = typer.Option("report", "--kind", help=f"Source kind: {', '.join(SOURCE_KINDS)}."),
    source_id: str | None = typer.Option(None, "--id", help="Source id (default: publisher-year-title)."),
    about: str | None = typer.Option(None, "--about", help="Subject (actor or place id) of figures whose "
                                     "text names none; without it they are listed, not written."),
    force: bool = typer.Option(False, "--force", help="Replace a record file that was edited since."),
    graph: GraphDir = defaults.GRAPH_DIR,
) -> None:
    """Extract a document and write graph/sources/<id>.yaml for review (source, citations, figures and
    proposed new actors, measures and sources), with the converted text as graph/texts/<id>.txt.
    Title, publisher, date, URL and authors come from the document's metadata unless given. Checked
    with build and validation before it is written; running it again gives the same file."""
    import sys

    from ..extract.ingest import DocumentInfo, ingest_and_write
    from ..extract.reading import read
    from ..model.fields import ID_PATTERN
    from ..model.schema import SOURCE_CLASSES

    if kind not in SOURCE_CLASSES:
        raise UsageError(f"--kind must be one of {', '.join(SOURCE_CLASSES)}, not '{kind}'")
    if not graph.is_dir():
        raise UsageError(f"graph directory not found: {graph}")
    if source_id is not None and not ID_PATTERN.fullmatch(source_id):
        raise UsageError(f"--id '{source_id}' is not a record id: use lower-case letters, digits, '-' and '.'")
    if _several(files) and (title or source_id or url):
        raise UsageError("--title, --id and --url name one document; not with a folder or several files")
    document_date = _day(day)
    info = DocumentInfo(source_id, title, publisher, kind, day, url, about)

    def one(path: Path) -> str:
        document = read(path, url)
        _note_format(path, document)
        ingestion, outcome = ingest_and_write(path, info, graph, document_date, force, waiting=lambda: stderr.print(
            f"waiting for another command writing in {graph} to finish", highlight=False), document=document)
        writer = ingestion.writer
        figures = len(writer.ex.figures) - len(writer.skipped)
        for f in writer.skipped:
            stderr.print(f"{path}: not written (no subject; use --about): {f.quote!r} at {f.start}", highlight=False)
        sys.stdout.write(f"{ingestion.target}\n")
        return (f"{outcome}: {ingestion.target} ({counted(figures, 'figure')}, "
                f"{counted(len(writer.ex.sources), 'citation')}; new: "
                f"{counted(len(writer.actors), 'actor')}, {counted(len(writer.measures), 'measure')}, "
                f"{counted(len(writer.sources), 'source')})")

    if _several(files):
        if over_files(files, one):
            raise typer.Exit(2)
        return
    stderr.print(one(files[0]), highlight=False)


def _several(paths: list[Path]) -> bool:
    """Whether the arguments name more than one document: several paths, or a folder."""
    return len(paths) > 1 or paths[0].is_dir()


def over_files(paths: list[Path], one: Callable[[Path], str]) -> list[tuple[Path, str]]:
    """Run ``one`` on every file named and every supported file of the folders named (told by
    content), with a progress bar on stderr as the command shows them (``progress``); a failure is
    reported with the file's name and the rest go on. Returns the failures; a summary ends the run."""
    from .. import progress
    from ..errors import FigureGraphError
    from ..extract.reading import supported_files

    files: list[Path] = []
    skipped: list[Path] = []
    for given in paths:
        if given.is_dir():
            found, others = supported_files(given)
            files += found
            skipped += others
        else:
            files.append(given)  # a file named is read, and fails by its name if it is no document
    failed: list[tuple[Path, str]] = []
    done = 0
    label = f"reading {paths[0]}" if len(paths) == 1 else f"reading {counted(len(files), 'document')}"
    for path in progress.track(files, label, unit="files"):
        try:
            stderr.print(f"{path}: {one(path)}", highlight=False)
            done += 1
        except FigureGraphError as exc:
            message = str(exc)
            stderr.print(f"[red]failed[/]: {message if str(path) in message else f'{path}: {message}'}",
                         markup=True, highlight=False)
            failed.append((path, message))
    stderr.print(f"{done} of {len(files)} documents read, {len(failed)} failed"
                 + (f", {counted(len(skipped), 'file')} skipped (not a document: "
                    f"{', '.join(p.name for p in skipped[:5])}"
                    f"{', ...' if len(skipped) > 5 else ''})" if skipped else ""), highlight=False)
    return failed
