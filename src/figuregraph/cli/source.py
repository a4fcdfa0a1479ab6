"""Where a command reads the graph from, opened as a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError
from .options import ReadFrom

if TYPE_CHECKING:
    from ..store.base import Store


def open_source(read: ReadFrom) -> Store:
    """An endpoint, an on-disk store or a dataset file if one is given, else the records, built and
    validated. The machinery is imported here, when a command runs."""
    given = [x for x in (read.store, read.endpoint, read.data) if x]
    if len(given) > 1:
        raise UsageError("give at most one of --store, --endpoint and --data")
    if read.endpoint:
        from ..store.endpoint import EndpointStore

        return EndpointStore(query_url=read.endpoint)
    if read.store:
        from ..store.spec import open_spec

        return open_spec(read.store, read_only=True)
    if read.data:
        from ..store.spec import new_store

        target = new_store(read.backend)
        target.load_file(read.data)
        return target
    from ..api import build_valid, open_store

    built, _ = build_valid(read.graph)
    return open_store(built, read.backend)
