"""Embedded Oxigraph (pyoxigraph): the fast path for loading and querying, in memory or on disk."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import Dataset, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InputError, Location, QueryError
from .base import QueryResult, Store
from ..rdf.terms import from_ox, graph_name, to_ox, tsv_rows

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def convert_quads(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> Iterator[ox.Quad]:
    """rdflib-term quads as pyoxigraph quads; each distinct term is converted once."""
    cache: dict[Node, object] = {}

    def term(node: Node) -> object:
        converted = cache.get(node)
        if converted is None:
            converted = cache[node] = to_ox(node)
        return converted

    graphs: dict[Node | None, object] = {}
    for s, p, o, g in quads:
        if g not in graphs:
            graphs[g] = graph_name(g)
        yield ox.Quad(term(s), term(p), term(o), graphs[g])  # type: ignore[arg-type]


def dataset_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """The quads of an rdflib dataset as pyoxigraph quads."""
    return convert_quads((s, p, o, getattr(g, "identifier", g))
                         for s, p, o, g in dataset.quads((None, None, None, None)))


def require_store(path: Path) -> None:
    """Raise a clear InputError unless an on-disk Oxigraph store exists at path."""
    if not (path / "CURRENT").exists():  # RocksDB's marker file of an existing database
        raise InputError("no Oxigraph store here; create one with 'figuregraph build --store "
                         f"oxigraph:{path}' or 'figuregraph load'", Location(path))


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store: {exc}", Location(path)) from exc


class _Results(io.BytesIO):
    """Where Oxigraph writes results: a ``write`` of Python code, so that the time limit's
    interrupt (an asynchronous exception) lands between two chunks. Into a bytes object, a
    runaway query went on writing in the background until memory ran out."""

    def write(self, data: ReadableBuffer, /) -> int:
        return super().write(data)


class OxigraphStore(Store):
    """A pyoxigraph store; queries see the union of all named graphs."""

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

    # -- writing ----------------------------------------------------------------------
    def load(self, dataset: Dataset) -> None:
        """Replace the content with the dataset, in one transaction."""
        self.store.clear()
        self.store.extend(dataset_quads(dataset))

    def quads(self) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, None, None)

    def to_dataset(self) -> Dataset:
        """The content as an rdflib dataset (the modelling view)."""
        dataset = Dataset(default_union=True)
        for q in self.quads():
            triple = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            if isinstance(q.graph_name, ox.DefaultGraph):
                dataset.add(triple)  # type: ignore[arg-type]
            else:
                dataset.add((*triple, from_ox(q.graph_name)))  # type: ignore[arg-type]
        return dataset

    def copy(self) -> "OxigraphStore":
        """A new in-memory store holding the same quads (the caller's to change). It lists them
        the other way round (an in-memory store lists the newest first): keeping the order
        took 1.6x as long at 1M triples, and only the Turtle of a copy shows it."""
        store = OxigraphStore()
        store.load_quads(self.quads())
        return store

    def load_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.store.bulk_extend(quads)

    def load_in_order(self, lines: Sequence[str]) -> None:
        """Add N-Quads lines so that the store lists each graph's quads in this order (what a
        Turtle export writes): an in-memory store lists the quad it got last first. On disk the
        order is the store's key order whatever the insertion order. Oxigraph parses and
        inserts them without holding the interpreter lock, so other threads run meanwhile."""
        self.store.load(input="".join(reversed(lines)), format=ox.RdfFormat.N_QUADS)

    def load_file(self, path: Path) -> None:
        """Bulk-load a dataset file (format from its suffix) without going through rdflib."""
        fmt = FILE_FORMATS.get(path.suffix)
        if fmt is None:
            raise InputError(f"unknown dataset file type '{path.suffix}'; known: {', '.join(sorted(FILE_FORMATS))}",
                             Location(path))
        try:
            self.store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as exc:
            if "LoadDocumentCallback" in str(exc):
                raise InputError("the file names a remote JSON-LD context; remote documents are never fetched: "
                                 "embed the context in the file", Location(path)) from exc
            raise InputError(f"cannot load {path.suffix} file: {exc}", Location(path)) from exc
        except OSError as exc:
            raise InputError(f"cannot read dataset: {exc}", Location(path)) from exc

    # -- reading ----------------------------------------------------------------------
    def _query(self, sparql: str, bindings: dict[str, Node], timeout: float | None = None) -> QueryResult:
        substitutions = {ox.Variable(name): to_ox(term) for name, term in bindings.items()}
        result = None
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                return QueryResult(("ask",), ((Literal(bool(result), datatype=XSD.boolean),),))
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("only SELECT and ASK queries are supported")
            # Oxigraph writes the results as TSV in Rust; each distinct term is then converted once
            written = _Results()
            result.serialize(written, format=ox.QueryResultsFormat.TSV)
            variables, rows = tsv_rows(written.getvalue())
            # Oxigraph already writes numbers in canonical form: no second pass needed.
            return QueryResult(variables, tuple(rows))
        except (SyntaxError, OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        finally:
            # pyoxigraph's result objects must be dropped on the thread that made them
            result = None

    def __len__(self) -> int:
        result = self._query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }", {}, None)
        return int(result.rows[0][0])  # type: ignore[arg-type]

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        data = self.store.dump(format=fmt)
        assert data is not None
        return data

    def close(self) -> None:
        """Flush a writable on-disk store; dropping the handle closes the database."""
        if self.store is not None and self.path is not None and not self.read_only:
            self.store.flush()
        self.store = None  # type: ignore[assignment]


def as_oxigraph(source: object) -> OxigraphStore:
    """The data as an Oxigraph store to read from: itself, a built graph's own store, or an rdflib
    dataset or graph loaded into a new one."""
    if isinstance(source, OxigraphStore):
        return source
    if isinstance(getattr(source, "store", None), OxigraphStore):
        return source.store  # type: ignore[attr-defined, no-any-return]
    store = OxigraphStore()
    if isinstance(source, Dataset):
        quads = dataset_quads(source)
    else:
        quads = convert_quads((s, p, o, None) for s, p, o in source)  # type: ignore[attr-defined]
    # rdflib's iteration order depends on the hash seed; sorted, the same triples give the same store.
    store.load_in_order(sorted(f"{quad} .\n" for quad in quads))
    return store


def write_store(path: Path, fill: Callable[[OxigraphStore], None]) -> None:
    """Create or replace an on-disk store atomically: fill a new store beside it, then swap.

    A failure leaves the previous store as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    try:
        store = OxigraphStore(staging)
        fill(store)
        store.store.optimize()
        store.close()
        del store
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
            os.replace(path, old / "store")
            os.replace(staging, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
