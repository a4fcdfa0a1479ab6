"""What a check gives: per figure of the text, the figure as extracted, the graph's comparable figures
with their chains, and a verdict with its reason; for the whole text, a summary and the sources it
cites that the graph knows. Ids are record ids; what the graph lacks is named ``new:<id>`` and the
text itself ``@text``. ``as_data`` is the JSON form (``cli/schemas/check.json``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

VERDICTS = ("corroborated", "repeats", "conflicts", "new", "cannot tell")
TEXT_ID = "@text"
NEW_PREFIX = "new:"

Chain = tuple[str, ...]


@dataclass(frozen=True)
class Backing:
    """How a figure is backed: its chains (stating document first), primary sources and origins."""

    chains: tuple[Chain, ...]
    primary_sources: tuple[str, ...]
    origins: tuple[str, ...]
    cycles: tuple[Chain, ...] = ()


@dataclass(frozen=True)
class Match:
    """A figure of the graph for the same measure and subject, for the same period (``periods``
    ``same``, snapshots included) or a nested one, and how it bears on the text's figure."""

    figure: str
    wording: str | None
    value: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    period_start: date | None
    period_end: date | None
    document: str
    reporters: tuple[str, ...]
    backing: Backing
    periods: str  # same | nested
    judgement: str | None  # corroboration | circular | conflict; None: neither confirms nor contradicts
    reason: str


@dataclass(frozen=True)
class CheckedFigure:
    """One figure of the text (``text[start:end] == quote``) and its verdict."""

    number: int  # its place among the text's figures, from 1
    quote: str
    start: int
    end: int
    wording: str
    value: Decimal
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    measure: str | None  # a measure of the graph, or new:<proposed words>
    subject: str | None  # an actor or place of the graph, or new:<proposed place>
    period: str | None
    period_start: date | None
    period_end: date | None
    reporter: str | None  # an actor of the graph, or new:<name>
    reported_by: str | None  # as written
    via: str | None  # whose data the reporter cites, as written
    citations: tuple[str, ...]  # citation keys of the text (footnote numbers, said-<reporter>, ...)
    sources: tuple[str, ...]  # the sources they name
    backing: Backing
    verdict: str  # one of VERDICTS
    reason: str
    missing: tuple[str, ...]  # for "cannot tell": measure, subject, period
    shared_origins: tuple[str, ...]  # for "repeats": the origins the text shares with the graph's figures
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class KnownSource:
    """A source the text cites that the graph holds, and the figures of the text that cite it."""

    key: str
    source: str
    label: str
    figures: tuple[int, ...]  # their numbers


@dataclass(frozen=True)
class CheckResult:
    sha256: str
    length: int
    document_date: date | None
    publisher: str | None
    figures: tuple[CheckedFigure, ...]
    known_sources: tuple[KnownSource, ...]
    labels: dict[str, str]  # every id named, with its label
    in_graph: tuple[str, ...] = ()  # the graph's sources whose kept text is this one (its figures there left out)

    def summary(self) -> dict[str, int]:
        """How many figures got each verdict, every verdict listed."""
        return {v: sum(f.verdict == v for f in self.figures) for v in VERDICTS}

    def as_data(self) -> dict[str, Any]:
        """The JSON form: plain data, ids, arrays, numbers as numbers, dates as ISO text."""
        from ..cli.output import jsonable

        return {"text": {"sha256": self.sha256, "length": self.length,
                         "document_date": jsonable(self.document_date), "publisher": self.publisher,
                         "in_graph": list(self.in_graph)},
                "summary": self.summary(), "figures": jsonable(self.figures),
                "known_sources": jsonable(self.known_sources), "labels": dict(sorted(self.labels.items()))}
