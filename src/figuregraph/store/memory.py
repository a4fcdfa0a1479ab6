"""In-memory store on rdflib: the modelling API, and the slow but dependable SPARQL engine."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..errors import QueryError
from ..rdf.namespace import bind_prefixes
from ..rdf.terms import add_quads, dataset_quads, quad_from_ox, rdflib_bindings, rdflib_quads, to_ox
from .base import TABLES_ONLY, Capability, GraphName, QueryResult, Store

if TYPE_CHECKING:
    from .base import Bound

# rdflib must never fetch a FROM graph from the web on its own.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _fresh() -> Dataset:
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


@contextmanager
def _quiet_conversions() -> Iterator[None]:
    """rdflib logs a traceback for each literal of a file it cannot convert ("abc"^^xsd:decimal);
    ``load_file`` then refuses the file with a message naming it and the triple, which is enough."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class MemoryStore(Store):
    """An rdflib Dataset whose default graph is the union of its named graphs.

    It has every capability but persistence. rdflib lists quads in an order that follows the
    hash seed, so a dump sorts them: the same data gives the same bytes."""

    backend = "rdflib"

    def __init__(self) -> None:
        self.dataset = _fresh()
        self.capabilities = frozenset(Capability) - {Capability.PERSISTENT}

    def instead(self, capability: Capability) -> str:
        return "use an on-disk Oxigraph store (oxigraph:PATH)"

    def _load(self, data: Graph) -> None:
        fresh = _fresh()
        add_quads(fresh, rdflib_quads(data))
        self.dataset = fresh

    def _load_quads(self, quads: Iterable[ox.Quad]) -> None:
        add_quads(self.dataset, (quad_from_ox(q) for q in quads))

    def _load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        with _quiet_conversions():
            super()._load_file(path, fmt)

    def _quads(self) -> Iterator[ox.Quad]:
        return dataset_quads(self.dataset)

    def _named_graphs(self) -> Iterable[ox.NamedNode | ox.BlankNode]:
        names = {g for *_, g in rdflib_quads(self.dataset) if g is not None}
        return [name for name in map(to_ox, names) if not isinstance(name, ox.Literal)]

    def _dump(self, fmt: ox.RdfFormat, graph: GraphName | None, prefixes: dict[str, str] | None) -> bytes:
        quads = sorted(self._quads(), key=str)
        chosen: list[ox.Quad] | list[ox.Triple] = (
            quads if graph is None else [q.triple for q in quads if q.graph_name == graph])
        return ox.serialize(chosen, format=fmt, prefixes=prefixes) or b""

    def _query(self, sparql: str, bindings: Mapping[str, Bound], timeout: float | None = None) -> QueryResult:
        try:
            # the bound values are terms (URIRefs, Literals), as rdflib's annotation asks
            terms = cast(Mapping[str, Identifier], rdflib_bindings(bindings))
            result = self.dataset.query(sparql, initBindings=terms)
            if result.type == "ASK":
                return QueryResult(("ask",), ((Literal(bool(result.askAnswer), datatype=XSD.boolean),),))
            if result.type != "SELECT":
                raise QueryError(f"{TABLES_ONLY}, not {result.type}")
            # rdflib evaluates lazily: errors (a SERVICE with no network, a bad cast) come while reading
            # rdflib types a result's items as rows, triples or booleans; a SELECT's are rows
            return QueryResult.of((str(v) for v in result.vars or ()), result)  # type: ignore[arg-type]
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises parser and evaluation errors of many types
            raise QueryError(f"query failed: {exc}") from exc

    def __len__(self) -> int:
        return len(set(self.dataset.triples((None, None, None))))
