"""Synthetic corpora for scale work: record files that ``build`` accepts, deterministic for a seed.

The shape follows the seed documents: reports whose figures carry footnotes, news articles
that attribute figures inline, cited sources that cite further sources (chains several
hops deep down to datasets and briefings), breakdowns whose parts declare their total,
qualified numbers with their wording, reference periods, actors, districts and regions.
About 20 triples per figure: ``--figures 50000`` gives roughly a million triples.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import bounds
from ..errors import UsageError

# Every qualifier whose bounds follow from one number (ranges and orders of magnitude need more).
QUALIFIERS = [q for q in bounds.RULES if q not in ("range", "order-of-magnitude")]
FIGURES_PER_REPORT = 40
BREAKDOWN_PARTS = 5


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, width=1000)


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


def _period(rng: random.Random) -> dict[str, str]:
    year = rng.randint(2015, 2025)
    if rng.random() < 0.5:
        return {"phrase": f"in {year}", "start": f"{year}-01-01", "end": f"{year}-12-31"}
    month = rng.randint(1, 12)
    last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return {"phrase": f"as of {month:02d}/{year}", "end": f"{year}-{month:02d}-{last:02d}"}


def generate(figures: int, seed: int = 1) -> Corpus:
    """The record files of a corpus with (at least) ``figures`` figures."""
    if figures < 1:
        raise UsageError("--figures must be at least 1")
    rng = random.Random(seed)
    reports = max(1, -(-figures // FIGURES_PER_REPORT))
    n_actors = max(20, reports // 2)
    n_places = max(10, reports // 10)
    n_primary = max(5, reports)
    files: dict[str, str] = {}

    measures = [{"id": f"measure-{i:03d}", "label": f"synthetic measure {i}",
                 "definition": f"A synthetic count, number {i}.", "unit": rng.choice(["person", "case"])}
                for i in range(40)]
    units = [{"id": "person", "label": "persons", "definition": "A count of people."},
             {"id": "case", "label": "cases", "definition": "A count of cases."}]
    districts = [{"id": f"district-{i:02d}", "kind": "military-district", "label": f"District {i}"}
                 for i in range(10)]
    kinds = ["organisation", "government-body", "person"]
    actors = [{"id": f"actor-{i:05d}", "kind": rng.choice(kinds), "label": f"Actor {i}",
               "aliases": [f"A{i}"]} for i in range(n_actors)]
    places = [{"id": f"region-{i:04d}", "kind": "region", "label": f"Region {i}"} for i in range(n_places)]
    files["vocab/measures.yaml"] = _dump({"units": units, "measures": measures})
    files["vocab/actors.yaml"] = _dump({"actors": districts + actors})
    files["vocab/places.yaml"] = _dump({"places": places})
    subjects = [d["id"] for d in districts] + [p["id"] for p in places]

    def actor() -> str:
        return rng.choice(actors)["id"]

    # Primary sources (datasets, briefings), then intermediate sources that cite them,
    # one to three hops deep: the citable pool grows as it goes.
    citable: list[str] = []
    for i in range(n_primary):
        sid = f"primary-{i:05d}"
        files[f"sources/{sid}.yaml"] = _dump({"source": {
            "id": sid, "kind": rng.choice(["dataset", "briefing"]), "label": f"Primary source {i}",
            "publisher": actor(), "published": f"{rng.randint(2015, 2025)}"}})
        citable.append(sid)
    for i in range(n_primary):
        sid = f"article-{i:05d}"
        cites = [{"source": rng.choice(citable), "as": rng.choice(["data-source", "evidence", "cites"])}]
        files[f"sources/{sid}.yaml"] = _dump({"source": {
            "id": sid, "kind": "news-article", "label": f"Article {i}", "title": f"Article {i}",
            "publisher": actor(), "published": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}",
            "cites": cites}})
        citable.append(sid)

    made = 0
    for r in range(reports):
        sid = f"report-{r:05d}"
        count = min(FIGURES_PER_REPORT, figures - made)
        footnotes = [{"id": f"fn{n}", "number": str(n), "cites": rng.choice(citable),
                      "text": f"Footnote {n} of report {r}"} for n in range(1, 11)]
        records = []
        total_id = None
        for k in range(count):
            qualifier = rng.choice(QUALIFIERS)
            value = _value(rng)
            wording = _wording(rng, value, qualifier)
            fid = f"r{r:05d}-f{k:02d}"
            record: dict[str, Any] = {
                "id": fid, "quote": f"{wording} cases", "at": str(k * 120), "wording": wording,
                "value": str(value), "qualifier": qualifier, "measure": rng.choice(measures)["id"],
                "about": rng.choice(subjects), "period": _period(rng),
                "reported-by": [actor()], "citations": [f"fn{rng.randint(1, 10)}"],
            }
            if k == 0 and count > BREAKDOWN_PARTS:
                total_id = fid
                record["qualifier"], record["wording"] = "exact", str(value * 10)
                record["value"] = str(value * 10)
                record["quote"] = f"a total of {value * 10}"
            elif total_id and 1 <= k <= BREAKDOWN_PARTS:
                record["part-of"] = total_id
                record["measure"] = records[0]["measure"]
            records.append(record)
        made += count
        files[f"sources/{sid}.yaml"] = _dump({
            "source": {"id": sid, "kind": "report", "label": f"Report {r}", "publisher": actor(),
                       "published": f"{rng.randint(2018, 2026)}"},
            "citations": footnotes, "figures": records})
        if made >= figures:
            break
    return Corpus(files, made)


def write(corpus: Corpus, target: Path) -> None:
    """Write a corpus folder; an existing folder is replaced only once the new one is complete."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for relative, text in corpus.files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
