"""A PNG comparing the figures of one measure: one bar per figure, its bounds as an error bar,
its subject, period and reporting actor in the label. The PNG names the figures it shows
(a ``figuregraph:figures`` text chunk), so a reader or a test can tell what it compares."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from rdflib import Literal
from rdflib.term import Node

from ..files.atomic import write_bytes
from ..errors import UsageError
from ..rdf.namespace import iri
from ..store.base import Store
from ..store.library import run
from .project import node_id

METADATA_KEY = "figuregraph:figures"


@dataclass(frozen=True)
class Bar:
    figure: str
    label: str
    value: float
    lower: float | None
    upper: float | None


def _number(term: Node | None) -> float:
    return float(cast(Literal, term).toPython())  # the query binds values and bounds to literals


def bars(store: Store, measure: str) -> tuple[str, list[Bar]]:
    """The measure's label and one bar per figure of it, by period end then subject."""
    result = run(store, "chart-figures", {"measure": iri("measure", measure)})
    rows = result.dicts()
    if not rows:
        raise UsageError(f"no figures of measure '{measure}' (see `figuregraph query figures-about` or the "
                         "measures vocabulary for ids)")
    rows.sort(key=lambda d: (str(d["periodEnd"] or ""), str(d["subject"] or ""), str(d["f"])))
    out = []
    for d in rows:
        when = str(d["period"] or d["periodEnd"] or "")
        label = f"{d['subject'] or ''}, {when}\n\"{d['wording']}\" ({d['reporter'] or 'unattributed'})"
        out.append(Bar(node_id(d["f"]), label, _number(d["value"]),
                       None if d["lower"] is None else _number(d["lower"]),
                       None if d["upper"] is None else _number(d["upper"])))
    return str(rows[0]["measureLabel"]), out


def render(title: str, items: list[Bar]) -> bytes:
    """The PNG bytes of a bar chart of ``items`` with their bounds."""
    fig, ax = plt.subplots(figsize=(11.0, 1.5 + 0.9 * len(items)), dpi=100)
    try:
        ys = list(range(len(items)))[::-1]  # the first item on top
        values = [b.value for b in items]
        below = [b.value - (b.lower if b.lower is not None else 0.0) for b in items]
        above = [(b.upper - b.value) if b.upper is not None else 0.0 for b in items]
        ax.barh(ys, values, color="#f4a261", edgecolor="#b5651d", height=0.6)
        ax.errorbar(values, ys, xerr=[below, above], fmt="none", ecolor="#333333", capsize=5)
        for y, b in zip(ys, items):
            if b.upper is None:
                ax.annotate("no upper bound", (b.value, y), textcoords="offset points", xytext=(6, 8), fontsize=7)
        ax.set_yticks(ys, [b.label for b in items], fontsize=8)
        ax.set_title(title)
        ax.set_xlabel("value; error bars: the bounds its wording implies")
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={METADATA_KEY: json.dumps([b.figure for b in items])})
        return buffer.getvalue()
    finally:
        plt.close(fig)


def chart(store: Store, measure: str, target: Path) -> int:
    """Write the chart of one measure atomically; returns the number of bars."""
    title, items = bars(store, measure)
    write_bytes(Path(target), render(title, items))
    return len(items)
