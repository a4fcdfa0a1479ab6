"""Real server processes for tests, on free loopback ports, always stopped afterwards."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from figuregraph.store.serve import free_port, oxigraph_binary

FIGUREGRAPH = Path(sys.executable).parent / "figuregraph"


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


@contextmanager
def figuregraph_server(store: Path, timeout: float = 30) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``figuregraph serve`` on a store; yields its base URL and the process."""
    port = free_port()
    process = subprocess.Popen([str(FIGUREGRAPH), "serve", "--store", f"oxigraph:{store}", "--port", str(port),
                                "--timeout", str(timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)
