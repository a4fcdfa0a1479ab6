"""The build cache: a cached rebuild gives what a clean build gives, after any edits (issue 19)."""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import figuregraph as fg
from figuregraph.build import cache, diskstore, incremental
from figuregraph.errors import FigureGraphError
from figuregraph.model.records import (
    Actor,
    Assessment,
    Document,
    Event,
    Figure,
    Origin,
    Ref,
    Source,
    Vocabulary,
    dump,
    parse_file,
    record_files,
    record_stats,
)
from figuregraph.files import swap
from figuregraph.files.lock import locked
from figuregraph.rdf.namespace import FG
from figuregraph.store.library import QueryLibrary, bundled, predicates_read
from figuregraph.validate import check_rows

from ..conftest import MINI
from ..faults import lock_held_elsewhere

VOCAB = "vocab/vocab.yaml"


def _rewrite(folder: Path, rel: str, change: Callable[[object], None]) -> None:
    path = folder / rel
    if not path.exists():
        return
    rf = parse_file(path)
    change(rf)
    path.write_text(dump(rf), encoding="utf-8")  # type: ignore[arg-type]


def _relabel(k: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        def change(rf: object) -> None:
            assert isinstance(rf, Vocabulary)
            records: list[Any] = [*rf.actors, *rf.places, *rf.measures, *rf.units]
            if records:
                records[k % len(records)].label += " (renamed)"
        _rewrite(folder, VOCAB, change)
    return edit


def _refigure(k: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        def change(rf: object) -> None:
            if isinstance(rf, Document) and rf.figures:
                figure = rf.figures[k % len(rf.figures)]
                figure.quote += f" ({k})"
                if figure.qualifier == "at-least":
                    figure.value += 1
                    figure.lower = figure.value
                    figure.wording = f"at least {figure.value}"
        _rewrite(folder, "sources/agency-report.yaml", change)
    return edit


def _add_document(k: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        rel = Path(f"sources/added-{k}.yaml")
        origin = Origin(rel, 0, f"added-{k}")
        figure = Figure(f"added-{k}-figure", f"{k + 10} recruits", origin, [Ref("region-y")],
                        reported_by=[Ref("outlet-b")], wording=str(k + 10), value=Decimal(k + 10),
                        lower=Decimal(k + 10), upper=Decimal(k + 10), measure=Ref("recruits"))
        source = Source(f"added-{k}", "news-article", f"Added {k}", origin, publisher=Ref("outlet-b"))
        (folder / rel).write_text(dump(Document(rel, source, figures=[figure])), encoding="utf-8")
    return edit


def _remove(rel: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / rel).unlink(missing_ok=True)
    return edit


def _move(rel: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / rel
        if path.exists():
            target = folder / "moved" / path.name
            target.parent.mkdir(exist_ok=True)
            path.rename(target)
    return edit


def _rename_source(folder: Path) -> None:
    """The article's id changes, and so does the one citation naming it."""
    def article(rf: object) -> None:
        assert isinstance(rf, Document)
        rf.source = replace(rf.source, id=rf.source.id + "-2")

    def report(rf: object) -> None:
        assert isinstance(rf, Document)
        for c in rf.citations:
            c.cites = Ref(c.cites.id + "-2")
    _rewrite(folder, "sources/outlet-article.yaml", article)
    _rewrite(folder, "sources/agency-report.yaml", report)


def _assess(k: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        def change(rf: object) -> None:
            assert isinstance(rf, Vocabulary)
            target = ["ministry-a", "agency-report", "outlet-b"][k % 3]
            rf.assessments.append(Assessment(f"grade-{k}-{len(rf.assessments)}", Ref(target), "ABCDEF"[k % 6],
                                             "an analyst", date(2025, 1 + k % 12, 1), "a reason",
                                             Origin(Path(VOCAB), 0, "")))
        _rewrite(folder, VOCAB, change)
    return edit


def _add_event(folder: Path) -> None:
    def change(rf: object) -> None:
        assert isinstance(rf, Vocabulary)
        rf.events.append(Event(f"event-{len(rf.events)}", "An event", date(2024, 2, 1), Origin(Path(VOCAB), 0, ""),
                               place=Ref("country-x")))
    _rewrite(folder, VOCAB, change)


def _actor_into_document(folder: Path) -> None:
    """An actor moves from the vocabulary into a document's new actors (same record, other file)."""
    moved: list[Actor] = []

    def take(rf: object) -> None:
        assert isinstance(rf, Vocabulary)
        moved.extend(a for a in rf.actors if a.id == "ministry-a")
        rf.actors = [a for a in rf.actors if a.id != "ministry-a"]

    def give(rf: object) -> None:
        assert isinstance(rf, Document)
        rf.vocabulary = rf.vocabulary or Vocabulary(rf.path)
        rf.vocabulary.actors.extend(moved)
    _rewrite(folder, VOCAB, take)
    if moved:
        _rewrite(folder, "sources/ministry-briefing.yaml", give)


def _cite_in_a_circle(folder: Path) -> None:
    """The ministry's briefing cites the agency's report, which cites the outlet, which cites the
    ministry: a cycle through three files, two of them unchanged (the self-citations check)."""
    path = folder / "sources/ministry-briefing.yaml"
    if path.exists() and "cites:" not in path.read_text(encoding="utf-8"):
        text = path.read_text(encoding="utf-8")
        cites = "  kind: briefing\n  cites:\n    - {source: agency-report}\n"
        path.write_text(text.replace("  kind: briefing\n", cites, 1), encoding="utf-8")


def _unsource_a_figure(folder: Path) -> None:
    """A figure with neither a citation nor a reporting actor (a check with a focus)."""
    path = folder / "sources/agency-report.yaml"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        cited = "    part-of: recruits-range\n    citations: [fn1]\n"
        path.write_text(text.replace(cited, "    part-of: recruits-range\n", 1), encoding="utf-8")


EDITS = st.one_of(
    st.integers(0, 6).map(_relabel), st.integers(0, 3).map(_refigure), st.integers(0, 3).map(_add_document),
    st.sampled_from(["sources/ministry-briefing.yaml", "sources/outlet-article.yaml",
                     "sources/added-1.yaml"]).map(_remove),
    st.sampled_from(["sources/agency-report.yaml", VOCAB, "sources/added-0.yaml"]).map(_move),
    st.just(_rename_source), st.integers(0, 8).map(_assess), st.just(_add_event), st.just(_actor_into_document),
    st.just(_cite_in_a_circle), st.just(_unsource_a_figure),
)


def _outcome(folder: Path, out: Path, use_cache: bool) -> tuple[object, ...]:
    """What a build gives: its error, or its Turtle, store (as sorted N-Quads), report and counts."""
    store = out.with_suffix(".store")
    try:
        result = fg.build_and_export(folder, out, store=f"oxigraph:{store}", cache=use_cache)
    except FigureGraphError as exc:
        return (type(exc).__name__, str(exc))
    dumped = ox.Store.read_only(str(store)).dump(format=ox.RdfFormat.N_QUADS) or b""
    if not use_cache:  # the counts summed over the files are the linked index's, kind by kind
        built = fg.build(folder)
        index = built.index
        assert result.counts == {
            "figures": sum(len(d.figures) for d in index.documents),
            "statements": sum(len(d.statements) for d in index.documents),
            "sources": len(index.sources.items), "citations": sum(len(d.citations) for d in index.documents),
            "actors": len(index.actors.items), "places": len(index.places.items),
            "measures": len(index.measures.items)}
        assert result.emitted == len(built.files)
        assert result.triples == len(built.store)  # the emitted subjects' count is the store's own
    return (out.read_bytes(), sorted(dumped.splitlines()), result.report.rows(), result.counts, result.triples)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                               HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=4))
def test_a_cached_rebuild_gives_what_a_clean_build_gives(tmp_path_factory: pytest.TempPathFactory,
                                                         edits: list[Callable[[Path], None]]) -> None:
    work = tmp_path_factory.mktemp("cache")
    folder = work / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, work / "first.ttl")  # fills the cache
    for edit in edits:
        edit(folder)
        assert _outcome(folder, work / "cached.ttl", True) == _outcome(folder, work / "clean.ttl", False)
        assert _report(folder, True) == _report(folder, False)


def _report(folder: Path, use_cache: bool) -> object:
    """Every problem a build finds (a failing build's exception names only the first)."""
    try:
        return incremental.cached_build(folder).report.rows() if use_cache else fg.validate(fg.build(folder)).rows()
    except FigureGraphError as exc:
        return (type(exc).__name__, str(exc))


def test_checks_run_again_for_what_changed_find_what_a_clean_build_finds(tmp_path: Path) -> None:
    """A cycle of citations made by one file's edit is found on every source of it, and a figure left
    without a source is found; undoing both clears them, as a clean build says."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    incremental.cached_build(folder)
    original = {p: p.read_bytes() for p in record_files(folder)}  # no walk of the cache (a thread empties it)
    _cite_in_a_circle(folder)
    _unsource_a_figure(folder)
    found = incremental.cached_build(folder)
    assert not found.clean
    rows = sorted((r["path"], r["focus"]) for r in found.report.rows() if r["path"].startswith("checks/"))
    assert ("checks/unsourced-claims", "recruits-at-least") in rows
    assert [f for p, f in rows if p == "checks/self-citations"] == ["agency-report", "ministry-briefing",
                                                                    "outlet-article"]
    assert found.report.rows() == fg.validate(fg.build(folder)).rows()
    for path, data in original.items():
        path.write_bytes(data)
    again = incremental.cached_build(folder)
    assert not [r for r in again.report.rows() if r["path"].startswith("checks/")]
    assert again.report.rows() == fg.validate(fg.build(folder)).rows()


def test_a_rebuild_emits_what_changed_and_what_depends_on_it(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    first = incremental.cached_build(folder)
    assert first.clean and len(first.emitted) == 4
    assert incremental.cached_build(folder).emitted == []  # nothing changed: nothing emitted
    _refigure(1)(folder)
    again = incremental.cached_build(folder)
    assert again.emitted == ["sources/agency-report.yaml"]  # no other file names its figures
    assert again.validated and again.validated < 20
    _relabel(5)(folder)  # the measure 'recruits': the report's figures carry its label
    assert incremental.cached_build(folder).emitted == ["sources/agency-report.yaml", VOCAB]


def test_the_query_library_is_read_once_for_a_build_and_its_rebuilds(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks and the internal queries of a clean build and of each rebuild after an edit come
    from one reading of the bundled query files."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    read: list[tuple[Path, ...]] = []
    load = QueryLibrary.load

    def counted(extra: Iterable[Path] = ()) -> QueryLibrary:
        read.append(tuple(extra))
        return load(extra)

    monkeypatch.setattr(QueryLibrary, "load", staticmethod(counted))
    bundled.cache_clear()
    assert incremental.cached_build(folder).clean
    _refigure(1)(folder)
    assert incremental.cached_build(folder).emitted == ["sources/agency-report.yaml"]
    _relabel(5)(folder)
    assert incremental.cached_build(folder).emitted == ["sources/agency-report.yaml", VOCAB]
    assert read == [()]


def test_a_failure_in_the_middle_of_a_store_update_leaves_the_previous_store(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    out = tmp_path / "out.ttl"
    fg.build_and_export(folder, out)
    store_path = cache.folder(folder) / "store"
    before = ox.Store.read_only(str(store_path)).dump(format=ox.RdfFormat.N_QUADS)
    _refigure(1)(folder)

    def broken(path: Path, generation: Path) -> Path | None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(swap, "flip", broken)  # the new generation is whole; the flip fails
    with pytest.raises(OSError):
        fg.build_and_export(folder, out)
    monkeypatch.undo()
    assert ox.Store.read_only(str(store_path)).dump(format=ox.RdfFormat.N_QUADS) == before
    assert len([p for p in store_path.parent.iterdir() if p.name.startswith(".store.gen-")]) == 1
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)


def test_the_cache_is_ignored_by_git_and_by_the_records(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, tmp_path / "out.ttl")
    assert (cache.folder(folder) / ".gitignore").read_text().splitlines()[-1] == "*"
    (cache.folder(folder) / "stray.yaml").write_text("not: records\n")
    fg.build_and_export(folder, tmp_path / "out.ttl")  # a .yaml inside the cache is not a record file



def test_a_build_waits_while_another_writer_holds_the_graph_folders_lock(tmp_path: Path) -> None:
    """A build reads and writes the cache only while it holds the graph folder's lock, so a second
    build (or an ingest) running at the same time cannot interleave with it."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, tmp_path / "first.ttl")
    manifest = cache.folder(folder) / "manifest.pickle"
    before = manifest.read_bytes()
    _refigure(1)(folder)
    building = threading.Thread(target=fg.build_and_export, args=(folder, tmp_path / "second.ttl"))
    with lock_held_elsewhere(folder):
        building.start()
        building.join(1.5)
        assert building.is_alive() and manifest.read_bytes() == before  # waiting, the cache untouched
    building.join(60)
    assert not building.is_alive() and manifest.read_bytes() != before
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)


def test_a_check_run_for_some_nodes_gives_its_rows_for_those_nodes(tmp_path: Path) -> None:
    """``for_nodes`` binds a check's focus: for any set of nodes, the rows of the whole graph's run
    that are about those nodes; and ``predicates_read`` sees the patterns inside NOT EXISTS."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    _cite_in_a_circle(folder)
    _unsource_a_figure(folder)
    store = fg.build(folder).store
    library = QueryLibrary.load()
    subjects = sorted({q.subject.value for q in store.store.quads_for_pattern(None, None, None, None)
                       if isinstance(q.subject, ox.NamedNode)})
    seen = 0
    for check in library.checks():
        whole = check_rows(store, check)
        seen += len(whole)
        if check.focus is None:
            continue
        for some in (subjects, subjects[::2], subjects[1::2], []):
            expected = sorted((n, v) for n, v in whole if n in set(some))
            assert sorted(check_rows(store, check, some)) == expected, (check.name, len(some))
    assert seen >= 4  # the cycle's three sources and the unsourced figure
    reads = predicates_read(library.get("checks/unsourced-claims"))
    assert reads is not None and str(FG.backedBy) in reads and str(FG.reportedBy) in reads
    assert predicates_read(library.get("citation-chain")) is None  # a variable predicate: any


def test_a_change_reaching_many_files_makes_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    incremental.cached_build(folder)
    _relabel(5)(folder)  # the measure: the report and the vocabulary are emitted again
    monkeypatch.setattr(incremental, "FEW_FILES", 1)
    assert incremental.cached_build(folder).clean
    monkeypatch.undo()
    _relabel(5)(folder)
    assert incremental.cached_build(folder).emitted == ["sources/agency-report.yaml", VOCAB]


def test_a_cache_without_its_document_builds_clean_and_keeps_one_document(tmp_path: Path) -> None:
    """The Turtle document is spliced from the one the manifest names: without it the rebuild is clean
    (and gives a clean build's bytes); each manifest written leaves its own document alone in the cache."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, tmp_path / "first.ttl")
    _refigure(1)(folder)
    assert not incremental.cached_build(folder).clean  # spliced
    manifest = cache.read(folder)
    assert manifest is not None
    assert [p.name for p in cache.folder(folder).glob("turtle-*.ttl")] == [manifest.document]
    (cache.folder(folder) / manifest.document).unlink()
    _refigure(2)(folder)
    assert incremental.cached_build(folder).clean
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)


def test_the_bodies_folder_of_an_earlier_format_is_removed_by_the_next_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, tmp_path / "first.ttl")
    bodies = cache.folder(folder) / cache.OLD_BODIES
    bodies.mkdir()
    (bodies / "graph.ttl").write_text("# a body as caches of format 2 kept them\n", encoding="utf-8")
    _refigure(1)(folder)
    fg.build_and_export(folder, tmp_path / "second.ttl")
    assert not bodies.exists() and cache.read(folder) is not None


