"""``figuregraph explore``: a local web app over any store, read-only, on 127.0.0.1 by default.

Pages for figures, sources, actors and places, measures and any other node, all at their IRIs'
paths (``/id/...``, with Turtle, JSON-LD and N-Triples by content negotiation); a search with
facets over an index built with the store (``index``); a network panel on every item page that
grows on click (``panel``); a SPARQL editor (YASGUI, shipped in the package) on the guarded
``/query`` endpoint (``sparql``). Starlette serves it (``routes``), uvicorn runs it (``serve``)."""

from __future__ import annotations

import socket
import webbrowser
from pathlib import Path
from collections.abc import Callable

from ...errors import InputError
from ...store.base import Store
from ...store.guard import DEFAULT_POLICY, Policy
from .index import Index
from .routes import LOOPBACK, Settings, create_app

DEFAULT_PORT = 8737


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one), or an InputError saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        hint = "; another program uses it: pick another with --port" if exc.errno == 98 else ""
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}{hint}") from exc
    sock.listen(128)
    return sock


def serve(store: Store, index: Index, sock: socket.socket, open_browser: bool = True, texts: Path | None = None,
          log: Callable[[str], None] = print, policy: Policy = DEFAULT_POLICY, graph: Path | None = None) -> int:
    """Serve the app on a listening socket (``listen``) until Ctrl-C or SIGTERM, ``policy`` holding the
    queries sent to ``/query``, ``graph`` the records' folder (its lexicon reads a checked text);
    returns an exit code."""
    import uvicorn

    host, bound = sock.getsockname()[:2]
    hosts = tuple(dict.fromkeys((host, *LOOPBACK)))
    app = create_app(Settings(store, index, texts, hosts, policy, graph))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=True,
                            lifespan="off", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    log(f"explore on {url} (read-only; Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    server.run(sockets=[sock])
    log("explore stopped")
    return 0


__all__ = ["DEFAULT_PORT", "Index", "Settings", "create_app", "listen", "serve"]
