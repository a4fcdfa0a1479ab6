"""Replace a folder whole: fill a new folder beside it, then put it at the path in one step.

A reader of the path finds the old folder or the new one at every instant, never a mix and never
nothing. Two forms, on the same steps (an atomic exchange, a synced parent, the cleaning of what
killed runs left, all under the parent folder's lock):

- ``replacing``: the path stays a plain folder (a release, a synthetic corpus), since copying tools
  and web servers treat a symlink to a generation folder each their own way. On Linux the step is
  ``renameat2(RENAME_EXCHANGE)``, which swaps two paths atomically, and the old folder lands where
  the new one was filled, to be removed. Where the system has no such call (other kernels, a file
  system that refuses it) the old folder is renamed aside just before the new one is renamed in:
  for that instant the path is missing.
- ``new_generation``: the path is a symlink to a generation folder beside it (an on-disk store),
  flipped with one rename. A store's readers keep it open (``serve``'s engines, until they move
  over) and RocksDB opens its files by their folder's name as it goes, so the folder a reader
  opened must stay where it is and whole: the generation the path named before a flip is kept,
  and only older ones are removed. A store folder of an earlier version (a plain folder at the
  path) is exchanged for the symlink.

New folders are named ``.NAME.new-*`` and ``.NAME.gen-*``; whatever an interrupted run left under
such a name (a kill -9 while filling, or while removing an old folder) is removed by the next
replacement, which holds the parent folder's lock (``lock``), so no running writer's folder is
taken."""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import secrets
import shutil
import tempfile
import threading
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


STAGING = ("new", "gen", "link", "old")  # what writers name the entries they make beside a target


def staging_prefix(target: Path, what: str = "new") -> str:
    return f".{target.name}.{what}-"


def leftovers(target: Path) -> list[Path]:
    """Entries that replacements of ``target`` left beside it (generations of a store included)."""
    return sorted(Path(p) for what in STAGING
                  for p in glob.glob(glob.escape(str(target.parent / staging_prefix(target, what))) + "*"))


def new_folder(target: Path, what: str = "new") -> Path:
    """An empty folder beside ``target`` to fill, with the mode a plain mkdir gives (mkdtemp's is 0700,
    which would stay on the folder once it is renamed into place)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=staging_prefix(target, what), dir=target.parent))
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


def generation_folder(path: Path) -> Path | None:
    """The generation the symlink at ``path`` names, or None if ``path`` is no such symlink."""
    if not path.is_symlink():
        return None
    return path.parent / os.readlink(path)


@contextmanager
def new_generation(path: Path, background: bool = False) -> Iterator[Path]:
    """Yield a new, empty generation folder for the store at ``path``; when the block ends without an
    error, ``path`` names it. The generation it named before is kept for its readers; older ones,
    and what killed writers left, are removed: by a daemon thread with ``background`` (the files of
    a large store take a while to free, and no reader uses them: the caller goes on meanwhile, its
    exit does not wait, and what the exit cuts short is a leftover for the next writer). On an
    error, ``path`` is as it was."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError("exists and is not a folder", Location(path))
    with naming(path.parent):
        path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path.parent):
        new = new_folder(path, "gen")
        try:
            yield new
            previous = flip(path, new)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        kept = {os.path.realpath(p) for p in (new, previous) if p is not None}
        doomed = [leftover for leftover in leftovers(path) if os.path.realpath(leftover) not in kept]
        if background and doomed:
            threading.Thread(target=_remove_all, args=(doomed,), name="figuregraph-remove", daemon=True).start()
        else:
            _remove_all(doomed)


def flip(path: Path, generation: Path) -> Path | None:
    """Make ``path`` a symlink to ``generation`` in one step; returns where the store it named before
    now stands, if there was one."""
    link = path.parent / f"{staging_prefix(path, 'link')}{secrets.token_hex(6)}"
    with naming(path):
        os.symlink(generation.name, link)
        try:
            previous = generation_folder(path)
            if path.is_dir() and previous is None:  # a folder store of an earlier version
                if exchange(link, path):
                    previous = link
                else:
                    previous = Path(tempfile.mkdtemp(prefix=staging_prefix(path, "old"), dir=path.parent))
                    os.replace(path, previous)  # the gap, where no atomic exchange exists
                    os.replace(link, path)
            else:
                os.replace(link, path)
        finally:
            if link.is_symlink():
                link.unlink()
        _sync_folder(path.parent)
    return previous


def _remove_all(entries: list[Path]) -> None:
    for entry in entries:
        _remove(entry)


def _remove(entry: Path) -> None:
    if entry.is_symlink() or not entry.is_dir():
        entry.unlink(missing_ok=True)
    else:
        shutil.rmtree(entry, ignore_errors=True)
