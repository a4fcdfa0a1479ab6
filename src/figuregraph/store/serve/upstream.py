"""The private side of ``serve``: requests to an engine over one kept connection, each answer read
piece by piece (h11).

Reading in pieces is what keeps the proxy's memory bounded: a piece is read only after the one
before it went out to the client. An engine serves one request at a time, so one connection per
engine, kept open between requests, is all it needs (see benchmarks/SERVE.md for what a new
connection per request costs).
"""

from __future__ import annotations

import asyncio
import time

import h11

from .. import sandbox

from .client import READ_BYTES, Headers

# Not passed on in either direction: they describe one connection, not the message.
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
              b"trailers", b"transfer-encoding", b"upgrade", b"content-length", b"expect", b"server"}
CAUGHT = (OSError, h11.ProtocolError)
# Oxigraph's server answers a connection idle for 60 s (its read timeout) with an unsolicited 500,
# "Resource temporarily unavailable (os error 11)", and closes it: the next request sent on it would
# read that 500 as its answer. A connection idle for this long is replaced before it is used.
IDLE = 30.0


class EngineFailed(Exception):
    """The engine could not be reached, or broke off its answer."""


async def open_engine(port: int, pid: int | None = None) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection to an engine on loopback: inside the engine's own network namespace when it
    runs isolated (``pid``; the socket is made on a worker thread, as entering a namespace is a
    thread's act), else on this machine's."""
    if pid is None:
        return await asyncio.open_connection("127.0.0.1", port)
    sock = await asyncio.get_running_loop().run_in_executor(None, sandbox.connect, port, 5.0, pid)
    sock.setblocking(False)
    return await asyncio.open_connection(sock=sock)


class Channel:
    """The connection to one engine, opened on first use and kept while answers end cleanly."""

    def __init__(self, port: int, pid: int | None = None, idle: float = IDLE) -> None:
        self.port = port
        self.pid = pid  # the engine's process, where it runs in a network namespace of its own
        self.idle = idle
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self._conn = h11.Connection(h11.CLIENT)
        self._kept_at = 0.0  # when the kept connection's last answer ended (time.monotonic)

    async def send(self, method: str, target: str, headers: Headers, body: bytes) -> Upstream:
        """Send a request; return once the engine's status and headers are in. A kept connection
        the engine has closed meanwhile is replaced once (the request is a read: safe to repeat)."""
        kept = self._streams is not None
        try:
            return await self._send(method, target, headers, body)
        except EngineFailed:
            if not kept:
                raise
        return await self._send(method, target, headers, body)

    async def _send(self, method: str, target: str, headers: Headers, body: bytes) -> Upstream:
        if self._streams is not None and time.monotonic() - self._kept_at >= self.idle:
            self.close()  # the engine may have ended it with an answer to no request
        if self._streams is None:
            try:
                self._streams = await open_engine(self.port, self.pid)
            except OSError as exc:
                raise EngineFailed(f"cannot reach the engine ({exc.strerror or exc})") from exc
            self._conn = h11.Connection(h11.CLIENT)
        fields = [(k, v) for k, v in headers if k not in HOP_BY_HOP]
        if body or method in ("POST", "PUT", "PATCH"):
            fields.append((b"content-length", str(len(body)).encode()))
        try:
            data = self._conn.send(h11.Request(method=method, target=target.encode("latin-1"), headers=fields))
            data += self._conn.send(h11.Data(data=body)) if body else b""
            data += self._conn.send(h11.EndOfMessage())
            self._streams[1].write(data)
            await self._streams[1].drain()
            while not isinstance(event := await self.event(), h11.Response):
                pass  # 100 Continue
        except CAUGHT as exc:
            self.close()
            raise EngineFailed(f"the engine broke off ({exc})") from exc
        except BaseException:  # cancelled: the time limit, or shutdown
            self.close()
            raise
        return Upstream(self, event)

    async def event(self) -> h11.Event:
        assert self._streams is not None
        while True:
            event = self._conn.next_event()
            if event is h11.NEED_DATA:
                self._conn.receive_data(await self._streams[0].read(READ_BYTES))
            elif isinstance(event, h11.ConnectionClosed):
                self.close()
                raise EngineFailed("the engine closed the connection")
            else:
                assert not isinstance(event, type)
                return event

    def finished(self) -> None:
        """An answer was read to its end: keep the connection for the next request if it can be."""
        if self._conn.our_state is h11.DONE and self._conn.their_state is h11.DONE:
            self._conn.start_next_cycle()
            self._kept_at = time.monotonic()
        else:
            self.close()

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


class Upstream:
    """One answer from an engine; ``complete`` once it was read to the end."""

    def __init__(self, channel: Channel, response: h11.Response) -> None:
        self.channel = channel
        self.status = response.status_code
        self.headers: Headers = [(k, v) for k, v in response.headers if k not in HOP_BY_HOP]
        self.server = next((v for k, v in response.headers if k == b"server"), b"")
        self.length = next((int(v) for k, v in response.headers if k == b"content-length"), None)
        self.complete = False

    async def read(self) -> bytes | None:
        """The next piece of the body, or None at its end."""
        try:
            event = await self.channel.event()
        except CAUGHT as exc:
            self.channel.close()
            raise EngineFailed(f"the engine broke off its answer ({exc})") from exc
        if isinstance(event, h11.EndOfMessage):
            self.complete = True
            self.channel.finished()
            return None
        assert isinstance(event, h11.Data)
        return bytes(event.data)

    def close(self) -> None:
        """Done with the answer: a connection left mid-answer cannot carry another request."""
        if not self.complete:
            self.channel.close()
