"""Real server processes for tests, on free loopback ports, always stopped afterwards."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import NamedTuple

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


VIRTUOSO = "virtuoso-t"  # Debian's virtuoso-opensource (make system-test-deps installs it)
VIRTUOSO_ISQL = "isql-vt"
# The graphs a new Virtuoso database holds for itself; the set-up makes them private, so that the
# anonymous SPARQL user's default graph (the union of the graphs it may read) holds only the data.
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                          "http://localuriqaserver/sparql")
PRIVATE_GRAPHS = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""

# Run by dba once the database is up: a user for the authenticated Graph Store endpoint
# (/sparql-graph-crud-auth) with the SPARQL_UPDATE role, the system graphs made private to the
# anonymous user, and dba's well-known initial password replaced.
VIRTUOSO_SETUP = """\
DB.DBA.USER_CREATE ('{user}', '{password}');
GRANT SPARQL_UPDATE TO "{user}";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 7);
DB.DBA.RDF_GRAPH_GROUP_CREATE ('{private}', 1);
{private_graphs}
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1, 0);
DB.DBA.USER_CHANGE_PASSWORD ('dba', 'dba', '{dba_password}');
"""


class Virtuoso(NamedTuple):
    """A running Virtuoso: its HTTP base URL and the user allowed to write through the
    authenticated Graph Store endpoint."""

    url: str
    user: str
    password: str
    log: Path

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"


def _wait_for_sparql(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until the SPARQL endpoint answers a GET (the HTTP port opens before the database is ready)."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    probe = f"{url}/sparql?query=ASK%20%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.1)
    raise RuntimeError(f"virtuoso's SPARQL endpoint did not answer within {seconds} s")


@contextmanager
def virtuoso_server(folder: Path, max_rows: int = 5000) -> Iterator[Virtuoso]:
    """Debian's Virtuoso on a scratch database in ``folder``, on two free loopback ports (SQL and
    HTTP), set up for figuregraph (``VIRTUOSO_SETUP``); stopped at the end. ``max_rows`` is its
    ResultSetMaxRows: above every library query's answer on the test data, low enough for a test to reach."""
    import secrets
    import shutil

    binary, isql = shutil.which(VIRTUOSO), shutil.which(VIRTUOSO_ISQL)
    if not binary or not isql:
        raise RuntimeError("Virtuoso is not installed: run `make system-test-deps` (Debian's virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows),
                   encoding="utf-8")
    log = folder / "virtuoso.log"
    with (folder / "stdout.log").open("wb") as sink:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for_sparql(url, process)
        user, password = "figuregraph", secrets.token_urlsafe(12)
        setup = folder / "setup.sql"
        setup.write_text(VIRTUOSO_SETUP.format(
            user=user, password=password, dba_password=secrets.token_urlsafe(12), private=PRIVATE_GRAPHS,
            private_graphs="\n".join(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GRAPHS}', '{g}');"
                                     for g in VIRTUOSO_SYSTEM_GRAPHS)), encoding="utf-8")
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", str(setup)],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"virtuoso set-up failed: {done.stdout}{done.stderr}")
        setup.unlink()
        yield Virtuoso(url, user, password, log)
    finally:
        stop(process)


class Listener:
    """A loopback TCP listener that records every connection it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        self.sock.close()


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None, timeout: float = 30) -> tuple[int, Message, bytes]:
    """One request to a test server on 127.0.0.1 (anything else is refused), within ``timeout``:
    its status, its headers (any case; ``get_all`` for a repeated one) and its body, error or not."""
    assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", f"not a loopback test server: {url}"
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()
