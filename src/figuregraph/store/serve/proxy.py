"""What ``serve`` does with a request: refuse writes, guard queries, pass reads to an engine.

An answer is held until the engine has finished it or ``HOLD`` bytes are in: a held answer goes
out with its length and any status; past ``HOLD`` the 200 goes out and the body streams. A
request waits for a free engine up to ``queue_timeout`` (then a 503 with Retry-After: busy, not
failed); the time limit starts once it has one and covers evaluating and sending, so that a
valid query is never refused for the time others took. Past the limit, or past
``max_result_bytes``, a held answer becomes a 503 or 507 with a message, and a
streaming one is broken off, so that the client sees a broken transfer, never a complete-looking
200; the engine is ended either way, and no other request is on it. A read whose engine failed
before any byte reached the client is tried once more on another engine.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from dataclasses import dataclass

from ..guard import Policy, QueryRefused, check
from .client import Client, Request
from . import ui
from .engines import Busy, EnginePool, Log
from .upstream import EngineFailed, Upstream

HOLD = 1 << 20  # answers up to this size go out whole, with their length and true status
READ_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Limits:
    timeout: float
    queue_timeout: float
    max_result_bytes: int
    cors: bool
    host: str  # the Host an HTTP/1.0 request without one is taken to have asked


def query_text(method: str, target: str, content_type: str, body: bytes) -> str | None:
    """The SPARQL query of a Protocol request (GET ?query=, POST form or direct), if any."""
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query)
    if method == "GET" and "query" in params:
        return params["query"][0]
    kind = content_type.split(";")[0].strip().lower()
    if method == "POST" and kind == "application/x-www-form-urlencoded":
        return urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [None])[0]
    if method == "POST" and kind == "application/sparql-query":
        return body.decode("utf-8", "replace")
    return None


async def handle(client: Client, request: Request, pool: EnginePool, policy: Policy, limits: Limits,
                 log: Log) -> int:
    """Answer one request; returns the status sent (0 when the answer was broken off)."""
    own = ui.answer(request, limits.host, policy.allow_service, limits.timeout, limits.cors)
    if own is not None:
        status, headers, body = own
        await client.respond(status, headers, body)
        return status
    is_query = urllib.parse.urlsplit(request.target).path == "/query"
    text = query_text(request.method, request.target, request.header("content-type"), request.body) \
        if is_query else None
    if request.method not in READ_METHODS and text is None:
        await client.reply(403, "this endpoint is read-only: updates and uploads are refused", limits.cors)
        return 403
    if text is not None:
        try:
            check(text, policy)
        except QueryRefused as exc:
            await client.reply(400, str(exc), limits.cors)
            return 400
    return await Forward(client, request, pool, limits, log).run()


class Forward:
    """One request passed to an engine, within the time limit, tried at most twice."""

    def __init__(self, client: Client, request: Request, pool: EnginePool, limits: Limits, log: Log) -> None:
        self.client = client
        self.request = request
        self.pool = pool
        self.limits = limits
        self.log = log
        headers = list(request.headers)
        if not any(k == b"host" for k, _ in headers):
            headers.append((b"host", limits.host.encode("latin-1")))
        self.headers = headers
        self.deadline: float | None = None  # set when the first engine is lent: the time limit runs from there
        self.timer: asyncio.Timeout | None = None

    async def run(self) -> int:
        for attempt in (1, 2):
            try:
                async with asyncio.timeout(None) as self.timer:
                    return await self._once()
            except Busy as exc:
                await self.client.reply(503, f"{exc}: all {self.pool.size} engines were busy; try again",
                                        self.limits.cors, extra=[("retry-after", "1")])
                return 503
            except EngineFailed as exc:
                if self.client.started:
                    self.log(f"engine failed mid-answer: {exc}")
                    self.client.abort()
                    return 0
                if attempt == 2:
                    await self.client.reply(502, f"the engine failed on this request twice ({exc})", self.limits.cors)
                    return 502
                self.log(f"engine failed before answering ({exc}); trying once more on another engine")
            except TimeoutError:
                return await self._too_late()
        raise AssertionError("unreachable")

    async def _once(self) -> int:
        async with self.pool.lease(self.limits.queue_timeout) as lease:
            loop = asyncio.get_running_loop()
            if self.deadline is None:
                self.deadline = loop.time() + self.limits.timeout
            assert self.timer is not None
            self.timer.reschedule(self.deadline)
            upstream = await lease.engine.channel.send(self.request.method, self.request.target, self.headers,
                                                       self.request.body)
            try:
                if upstream.length is not None and upstream.length > self.limits.max_result_bytes:
                    return await self._too_big()
                held = await self._hold(upstream)
                if upstream.complete:
                    lease.clean = True
                else:
                    return await self._stream(upstream, held)
            finally:
                upstream.close()
        # The engine is back in the pool; the held answer goes out from here.
        if len(held) > self.limits.max_result_bytes:
            return await self._too_big()
        await self.client.respond(upstream.status, upstream.headers, bytes(held), upstream.server)
        return upstream.status

    async def _hold(self, upstream: Upstream) -> bytearray:
        held = bytearray()
        limit = min(HOLD, self.limits.max_result_bytes)
        while len(held) <= limit and (piece := await upstream.read()) is not None:
            held += piece
        return held

    async def _stream(self, upstream: Upstream, held: bytearray) -> int:
        if len(held) > self.limits.max_result_bytes:
            return await self._too_big()
        if not self.request.http11:
            await self.client.reply(505, f"the answer is over {HOLD} bytes, so it streams, and only HTTP/1.1 "
                                         "(chunked) lets a client tell a cut-off stream from a whole one; "
                                         "ask with HTTP/1.1", self.limits.cors)
            return 505
        await self.client.start(upstream.status, upstream.headers, upstream.server)
        await self.client.send(bytes(held))
        del held[:]
        while (piece := await upstream.read()) is not None:
            if self.client.sent + len(piece) > self.limits.max_result_bytes:
                self.log(f"answer broken off at {self.client.sent} bytes: over --max-result-bytes "
                         f"{self.limits.max_result_bytes}")
                self.client.abort()
                return 0
            await self.client.send(piece)
        await self.client.end()
        return upstream.status

    async def _too_big(self) -> int:
        await self.client.reply(507, f"the answer is over the limit of {self.limits.max_result_bytes} bytes "
                                     "(--max-result-bytes); ask for less (LIMIT, fewer variables) or raise the limit",
                                self.limits.cors)
        return 507

    async def _too_late(self) -> int:
        limit = f"{self.limits.timeout:g} s"
        if self.client.started:
            self.log(f"answer broken off at {self.client.sent} bytes: the time limit of {limit} was reached")
            self.client.abort()
            return 0
        await self.client.reply(503, f"the query did not finish within {limit} (time limit) and was stopped",
                                self.limits.cors)
        return 503
