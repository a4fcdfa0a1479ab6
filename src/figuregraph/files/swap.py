"""Replace a folder whole: fill a new folder beside it, then exchange the two in one step.

A reader of the path finds the old folder or the new one at every instant, never a mix and never
nothing. On Linux the step is ``renameat2(RENAME_EXCHANGE)``, which swaps two paths atomically: the
path stays a plain folder (nothing to publish but the folder itself, unlike a symlink to a
generation folder, which copying tools and web servers treat each their own way), and the old
folder lands where the new one was filled, to be removed. Where the system has no such call (other
kernels, a file system that refuses it) the old folder is renamed aside just before the new one is
renamed in: for that instant the path is missing.

The new folder is named ``.NAME.new-*``; whatever an interrupted run left under that name (a
kill -9 while filling, or while removing the old folder) is removed by the next replacement,
which holds the parent folder's lock (``lock``), so no running writer's folder is taken."""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from ..errors import InputError, Location
from .atomic import naming, umask
from .lock import locked

AT_FDCWD = -100
RENAME_EXCHANGE = 2
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}


@lru_cache(maxsize=1)
def _renameat2() -> Any:
    """libc's renameat2, or None where there is none (it came with glibc 2.28)."""
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return call


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step; False where the system cannot."""
    call = _renameat2()
    if call is None:
        return False
    if call(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def staging_prefix(target: Path) -> str:
    return f".{target.name}.new-"


def leftovers(target: Path) -> list[Path]:
    """Folders that interrupted replacements of ``target`` left beside it."""
    return sorted(Path(p) for p in glob.glob(glob.escape(str(target.parent / staging_prefix(target))) + "*"))


def new_folder(target: Path) -> Path:
    """An empty folder beside ``target`` to fill, with the mode a plain mkdir gives (mkdtemp's is 0700,
    which would stay on the folder once it is renamed into place)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    except OSError as exc:  # it names the new folder's random name: name the folder it was to be made in
        raise OSError(exc.errno, exc.strerror, str(target.parent)) from exc
    with naming(folder):
        os.chmod(folder, 0o777 & ~umask())
    return folder


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; whatever was there ends at ``new``'s path."""
    with naming(target):
        if not target.exists():
            os.rename(new, target)
        elif not exchange(new, target):
            aside = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
            os.replace(target, aside)  # the gap, where no atomic exchange exists
            os.rename(new, target)
            os.replace(aside, new)
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (the files themselves were synced as they were written)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a new, empty folder to fill; when the block ends without an error it replaces ``target``
    (a folder, or nothing yet) in one step, and the old folder is removed. On an error, ``target`` is
    as it was and the new folder is removed. A symlink at ``target`` is kept: the folder it names is
    replaced."""
    target = Path(target).resolve() if Path(target).is_symlink() else Path(target)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", Location(target))
    with naming(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target.parent):
        for leftover in leftovers(target):
            shutil.rmtree(leftover, ignore_errors=True)
        new = new_folder(target)
        try:
            yield new
            _swap_in(new, target)
        finally:
            shutil.rmtree(new, ignore_errors=True)  # the old folder, or the unfinished new one
