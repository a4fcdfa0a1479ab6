"""Progress bars on stderr: shown on a terminal (a real pseudo-terminal), absent on a pipe unless
``--progress``, silenced by ``--quiet``; stdout is never touched."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from figuregraph import progress

from ..conftest import MINI

SCRIPT = Path(sys.executable).parent / "figuregraph"
ESC = b"\x1b["


def on_terminal(*args: str, timeout: float = 120) -> tuple[bytes, bytes]:
    """Run the command with stderr on a pseudo-terminal; stdout on a pipe. Returns (stdout, terminal)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(SCRIPT), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=follower, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + timeout  # the whole run is bounded, not only each read
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([leader], [], [], max(left, 0))
        if not ready:
            proc.kill()
            pytest.fail(f"not done within {timeout} s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: the process ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, seen.decode(errors="replace")
    return out, seen


def on_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    run = subprocess.run([str(SCRIPT), *args], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    return run


def test_build_shows_each_long_step_on_a_terminal(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "graph")  # no build cache yet: a clean build, every step
    out, terminal = on_terminal("build", "-g", str(tmp_path / "graph"), "-o", str(tmp_path / "mini.ttl"),
                                "--format", "csv")
    for step in (b"reading records", b"emitting triples", b"SHACL validation of", b"check queries"):
        assert step in terminal
    assert b"files" in terminal and ESC in terminal  # counted in files, drawn as a bar
    assert b"wrote " in terminal  # the closing line stays
    assert out.startswith(b"what,count") and ESC not in out  # stdout is data only


def test_nothing_on_a_pipe_unless_asked(tmp_path: Path) -> None:
    piped = on_pipe("synth", "-n", "200", "-o", str(tmp_path / "a"))
    assert b"generating records" not in piped.stderr and ESC not in piped.stderr
    assert piped.stderr.decode().strip().startswith("wrote ")
    asked = on_pipe("synth", "-n", "200", "-o", str(tmp_path / "b"), "--progress")
    assert b"generating records" in asked.stderr and b"writing records" in asked.stderr


def test_quiet_silences_it_on_a_terminal(tmp_path: Path) -> None:
    _, shown = on_terminal("synth", "-n", "200", "-o", str(tmp_path / "a"))
    assert b"generating records" in shown and b"reports" in shown
    _, quiet = on_terminal("synth", "-n", "200", "-o", str(tmp_path / "b"), "--quiet")
    assert b"generating records" not in quiet and b"wrote " in quiet


def test_off_in_the_library_and_a_step_advances_when_on() -> None:
    from io import StringIO

    from rich.console import Console

    assert not progress.enabled()
    assert list(progress.track(range(3), "nothing shown")) == [0, 1, 2]
    screen = StringIO()
    progress.configure(True, Console(file=screen, force_terminal=True, width=100))
    try:
        with progress.task("sending", total=2048, unit="bytes") as step:
            step.advance(1024)
            assert progress._display.progress is not None
            task = progress._display.progress.tasks[0]
            assert task.completed == 1024 and progress._amounts(task) == "1.0 kB/2.0 kB"
        assert progress._display.progress is None  # the display ends with its last step
    finally:
        progress.configure(False)


def test_what_a_folder_run_prints_meanwhile_stays_on_stdout(tmp_path: Path) -> None:
    """extract and ingest of a folder print each document's rows (or record file) while the bar runs:
    rich sent them through its display on the terminal's stderr, and stdout, a file, got nothing."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, count in enumerate(("1 240", "3 400")):
        (folder / f"brief-{n}.md").write_text(f"---\ntitle: Brief {n}\npublisher: euaa\ndate: 2025-01-1{n}\n---\n\n"
                                              f"Courts heard {count} desertion cases in Russia in 2024.\n",
                                              encoding="utf-8")
    graph = tmp_path / "graph"
    shutil.copytree(MINI, graph)
    out, terminal = on_terminal("extract", str(folder), "-f", "csv", "-g", str(graph), "--progress")
    assert out.count(b"wording,value,") == 2 and b"1 240," in out and b"3 400," in out
    assert b"reading " in terminal and b"1 240," not in terminal and b"wording" not in terminal
    out, terminal = on_terminal("ingest", str(folder), "-g", str(graph), "--progress")
    written = out.decode().split()
    assert len(written) == 2 and all(Path(p).exists() and p.endswith(".yaml") for p in written)
    assert b"reading " in terminal and b"2 of 2 documents read" in terminal
