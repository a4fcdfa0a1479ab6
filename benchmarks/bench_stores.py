"""Store benchmarks: build/load, every library query, Turtle export, peak memory.

Three contenders, each in its own process (so peak memory is its own), measured in one run
so that ratios hold:
- figuregraph: records -> build -> Oxigraph store (the fast path), queries through
  ``Store.query`` (guards, time limit, term conversion), export through ``export.to_turtle``;
- raw pyoxigraph: bulk load of the same triples (N-Triples), ``Store.dump`` to Turtle: the
  reference. Each query's raw time is taken in the figuregraph process, on the same store,
  in turn with figuregraph's run (so drift on a shared machine hits both alike), twice: the
  engine alone (the rows counted, no term read) and with the rows read as pyoxigraph terms,
  which is what a raw pyoxigraph user pays to see a result; figuregraph's likewise: the
  result (whose rows become terms when first read) and its rows read as rdflib terms. The raw
  process runs the queries too, for its memory and to check the row counts;
- rdflib: the same N-Triples parsed into a Dataset, the same queries with initBindings:
  the baseline.

    python benchmarks/bench_stores.py --sizes 10000 100000 1000000 --out benchmarks/RESULTS.md
    BENCH_QUERIES="breakdown single-source-figures" python benchmarks/bench_stores.py --sizes 1000000 \
        --skip-rdflib --out benchmarks/QUERIES.md   # some queries, no rdflib
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Mapping, Sequence

from common import peak_mb, write_synthetic

if TYPE_CHECKING:
    import pyoxigraph as ox

RDFLIB_CAP = float(os.environ.get("RDFLIB_CAP", "120"))  # seconds an rdflib query may take: "> cap"
TRIPLES_PER_FIGURE = 22  # measured on synth corpora; used only to size them
PARAMS = {
    "figures-about": {"subject": "district-00"},
    "figures-by-reporter": {"actor": "actor-00000"},
    "citation-chain": {"figure": "r00000-f01"},
}


def timed(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time in seconds over ``runs``, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def interleaved(works: Sequence[Callable[[], Any]], runs: int) -> list[tuple[float, Any]]:
    """Median times (and last results) of several ways of doing the same work, run in turn in one
    process so that drift on a shared machine hits all alike; a fast query repeats until a sample
    of the first takes 20 ms."""
    repeat = 1
    started = time.perf_counter()
    works[0]()
    while (time.perf_counter() - started) * repeat < 0.02 and repeat < 1000:
        repeat *= 10
    samples: list[list[float]] = [[] for _ in works]
    results: list[Any] = [None for _ in works]
    for _ in range(runs):
        for i, work in enumerate(works):
            started = time.perf_counter()
            for _ in range(repeat):
                results[i] = work()
            samples[i].append((time.perf_counter() - started) / repeat)
    return [(statistics.median(times), result) for times, result in zip(samples, results)]


def param_iris(name: str, query: Any, exists: Callable[[str], bool]) -> dict[str, str]:
    """The IRIs of a query's benchmark parameters (the first kind whose IRI exists)."""
    from figuregraph.rdf.namespace import iri

    return {p.name: next(c for c in (str(iri(k, PARAMS[name][p.name])) for k in p.kinds) if exists(c))
            for p in query.params}


