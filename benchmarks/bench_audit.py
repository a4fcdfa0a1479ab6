"""Audit benchmark: the whole audit over synthetic corpora (records -> store -> audit -> derived graph).

    python benchmarks/bench_audit.py --figures 450 4500 --out benchmarks/AUDIT.md
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import figuregraph as fg
from figuregraph.audit import run_audit
from figuregraph.audit.derive import derive

from common import peak_mb, synthetic_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--figures", type=int, nargs="+", default=[450, 4500])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/AUDIT.md"))
    args = parser.parse_args()
    lines = ["# Audit benchmark (synthetic corpora)", "",
             "Produced by `python benchmarks/bench_audit.py`; one run per size on this 2-core machine.", "",
             "| figures | triples | build + load | audit | derived triples | pairs judged | totals | peak memory |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in args.figures:
        with synthetic_corpus(n) as corpus:
            started = time.perf_counter()
            store = fg.build(corpus).oxigraph()
            built = time.perf_counter() - started
            started = time.perf_counter()
            audit = run_audit(store)
            quads = derive(audit)
            audited = time.perf_counter() - started
            peak = peak_mb()
            row = (f"| {n:,} | {len(store):,} | {built:.1f} s | {audited:.1f} s | {len(quads):,} | "
                   f"{len(audit.pairs):,} | {len(audit.totals):,} | {peak:.0f} MB |")
            print(row, flush=True)
            lines.append(row)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
