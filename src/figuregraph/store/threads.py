"""Work on a thread of its own: for a time limit (``base.with_timeout``) and for a parser that
recurses (``guard``), whose verdict must not depend on how deep the caller's stack already is."""

from __future__ import annotations

import ctypes
import threading
from typing import TypeVar
from collections.abc import Callable

T = TypeVar("T")


class Stopped(BaseException):
    """Raised inside work past its time limit. A BaseException, so that no ``except Exception`` of
    an engine's own code holds it back; sent as a class, as it takes no arguments."""


class StillRunning(Exception):
    """The work did not finish in time; ``thread`` is still running it."""

    def __init__(self, thread: threading.Thread, done: threading.Event) -> None:
        super().__init__(f"{thread.name} still running")
        self.thread = thread
        self.done = done

    def interrupt(self, error: type[BaseException]) -> None:
        """Raise error inside the thread at its next Python instruction, and again every 0.1 s
        until its work has ended: one that lands in a garbage-collector callback (Hypothesis
        installs one) is swallowed there, and the work would go on in the background."""
        def keep() -> None:
            while not self.done.is_set() and self.thread.is_alive() and self.thread.ident is not None:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread.ident), ctypes.py_object(error))
                self.done.wait(0.1)

        threading.Thread(target=keep, name=f"{self.thread.name}-interrupt", daemon=True).start()


def on_thread(work: Callable[[], T], name: str, seconds: float | None = None) -> T:
    """Run work on a new daemon thread and return its result, re-raising its exception here;
    StillRunning if it has not finished within ``seconds`` (None: wait for it)."""
    outcome: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join(seconds)
    if not done.is_set():
        raise StillRunning(thread, done)
    if failure:
        raise failure[0]
    return outcome[0]
