"""Explore benchmark: ``figuregraph explore`` on an on-disk store of a synthetic corpus (about 1M triples
at 50 000 figures), as a user meets it.

Measured on a real process over HTTP: the first start on a store (the index built: an audit of the
whole graph and the search index), a later start (the index found in the cache), then figure pages,
searches and expansions of the network panel (figures, sources, and the actors and places with the
most links), each after one warm-up request of its kind (the first one parses its queries).

    python benchmarks/bench_explore.py --figures 50000 --out benchmarks/EXPLORE.md
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import figuregraph as fg
from figuregraph.store import OxigraphStore, write_store
from figuregraph.views.app.index import cache_path

from common import write_synthetic

FIGUREGRAPH = Path(sys.executable).parent / "figuregraph"


def start(store: Path, env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """An explore process on the store: its URL and the seconds until it listened."""
    began = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen([str(FIGUREGRAPH), "explore", "--store", f"oxigraph:{store}", "--no-open",
                                    "--port", "0"], stdout=subprocess.DEVNULL, stderr=sink, env=env)
    while not (found := re.search(r"explore on (http://[^ ]+)/ ", log.read_text(errors="replace"))):
        if process.poll() is not None:
            raise SystemExit(f"explore exited: {log.read_text()}")
        time.sleep(0.02)
    return process, found[1], time.perf_counter() - began


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(30)


def timed(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - began) * 1000


def series(base: str, paths: list[str]) -> dict[str, float]:
    timed(base + paths[0])  # warm-up: the first request of a kind parses its queries
    samples = [timed(base + p) for p in paths]
    return {"n": len(samples), "median": statistics.median(samples),
            "p90": sorted(samples)[int(0.9 * (len(samples) - 1))], "max": max(samples)}


def prepare(figures: int, corpus: Path, store: Path) -> int:
    """The synthetic corpus and its on-disk store, made unless a run before made them; their triples."""
    if not store.exists():
        began = time.perf_counter()
        write_synthetic(figures, corpus)
        built = fg.build(corpus)
        write_store(store, lambda s: s.load_quads(built.store.quads()))
        del built
        print(f"corpus and store made in {time.perf_counter() - began:.0f} s", flush=True)
    opened = OxigraphStore(store, read_only=True)
    try:
        return len(opened)
    finally:
        opened.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--figures", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/EXPLORE.md"))
    parser.add_argument("--work", type=Path, help="a folder kept between runs: its corpus and store are made once")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        corpus, store = work / "corpus", work / "store"
        triples = prepare(args.figures, corpus, store)
        print(f"store: {triples} triples", flush=True)
        shutil.rmtree(work / "cache", ignore_errors=True)  # the first start builds the index
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the index's cache, for explore and for cache_path
        env = dict(os.environ)
        process, base, first = start(store, env, work / "first.log")
        stop(process)
        print(f"first start (index built): {first:.1f} s", flush=True)
        process, base, again = start(store, env, work / "again.log")
        print(f"start with the index: {again:.2f} s", flush=True)
        try:
            index = sqlite3.connect(f"file:{cache_path(store)}?mode=ro", uri=True)

            def ids(kind: str, count: int) -> list[str]:
                every = [r[0] for r in index.execute("SELECT id FROM items WHERE kind = ? ORDER BY id", (kind,))]
                return rng.sample(every, min(count, len(every)))

            hubs = [r[0] for r in index.execute(
                "SELECT i.id FROM facets f JOIN items i ON i.id = f.value WHERE f.facet IN ('subject', 'reporter') "
                "GROUP BY i.id ORDER BY COUNT(*) DESC LIMIT 10")]
            labels = [label for (label,) in index.execute("SELECT label FROM items ORDER BY id")]
            words = sorted({w.lower() for label in labels for w in re.findall(r"[A-Za-z]{4,}", label)})
            # single words (on the synthetic corpus' small vocabulary most match tens of thousands of
            # items, the worst case for counting facets), labels' first words with a number, prefixes
            phrases = [" ".join(label.split()[-2:]) for label in rng.sample(labels, 15)]
            asked = rng.sample(words, min(15, len(words))) + phrases + [w[:4] for w in rng.sample(words, 5)]
            rows = {
                "figure page": series(base, [f"/id/{i}" for i in ids("figure", 30)]),
                "source page": series(base, [f"/id/{i}" for i in ids("source", 15)]),
                "measure page (every figure of the measure, about 1 400)": series(
                    base, [f"/id/{i}" for i in ids("measure", 10)]),
                "actor or place page of a hub (the 10 with most figures)": series(base, [f"/id/{i}" for i in hubs]),
                "search": series(base, ["/search?" + urllib.parse.urlencode({"q": w}) for w in asked]),
                "search, filtered by a facet": series(base, ["/search?" + urllib.parse.urlencode(
                    {"q": w, "kind": "figure"}) for w in asked[::3]]),
                "expand a figure": series(base, [f"/api/neighbours?id={i}" for i in ids("figure", 30)]),
                "expand a source": series(base, [f"/api/neighbours?id={i}" for i in ids("source", 15)]),
                "expand a hub (the 10 actors and places most figures are about or reported by)":
                    series(base, [f"/api/neighbours?id={i}" for i in hubs]),
            }
        finally:
            stop(process)
    for name, row in rows.items():
        print(name, {k: round(v, 1) for k, v in row.items()}, flush=True)
    lines = ["# Explore benchmark (`figuregraph explore` on an on-disk store)", "",
             "Produced by `python benchmarks/bench_explore.py`: a synthetic corpus of "
             f"{args.figures:,} figures ({triples:,} triples) in an on-disk Oxigraph store, one explore process, "
             "requests over HTTP one at a time on this 2-core machine (shared with other work while it ran). "
             "Each series follows one warm-up request of its kind.", "",
             "| start | seconds |", "| --- | ---: |",
             f"| first start on the store (audit and search index built, kept in the cache) | {first:.1f} |",
             f"| a later start (the index found in the cache) | {again:.2f} |", "",
             "| request | n | median | p90 | max |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {name} | {r['n']} | {r['median']:.0f} ms | {r['p90']:.0f} ms | {r['max']:.0f} ms |"
              for name, r in rows.items()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
