"""A new graph folder: the vocabularies and two source documents that show each part of a record
(a figure with its quote, qualifier, bounds, measure, period and reporter; a footnote citing a
primary source), written by the one writer (``records.dump``). It builds and validates as it is,
and is meant to be edited: replace the examples with your own records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from . import bounds
from .records import Actor, Citation, Document, Figure, Measure, Origin, Period, Place, Ref, Source, Unit, \
    Vocabulary, dump

GRAPH = Path("graph")


def _origin(path: Path, record: str) -> Origin:
    return Origin(path, 0, record)


def _vocabularies() -> dict[Path, tuple[Vocabulary, str]]:
    actors, places, measures = (Path("vocab") / name for name in ("actors.yaml", "places.yaml", "measures.yaml"))
    return {
        actors: (Vocabulary(actors, actors=[
            Actor("example-agency", "organisation", "Example Agency", _origin(actors, "example-agency"),
                  aliases=["EA"]),
            Actor("example-statistics-office", "government-body", "Example Statistics Office",
                  _origin(actors, "example-statistics-office")),
        ]), "Who publishes, reports or is counted: organisations, government bodies, persons, military formations."),
        places: (Vocabulary(places, places=[Place("example-region", "region", "Example Region",
                                                  _origin(places, "example-region"))]),
                 "What figures are about when it is a place: countries, regions, cities."),
        measures: (Vocabulary(measures, units=[
            Unit("person", "persons", "A count of people.", _origin(measures, "person"))], measures=[
            Measure("example-arrivals", "arrivals", "Persons arriving in a place during a period.", Ref("person"),
                    _origin(measures, "example-arrivals"))]),
            "What figures count (measures) and in what (units): one concept each, defined once."),
    }


def _documents() -> dict[Path, tuple[Document, str]]:
    report, data = Path("sources") / "example-agency-2025-report.yaml", Path("sources") / "example-2024-arrivals.yaml"
    lower, upper = bounds.derive("about", Decimal(1200), Decimal(100))
    figure = Figure("example-arrivals-2024", "about 1 200 people arrived", _origin(report, "example-arrivals-2024"),
                    [Ref("example-region")], at=0, reported_by=[Ref("example-statistics-office")],
                    citations=[Ref("fn1")], wording="about 1 200", value=Decimal(1200), qualifier="about",
                    rounding=Decimal(100), lower=lower, upper=upper, measure=Ref("example-arrivals"),
                    period=Period("in 2024", date(2024, 1, 1), date(2024, 12, 31)))
    return {
        data: (Document(data, Source("example-2024-arrivals", "dataset", "Example arrivals data 2024",
                                     _origin(data, "example-2024-arrivals"), title="Arrivals by region, 2024",
                                     publisher=Ref("example-statistics-office"), published="2025-01",
                                     url="https://example.org/arrivals-2024")),
               "A primary source: it cites nothing further."),
        report: (Document(report, Source("example-agency-2025-report", "report", "Example Agency report 2025",
                                         _origin(report, "example-agency-2025-report"),
                                         title="Arrivals in Example Region", publisher=Ref("example-agency"),
                                         published="2025-03-01", url="https://example.org/report-2025"),
                          citations=[Citation("fn1", Ref("example-2024-arrivals"),
                                              "Example Statistics Office, Arrivals by region, 2024, table 2",
                                              _origin(report, "fn1"), number="1", locator="table 2")],
                          figures=[figure]),
                 "One document: its metadata, its footnotes, the figures it states (each with its quote)."),
    }


def skeleton() -> dict[Path, str]:
    """The text of every file of a new graph folder, by path below it."""
    files: dict[Path, tuple[Vocabulary | Document, str]] = {**_vocabularies(), **_documents()}
    return {path: dump(record, [about, "Example records: replace them with your own (every field is described "
                                "in figuregraph's records reference, docs/records.md)."])
            for path, (record, about) in sorted(files.items())}
