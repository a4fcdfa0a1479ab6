"""Validation: SHACL shapes for each node and the check queries for the whole graph.

Shapes are read together with the ontology (its subclass axioms and concept schemes),
without other inference. They are validated by pyshacl-turbo (a Rust engine with pySHACL's
interface and reports; a test holds its reports equal to pySHACL's): a store's whole graph in
chunks of node descriptions (``shacl_chunks``), two at once (the engine lets go of Python's lock),
or some quads on an Oxigraph store. Checks (queries/checks/*.rq) run on the fast engine; a
healthy graph gives them no rows.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from . import progress
from .build import BuiltGraph, union_graph
from .rdf.namespace import local_id
from .store.library import LibraryQuery, QueryLibrary, bundled, run_for_nodes
from .files.resources import ontology_graph, ontology_path, shapes_graph
from .shacl_chunks import ontology_ntriples, reads, split
from .store.base import Store
from .store.oxigraph import as_oxigraph

if TYPE_CHECKING:
    from pyshacl_turbo import CompiledShapes

Data = Graph | Dataset | BuiltGraph
CHUNK_TRIPLES = 60_000  # at most, in a chunk: the engine costs less a triple in small ones (SHACL-ENGINES.md)
WORKERS = min(2, os.cpu_count() or 1)  # chunks validated at once


@dataclass(frozen=True)
class Violation:
    """One problem: the focus node, the path (or check) and the message."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def rows(self) -> list[dict[str, str]]:
        return [
            {"severity": v.severity, "focus": v.focus, "path": v.path, "value": v.value, "message": v.message}
            for v in self.violations
        ]


ENGINES = ("turbo", "pyshacl")  # pyshacl-turbo (Rust) validates; pySHACL is the reference it is tested against


def _shacl_results(data: Graph | ox.Store, engine: str, focus: Iterable[str] | None) -> Graph:
    """The SHACL results graph of data that holds the ontology too, for every target or ``focus`` only."""
    if engine == "turbo":
        from pyshacl_turbo import validate as shacl_validate  # on use: the import alone outlasts a query
    elif engine == "pyshacl":
        from pyshacl import validate as shacl_validate
    else:
        raise ValueError(f"unknown SHACL engine {engine!r}; known: {', '.join(ENGINES)}")
    nodes = None if focus is None else [URIRef(n) for n in sorted(focus)]
    options: dict[str, object] = {} if nodes is None else {"focus_nodes": nodes}
    what = f"{len(data):,} triples" if nodes is None else f"{len(nodes):,} changed nodes"
    with progress.task(f"SHACL validation of {what}"):
        _, results, _ = shacl_validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                       allow_warnings=True, **options)
    return results


def _by_focus(results: Graph) -> dict[str, list[Violation]]:
    found: dict[str, list[Violation]] = {}
    for result in results.subjects(SH.resultSeverity, None):
        def one(pred: Node, result: Node = result) -> str:
            value = results.value(result, pred)
            return "" if value is None else str(value)

        focus = one(SH.focusNode)
        found.setdefault(focus, []).append(Violation(
            focus=local_id(focus), path=local_id(one(SH.resultPath)),
            message=one(SH.resultMessage), severity=one(SH.resultSeverity).rsplit("#", 1)[-1],
            value=local_id(one(SH.value)),
        ))
    return found


def shacl_violations(data: Graph, engine: str = "turbo") -> list[Violation]:
    """SHACL results of an rdflib graph (validated with the ontology)."""
    combined = Graph(bind_namespaces="none")
    combined += data
    combined += ontology_graph()
    return [v for found in _by_focus(_shacl_results(combined, engine, None)).values() for v in found]


