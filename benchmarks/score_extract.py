"""Score ``extract`` against the hand-made keys of the corpus (benchmarks/corpus/).

    python benchmarks/score_extract.py                 # the dev part: totals and per document
    python benchmarks/score_extract.py --split held-out
    python benchmarks/score_extract.py --split all --out benchmarks/EXTRACT-SCORES.md
    python benchmarks/score_extract.py --doc ID -v     # one document, every miss shown

A proposed figure matches a keyed one when their numbers overlap in the text (one to one).
Figures: precision, recall, F1. Fields (over matched figures): value, qualifier and bounds,
period, reporter, subject, measure (loose: shared content words), footnotes; and "footnotes
linked": the keyed (figure, marker) pairs that the proposal carries. Names compare after
folding case, articles, possessives and punctuation; either may contain the other; a keyed
place also matches under another of its names in the gazetteer ("UK", "United Kingdom")."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from collections.abc import Iterable

import yaml

from figuregraph.extract import Found, extract_text, load_lexicon
from figuregraph.extract.gazetteer import find_places
from common import publish

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GRAPH = HERE.parent / "graph"
SPLIT = re.compile(r"^split:\s*(\S+)", re.MULTILINE)
FIELDS = ("value", "bounds", "period", "reporter", "subject", "measure", "footnotes")
STOP = {"the", "a", "an", "of", "in", "on", "for", "and", "to", "by", "from", "with", "s", "who", "were", "are",
        "is", "was", "as", "at", "number", "total", "people", "persons"}


def fold(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name.lower())
    name = re.sub(r"[^\w\s]", " ", name)
    words = [w for w in name.split() if w not in ("the", "a", "an")]
    return " ".join(words)


def same_name(got: str | None, wanted: Iterable[str]) -> bool:
    if not got:
        return False
    g = fold(got)
    for w in wanted:
        f = fold(str(w))
        if g and f and (g == f or re.search(rf"\b{re.escape(f)}\b", g) or re.search(rf"\b{re.escape(g)}\b", f)):
            return True
    return False


def same_place(got: str | None, wanted: Iterable[str], labels: dict[str, str]) -> bool:
    """Whether a keyed name is another name of the place proposed ("UK" for the United Kingdom),
    as the gazetteer reads it."""
    if not got:
        return False
    for w in wanted:
        for _named, place in find_places(str(w), 0, len(str(w))):
            if place.id == got or fold(place.label) == fold(labels.get(got, got)):
                return True
    return False


def stems(text: str) -> set[str]:
    return {w.rstrip("s")[:6] for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2}


def number(x: object) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def day(x: object) -> date | None:
    if x is None:
        return None
    if isinstance(x, date):
        return x
    return date.fromisoformat(str(x))


def document_date(key: dict[str, Any]) -> date | None:
    d = key.get("date")
    if d is None:
        return None
    if isinstance(d, date):
        return d
    text = str(d)
    if len(text) == 4:
        return date(int(text), 12, 31)
    if len(text) == 7:
        return date(int(text[:4]), int(text[5:7]), 1)
    return date.fromisoformat(text)


def development() -> list[Path]:
    """The development documents' keys, in name order: those whose ``split:`` line says ``dev``. A
    held-out key is read no further than that line (for bench_extract.py and check_extract_same.py,
    which must never open a held-out text)."""
    out = []
    for path in sorted((CORPUS / "keys").glob("*.yaml")):
        found = SPLIT.search(path.read_text(encoding="utf-8"))
        if found and found.group(1) == "dev":
            out.append(path)
    return out


@dataclass
class Score:
    keyed: int = 0
    proposed: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    pairs: int = 0
    pairs_linked: int = 0
    misses: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    docs: int = 0  # how many documents were added up (shown in the table)

    def add(self, other: Score) -> None:
        self.keyed += other.keyed
        self.proposed += other.proposed
        self.matched += other.matched
        self.pairs += other.pairs
        self.pairs_linked += other.pairs_linked
        for k in FIELDS:
            self.right[k] += other.right[k]

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.keyed if self.keyed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.matched if self.matched else 0.0

    @property
    def linked(self) -> float:
        return self.pairs_linked / self.pairs if self.pairs else 1.0


def locate(text: str, quote: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(quote, at + 1)
    return at


def keyed_spans(key: dict[str, Any], text: str) -> list[tuple[int, int, int, dict[str, Any]]]:
    """Each keyed figure's wording in ``text``: its start, end, index in the key, and the figure."""
    keyed = []
    for i, k in enumerate(key.get("figures") or []):
        at = locate(text, k["quote"], int(k.get("occurrence", 1)))
        start = at + k["quote"].index(k["wording"])
        keyed.append((start, start + len(k["wording"]), i, k))
    return keyed


