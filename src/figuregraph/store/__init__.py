"""One store interface, several backends: rdflib in memory, embedded Oxigraph, remote endpoints.

``MemoryStore`` is imported when first asked for: it loads rdflib's SPARQL engine, which a query
on an Oxigraph store does not need."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Capability, GraphName, QueryResult, Store
from .oxigraph import OxigraphStore, write_store
from .spec import DEFAULT_BACKEND, as_store, new_store, open_spec, parse_spec

if TYPE_CHECKING:
    from .memory import MemoryStore


def __getattr__(name: str) -> Any:
    if name == "MemoryStore":
        from .memory import MemoryStore

        return MemoryStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_BACKEND", "Capability", "GraphName", "MemoryStore", "OxigraphStore", "QueryResult", "Store",
           "as_store", "new_store", "open_spec", "parse_spec", "write_store"]
