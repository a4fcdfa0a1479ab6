"""The store interface every backend implements: load a dataset, answer SPARQL with bindings.

``Store.query`` is the one entry point: it applies the guards (``guard.check``) and the time
limit, then calls the backend's ``_query``. Backends never see a query the guards refused, and
an in-process engine evaluates with no network at all where the platform allows (``sandbox``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from rdflib import Dataset, URIRef
from rdflib.term import Node

from . import sandbox
from .guard import DEFAULT_POLICY, Policy, QueryTimeout, check
from .threads import StillRunning, on_thread
from ..rdf.literals import canonical

T = TypeVar("T")


@dataclass(frozen=True)
class QueryResult:
    """SELECT results as rdflib terms (None where a variable is unbound); ASK gives one row.
    Numbers are in canonical lexical form whatever the engine, so backends give equal rows."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    @classmethod
    def of(cls, variables: Iterable[str], rows: Iterable[Iterable[Node | None]]) -> "QueryResult":
        return cls(tuple(variables), tuple(tuple(canonical(t) for t in row) for row in rows))

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def multiset(self) -> Counter[tuple[Node | None, ...]]:
        """Rows as a multiset, for order-insensitive comparison between backends."""
        return Counter(self.rows)


def with_timeout(work: Callable[[], T], seconds: float | None, what: str) -> T:
    """Run work, giving up after ``seconds``.

    Neither engine offers a cancellation hook, so the worker thread is interrupted with an
    asynchronous exception: rdflib (Python) stops at once, Oxigraph at the next chunk of
    results it writes (``oxigraph._Results``).
    An Oxigraph aggregate or sort still finishes in the background (the CLI exits instead)."""
    if seconds is None:
        return work()
    try:
        return on_thread(work, "figuregraph-query", seconds)
    except StillRunning as running:
        running.interrupt(QueryTimeout)
        raise QueryTimeout(f"{what} did not finish within {seconds:g} s (time limit); narrow the query "
                           "or raise the limit with --timeout") from None


class Store(ABC):
    """A place the graph lives in and is queried from."""

    policy: Policy = DEFAULT_POLICY
    needs_network: bool = False  # True for a remote endpoint; in-process engines run offline

    @abstractmethod
    def load(self, dataset: Dataset) -> None:
        """Replace the store's content with a dataset (all its named graphs)."""

    @abstractmethod
    def _query(self, sparql: str, bindings: dict[str, Node], timeout: float | None = None) -> QueryResult:
        """Evaluate a guarded query over the union of all graphs (``timeout``: the time limit)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of distinct triples in the union of all graphs."""

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              policy: Policy | None = None) -> QueryResult:
        """Run a SELECT or ASK query over the union of all graphs, with variables pre-bound.

        Refused (QueryRefused) if it breaks the policy; QueryTimeout past the time limit."""
        policy = policy or self.policy
        check(sparql, policy)

        def work() -> QueryResult:
            return self._query(sparql, bindings or {}, policy.timeout)

        online = self.needs_network or policy.allow_service
        return with_timeout(work if online else lambda: sandbox.offline(work), policy.timeout, "the query")

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
