"""The measure page's chart, as numbers an SVG template draws: the figures of one measure over time
(one column per reference period, in date order) and across subjects (one colour each, side by
side within a period), each a dot at its value with its bounds as a bar. No script, no image file."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Sequence

WIDTH, HEIGHT = 880, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 70
PALETTE = ("#1d3557", "#e76f51", "#2a9d8f", "#8338ec", "#f4a261", "#457b9d", "#6a994e", "#bc4749", "#a8577e",
           "#3a86ff")


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    low: float
    high: float
    open_high: bool  # no upper bound: the bar runs to the top
    colour: str
    title: str  # the tooltip: plain text
    url: str


@dataclass(frozen=True)
class Tick:
    at: float
    text: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom: float = HEIGHT - BOTTOM
    right: float = WIDTH - RIGHT
    marks: list[Mark] = field(default_factory=list)
    yticks: list[Tick] = field(default_factory=list)
    columns: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, subject)


def _nice(top: float) -> tuple[float, float]:
    """An axis maximum at or above ``top`` and a round tick step."""
    if top <= 0:
        return 1.0, 0.25
    step = 10 ** math.floor(math.log10(top / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    return math.ceil(top / step) * step, step


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u2009") if value == int(value) else f"{value:g}"


def chart(figures: Sequence[dict[str, Any]]) -> Chart:
    """The chart of a measure's figures (rows with value, lower, upper, subject, period, start, end)."""
    drawn = Chart()
    if not figures:
        return drawn

    def period_key(f: dict[str, Any]) -> tuple[str, str, str]:
        return (f.get("end") or "9999", f.get("start") or "", f.get("period") or "")

    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for f in figures:
        grouped.setdefault(period_key(f), []).append(f)
    periods = sorted(grouped)
    subjects = sorted({f["subject"].label if f.get("subject") else "(no subject)" for f in figures})
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(subjects)}
    drawn.legend = [(colours[s], s) for s in subjects]
    top = max(float(f["upper"] if f.get("upper") is not None else f["value"]) for f in figures)
    axis_top, step = _nice(top * 1.05)
    span = drawn.bottom - drawn.top

    def y(value: float) -> float:
        return drawn.bottom - span * value / axis_top

    drawn.yticks = [Tick(y(step * i), _number(step * i)) for i in range(round(axis_top / step) + 1)]
    column = (drawn.right - drawn.left) / len(periods)
    for n, key in enumerate(periods):
        centre = drawn.left + column * (n + 0.5)
        end, start, phrase = key
        label = phrase or (f"{start} to {end}" if start else end)
        drawn.columns.append(Tick(centre, label if end != "9999" else "(no period)"))
        members = sorted(grouped[key],
                         key=lambda f: (f["subject"].label if f.get("subject") else "", f["ref"].id))
        gap = min(28.0, column * 0.8 / max(1, len(members)))
        for i, f in enumerate(members):
            x = centre + gap * (i - (len(members) - 1) / 2)
            value = float(f["value"])
            low = float(f["lower"]) if f.get("lower") is not None else 0.0
            high = float(f["upper"]) if f.get("upper") is not None else axis_top
            subject = f["subject"].label if f.get("subject") else "(no subject)"
            bounds = f"{f.get('lower', 'open')}..{f['upper'] if f.get('upper') is not None else 'open'}"
            drawn.marks.append(Mark(x, y(value), y(low), y(high), f.get("upper") is None, colours[subject],
                                    f"{f['wording']} ({bounds}): {subject}, {label}", f["ref"].url))
    return drawn
