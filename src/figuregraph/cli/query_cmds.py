"""The query command."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .. import api
from ..errors import UsageError
from ..store.library import QueryLibrary
from .app import BackendOpt, DataOpt, EndpointOpt, FormatOpt, GraphDir, StoreOpt, TimeoutOpt, app, open_source, \
    policy, run
from .output import Format, render, stderr


def _parse_params(params: list[str]) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, not '{item}'")
        if name in parsed:
            raise UsageError(f"--param {name} is given twice")
        parsed[name] = value
    return parsed


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="Query name (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="A parameter as NAME=VALUE (repeatable)."),
    list_queries: bool = typer.Option(False, "--list", "-l", help="List the queries with summary and parameters."),
    list_all: bool = typer.Option(False, "--all", help="With --list: also the internal queries (queries/internal/)."),
    queries: list[Path] = typer.Option([], "--queries", help="An extra folder of .rq files (repeatable)."),
    graph: Path = GraphDir,
    store: Optional[str] = StoreOpt,
    endpoint: Optional[str] = EndpointOpt,
    data: Optional[Path] = DataOpt,
    backend: str = BackendOpt,
    timeout: Optional[float] = TimeoutOpt,
    allow_service: bool = typer.Option(False, "--allow-service", help="Permit SERVICE (federated queries)."),
    allow_remote_from: bool = typer.Option(False, "--allow-remote-from", help="Permit FROM of non-local graphs."),
    audit: bool = typer.Option(False, "--audit", help="Add the audit's derived graph first (for queries/audit)."),
    fmt: Format = FormatOpt,
) -> None:
    """Run a named query of the library (parameters are bound, never pasted into the query)."""

    def body() -> None:
        library = QueryLibrary.load(queries)
        if list_queries:
            rows = [(q.name, q.summary, "; ".join(p.describe() for p in q.params))
                    for q in map(library.get, library.names(internal=list_all))]
            render(("query", "summary", "params"), sorted(rows), fmt, title="query library")
            return
        if not name:
            raise UsageError(f"name a query, or use --list; known queries: {', '.join(library.names())}")
        library.get(name)  # an unknown name fails before any building
        params = _parse_params(param)
        source = open_source(graph, store, endpoint, data, backend)
        if audit:
            source = api.with_audit(source)
        source.policy = policy(timeout, allow_service, allow_remote_from)
        result = api.run_query(source, name, params, library)
        render(result.variables, result.rows, fmt, title=name)
        stderr.print(f"{len(result.rows)} rows", highlight=False)

    run(body)
