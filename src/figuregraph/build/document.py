"""The Turtle document of a cached build, kept whole in the cache with where each named graph's body
stands in it (its layout), so that a rebuild splices in the bodies of the graphs it changed rather
than joining one file per graph again.

The document is the sorted prefix header, then each named graph's body in IRI order (what
``export.rdf.turtle_document`` writes): the same bytes however it was put together.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable, Iterator

from ..export.rdf import turtle_header
from ..files.atomic import atomic_writer, naming

Layout = dict[str, tuple[int, int]]  # named graph -> (start, end) of its body in the document
Part = bytes | memoryview


def write(path: Path, bodies: Iterable[tuple[str, Part]]) -> Layout:
    """Write the document of ``(graph, body)`` pairs given in IRI order (an empty body: the graph is
    left out), as they come; returns its layout. Written atomically but not synced: a cache (a
    document that does not match its manifest is never read, see ``cache``)."""
    layout: Layout = {}
    with atomic_writer(path, sync=False) as handle, naming(path):
        at = handle.write(turtle_header())
        for graph, body in bodies:
            if len(body):
                layout[graph] = (at, at + len(body))
                at += handle.write(body)
    return layout


def spliced(old: bytes, layout: Layout, changed: dict[str, bytes]) -> Iterator[tuple[str, Part]]:
    """The bodies of a document whose ``changed`` graphs have new bodies (empty: gone), in IRI order:
    the others as slices of the old document."""
    view = memoryview(old)
    for graph in sorted(layout.keys() | changed.keys()):
        if graph in changed:
            yield graph, changed[graph]
        else:
            start, end = layout[graph]
            yield graph, view[start:end]
