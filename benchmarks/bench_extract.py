"""Extraction throughput on large synthetic documents (issue 5): characters per second at
growing sizes, to show that extraction is linear in the text length. Writes EXTRACT.md.

The document repeats paragraphs in the three formats the extractor reads (written for the
project, see tests/fixtures/extract/), each copy with its own numbers, so that every size has
the same density of figures, footnotes and names.

    .venv/bin/python benchmarks/bench_extract.py [--sizes 100000,400000,1600000,6400000]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from figuregraph.extract import extract_text, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


def document(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = [(FIXTURES / f"{n}.txt").read_text(encoding="utf-8") for n in
             ("query-response-inline", "news-attribution-chain")]
    out: list[str] = []
    length = 0
    while length < size:
        chunk = (rng.choice(parts).replace("150", str(rng.randint(100, 999)))
                 .replace("3 400", f"{rng.randint(1, 9)} 400"))
        out.append(chunk)
        length += len(chunk) + 2
    return "\n\n".join(out)[:size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,400000,1600000,6400000")
    args = parser.parse_args()
    lexicon = load_lexicon(ROOT / "graph")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        text = document(size)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            figures = len(extract_text(text, None, lexicon).figures)
            runs.append(time.perf_counter() - started)
        best = sorted(runs)[1]
        rows.append((size, figures, best, size / best))
        print(f"{size:>10} chars  {figures:>6} figures  {best:7.2f} s  {size / best:>10,.0f} chars/s", flush=True)
    lines = ["# Extraction throughput", "",
             "`benchmarks/bench_extract.py`, median of 3 runs, this machine (2 cores).", "",
             "| characters | figures | seconds | characters/s |", "| ---: | ---: | ---: | ---: |"]
    lines += [f"| {s:,} | {f:,} | {t:.2f} | {r:,.0f} |" for s, f, t, r in rows]
    first, last = rows[0], rows[-1]
    lines += ["", f"Throughput at the largest size is {last[3] / first[3]:.2f}x that at the smallest "
              f"({last[0] // first[0]}x more text): time grows linearly with the text."]
    (ROOT / "benchmarks" / "EXTRACT.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
