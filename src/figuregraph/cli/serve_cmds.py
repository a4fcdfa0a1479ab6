"""Sharing the graph: serve a read-only endpoint, push to a Graph Store endpoint."""

from __future__ import annotations

import sys

import typer

from .app import command
from .options import ReadFrom, group
from .output import stderr, warn_unless_loopback
from .source import open_source


@command()
def serve(
    store: str = typer.Option(..., "--store", "-s", help="The on-disk store to serve: oxigraph:PATH."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    timeout: float = typer.Option(30.0, "--timeout",
                                  help="Seconds a query may take on its engine: evaluating and sending."),
    queue_timeout: float = typer.Option(60.0, "--queue-timeout",
                                        help="Seconds a request may wait for a free engine (then 503, try again)."),
    cors: bool = typer.Option(True, "--cors/--no-cors", help="Allow browser clients from other origins."),
    allow_service: bool = typer.Option(False, "--allow-service", help="Let clients run federated SERVICE queries."),
    engines: int = typer.Option(4, "--engines", help="Engine processes, each answering one request at a time."),
    max_result_bytes: int = typer.Option(256 * 1024 * 1024, "--max-result-bytes",
                                         help="Largest answer sent; a longer one is refused (507) or broken off."),
    read_timeout: float = typer.Option(10.0, "--read-timeout",
                                       help="Seconds a client may take to send a request; idle connections close."),
) -> None:
    """Serve a store as a read-only SPARQL 1.1 endpoint (/query) until Ctrl-C or SIGTERM."""
    from ..store.serve import ServerConfig, serve as run_server
    from ..store.spec import disk_path

    path = disk_path(store, "serve reads an on-disk store")
    warn_unless_loopback(host)
    config = ServerConfig(path, host, port, timeout, cors, allow_service, engines, max_result_bytes, read_timeout,
                          queue_timeout=queue_timeout)
    code = run_server(config, log_line)
    raise typer.Exit(code)


def log_line(message: str) -> None:
    """One line of the server's log on stderr, as it is: there is a line per request, so not through
    rich's rendering, and a request path is no markup."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@command()
@group("read", "graph", "store", "data")
def push(
    endpoint: str = typer.Option(..., "--endpoint", "-e", help="A SPARQL 1.1 Graph Store endpoint URL."),
    audit: bool = typer.Option(False, "--audit", help="Also upload the audit's derived graph (fgid:graph/audit)."),
    *,
    read: ReadFrom,
) -> None:
    """Upload the graph, one named graph per request, to a Graph Store endpoint (each graph whole or not at all).

    A user and password, where the endpoint asks for them, come from FIGUREGRAPH_ENDPOINT_USER and
    FIGUREGRAPH_ENDPOINT_PASSWORD or from ~/.netrc."""
    from ..api import with_audit
    from ..store.endpoint import EndpointStore

    target = EndpointStore(graph_store_url=endpoint)  # a bad URL or bad credentials fail before any build
    source = with_audit(open_source(read)) if audit else open_source(read)
    count = target.push(source)
    stderr.print(f"pushed {count} graphs to {endpoint}", highlight=False)
