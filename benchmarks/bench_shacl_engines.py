"""SHACL engines on synthetic corpora: pyshacl-turbo (what builds use) against pySHACL (the reference
a test holds it to), over the whole graph and for the nodes one changed document touches (what a
rebuild validates).

The whole graph is validated two ways with pyshacl-turbo: in chunks of node descriptions, two at a
time (``validate.shacl_of_store``, what a build does), and as one run over all quads copied into a
store of their own with the ontology (``validate.shacl_by_focus``, what a build did before, and how
pySHACL is run here). The reports of all of them are compared. pySHACL is run only up to
``--pyshacl-max`` figures (it took 172 s at 490 000 triples). Times are wall clock, with the
process's CPU time beside them (the machine is shared); the peaks are the process's so far, so
that the chunked run, which comes first, is measured above the build alone.

    python benchmarks/bench_shacl_engines.py --figures 500 3500 50000 --pyshacl-max 500
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator

import pyoxigraph as ox

from common import peak_mb, synthetic_corpus, timed


def peak() -> str:
    return f"{peak_mb():.0f} MB"


def ordered(found: dict[str, list[object]]) -> dict[str, list[object]]:
    return {node: sorted(v, key=repr) for node, v in found.items()}


def one_size(figures: int, pyshacl_max: int) -> str:
    from figuregraph.build import build_directory

    validate = importlib.import_module("figuregraph.validate")  # the package's ``validate`` is the function

    with synthetic_corpus(figures) as folder:
        ours = build_directory(folder).store  # figuregraph's store; ``store``: the engine's own
        store = ours.store
    triples, built = len(store), peak()
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

    def every_quad() -> Iterator[ox.Quad]:
        return store.quads_for_pattern(None, None, None, None)

    chunked_wall, chunked_cpu, chunked = timed(lambda: ordered(validate.shacl_of_store(ours)))
    after_chunks = peak()
    whole_wall, whole_cpu, whole = timed(lambda: ordered(validate.shacl_by_focus(every_quad())))
    after_whole = peak()
    some_wall, _, part = timed(lambda: validate.shacl_by_focus(described(), nodes))
    same = chunked == whole
    line = (f"| {triples:,} | {chunked_wall:.2f} s ({chunked_cpu:.1f} s CPU) | {validate._chunk_count(triples)} "
            f"| {whole_wall:.2f} s ({whole_cpu:.1f} s CPU) | {whole_wall / chunked_wall:.2f}x "
            f"| {some_wall:.2f} s ({len(nodes)} nodes) |")
    if figures <= pyshacl_max:
        py_wall, _, report_py = timed(lambda: validate.shacl_by_focus(every_quad(), engine="pyshacl"))
        some_py, _, part_py = timed(lambda: validate.shacl_by_focus(described(), nodes, engine="pyshacl"))
        same = same and ordered(report_py) == whole and ordered(part_py) == ordered(part)
        line += f" {py_wall:.2f} s | {some_py:.2f} s | {py_wall / chunked_wall:.0f}x |"
    else:
        line += " (not run) | | |"
    return line + f" {'yes' if same else 'NO'} | {built} | {after_chunks} | {after_whole} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, nargs="+", default=[500, 3500, 50000])
    parser.add_argument("--pyshacl-max", type=int, default=5000)
    args = parser.parse_args()
    lines = [f"`benchmarks/bench_shacl_engines.py --figures {' '.join(map(str, args.figures))} "
             f"--pyshacl-max {args.pyshacl_max}`: one run each, "
             "in one process, on this project's shared 2-core machine (load average "
             f"{os.getloadavg()[0]:.1f} at the start). 'in chunks' is what a build does; 'one run' copies "
             "every quad into a store with the ontology first, as builds did before; 'one document' validates "
             "the nodes of one report's named graph with their descriptions, as a rebuild after that report "
             "changed does. Peaks are the process's so far: after the build of the corpus, after the chunked "
             "run, after the one run.", "",
             "| triples | pyshacl-turbo, in chunks | chunks | pyshacl-turbo, one run | one run / chunks "
             "| pyshacl-turbo, one document | pySHACL, whole | pySHACL, one document | pySHACL / chunks "
             "| same reports | peak: built | peak: chunks | peak: one run |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"]
    for figures in args.figures:
        lines.append(one_size(figures, args.pyshacl_max))
        print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
