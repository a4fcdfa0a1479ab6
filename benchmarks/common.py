"""What several benchmarks do alike (imported as a sibling: the scripts run as
``python benchmarks/X.py``)."""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports ``ru_maxrss`` in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """The process's CPU time so far: user and system, all its threads (not its children's)."""
    return time.process_time()


def timed(work: Callable[[], T]) -> tuple[float, float, T]:
    """The wall and CPU seconds of one call of ``work``, and what it returned."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = work()
    return time.perf_counter() - wall, cpu_seconds() - cpu, result


def write_synthetic(figures: int, folder: Path, seed: int = 1) -> Path:
    """A synthetic corpus of ``figures`` figures (``model.synth``) written into ``folder``, which is
    returned; synth is imported here, on use, as the scripts did."""
    from figuregraph.model import synth

    synth.write(synth.generate(figures, seed=seed), folder)
    return folder


@contextmanager
def synthetic_corpus(figures: int, seed: int = 1) -> Iterator[Path]:
    """A synthetic corpus (``write_synthetic``) in a temporary folder, removed on leaving."""
    with tempfile.TemporaryDirectory() as scratch:
        yield write_synthetic(figures, Path(scratch) / "corpus", seed)


def publish(lines: list[str], out: Path | None) -> None:
    """A benchmark's Markdown report: printed, and written to ``out`` if given."""
    text = "\n".join(lines) + "\n"
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