def test_record_files_come_in_path_order_with_their_stats(tmp_path: Path) -> None:
    """The planner's one stat a file: the files, and their order, are what sorted paths give ('a/'
    before 'a-b/' although '-' sorts before '/'), and the cache's folder is not walked."""
    for rel in ("a-b/x.yaml", "a/b.yml", "a/c/d.yaml", "b.yaml", "a/notes.txt", ".figuregraph-cache/e.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    found = record_stats(tmp_path)
    expected = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                      and cache.folder(tmp_path) not in p.parents)
    assert [p for p, _ in found] == expected == record_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in expected] == ["a/b.yml", "a/c/d.yaml", "a-b/x.yaml", "b.yaml"]
    assert all(cache.stat_key(info) == cache.file_stat(p) for p, info in found)


def test_a_store_written_by_a_process_of_its_own_is_the_one_the_next_build_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    out = tmp_path / "out.ttl"
    monkeypatch.setattr(incremental, "DEFER_TRIPLES", 0)  # the mini graph's store too
    assert fg.build_and_export(folder, out, background=True).emitted == 4
    assert cache.read(folder).pending  # type: ignore[union-attr]  # the build ended before its store was written

    def unexpected(graph_dir: Path, quads: str) -> str | None:
        raise AssertionError("the writer process should have written the store")
    monkeypatch.setattr(diskstore, "fill", unexpected)
    assert fg.build_and_export(folder, out, background=True).emitted == 0  # waited for the writer's lock
    assert cache.read(folder).pending  # type: ignore[union-attr]  # nothing changed: no manifest written
    _refigure(1)(folder)
    assert fg.build_and_export(folder, out, background=True).emitted == 1
    monkeypatch.undo()
    assert not list(cache.folder(folder).glob("quads-*.nq"))
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)


