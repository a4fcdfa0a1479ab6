"""Measures across documents: the development documents of the corpus ingested one after another
into a copy of the seed graph (as a user runs ``ingest`` on each, then ``audit``), and each
figure's measure checked against its key's.

    python benchmarks/bench_measures.py --out benchmarks/MEASURES.md
    python benchmarks/bench_measures.py --limit 20 -v     # the first 20 documents, wrong ones listed

Only keys whose ``split:`` line says ``dev`` are read (``score_extract.development``). A written
figure is the keyed one whose number it overlaps (as ``score_extract`` pairs them); one that
overlaps none is an extra and has no keyed measure.

When two measures count the same thing (``same_thing``; the rule the numbers below are judged by,
kept apart from the matcher it judges): both or neither are shares, percentages or multiples;
the first word of each that names a kind of unit (persons, events, cases, money, lengths and
areas) names the same kind, or neither names one; they share a content word, not counting words
that say only the kind (people, persons, number, share, ...); and they name no two different
outcomes (killed, injured, displaced, detained, returned: "civilians killed" is not "civilians
injured"). A figure's measure is right
when its label (the graph's, or the one ingest proposed) counts the same thing as the key's; an
audit finding is false when the two figures' keyed measures do not, true when they do.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import figuregraph as fg
from figuregraph.audit import run_audit
from figuregraph.errors import InputError
from figuregraph.extract.ingest import DocumentInfo, check_and_write, ingest
from figuregraph.extract.lexicon import load_lexicon
from figuregraph.extract.reading import read
from figuregraph.model.records import Document, parse_text
from figuregraph.rdf.namespace import local_id

from common import publish
from score_extract import CORPUS, GRAPH, development, document_date, keyed_spans, paired

SHARE = {"share", "percent", "percentage", "proportion", "rate", "multiple", "times", "fold"}
KINDS = {
    "person": """people persons person individuals refugees refugee migrants migrant civilians children child women
        men soldiers troops personnel deserters idps displaced members demonstrators protesters detainees prisoners
        casualties deaths killed dead injured wounded fighters workers staff students activists residents
        population asylum seekers returnees arrivals journalists victims survivors patients""",
    "event": """events event incidents incident attacks attack strikes strike protests protest demonstrations
        demonstration clashes clash killings battles battle explosions riots raids""",
    "case": "cases case proceedings trials convictions sentences charges prosecutions applications claims",
    "money": """rubles roubles dollars usd euros eur pounds budget spending funding cost costs earnings revenue
        revenues gdp income aid""",
    "extent": "km kilometres kilometers square hectares miles metres",
}
OUTCOMES = {"killed": "killed", "dead": "killed", "deaths": "killed", "died": "killed", "killings": "killed",
            "injured": "injured", "wounded": "injured", "injuries": "injured", "displaced": "displaced",
            "fled": "displaced", "idps": "displaced", "detained": "detained", "arrested": "detained",
            "arrests": "detained", "detainees": "detained", "returned": "returned", "returnees": "returned"}
KIND_OF = {w: kind for kind, words in KINDS.items() for w in words.split()}
# words that say only what kind of thing is counted, not which: no evidence of the same measure
GENERIC = {"peopl", "person", "individ", "number", "share", "percen", "propor", "rate", "total", "multip", "time"}
STOP = {"the", "a", "an", "of", "in", "on", "for", "and", "to", "by", "from", "with", "who", "were", "are", "is",
        "was", "as", "at", "that", "which", "their", "its", "per", "all", "into", "out", "than"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z%$€£]+", text.lower().replace("%", " % "))


def stems(text: str) -> set[str]:
    return {w.rstrip("s")[:6] for w in words(text) if w not in STOP and len(w) > 2}


def kind(text: str) -> tuple[bool, str | None]:
    """Whether a measure is a share (or multiple), and the kind of unit its first unit word names."""
    ws = words(text)
    share = any(w in SHARE or w == "%" for w in ws)
    return share, next((KIND_OF[w] for w in ws if w in KIND_OF), None)


def same_thing(a: str, b: str) -> bool:
    """Whether two measures (a few plain words each) count the same thing (the module's rule)."""
    if kind(a) != kind(b):
        return False
    outcomes = [{OUTCOMES[w] for w in words(x) if w in OUTCOMES} for x in (a, b)]
    if all(outcomes) and not outcomes[0] & outcomes[1]:
        return False
    sa, sb = stems(a), stems(b)
    da, db = sa - GENERIC, sb - GENERIC
    return bool(da & db) if da and db else bool(sa & sb)


@dataclass
class Tally:
    figures: int = 0  # written figures paired with a keyed one
    right: int = 0
    unnamed: int = 0  # given a measure of their own ("unnamed measure"): nothing to compare
    from_earlier: int = 0  # matched a measure an earlier document's ingest proposed
    from_earlier_right: int = 0
    extras: int = 0
    refused: list[str] = field(default_factory=list)
    findings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, true|false|extra)
    wrong: list[str] = field(default_factory=list)