def paired(f: Found, keyed: list[tuple[int, int, int, dict[str, Any]]], taken: set[int]) -> dict[str, Any] | None:
    """The first keyed figure not yet ``taken`` whose wording overlaps the found figure's number
    (or whole wording), marked taken; None for an extra."""
    a, b = (f.number_start, f.number_end) if f.number_end else (f.start, f.end)
    for start, end, i, k in keyed:
        if i not in taken and start < b and a < end:
            taken.add(i)
            return k
    return None


def reporter_name(f: Found, labels: dict[str, str]) -> str | None:
    return f.reported_by or (labels.get(f.reporter) if f.reporter else None) or f.reporter


def subject_name(f: Found, labels: dict[str, str], proposed: dict[str, Any] | None = None) -> str | None:
    if not f.subject:
        return None
    if f.subject in labels:
        return labels[f.subject]
    place = (proposed or {}).get(f.subject)
    return place.label if place is not None else f.subject


def score_document(key: dict[str, Any], text: str, lexicon: Any, verbose: bool) -> Score:
    score = Score()
    info = {"publisher": key.get("publisher"), "title": key.get("title")}
    extraction = extract_text(text, document_date(key), lexicon, **_document_info(info))
    found, proposed = extraction.figures, getattr(extraction, "places", {})
    labels = lexicon.labels
    keyed = keyed_spans(key, text)
    score.keyed, score.proposed = len(keyed), len(found)
    taken: set[int] = set()
    for f in found:
        k = paired(f, keyed, taken)
        if k is None:
            if verbose:
                a, b = (f.number_start, f.number_end) if f.number_end else (f.start, f.end)
                score.misses.append(f"  extra    {text[a:b]!r} in {f.quote!r}")
            continue
        score.matched += 1
        checks = field_checks(f, k, labels, proposed)
        score.rows.append({"doc": key["id"], "wording": k["wording"], **checks,
                           "got": {n: str(shown(n, f, labels)) for n in FIELDS}})
        for name, ok in checks.items():
            score.right[name] += ok
            if verbose and not ok:
                score.misses.append(f"  {name:<9}{k['wording']!r}: got {shown(name, f, labels)!r}, "
                                    f"keyed {keyed_value(name, k)!r}")
        cited = set(f.citations)
        for marker in k.get("footnotes") or []:
            score.pairs += 1
            score.pairs_linked += str(marker) in cited
    for _start, _end, i, k in keyed:
        for _marker in (k.get("footnotes") or []) if i not in taken else []:
            score.pairs += 1
        if i not in taken and verbose:
            score.misses.append(f"  missed   {k['wording']!r} in {k['quote']!r}")
    return score


