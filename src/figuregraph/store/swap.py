"""Replacing an on-disk store with no gap: the path is a symlink to a generation folder beside it.

A writer fills a new generation (``.NAME.gen-PID-XXXX``), then flips the symlink with one
rename, so that a reader opening the path finds the old store or the new one at every instant,
and a kill at any point leaves a readable store there. A store folder left by an earlier
version (a plain folder at the path) is exchanged for the symlink in one step too
(``renameat2(RENAME_EXCHANGE)``). The generation the path named before a flip is kept, since a
reader that opened it (``serve``'s engines, while they move over) may still be reading it;
every older generation, and every staging folder a killed writer left, is removed by the next
write.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

# Names of folders a writer of the store at ``path`` leaves beside it; only these are cleaned.
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<what>gen|link|new|old)-(?:(?P<pid>\d+)-)?[^/]*")
_RENAME_EXCHANGE = 2


def generation_folder(path: Path) -> Path | None:
    """The generation the symlink at ``path`` names, or None if ``path`` is no such symlink."""
    if not path.is_symlink():
        return None
    target = Path(os.readlink(path))
    return (path.parent / target) if not target.is_absolute() else target


def new_generation(path: Path) -> Path:
    """A fresh, empty generation folder for the store at ``path`` (its name carries this process' id,
    so that another writer's cleaning leaves it alone while it is filled)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.gen-{os.getpid()}-", dir=path.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)  # what a plain mkdir gives, not mkdtemp's 0700
    return folder


def flip(path: Path, generation: Path) -> Path | None:
    """Make ``path`` name ``generation`` in one rename. Returns where the store the path named before
    now stands (left on disk for its readers), if there was one."""
    link = _beside(path, "link")
    os.symlink(generation.name, link)
    previous = generation_folder(path)
    try:
        if path.is_dir() and not path.is_symlink():
            _exchange(link, path)  # the old folder now stands at ``link``'s name
            previous = link
        else:
            os.replace(link, path)
    except BaseException:
        if link.is_symlink():
            link.unlink()
        raise
    _sync_folder(path.parent)
    return previous


def clean(path: Path, keep: set[Path]) -> None:
    """Remove what writers of the store at ``path`` left beside it: every generation and staging
    folder but those in ``keep`` and those of writers still running."""
    kept = {os.path.realpath(k) for k in keep}
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        match = _LEFTOVER.fullmatch(entry.name)
        if match is None or match["name"] != path.name or os.path.realpath(entry.path) in kept:
            continue
        pid = match["pid"]
        if pid is not None and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        if entry.is_symlink() or not entry.is_dir():
            os.unlink(entry.path)
        else:
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> None:
    """Swap two names in one step (Linux ``renameat2``); where that is missing, two renames."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_cwd = -100
        if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(b))
    aside = _beside(b, "old")
    os.replace(b, aside)
    os.replace(a, b)
    os.replace(aside, a)


def _beside(path: Path, what: str) -> Path:
    """A new name beside the store for a writer's staging entry (cleaned if the writer dies)."""
    return path.parent / f".{path.name}.{what}-{os.getpid()}-{secrets.token_hex(6)}"


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
