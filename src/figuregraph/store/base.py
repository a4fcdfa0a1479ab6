"""The store interface every backend implements, and what each one can do.

``Store.query`` is the one entry point for SPARQL: it applies the guards (``guard.check``) and
the time limit, then calls the backend's ``_query``. Backends never see a query the guards refused.

The rest of the interface moves data in and out: ``load`` (an rdflib dataset or graph, replacing
the content), ``load_quads`` and ``load_file`` (adding), ``quads``, ``named_graphs`` and ``dump``.
Quads and graph names cross it as pyoxigraph terms (the fast path's own form; ``rdf.terms``
converts), query rows as rdflib terms (an Oxigraph result makes them when they are first read,
and gives a writer its ``cells`` without rdflib). Each store declares its ``capabilities``;
asking one for what it has not declared is a UsageError naming the backend and what to use
instead, raised before anything is done. An in-process engine evaluates with no network at all where the platform
allows (``sandbox``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NoReturn, TypeVar
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..errors import InputError, Location, UsageError
from . import sandbox
from .guard import DEFAULT_POLICY, Policy, QueryTimeout, check
from .library import run
from .threads import StillRunning, Stopped, on_thread

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    # A value bound to a query variable: an rdflib term, or the engine's own (``library.bind_params``
    # makes those, so a query with parameters on Oxigraph needs no rdflib)
    Bound = Node | ox.NamedNode | ox.BlankNode | ox.Literal

T = TypeVar("T")

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph

# what a store's query answers: rows (or a boolean); graphs come from an endpoint
TABLES_ONLY = ("only SELECT and ASK queries are supported (the answer is a table); for the triples of a CONSTRUCT "
               "or DESCRIBE, ask figuregraph serve's endpoint with Accept: text/turtle")

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


class Capability(Enum):
    """What a store can do; each value completes "the ... backend cannot ..."."""

    QUERY = "answer queries"
    LOAD = "load data"
    QUADS = "list its quads"
    NAMED_GRAPHS = "list its named graphs"
    DUMP = "write its data in an RDF format"
    PERSISTENT = "keep its data once this process ends"


class QueryResult:
    """SELECT results as rdflib terms (None where a variable is unbound); ASK gives one row.
    Numbers are in canonical lexical form whatever the engine, so backends give equal rows.

    The rows may be made when first read (``later``): an Oxigraph result keeps the engine's own
    text until then, so a caller that reads no rows pays for no conversion. Such a result also
    gives its ``cells`` without rdflib: what the writers read (``rdf.cells``), shown exactly as
    its rows would be."""

    __slots__ = ("_cells", "_make", "_rows", "variables")

    def __init__(self, variables: Iterable[str], rows: Iterable[tuple[Node | None, ...]]) -> None:
        self.variables: tuple[str, ...] = tuple(variables)
        self._rows: tuple[tuple[Node | None, ...], ...] | None = tuple(rows)
        self._make: Callable[[], Iterable[tuple[Node | None, ...]]] | None = None
        self._cells: Callable[[], Iterable[tuple[object, ...]]] | None = None

    @classmethod
    def of(cls, variables: Iterable[str], rows: Iterable[Iterable[Node | None]]) -> QueryResult:
        from ..rdf.literals import canonical

        return cls(variables, (tuple(canonical(t) for t in row) for row in rows))

    @classmethod
    def later(cls, variables: Iterable[str], make: Callable[[], Iterable[tuple[Node | None, ...]]],
              cells: Callable[[], Iterable[tuple[object, ...]]] | None = None) -> QueryResult:
        """A result whose rows ``make`` gives when they are first read; ``cells``, if given, gives
        the rows as the writers read them (``rdf.cells``)."""
        result = cls(variables, ())
        result._rows, result._make, result._cells = None, make, cells
        return result

    @property
    def rows(self) -> tuple[tuple[Node | None, ...], ...]:
        if self._rows is None:
            assert self._make is not None
            self._rows, self._make = tuple(self._make()), None
        return self._rows

    @property
    def cells(self) -> tuple[tuple[object, ...], ...]:
        """The rows for a writer (``rdf.literals.display`` and ``plain`` read them as they read the
        rows): the engine's cells while the rows are not made, else the rows."""
        if self._rows is None and self._cells is not None:
            return tuple(self._cells())
        return self.rows

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        return (self.variables, self.rows) == (other.variables, other.rows)

    def __hash__(self) -> int:
        return hash((self.variables, self.rows))

    def __repr__(self) -> str:
        return f"QueryResult(variables={self.variables!r}, rows={self.rows!r})"

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
        running.interrupt(Stopped)
        raise QueryTimeout(f"{what} did not finish within {seconds:g} s (time limit); narrow the query "
                           "or raise the limit with --timeout") from None


