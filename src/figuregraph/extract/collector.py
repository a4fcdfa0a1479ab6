"""Garbage collection while a document is read: the young generations are collected as usual (the
cycles a reading leaves behind go soon), the full collection waits until the reading is done.

A full collection visits every object alive, and the objects of a reading (mentions, sentences,
figures) all stay alive until its end: in a long document the collector would visit them again and
again, which made extraction slow down as documents grew (8% of the time at 1.6 million
characters, rising with the length). Afterwards the thresholds are as they were."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_running = 0  # readings running in the process
_held: tuple[int, ...] = ()  # the thresholds before the first of them began
NO_FULL = 1 << 30  # young collections between full ones: never reached in one reading


@contextmanager
def while_reading() -> Iterator[None]:
    """No full collection until every reading running in the process is done."""
    global _running, _held
    with _LOCK:
        if not _running:
            _held = gc.get_threshold()
            young, middle, *_ = _held
            gc.set_threshold(young, middle, NO_FULL)
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            if not _running:
                gc.set_threshold(*_held)
