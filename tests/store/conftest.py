"""Fixtures shared by the store tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from figuregraph.build import BuiltGraph
from figuregraph.store import MemoryStore, Store
from figuregraph.store.endpoint import EndpointStore

from ..servers import oxigraph_server


@pytest.fixture(scope="module")
def stores(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The seed graph in memory, in an embedded Oxigraph store, and behind a real Oxigraph server on
    127.0.0.1 (one server per test module)."""
    memory = MemoryStore()
    memory.load(seed.dataset)
    with oxigraph_server(tmp_path_factory.mktemp("stores-server")) as base:
        endpoint = EndpointStore(query_url=f"{base}/query?union-default-graph", graph_store_url=f"{base}/store")
        endpoint.push(seed.oxigraph())
        yield {"memory": memory, "oxigraph": seed.oxigraph(), "endpoint": endpoint}
