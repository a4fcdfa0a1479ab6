"""The network of who backs what: projection (project.py), views (views.py), the HTML page
(html.py) and the chart of comparable figures (chart.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..store.base import Store
from .project import add_audit, project
from .network import DEFAULT_MAX_NODES, View, ego, figure, whole


def view_of(store: Store, figure_id: str | None = None, actor: str | None = None, source: str | None = None,
            depth: int = 2, max_nodes: int = DEFAULT_MAX_NODES, audit: bool = False) -> View:
    """The view a user asks for: one figure, an actor's or a source's ego network, or everything;
    with ``audit``, credibility in the tooltips and corroboration/conflict edges between figures."""
    asked = [x for x in (figure_id, actor, source) if x]
    if len(asked) > 1:
        raise UsageError("give at most one of --figure, --actor and --source")
    graph = project(store)
    if audit:
        from ..audit import run_audit

        add_audit(graph, run_audit(store))
    if figure_id:
        return figure(graph, figure_id, max_nodes)
    if actor:
        return ego(graph, actor, "actor", depth, max_nodes)
    if source:
        return ego(graph, source, "source", depth, max_nodes)
    return whole(graph, max_nodes)


def show(store: Store, target: Path, **kwargs: Any) -> View:
    """Write the HTML page of a view (see ``view_of``) and return the view."""
    from .html import write

    view = view_of(store, **kwargs)
    write(view, target)
    return view


__all__ = ["DEFAULT_MAX_NODES", "View", "project", "show", "view_of"]
