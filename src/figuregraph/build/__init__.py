"""Records -> RDF: ``emit`` maps resolved records to quads, ``load`` puts them into a store."""

from .emit import graph_iri
from .load import BuiltGraph, build_directory, build_records, union_graph

__all__ = ["BuiltGraph", "build_directory", "build_records", "graph_iri", "union_graph"]
