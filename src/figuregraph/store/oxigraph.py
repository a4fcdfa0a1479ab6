"""Embedded Oxigraph (pyoxigraph): the fast path for loading and querying, in memory or on disk."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..errors import InputError, Location, QueryError
from ..rdf.cells import tsv_cells, tsv_variables
from .base import TABLES_ONLY, Capability, GraphName, QueryResult, Store
from ..files.swap import new_generation
from .library import internal

DISK_BATCH = 300_000  # quads per bulk load into an on-disk store (benchmarks/INCREMENTAL.md)
FEW_QUADS = 50_000  # fewer than this go in as one transaction rather than through the bulk loader

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer
    from rdflib import Dataset, Graph, URIRef
    from rdflib.term import Node

    from .base import Bound

    from ..build import BuiltGraph


class _Results(io.BytesIO):
    """Where Oxigraph writes a result, chunk by chunk. The write is Python code, so a query past
    its time limit stops at its next chunk: the interrupt (``base.with_timeout``) cannot reach
    a serialiser that runs in Rust from start to end, which would otherwise fill memory."""

    def write(self, chunk: ReadableBuffer) -> int:
        return super().write(chunk)


def _rows(data: bytes) -> list[tuple[Node | None, ...]]:
    """The rows of Oxigraph's TSV result as rdflib terms."""
    from ..rdf.terms import tsv_rows

    return tsv_rows(data)[1]


def require_store(path: Path) -> None:
    """Raise a clear InputError unless an on-disk Oxigraph store exists at path."""
    if not (path / "CURRENT").exists():  # RocksDB's marker file of an existing database
        raise InputError("no Oxigraph store here; create one with 'figuregraph build --store "
                         f"oxigraph:{path}' or 'figuregraph load'", Location(path))


def _open(path: Path, read_only: bool) -> ox.Store:
    """The store at ``path``, opened in the generation folder it names now (a later flip leaves it be)."""
    where = os.path.realpath(path)
    try:
        return ox.Store.read_only(where) if read_only else ox.Store(where)
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store: {exc}", Location(path)) from exc


