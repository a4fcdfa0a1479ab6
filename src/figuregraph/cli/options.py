"""The options commands share, each declared once.

A single option is an ``Annotated`` alias (``GraphDir``, ``FormatOpt``). Options that travel
together form a group: a frozen dataclass whose fields carry their Typer option. ``@group``
puts the fields a command takes into its signature and hands the command one object, so a
command reads ``read.store``, never a row of positional arguments.

Nothing here imports the machinery: ``figuregraph --help`` builds every command's options."""

from __future__ import annotations

import dataclasses
import functools
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast, get_type_hints
from collections.abc import Callable

import typer

from .. import defaults
from .output import Format

if TYPE_CHECKING:
    from ..store.guard import Policy
    from .tables import Choice

F = TypeVar("F", bound=Callable[..., Any])

GraphDir = Annotated[Path, typer.Option("--graph", "-g", help="Folder of YAML records.", show_default=True)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars on stderr.")]
ProgressOpt = Annotated[bool, typer.Option("--progress", help="Progress bars on stderr even when it is not a "
                                           "terminal (a pipe or a file).")]
ShaclOpt = Annotated[bool, typer.Option("--shacl/--no-shacl", help="Run the SHACL shapes (slow on millions of "
                                        "triples); the check queries always run.")]


@dataclasses.dataclass(frozen=True)
class ReadFrom:
    """Where a command reads the graph: the records (default), a store, an endpoint or a dataset file."""

    graph: GraphDir = defaults.GRAPH_DIR
    store: Annotated[str | None, typer.Option(
        "--store", "-s", help="A store: oxigraph:PATH (on disk), oxigraph or memory.")] = None
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", "-e", help="A remote SPARQL 1.1 query endpoint URL.")] = None
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", help="An exported dataset file (.ttl, .nt, .nq, .jsonld, .trig).")] = None
    backend: Annotated[str, typer.Option(
        "--backend", help="Engine for in-memory work: oxigraph or memory (rdflib).")] = defaults.BACKEND


@dataclasses.dataclass(frozen=True)
class Limits:
    """What a query may do: its time limit and the guards it may pass."""

    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="Seconds a query may run.")] = defaults.QUERY_TIMEOUT
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Permit SERVICE (federated queries).")] = False
    allow_remote_from: Annotated[bool, typer.Option(
        "--allow-remote-from", help="Permit FROM of non-local graphs.")] = False

    def policy(self) -> Policy:
        from ..store.guard import Policy

        return Policy(timeout=self.timeout, allow_service=self.allow_service,
                      allow_remote_from=self.allow_remote_from)


@dataclasses.dataclass(frozen=True)
class Columns:
    """Which columns a table shows on a terminal (piped output always has every column)."""

    wide: Annotated[bool, typer.Option(
        "--wide", help="Every column, cells wrapped whole (by default: the columns that matter, each cell in "
        "at most two lines, to fit the terminal).")] = False
    columns: Annotated[str | None, typer.Option(
        "--columns", help="The columns to show, as a,b,c. For scripts use --format csv or json.")] = None

    def choice(self, preferred: tuple[str, ...] = ()) -> Choice:
        from .tables import Choice

        named = tuple(c.strip() for c in (self.columns or "").split(",") if c.strip())
        return Choice(self.wide, named, preferred)


def group(param: str, *fields: str) -> Callable[[F], F]:
    """Replace the command's parameter ``param`` (annotated with a group dataclass) by the group's
    options, all of them or the ``fields`` named; the command is called with one group object,
    the fields it does not offer at their defaults."""

    def decorate(command: F) -> F:
        hints = get_type_hints(command, include_extras=True)
        cls = hints[param]
        own = {f.name: f for f in dataclasses.fields(cls)}
        chosen = fields or tuple(own)
        unknown = set(chosen) - set(own)
        if unknown:
            raise TypeError(f"{cls.__name__} has no option {', '.join(sorted(unknown))}")
        field_hints = get_type_hints(cls, include_extras=True)
        parameters: list[inspect.Parameter] = []
        for p in inspect.signature(command).parameters.values():
            if p.name == param:
                parameters += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=own[name].default,
                                                 annotation=field_hints[name]) for name in chosen]
            else:
                parameters.append(p.replace(kind=inspect.Parameter.KEYWORD_ONLY,
                                            annotation=hints.get(p.name, p.annotation)))

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            values = {name: kwargs.pop(name) for name in chosen}
            return command(**kwargs, **{param: cls(**values)})

        cast(Any, wrapper).__signature__ = inspect.Signature(parameters)
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        return cast(F, wrapper)

    return decorate