def shacl_by_focus(quads: Iterable[ox.Quad], focus: set[str] | None = None,
                   engine: str = "turbo") -> dict[str, list[Violation]]:
    """SHACL results by focus node (its IRI) of the union of some quads with the ontology: of every
    target, or of the ``focus`` nodes only (whose whole description, and the types of the nodes it
    names, the quads must hold: the shapes are node-local). Those of other nodes are left out."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    store.bulk_load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE)
    found = _by_focus(_shacl_results(store, engine, focus))
    return found if focus is None else {n: v for n, v in found.items() if n in focus}


def _chunk_count(triples: int) -> int:
    """One chunk for a small graph, else a multiple of ``WORKERS``, none above ``CHUNK_TRIPLES``."""
    if triples <= CHUNK_TRIPLES // 10:
        return 1
    return WORKERS * math.ceil(triples / (WORKERS * CHUNK_TRIPLES))


def _turbo_results(program: CompiledShapes, ntriples: str) -> Graph:
    """pyshacl-turbo's results for N-Triples text, handed to the engine as the text it parses (its
    ``Input``; a store would be dumped to text again, an rdflib graph converted term by term)."""
    from pyshacl_turbo.rdf import Input

    _, results, _ = program.validate(Input(ntriples, "nquads", None, {}, preserve_ids=True), allow_warnings=True)
    return results


def shacl_of_store(store: Store) -> dict[str, list[Violation]]:
    """SHACL results by focus node (its IRI) of the union of a store's graphs with the ontology,
    validated by pyshacl-turbo in chunks, ``WORKERS`` at once. One chunk of all triples when the
    shapes are not node-local or the data cannot be cut (``shacl_chunks.split``)."""
    from pyshacl_turbo import compile_shapes  # on use: the import alone outlasts a query

    triples, program = store.size_hint(), compile_shapes(shapes_graph(), advanced=True)
    shapes_read = reads(shapes_graph(), ontology_graph())
    count = _chunk_count(triples)
    with progress.task("SHACL data: the triples the shapes read, in chunks"):
        chunks = None if shapes_read is None else split(store, shapes_read, count)
    count = count if chunks is not None else 1
    with progress.task(f"SHACL validation of {triples:,} triples", total=count, unit="chunks") as step:
        def one(chunk: int) -> dict[str, list[Violation]]:
            if chunks is None:
                everything = store.dump(ox.RdfFormat.N_QUADS).decode() + ontology_ntriples()
                return _by_focus(_turbo_results(program, everything))
            found = _by_focus(_turbo_results(program, chunks.take(chunk)))
            return {node: v for node, v in found.items() if chunks.holds(chunk, node)}

        found: dict[str, list[Violation]] = {}
        with ThreadPoolExecutor(min(WORKERS, count)) as pool:
            for part in pool.map(one, range(count)):
                found.update(part)
                step.advance()
    return found


def check_rows(store: Store, check: LibraryQuery, nodes: Iterable[str] | None = None) -> list[tuple[str, Violation]]:
    """A check's violations, each with the text of the node it is about (an IRI): over the whole
    graph, or for ``nodes`` only (a check that declares its focus: ``library.run_for_nodes``)."""
    found = []
    for row in (store.query(check.text) if nodes is None else run_for_nodes(store, check, nodes)).rows:
        focus, *rest = [local_id(t) if t is not None else "" for t in row]
        found.append((str(row[0]) if row[0] is not None else "", Violation(
            focus=focus, path=check.name, message=check.summary, severity="Violation",
            value=" ".join(v for v in rest if v))))
    return found


def check_violations(store: Store, library: QueryLibrary | None = None) -> list[Violation]:
    library = library or bundled()
    return [v for check in progress.track(library.checks(), "check queries", unit="queries")
            for _, v in check_rows(store, check)]


def validate(data: Data, *, shacl: bool = True) -> Report:
    """Validate with the shapes (unless ``shacl`` is False) and the checks."""
    violations: list[Violation] = []
    if shacl:
        if isinstance(data, BuiltGraph):
            violations += [v for found in shacl_of_store(data.store).values() for v in found]
        else:
            violations += shacl_violations(union_graph(data) if isinstance(data, Dataset) else data)
    violations += check_violations(as_oxigraph(data))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(not any(v.severity == "Violation" for v in violations), violations)
