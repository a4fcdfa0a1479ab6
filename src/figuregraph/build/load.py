"""Loading what the emitter writes: record files -> one in-memory Oxigraph store, in batches."""

from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from rdflib import Dataset, Graph
from rdflib.term import Node

from ..model.link import Index, link
from ..model.records import Document, RecordFile, parse_directory
from ..rdf.namespace import bind_prefixes
from .emit import Emitter, graph_iri

if TYPE_CHECKING:
    from ..store.oxigraph import OxigraphStore

@dataclass
class BuiltGraph:
    """The result of a build: an Oxigraph store (one named graph per record file) and the record index.

    ``store`` is the fast path (export, checks, queries); ``dataset``/``graph`` give the rdflib view
    (the modelling API), made from the store when first asked for."""

    store: "OxigraphStore"
    index: Index

    @cached_property
    def dataset(self) -> Dataset:
        return bind_prefixes(self.store.to_dataset())  # type: ignore[return-value]

    @cached_property
    def graph(self) -> Graph:
        """All triples of all named graphs, as one graph."""
        return union_graph(self.dataset)

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """The quads as rdflib terms (graph name last)."""
        return self.dataset.quads((None, None, None, None))  # type: ignore[return-value]

    def oxigraph(self) -> "OxigraphStore":
        """A new in-memory Oxigraph store with a copy of the quads (the caller's to change)."""
        return self.store.copy()



def union_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset as one graph with the project's prefixes."""
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph



BATCH = 100_000  # N-Quads lines held before they go into the store


def build_records(files: list[RecordFile]) -> BuiltGraph:
    """Linked record files (every reference resolved, every error raised, first) emitted into a new
    in-memory Oxigraph store, in batches (the dataset is never all held as Python objects).

    Oxigraph parses and inserts a batch without holding the interpreter lock, so a second
    thread loads one batch while this one emits the next (at most one batch waits)."""
    from ..store.oxigraph import OxigraphStore

    index = link(files)
    store = OxigraphStore()
    lines: list[str] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="figuregraph-load") as loader:
        loading: Future[None] | None = None
        for rf in sorted(files, key=lambda r: str(r.path)):
            emitter = Emitter(graph_iri(rf), index)
            if isinstance(rf, Document):
                emitter.document(rf)
            else:
                emitter.vocabulary(rf)
            lines.extend(emitter.lines())
            if len(lines) >= BATCH:
                if loading is not None:
                    loading.result()
                loading = loader.submit(store.load_in_order, lines)
                lines = []
        if loading is not None:
            loading.result()
    store.load_in_order(lines)
    return BuiltGraph(store, index)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: a build makes millions of long-lived objects and nothing
    cyclic to free, and each full collection walks them all (half the parse time at 1M triples)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_directory(directory: Path) -> BuiltGraph:
    """Both passes over a graph directory: the records as an RDF dataset (not yet validated)."""
    with _no_cycle_collection():
        return build_records(parse_directory(directory))
