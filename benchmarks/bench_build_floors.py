"""The floor of each stage of a clean build: what reading the YAML alone costs (libyaml through PyYAML),
what the records, linking and emitting add, what loading the emitted N-Quads costs in memory and on
disk, and the cache's own work (entries, check queries, the Turtle document). One process, each
stage timed alone on the previous stage's output; medians of ``--runs``.

    python benchmarks/bench_build_floors.py --figures 50000 --runs 1
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from figuregraph.build import cache, diskstore, document
from figuregraph.build.emit import by_graph, emit_graph, graph_iri
from figuregraph.export.rdf import turtle_body
from figuregraph.model import yamlio
from figuregraph.model.link import link
from figuregraph.model.records import parse_value, record_files
from figuregraph.rdf.terms import no_cycle_collection
from figuregraph.store.library import QueryLibrary
from figuregraph.store.oxigraph import OxigraphStore
from figuregraph.validate import check_rows

from common import synthetic_corpus, timed


def medians(runs: int, work: Callable[..., Any], *args: Any) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``runs`` calls, and the last call's result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        with no_cycle_collection():
            wall, cpu, result = timed(lambda: work(*args))
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), result


def on_disk(text: bytes, scratch: Path) -> None:
    """The emitted N-Quads from a file into a new on-disk store, compacted: what the cache's store
    costs its writer process (``diskstore.fill``)."""
    folder = Path(tempfile.mkdtemp(dir=scratch))
    cache.prepare(folder)
    (cache.folder(folder) / "quads.nq").write_bytes(text)
    diskstore.fill(folder, "quads.nq")
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    rows: list[tuple[str, float, float]] = []

    def stage(name: str, work: Callable[..., Any], *given: Any) -> Any:
        wall, cpu, result = medians(args.runs, work, *given)
        rows.append((name, wall, cpu))
        print(f"{name}: {wall:.2f} s (cpu {cpu:.2f} s)", flush=True)
        return result

    with synthetic_corpus(args.figures) as folder:
        scratch = folder.parent  # the corpus' temporary folder, removed with it
        paths = record_files(folder)
        data = stage("read the record files' bytes", lambda: [p.read_bytes() for p in paths])
        stage("libyaml: compose each file's nodes, then drop them (the YAML floor)",
              lambda d: [len(list(yaml.compose_all(x.decode(), Loader=yamlio._Loader))) for x in d], data)
        values = stage("located values (load_yaml)", lambda: [yamlio.load_yaml(p) for p in paths])
        stage("file digests (blake2b)", lambda d: [cache.digest(x) for x in d], data)
        parsed = stage("records from the values (parse_value)",
                       lambda v: [parse_value(x, p) for x, p in zip(v, paths, strict=True)], values)
        del values, data
        files = [f for f in parsed if f is not None]
        index = stage("link", link, files)
        lines = stage("emit the N-Quads lines",
                      lambda f, i: [line for g in by_graph(f).values() for line in emit_graph(g, i)], files, index)
        stage("cache entries (fingerprints)",
              lambda f: [cache.entry(rf, (0, 0, 0), b"", str(graph_iri(rf))) for rf in f], files)
        del files, parsed, index
        text = "".join(lines).encode()
        nt = b"".join(sorted({line.rsplit(" <", 1)[0].encode() + b" .\n" for line in lines}))  # the union
        del lines
        stage("raw bulk load, N-Triples in memory (the benchmark's unit)",
              lambda t: ox.Store().bulk_load(input=t, format=ox.RdfFormat.N_TRIPLES), nt)
        memory = OxigraphStore()
        stage("the N-Quads into the in-memory store (load)",
              lambda t: memory.store.load(input=t, format=ox.RdfFormat.N_QUADS), text)
        stage("the N-Quads into a new on-disk store (the writer process), compacted", on_disk, text, scratch)
        stage("the union's triples counted by a query (len)", len, memory)
        library = QueryLibrary.load()
        stage("check queries", lambda: [check_rows(memory, c) for c in library.checks()])
        graphs = sorted(g.value for g in memory.named_graphs())
        stage("Turtle document, graph by graph",
              lambda: document.write(scratch / "doc.ttl", ((g, turtle_body(memory, ox.NamedNode(g))) for g in graphs)))
        triples = len(memory)
    raw = next(wall for name, wall, _ in rows if name.startswith("raw bulk load"))
    print(f"\n{args.figures:,} synthetic figures, {triples:,} triples; medians of {args.runs} run(s)\n")
    print("| stage | wall | CPU | / raw bulk load |\n| --- | ---: | ---: | ---: |")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {wall / raw:.2f}x |")


if __name__ == "__main__":
    main()
