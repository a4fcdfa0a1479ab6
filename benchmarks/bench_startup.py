"""Start-up of the command line (issue 14): whole processes, from start to exit, for the help, the
version, a command's help, ``import figuregraph`` and a query on an existing on-disk store.
Writes STARTUP.md.

With ``--baseline REV`` the same commands also run from that commit's source tree (``git
archive``; the same interpreter and packages), in turn with the current tree, so that drift on
a shared machine hits both alike.

Each source tree is byte-compiled first, as installing a wheel does: with
``PYTHONDONTWRITEBYTECODE`` set (as on the machines these runs come from) every run would
otherwise compile every module of the package from source again.

    .venv/bin/python benchmarks/bench_startup.py [--runs 9] [--baseline 410b7f3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "figuregraph"
NOTES = """
What the numbers come from: the help and `--version` load typer, rich and the command modules,
and none of rdflib, pyoxigraph, pySHACL, networkx, pyvis, matplotlib or pandas (each command
imports what it needs when it runs; `tests/cli/test_startup.py` checks the imports). Of the help's
CPU time, typer, rich and typer's help formatter (which imports rich's Markdown and traceback
modules whatever the markup) take about 0.11 s, the command modules 0.03 s, the rendering 0.02 s.
A command's own help takes longer than the top-level help because typer imports pydantic to
convert the parameters' defaults, as it does for every command that runs.

A query on an existing Oxigraph store loads pyoxigraph, the store, the query library and the
writer, and not rdflib: its parameters are bound as the engine's own terms (`library.bind_params`);
the writer reads the engine's cells (`rdf.cells`), which are shown exactly as their rdflib terms;
the guard lets the package's own queries through without its lexer or rdflib's parser
(`store.guard.vet`); nothing of the build, export, YAML or SHACL machinery
(`tests/cli/test_startup.py` checks all that). What remains is typer with pydantic (about 0.1 s
of CPU), rich, opening the store (RocksDB, about 0.05 s) and the table.
"""


def commands(store: Path) -> list[tuple[str, list[str]]]:
    python = [sys.executable]
    return [
        ("python -c pass", [*python, "-c", "pass"]),  # the interpreter alone
        ("python -c 'import typer'", [*python, "-c", "import typer"]),  # the CLI library
        ("python -c 'import figuregraph'", [*python, "-c", "import figuregraph"]),
        ("figuregraph --help", [str(SCRIPT), "--help"]),
        ("figuregraph --version", [str(SCRIPT), "--version"]),
        ("figuregraph query --help", [str(SCRIPT), "query", "--help"]),
        ("figuregraph query figure-sources --store oxigraph:STORE",
         [str(SCRIPT), "query", "figure-sources", "--store", f"oxigraph:{store}"]),
    ]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float] | None:
    """Wall and CPU (user + system) seconds of one run of ``argv``, output discarded; None if it
    fails (a command the baseline does not have)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return None if process.returncode else (wall, usage.ru_utime + usage.ru_stime)


def source_tree(rev: str, into: Path) -> Path:
    """The package sources of commit ``rev``, unpacked under ``into``."""
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree" / "src"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline", help="A commit to compare with (its source tree, the same packages).")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="fg-startup-") as tmp:
        work = Path(tmp)
        store = work / "store"
        subprocess.run([str(SCRIPT), "build", "-g", str(ROOT / "graph"), "-o", str(work / "seed.ttl"),
                        "--store", f"oxigraph:{store}"], check=True, capture_output=True)
        envs = {"now": dict(os.environ, NO_COLOR="1")}
        trees = [ROOT / "src"]
        if args.baseline:
            trees.append(source_tree(args.baseline, work))
            envs["baseline"] = dict(envs["now"], PYTHONPATH=str(trees[-1]))
        for tree in trees:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree)], check=True)
        rows = []
        for label, argv in commands(store):
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
            if timed(argv, envs["now"]) is None:  # also warms the file cache
                raise SystemExit(f"{' '.join(argv)} failed")
            for _ in range(args.runs):
                for name, env in envs.items():  # in turn: A B A B ...
                    sample = timed(argv, env)
                    if sample is not None:
                        samples[name].append(sample)
            medians = {name: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
                       for name, s in samples.items() if s}
            rows.append((label, medians))
            shown = "  ".join(f"{name} {w:.3f} s wall, {c:.3f} s cpu" for name, (w, c) in medians.items())
            print(f"{label:<58} {shown}", flush=True)
    head = "| command | wall | cpu |" + (" baseline wall | baseline cpu | wall ratio |" if args.baseline else "")
    rule = "| --- | ---: | ---: |" + (" ---: | ---: | ---: |" if args.baseline else "")
    lines = ["# Start-up of the command line", "",
             f"`benchmarks/bench_startup.py --runs {args.runs}"
             + (f" --baseline {args.baseline}`" if args.baseline else "`")
             + f", medians of {args.runs} whole-process runs, this machine ({os.cpu_count()} cores)"
             + (f"; the baseline is commit {args.baseline}'s source tree with the same packages, run in turn."
                if args.baseline else "."),
             f"The load average was {load:.1f} at the start: other work on the machine stretches wall times, "
             "not CPU times.", "", head, rule]
    for label, m in rows:
        line = f"| `{label}` | {m['now'][0]:.3f} s | {m['now'][1]:.3f} s |"
        if args.baseline and "baseline" in m:
            bw, bc = m["baseline"]
            line += f" {bw:.3f} s | {bc:.3f} s | {m['now'][0] / bw:.2f}x |"
        elif args.baseline:
            line += " (no such command) | | |"
        lines.append(line)
    lines.append(NOTES.rstrip())
    (ROOT / "benchmarks" / "STARTUP.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
