"""One writer at a time in a folder: an advisory lock (``flock``) on the folder itself.

Writers of a graph folder (ingest, assess, a build cache) hold it from reading what they change
to writing it back, so a second writer waits and then sees the first one's files; replacing a
release holds the lock of the folder it stands in. Readers take no lock. The lock is taken on
the folder's own descriptor, so no lock file is left among the records, and the kernel lets go
of it when the holder ends, kill -9 included.

``flock`` locks of two descriptors conflict even inside one process, so the lock counts as
held by the thread that took it: a writer that calls another writer (ingest building with a
cache) takes it again without waiting for itself, while another thread still waits."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator

from ..defaults import LOCK_TIMEOUT
from ..errors import InputError, Location

POLL = 0.05  # seconds between tries while another process holds the lock

_held: dict[tuple[int, int], tuple[int, int, int]] = {}  # (device, inode) -> (thread id, depth, descriptor)
_guard = threading.Lock()


class FolderBusy(InputError):
    """Another writer held the folder's lock for longer than the caller would wait."""


def _key(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_dev, info.st_ino


def _again(key: tuple[int, int]) -> bool:
    """Count one more hold if this thread has the lock already."""
    with _guard:
        owner = _held.get(key)
        if owner is None or owner[0] != threading.get_ident():
            return False
        _held[key] = (owner[0], owner[1] + 1, owner[2])
        return True


def _release(key: tuple[int, int]) -> bool:
    """One hold fewer; True when it was the last (the descriptor is then closed)."""
    with _guard:
        ident, depth, fd = _held[key]
        if depth > 1:
            _held[key] = (ident, depth - 1, fd)
            return False
        del _held[key]
        return True


@contextmanager
def locked(folder: Path, timeout: float = LOCK_TIMEOUT, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold ``folder``'s write lock for the block. While another process holds it, wait up to
    ``timeout`` seconds (calling ``waiting`` once, to say so), then raise FolderBusy."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    key = _key(fd)
    if _again(key):
        os.close(fd)
        try:
            yield
        finally:
            _release(key)
        return
    try:
        _acquire(fd, Path(folder), timeout, waiting)
        with _guard:
            _held[key] = (threading.get_ident(), 1, fd)
    except BaseException:
        os.close(fd)
        raise
    try:
        yield
    finally:
        if _release(key):
            os.close(fd)  # closing the descriptor lets go of the lock


def shared(folder: Path) -> int:
    """A new descriptor sharing the lock this thread holds on ``folder``: a child process given it
    holds the lock on after this process lets go, until the child closes it or ends."""
    key = _key_of(folder)
    with _guard:
        owner = _held.get(key)
        if owner is None or owner[0] != threading.get_ident():
            raise RuntimeError(f"this thread holds no lock on {folder}")
        return os.dup(owner[2])


@contextmanager
def adopted(folder: Path, fd: int) -> Iterator[None]:
    """Hold ``folder``'s lock through a descriptor another process gave this one (``shared``): this
    thread counts as its holder for the block (so ``locked`` on the folder does not wait for
    itself), and the descriptor is closed when the block ends."""
    key = _key(fd)
    if key != _key_of(folder):
        os.close(fd)
        raise RuntimeError(f"the descriptor given is not {folder}'s")
    with _guard:
        _held[key] = (threading.get_ident(), 1, fd)
    try:
        yield
    finally:
        if _release(key):
            os.close(fd)


def _key_of(folder: Path) -> tuple[int, int]:
    info = os.stat(folder)
    return info.st_dev, info.st_ino


def _acquire(fd: int, folder: Path, timeout: float, waiting: Callable[[], None] | None) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline:
            raise FolderBusy(f"another figuregraph command is writing in this folder (waited {timeout:g} s); "
                             "run this one again when it has finished", Location(folder))
        if waiting is not None and not told:
            waiting()
            told = True
        time.sleep(POLL)
