"""Synthetic corpora for scale work: record files that ``build`` accepts, deterministic for a seed.

The shape follows the seed documents: reports whose figures carry footnotes, news articles
that attribute figures inline, cited sources that cite further sources (chains several
hops deep down to datasets and briefings), breakdowns whose parts declare their total,
qualified numbers with their wording, reference periods, actors, districts and regions.
About 20 triples per figure: ``--figures 50000`` gives roughly a million triples.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import progress
from ..errors import UsageError
from ..files.swap import replacing
from . import bounds
from .records import (
    Actor,
    Citation,
    Document,
    Figure,
    Measure,
    Origin,
    Period,
    Place,
    Ref,
    Source,
    SourceCite,
    Unit,
    Vocabulary,
    dump,
)

# Every qualifier whose bounds follow from one number (ranges and orders of magnitude need more).
QUALIFIERS = [q for q in bounds.RULES if q not in ("range", "order-of-magnitude")]
FIGURES_PER_REPORT = 40
BREAKDOWN_PARTS = 5


@dataclass
class Corpus:
    """File contents by relative path."""

    files: dict[str, str]
    figures: int


def _wording(rng: random.Random, value: int, qualifier: str) -> str:
    words = {"exact": "", "about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ",
             "at-least": "at least ", "up-to": "up to "}
    digits = f"{value:,}".replace(",", rng.choice([" ", ",", "\u00a0", ""]))
    return words[qualifier] + digits


def _value(rng: random.Random) -> int:
    magnitude = rng.choice([10, 100, 1000, 10000])
    return rng.randint(1, 999) * magnitude // rng.choice([1, 1, 10])


def _period(rng: random.Random) -> Period:
    year = rng.randint(2015, 2025)
    if rng.random() < 0.5:
        return Period(f"in {year}", date(year, 1, 1), date(year, 12, 31))
    month = rng.randint(1, 12)
    last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return Period(f"as of {month:02d}/{year}", end=date(year, month, last))


def _figure(path: Path, fid: str, value: int, qualifier: str, wording: str, quote: str, at: int, measure: str,
            subject: str, period: Period, reporter: str, citation: str, part_of: str | None) -> Figure:
    g = bounds.rounding_unit(str(value))
    lower, upper = bounds.derive(qualifier, Decimal(value), g)
    return Figure(fid, quote, Origin(path, 0, fid), [Ref(subject)], at=at, reported_by=[Ref(reporter)],
                  citations=[Ref(citation)], wording=wording, value=Decimal(value), qualifier=qualifier,
                  rounding=g, lower=lower, upper=upper, measure=Ref(measure), period=period,
                  part_of=Ref(part_of) if part_of else None)


def generate(figures: int, seed: int = 1) -> Corpus:
    """The record files of a corpus with (at least) ``figures`` figures, written by ``dump``."""
    if figures < 1:
        raise UsageError("--figures must be at least 1")
    rng = random.Random(seed)
    reports = max(1, -(-figures // FIGURES_PER_REPORT))
    n_actors = max(20, reports // 2)
    n_places = max(10, reports // 10)
    n_primary = max(5, reports)
    files: dict[str, str] = {}

    def at(relative: str) -> Path:
        return Path(relative)

    vocab = at("vocab/measures.yaml")
    measures = [Measure(f"measure-{i:03d}", f"synthetic measure {i}", f"A synthetic count, number {i}.",
                        Ref(rng.choice(["person", "case"])), Origin(vocab, 0, f"measure-{i:03d}")) for i in range(40)]
    units = [Unit("person", "persons", "A count of people.", Origin(vocab, 0, "person")),
             Unit("case", "cases", "A count of cases.", Origin(vocab, 0, "case"))]
    actors_file = at("vocab/actors.yaml")
    districts = [Actor(f"district-{i:02d}", "military-district", f"District {i}",
                       Origin(actors_file, 0, f"district-{i:02d}")) for i in range(10)]
    kinds = ["organisation", "government-body", "person"]
    actors = [Actor(f"actor-{i:05d}", rng.choice(kinds), f"Actor {i}", Origin(actors_file, 0, f"actor-{i:05d}"),
                    aliases=[f"A{i}"]) for i in range(n_actors)]
    places_file = at("vocab/places.yaml")
    places = [Place(f"region-{i:04d}", "region", f"Region {i}", Origin(places_file, 0, f"region-{i:04d}"))
              for i in range(n_places)]
    files["vocab/measures.yaml"] = dump(Vocabulary(vocab, units=units, measures=measures))
    files["vocab/actors.yaml"] = dump(Vocabulary(actors_file, actors=districts + actors))
    files["vocab/places.yaml"] = dump(Vocabulary(places_file, places=places))
    subjects = [d.id for d in districts] + [p.id for p in places]

    def actor() -> str:
        return rng.choice(actors).id

    def write_source(source: Source, **parts: Any) -> None:
        relative = f"sources/{source.id}.yaml"
        files[relative] = dump(Document(Path(relative), source, **parts))

    # Primary sources (datasets, briefings), then intermediate sources that cite them,
    # one to three hops deep: the citable pool grows as it goes.
    citable: list[str] = []
    for i in range(n_primary):
        sid = f"primary-{i:05d}"
        write_source(Source(sid, rng.choice(["dataset", "briefing"]), f"Primary source {i}",
                            Origin(Path(sid), 0, sid), publisher=Ref(actor()), published=f"{rng.randint(2015, 2025)}"))
        citable.append(sid)
    for i in range(n_primary):
        sid = f"article-{i:05d}"
        cites = [SourceCite(Ref(rng.choice(citable)), rng.choice(["data-source", "evidence", "cites"]))]
        write_source(Source(sid, "news-article", f"Article {i}", Origin(Path(sid), 0, sid), title=f"Article {i}",
                            publisher=Ref(actor()), published=f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}",
                            cites=cites))
        citable.append(sid)

    made = 0
    for r in progress.track(range(reports), "generating records", unit="reports"):
        sid = f"report-{r:05d}"
        path = Path(f"sources/{sid}.yaml")
        count = min(FIGURES_PER_REPORT, figures - made)
        footnotes = [Citation(f"fn{n}", Ref(rng.choice(citable)), f"Footnote {n} of report {r}",
                              Origin(path, 0, f"fn{n}"), number=str(n)) for n in range(1, 11)]
        records: list[Figure] = []
        total: Figure | None = None
        for k in range(count):
            qualifier = rng.choice(QUALIFIERS)
            value = _value(rng)
            wording = _wording(rng, value, qualifier)
            measure = rng.choice(measures).id
            subject, period, reporter = rng.choice(subjects), _period(rng), actor()
            citation = f"fn{rng.randint(1, 10)}"
            fid = f"r{r:05d}-f{k:02d}"
            if k == 0 and count > BREAKDOWN_PARTS:
                figure = total = _figure(path, fid, value * 10, "exact", str(value * 10), f"a total of {value * 10}",
                                         k * 120, measure, subject, period, reporter, citation, None)
            elif total is not None and 1 <= k <= BREAKDOWN_PARTS:
                figure = _figure(path, fid, value, qualifier, wording, f"{wording} cases", k * 120,
                                 records[0].measure.id if records[0].measure else measure, subject, period, reporter,
                                 citation, total.id)
            else:
                figure = _figure(path, fid, value, qualifier, wording, f"{wording} cases", k * 120, measure,
                                 subject, period, reporter, citation, None)
            records.append(figure)
        made += count
        write_source(Source(sid, "report", f"Report {r}", Origin(path, 0, sid), publisher=Ref(actor()),
                            published=f"{rng.randint(2018, 2026)}"), citations=footnotes, figures=records)
        if made >= figures:
            break
    return Corpus(files, made)


def write(corpus: Corpus, target: Path) -> None:
    """Write a corpus folder; an existing folder is replaced only once the new one is complete."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    with replacing(target) as folder:
        for relative, text in progress.track(corpus.files.items(), "writing records", unit="files"):
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
