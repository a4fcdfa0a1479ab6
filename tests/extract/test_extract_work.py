"""Issue 15.4/15.5: extraction does bounded work per number, however long the sentence or the text
(counted, not timed: timings are in benchmarks/bench_extract.py), and a run of digits is no crash."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from figuregraph.extract import extract_text, figures
from figuregraph.extract.segments import LINE_WINDOW, MAX_SENTENCE

SHAPES: dict[str, Callable[[int], str]] = {  # the adversarial shapes of the issue, and prose
    "ones": lambda n: "1 " * (n // 2),
    "words without a full stop": lambda n: ("soldiers deserted from their units " * (n // 35 + 1))[:n],
    "lines with glued markers": lambda n: "".join(f"Soldiers deserted in 2024.{i % 97}\n" for i in range(n // 28)),
    "digit groups": lambda n: "The army lost " + " ".join(["123"] * (n // 4)) + " soldiers.",
    "prose": lambda n: ("The ministry said that 1 240 soldiers deserted in March 2024, up from about 900 in "
                        "February. According to the monitoring group, 35 units were affected. ") * (n // 160 + 1),
}
SCANNERS = ("attributions", "period_stretches", "periods_in", "find_places", "exclusion")


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Calls of Python functions, and the characters handed to each per-sentence scanner."""
    work = {"calls": 0, **{name: 0 for name in SCANNERS}, "widest": 0}
    originals = {name: getattr(figures, name) for name in SCANNERS}

    def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def scanner(*args: Any, **kwargs: Any) -> Any:
            if name == "find_places":  # (text, start, end)
                span = args[2] - args[1]
            elif name == "exclusion":  # (mention, text): the rules look around the number
                span = 2 * LINE_WINDOW
            else:
                span = len(args[0])
            work[name] += span
            work["widest"] = max(work["widest"], span)
            return real(*args, **kwargs)
        return scanner

    def profile(_frame: object, event: str, _arg: object) -> None:
        if event == "call":
            work["calls"] += 1

    for name, real in originals.items():
        setattr(figures, name, wrap(name, real))
    sys.setprofile(profile)
    try:
        yield work
    finally:
        sys.setprofile(None)
        for name, real in originals.items():
            setattr(figures, name, real)


def work_for(text: str) -> dict[str, int]:
    with counted() as work:
        extract_text(text)
    return work


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_the_text(shape: str) -> None:
    small, large = work_for(SHAPES[shape](6_000)), work_for(SHAPES[shape](24_000))
    for name in ("calls", *SCANNERS):
        assert large[name] <= 4.6 * small[name] + 1000, (name, small[name], large[name])  # 4x the text
    assert large["widest"] <= MAX_SENTENCE + 2 * LINE_WINDOW  # no scanner is handed the whole text


@pytest.mark.parametrize("groups", [1500, 20_000])
def test_a_run_of_digit_groups_is_not_a_figure_and_no_crash(groups: int) -> None:
    text = "The army lost " + " ".join(["123"] * groups) + " soldiers."
    ex = extract_text(text)
    assert all(len(f.wording) <= 40 for f in ex.figures)  # a number has a sane maximum length
    assert all(text[f.start:f.end] == f.quote for f in ex.figures)
