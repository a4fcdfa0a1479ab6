"""``figuregraph serve``: a read-only SPARQL 1.1 endpoint with guards and a real time limit.

A small guarding proxy (asyncio, one thread) on the public address, in front of a pool of
Oxigraph servers from PyPI (``oxigraph serve-read-only``: union default graph, content
negotiation, CORS) on private loopback ports. The proxy

- applies the query guards (size, nesting, SERVICE, updates, remote FROM) before an engine
  sees a query, and refuses every write;
- lends each request an engine of its own, so that ending a runaway query's engine (Oxigraph
  cannot stop a query from outside) stops that query and no other (``engines``);
- streams answers and holds each request to its time limit and size limit (``proxy``);
- reads requests within a time limit, holding no thread per connection (``client``);
- follows the store at its path when a build replaces it (``engines``).

SIGTERM or Ctrl-C stop the proxy and every engine.
"""

from __future__ import annotations

import asyncio
import resource
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from ...errors import InputError, UsageError
from .. import sandbox
from ..guard import Policy
from ..oxigraph import require_store
from .client import BadRequest, Client, ClientGone
from .engines import EnginePool, Log, free_port, oxigraph_binary
from .proxy import Limits, handle

__all__ = ["ServerConfig", "free_port", "oxigraph_binary", "serve"]


@dataclass(frozen=True)
class ServerConfig:
    location: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    cors: bool = True
    allow_service: bool = False
    engines: int = 4
    max_result_bytes: int = 256 * 1024 * 1024
    read_timeout: float = 10.0
    max_connections: int = 4096
    queue_timeout: float = 60.0

    @property
    def policy(self) -> Policy:
        return Policy(timeout=self.timeout, allow_service=self.allow_service)

    def check(self) -> None:
        """Raise UsageError for settings that cannot work."""
        if not 0 <= self.port < 65536:
            raise UsageError(f"port must be 0-65535, not {self.port}")
        for name, value in (("timeout", self.timeout), ("read timeout", self.read_timeout),
                            ("queue timeout", self.queue_timeout)):
            if not value > 0:
                raise UsageError(f"the {name} must be over 0 seconds, not {value:g}")
        for name, number in (("engines", self.engines), ("max result bytes", self.max_result_bytes),
                             ("max connections", self.max_connections)):
            if number < 1:
                raise UsageError(f"{name} must be at least 1, not {number}")


def serve(config: ServerConfig, log: Log, ready: Callable[[int], None] | None = None) -> int:
    """Serve until SIGTERM/SIGINT. ``ready`` gets the port once the endpoint answers. Returns an exit code."""
    config.check()
    require_store(config.location)
    return asyncio.run(_serve(config, log, ready))


async def _serve(config: ServerConfig, log: Log, ready: Callable[[int], None] | None) -> int:
    isolated = not config.allow_service and sandbox.available()
    pool = EnginePool(config.location, config.engines, config.cors, log, isolated)
    await pool.open()
    policy = config.policy
    max_body = policy.max_length * 4
    cap = _connection_cap(config.max_connections, config.engines)
    connections: set[asyncio.Task[None]] = set()
    limits: Limits | None = None

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None and limits is not None
        connections.add(task)
        client = Client(reader, writer, config.read_timeout, max_body)
        try:
            if len(connections) > cap:
                await client.reply(503, f"over {cap} connections are open; try again", config.cors, close=True)
                return
            await _requests(client, pool, policy, limits, log)
        except ClientGone:
            pass
        finally:
            connections.discard(task)
            await client.close()

    try:
        server = await asyncio.start_server(connection, config.host, config.port, backlog=1024, start_serving=False)
    except OSError as exc:
        await pool.close()
        raise InputError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from exc
    port = int(server.sockets[0].getsockname()[1])
    limits = Limits(config.timeout, config.queue_timeout, config.max_result_bytes, config.cors, f"{config.host}:{port}")
    await server.start_serving()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stopping.set)
    watch = asyncio.create_task(pool.watch())
    log(f"SPARQL endpoint on http://{config.host}:{port}/query (read-only; time limit {config.timeout:g} s; "
        f"{config.engines} engines on {pool.version.folder if pool.version else config.location})")
    log("the engines run in network namespaces of their own (no route off the machine)" if isolated else
        "the engines share this machine's network: the guard alone keeps SERVICE out "
        + ("(--allow-service)" if config.allow_service else "(isolation needs Linux and root)"))
    if ready:
        ready(port)
    try:
        await stopping.wait()
    finally:
        server.close()
        watch.cancel()
        for task in list(connections):
            task.cancel()
        await asyncio.gather(watch, *connections, return_exceptions=True)
        await pool.close()
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
        log("server stopped")
    return 0


def _connection_cap(wanted: int, engines: int) -> int:
    """How many client connections fit under the limit on open files, raised towards its hard limit
    first (a socket each; each engine takes a few files too)."""
    reserved = 128 + 8 * engines
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted + reserved:
        raised = wanted + reserved if hard == resource.RLIM_INFINITY else min(wanted + reserved, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    return wanted if soft == resource.RLIM_INFINITY else max(1, min(wanted, soft - reserved))


async def _requests(client: Client, pool: EnginePool, policy: Policy, limits: Limits, log: Log) -> None:
    """Answer the requests of one connection in turn, until it closes or cannot go on."""
    while True:
        try:
            request = await client.next_request()
        except BadRequest as exc:
            log(f"{client.peer} {exc.status} {exc.message}")
            await client.reply(exc.status, exc.message, limits.cors, close=True)
            return
        if request is None:
            return
        status = await handle(client, request, pool, policy, limits, log)
        path = request.target.split("?", 1)[0][:200].encode("ascii", "backslashreplace").decode("ascii")
        log(f"{client.peer} {request.method} {path} {status or 'broken off'} {client.sent} B")
        if not status or not client.next_cycle():
            return