class OxigraphStore(Store):
    """A pyoxigraph store; queries see the union of all named graphs.

    It has every capability; loading needs a writable store, persistence a path."""

    backend = "Oxigraph"

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is None:
            self.store = ox.Store()
        else:
            if read_only:
                require_store(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
            self.store = _open(self.path, read_only)
        lacking = {Capability.PERSISTENT} if self.path is None else set()
        if read_only:
            lacking.add(Capability.LOAD)
        self.capabilities = frozenset(Capability) - lacking

    def instead(self, capability: Capability) -> str:
        if capability is Capability.LOAD:
            return "this store was opened read-only (rebuild it with 'figuregraph build --store' or 'figuregraph load')"
        return "give it a path: oxigraph:PATH"

    # -- writing ----------------------------------------------------------------------
    def _load(self, data: Graph) -> None:
        """Replace the content, in one transaction."""
        from ..rdf.terms import dataset_quads

        self.store.clear()
        self.store.extend(dataset_quads(data))

    def _load_quads(self, quads: Iterable[ox.Quad]) -> None:
        if self.path is None:
            self.store.bulk_extend(quads)
            return
        # On disk, RocksDB's bulk loader holds all of one call's quads in memory: in batches, the
        # peak stays near the batch's size (see benchmarks/INCREMENTAL.md) for about the same time.
        it = iter(quads)
        while batch := list(itertools.islice(it, DISK_BATCH)):
            self.store.bulk_extend(batch)

    def load_store(self, other: OxigraphStore) -> None:
        """Add every quad of another Oxigraph store, as N-Quads text a few graphs at a time: Oxigraph
        writes and reads it in Rust, with no Python object per quad, and on disk each chunk is one
        bulk load of about ``DISK_BATCH`` quads (RocksDB's bulk loader holds a call's quads in memory)."""
        self.require(Capability.LOAD)
        chunk: list[bytes] = []
        size = 0
        for graph in [ox.DefaultGraph(), *other.named_graphs()]:
            data = other.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
            if not isinstance(graph, ox.DefaultGraph):  # a line ends " .\n", a newline in a term is escaped
                data = data.replace(b" .\n", f" {graph} .\n".encode())
            chunk.append(data)
            size += data.count(b"\n")
            if size >= DISK_BATCH:
                self.load_nquads(b"".join(chunk))
                chunk, size = [], 0
        self.load_nquads(b"".join(chunk))

    def load_nquads(self, data: bytes | str) -> None:
        """Add N-Quads that Oxigraph wrote (its terms were checked when they were made: read leniently).
        A few go in as one transaction; more through the bulk loader, which writes new files for
        every call however small (a tenth of a second on disk for a few hundred quads)."""
        self.require(Capability.LOAD)
        if (data.count(b"\n") if isinstance(data, bytes) else data.count("\n")) < FEW_QUADS:
            self.store.load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            self.store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def _load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        self.store.bulk_load(path=str(path), format=fmt)

    def load_in_order(self, lines: Sequence[str]) -> bytes:
        """Add N-Quads lines so that the store lists each graph's quads in this order (what a
        Turtle export writes): an in-memory store lists the quad it got last first. On disk the
        order is the store's key order whatever the insertion order. Oxigraph parses and
        inserts them without holding the interpreter lock, so other threads run meanwhile.
        Returns the text loaded (the lines, last first), encoded once: pyoxigraph reads bytes
        faster than a string, and the build cache writes the same bytes to its file."""
        self.require(Capability.LOAD)
        text = "".join(reversed(lines)).encode()
        self.store.load(input=text, format=ox.RdfFormat.N_QUADS)
        return text

    def copy(self) -> OxigraphStore:
        """A new in-memory store holding the same quads (the caller's to change). It lists them
        the other way round (an in-memory store lists the newest first): keeping the order
        costs more (benchmarks/CODE-NOTES.md), and only the Turtle of a copy shows it."""
        store = OxigraphStore()
        store.load_quads(self.quads())
        return store

    # -- reading ----------------------------------------------------------------------
    def _quads(self) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def _named_graphs(self) -> Iterable[ox.NamedNode | ox.BlankNode]:
        return self.store.named_graphs()

    def _dump(self, fmt: ox.RdfFormat, graph: GraphName | None, prefixes: dict[str, str] | None) -> bytes:
        return self.store.dump(format=fmt, from_graph=graph, prefixes=prefixes) or b""

    def to_dataset(self) -> Dataset:
        """The content as an rdflib dataset (the modelling view)."""
        from rdflib import Dataset

        from ..rdf.terms import add_quads, quad_from_ox

        dataset = Dataset(default_union=True)
        add_quads(dataset, map(quad_from_ox, self.quads()))
        return dataset

    def exists(self, node: URIRef | ox.NamedNode) -> bool:
        """Whether the node is the subject of any triple: one look-up in the engine's index."""
        subject = node if isinstance(node, ox.NamedNode) else ox.NamedNode(str(node))
        return next(iter(self.store.quads_for_pattern(subject, None, None, None)), None) is not None

    def _query(self, sparql: str, bindings: Mapping[str, Bound], timeout: float | None = None) -> QueryResult:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
        for name, term in bindings.items():
            if not isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):  # an rdflib term
                from ..rdf.terms import to_ox

                term = to_ox(term)
            substitutions[ox.Variable(name)] = term
        result = None
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                from rdflib import Literal
                from rdflib.namespace import XSD

                return QueryResult(("ask",), ((Literal(bool(result), datatype=XSD.boolean),),))
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError(TABLES_ONLY)
            # Oxigraph writes the results as TSV in Rust; the rows are converted when first read, each
            # distinct term once (Oxigraph already writes numbers in canonical form: no second pass)
            out = _Results()
            result.serialize(output=out, format=ox.QueryResultsFormat.TSV)
            data = out.getvalue()
            return QueryResult.later(tsv_variables(data), lambda: _rows(data), lambda: tsv_cells(data))
        except SyntaxError as exc:
            from .lexer import own_positions, syntax_message

            raise QueryError(f"query failed: {own_positions(syntax_message(str(exc)), sparql)}") from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        finally:
            # pyoxigraph's result objects must be dropped on the thread that made them
            result = None

    def __len__(self) -> int:
        """The distinct triples of the union of all graphs (``union_triples``, the shared subjects found
        by a query: a third of the time of counting the union's distinct triples in SPARQL)."""
        shared = self.store.query(internal("store-shared-subjects").text, use_default_graph_as_union=False)
        assert isinstance(shared, ox.QuerySolutions)
        return self.union_triples(row[0] for row in shared)

    def union_triples(self, shared: Iterable[ox.NamedNode | ox.BlankNode | ox.Triple]) -> int:
        """The distinct triples of the union of all graphs, given every subject with triples in more
        than one graph (the default graph included): the quads, less the copies of a triple held in
        several graphs, which only those subjects can have (each counted alone)."""
        count = len(self.store)
        for subject in shared:
            quads = list(self.store.quads_for_pattern(subject, None, None, None))
            count -= len(quads) - len({(q.predicate, q.object) for q in quads})
        return count

    def size_hint(self) -> int:
        """The quads held, counted by the engine (a triple in two graphs counts twice)."""
        return len(self.store)

    def finish(self) -> None:
        """Compact a filled on-disk store (queries on a freshly bulk-loaded one are several times
        slower) and close it."""
        self.store.optimize()
        self.close()

    def close(self) -> None:
        """Flush a writable on-disk store; dropping the handle closes the database."""
        if self.store is not None and self.path is not None and not self.read_only:
            self.store.flush()
        self.store = None  # type: ignore[assignment]  # closed: the handle is gone, any later use fails


def as_oxigraph(source: Store | BuiltGraph | Graph) -> OxigraphStore:
    """The data in an Oxigraph store to read from: itself, a built graph's own store, or the quads
    of another store or of rdflib data in a new one. Those are sorted on the way in: rdflib's
    order follows the hash seed, and sorted, the same data gives the same store."""
    if isinstance(source, OxigraphStore):
        return source
    from ..build import BuiltGraph

    if isinstance(source, BuiltGraph):
        return source.store
    from ..rdf.terms import dataset_quads

    quads = source.quads() if isinstance(source, Store) else dataset_quads(source)
    store = OxigraphStore()
    store.load_in_order(sorted(f"{quad} .\n" for quad in quads))
    return store


def write_store(path: Path, fill: Callable[[OxigraphStore], None]) -> None:
    """Create or replace an on-disk store: fill a new generation beside it, then flip the path to it
    (``files.swap.new_generation``). A reader finds the old store or the new one at every instant; a
    failure leaves the previous store as it was."""
    with new_generation(Path(path)) as generation:
        store = OxigraphStore(generation)
        fill(store)
        store.finish()
        del store
