"""figuregraph: a knowledge graph of actors, sources and figures.

Quick use::

    import figuregraph as fg
    built, report = fg.build_valid("graph")
    store = fg.open_store(built.dataset)
    rows = fg.run_query(store, "figure-sources").dicts()

The names below are loaded when first used (PEP 562), so ``import figuregraph`` and the
command line's help stay light.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import FigureGraphError, InputError, QueryError, UsageError, ValidationFailed

if TYPE_CHECKING:
    from .api import build, build_and_export, build_valid, load_dataset, load_store, open_store, run_query, with_audit
    from .audit import run_audit
    from .export import export, serialize
    from .release import make_release
    from .release.diff import diff
    from .store.library import QueryLibrary
    from .validate import validate

# name -> the module that defines it
_LAZY = {
    **dict.fromkeys(("build", "build_and_export", "build_valid", "load_dataset", "load_store", "open_store",
                     "run_query", "with_audit"), ".api"),
    "run_audit": ".audit",
    "diff": ".release.diff",
    "export": ".export",
    "serialize": ".export",
    "QueryLibrary": ".store.library",
    "make_release": ".release",
    "validate": ".validate",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("figuregraph")
        except PackageNotFoundError:  # a source tree on sys.path, not installed
            return "0+unknown"
    if name not in _LAZY:
        raise AttributeError(f"module 'figuregraph' has no attribute '{name}'")
    value = getattr(import_module(_LAZY[name], __name__), name)
    if name not in _SHADOWED:
        globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, "__version__"})


# ``build``, ``export`` and ``validate`` are functions of the API and also the names of
# subpackages; importing a subpackage binds its name on the package, so these three are looked
# up on every access, and the function wins, as it did when this module imported them.
_SHADOWED = ("build", "export", "validate")


class _Package(types.ModuleType):
    pass


def _function(name: str) -> property:
    def get(module: types.ModuleType) -> Any:
        return __getattr__(name)

    def ignore(module: types.ModuleType, value: object) -> None:
        """The import system binds a loaded subpackage here; the function stays."""

    return property(get, ignore)


for _name in _SHADOWED:
    setattr(_Package, _name, _function(_name))
sys.modules[__name__].__class__ = _Package

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
    "run_audit",
    "run_query",
    "serialize",
    "validate",
    "with_audit",
]
