"""Validation: SHACL shapes for each node (pyshacl) and the check queries for the whole graph.

Shapes are read together with the ontology (its subclass axioms and concept schemes),
without other inference. Checks (queries/checks/*.rq) run on the fast engine; a healthy
graph gives them no rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph
from rdflib.namespace import SH
from rdflib.term import Node

from . import progress
from .build import BuiltGraph, union_graph
from .rdf.namespace import local_id
from .store.library import QueryLibrary
from .files.resources import ontology_graph, shapes_graph
from .store.base import Store
from .store.oxigraph import as_oxigraph

Data = Graph | Dataset | BuiltGraph


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


def shacl_violations(data: Graph) -> list[Violation]:
    from pyshacl import validate as shacl_validate  # on use: the import alone outlasts a query on a store

    combined = Graph(bind_namespaces="none")
    combined += data
    combined += ontology_graph()
    with progress.task(f"SHACL validation of {len(data):,} triples"):
        _, results, _ = shacl_validate(combined, shacl_graph=shapes_graph(), inference="none",
                                       advanced=True, allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        def one(pred: Node, result: Node = result) -> str:
            value = results.value(result, pred)
            return "" if value is None else str(value)

        violations.append(Violation(
            focus=local_id(one(SH.focusNode)), path=local_id(one(SH.resultPath)),
            message=one(SH.resultMessage), severity=one(SH.resultSeverity).rsplit("#", 1)[-1],
            value=local_id(one(SH.value)),
        ))
    return violations


def check_violations(store: Store, library: QueryLibrary | None = None) -> list[Violation]:
    library = library or QueryLibrary.load()
    violations = []
    for check in progress.track(library.checks(), "check queries", unit="queries"):
        for row in store.query(check.text).rows:
            focus, *rest = [local_id(t) if t is not None else "" for t in row]
            violations.append(Violation(focus=focus, path=check.name, message=check.summary,
                                        severity="Violation", value=" ".join(v for v in rest if v)))
    return violations


def validate(data: Data, *, shacl: bool = True) -> Report:
    """Validate with the shapes (unless ``shacl`` is False) and the checks."""
    violations: list[Violation] = []
    if shacl:
        if isinstance(data, BuiltGraph):
            with progress.task("copying the graph for SHACL"):
                graph = data.graph
        elif isinstance(data, Dataset):
            graph = union_graph(data)
        else:
            graph = data
        violations += shacl_violations(graph)
    violations += check_violations(as_oxigraph(data))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(not any(v.severity == "Violation" for v in violations), violations)
