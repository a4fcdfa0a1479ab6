"""The Python API: each stage usable alone (records -> graph -> validation -> store -> queries)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .defaults import GRAPH_DIR as DEFAULT_GRAPH_DIR, OUTPUT as DEFAULT_OUTPUT
from .errors import InputError, ValidationFailed
from .store.library import QueryLibrary, bind_params, bundled
from .store import DEFAULT_BACKEND, OxigraphStore, QueryResult, Store, new_store, write_store
from .store.spec import disk_path

if TYPE_CHECKING:  # each function imports the machinery it runs: a query needs no build, export or SHACL
    from rdflib import Dataset, Literal

    from .build import BuiltGraph
    from .store.guard import Policy
    from .validate import Report


def build(graph_dir: Path | str = DEFAULT_GRAPH_DIR) -> BuiltGraph:
    """Parse and link the records of a graph directory (not validated)."""
    from .build import build_directory

    return build_directory(Path(graph_dir))


def _require(report: Report) -> Report:
    if not report.conforms:
        first = report.violations[0]
        raise ValidationFailed(f"the graph does not conform ({len(report.violations)} problems): "
                               f"{first.focus} {first.path}: {first.message}")
    return report


def build_valid(graph_dir: Path | str = DEFAULT_GRAPH_DIR, shacl: bool = True) -> tuple[BuiltGraph, Report]:
    """Build and validate; raises ValidationFailed (exit 1) if the graph does not conform."""
    from .validate import validate

    built = build(graph_dir)
    return built, _require(validate(built, shacl=shacl))


@dataclass(frozen=True)
class BuildResult:
    counts: dict[str, int]  # figures, statements, sources, citations, actors, places, measures
    report: Report
    bytes_written: int
    triples: int
    emitted: int  # record files emitted (all of them unless the build cache spared some)


def build_and_export(graph_dir: Path | str = DEFAULT_GRAPH_DIR, output: Path | str = DEFAULT_OUTPUT,
                     store: str | None = None, shacl: bool = True, cache: bool = True,
                     background: bool = False) -> BuildResult:
    """Build, validate, write the Turtle dataset and (optionally) a persistent store.

    With ``cache`` (the default) the build cache in the graph folder makes a rebuild cost what
    changed (``build.incremental``); the outputs are the same bytes as a clean build's, and the
    build holds the graph folder's lock (``files.lock``) and the cache folder's while it reads and
    writes the cache. A graph
    folder this process cannot write is built without the cache.
    Nothing is written unless the input is good and the graph conforms; each write is atomic. The
    Turtle is written beside its target and renamed into place only once the store is in place, so a
    store that cannot be written (a full disk, a read-only folder) leaves both outputs as they were.
    With ``background``, a large clean build's own on-disk store (the cache's) is written by a
    process of its own (``build.diskstore``), which may go on after this returns: the next build
    waits for it (a writer of the records does not)."""
    store_path = disk_path(store, "an in-memory store would be lost when the command ends") if store else None
    if not Path(graph_dir).is_dir():
        raise InputError(f"graph directory not found: {graph_dir}")
    from .build.cache import counts, prepare as prepare_cache, total, writable, write as write_manifest
    from .export import serialize
    from .files.atomic import pending
    from .files.lock import locked
    from .validate import validate

    if cache and writable(Path(graph_dir)):
        from .build.incremental import cached_build, write_outputs

        # one build at a time reads the records and updates the cache; a writer of the cache's store
        # (``build.diskstore``) holds on to the cache folder's lock only, leaving the records free
        with locked(Path(graph_dir)), locked(prepare_cache(Path(graph_dir))):
            outcome = cached_build(Path(graph_dir), shacl=shacl, write=False, defer=background)
            try:
                report = _require(outcome.report)
                if store_path is not None:  # a copy of the cache's store: it must be written first
                    outcome.settle(Path(graph_dir))
                size = write_outputs(Path(graph_dir), outcome, Path(output), store_path)
            finally:  # the manifest once, with what was written (or not)
                if not outcome.stored:
                    write_manifest(Path(graph_dir), outcome.manifest)
        return BuildResult(outcome.counts(), report, size, outcome.manifest.triples, len(outcome.emitted))
    built = build(graph_dir)
    report = _require(validate(built, shacl=shacl))
    fast, files, triples = built.store, built.files, built.triples()  # counted from the emitted subjects
    del built  # the rdflib view (made for SHACL) is not needed past validation: export with the store alone
    data = serialize(fast, "turtle")
    with pending(Path(output), data):
        if store_path is not None:
            write_store(store_path, lambda target: target.load_store(fast))
    return BuildResult(total(counts(rf) for rf in files), report, len(data), triples, len(files))


def load_store(path: Path | str) -> OxigraphStore:
    """Read a dataset file (format from its suffix) into an in-memory Oxigraph store.

    The one file-reading path: nothing is fetched on the file's behalf (rdflib's JSON-LD
    parser would fetch a remote context)."""
    store = OxigraphStore()
    store.load_file(Path(path))
    return store


def load_dataset(path: Path | str) -> Dataset:
    """Read a dataset file (format from its suffix) into an rdflib dataset."""
    return load_store(path).to_dataset()


def open_store(data: Dataset | BuiltGraph, backend: str = DEFAULT_BACKEND, policy: Policy | None = None) -> Store:
    """An in-memory store of the given backend ('oxigraph' or 'memory') holding the data."""
    store = new_store(backend, data)
    if policy is not None:
        store.policy = policy
    return store


def run_query(store: Store, name: str, params: dict[str, str] | None = None,
              library: QueryLibrary | None = None) -> QueryResult:
    """Run a named library query with ``name=value`` parameters bound as RDF terms."""
    library = library or bundled()
    query = library.get(name)
    bindings = bind_params(query, params or {}, store.exists)
    return store.query(query.text, bindings)


def with_audit(data: Dataset | BuiltGraph | Store) -> Store:
    """The data with the audit's derived graph (``fgid:graph/audit``): a new in-memory store holding both.

    A store that cannot list its quads (an endpoint) is used as it is if it holds an audit graph (one
    uploaded with ``push --audit``); otherwise its triples are copied into a new store and audited there."""
    from .audit import run_audit
    from .audit.derive import AUDIT_GRAPH, load_derived
    from .store.base import Capability
    from .store.library import run
    from .store.oxigraph import as_oxigraph

    if isinstance(data, Store) and Capability.QUADS not in data.capabilities:
        if cast("Literal", run(data, "audit-present", {"graph": AUDIT_GRAPH}).rows[0][0]).toPython():  # a boolean
            return data
        data = _copy_triples(data)
    source = as_oxigraph(data)
    return load_derived(run_audit(source), source.copy())


def _copy_triples(store: Store) -> OxigraphStore:
    """A new in-memory store holding the triples a store's queries see (its default graph)."""
    import pyoxigraph as ox

    from .rdf.terms import to_ox
    from .store.library import run

    copy = OxigraphStore()
    rows = run(store, "store-copy").rows
    # the query binds subjects and predicates to IRIs or blank nodes, which to_ox's type does not say
    copy.load_quads(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in rows)  # type: ignore[arg-type]
    return copy
