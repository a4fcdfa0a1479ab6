"""Where the bundled model and query library are: the source checkout, or the installed wheel."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph


def resource_dir(name: str) -> Path:
    """``ontology`` or ``queries``: packaged data in a wheel, the repository folder in a checkout."""
    packaged = Path(str(resources.files("figuregraph"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / name
    if checkout.is_dir():
        return checkout
    raise InputError(f"the bundled '{name}' folder is missing from this installation")


def ontology_path() -> Path:
    return resource_dir("ontology") / "figuregraph.ttl"


def shapes_path() -> Path:
    return resource_dir("ontology") / "shapes.ttl"


@cache
def _parsed(path: Path) -> Graph:
    from rdflib import Graph

    from ..rdf.namespace import bind_prefixes

    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The ontology as a graph (parsed once; callers must not modify it)."""
    return _parsed(ontology_path())


def shapes_graph() -> Graph:
    """The SHACL shapes as a graph (parsed once; callers must not modify it)."""
    return _parsed(shapes_path())


def external_terms_path() -> Path:
    """Terms of aligned vocabularies that rdflib does not know (for the ontology checks)."""
    return resource_dir("ontology") / "external-terms.txt"
