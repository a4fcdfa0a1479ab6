"""Atomic file writes: a temporary file in the target folder, fsync, then rename over the target.

An OSError on the way (a full disk, a folder that cannot be written) names the target, whatever
call raised it (a ``write`` on a full disk names no file of its own), and leaves the target as it
was; the command line turns it into a message (``cli.app.command``)."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO
from collections.abc import Iterator

from ..errors import InputError


def umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def naming(path: Path) -> Iterator[None]:
    """An OSError raised in the block names ``path``, unless it names a file already."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


@contextmanager
def atomic_writer(target: Path, sync: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``target``, on any error the target is untouched.
    The caller's own writes to the file name the target on error if made within ``naming(target)``.
    Without ``sync`` the file is renamed unsynced: for a cache, which a crash may lose but not corrupt
    unnoticed (its reader checks what it reads)."""
    target = Path(target)
    if target.is_dir():
        raise InputError(f"output path is a folder: {target}")
    with naming(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:  # it names the temporary file, which the user never asked for
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
    handle = os.fdopen(fd, "wb")
    try:
        with naming(target):
            os.fchmod(fd, _file_mode(target))
        yield handle
        with naming(target):
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
            handle.close()
            os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):  # its buffer may not fit on the disk either: the first error is the one
            handle.close()
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextmanager
def pending(target: Path, data: bytes) -> Iterator[None]:
    """``data`` written and synced beside ``target`` before the block runs, and renamed over it when the
    block ends without an error: a step that can fail (a store to fill) goes in the block, so that a
    failure leaves the target as it was rather than one output written and the other not."""
    with atomic_writer(target) as handle:
        with naming(target):
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield


def _file_mode(target: Path) -> int:
    """The replaced file's permissions, or what a plain open() would give (mkstemp's are 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~umask()


def write_bytes(target: Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_writer(target) as handle, naming(target):
        handle.write(data)
