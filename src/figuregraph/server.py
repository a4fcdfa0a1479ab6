"""``figuregraph serve``: a read-only SPARQL 1.1 endpoint, the Oxigraph server from PyPI, supervised.

The server runs ``oxigraph serve-read-only`` on the store with the union default graph, a
query time limit and CORS for browser clients. Updates are refused by the server itself.
If the server process dies (a hostile query can crash it), it is restarted; SIGTERM or
Ctrl-C stop it cleanly.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Callable

from .errors import InputError, UsageError

RESTART_LIMIT = 5  # restarts within RESTART_WINDOW seconds before giving up
RESTART_WINDOW = 60.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of this environment (the PyPI package installs it beside Python)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise InputError("the 'oxigraph' server is not installed; install figuregraph with its dependencies "
                         "(pip install figuregraph) or 'pip install oxigraph'")
    return found


@dataclass(frozen=True)
class ServerConfig:
    location: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    cors: bool = True

    def command(self) -> list[str]:
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(self.location),
               "--bind", f"{self.host}:{self.port}", "--union-default-graph",
               "--timeout-s", str(max(1, round(self.timeout)))]
        return cmd + (["--cors"] if self.cors else [])


def check_store(location: Path) -> None:
    if not (location / "CURRENT").exists():
        raise InputError(f"no Oxigraph store at {location}; create one with "
                         f"'figuregraph build --store oxigraph:{location}'")


def serve(config: ServerConfig, log: Callable[[str], None]) -> int:
    """Run the server until SIGTERM/SIGINT; restart it if it dies. Returns an exit code."""
    check_store(config.location)
    if not 0 < config.port < 65536:
        raise UsageError(f"port must be 1-65535, not {config.port}")
    stopping = False
    process: subprocess.Popen[bytes] | None = None

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        if process and process.poll() is None:
            process.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    restarts: list[float] = []
    try:
        while True:
            process = subprocess.Popen(config.command())
            log(f"SPARQL endpoint on http://{config.host}:{config.port}/query (read-only; "
                f"time limit {config.timeout:g} s; pid {process.pid})")
            code = process.wait()
            if stopping:
                log("server stopped")
                return 0
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < RESTART_WINDOW] + [now]
            if len(restarts) > RESTART_LIMIT:
                log(f"server exited with code {code} {len(restarts)} times within a minute; giving up")
                return 2
            log(f"server exited with code {code}; restarting")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