def test_a_store_left_pending_is_written_by_the_next_build_or_built_clean_without_its_quads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    out = tmp_path / "out.ttl"
    monkeypatch.setattr(incremental, "DEFER_TRIPLES", 0)
    monkeypatch.setattr(diskstore, "start", lambda graph_dir, quads: subprocess.Popen(["true"]))  # a writer killed
    fg.build_and_export(folder, out, background=True)
    _refigure(1)(folder)
    assert fg.build_and_export(folder, out).emitted == 1  # the store written from the quads first
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)
    shutil.rmtree(cache.folder(folder))
    fg.build_and_export(folder, out, background=True)
    for quads in cache.folder(folder).glob("quads-*.nq"):
        quads.unlink()
    _refigure(2)(folder)
    assert fg.build_and_export(folder, out).emitted == 4  # nothing to write the store from: a clean build
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)


def test_while_the_caches_store_is_written_a_build_waits_and_a_writer_of_the_records_does_not(
        tmp_path: Path) -> None:
    """The writer of a clean build's store holds the cache folder's lock, not the graph folder's."""
    folder = tmp_path / "graph"
    shutil.copytree(MINI, folder)
    fg.build_and_export(folder, tmp_path / "first.ttl")
    _refigure(1)(folder)
    building = threading.Thread(target=fg.build_and_export, args=(folder, tmp_path / "second.ttl"))
    with lock_held_elsewhere(cache.folder(folder)):  # as the store's writer holds it
        with locked(folder, timeout=0.5):  # an ingest or an assessment goes ahead
            pass
        building.start()
        building.join(1.5)
        assert building.is_alive()  # the build waits for the store
    building.join(60)
    assert not building.is_alive()
    assert _outcome(folder, tmp_path / "cached.ttl", True) == _outcome(folder, tmp_path / "clean.ttl", False)