def ingest_one(key: dict[str, Any], graph: Path, tally: Tally) -> tuple[dict[str, tuple[str, str | None]], set[str]]:
    """Ingest one document's text into ``graph``: each written figure's id -> (its measure id, the
    keyed measure of the figure it is, None for an extra); and the measures its record file proposes."""
    path = CORPUS / "texts" / f"{key['id']}.txt"
    text = path.read_text(encoding="utf-8")
    published = key.get("date")
    info = DocumentInfo(key["id"], key.get("title") or key["id"], key.get("publisher"),  # (a few keys: no title)
                        published=str(published) if published else None)
    try:
        ingestion = ingest(path, info, graph, document_date(key), read(path))
        check_and_write(ingestion, force=True)
    except InputError as exc:
        tally.refused.append(f"{key['id']}: {str(exc).splitlines()[0]}")
        return {}, set()
    record = parse_text(ingestion.content, ingestion.target)
    assert isinstance(record, Document)
    by_start = {f.start: f for f in ingestion.writer.ex.figures}
    keyed = keyed_spans(key, text)
    taken: set[int] = set()
    out: dict[str, tuple[str, str | None]] = {}
    for figure in record.figures:
        k = paired(by_start[figure.at], keyed, taken) if figure.at is not None else None
        measure = figure.measure.id if figure.measure else ""
        out[figure.id] = (measure, None if k is None else str(k.get("measure") or ""))
    return out, {m.id for m in record.vocabulary.measures} if record.vocabulary else set()


def judge(figures: dict[str, tuple[str, str | None]], documents: dict[str, str], proposed_by: dict[str, str],
          graph: Path, tally: Tally, verbose: bool) -> None:
    """Each figure's measure against its key, then the audit's findings against the keyed measures."""
    labels = {m.id: m.label for m in load_lexicon(graph).measures}
    for ident, (measure, keyed) in sorted(figures.items()):
        if keyed is None:
            tally.extras += 1
            continue
        tally.figures += 1
        label = labels.get(measure, measure)
        earlier = proposed_by.get(measure, documents[ident]) != documents[ident]
        if label == "unnamed measure":
            tally.unnamed += 1
            continue
        ok = same_thing(label, keyed)
        tally.right += ok
        tally.from_earlier += earlier
        tally.from_earlier_right += earlier and ok
        if not ok and verbose:
            tally.wrong.append(f"  {ident}: {label!r}{' (an earlier proposal)' if earlier else ''}, keyed {keyed!r}")
    audit = run_audit(fg.build(graph).oxigraph())
    for pair in audit.pairs:
        ka, kb = (figures.get(local_id(x), ("", None))[1] for x in (pair.a, pair.b))
        verdict = "extra" if ka is None or kb is None else "true" if same_thing(ka, kb) else "false"
        tally.findings[(pair.kind, verdict)] += 1
        if verdict == "false" and verbose:
            tally.wrong.append(f"  {pair.kind}: {local_id(pair.a)} ({ka!r}) ~ {local_id(pair.b)} ({kb!r})")


def report(tally: Tally, docs: int, seconds: float) -> list[str]:
    named = tally.figures - tally.unnamed
    lines = [f"{docs} documents ingested one after another ({seconds:.0f} s); {tally.figures} written figures "
             f"paired with keyed ones, {tally.extras} extras; {len(tally.refused)} documents refused.", "",
             "| | figures | right | share |", "| --- | ---: | ---: | ---: |",
             f"| with a named measure | {named} | {tally.right} | {tally.right / named if named else 0:.2f} |",
             f"| of which an earlier document's proposal | {tally.from_earlier} | {tally.from_earlier_right} | "
             f"{tally.from_earlier_right / tally.from_earlier if tally.from_earlier else 0:.2f} |",
             f"| a measure of its own (unnamed) | {tally.unnamed} | | |", "",
             "| audit finding | keyed measures agree | differ (false) | an extra involved |",
             "| --- | ---: | ---: | ---: |"]
    for k in ("corroboration", "circular", "conflict"):
        lines.append(f"| {k} | {tally.findings[(k, 'true')]} | {tally.findings[(k, 'false')]} | "
                     f"{tally.findings[(k, 'extra')]} |")
    return lines + ([""] + [f"refused: {r}" for r in tally.refused] if tally.refused else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N development documents")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong measures and false findings")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    keys = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in development()]
    keys = [k for k in keys if (CORPUS / "texts" / f"{k['id']}.txt").exists()][:args.limit]
    tally = Tally()
    figures: dict[str, tuple[str, str | None]] = {}
    documents: dict[str, str] = {}  # figure id -> the document it was read from
    proposed_by: dict[str, str] = {}  # measure id -> the document whose ingest proposed it
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph"
        shutil.copytree(GRAPH, graph)
        for key in keys:
            written, proposed = ingest_one(key, graph, tally)  # the record as written, parsed once
            figures.update(written)
            documents.update(dict.fromkeys(written, key["id"]))
            for m in proposed:
                proposed_by.setdefault(m, key["id"])
        judge(figures, documents, proposed_by, graph, tally, args.verbose)
    lines = report(tally, len(keys), time.perf_counter() - started)
    if args.verbose:
        print("\n".join(tally.wrong), file=sys.stderr)
    publish(lines, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
