"""The on-disk store swap: a readable store at the path at every instant, leftovers cleaned (issue 15.9)."""

from __future__ import annotations

import functools
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


from figuregraph.store import OxigraphStore, write_store
from figuregraph.files.swap import generation_folder

from ..conftest import REPO
from ..faults import store_version


def _fill(k: int, store: OxigraphStore) -> None:
    store.load_quads(store_version(k))


def _consistent(path: Path) -> int:
    """The version the store at path holds, checked whole (its size is that version's)."""
    store = OxigraphStore(path, read_only=True)
    (row,) = store.query("SELECT ?v WHERE { <urn:store> <urn:version> ?v }", {}).rows
    k = int(str(row[0]))
    assert len(store) == len(store_version(k))
    return k


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_a_folder_store_is_exchanged_for_a_generation_and_old_ones_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "store"
    legacy = OxigraphStore(path)  # a store as earlier versions wrote it: a plain folder at the path
    legacy.load_quads(store_version(0))
    legacy.close()
    reader = OxigraphStore(path, read_only=True)  # opened before the swap, as serve's engines are
    write_store(path, lambda s: s.load_quads(store_version(1)))
    assert path.is_symlink() and _consistent(path) == 1
    assert len(reader) == len(store_version(0))  # the folder it opened is kept for it
    first = generation_folder(path)
    write_store(path, lambda s: s.load_quads(store_version(2)))
    write_store(path, lambda s: s.load_quads(store_version(3)))
    assert _consistent(path) == 3
    current = generation_folder(path)
    assert current is not None and current != first
    # the path, its generation and the one before it (for readers moving over); nothing else
    assert len(_beside(path)) == 3 and "store" in _beside(path) and current.name in _beside(path)


def test_leftovers_of_killed_writers_are_removed_but_not_another_stores(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write_store(path, lambda s: s.load_quads(store_version(0)))
    leftovers = [".store.new-k2j3h4", ".store.old-x9y8/store", ".store.gen-abc", ".store.link-def"]
    for name in leftovers:
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / ".other.gen-abc").mkdir()  # another store's: not ours to clean
    write_store(path, lambda s: s.load_quads(store_version(1)))
    names = _beside(path)
    assert not any(name.split("/")[0] in names for name in leftovers)
    assert ".other.gen-abc" in names and _consistent(path) == 1


def test_writers_in_two_threads_take_turns_and_never_remove_each_others_generation(tmp_path: Path) -> None:
    """Each write holds the parent folder's lock from making its generation to cleaning up, so the
    other writer's generation is never taken for a leftover while it is filled."""
    path = tmp_path / "store"
    errors: list[BaseException] = []

    def writer(start: int) -> None:
        try:
            for k in range(start, start + 6):
                write_store(path, functools.partial(_fill, k))
        except BaseException as exc:  # reported by the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(start,)) for start in (0, 100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _consistent(path) in (5, 105)
    assert len(_beside(path)) == 3


WRITER = """
import sys
from pathlib import Path
from tests.faults import store_version
from figuregraph.store import write_store
path, start = Path(sys.argv[1]), int(sys.argv[2])
for k in range(start, start + 1000):
    write_store(path, lambda s: s.load_quads(store_version(k)))
    print(k, flush=True)
"""


EXITS_WHILE_REMOVING = """
import sys, threading, time
from pathlib import Path
from figuregraph.files import swap
path, removing = Path(sys.argv[1]), threading.Event()
def slow(entries):  # a removal that outlasts the process
    removing.set()
    time.sleep(120)
for k in range(3):
    with swap.new_generation(path) as generation:
        (generation / "data").write_text(str(k))
swap._remove_all = slow
with swap.new_generation(path, background=True) as generation:
    (generation / "data").write_text("3")
assert removing.wait(20)
"""


def test_a_process_exits_while_its_old_generation_is_removed_and_the_next_writer_removes_it(tmp_path: Path) -> None:
    """The removal thread of ``new_generation(background=True)`` is a daemon: the process ends
    without waiting for it, and what it left is removed by the next writer."""
    path = tmp_path / "store"
    subprocess.run([sys.executable, "-c", EXITS_WHILE_REMOVING, str(path)], cwd=REPO, check=True, timeout=60)
    assert len(_beside(path)) == 4  # the path, its generation, the one before, and the one left to remove
    current = generation_folder(path)
    assert current is not None and (current / "data").read_text() == "3"
    write_store(path, lambda s: s.load_quads(store_version(4)))
    assert len(_beside(path)) == 3 and _consistent(path) == 4


def test_kill_9_during_store_swaps_leaves_a_readable_consistent_store(tmp_path: Path) -> None:
    """A writer replacing the store over and over, killed at random moments (8 tries): after each
    kill the path holds one whole version, and the next write is complete and cleans up."""
    path = tmp_path / "store"
    write_store(path, lambda s: s.load_quads(store_version(0)))
    rng = random.Random(15)
    start = 1
    for _ in range(8):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start)], cwd=REPO,
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        writer.stdout.readline()  # one complete write, so that the kill lands among later ones
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        assert _consistent(path) >= start
        start += 1000
    write_store(path, lambda s: s.load_quads(store_version(start)))
    assert _consistent(path) == start
    assert len(_beside(path)) == 3  # the path, its generation, the one before
