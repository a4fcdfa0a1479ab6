"""Real server processes for tests, on free loopback ports, always stopped afterwards."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

from figuregraph.build import BuiltGraph
from figuregraph.store import write_store
from figuregraph.store.serve import free_port, oxigraph_binary

FIGUREGRAPH = Path(sys.executable).parent / "figuregraph"


def seed_store(seed: BuiltGraph, path: Path) -> Path:
    """An on-disk store of the seed graph at path, for a server to serve."""
    write_store(path, lambda s: s.load_quads(seed.oxigraph().quads()))
    return path


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on port {port} after {seconds} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A read-write Oxigraph server (the target of pushes); yields its base URL."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


class Served(NamedTuple):
    """A running ``figuregraph serve``: its base URL, its process and the file its log goes to."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def figuregraph_server(store: Path, timeout: float = 30, *options: str) -> Iterator[Served]:
    """``figuregraph serve`` on a store, with more command-line options if given. Its log goes to a
    file beside the store (a pipe nobody reads would fill and stall the server)."""
    port = free_port()
    log = store.parent / f"serve-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([str(FIGUREGRAPH), "serve", "--store", f"oxigraph:{store}", "--port", str(port),
                                    "--timeout", str(timeout), *options], stdout=subprocess.DEVNULL, stderr=sink)
    try:
        wait_for_port(port, process)
        yield Served(f"http://127.0.0.1:{port}", process, log)
    finally:
        stop(process)


@contextmanager
def explore_server(folder: Path, *options: str, seconds: float = 120) -> Iterator[Served]:
    """``figuregraph explore --no-open`` on a free loopback port (``--port 0``) with the options given;
    yields once it says where it listens. Its log goes to a file in ``folder``, its index cache there too."""
    log = folder / "explore.log"
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    with log.open("wb") as sink:
        process = subprocess.Popen([str(FIGUREGRAPH), "explore", "--no-open", "--port", "0", *options],
                                   stdout=subprocess.DEVNULL, stderr=sink, env=env)
    try:
        deadline = time.monotonic() + seconds
        while not (found := re.search(r"explore on (http://127\.0\.0\.1:\d+)/", log.read_text(errors="replace"))):
            if process.poll() is not None:
                raise RuntimeError(f"explore exited early with code {process.returncode}: {log.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"explore did not start within {seconds} s: {log.read_text()}")
            time.sleep(0.05)
        yield Served(found[1], process, log)
    finally:
        stop(process)
