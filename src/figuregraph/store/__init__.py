"""One store interface, several backends: rdflib in memory, embedded Oxigraph, remote endpoints."""

from .base import QueryResult, Store
from .memory import MemoryStore
from .oxigraph import OxigraphStore, write_store
from .spec import DEFAULT_BACKEND, new_store, open_spec, parse_spec

__all__ = ["DEFAULT_BACKEND", "MemoryStore", "OxigraphStore", "QueryResult", "Store", "new_store", "open_spec",
           "parse_spec", "write_store"]
