"""Engines with no route off the machine: Linux network namespaces, where the platform allows.

The guard refuses SERVICE and remote FROM; this is the second line, for a query that would
ever get past it. Neither engine can be told not to make HTTP requests (pyoxigraph's
``Store.query`` and the ``oxigraph`` server have no such option, and Oxigraph's HTTP client
ignores proxy settings), so the requests are made impossible instead:

- ``offline(work)`` runs an embedded query on the calling thread inside an empty network
  namespace (no interface at all, not even loopback): a connection fails at once with
  "network is unreachable". Namespaces belong to threads, so the rest of the process keeps
  its network.
- ``isolated(command)`` starts the served engine in a namespace of its own whose only
  interface is its own loopback; ``connect`` reaches it from the proxy by entering that
  namespace for the one ``connect`` call.

Both need CAP_SYS_ADMIN (root, as in a container). Elsewhere ``available()`` is False and
everything runs as before, with the guard alone. This file is also the engine's launcher
(``python sandbox.py COMMAND...``), so it imports nothing but the standard library.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
import sys
import threading
from functools import lru_cache
from typing import TypeVar
from collections.abc import Callable

T = TypeVar("T")
CLONE_NEWNET = 0x40000000
_OWN = "/proc/thread-self/ns/net"


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "unshare") and hasattr(libc, "setns") else None


def _call(name: str, *args: int) -> None:
    libc = _libc()
    if libc is None or getattr(libc, name)(*args) != 0:
        errno = ctypes.get_errno() if libc else 0
        raise OSError(errno, f"{name}: {os.strerror(errno)}")


@lru_cache(maxsize=1)
def _empty_namespace() -> int | None:
    """A file descriptor of an empty network namespace, made once per process; None if not allowed.

    Made on a throwaway thread, so no thread of ours ever has to find its way back."""
    made: list[int] = []

    def make() -> None:
        try:
            _call("unshare", CLONE_NEWNET)
            made.append(os.open(_OWN, os.O_RDONLY))
        except OSError:
            pass

    thread = threading.Thread(target=make, name="figuregraph-netns")
    thread.start()
    thread.join()
    return made[0] if made else None


def available() -> bool:
    """Whether engines can be cut off from the network here (Linux, CAP_SYS_ADMIN)."""
    return _empty_namespace() is not None


def offline(work: Callable[[], T]) -> T:
    """Run work on this thread with no network at all (or as it is, where that is not possible)."""
    empty = _empty_namespace()
    return work() if empty is None else _inside(empty, work)


def _inside(namespace: int, work: Callable[[], T]) -> T:
    """Run work on this thread in the network namespace open at descriptor ``namespace``, then come back."""
    own = os.open(_OWN, os.O_RDONLY)
    try:
        _call("setns", namespace, CLONE_NEWNET)
        try:
            return work()
        finally:
            _call("setns", own, CLONE_NEWNET)
    finally:
        os.close(own)


def isolated(command: list[str]) -> list[str]:
    """The command, to be started in a network namespace of its own (with only its loopback)."""
    return [sys.executable, "-I", os.path.abspath(__file__), *command]


def connect(port: int, timeout: float | None, pid: int | None = None) -> socket.socket:
    """A connection to 127.0.0.1:port: in the network namespace of process ``pid`` if given.

    Refused (ConnectionRefusedError) while that process has not yet left ours, so a poll for
    the engine never mistakes some other local server for it."""
    if pid is None:
        return socket.create_connection(("127.0.0.1", port), timeout=timeout)
    target = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY)
    try:
        if os.fstat(target).st_ino == os.stat(_OWN).st_ino:
            raise ConnectionRefusedError(f"process {pid} is not in its own network namespace yet")
        return _inside(target, lambda: socket.create_connection(("127.0.0.1", port), timeout=timeout))
    finally:
        os.close(target)


def _loopback_up() -> None:
    SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sh14x", b"lo", 0)
        flags = struct.unpack("16sh14x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sh14x", b"lo", flags | IFF_UP))


def main(argv: list[str]) -> int:
    """Launcher: leave the network namespace, bring up loopback, become COMMAND."""
    if not argv:
        print("usage: sandbox.py COMMAND [ARG...]", file=sys.stderr)
        return 2
    try:
        _call("unshare", CLONE_NEWNET)
        _loopback_up()
    except OSError as exc:
        print(f"cannot give the engine a network namespace of its own: {exc}", file=sys.stderr)
        return 1
    os.execv(argv[0], argv)
    return 1  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
