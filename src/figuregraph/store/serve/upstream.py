"""The private side of ``serve``: one request to an engine, its answer read piece by piece (h11).

Reading in pieces is what keeps the proxy's memory bounded: a piece is read only after the
one before it went out to the client.
"""

from __future__ import annotations

import asyncio

import h11

from .client import READ_BYTES, Headers

# Not passed on in either direction: they describe one connection, not the message.
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
              b"trailers", b"transfer-encoding", b"upgrade", b"content-length", b"expect", b"server"}


class EngineFailed(Exception):
    """The engine could not be reached, or broke off its answer."""


class Upstream:
    """One exchange with an engine; ``complete`` once its answer was read to the end."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, conn: h11.Connection,
                 response: h11.Response) -> None:
        self.reader = reader
        self.writer = writer
        self.conn = conn
        self.status = response.status_code
        self.headers: Headers = [(k, v) for k, v in response.headers if k not in HOP_BY_HOP]
        self.server = next((v for k, v in response.headers if k == b"server"), b"")
        self.length = next((int(v) for k, v in response.headers if k == b"content-length"), None)
        self.complete = False

    @classmethod
    async def open(cls, port: int, method: str, target: str, headers: Headers, body: bytes) -> "Upstream":
        """Send the request; return once the engine's status and headers are in."""
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError as exc:
            raise EngineFailed(f"cannot reach the engine ({exc.strerror or exc})") from exc
        conn = h11.Connection(h11.CLIENT)
        fields = [(k, v) for k, v in headers if k not in HOP_BY_HOP]
        if body or method in ("POST", "PUT", "PATCH"):
            fields.append((b"content-length", str(len(body)).encode()))
        fields.append((b"connection", b"close"))
        try:
            data = conn.send(h11.Request(method=method, target=target.encode("latin-1"), headers=fields))
            data += conn.send(h11.Data(data=body)) if body else b""
            data += conn.send(h11.EndOfMessage())
            writer.write(data)
            await writer.drain()
            while True:
                event = await _event(conn, reader)
                if isinstance(event, h11.Response):
                    return cls(reader, writer, conn, event)
        except (OSError, h11.ProtocolError, EngineFailed) as exc:
            writer.close()
            raise EngineFailed(f"the engine broke off ({exc})") from exc

    async def read(self) -> bytes | None:
        """The next piece of the body, or None at its end."""
        try:
            event = await _event(self.conn, self.reader)
        except (OSError, h11.ProtocolError) as exc:
            raise EngineFailed(f"the engine broke off its answer ({exc})") from exc
        if isinstance(event, h11.EndOfMessage):
            self.complete = True
            return None
        assert isinstance(event, h11.Data)
        return bytes(event.data)

    def close(self) -> None:
        self.writer.close()


async def _event(conn: h11.Connection, reader: asyncio.StreamReader) -> h11.Event:
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(await reader.read(READ_BYTES))
        elif isinstance(event, h11.ConnectionClosed):
            raise EngineFailed("the engine closed the connection")
        else:
            assert not isinstance(event, type)
            return event
