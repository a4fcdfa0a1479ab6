"""Check the corpus keys against their texts: every quote is found, every wording sits in
its quote, bounds are in order, fields are of the kinds README.md names.

    python benchmarks/corpus/check_keys.py            # all keys
    python benchmarks/corpus/check_keys.py ID ...     # some
Exit 0 when every key holds, 1 otherwise (each problem on one line: key, figure, what)."""

from __future__ import annotations

import hashlib
import itertools
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GENRES = {"coi-report", "query-response", "un-ngo-brief", "think-tank", "news", "wikipedia"}
FORMS = {"plain", "markdown-footnotes", "bracket-refs", "numeric-footnotes", "inline-refs", "pdf-text"}
QUALIFIERS = {"exact", "about", "nearly", "over", "under", "at-least", "up-to", "range", "order-of-magnitude"}
TOP = {"id", "url", "title", "publisher", "date", "genre", "form", "split", "chars", "sha256", "figures",
       "mentions", "not_figures", "notes", "missing_notes"}
FIGURE = {"quote", "occurrence", "wording", "value", "qualifier", "lower", "upper", "percent", "measure",
          "subject", "period", "reporter", "via", "footnotes"}


def find(text: str, quote: str, occurrence: int) -> int:
    """Offset of the n-th occurrence of quote, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(quote, at + 1)
        if at < 0:
            return -1
    return at


def number(x: object) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def check(path: Path) -> list[str]:
    key = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.stem
    bad: list[str] = []
    if not isinstance(key, dict):
        return [f"{name}: not a mapping"]
    for k in set(key) - TOP:
        bad.append(f"{name}: unknown field {k!r}")
    if key.get("id") != name:
        bad.append(f"{name}: id {key.get('id')!r} is not the file name")
    if key.get("genre") not in GENRES:
        bad.append(f"{name}: genre {key.get('genre')!r}")
    if key.get("form") not in FORMS:
        bad.append(f"{name}: form {key.get('form')!r}")
    if key.get("split") not in {"dev", "held-out"}:
        bad.append(f"{name}: split {key.get('split')!r}")
    if not str(key.get("url", "")).startswith("http"):
        bad.append(f"{name}: url")
    d = key.get("date")
    if d is not None and not isinstance(d, date) and not (isinstance(d, (int, str)) and len(str(d)) in (4, 7)):
        bad.append(f"{name}: date {d!r}")
    text_path = HERE / "texts" / f"{name}.txt"
    if not text_path.exists():
        return [*bad, f"{name}: no text at {text_path}"]
    text = text_path.read_text(encoding="utf-8")
    if key.get("chars") != len(text):
        bad.append(f"{name}: chars {key.get('chars')} but the text has {len(text)}")
    if key.get("sha256") != hashlib.sha256(text.encode()).hexdigest():
        bad.append(f"{name}: sha256 does not match the text")
    figures = key.get("figures") or []
    spans: list[tuple[int, int]] = []
    for i, f in enumerate(figures, 1):
        where = f"{name} figure {i} ({f.get('quote')!r})"
        for k in set(f) - FIGURE:
            bad.append(f"{where}: unknown field {k!r}")
        at = find(text, str(f.get("quote", "")), int(f.get("occurrence", 1)))
        if at < 0:
            bad.append(f"{where}: quote not in the text")
            continue
        if str(f.get("wording", "\0")) not in str(f["quote"]):
            bad.append(f"{where}: wording {f.get('wording')!r} not in the quote")
            continue
        w = at + str(f["quote"]).index(str(f["wording"]))
        spans.append((w, w + len(str(f["wording"]))))
        if f.get("qualifier") not in QUALIFIERS:
            bad.append(f"{where}: qualifier {f.get('qualifier')!r}")
        try:
            v, lo, hi = number(f.get("value")), number(f.get("lower")), number(f.get("upper"))
        except Exception:
            bad.append(f"{where}: value or bounds are not numbers")
            continue
        if v is None:
            bad.append(f"{where}: no value")
        elif (lo is not None and lo > v) or (hi is not None and hi < v):
            bad.append(f"{where}: value {v} outside {lo}..{hi}")
        for listed in ("subject", "reporter", "via", "footnotes"):
            if not isinstance(f.get(listed, []), list):
                bad.append(f"{where}: {listed} must be a list")
        if not f.get("reporter"):
            bad.append(f"{where}: no reporter")
        p = f.get("period")
        if p is not None and not (isinstance(p, dict) and {"phrase", "start", "end"} >= set(p)):
            bad.append(f"{where}: period must be null or {{phrase, start, end}}")
    spans.sort()
    for (_, b), (c, _) in itertools.pairwise(spans):
        if c < b:
            bad.append(f"{name}: two figures overlap at {c}")
    for m in key.get("mentions") or []:
        if find(text, str(m.get("quote", "")), int(m.get("occurrence", 1))) < 0:
            bad.append(f"{name} mention {m.get('quote')!r}: not in the text")
        if not 1 <= int(m.get("of", 0)) <= len(figures):
            bad.append(f"{name} mention {m.get('quote')!r}: 'of' must index a figure")
    for m in key.get("not_figures") or []:
        if str(m.get("quote", "")) not in text:
            bad.append(f"{name} not-figure {m.get('quote')!r}: not in the text")
    return bad


def main(argv: list[str]) -> int:
    paths = [HERE / "keys" / f"{a}.yaml" for a in argv] or sorted((HERE / "keys").glob("*.yaml"))
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print(p)
    n = sum(len(yaml.safe_load(p.read_text(encoding="utf-8")).get("figures") or []) for p in paths)
    print(f"{len(paths)} keys, {n} figures, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
