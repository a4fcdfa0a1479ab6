"""SHACL engines on synthetic corpora: pyshacl-turbo (what builds use) against pySHACL (the reference
a test holds it to), over the whole graph and for the nodes one changed document touches (what a
rebuild validates). Both read the same quads with the ontology (``validate.shacl_by_focus``); the
reports are compared here too. pySHACL is run only up to ``--pyshacl-max`` figures (it took 172 s
at 490 000 triples).

    python benchmarks/bench_shacl_engines.py --figures 500 5000 50000 --out benchmarks/SHACL-ENGINES.md
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox


def timed(work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def one_size(figures: int, pyshacl_max: int) -> list[str]:
    from figuregraph.build import build_directory
    from figuregraph.model import synth
    from figuregraph.validate import shacl_by_focus

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        synth.write(synth.generate(figures, seed=1), folder)
        store = build_directory(folder).store.store
    triples = len(store)
    graph = next(g for g in sorted(store.named_graphs(), key=str) if "report-" in str(g))
    nodes = {q.subject.value for q in store.quads_for_pattern(None, None, None, graph)
             if isinstance(q.subject, ox.NamedNode)}

    def described() -> list[ox.Quad]:  # what a rebuild hands SHACL: the nodes' whole descriptions
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        found = []
        for node in nodes:
            for q in store.quads_for_pattern(ox.NamedNode(node), None, None, None):
                found.append(q)
                if isinstance(q.object, ox.NamedNode):
                    found += store.quads_for_pattern(q.object, rdf_type, None, None)
        return found

    rows = []
    whole_turbo, report_turbo = timed(lambda: shacl_by_focus(store.quads_for_pattern(None, None, None, None)))
    some_turbo, part_turbo = timed(lambda: shacl_by_focus(described(), nodes))
    line = f"| {triples:,} | {whole_turbo:.2f} s | {some_turbo:.2f} s ({len(nodes)} nodes) |"
    if figures <= pyshacl_max:
        whole_py, report_py = timed(lambda: shacl_by_focus(store.quads_for_pattern(None, None, None, None),
                                                           engine="pyshacl"))
        some_py, part_py = timed(lambda: shacl_by_focus(described(), nodes, engine="pyshacl"))
        same = "yes" if report_py == report_turbo and part_py == part_turbo else "NO"
        line += f" {whole_py:.2f} s | {some_py:.2f} s | {whole_py / whole_turbo:.0f}x | {same} |"
    else:
        line += " (not run) | | | |"
    rows.append(line + f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--pyshacl-max", type=int, default=5000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = ["# SHACL engines", "",
             f"`benchmarks/bench_shacl_engines.py --figures {' '.join(map(str, args.figures))}`: one run each, "
             "in one process, on this project's shared 2-core machine. 'one document' validates the nodes of one "
             "report's named graph with their descriptions, as a rebuild after that report changed does.", "",
             "| triples | pyshacl-turbo, whole | pyshacl-turbo, one document | pySHACL, whole | pySHACL, one document "
             "| pySHACL / turbo | same reports | process peak so far |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for figures in args.figures:
        lines += one_size(figures, args.pyshacl_max)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
