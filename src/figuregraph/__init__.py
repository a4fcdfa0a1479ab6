"""figuregraph: a knowledge graph of actors, sources and figures.

Quick use::

    import figuregraph as fg
    built, report = fg.build_valid("graph")
    store = fg.open_store(built.dataset)
    rows = fg.run_query(store, "figure-sources").dicts()
"""

from .api import build, build_and_export, build_valid, load_dataset, load_store, open_store, run_query, with_audit
from .audit import run_audit
from .release.diff import diff
from .errors import FigureGraphError, InputError, QueryError, UsageError, ValidationFailed
from .export import export, serialize
from .store.library import QueryLibrary
from .release import make_release
from .validate import validate

__all__ = [
    "FigureGraphError",
    "InputError",
    "QueryError",
    "QueryLibrary",
    "UsageError",
    "ValidationFailed",
    "build",
    "build_and_export",
    "build_valid",
    "diff",
    "export",
    "load_dataset",
    "load_store",
    "make_release",
    "open_store",
    "run_query",
    "serialize",
    "run_audit",
    "validate",
    "with_audit",
]
__version__ = "0.1.0"
