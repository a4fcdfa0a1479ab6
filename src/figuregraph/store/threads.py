"""Work on a thread of its own: for a time limit (``base.with_timeout``) and for a parser that
recurses (``guard``), whose verdict must not depend on how deep the caller's stack already is."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

T = TypeVar("T")


class StillRunning(Exception):
    """The work did not finish in time; ``thread`` is still running it."""

    def __init__(self, thread: threading.Thread) -> None:
        super().__init__(f"{thread.name} still running")
        self.thread = thread


def on_thread(work: Callable[[], T], name: str, seconds: float | None = None) -> T:
    """Run work on a new daemon thread and return its result, re-raising its exception here;
    StillRunning if it has not finished within ``seconds`` (None: wait for it)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise StillRunning(thread)
    if failure:
        raise failure[0]
    return outcome[0]
