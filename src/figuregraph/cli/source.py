"""Where a command reads the graph from, opened as a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError
from .options import ReadFrom

if TYPE_CHECKING:
    from ..store.base import Store
    from ..store.oxigraph import OxigraphStore


def open_source(read: ReadFrom) -> "Store":
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
        from ..store.oxigraph import OxigraphStore
        from ..store.spec import new_store

        target = new_store(read.backend)
        if isinstance(target, OxigraphStore):
            target.load_file(read.data)
        else:
            from ..api import load_dataset

            target.load(load_dataset(read.data))
        return target
    from ..api import build_valid, open_store

    built, _ = build_valid(read.graph)
    return open_store(built, read.backend)


def open_oxigraph(read: ReadFrom, what: str) -> "OxigraphStore":
    """``open_source`` for work that needs the embedded Oxigraph engine (``what`` names it)."""
    from ..store.oxigraph import OxigraphStore

    source = open_source(read)
    if not isinstance(source, OxigraphStore):
        raise UsageError(f"{what} needs the oxigraph backend: records, a dataset file or an Oxigraph store")
    return source
