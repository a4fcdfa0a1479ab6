"""``figuregraph serve``: a read-only SPARQL 1.1 endpoint with guards and a real time limit.

Two processes: the Oxigraph server from PyPI (``oxigraph serve-read-only``, union default
graph, content negotiation, CORS) on a private loopback port, and in front of it a small
guarding proxy on the public address. The proxy

- applies the query guards (size, nesting, SERVICE, updates, remote FROM) before the engine
  sees a query: a query nested a few thousand levels deep crashes Oxigraph's parser;
- refuses every write (the endpoint is read-only);
- enforces the time limit: Oxigraph keeps evaluating a runaway query after its own timeout,
  so on timeout the engine process is restarted (read-only store: a fraction of a second)
  and the client gets HTTP 503; the server keeps answering;
- restarts the engine if it dies for any other reason;
- where the platform allows (``sandbox``: Linux, root), runs the engine in a network namespace
  of its own, so that a SERVICE query getting past the guard would find no route off the machine.

SIGTERM or Ctrl-C stop both processes cleanly.
"""

from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Callable

from ..errors import InputError, UsageError
from . import sandbox
from .guard import Policy, QueryRefused, check
from .oxigraph import require_store

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "content-length", "host"}
READ_METHODS = ("GET", "HEAD", "OPTIONS")


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
class ServerConfig:
    location: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    cors: bool = True
    allow_service: bool = False

    @property
    def policy(self) -> Policy:
        return Policy(timeout=self.timeout, allow_service=self.allow_service)


class Engine:
    """The supervised ``oxigraph serve-read-only`` process on a private loopback port."""

    def __init__(self, config: ServerConfig, log: Callable[[str], None]) -> None:
        self.config = config
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        self.isolated = not config.allow_service and sandbox.available()

    def command(self) -> list[str]:
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(self.config.location),
               "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
               "--timeout-s", str(max(1, round(self.config.timeout)))]
        cmd += ["--cors"] if self.config.cors else []
        return sandbox.isolated(cmd) if self.isolated else cmd

    def connect(self, timeout: float | None) -> socket.socket:
        """A connection to the engine (inside its network namespace when it is isolated)."""
        pid = self.process.pid if self.isolated and self.process else None
        return sandbox.connect(self.port, timeout, pid)

    def start(self) -> None:
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise InputError(f"the Oxigraph server exited at start (code {self.process.returncode})",)
            try:
                with self.connect(0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise InputError("the Oxigraph server did not start within 15 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self, reason: str) -> None:
        with self.lock:
            self.log(f"restarting the engine: {reason}")
            self.stop()
            self.start()

    def ensure_running(self) -> None:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                code = self.process.returncode if self.process else None
                self.log(f"the engine had stopped (code {code}); starting it again")
                self.start()


class EngineConnection(http.client.HTTPConnection):
    """An HTTP connection to the engine, wherever its network namespace is."""

    def __init__(self, engine: Engine, timeout: float | None) -> None:
        super().__init__("127.0.0.1", engine.port, timeout=timeout)
        self.engine = engine

    def connect(self) -> None:
        self.sock = self.engine.connect(self.timeout)


def query_text(method: str, path: str, headers: dict[str, str], body: bytes) -> str | None:
    """The SPARQL query of a Protocol request (GET ?query=, POST form or direct), if any."""
    parsed = urllib.parse.urlsplit(path)
    params = urllib.parse.parse_qs(parsed.query)
    if method == "GET" and "query" in params:
        return params["query"][0]
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if method == "POST" and content_type == "application/x-www-form-urlencoded":
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        return form.get("query", [None])[0]
    if method == "POST" and content_type == "application/sparql-query":
        return body.decode("utf-8", "replace")
    return None


def make_handler(engine: Engine, config: ServerConfig) -> type[BaseHTTPRequestHandler]:
    policy = config.policy
    max_body = policy.max_length * 4

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "figuregraph"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            engine.log(f"{self.address_string()} {format % args}")

        def reply(self, status: int, message: str) -> None:
            data = (message + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if config.cors:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def handle_any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > max_body:
                self.reply(413, f"request body over {max_body} bytes")
                return
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            path = urllib.parse.urlsplit(self.path).path
            text = query_text(self.command, self.path, headers, body) if path == "/query" else None
            if self.command not in READ_METHODS and text is None:
                self.reply(403, "this endpoint is read-only: updates and uploads are refused")
                return
            if text is not None:
                try:
                    check(text, policy)
                except QueryRefused as exc:
                    self.reply(400, str(exc))
                    return
            self.forward(body, headers)

        def forward(self, body: bytes, headers: dict[str, str]) -> None:
            engine.ensure_running()
            connection = EngineConnection(engine, policy.timeout)
            try:
                connection.request(self.command, self.path, body=body or None,
                                   headers={k: v for k, v in headers.items() if k not in HOP_BY_HOP})
                response = connection.getresponse()
                data = response.read()
            except (socket.timeout, TimeoutError):
                connection.close()
                self.reply(503, f"the query did not finish within {policy.timeout:g} s (time limit) and was stopped")
                engine.restart("a query reached the time limit")
                return
            except (ConnectionError, http.client.HTTPException) as exc:
                connection.close()
                engine.ensure_running()
                self.reply(502, f"the engine failed on this request ({exc.__class__.__name__}); it was restarted")
                return
            connection.close()
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = handle_any

    return Handler


def serve(config: ServerConfig, log: Callable[[str], None], ready: Callable[[int], None] | None = None) -> int:
    """Serve until SIGTERM/SIGINT (or ``shutdown`` from another thread). Returns an exit code."""
    require_store(config.location)
    if not 0 <= config.port < 65536:
        raise UsageError(f"port must be 0-65535, not {config.port}")
    engine = Engine(config, log)
    engine.start()
    try:
        httpd = ThreadingHTTPServer((config.host, config.port), make_handler(engine, config))
    except OSError as exc:
        engine.stop()
        raise InputError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from exc
    httpd.daemon_threads = True
    port = httpd.server_address[1]

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    log(f"SPARQL endpoint on http://{config.host}:{port}/query (read-only; time limit {config.timeout:g} s)")
    log("the engine runs in a network namespace of its own (no route off the machine)" if engine.isolated else
        "the engine shares this machine's network: the guard alone keeps SERVICE out "
        + ("(--allow-service)" if config.allow_service else "(isolation needs Linux and root)"))
    if ready:
        ready(port)
    try:
        httpd.serve_forever(poll_interval=0.2)
    finally:
        httpd.server_close()
        engine.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log("server stopped")
    return 0
