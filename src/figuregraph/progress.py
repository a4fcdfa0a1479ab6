"""Progress of long steps on stderr, as rich's progress bars.

The library reports what it does through ``task`` and ``track``; whether anything is shown is
decided once, by whoever runs it (the CLI: a terminal on stderr, unless ``--quiet``; on a pipe
only with ``--progress``). Off by default, so that the library used from Python prints nothing and
costs nothing. One live display holds every running step; steps may be nested, and may advance
from other threads. On a terminal a finished step's bar goes away; elsewhere (``--progress`` on a
pipe) each step is written once, as it ends."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar
from collections.abc import Iterable, Iterator, Sized

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, Task, TaskID

T = TypeVar("T")


class _Display:
    """Whether progress is shown, and the live display while steps run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.enabled = False
        self.console: Console | None = None
        self.progress: Progress | None = None
        self.running = 0


_display = _Display()


def configure(enabled: bool, console: Console | None = None) -> None:
    """Show progress (on ``console``, by default stderr) or not."""
    _display.enabled = enabled
    _display.console = console


def enabled() -> bool:
    return _display.enabled


class Step:
    """One running step: ``advance`` it by units done, or move it to its next ``stage``."""

    def __init__(self, progress: Progress | None = None, task_id: TaskID | None = None,
                 description: str = "") -> None:
        self._progress = progress
        self._task = task_id
        self._description = description
        self._stages = 0

    def stage(self, name: str) -> None:
        """The next stage of a step counted in stages: the one before it is done."""
        if self._stages:
            self.advance()
        self._stages += 1
        self.describe(f"{self._description}: {name}")

    def advance(self, amount: float = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, amount)

    def describe(self, description: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=description)


def _amounts(task: Task) -> str:
    """``12/117 files``, or sizes for bytes; the count alone while the total is unknown."""
    from rich.filesize import decimal

    unit = str(task.fields.get("unit", ""))
    if unit == "bytes":
        done = decimal(int(task.completed))
        return done if task.total is None else f"{done}/{decimal(int(task.total))}"
    done = f"{int(task.completed):,}"
    if task.total is None:
        return f"{done} {unit}" if unit else ""
    return f"{done}/{int(task.total):,} {unit}".rstrip()


def _new_progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Amounts(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(_amounts(task), style="progress.download")

    console = _display.console or Console(stderr=True)
    # rich sends what is printed on stdout while a bar runs through its display on stderr, so that a
    # shared terminal shows it above the bar; stdout redirected to a file or a pipe keeps its data
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), Amounts(),
                    TimeElapsedColumn(), console=console, transient=console.is_terminal,
                    redirect_stdout=sys.stdout.isatty())


@contextmanager
def task(description: str, total: float | None = None, unit: str = "") -> Iterator[Step]:
    """A step shown while the block runs (a pulsing bar while ``total`` is unknown)."""
    if not _display.enabled:
        yield Step()
        return
    with _display.lock:
        if _display.progress is None:
            _display.progress = _new_progress()
            _display.progress.start()
        progress = _display.progress
        _display.running += 1
        task_id = progress.add_task(description, total=total, unit=unit)
    try:
        yield Step(progress, task_id, description)
    finally:
        with _display.lock:
            if progress.live.transient:  # a terminal: the bar goes; elsewhere its last state is the log
                progress.remove_task(task_id)
            _display.running -= 1
            if _display.running == 0:
                progress.stop()
                _display.progress = None


def track(items: Iterable[T], description: str, total: float | None = None, unit: str = "") -> Iterator[T]:
    """The items, one by one, advancing a step; ``total`` defaults to ``len(items)`` where it has one."""
    if not _display.enabled:
        yield from items
        return
    if total is None and isinstance(items, Sized):
        total = len(items)
    with task(description, total, unit) as step:
        for item in items:
            try:
                yield item
            finally:  # counted as done when the loop moves on or stops (``break``) after it
                step.advance()
