"""The public side of ``serve``: HTTP/1.1 with h11 on asyncio streams.

A connection holds no thread, so stalled clients cost a socket each and nothing else. A
request (line, headers and body) must arrive within ``read_timeout``, and an idle keep-alive
connection is closed after it. h11 frames every response; a streamed one goes out chunked, so
that breaking it off (``abort``) leaves the client a transfer it sees is broken.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http import HTTPStatus
from collections.abc import Iterable

import h11

from ... import __version__

READ_BYTES = 64 * 1024
SERVER = f"figuregraph/{__version__}"

Headers = list[tuple[bytes, bytes]]


class BadRequest(Exception):
    """A request that cannot be read; answered with ``status`` and the message, then closed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ClientGone(Exception):
    """The client closed its connection (or stopped reading) while it was being answered."""


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: Headers  # names in lower case, as h11 gives them
    body: bytes
    http11: bool

    def header(self, name: str) -> str:
        wanted = name.lower().encode("ascii")
        return next((value.decode("latin-1") for key, value in self.headers if key == wanted), "")


class Client:
    """One client connection: requests in, responses out, one at a time."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, read_timeout: float,
                 max_body: int) -> None:
        self.reader = reader
        self.writer = writer
        self.read_timeout = read_timeout
        self.max_body = max_body
        self.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=max_body)
        self.peer = str((writer.get_extra_info("peername") or ("?",))[0])
        self.sent = 0  # body bytes of the current response
        self.method = ""  # of the current request: a HEAD response has no body
        self._got = 0  # bytes read for the current request

    @property
    def started(self) -> bool:
        """Whether the current response's head has gone out (from then on only ``abort`` can fail it)."""
        return self.conn.our_state is not h11.IDLE and self.conn.our_state is not h11.SEND_RESPONSE

    # -- reading -------------------------------------------------------------------------
    async def next_request(self) -> Request | None:
        """The next whole request; None when the client closed, or sent nothing within the read timeout."""
        self._got = 0
        body = bytearray()
        try:
            async with asyncio.timeout(self.read_timeout):
                head = await self._event()
                if isinstance(head, h11.ConnectionClosed):
                    return None
                assert isinstance(head, h11.Request)
                self.method = head.method.decode("ascii", "replace")
                announced = self._length(head)
                if announced is not None and announced > self.max_body:
                    raise BadRequest(413, f"request body of {announced} bytes is over the limit of {self.max_body}")
                if self.conn.they_are_waiting_for_100_continue:
                    await self._send(h11.InformationalResponse(status_code=100, headers=[]))
                while not isinstance(event := await self._event(), h11.EndOfMessage):
                    assert isinstance(event, h11.Data)
                    body += event.data
                    if len(body) > self.max_body:
                        raise BadRequest(413, f"request body over the limit of {self.max_body} bytes")
        except TimeoutError:
            if self.conn.their_state is h11.IDLE and not self._got and not self.conn.trailing_data[0]:
                return None
            if self.conn.their_state is h11.SEND_BODY:
                raise BadRequest(400, f"request body shorter than announced: {len(body)} bytes arrived within "
                                      f"{self.read_timeout:g} s") from None
            raise BadRequest(408, f"the request did not arrive whole within {self.read_timeout:g} s") from None
        except h11.RemoteProtocolError as exc:
            raise BadRequest(exc.error_status_hint, f"bad request: {exc}") from None
        return Request(self.method, head.target.decode("latin-1"), list(head.headers),
                       bytes(body), head.http_version == b"1.1")

    @staticmethod
    def _length(head: h11.Request) -> int | None:
        return next((int(value) for key, value in head.headers if key == b"content-length"), None)

    async def _event(self) -> h11.Event:
        while True:
            event = self.conn.next_event()
            if event is not h11.NEED_DATA:
                assert not isinstance(event, type)  # PAUSED only comes after a whole request
                return event
            try:
                data = await self.reader.read(READ_BYTES)
            except OSError:
                data = b""
            self._got += len(data)
            self.conn.receive_data(data)

    # -- writing -------------------------------------------------------------------------
    async def respond(self, status: int, headers: Iterable[tuple[bytes, bytes]], body: bytes,
                      server: bytes = b"") -> None:
        """A whole response with its length, in one write."""
        fields = list(headers)
        if status >= 200 and status not in (204, 304):
            fields.append((b"content-length", str(len(body)).encode()))
        events: list[h11.Event] = [self._head(status, fields, server)]
        if body and self.method != "HEAD" and status not in (204, 304):
            self.sent = len(body)
            events.append(h11.Data(data=body))
        await self._send(*events, h11.EndOfMessage())

    async def start(self, status: int, headers: Iterable[tuple[bytes, bytes]], server: bytes = b"") -> None:
        """The head of a response; without a content-length h11 sends the body chunked."""
        await self._send(self._head(status, headers, server))

    def _head(self, status: int, headers: Iterable[tuple[bytes, bytes]], server: bytes) -> h11.Response:
        self.sent = 0
        product = SERVER.encode() + (b" " + server if server else b"")
        return h11.Response(status_code=status, headers=[(b"server", product), *headers], reason=_reason(status))

    async def send(self, data: bytes) -> None:
        if data and self._has_body():
            self.sent += len(data)
            await self._send(h11.Data(data=data))

    async def end(self) -> None:
        await self._send(h11.EndOfMessage())

    async def reply(self, status: int, message: str, cors: bool, close: bool = False,
                    extra: Iterable[tuple[str, str]] = ()) -> None:
        """A plain-text answer from the proxy itself (a refusal, a time limit, an error)."""
        headers = [("content-type", "text/plain; charset=utf-8"), *extra]
        if cors:
            headers.append(("access-control-allow-origin", "*"))
        if close:
            headers.append(("connection", "close"))
        fields = [(k.encode("ascii"), v.encode("ascii")) for k, v in headers]
        await self.respond(status, fields, (message + "\n").encode("utf-8"))

    def _has_body(self) -> bool:
        return self.conn.our_state is h11.SEND_BODY and self.method != "HEAD"

    async def _send(self, *events: h11.Event) -> None:
        data = b"".join(self.conn.send(event) or b"" for event in events)
        if data:
            try:
                self.writer.write(data)
                await self.writer.drain()
            except OSError as exc:
                raise ClientGone(str(exc)) from None

    def next_cycle(self) -> bool:
        """Ready for the next request on this connection (keep-alive), or False to close it."""
        if self.conn.our_state is h11.DONE and self.conn.their_state is h11.DONE:
            self.conn.start_next_cycle()
            return True
        return False

    def abort(self) -> None:
        """Break the connection off mid-response: the client sees an incomplete transfer."""
        self.writer.transport.abort()

    async def close(self) -> None:
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 1)
        except (OSError, TimeoutError):
            pass


def _reason(status: int) -> bytes:
    try:
        return HTTPStatus(status).phrase.encode("ascii")
    except ValueError:
        return b""
