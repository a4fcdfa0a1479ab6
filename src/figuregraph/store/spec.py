"""Store specifications as users write them: ``memory``, ``oxigraph``, ``oxigraph:PATH``, an endpoint URL."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .base import Store
from .memory import MemoryStore
from .oxigraph import OxigraphStore

DEFAULT_BACKEND = "oxigraph"  # measured: see benchmarks/RESULTS.md


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


def open_spec(spec: str, read_only: bool = True) -> Store:
    """Open a store by spec; an on-disk Oxigraph store must already exist when read-only."""
    kind, path = parse_spec(spec)
    if kind == "memory":
        return MemoryStore()
    return OxigraphStore(path, read_only=read_only and path is not None)


def new_store(backend: str = DEFAULT_BACKEND) -> Store:
    """An empty in-memory store of the given backend."""
    kind, path = parse_spec(backend)
    if path is not None:
        raise UsageError("an in-memory backend is needed here, not a path")
    return MemoryStore() if kind == "memory" else OxigraphStore()
