"""The Typer application, shared options and the error-to-exit-code wrapper."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, TypeVar

import typer

from .. import api
from ..errors import FigureGraphError, UsageError
from ..store.guard import DEFAULT_POLICY, Policy
from ..store import DEFAULT_BACKEND, Store, new_store, open_spec
from ..store.endpoint import EndpointStore
from .output import Format, stderr

app = typer.Typer(
    name="figuregraph",
    help="A knowledge graph of actors, sources and figures: who says so, on what evidence, "
    "and does anyone else agree?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

T = TypeVar("T")

GraphDir = typer.Option(api.DEFAULT_GRAPH_DIR, "--graph", "-g", help="Folder of YAML records.", show_default=True)
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)
StoreOpt = typer.Option(None, "--store", "-s", help="A store: oxigraph:PATH (on disk), oxigraph or memory.")
EndpointOpt = typer.Option(None, "--endpoint", "-e", help="A remote SPARQL 1.1 query endpoint URL.")
DataOpt = typer.Option(None, "--data", "-d", help="An exported dataset file (.ttl, .nt, .nq, .jsonld, .trig).")
BackendOpt = typer.Option(DEFAULT_BACKEND, "--backend", help="Engine for in-memory work: oxigraph or memory (rdflib).")
TimeoutOpt = typer.Option(DEFAULT_POLICY.timeout, "--timeout", help="Seconds a query may run.")


def run(action: Callable[[], T]) -> T:
    """Run a command body; FigureGraphError becomes a message on stderr and its exit code."""
    try:
        return action()
    except FigureGraphError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(exc.exit_code) from None


def policy(timeout: Optional[float], allow_service: bool = False, allow_remote_from: bool = False) -> Policy:
    return Policy(timeout=timeout, allow_service=allow_service, allow_remote_from=allow_remote_from)


def open_source(graph: Path, store: Optional[str], endpoint: Optional[str], data: Optional[Path],
                backend: str, shacl: bool = True) -> Store:
    """Where a command reads from: an endpoint, a store, a dataset file, or the records (default)."""
    given = [x for x in (store, endpoint, data) if x]
    if len(given) > 1:
        raise UsageError("give at most one of --store, --endpoint and --data")
    if endpoint:
        return EndpointStore(query_url=endpoint)
    if store:
        return open_spec(store, read_only=True)
    if data:
        target = new_store(backend)
        target.load_file(data)
        return target
    built, _ = api.build_valid(graph, shacl=shacl)
    return api.open_store(built, backend)