def ox_bindings(iris: Mapping[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
    """Parameter IRIs as pyoxigraph substitutions."""
    import pyoxigraph as ox

    return {ox.Variable(k): ox.NamedNode(v) for k, v in iris.items()}


def ox_solutions(result: object) -> ox.QuerySolutions:
    """A raw pyoxigraph result that must be a SELECT's."""
    import pyoxigraph as ox

    assert isinstance(result, ox.QuerySolutions), result
    return result


def chosen(names: list[str]) -> list[str]:
    """The library queries to measure: all, or those named in $BENCH_QUERIES (space-separated)."""
    wanted = os.environ.get("BENCH_QUERIES", "").split()
    return [n for n in names if not wanted or n in wanted]


def worker_ours(corpus: Path, nt: Path, runs: int) -> dict[str, Any]:
    import pyoxigraph as ox

    import figuregraph as fg
    from figuregraph.export import to_ntriples, to_turtle
    from figuregraph.store.guard import Policy
    from figuregraph.store.library import QueryLibrary, bind_params

    out: dict[str, Any] = {}
    started = time.perf_counter()
    built = fg.build(corpus)  # records -> RDF, emitted straight into an in-memory Oxigraph store
    out["build_s"] = time.perf_counter() - started
    store = built.store
    del built  # as `figuregraph build` does: past validation the store alone is used
    out["triples"] = len(store)
    nt.write_bytes(to_ntriples(store))
    from figuregraph.store import OxigraphStore
    fresh = OxigraphStore()
    out["file_load_s"], _ = timed(functools.partial(fresh.load_file, nt), 1)  # bound now: `del fresh` follows
    del fresh  # one store in this process, as in the raw worker
    store.policy = Policy(timeout=None)  # measure, do not stop
    library = QueryLibrary.load()
    out["queries"] = {}
    for name in chosen(library.names()):
        query = library.get(name)
        bindings = bind_params(query, PARAMS.get(name, {}), store.exists)
        iris = {k: v.value for k, v in bindings.items() if isinstance(v, ox.NamedNode)}
        assert len(iris) == len(bindings), f"{name}: the raw runs bind IRIs only (PARAMS: ids), not {bindings}"
        subs = ox_bindings(iris)

        def raw() -> int:  # the same query on the same Oxigraph store, straight through pyoxigraph
            return sum(1 for _ in ox_solutions(
                store.store.query(query.text, use_default_graph_as_union=True, substitutions=subs)))

        def raw_read() -> int:  # ... and its rows read, as pyoxigraph terms
            rows = [tuple(solution) for solution in ox_solutions(
                store.store.query(query.text, use_default_graph_as_union=True, substitutions=subs))]
            return len(rows)

        def ours_read() -> int:  # ... and figuregraph's rows read, as rdflib terms
            return len(store.query(query.text, bindings).rows)

        ours, theirs, read, ours_rows = interleaved(
            [lambda: store.query(query.text, bindings), raw, raw_read, ours_read], runs)
        out["queries"][name] = {"s": ours[0], "rows": len(ours[1].rows), "raw_s": theirs[0], "raw_rows": theirs[1],
                                "raw_read_s": read[0], "read_s": ours_rows[0]}
    out["export_turtle_s"], data = timed(lambda: to_turtle(store), 1)
    out["turtle_bytes"] = len(data)
    out["peak_mb"] = peak_mb()
    return out


def worker_raw(nt: Path) -> dict[str, Any]:
    """Load, memory and export of raw pyoxigraph; each query runs once, for its rows (its time is
    taken in the figuregraph worker, in turn with ours)."""
    import pyoxigraph as ox
    from figuregraph.store.library import QueryLibrary

    out: dict[str, Any] = {}
    store = ox.Store()
    out["load_s"], _ = timed(lambda: store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES), 1)
    library = QueryLibrary.load()
    out["queries"] = {}
    for name in chosen(library.names()):
        query = library.get(name)
        found = param_iris(name, query, lambda c: bool(store.query(
            "ASK { ?s ?p ?o }", substitutions=ox_bindings({"s": c}))))
        result = ox_solutions(store.query(query.text, use_default_graph_as_union=True,
                                          substitutions=ox_bindings(found)))
        out["queries"][name] = {"rows": sum(1 for _ in result)}
    out["export_turtle_s"], _ = timed(lambda: store.dump(format=ox.RdfFormat.TURTLE,
                                                         from_graph=ox.DefaultGraph()), 1)
    out["peak_mb"] = peak_mb()
    return out


def worker_rdflib(nt: Path, runs: int, export: bool) -> dict[str, Any]:
    from rdflib import Dataset, URIRef

    from figuregraph.store.guard import QueryTimeout
    from figuregraph.store.library import QueryLibrary
    from figuregraph.store.base import with_timeout

    out: dict[str, Any] = {}
    dataset = Dataset(default_union=True)
    out["load_s"], _ = timed(lambda: dataset.parse(nt, format="nt"), 1)
    library = QueryLibrary.load()
    out["queries"] = {}
    for name in chosen(library.names()):
        query = library.get(name)
        found = param_iris(name, query, lambda c: (URIRef(c), None, None) in dataset)
        bindings = {k: URIRef(v) for k, v in found.items()}
        try:
            seconds, rows = timed(lambda: with_timeout(
                lambda: len(list(dataset.query(query.text, initBindings=bindings))), RDFLIB_CAP, name), runs)
        except QueryTimeout:
            seconds, rows = None, None
        out["queries"][name] = {"s": seconds, "rows": rows}
    if export:
        out["export_turtle_s"], _ = timed(lambda: dataset.serialize(format="turtle"), 1)
    out["peak_mb"] = peak_mb()
    return out


def run_worker(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "worker", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"worker {args[0]} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def bench_size(triples: int, workdir: Path, runs: int, skip_rdflib: bool = False) -> dict[str, Any]:
    corpus = workdir / f"corpus-{triples}"
    nt = workdir / f"corpus-{triples}.nt"
    write_synthetic(max(1, triples // TRIPLES_PER_FIGURE), corpus)
    ours = run_worker(["ours", str(corpus), str(nt), str(runs)])
    raw = run_worker(["raw", str(nt)])
    big = ours["triples"] > 500_000
    if skip_rdflib:
        return {"target_triples": triples, "ours": ours, "raw": raw,
                "rdflib": {"load_s": float("nan"), "queries": {n: {"s": float("nan")} for n in ours["queries"]},
                           "peak_mb": float("nan")}}
    base = run_worker(["rdflib", str(nt), "1" if big else str(min(runs, 3)), "0" if big else "1"])
    return {"target_triples": triples, "ours": ours, "raw": raw, "rdflib": base}


POINTERS = """## Elsewhere

Rebuilds with the build cache: INCREMENTAL.md (`bench_incremental.py`); SHACL engines:
SHACL-ENGINES.md (`bench_shacl_engines.py`); the YAML readers: YAML.md (`bench_yaml.py`); the two
slow queries in a run of their own: QUERIES.md; start-up: STARTUP.md (`bench_startup.py`)."""


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0 else "n/a"


def report(results: list[dict[str, Any]]) -> str:
    lines = ["# Benchmark results", "",
             "Produced by `python benchmarks/bench_stores.py`; times are medians in milliseconds unless",
             "marked; ratios are against raw pyoxigraph measured in the same run.", ""]
    for r in results:
        ours, raw, base = r["ours"], r["raw"], r["rdflib"]
        n = ours["triples"]
        lines += [f"## {n:,} triples", "",
                  "| step | figuregraph | raw pyoxigraph | ratio | figuregraph, rows read | raw, rows read | ratio "
                  "| rdflib | rdflib / raw |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        lines.append(f"| build: records -> store (parse YAML, link, emit) | {ours['build_s']:.2f} s | "
                     f"{raw['load_s']:.2f} s | "
                     f"{ratio(ours['build_s'], raw['load_s'])} | | | | {base['load_s']:.2f} s | "
                     f"{ratio(base['load_s'], raw['load_s'])} |")
        lines.append(f"| load a dataset file (`figuregraph load`) | {ours['file_load_s']:.2f} s | "
                     f"{raw['load_s']:.2f} s | "
                     f"{ratio(ours['file_load_s'], raw['load_s'])} | | | | | |")
        lines.append(f"| triples per second, loading the file | {n / ours['file_load_s']:,.0f} | "
                     f"{n / raw['load_s']:,.0f} | | | | | {n / base['load_s']:,.0f} | |")
        for name, q in ours["queries"].items():
            bq, raw_s = base["queries"][name], q["raw_s"]
            if not q["rows"] == q["raw_rows"] == raw["queries"][name]["rows"]:
                raise RuntimeError(f"{name}: figuregraph and raw pyoxigraph disagree on the number of rows")
            baseline = (f"{bq['s'] * 1000:.0f} | {ratio(bq['s'], raw_s)}" if bq["s"] is not None
                        else f"> {RDFLIB_CAP:.0f} s | > {RDFLIB_CAP / raw_s:.0f}x")
            lines.append(f"| query `{name}` ({q['rows']} rows) | {q['s'] * 1000:.2f} | {raw_s * 1000:.2f} | "
                         f"{ratio(q['s'], raw_s)} | {q['read_s'] * 1000:.2f} | {q['raw_read_s'] * 1000:.2f} | "
                         f"{ratio(q['read_s'], q['raw_read_s'])} | "
                         f"{baseline} |")
        export = base.get("export_turtle_s")
        lines.append(f"| Turtle export (deterministic, with prefixes) | {ours['export_turtle_s']:.2f} s | "
                     f"{raw['export_turtle_s']:.2f} s (no prefixes) | "
                     f"{ratio(ours['export_turtle_s'], raw['export_turtle_s'])} | | | | "
                     f"{f'{export:.2f} s' if export else 'skipped'} | |")
        lines.append(f"| peak memory (process) | {ours['peak_mb']:.0f} MB | {raw['peak_mb']:.0f} MB | "
                     f"{ratio(ours['peak_mb'], raw['peak_mb'])} | | | | {base['peak_mb']:.0f} MB | |")
        lines.append("")
    lines += [POINTERS]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        kind, args = sys.argv[2], sys.argv[3:]
        if kind == "ours":
            result = worker_ours(Path(args[0]), Path(args[1]), int(args[2]))
        elif kind == "raw":
            result = worker_raw(Path(args[0]))
        else:
            result = worker_rdflib(Path(args[0]), int(args[1]), args[2] == "1")
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    parser.add_argument("--skip-rdflib", action="store_true", help="No rdflib baseline (its columns: nan).")
    options = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in options.sizes:
            print(f"benchmarking ~{size:,} triples ...", file=sys.stderr)
            results.append(bench_size(size, Path(tmp), options.runs, options.skip_rdflib))
            options.out.write_text(report(results), encoding="utf-8")
            options.out.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")
            print(f"wrote {options.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
