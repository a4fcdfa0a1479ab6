"""SHACL validation of a built graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import SH

from .namespace import local_id
from .resources import ontology_graph, shapes_graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the path and the shape's message."""

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


def validate(data: Graph) -> Report:
    """Validate data with the shapes, read together with the ontology (its subclass axioms and
    its concept schemes), without other inference."""
    combined = Graph(bind_namespaces="none")
    combined += data
    combined += ontology_graph()
    conforms, results, _ = shacl_validate(
        combined,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        def one(pred: object) -> str:
            value = results.value(result, pred)  # type: ignore[arg-type]
            return "" if value is None else str(value)

        violations.append(Violation(
            focus=local_id(one(SH.focusNode)),
            path=local_id(one(SH.resultPath)),
            message=one(SH.resultMessage),
            severity=one(SH.resultSeverity).rsplit("#", 1)[-1],
            value=local_id(one(SH.value)),
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(bool(conforms), violations)
