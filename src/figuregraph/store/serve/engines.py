"""The engines behind ``serve``: ``oxigraph serve-read-only`` processes, one request each at a time.

Oxigraph keeps evaluating a query past its own timeout and cannot be told from outside to
stop one, so the only way to stop a runaway query is to end its process. An engine therefore
serves one request at a time: ending it stops that request and no other. Read-only processes
open one store together, so the pool keeps ``size`` of them and starts a new one for each that
is ended or dies. It also watches the store's path, which a build may replace by a rename at
any time: on a change it opens engines on the new store, sends new requests there, and ends
the old ones as their requests finish.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import socket
import sys
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import AsyncIterator, Callable, Coroutine

from ...errors import InputError, Location
from .. import sandbox
from .upstream import Channel, open_engine

Log = Callable[[str], None]

START_SECONDS = 15.0  # an engine that is not listening by then is taken for broken
STOP_SECONDS = 5.0  # SIGTERM's grace before SIGKILL at shutdown
WATCH_SECONDS = 1.0  # how often the store's path is looked at
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)  # pauses between failed starts of a replacement engine


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of this environment (the PyPI package installs it beside Python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise InputError("the 'oxigraph' server is not installed; install figuregraph with its dependencies "
                         "or 'pip install oxigraph'")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class StoreVersion:
    """Which store a path names now: the folder it resolves to and that folder's identity on disk
    (a rename or a flipped symlink changes the inode; a write in place changes RocksDB's CURRENT)."""

    folder: str
    identity: tuple[int, ...]


def store_version(path: Path) -> StoreVersion | None:
    """The store at path now, or None while there is none there (between two renames, or removed)."""
    try:
        folder = os.path.realpath(path)
        info = os.stat(folder)
        current = os.stat(os.path.join(folder, "CURRENT"))
    except OSError:
        return None
    return StoreVersion(folder, (info.st_dev, info.st_ino, current.st_ino, current.st_mtime_ns))


class EngineStartError(Exception):
    """An engine process that exited, or never listened, at start."""


class Engine:
    """One ``oxigraph serve-read-only`` process on a private loopback port."""

    def __init__(self, process: asyncio.subprocess.Process, port: int, version: StoreVersion,
                 isolated: bool = False) -> None:
        self.process = process
        self.port = port
        self.version = version
        self.pid = process.pid if isolated else None
        self.channel = Channel(port, self.pid)
        self.relay: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, version: StoreVersion, cors: bool, log: Log, isolated: bool = False) -> Engine:
        """Start an engine on the folder of ``version`` (resolved: a later symlink flip leaves it be)."""
        for _ in range(3):  # a free port can be taken before the engine binds it
            port = free_port()
            command = [oxigraph_binary(), "serve-read-only", "--location", version.folder,
                       "--bind", f"127.0.0.1:{port}", "--union-default-graph"] + (["--cors"] if cors else [])
            # No --timeout-s: past it Oxigraph ends a streamed body with an error text after a 200,
            # which would look like a complete answer. The proxy's time limit ends the process instead.
            if isolated:  # no route off the machine but through the proxy (``sandbox``)
                command = sandbox.isolated(command)
            process = await asyncio.create_subprocess_exec(
                *command, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE, env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"})
            engine = cls(process, port, version, isolated)
            try:
                failure = await engine._listening(log)
            except BaseException:
                engine.kill()
                raise
            if failure is None:
                return engine
            await engine.stop()
            if "Address already in use" not in failure:
                raise EngineStartError(failure)
        raise EngineStartError("no free loopback port could be bound")

    async def _listening(self, log: Log) -> str | None:
        """None once the engine accepts connections; otherwise why it does not."""
        stderr = self.process.stderr
        assert stderr is not None
        try:
            line = await asyncio.wait_for(stderr.readline(), START_SECONDS)
        except TimeoutError:
            return f"not listening after {START_SECONDS:g} s"
        if not line.startswith(b"Listening"):
            try:
                line += await asyncio.wait_for(stderr.read(4096), 2)
            except TimeoutError:
                pass
            text = line.decode("utf-8", "replace").strip()
            if not text:
                return f"exit code {await self.process.wait()}"
            return text.splitlines()[0].removeprefix("Error: ")
        self.relay = asyncio.create_task(self._relay(log))
        return None if await self._accepts() else "it says it listens but accepts no connection"

    async def _accepts(self) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_SECONDS
        while loop.time() < deadline and self.alive:
            try:
                _, writer = await open_engine(self.port, self.pid)
            except OSError:
                await asyncio.sleep(0.01)
                continue
            writer.close()
            return True
        return False

    async def _relay(self, log: Log) -> None:
        """Pass what the engine prints (a panic, say) to the log, so that its pipe never fills."""
        assert self.process.stderr is not None
        while line := await self.process.stderr.readline():
            log(f"engine {self.process.pid}: {line.decode('utf-8', 'replace').rstrip()[:500]}")

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    def kill(self) -> None:
        """End the process at once: a read-only store has nothing to flush."""
        with suppress(ProcessLookupError):
            self.process.kill()

    async def stop(self) -> None:
        self.channel.close()
        if self.alive:
            with suppress(ProcessLookupError):
                self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), STOP_SECONDS)
            except TimeoutError:
                self.kill()
        await self.process.wait()
        if self.relay is not None:
            await self.relay


