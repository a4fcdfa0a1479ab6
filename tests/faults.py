"""Faults the tests cause for real: a full disk (a small tmpfs), a read-only file system, and a folder
the user cannot write (the command run as ``nobody``, since root may write anywhere).

Mounts are made in a mount namespace of the test's own (``unshare --mount``), so they end with the
script and nothing outside sees them. Both need root, which the test suite has here; elsewhere the
tests that use them are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from figuregraph.files.lock import locked

FG = Path(sys.executable).parent / "figuregraph"
NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
CAN = os.geteuid() == 0 and all(shutil.which(tool) for tool in ("unshare", "setpriv", "mount"))
needs_root = pytest.mark.skipif(not CAN, reason="needs root with unshare, setpriv and mount (util-linux)")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "500"}


@contextmanager
def lock_held_elsewhere(folder: Path, seconds: float = 60) -> Iterator[threading.Event]:
    """Another writer: a thread holds ``folder``'s lock until the event given is set (or the block
    ends, or ``seconds`` pass); on leaving, the holder has let go."""
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with locked(folder):
            held.set()
            release.wait(seconds)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(seconds), f"the other writer never took the lock on {folder}"
        yield release
    finally:
        release.set()
        thread.join(seconds)


def cli(*args: object, nobody: bool = False, cwd: Path | None = None,
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``figuregraph ARGS`` in a process of its own (as nobody if asked)."""
    command = [*(NOBODY if nobody else ()), str(FG), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=cwd, timeout=timeout)


def in_own_mounts(script: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a bash script (``set -eu``) in a mount namespace of its own; $FG is the command line."""
    command = ["unshare", "--mount", "--propagation", "private", "bash", "-c", "set -eu\n" + script]
    return subprocess.run(command, capture_output=True, text=True, env={**ENV, "FG": str(FG)}, timeout=timeout)


def world_readable_tmp() -> Iterator[Path]:
    """A temporary folder that nobody can enter and read (pytest's own are root's alone, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="figuregraph-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def assert_reported(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2 with a message holding each fragment, and no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert "error:" in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def store_version(k: int) -> list[ox.Quad]:
    """Version k of a store: a marker triple naming k and 300 * (k % 3 + 1) more."""
    g = ox.NamedNode("urn:g")
    quads = [ox.Quad(ox.NamedNode("urn:store"), ox.NamedNode("urn:version"), ox.Literal(str(k)), g)]
    quads += [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(f"{k}-{i}"), g)
              for i in range(300 * (k % 3 + 1))]
    return quads
