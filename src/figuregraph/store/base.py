"""The store interface every backend implements: load a dataset, answer SPARQL with bindings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.term import Node


@dataclass(frozen=True)
class QueryResult:
    """SELECT results as rdflib terms (None where a variable is unbound); ASK gives one row."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def multiset(self) -> Counter[tuple[Node | None, ...]]:
        """Rows as a multiset, for order-insensitive comparison between backends."""
        return Counter(self.rows)


class Store(ABC):
    """A place the graph lives in and is queried from."""

    @abstractmethod
    def load(self, dataset: Dataset) -> None:
        """Replace the store's content with a dataset (all its named graphs)."""

    @abstractmethod
    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a SELECT or ASK query over the union of all graphs, with variables pre-bound."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of distinct triples in the union of all graphs."""

    def exists(self, node: URIRef) -> bool:
        """Whether the node is the subject of any triple."""
        result = self.query("ASK { ?node ?p ?o }", {"node": node})
        return bool(result.rows and result.rows[0][0])

    def close(self) -> None:
        """Release resources (files, connections)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