def file_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a dataset file, from its suffix."""
    fmt = FILE_FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"unknown dataset file type '{path.suffix}'; known: {', '.join(sorted(FILE_FORMATS))}",
                         Location(path))
    return fmt


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """A dataset file the parser refuses, as one InputError naming the file. An OSError is left as it is:
    the file could be opened, so it is the store's (a full disk), and its text names the store's path."""
    try:
        yield
    except (SyntaxError, ValueError) as exc:
        if "LoadDocumentCallback" in str(exc):
            raise InputError("the file names a remote JSON-LD context; remote documents are never fetched: "
                             "embed the context in the file", Location(path)) from exc
        raise InputError(f"cannot load {path.suffix} file: {exc}", Location(path)) from exc


class Store(ABC):
    """A place the graph lives in and is queried from.

    Each public method checks the capability it needs, then calls the backend's hook
    (``_load``, ``_quads``, ...): a backend implements the hooks of what it declares."""

    backend: ClassVar[str]  # how messages name the backend
    capabilities: frozenset[Capability]
    policy: Policy = DEFAULT_POLICY
    needs_network: bool = False  # True for a remote endpoint; in-process engines run offline
    time_slack: float = 0.0  # seconds past the time limit a store may take to say why it stopped a query

    def instead(self, capability: Capability) -> str:
        """What to use where this store lacks ``capability`` (the end of the error message)."""
        return "use an Oxigraph store (oxigraph in memory, oxigraph:PATH on disk)"

    def require(self, *needed: Capability) -> None:
        """Raise a UsageError unless the store has every capability in ``needed``."""
        for capability in needed:
            if capability not in self.capabilities:
                raise UsageError(f"the {self.backend} backend cannot {capability.value}; {self.instead(capability)}")

    def _undeclared(self, capability: Capability) -> NoReturn:
        raise NotImplementedError(f"{type(self).__name__} declares {capability.name} but has no hook for it")

    # -- loading ------------------------------------------------------------------------
    def load(self, data: Graph) -> None:
        """Replace the content with an rdflib dataset (its named graphs kept) or graph (the default graph)."""
        self.require(Capability.LOAD)
        self._load(data)

    def load_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads."""
        self.require(Capability.LOAD)
        self._load_quads(quads)

    def load_file(self, path: Path) -> None:
        """Add a dataset file's quads (format from its suffix). Read by Oxigraph's parsers: nothing
        is fetched on the file's behalf (rdflib's JSON-LD parser would fetch a remote context).
        A literal of the file that is no value of its datatype is refused (``welltyped``), naming
        the file; what the store held before is not the file's (``load_quads`` checks nothing)."""
        self.load_files([path])

    def load_files(self, paths: Sequence[Path]) -> None:
        """Add several dataset files' quads (``load_file``); their literals are checked once, when
        all are in (the check reads the whole store), and an ill-typed one names its file."""
        from .welltyped import check_literals

        self.require(Capability.LOAD)
        # Empty before (one that cannot list its quads counts as not): a bad literal is then the files'.
        # Asked for its first quad: ``len`` counts by a full scan in Oxigraph (40 ms at 500k quads, 0.2 ms).
        fresh = Capability.QUADS in self.capabilities and next(iter(self.quads()), None) is None
        for path in paths:
            fmt = file_format(path)
            try:
                path.open("rb").close()  # an OSError past this point is the store's (a full disk), not the file's
            except OSError as exc:
                raise InputError(f"cannot read dataset file: {exc.strerror}", Location(path)) from exc
            with reading(path):
                self._load_file(path, fmt)
        check_literals(self, paths, fresh)

    def _load(self, data: Graph) -> None:
        self._undeclared(Capability.LOAD)

    def _load_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._undeclared(Capability.LOAD)

    def _load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        self._load_quads(ox.parse(path=str(path), format=fmt))

    # -- reading out --------------------------------------------------------------------
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, streamed (in the store's own order)."""
        self.require(Capability.QUADS)
        return self._quads()

    def named_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """The named graphs that hold quads, in IRI order."""
        self.require(Capability.NAMED_GRAPHS)
        return sorted(self._named_graphs(), key=lambda g: g.value)

    def dump(self, fmt: ox.RdfFormat, graph: GraphName | None = None, prefixes: dict[str, str] | None = None) -> bytes:
        """One graph's triples in ``fmt``, or, with no ``graph``, every quad (N-Quads or TriG).

        ``prefixes`` are used where the format has them (Turtle, TriG)."""
        self.require(Capability.DUMP)
        if graph is None and not fmt.supports_datasets:
            raise ValueError(f"{fmt.name} has no named graphs: dump one graph, or the whole store as N-Quads or TriG")
        return self._dump(fmt, graph, prefixes)

    def _quads(self) -> Iterator[ox.Quad]:
        self._undeclared(Capability.QUADS)

    def _named_graphs(self) -> Iterable[ox.NamedNode | ox.BlankNode]:
        self._undeclared(Capability.NAMED_GRAPHS)

    def _dump(self, fmt: ox.RdfFormat, graph: GraphName | None, prefixes: dict[str, str] | None) -> bytes:
        self._undeclared(Capability.DUMP)

    # -- querying -----------------------------------------------------------------------
    @abstractmethod
    def _query(self, sparql: str, bindings: Mapping[str, Bound], timeout: float | None = None) -> QueryResult:
        """Evaluate a guarded query over the union of all graphs (``timeout``: the time limit)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of distinct triples in the union of all graphs."""

    def size_hint(self) -> int:
        """About how much the store holds, for sizing work (quads or triples, whichever the backend
        counts cheaply); ``len`` is the exact number of distinct triples."""
        return len(self)

    def query(self, sparql: str, bindings: Mapping[str, Bound] | None = None,
              policy: Policy | None = None) -> QueryResult:
        """Run a SELECT or ASK query over the union of all graphs, with variables pre-bound.

        Refused (QueryRefused) if it breaks the policy; QueryTimeout past the time limit."""
        self.require(Capability.QUERY)
        policy = policy or self.policy
        check(sparql, policy)

        def work() -> QueryResult:
            return self._query(sparql, bindings or {}, policy.timeout)

        online = self.needs_network or policy.allow_service
        seconds = None if policy.timeout is None else policy.timeout + self.time_slack
        return with_timeout(work if online else lambda: sandbox.offline(work), seconds, "the query")

    def exists(self, node: URIRef | ox.NamedNode) -> bool:
        """Whether the node is the subject of any triple."""
        result = run(self, "store-exists", {"node": node})
        return bool(result.rows and result.rows[0][0])

    def close(self) -> None:  # noqa: B027  (not abstract: a store that holds nothing has nothing to release)
        """Release resources (files, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
