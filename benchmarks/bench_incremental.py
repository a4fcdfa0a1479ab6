"""Incremental builds: a clean build with the build cache against a raw bulk load of the same triples,
then rebuilds after nothing, one document, or one vocabulary record changed; SHACL whole and after one
change. Each step in its own process (as a user runs it: ``figuregraph build``, whose clean build leaves
the cache's on-disk store to a process of its own); medians of ``--runs``. ``store ready`` is how long
after a clean build returned the next build could start (the writer process holds the cache folder's lock).

    python benchmarks/bench_incremental.py --figures 50000 --runs 3 --out benchmarks/INCREMENTAL.md
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import publish, write_synthetic

# A step's process: ``common`` (the benchmarks' folder, put first on its path) before the clock starts.
STEP = f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n" + r"""
import json, time
from pathlib import Path
from common import peak_mb, timed
started = time.perf_counter()
import figuregraph as fg
kind, folder, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if kind == "raw":
    import pyoxigraph as ox
    store = ox.Store()
    s, cpu_s, _ = timed(lambda: store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES))
    print(json.dumps({"s": s, "cpu_s": cpu_s}))
else:
    from figuregraph.files.lock import locked
    build_and_export = fg.build_and_export  # the API's imports (rdflib, pyoxigraph) count as start-up
    store = f"oxigraph:{out.with_suffix('.store')}" if kind.endswith("store") else None
    s, cpu_s, result = timed(lambda: build_and_export(folder, out, store=store, shacl=kind.startswith("shacl"),
                                                      cache=True, background=True))
    process_s, built = time.perf_counter() - started, time.perf_counter()
    peak = peak_mb()
    with locked(folder / ".figuregraph-cache"):  # the writer of the cache's store, if any, has finished
        ready = time.perf_counter() - built
    print(json.dumps({"s": s, "cpu_s": cpu_s, "process_s": process_s, "ready_s": ready,
                      "emitted": result.emitted, "triples": result.triples, "peak_mb": peak}))
"""


def step(*args: str) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", STEP, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    return result


def edit_one_document(folder: Path, k: int) -> None:
    reports = sorted((folder / "sources").glob("report-*.yaml"))
    path = reports[k % len(reports)]  # small corpora have fewer reports than edits
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"quote: (.*)", lambda m: f"quote: {m.group(1)} (edit {k})", text, count=1)
    path.write_text(edited, encoding="utf-8")


def edit_measure(folder: Path, k: int) -> None:
    path = folder / "vocab" / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label: synthetic measure 7", f"label: synthetic measure 7 ({k})", 1)
                    .replace(f"label: synthetic measure 7 ({k - 1})", f"label: synthetic measure 7 ({k})", 1),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from figuregraph.build import cache
    from figuregraph.store import OxigraphStore
    from figuregraph.export import to_ntriples

    rows: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        folder = work / "corpus"
        write_synthetic(args.figures, folder)
        nt = work / "corpus.nt"
        def run(name: str, kind: str, out: Path) -> None:
            rows.setdefault(name, []).append(step(kind, str(folder), str(out)))

        for k in range(args.runs):
            shutil_cache(folder)
            run("clean build, no SHACL (cache filled)", "plain", work / "o.ttl")
            if k == 0:
                nt.write_bytes(to_ntriples(OxigraphStore(cache.store_path(folder), read_only=True)))
            run("raw bulk load of the same triples", "raw", nt)
            run("rebuild, nothing changed", "plain", work / "o.ttl")
            edit_one_document(folder, k)
            run("rebuild, one document changed", "plain", work / "o.ttl")
            edit_measure(folder, k + 1)
            run("rebuild, one measure relabelled", "plain", work / "o.ttl")
        for _ in range(args.runs):
            shutil_cache(folder)
            run("clean build, no SHACL, with --store (waits for the cache's store)", "plain-store", work / "p.ttl")
        for k in range(args.runs):
            shutil_cache(folder)
            run("clean build with SHACL (pyshacl-turbo)", "shacl", work / "s.ttl")
            run("rebuild with SHACL, nothing changed", "shacl", work / "s.ttl")
            edit_one_document(folder, 10 + k)
            run("rebuild with SHACL, one document changed", "shacl", work / "s.ttl")
    raw = statistics.median(r["s"] for r in rows["raw bulk load of the same triples"])
    triples = int(rows["clean build, no SHACL (cache filled)"][0]["triples"])
    lines = [f"# Incremental builds ({args.figures:,} synthetic figures, {triples:,} triples)", "",
             f"`benchmarks/bench_incremental.py --figures {args.figures} --runs {args.runs}`: medians of {args.runs} "
             "runs on this project's 2-core machine (shared); each step is its own process. `in-process` is "
             "`build_and_export` with the cache; `process` adds Python's start-up and imports; `CPU` is the "
             "in-process part's CPU time (all threads: more than the wall time when they overlap, less when "
             "other work on the machine takes the cores).", "",
             "| step | in-process | CPU | process | / raw bulk load | store ready | record files emitted "
             "| peak memory |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, found in rows.items():
        s = statistics.median(r["s"] for r in found)
        wall = statistics.median(r["wall_s"] - r.get("ready_s", 0) for r in found)  # to the build's end
        emitted = f"{int(statistics.median(r['emitted'] for r in found))}" if "emitted" in found[0] else ""
        peak = f"{statistics.median(r['peak_mb'] for r in found):.0f} MB" if "peak_mb" in found[0] else ""
        cpu = statistics.median(r["cpu_s"] for r in found)
        ready = f"+{statistics.median(r['ready_s'] for r in found):.2f} s" if "ready_s" in found[0] else ""
        lines.append(f"| {name} | {s:.2f} s | {cpu:.2f} s | {wall:.2f} s | {s / raw:.2f}x | {ready} | {emitted} "
                     f"| {peak} |")
    publish(lines, args.out)


def shutil_cache(folder: Path) -> None:
    import shutil

    from figuregraph.defaults import CACHE_FOLDER

    shutil.rmtree(folder / CACHE_FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main()
