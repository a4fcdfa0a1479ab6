"""Atomic file writes: a temporary file in the target folder, fsync, then rename over the target."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, BinaryIO

from ..errors import InputError


@contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``target``, on any error the target is untouched."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create folder {target.parent}: {exc.strerror}") from exc
    if target.is_dir():
        raise InputError(f"output path is a folder: {target}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _file_mode(target))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _file_mode(target: Path) -> int:
    """The replaced file's permissions, or what a plain open() would give (mkstemp's are 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes(target: Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_writer(target) as handle:
        handle.write(data)
