"""One store interface, several backends: rdflib in memory, embedded Oxigraph, remote endpoints."""

from .base import Capability, GraphName, QueryResult, Store
from .memory import MemoryStore
from .oxigraph import OxigraphStore, write_store
from .spec import DEFAULT_BACKEND, as_store, new_store, open_spec, parse_spec

__all__ = ["DEFAULT_BACKEND", "Capability", "GraphName", "MemoryStore", "OxigraphStore", "QueryResult", "Store",
           "as_store", "new_store", "open_spec", "parse_spec", "write_store"]
