"""Loading what the emitter writes: record files -> one in-memory Oxigraph store, in batches."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from .. import progress
from ..model.link import Index, link
from ..model.records import RecordFile, parse_directory
from ..rdf.namespace import bind_prefixes
from ..rdf.terms import from_ox, no_cycle_collection
from .emit import by_graph, emit, emit_graph

if TYPE_CHECKING:
    from ..store.oxigraph import OxigraphStore

@dataclass
class BuiltGraph:
    """The result of a build: the linked records (``index``, ``files``) and the Oxigraph store their
    RDF dataset was loaded into (one named graph per record file).

    ``store`` is the fast path (export, checks, queries). ``graph`` (the union, for SHACL) and
    ``dataset`` (named graphs, the modelling API) are rdflib views made from the records' emitted
    dataset when first asked for: data flows one way, records -> dataset -> store, never back."""

    store: OxigraphStore
    index: Index
    files: list[RecordFile]
    shared: set[ox.NamedNode] = field(default_factory=set)  # the subjects with triples in several graphs

    def triples(self) -> int:
        """The distinct triples of the store's union (``len(store)``, without looking for the shared subjects)."""
        return self.store.union_triples(self.shared)

    def _rdflib_quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """The emitted dataset as rdflib terms (each distinct term converted once)."""
        cache: dict[object, Node] = {}

        def term(node: object) -> Node:
            found = cache.get(node)
            if found is None:
                converted = from_ox(node)
                assert converted is not None  # a quad's terms are never None
                found = cache[node] = converted
            return found

        for lines in emit(self.files, self.index):
            for q in ox.parse(input="".join(lines), format=ox.RdfFormat.N_QUADS):
                yield term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)

    @cached_property
    def dataset(self) -> Dataset:
        dataset = bind_prefixes(Dataset(default_union=True))
        for s, p, o, g in self._rdflib_quads():
            dataset.add((s, p, o, g))  # type: ignore[arg-type]  # rdflib takes a graph's name where it annotates a Graph
        return dataset

    @cached_property
    def graph(self) -> Graph:
        """All triples of all named graphs, as one graph (what the shapes validate)."""
        graph = bind_prefixes(Graph(bind_namespaces="none"))
        for s, p, o, _ in self._rdflib_quads():
            graph.add((s, p, o))
        return graph

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """The quads as rdflib terms (graph name last)."""
        return self._rdflib_quads()

    def oxigraph(self) -> OxigraphStore:
        """A new in-memory Oxigraph store with a copy of the quads (the caller's to change)."""
        return self.store.copy()


def union_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset as one graph with the project's prefixes."""
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


BATCH = 100_000  # N-Quads lines held before they go into the store


def build_records(files: list[RecordFile], copy: Callable[[bytes], object] | None = None) -> BuiltGraph:
    """Linked record files (every reference resolved, every error raised, first) emitted into a new
    in-memory Oxigraph store, in batches (the dataset is never all held as Python objects); each
    batch's N-Quads text (UTF-8) is given to ``copy`` too, if given (the build cache writes it to a file).

    Oxigraph parses and inserts a batch without holding the interpreter lock, so a second
    thread loads one batch while this one emits the next (at most one batch waits). A graph's
    lines go into one batch whole: the store then lists each graph's triples in emission order
    whatever the batches, as a store of that graph alone would (what the build cache relies on)."""
    from ..store.oxigraph import OxigraphStore

    index = link(files)
    store = OxigraphStore()
    lines: list[str] = []
    seen: set[str] = set()  # subjects in N-Triples syntax, as the emitter gives them
    shared: set[str] = set()

    def graph_lines(graph_files: list[RecordFile]) -> list[str]:
        subjects: set[str] = set()
        found = emit_graph(graph_files, index, subjects)
        shared.update(subjects & seen)
        seen.update(subjects)
        return found

    def load(batch: list[str]) -> None:
        text = store.load_in_order(batch)
        if copy is not None:
            copy(text)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="figuregraph-load") as loader:
        loading: Future[None] | None = None
        graphs = by_graph(files)  # the bar counts named graphs: two vocabulary files of one stem are one
        for emitted in progress.track((graph_lines(g) for g in graphs.values()), "emitting triples",
                                      len(graphs), "graphs"):
            lines.extend(emitted)
            if len(lines) >= BATCH:
                if loading is not None:
                    loading.result()
                loading = loader.submit(load, lines)
                lines = []
        if loading is not None:
            loading.result()
    load(lines)
    return BuiltGraph(store, index, files, {ox.NamedNode(s[1:-1]) for s in shared})


def build_directory(directory: Path) -> BuiltGraph:
    """Both passes over a graph directory: the records as an RDF dataset (not yet validated)."""
    with no_cycle_collection():
        return build_records(parse_directory(directory))
