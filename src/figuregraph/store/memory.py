"""In-memory store on rdflib: the modelling API, and the slow but dependable SPARQL engine."""

from __future__ import annotations

import rdflib.plugins.sparql

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError
from ..rdf.namespace import bind_prefixes
from .base import QueryResult, Store

# rdflib must never fetch a FROM graph from the web on its own.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class MemoryStore(Store):
    """An rdflib Dataset whose default graph is the union of its named graphs."""

    def __init__(self) -> None:
        self.dataset = bind_prefixes(Dataset(default_union=True))  # type: ignore[assignment]

    def load(self, data: Graph) -> None:
        """Replace the content with a dataset (keeping its named graphs) or a plain graph."""
        fresh = bind_prefixes(Dataset(default_union=True))
        quads = data.quads((None, None, None, None)) if isinstance(data, Dataset) else (
            (s, p, o, None) for s, p, o in data)
        for s, p, o, g in quads:
            fresh.add((s, p, o, g) if g is not None else (s, p, o))
        self.dataset = fresh  # type: ignore[assignment]

    def _query(self, sparql: str, bindings: dict[str, Node], timeout: float | None = None) -> QueryResult:
        try:
            result = self.dataset.query(sparql, initBindings=bindings)
            if result.type == "ASK":
                return QueryResult(("ask",), ((Literal(bool(result.askAnswer), datatype=XSD.boolean),),))
            if result.type != "SELECT":
                raise QueryError(f"only SELECT and ASK queries are supported, not {result.type}")
            # rdflib evaluates lazily: errors (a SERVICE with no network, a bad cast) come while reading
            return QueryResult.of((str(v) for v in result.vars or ()), result)  # type: ignore[arg-type]
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises parser and evaluation errors of many types
            raise QueryError(f"query failed: {exc}") from exc

    def __len__(self) -> int:
        return len(set(self.dataset.triples((None, None, None))))
