"""Extraction throughput on large synthetic documents: characters per second at growing sizes, to
show that extraction is linear in the text length, and on the adversarial shapes of issue 15 (a
run of "1 1 1", words without a full stop, lines with glued markers, digit groups). Writes
EXTRACT.md (the corpus scores come from score_extract.py and are kept below the timings).

The document repeats paragraphs in the three formats the extractor reads (written for the
project, see tests/fixtures/extract/), each copy with its own numbers, so that every size has
the same density of figures, footnotes and names. The development corpus' keyed texts
(benchmarks/corpus/, when they are there; never a held-out part's) are timed too, each with its
date and publisher as score_extract.py reads them.

    .venv/bin/python benchmarks/bench_extract.py [--sizes 100000,400000,1600000,6400000]
"""

from __future__ import annotations

import argparse
import functools
import random
import time
from pathlib import Path
from collections.abc import Callable

from figuregraph.extract import Lexicon, extract_text, load_lexicon
from figuregraph.extract import mentions

ROOT = Path(__file__).resolve().parent.parent
# The process's CPU time: on a machine shared with other work, wall time says more about the
# others' load than about extraction (which runs in one thread).
CLOCK = time.process_time
SCORES = "## Scores on the corpus"
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


ADVERSARIAL = {
    "1 1 1 ...": lambda n: "1 " * (n // 2),
    "words, no full stop": lambda n: ("soldiers deserted from their units " * (n // 35 + 1))[:n],
    "lines 'deserted in 2024.N'": lambda n: "".join(f"Soldiers deserted in 2024.{i}\n" for i in range(n // 28)),
    "digit groups '123 123 ...'": lambda n: "The army lost " + " ".join(["123"] * (n // 4)) + " soldiers.",
}


def _median(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        started = CLOCK()
        run()
        times.append(CLOCK() - started)
    return sorted(times)[1]


def adversarial(lexicon: Lexicon, sizes: list[int]) -> list[str]:
    """Seconds per shape and size, and the growth from the smallest size to the largest."""
    lines = ["", "## Adversarial shapes", "", "| shape | " + " | ".join(f"{s:,} chars" for s in sizes)
             + " | time ratio (text ratio " + f"{sizes[-1] // sizes[0]}x) |", "| :--- |" + " ---: |" * (len(sizes) + 1)]
    for name, make in ADVERSARIAL.items():
        times = [_median(functools.partial(extract_text, make(size), None, lexicon)) for size in sizes]
        print(name, " ".join(f"{t:.2f}s" for t in times), flush=True)
        lines.append(f"| {name} | " + " | ".join(f"{t:.2f} s" for t in times) + f" | {times[-1] / times[0]:.1f}x |")
    return lines


def corpus(lexicon: Lexicon) -> list[str]:
    """Characters per second over the development corpus' keyed texts: the median of 3 passes after
    a first one (each as one pass over the corpus: nothing remembered from the pass before)."""
    import yaml
    from score_extract import CORPUS, _document_info, development, document_date

    docs = []
    for path in development():  # a held-out key is read no further than its split, its text never
        key = yaml.safe_load(path.read_text(encoding="utf-8"))
        text_path = CORPUS / "texts" / f"{key['id']}.txt"
        if text_path.exists():
            docs.append((text_path.read_text(encoding="utf-8"), document_date(key),
                         _document_info({"publisher": key.get("publisher")})))
    if not docs:
        return []

    def one_pass() -> None:
        mentions._CLOSEST.clear()
        for text, when, info in docs:
            extract_text(text, when, lexicon, **info)

    size = sum(len(t) for t, _, _ in docs)
    started = CLOCK()
    one_pass()
    first = CLOCK() - started
    steady = _median(one_pass)
    print(f"corpus {size:,} chars in {len(docs)} documents: first {first:.2f} s, then {steady:.2f} s "
          f"({size / steady:,.0f} chars/s)", flush=True)
    return ["", f"The development corpus' {len(docs)} keyed texts ({size:,} characters, `benchmarks/corpus/`): "
            f"{steady:.2f} s, {size / steady:,.0f} characters/s.", *joined(lexicon, [t for t, _, _ in docs])]


def joined(lexicon: Lexicon, texts: list[str]) -> list[str]:
    """The development texts joined into one document, once and four times, ending in a line break
    as a file does: real text as it grows (the synthetic document repeats two fixtures and ends on
    a letter)."""
    one = "\n\n".join(texts)
    rates = []
    for copies in (1, 4):
        text = "\n\n".join([one] * copies) + "\n"
        seconds = _median(functools.partial(extract_text, text, None, lexicon))
        rates.append(f"{len(text):,} characters {seconds:.2f} s ({len(text) / seconds:,.0f} characters/s)")
        print("joined", rates[-1], flush=True)
    return ["", "The same texts joined into one document, once and four times: " + ", ".join(rates) + "."]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,400000,1600000,6400000")
    parser.add_argument("--adversarial", default="16000,64000,256000", help="sizes of the adversarial shapes")
    args = parser.parse_args()
    lexicon = load_lexicon(ROOT / "graph")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        text = document(size)
        runs = []
        for _ in range(3):
            started = CLOCK()
            figures = len(extract_text(text, None, lexicon).figures)
            runs.append(CLOCK() - started)
        best = sorted(runs)[1]
        rows.append((size, figures, best, size / best))
        print(f"{size:>10} chars  {figures:>6} figures  {best:7.2f} s  {size / best:>10,.0f} chars/s", flush=True)
    lines = ["# Extraction throughput", "",
             "`benchmarks/bench_extract.py`, median of 3 runs, this machine (2 cores, shared): seconds of the "
             "process's CPU time.", "",
             "| characters | figures | seconds | characters/s |", "| ---: | ---: | ---: | ---: |"]
    lines += [f"| {s:,} | {f:,} | {t:.2f} | {r:,.0f} |" for s, f, t, r in rows]
    first, last = rows[0], rows[-1]
    ratio = last[3] / first[3]
    lines += ["", f"Throughput at the largest size is {ratio:.2f}x that at the smallest ({last[0] // first[0]}x more "
              "text): " + ("time grows linearly with the text." if ratio >= 0.9 else
                           "time grows a little faster than the text (memory and garbage collection at the "
                           "largest sizes).")]
    lines += corpus(lexicon)
    lines += adversarial(lexicon, [int(s) for s in args.adversarial.split(",")])
    target = ROOT / "benchmarks" / "EXTRACT.md"
    kept = target.read_text(encoding="utf-8").split(SCORES, 1)[1] if target.exists() and SCORES in \
        target.read_text(encoding="utf-8") else ""
    target.write_text("\n".join(lines) + "\n" + (f"\n{SCORES}{kept}" if kept else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
