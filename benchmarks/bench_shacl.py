"""Where SHACL reads the data from: the records' emitted dataset, a union copy made from the store
(the earlier way), or pySHACL straight on an Oxigraph store. Same reports required; timed here.

    python benchmarks/bench_shacl.py --figures 800 --out benchmarks/SHACL.md
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from figuregraph.build import build_directory, union_graph
from figuregraph.files.resources import ontology_path, shapes_graph
from figuregraph.rdf.namespace import local_id
from figuregraph.validate import Violation, shacl_violations

from common import publish, synthetic_corpus

BREAK = (  # a few faults of three kinds, so that the reports have something to compare
    "DELETE { GRAPH ?g { ?f fg:quote ?q } } WHERE { GRAPH ?g { ?f fg:quote ?q FILTER(STRENDS(STR(?f), '0')) } }",
    "INSERT { GRAPH ?g { ?f fg:value 'x' } } WHERE { GRAPH ?g { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '3')) } }",
    "DELETE { GRAPH ?g { ?m a fg:Measure } } WHERE { GRAPH ?g { ?m a fg:Measure FILTER(STRENDS(STR(?m), '1')) } }",
)
PREFIX = "PREFIX fg: <https://w3id.org/figuregraph/ontology#>\n"


def report(results: object) -> list[Violation]:
    out = []
    for result in results.subjects(SH.resultSeverity, None):  # type: ignore[attr-defined]
        def one(p: object) -> str:
            value = results.value(result, p)  # type: ignore[attr-defined]
            return "" if value is None else str(value)
        out.append(Violation(local_id(one(SH.focusNode)), local_id(one(SH.resultPath)), one(SH.resultMessage),
                             one(SH.resultSeverity).rsplit("#", 1)[-1], local_id(one(SH.value))))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message, v.value))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=800)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with synthetic_corpus(args.figures, seed=5) as corpus:
        built = build_directory(corpus)
        for update in BREAK:
            built.store.store.update(PREFIX + update)
        triples = len(built.store)
        rows = []

        # 1. the earlier way: store -> rdflib dataset -> union copy
        t = time.perf_counter()
        from_store = union_graph(built.store.to_dataset())
        made = time.perf_counter() - t
        t = time.perf_counter()
        base = sorted(shacl_violations(from_store), key=lambda v: (v.focus, v.path, v.message, v.value))
        rows.append(("union copy made from the store", made, time.perf_counter() - t, len(base), True))

        # 2. what a build does now: the emitted dataset as one rdflib graph (the faults are re-applied
        # to it, since the emission knows nothing of them: the comparison is of the same graph)
        t = time.perf_counter()
        emitted = built.graph
        made = time.perf_counter() - t
        emitted.update(PREFIX + "DELETE { ?f fg:quote ?q } WHERE { ?f fg:quote ?q FILTER(STRENDS(STR(?f), '0')) }")
        emitted.update(PREFIX + "INSERT { ?f fg:value 'x' } WHERE { ?f fg:wording ?w FILTER(STRENDS(STR(?f), '3')) }")
        emitted.update(PREFIX + "DELETE { ?m a fg:Measure } WHERE { ?m a fg:Measure FILTER(STRENDS(STR(?m), '1')) }")
        t = time.perf_counter()
        got = sorted(shacl_violations(emitted), key=lambda v: (v.focus, v.path, v.message, v.value))
        rows.append(("rdflib graph of the emitted dataset", made, time.perf_counter() - t, len(got), got == base))

        # 3. pySHACL on an Oxigraph store (its pyoxigraph data-graph support), union in the default graph
        t = time.perf_counter()
        store = ox.Store()
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                          for q in built.store.store.quads_for_pattern(None, None, None, None))
        store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
        made = time.perf_counter() - t
        t = time.perf_counter()
        # pySHACL reads a pyoxigraph store, which its type hints do not name
        _, results, _ = shacl_validate(store, shacl_graph=shapes_graph(),  # type: ignore[arg-type]
                                       inference="none", advanced=True, allow_warnings=True)
        on_ox = report(results)
        rows.append(("pySHACL on an Oxigraph store", made, time.perf_counter() - t, len(on_ox), on_ox == base))

    lines = [f"# SHACL: where the shapes read the data ({args.figures} synthetic figures, {triples:,} triples)", "",
             "`benchmarks/bench_shacl.py`, one run on this project's 2-core machine.", "",
             "| data graph | making it (s) | validating (s) | results | same report as the first |",
             "| --- | ---: | ---: | ---: | --- |"]
    lines += [f"| {name} | {made:.2f} | {ran:.2f} | {n} | {'yes' if same else 'NO'} |"
              for name, made, ran, n, same in rows]
    publish(lines, args.out)


if __name__ == "__main__":
    main()