def _document_info(info: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments extract_text takes for what a user says of the document (as ingest does)."""
    import inspect

    accepted = inspect.signature(extract_text).parameters
    return {k: v for k, v in info.items() if k in accepted}


def field_checks(f: Found, k: dict[str, Any], labels: dict[str, str], proposed: dict[str, Any]) -> dict[str, bool]:
    period = k.get("period") or {}
    return {
        "value": number(f.value) == number(k["value"]) and bool(f.percent) == bool(k.get("percent")),
        "bounds": f.qualifier == k["qualifier"] and number(f.lower) == number(k.get("lower"))
        and number(f.upper) == number(k.get("upper")),
        "period": (f.period_start, f.period_end) == (day(period.get("start")), day(period.get("end"))),
        "reporter": same_name(reporter_name(f, labels), k.get("reporter") or []),
        "subject": (not k.get("subject") and not f.subject) or same_name(subject_name(f, labels, proposed),
                                                                          k.get("subject") or [])
        or same_place(f.subject, k.get("subject") or [], labels),
        "measure": bool(stems(str(k.get("measure", ""))) & stems(" ".join(
            filter(None, [labels.get(f.measure or "", f.measure or ""), f.proposed_measure])))),
        "footnotes": markers(f) == {str(m) for m in k.get("footnotes") or []},
    }


def markers(f: Found) -> set[str]:
    """The figure's citations that are markers in the text (not inline references or statements)."""
    return {c for c in f.citations if not c.startswith(("said-", "ref-"))}


def shown(name: str, f: Found, labels: dict[str, str]) -> object:
    return {"value": (f.value, f.percent), "bounds": (f.qualifier, f.lower, f.upper),
            "period": (f.period_start, f.period_end), "reporter": reporter_name(f, labels),
            "subject": subject_name(f, labels), "measure": f.measure or f.proposed_measure,
            "footnotes": sorted(markers(f))}[name]


def keyed_value(name: str, k: dict[str, Any]) -> object:
    p = k.get("period") or {}
    return {"value": (k["value"], k.get("percent", False)), "bounds": (k["qualifier"], k.get("lower"), k.get("upper")),
            "period": (p.get("start"), p.get("end")), "reporter": k.get("reporter"), "subject": k.get("subject"),
            "measure": k.get("measure"), "footnotes": k.get("footnotes")}[name]


def table(rows: list[tuple[str, Score]]) -> list[str]:
    head = ["| | docs | keyed | F1 | P | R | " + " | ".join(FIELDS) + " | footnotes linked |",
            "| --- " * (7 + len(FIELDS)) + "|"]
    out = head
    for name, s in rows:
        out.append(f"| {name} | {s.docs} | {s.keyed} | {s.f1:.2f} | {s.precision:.2f} | "
                   f"{s.recall:.2f} | " + " | ".join(f"{s.accuracy(k):.2f}" for k in FIELDS)
                   + f" | {s.pairs_linked}/{s.pairs} ({s.linked:.2f}) |")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=["dev", "held-out", "all"])
    parser.add_argument("--doc", action="append", default=[])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--rows", type=Path, help="write each matched figure's field results (JSON lines)")
    args = parser.parse_args()
    lexicon = load_lexicon(GRAPH)
    totals: dict[str, Score] = {}
    per_doc: list[tuple[str, Score]] = []
    for path in sorted((CORPUS / "keys").glob("*.yaml")):
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
        if args.doc and key["id"] not in args.doc:
            continue
        if not args.doc and args.split != "all" and key["split"] != args.split:
            continue
        text_path = CORPUS / "texts" / f"{key['id']}.txt"
        if not text_path.exists():
            print(f"missing text: {text_path} (fetch it again from {key['url']})", file=sys.stderr)
            continue
        s = score_document(key, text_path.read_text(encoding="utf-8"), lexicon, args.verbose)
        per_doc.append((key["id"], s))
        for group in ("all", key["split"], key["genre"]):
            totals.setdefault(group, Score()).add(s)
            totals[group].docs += 1
        if args.verbose:
            print(f"{key['id']}: F1 {s.f1:.2f}")
            print("\n".join(s.misses))
    for _, s in per_doc:
        s.docs = 1
    if args.rows:
        import json
        args.rows.write_text("".join(json.dumps(r, default=str) + "\n" for _, s in per_doc for r in s.rows))
    lines = table([(name, totals[name]) for name in sorted(totals, key=lambda n: (n != "all", n))])
    lines += ["", *table(per_doc)]
    publish(lines, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