@dataclass
class Lease:
    """An engine lent to one request; ``clean`` once its answer was read to the end."""

    engine: Engine
    clean: bool = False


class Busy(Exception):
    """No engine became free within the wait a request is allowed."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"no engine became free within {wait:g} s")
        self.wait = wait


class EnginePool:
    """``size`` engines on the store at ``location``, each lent to one request at a time."""

    def __init__(self, location: Path, size: int, cors: bool, log: Log, isolated: bool = False) -> None:
        self.location = location
        self.size = size
        self.cors = cors
        self.isolated = isolated
        self.log = log
        self.version: StoreVersion | None = None
        self._idle: asyncio.Queue[Engine] = asyncio.Queue()
        self._running: set[Engine] = set()
        self._ending: set[asyncio.Task[None]] = set()
        self._replacing: set[asyncio.Task[None]] = set()
        self._closed = False
        self._refused: StoreVersion | None = None
        self._missing = False

    async def open(self) -> None:
        version = store_version(self.location)
        if version is None:
            raise InputError("no Oxigraph store here", Location(self.location))
        try:
            engines = await self._start(version, self.size)
        except EngineStartError as exc:
            raise InputError(f"the Oxigraph server cannot open the store: {exc}", Location(self.location)) from exc
        self.version = version
        for engine in engines:
            self._idle.put_nowait(engine)

    @property
    def idle(self) -> int:
        return self._idle.qsize()

    @asynccontextmanager
    async def lease(self, wait: float) -> AsyncIterator[Lease]:
        """Wait up to ``wait`` seconds for an idle engine of the current store (else ``Busy``);
        afterwards it goes back, or is ended and replaced unless its answer was read whole (a
        request cut short may leave it evaluating)."""
        try:
            engine = await asyncio.wait_for(self._acquire(), wait)
        except TimeoutError:
            raise Busy(wait) from None
        lease = Lease(engine)
        try:
            yield lease
        finally:
            if lease.clean and engine.alive and engine.version == self.version:
                self._idle.put_nowait(engine)
            else:
                self._retire(engine)

    async def _acquire(self) -> Engine:
        while True:
            engine = await self._idle.get()
            if engine.alive and engine.version == self.version:
                return engine
            if not engine.alive:
                self.log(f"engine {engine.process.pid} had stopped (code {engine.process.returncode})")
            self._retire(engine)

    def _retire(self, engine: Engine) -> None:
        """End an engine; one of the current store is replaced."""
        if engine in self._running:
            self._end(engine)
            if engine.version == self.version and not self._closed:
                self._spawn(self._replacing, self._replace(engine.version))

    def _end(self, engine: Engine) -> None:
        self._running.discard(engine)
        engine.kill()
        self._spawn(self._ending, engine.stop())

    @staticmethod
    def _spawn(tasks: set[asyncio.Task[None]], work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    async def _start(self, version: StoreVersion, count: int) -> list[Engine]:
        results = await asyncio.gather(*(Engine.start(version, self.cors, self.log, self.isolated)
                                         for _ in range(count)), return_exceptions=True)
        engines = [r for r in results if isinstance(r, Engine)]
        self._running.update(engines)
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            for engine in engines:
                self._end(engine)
            raise failures[0] if isinstance(failures[0], EngineStartError) else EngineStartError(repr(failures[0]))
        return engines

    async def _replace(self, version: StoreVersion) -> None:
        for pause in itertools.chain([0.0], RETRY_SECONDS, itertools.repeat(RETRY_SECONDS[-1])):
            await asyncio.sleep(pause)
            if version != self.version or self._closed:
                return
            try:
                (engine,) = await self._start(version, 1)
            except EngineStartError as exc:
                self.log(f"cannot start an engine on {version.folder}: {exc}; trying again")
                continue
            if version == self.version and not self._closed:
                self._idle.put_nowait(engine)
            else:
                self._end(engine)
            return

    async def watch(self) -> None:
        """Follow the store at the path: engines on a replacement, a message while there is none."""
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            version = store_version(self.location)
            if version is None:
                if not self._missing:
                    self.log(f"there is no store at {self.location} now; still serving the one opened before")
                self._missing = True
            elif version != self.version and version != self._refused:
                self._missing = False
                await self._switch(version)

    async def _switch(self, version: StoreVersion) -> None:
        self.log(f"the store at {self.location} was replaced; opening {self.size} engines on the new one")
        try:
            engines = await self._start(version, self.size)
        except EngineStartError as exc:
            self._refused = version
            self.log(f"cannot open the new store at {self.location} ({exc}); still serving the previous one")
            return
        self.version = version
        while not self._idle.empty():  # idle engines of the old store end now, busy ones when done
            self._end(self._idle.get_nowait())
        for engine in engines:
            self._idle.put_nowait(engine)
        self.log(f"serving the new store at {self.location}")

    async def close(self) -> None:
        """Stop every engine (SIGTERM, then SIGKILL after a grace), and wait for them."""
        self._closed = True
        for task in list(self._replacing):
            task.cancel()
        engines, self._running = list(self._running), set()
        await asyncio.gather(*(engine.stop() for engine in engines), *self._replacing, *self._ending,
                             return_exceptions=True)
