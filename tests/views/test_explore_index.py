"""The explore index's search: the hits and each facet's counts over all the matches, the same by
both ways of counting (the matches' facets gathered, or one pass over every facet row)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from figuregraph.store import Store
from figuregraph.views.app import index as explore_index
from figuregraph.views.app.index import FACETS, Index, fts_query


@pytest.fixture(scope="module")
def index(seed_store: Store) -> Iterator[Index]:
    built = Index.build(seed_store)
    yield built
    built.close()


def _expected(index: Index, text: str, filters: dict[str, str]) -> tuple[set[str], Counter[tuple[str, str]]]:
    """The matching ids and their facets' counts, from the index's tables read whole, in Python."""
    db = index._db
    facets: dict[int, set[tuple[str, str]]] = {}
    for item, facet, value in db.execute("SELECT item, facet, value FROM facets"):
        facets.setdefault(item, set()).add((facet, value))
    rows = dict(db.execute("SELECT rowid, id FROM items"))
    matched = set(rows) if not fts_query(text) else {
        r for (r,) in db.execute("SELECT rowid FROM texts WHERE texts MATCH ?", (fts_query(text),))}
    matched = {r for r in matched if all((f, v) in facets.get(r, set()) for f, v in filters.items())}
    return {rows[r] for r in matched}, Counter(fv for r in matched for fv in facets.get(r, set()))


@pytest.mark.parametrize("text, filters", [
    ("", {}), ("Southern", {}), ("desertion", {}), ("desertion", {"kind": "figure"}),
    ("convict", {"period": "2024"}), ("Mediazona", {}), ("nothing-like-this", {}),
])
@pytest.mark.parametrize("broad", [False, True])
def test_hits_and_facet_counts_are_those_of_every_match(index: Index, monkeypatch: pytest.MonkeyPatch,
                                                        text: str, filters: dict[str, str], broad: bool) -> None:
    monkeypatch.setattr(explore_index, "BROAD", 10**9 if broad else 0)
    ids, counts = _expected(index, text, filters)
    assert bool(ids) is (text != "nothing-like-this")  # an empty index would match on both sides
    found = index.search(text, filters)
    assert found.total == len(ids)
    hits: list[str] = []
    while len(hits) < found.total:
        hits += [h.id for h in index.search(text, filters, offset=len(hits)).hits]
    assert sorted(hits) == sorted(ids)
    assert {(f, v): n for f in FACETS for v, _, n in found.facets[f]} == dict(counts)


def test_building_shows_its_stages_as_progress(seed_store: Store) -> None:
    from io import StringIO

    from rich.console import Console

    from figuregraph import progress

    screen = StringIO()
    progress.configure(True, Console(file=screen, force_terminal=False, width=120))
    try:
        Index.build(seed_store).close()
    finally:
        progress.configure(False)
    shown = screen.getvalue()  # off a terminal, each step's last state stays as the log
    assert "explore index: indexing labels, wordings, quotes and titles" in shown
    assert "2/2 stages" in shown and "audit: " in shown  # complete, after the audit's own step
