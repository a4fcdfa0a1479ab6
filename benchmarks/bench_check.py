"""Checking a text against a large graph (issue 20): a text of about 50 kB checked against synthetic
corpora of growing size (``figuregraph synth``), after start-up (the store built and loaded, the
lexicon read, the extractor warmed on a short text). Writes CHECK.md.

The text is written from the corpus's own vocabulary: each sentence states a number of one of its
measures about one of its districts or regions for one year, attributed to one of its actors, so the
check looks up the graph's figures for many measures and subjects and follows their chains.

    .venv/bin/python benchmarks/bench_check.py [--figures 4500 50000] [--chars 50000]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import figuregraph as fg
from figuregraph.check import check_extraction, check_text
from figuregraph.extract import Lexicon, extract_text, load_lexicon
from figuregraph.store.base import Store

from common import peak_mb, synthetic_corpus

ROOT = Path(__file__).resolve().parent.parent


def sentence(rng: random.Random, lexicon: Lexicon) -> str:
    """A figure of one of the corpus's measures about one of its districts or regions, attributed."""
    measures = [m.label for m in lexicon.measures]
    subjects = sorted(label for ident, label in lexicon.labels.items() if ident.startswith(("district-", "region-")))
    actors = sorted(label for ident, label in lexicon.labels.items() if ident.startswith("actor-"))
    return (f"According to {rng.choice(actors)}, {rng.randint(2, 99) * 10} cases of {rng.choice(measures)} were "
            f"counted in {rng.choice(subjects)} in {rng.randint(2015, 2025)}.")


def text_for(lexicon: Lexicon, chars: int, seed: int = 3, dense: bool = True) -> str:
    """About ``chars`` characters: paragraphs of sentences on the corpus's vocabulary (``dense``), or
    the project's news and report fixtures with one such sentence per paragraph."""
    rng = random.Random(seed)
    prose = [(ROOT / "tests" / "fixtures" / folder / f"{name}.txt").read_text(encoding="utf-8").strip()
             for folder, name in (("extract", "news-attribution-chain"), ("extract", "query-response-inline"),
                                  ("check", "conflicts-840"), ("check", "repeats-ministry-update"))]
    paragraphs: list[str] = []
    length = 0
    while length < chars:
        if dense:
            paragraphs.append(" ".join(sentence(rng, lexicon) for _ in range(4)))
        else:
            paragraphs.append(f"{rng.choice(prose)}\n\n{sentence(rng, lexicon)}")
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


class Counting:
    """Counts the queries a check sends to the store."""

    def __init__(self, store: Store) -> None:
        self.count = 0
        real = store.query

        def query(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        store.query = query  # type: ignore[method-assign, assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--figures", type=int, nargs="+", default=[4500, 50000])
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "CHECK.md")
    args = parser.parse_args()
    lines = ["# Checking a text (synthetic corpora)", "",
             f"`benchmarks/bench_check.py`: a text of {args.chars:,} characters checked after start-up (store "
             "built and loaded, lexicon read, extractor warmed): the extraction (`extract_text`, one run), then "
             "the graph's look-ups and the verdicts (`check_extraction`, median of 3 runs), on this 2-core machine "
             "shared with other work. *dense*: every sentence a figure on the corpus's measures, districts, regions "
             "and actors; *news-like*: the project's fixtures with one such sentence per paragraph. Names with "
             "digits ('District 3') add figures of their own (an extractor issue).", "",
             "| corpus figures | triples | start-up | text | text figures | verdicts (corr./rep./confl./new/cannot) "
             "| queries | extraction | look-ups and verdicts | check | peak memory |",
             "| ---: | ---: | ---: | :--- | ---: | :--- | ---: | ---: | ---: | ---: | ---: |"]
    for n in args.figures:
        with synthetic_corpus(n) as corpus:
            started = time.perf_counter()
            store = fg.build(corpus).oxigraph()
            lexicon = load_lexicon(corpus)
            check_text(text_for(lexicon, 400, seed=1), store, lexicon)  # warm the extractor
            start_up = time.perf_counter() - started
            counting = Counting(store)
            for kind, dense in (("dense", True), ("news-like", False)):
                text = text_for(lexicon, args.chars, dense=dense)
                started = time.perf_counter()
                extraction = extract_text(text, None, lexicon)
                extracted = time.perf_counter() - started
                checking = []
                for _ in range(3):
                    counting.count = 0
                    started = time.perf_counter()
                    result = check_extraction(extraction, text, store, lexicon)
                    checking.append(time.perf_counter() - started)
                checked = sorted(checking)[1]
                peak = peak_mb()
                verdicts = "/".join(str(v) for v in result.summary().values())
                row = (f"| {n:,} | {len(store):,} | {start_up:.0f} s | {kind} | {len(result.figures):,} | {verdicts} | "
                       f"{counting.count:,} | {extracted:.2f} s | {checked:.2f} s | {extracted + checked:.2f} s | "
                       f"{peak:.0f} MB |")
                print(row, flush=True)
                lines.append(row)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
