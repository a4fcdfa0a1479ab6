"""The Python API: each stage usable alone (records -> graph -> validation -> store -> queries)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from .build import BuiltGraph, build_directory
from .errors import InputError, Location, ValidationFailed
from .export import RDFLIB_FORMATS, SUFFIXES, export
from .query import QueryLibrary, bind_params
from .store import MemoryStore, QueryResult, Store
from .validate import Report, validate

DEFAULT_GRAPH_DIR = Path("graph")
DEFAULT_OUTPUT = Path("dist/figuregraph.ttl")


def build(graph_dir: Path = DEFAULT_GRAPH_DIR) -> BuiltGraph:
    """Parse and link the records of a graph directory into an RDF dataset (not validated)."""
    return build_directory(Path(graph_dir))


def build_valid(graph_dir: Path = DEFAULT_GRAPH_DIR) -> tuple[BuiltGraph, Report]:
    """Build and validate; raises ValidationFailed (exit 1) if the graph does not conform."""
    built = build(graph_dir)
    report = validate(built.graph)
    if not report.conforms:
        first = report.violations[0] if report.violations else None
        detail = f": {first.focus} {first.path}: {first.message}" if first else ""
        raise ValidationFailed(f"the graph does not conform to the shapes ({len(report.violations)} problems){detail}")
    return built, report


def build_and_export(graph_dir: Path = DEFAULT_GRAPH_DIR, output: Path = DEFAULT_OUTPUT,
                     fmt: str = "turtle") -> tuple[BuiltGraph, int]:
    """Build, validate and write the dataset; nothing is written unless all of it succeeds."""
    built, _ = build_valid(graph_dir)
    return built, export(built.dataset, fmt, Path(output))


def load_dataset(path: Path) -> Dataset:
    """Read an exported dataset file (format from its suffix); no URL or other file is fetched."""
    path = Path(path)
    formats = {suffix: fmt for fmt, suffix in SUFFIXES.items()}
    fmt = formats.get(path.suffix)
    if fmt is None:
        raise InputError(f"unknown dataset file type '{path.suffix}'; known: {', '.join(sorted(formats))}",
                         Location(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read dataset: {exc.strerror}", Location(path)) from exc
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    except Exception as exc:  # rdflib's parsers raise many exception types
        raise InputError(f"cannot parse {fmt}: {exc}", Location(path)) from exc
    return dataset


def open_store(dataset: Dataset) -> Store:
    """An in-memory store holding the dataset."""
    store = MemoryStore()
    store.load(dataset)
    return store


def run_query(store: Store, name: str, params: dict[str, str] | None = None,
              library: QueryLibrary | None = None) -> QueryResult:
    """Run a named library query with ``name=value`` parameters bound as RDF terms."""
    library = library or QueryLibrary.load()
    query = library.get(name)
    bindings = bind_params(query, params or {}, store.exists)
    return store.query(query.text, bindings)
