"""Serve benchmarks: throughput and latency of `figuregraph serve` under 20 clients, against the
raw Oxigraph server, by pool size, and with runaway queries; and what an engine costs.

Each client is a thread with one keep-alive connection that sends the library queries in turn
(parameters bound as the CLI binds them) and checks every answer's length against the raw
engine's. Runaway clients send a query that never finishes (a four-way cross product) back to
back while the others run; they are not counted in throughput or latency. The clients run in
this process, on the same machine as the servers, so the numbers are for comparing rows with
each other, not absolute capacity.

Two stores: the repository's graph (fast queries: the load of the tests) and a synthetic one.

    python benchmarks/bench_serve.py --figures 1000 --out benchmarks/SERVE.md   # about 15 minutes
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import figuregraph as fg
from figuregraph.store import OxigraphStore, write_store
from figuregraph.store.endpoint import prepare
from figuregraph.store.library import QueryLibrary, bind_params
from figuregraph.store.serve import free_port, oxigraph_binary

from common import write_synthetic

FIGUREGRAPH = Path(sys.executable).parent / "figuregraph"
REPO_GRAPH = Path(__file__).resolve().parents[1] / "graph"
SYNTH_PARAMS = {
    "figures-about": {"subject": "district-00"},
    "figures-by-reporter": {"actor": "actor-00000"},
    "citation-chain": {"figure": "r00000-f01"},
}
REPO_PARAMS = {
    "figures-about": {"subject": "southern-military-district"},
    "figures-by-reporter": {"actor": "mediazona"},
    "citation-chain": {"figure": "desertion-awol-cases-southern-md-2024-12"},
}
RUNAWAY = b"SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = "application/sparql-results+json"


def make_store(graph: Path, store: Path) -> int:
    built = fg.build(graph)
    write_store(store, lambda s: s.load_quads(built.oxigraph().quads()))
    return len(built.graph)


def query_bodies(store: Path, params: dict[str, dict[str, str]]) -> list[tuple[str, bytes]]:
    """Each library query as the endpoint client sends it."""
    library = QueryLibrary.load()
    local = OxigraphStore(store, read_only=True)
    bodies = []
    for name in library.names():
        query = library.get(name)
        bindings = bind_params(query, params.get(name, {}), local.exists)
        bodies.append((name, prepare(query.text, bindings)[0].encode()))
    return bodies


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not listen")


@contextmanager
def server(command: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(30)


def raw_engine(store: Path, port: int, timeout: float | None = None) -> list[str]:
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph"] + (["--timeout-s", str(round(timeout))] if timeout else [])


def served(store: Path, port: int, engines: int, timeout: float) -> list[str]:
    return [str(FIGUREGRAPH), "serve", "--store", f"oxigraph:{store}", "--port", str(port),
            "--engines", str(engines), "--timeout", str(timeout)]


def post(connection: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    connection.request("POST", "/query", body=body, headers={"Content-Type": "application/sparql-query",
                                                              "Accept": JSON})
    response = connection.getresponse()
    return response.status, response.read()


def expected_lengths(port: int, bodies: list[tuple[str, bytes]]) -> dict[str, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    lengths = {}
    for name, body in bodies:
        status, data = post(connection, body)
        assert status == 200, (name, status, data[:200])
        lengths[name] = len(data)
    return lengths


def load(port: int, bodies: list[tuple[str, bytes]], lengths: dict[str, int], clients: int, requests: int,
         runaway_clients: int = 0, patience: float = 120) -> dict[str, Any]:
    """``requests`` library queries from ``clients`` threads; runaways beside them until they are done."""
    latencies: list[float] = []
    failures: list[str] = []
    runaways: list[int] = []
    done = threading.Event()
    lock = threading.Lock()

    def cheap(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for i in range(number, requests, clients):
            name, body = bodies[i % len(bodies)]
            started = time.perf_counter()
            try:
                status, data = post(connection, body)
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{name}: {exc!r}")
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
            if status != 200 or len(data) != lengths[name]:
                failures.append(f"{name}: {status} {len(data)} bytes")

    def runaway() -> None:
        while not done.is_set():  # a runaway nobody stops is given up after ``patience`` (status 0)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=patience)
            try:
                status, _ = post(connection, RUNAWAY)
            except (OSError, http.client.HTTPException):
                status = 0
            runaways.append(status)

    slow = [threading.Thread(target=runaway) for _ in range(runaway_clients)]
    fast = [threading.Thread(target=cheap, args=(n,)) for n in range(clients - runaway_clients)]
    started = time.perf_counter()
    for thread in slow + fast:
        thread.start()
    for thread in fast:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    for thread in slow:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "seconds": elapsed, "per_second": len(latencies) / elapsed,
            "p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "p99_ms": cuts[98] * 1000,
            "max_ms": max(latencies, default=0.0) * 1000, "failures": len(failures), "failure_sample": failures[:3],
            "runaways": len(runaways), "runaway_statuses": sorted(set(runaways))}


def rss_mb(pid: int) -> float:
    """Resident memory of a process (0 for one that has just exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return int(status.split("VmRSS:")[1].split()[0]) / 1024 if "VmRSS:" in status else 0.0


def children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def connection_cost(store: Path, requests: int = 2000) -> dict[str, float]:
    """Milliseconds per ASK to one engine: over one kept connection, and over a new one each time."""
    port = free_port()
    ask = b"ASK { ?s ?p ?o }"
    with server(raw_engine(store, port), port):
        kept = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        for _ in range(requests):
            post(kept, ask)
        kept_ms = (time.perf_counter() - started) / requests * 1000
        started = time.perf_counter()
        for _ in range(requests):
            fresh = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            post(fresh, ask)
            fresh.close()
        fresh_ms = (time.perf_counter() - started) / requests * 1000
    return {"kept_ms": kept_ms, "fresh_ms": fresh_ms}


def engine_start(store: Path, count: int) -> float:
    """Seconds until ``count`` engines started together all accept connections."""
    ports = [free_port() for _ in range(count)]
    started = time.perf_counter()
    processes = [subprocess.Popen(raw_engine(store, p), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for p in ports]
    try:
        for port, process in zip(ports, processes):
            wait_for(port, process)
        return time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
            process.wait()


def measure(store: Path, params: dict[str, dict[str, str]], clients: int, requests: int,
            timeout: float, bare_runaways: bool) -> dict[str, Any]:
    bodies = query_bodies(store, params)
    result: dict[str, Any] = {"clients": clients, "requests": requests, "timeout": timeout,
                              "queries": len(bodies), "rows": [],
                              "start_1": engine_start(store, 1), "start_4": engine_start(store, 4),
                              **connection_cost(store)}
    port = free_port()
    with server(raw_engine(store, port), port) as process:
        lengths = expected_lengths(port, bodies)
        load(port, bodies, lengths, clients, len(bodies) * 2)  # warm the page cache
        row = load(port, bodies, lengths, clients, requests)
        row.update(setup="raw Oxigraph server", rss_mb=rss_mb(process.pid))
        result["rows"].append(row)
    if bare_runaways:
        port = free_port()
        with server(raw_engine(store, port, timeout), port) as process:
            row = load(port, bodies, lengths, clients, requests, 2, patience=timeout + 5)
            row.update(setup=f"raw Oxigraph server --timeout-s {timeout:g}, 2 runaway clients",
                       rss_mb=rss_mb(process.pid))
            result["rows"].append(row)
    for engines, runaway_clients in ((1, 0), (2, 0), (4, 0), (8, 0), (2, 2), (4, 2), (8, 2), (16, 2)):
        limit = timeout if runaway_clients else 30.0  # without runaways: the default limit
        port = free_port()
        with server(served(store, port, engines, limit), port) as process:
            row = load(port, bodies, lengths, clients, requests, runaway_clients)
            pids = children(process.pid)
            row.update(setup=f"serve --engines {engines} --timeout {limit:g}"
                             + (f", {runaway_clients} runaway clients" if runaway_clients else ""),
                       rss_mb=rss_mb(process.pid), engine_rss_mb=max(rss_mb(p) for p in pids))
            result["rows"].append(row)
            print(f"  {row['setup']}: {row['per_second']:.0f}/s, {row['failures']} failed", file=sys.stderr)
    return result


def run(figures: int, clients: int, requests: int) -> list[dict[str, Any]]:
    """The repository's graph (the tests' load: runaways stopped at 2 s, and a bare server beside
    them), then a synthetic one, whose library queries take a second or more under this load, so
    its runaways are stopped at 10 s (a bare server's runaways there would run for minutes)."""
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_synthetic(figures, corpus)
        for name, graph, params, count, timeout in (
                ("the repository's graph", REPO_GRAPH, REPO_PARAMS, requests * 4, 2.0),
                (f"synthetic, {figures} figures", corpus, SYNTH_PARAMS, requests, 10.0)):
            store = Path(tmp) / f"store-{len(results)}"
            triples = make_store(graph, store)
            print(f"benchmarking {name} ({triples} triples)", file=sys.stderr)
            results.append({"store": name, "triples": triples,
                            **measure(store, params, clients, count, timeout, bare_runaways=not results)})
    return results


def report(results: list[dict[str, Any]]) -> str:
    lines = ["# Serve benchmark results", "",
             "Produced by `python benchmarks/bench_serve.py`. Clients are threads in the benchmark's own",
             "process on the same 2-core machine, each with one keep-alive connection, sending the library",
             "queries in turn; every answer is checked against the raw server's length. Latencies are of",
             "library queries only; runaway clients (two of the twenty) send a query that never finishes, back",
             "to back: a bare server's runaways are given up by their client after the limit plus 5 s.", ""]
    for r in results:
        raw = r["rows"][0]
        lines += [f"## {r['store']}: {r['triples']:,} triples, {r['clients']} clients, {r['requests']} library "
                  "queries", "",
                  f"Engine start (listening): one {r['start_1'] * 1000:.0f} ms; four at once "
                  f"{r['start_4'] * 1000:.0f} ms. One ASK from one client to one engine: {r['kept_ms']:.2f} ms over a "
                  f"kept connection, {r['fresh_ms']:.2f} ms over a new connection each. Runaways stopped at "
                  f"--timeout {r['timeout']:g}.", "",
                  "| setup | queries/s | vs raw | p50 ms | p95 ms | p99 ms | max ms | failed | runaways (status) "
                  "| proxy MB | engine MB |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"]
        for row in r["rows"]:
            statuses = ", ".join(str(s) for s in row["runaway_statuses"])
            lines.append(
                f"| {row['setup']} | {row['per_second']:.0f} | {row['per_second'] / raw['per_second']:.2f}x "
                f"| {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['max_ms']:.0f} "
                f"| {row['failures']} | {row['runaways']} ({statuses}) | {row['rss_mb']:.0f} "
                f"| {row.get('engine_rss_mb', row['rss_mb']):.0f} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results = run(args.figures, args.clients, args.requests)
    text = report(results)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
