"""Store specifications as users write them: ``memory``, ``oxigraph``, ``oxigraph:PATH``, an endpoint URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..defaults import BACKEND as DEFAULT_BACKEND
from ..errors import UsageError
from .base import Store
from .oxigraph import OxigraphStore, as_oxigraph

if TYPE_CHECKING:
    from rdflib import Graph

    from ..build import BuiltGraph


def parse_spec(spec: str) -> tuple[str, Path | None]:
    """('memory' | 'oxigraph', path or None) for a store spec."""
    kind, _, location = spec.partition(":")
    if kind == "memory" and not location:
        return "memory", None
    if kind == "oxigraph":
        if not location or location == "memory":
            return "oxigraph", None
        return "oxigraph", Path(location)
    raise UsageError(f"unknown store '{spec}'; use memory, oxigraph (in memory) or oxigraph:PATH (on disk)")


def disk_path(spec: str, purpose: str) -> Path:
    """The folder of an on-disk Oxigraph store (``oxigraph:PATH``); any other spec is refused
    with ``purpose``, which says why a path is needed."""
    kind, path = parse_spec(spec)
    if kind != "oxigraph" or path is None:
        raise UsageError(f"--store {spec}: {purpose}; give a path: oxigraph:PATH")
    return path


def open_spec(spec: str, read_only: bool = True) -> Store:
    """Open a store by spec; an on-disk Oxigraph store must already exist when read-only."""
    kind, path = parse_spec(spec)
    if kind == "memory":
        from .memory import MemoryStore

        return MemoryStore()
    return OxigraphStore(path, read_only=read_only and path is not None)


def new_store(backend: str = DEFAULT_BACKEND, data: Graph | BuiltGraph | None = None) -> Store:
    """An in-memory store of the given backend, empty or holding ``data`` (the caller's to change).

    The Oxigraph backend converts ``data`` directly (a built graph's store is copied); rdflib
    gets its dataset view."""
    from ..build import BuiltGraph

    kind, path = parse_spec(backend)
    if path is not None:
        raise UsageError("an in-memory backend is needed here, not a path")
    if kind == "oxigraph":
        if data is None:
            return OxigraphStore()
        return data.oxigraph() if isinstance(data, BuiltGraph) else as_oxigraph(data)
    from .memory import MemoryStore

    store = MemoryStore()
    if data is not None:
        store.load(data.dataset if isinstance(data, BuiltGraph) else data)
    return store


def as_store(data: Store | Graph | BuiltGraph) -> Store:
    """The data as a store to read from: a store as it is, a built graph's own store, rdflib data
    in a new in-memory Oxigraph store."""
    return data if isinstance(data, Store) else as_oxigraph(data)
