"""Builds that cost what changed: the build cache (``cache``) and its on-disk store.

A clean build parses, links, emits and validates everything, then fills the cache: each record
file's entry, the Turtle document with where each named graph's body stands in it, SHACL's results
by focus node, and an on-disk Oxigraph store of the whole dataset. A later build reads only the
files whose content changed, and re-emits those and the files that refer to a record whose
fingerprint changed (a renamed source, an edited measure, a newer assessment): what depends on a
change, and only that. Their named graphs are dropped and reloaded in a new generation of the
cache's store (a hard-linked checkpoint of the last one), flipped in when whole (``files.swap``),
so a failure leaves the previous store and manifest as they were; their Turtle bodies are spliced
into the document (``document``). SHACL validates the nodes whose description changed (and those
naming a node whose type changed); the check queries run over the whole new store.

Anything the cache cannot decide alone (an error in the records, a duplicate id, a reference
that no longer resolves, a cache of other code) makes a clean build, which reports it as a clean
build always does. Deleting ``.figuregraph-cache/`` costs one clean build.
"""

from __future__ import annotations

import os
import subprocess
from itertools import chain
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .. import progress
from ..store.library import bundled, predicates_read
from ..validate import Report, Violation, check_rows, shacl_by_focus, shacl_of_store
from ..errors import InputError
from ..files.atomic import pending
from ..files.resources import ontology_path, resource_dir
from ..model.link import Index, build_index, newest_assessments, records_of, resolve_file
from ..model.records import Assessment, RecordFile, parse_bytes, parse_file, record_files, record_stats
from ..files.swap import generation_folder, new_generation
from ..store.oxigraph import OxigraphStore
from . import cache, diskstore, document
from .emit import by_graph, emit_graph, graph_iri
from .load import build_records
from ..rdf.terms import no_cycle_collection

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# A change that reaches more files than this, and a tenth of them, makes a clean build: dropping and
# reloading that many graphs in the on-disk store costs more (benchmarks/INCREMENTAL.md).
FEW_FILES = 50
# A store of fewer quads than this is written at once even when deferral is asked for (well under a second).
DEFER_TRIPLES = 100_000


@dataclass
class Outcome:
    """What a build gave: the validation report, the cache's new manifest, and how much it rebuilt."""

    report: Report
    manifest: cache.Manifest
    emitted: list[str]  # the record files emitted again (every one in a clean build)
    validated: int | None  # the focus nodes SHACL validated (None: all of them)
    stored: bool = False  # the manifest is the one the cache holds already (nothing to write)
    writer: subprocess.Popen[bytes] | None = None  # the process writing the cache's store (``diskstore``)

    def settle(self, graph_dir: Path) -> None:
        """Wait for the cache's store to be written (``diskstore``), and say so in the manifest."""
        if self.writer is not None:
            self.writer.wait()
            self.writer = None
        settled = diskstore.settle(graph_dir, self.manifest)
        if settled is None:
            raise InputError("the build cache's store could not be written (see .figuregraph-cache/store.log)")
        self.manifest = settled

    @property
    def clean(self) -> bool:
        return self.validated is None

    def counts(self) -> dict[str, int]:
        """What the graph holds, by kind of record."""
        return cache.total(e.counts for e in self.manifest.files.values())


def _code_key() -> str:
    """The code and data that shape a graph: any change to them makes the next build clean."""
    package = Path(__file__).resolve().parents[1]
    sources = [p for sub in ("build", "model", "rdf") for p in (package / sub).glob("*.py")]
    sources += [package / "validate.py", package / "export" / "rdf.py", ontology_path(),
                ontology_path().with_name("shapes.ttl")]
    sources += sorted(resource_dir("queries").glob("checks/*.rq"))  # their rows are kept too
    return cache.code_key([p for p in sources if p.exists()])


def _relative(graph_dir: Path, paths: Iterable[Path]) -> dict[str, Path]:
    """Paths below the graph folder by their path inside it (cut from the text: ``relative_to`` for
    each of thousands of files costs a rebuild a tenth of a second)."""
    prefix = os.path.join(str(graph_dir), "")

    def inside(path: Path) -> str:
        text = str(path)
        if text.startswith(prefix):
            return text[len(prefix):].replace(os.sep, "/")
        return path.relative_to(graph_dir).as_posix()
    return {inside(p): p for p in paths}


# ------------------------------------------------------------------------------ clean

def clean_build(graph_dir: Path, shacl: bool, code: str, defer: bool = False) -> Outcome:
    """Everything from the records, and the cache's contents made from it. The emitted text goes to
    the in-memory store and to a file of N-Quads in the cache (written by the loading thread while
    the next batch is emitted), which the cache's on-disk store is made from (``diskstore``): with
    ``defer``, by a process of its own started as soon as the file is whole, while this one makes the
    entries, the checks and the Turtle document (the caller holds the cache folder's lock); else
    here, last. The records are let go of once their entries are made."""
    from ..export.rdf import turtle_body

    files: dict[str, tuple[tuple[int, int, int], bytes, RecordFile | None]] = {}
    quads = cache.new_quads(graph_dir)
    try:
        with no_cycle_collection(), open(quads, "wb") as sink:
            paths = _relative(graph_dir, record_files(graph_dir))
            for rel in progress.track(paths, "reading records", unit="files"):
                path = paths[rel]
                stat, data = cache.file_stat(path), path.read_bytes()
                files[rel] = (stat, cache.digest(data), parse_bytes(data, path))
            built = build_records([rf for _, _, rf in files.values() if rf is not None], copy=sink.write)
        store, triples = built.store, built.triples()
        writer = diskstore.start(graph_dir, quads.name) if defer and store.size_hint() >= DEFER_TRIPLES else None
        with no_cycle_collection():
            entries = {rel: cache.empty_entry(stat, file_digest) if rf is None
                       else cache.entry(rf, stat, file_digest, str(graph_iri(rf)))
                       for rel, (stat, file_digest, rf) in files.items()}
        del built, files
        by_focus = shacl_of_store(store) if shacl else None
        library = bundled()
        checks = {c.name: check_rows(store, c)
                  for c in progress.track(library.checks(), "check queries", unit="queries")}
        where = cache.new_document(graph_dir)
        graphs = sorted(g.value for g in store.named_graphs())
        layout = document.write(where, ((g, turtle_body(store, ox.NamedNode(g))) for g in graphs))
    except BaseException:
        quads.unlink(missing_ok=True)
        raise
    manifest = cache.Manifest(code=code, generation=quads.name, files=entries, violations=by_focus,
                              checks=checks, reads={c.name: predicates_read(c) for c in library.checks()},
                              triples=triples, document=where.name, layout=layout, pending=quads.name)
    if writer is None:
        settled = diskstore.settle(graph_dir, manifest)
        assert settled is not None  # the file was just written
        manifest = settled
    return Outcome(_report(by_focus or {}, checks), manifest, sorted(entries), None, writer=writer)


def _report(by_focus: dict[str, list[Violation]], checks: dict[str, list[tuple[str, Violation]]]) -> Report:
    violations = [v for found in by_focus.values() for v in found] + [v for rows in checks.values() for _, v in rows]
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(not any(v.severity == "Violation" for v in violations), violations)


# ------------------------------------------------------------------------------ incremental

class Unsettled(Exception):
    """Something only a clean build can decide (and report)."""


@dataclass
class _Plan:
    files: dict[str, cache.FileEntry]  # every file's entry as it is now
    emit: dict[str, RecordFile]  # the files to emit again, linked
    index: Index | None  # what they were linked against
    dirty: set[str]  # the named graphs to drop and reload


class _Planner:
    """Works out what a set of file changes reaches, from the last build's entries."""

    def __init__(self, graph_dir: Path, manifest: cache.Manifest) -> None:
        found = record_stats(graph_dir)
        self.current = _relative(graph_dir, (path for path, _ in found))
        self.stats = {rel: cache.stat_key(info) for rel, (_, info) in zip(self.current, found)}
        self.old = manifest.files
        self.parsed: dict[str, RecordFile | None] = {}

    def parse(self, rel: str) -> RecordFile | None:
        if rel not in self.parsed:
            try:
                self.parsed[rel] = parse_file(self.current[rel])
            except InputError as exc:
                raise Unsettled(str(exc)) from exc
        return self.parsed[rel]

    def plan(self) -> _Plan:
        files, changed = self._scan()
        removed = set(self.old) - set(self.current)
        if not changed and not removed:
            return _Plan(files, {}, None, set())
        new_defines = {rel: _defines(self.parse(rel)) for rel in changed}
        definers = self._definers(files, new_defines)

        # the keys whose record changed, appeared or went: every file naming one is emitted again
        moved: set[cache.Key] = set()
        for rel in set(changed) | removed:
            before = self.old[rel].defines if rel in self.old else {}
            after = new_defines.get(rel, {})
            moved |= {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        emit = set(changed) | {rel for rel, e in files.items() if e.refers & moved}

        # a newer (or withdrawn) assessment moves the grade shown on what it grades
        assessments = {rel: e.assessments for rel, e in files.items()}
        assessments.update({rel: _assessments(self.parse(rel)) for rel in changed})
        graded = newest_assessments(chain.from_iterable(e.assessments for e in self.old.values()))
        regraded_to = newest_assessments(chain.from_iterable(assessments.values()))
        regraded = {t for t in graded.keys() | regraded_to.keys() if graded.get(t) != regraded_to.get(t)}
        emit |= {rel for rel, found in assessments.items() if any(t in regraded for t, _, _ in found)}

        # the files of a named graph are emitted together
        graph_of = {rel: e.graph for rel, e in files.items()}
        for rel in changed:
            rf = self.parse(rel)
            graph_of[rel] = str(graph_iri(rf)) if rf is not None else ""
        dirty = {graph_of[rel] for rel in emit} | {self.old[rel].graph for rel in set(changed) | removed
                                                    if rel in self.old}
        dirty.discard("")
        emit |= {rel for rel in self.current if graph_of[rel] in dirty}

        linked, index = self._link(emit, definers, assessments)
        for rel in emit:
            rf = self.parse(rel)
            if rel in files:  # unchanged (emitted for what it names): its stat and digest are known
                stat, file_digest = files[rel].stat, files[rel].digest
            else:
                path = self.current[rel]
                stat, file_digest = cache.file_stat(path), cache.digest(path.read_bytes())
            files[rel] = (cache.empty_entry(stat, file_digest) if rf is None
                          else cache.entry(rf, stat, file_digest, graph_of[rel]))
        return _Plan(files, linked, index, dirty)

    def _scan(self) -> tuple[dict[str, cache.FileEntry], set[str]]:
        """The entries of unchanged files (a new stat, the same content: unchanged) and the changed files."""
        files: dict[str, cache.FileEntry] = {}
        changed: set[str] = set()
        for rel, path in self.current.items():
            stat = self.stats[rel]
            before = self.old.get(rel)
            if before is not None and before.stat == stat:
                files[rel] = before
            elif before is not None and before.digest == cache.digest(path.read_bytes()):
                files[rel] = replace(before, stat=stat)
            else:
                changed.add(rel)
        return files, changed

    def _definers(self, files: dict[str, cache.FileEntry],
                  new_defines: dict[str, dict[cache.Key, bytes]]) -> dict[cache.Key, str]:
        """Which file defines each key now (a key defined twice: a clean build's error)."""
        definers: dict[cache.Key, str] = {}
        for rel in self.current:
            for key in new_defines[rel] if rel in new_defines else files[rel].defines:
                if key in definers:
                    raise Unsettled(f"{key} is defined twice")
                definers[key] = rel
        return definers

    def _link(self, emit: set[str], definers: dict[cache.Key, str],
              assessments: dict[str, tuple[tuple[str, Any, str], ...]]) -> tuple[dict[str, RecordFile], Index]:
        """Resolve the files to emit against an index of them and of the files defining what they name
        (and, for their assessments, every other assessment of the same record)."""
        context: set[str] = set()
        graded: set[str] = set()
        for rel in emit:
            rf = self.parse(rel)
            if rf is None:
                continue
            for kind, record in records_of(rf):
                context |= {definers[key] for key in cache.referred(kind, record) if key in definers}
                if isinstance(record, Assessment):
                    graded.add(record.of.id)
        context |= {rel for rel, found in assessments.items() if any(t in graded for t, _, _ in found)}
        members = [rf for rf in (self.parse(rel) for rel in sorted(emit | context)) if rf is not None]
        try:
            index = build_index(members)
            linked = {}
            for rel in sorted(emit):
                rf = self.parse(rel)
                if rf is not None:
                    resolve_file(rf, index)
                    linked[rel] = rf
        except InputError as exc:
            raise Unsettled(str(exc)) from exc
        return linked, index


def _defines(rf: RecordFile | None) -> dict[cache.Key, bytes]:
    found: dict[cache.Key, bytes] = {}
    for _, record in records_of(rf) if rf is not None else ():
        key = cache.key_of(record)
        if key is not None:
            if key in found:
                raise Unsettled(f"{key} is defined twice in one file")
            found[key] = cache.fingerprint(record)
    return found


def _assessments(rf: RecordFile | None) -> tuple[tuple[str, Any, str], ...]:
    return tuple((r.of.id, r.on, r.id) for _, r in (records_of(rf) if rf is not None else ())
                 if isinstance(r, Assessment))


def incremental_build(graph_dir: Path, manifest: cache.Manifest, shacl: bool) -> Outcome:
    """Rebuild what changed since the manifest's build (Unsettled: only a clean build can tell)."""
    from ..export.rdf import turtle_body

    store_path = cache.store_path(graph_dir)
    found = generation_folder(store_path)
    if found is None or found.name != manifest.generation or (shacl and manifest.violations is None):
        raise Unsettled("the cache's store is not the one its manifest describes")
    kept = cache.folder(graph_dir) / manifest.document
    if not manifest.document or not kept.is_file():
        raise Unsettled("the cache holds no document of its manifest's build")
    with no_cycle_collection():
        plan = _Planner(graph_dir, manifest).plan()
    if plan.index is None:
        same = plan.files.keys() == manifest.files.keys() and all(plan.files[k] is e for k, e in manifest.files.items())
        return Outcome(_report((manifest.violations or {}) if shacl else {}, manifest.checks),
                       replace(manifest, files=plan.files), [], 0, stored=same)

    if len(plan.emit) > max(FEW_FILES, len(plan.files) // 10):
        raise Unsettled(f"{len(plan.emit)} of {len(plan.files)} files to emit again: a clean build costs less")
    lines = {str(g): emit_graph(rfs, plan.index) for g, rfs in by_graph(list(plan.emit.values())).items()}
    ordered = [line for g in sorted(lines) for line in lines[g]]  # every dirty graph's lines, graph by graph
    old_store = ox.Store.read_only(str(found))
    old_document = kept.read_bytes()
    change = _Change.between(old_store, lines, plan.dirty)
    triples = manifest.triples + sum(1 for t in change.gained if not _holds(old_store, t))
    with new_generation(store_path, background=True) as generation:
        generation.rmdir()
        old_store.backup(str(generation))  # hard links to the last generation's files
        del old_store
        target = OxigraphStore(generation)
        # a new generation nobody reads yet: no transaction needed, and a failure discards it whole
        target.store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in sorted(plan.dirty)))
        target.load_nquads("".join(ordered).encode())
        triples -= sum(1 for t in change.lost if not _holds(target.store, t))
        checks = _recheck(target, manifest, change)
        violations = manifest.violations if shacl else None
        validated = 0
        if shacl:
            focus = change.nodes | _naming(target.store, change.retyped)
            validated = len(focus)
            violations = {n: v for n, v in (manifest.violations or {}).items() if n not in focus}
            violations.update(shacl_by_focus(_descriptions(target.store, focus), focus))
        target.close()
        del target

    emitted = OxigraphStore()  # every dirty graph's quads in emission order, as a clean build lists them
    emitted.load_in_order(ordered)
    bodies = {g: turtle_body(emitted, ox.NamedNode(g)) if lines.get(g) else b"" for g in plan.dirty}
    where = cache.new_document(graph_dir)
    layout = document.write(where, document.spliced(old_document, manifest.layout, bodies))
    new = cache.Manifest(manifest.code, generation.name, plan.files, violations, checks, manifest.reads, triples,
                         document=where.name, layout=layout)
    return Outcome(_report(violations or {}, checks), new, sorted(plan.emit), validated)


@dataclass(frozen=True)
class _Change:
    """What the dirty graphs held before and hold now, as N-Triples lines (Oxigraph's own dump
    before, the emitted lines without their graph now), and what follows from the difference. A
    triple written in two forms (a decimal as ``1.50`` and as ``1.5``) counts as moved: more is
    validated again, never less, and the triple count asks the stores."""

    before: frozenset[str]
    after: frozenset[str]
    gained: tuple[ox.Triple, ...]
    lost: tuple[ox.Triple, ...]

    @classmethod
    def between(cls, old: ox.Store, lines: dict[str, list[str]], dirty: set[str]) -> _Change:
        before: set[str] = set()
        after: set[str] = set()
        for graph in dirty:
            dumped = old.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
            before.update(dumped.decode("utf-8").splitlines(keepends=True))
            cut = len(f" <{graph}> .\n")
            after.update(f"{line[:-cut]} .\n" for line in lines.get(graph, []))
        def parsed(found: set[str]) -> tuple[ox.Triple, ...]:
            return tuple(ox.parse(input="".join(sorted(found)), format=ox.RdfFormat.N_TRIPLES))
        return cls(frozenset(before), frozenset(after), parsed(after - before), parsed(before - after))

    @property
    def moved(self) -> tuple[ox.Triple, ...]:
        return self.gained + self.lost

    @property
    def nodes(self) -> set[str]:
        """The subjects of the triples lost or gained (SHACL validates these again)."""
        return {t.subject.value for t in self.moved if isinstance(t.subject, ox.NamedNode)}

    @property
    def retyped(self) -> set[str]:
        return {t.subject.value for t in self.moved
                if isinstance(t.subject, ox.NamedNode) and t.predicate.value == RDF_TYPE}

    @property
    def predicates(self) -> set[str]:
        return {t.predicate.value for t in self.moved}

    @property
    def subjects(self) -> set[str]:
        """Every node the dirty graphs describe, before or now (the checks with a focus run for these)."""
        return {line[1:line.index(">")] for line in self.before | self.after if line.startswith("<")}


def _holds(store: ox.Store, triple: ox.Triple) -> bool:
    """Whether any graph of the store holds the triple."""
    return next(iter(store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)), None) is not None


FOCUS_LIMIT = 2000  # more nodes than this (a query past the guard's length limit): the whole graph is checked


def _recheck(store: OxigraphStore, manifest: cache.Manifest,
             change: _Change) -> dict[str, list[tuple[str, Violation]]]:
    """The check rows after a change: a check reading none of the predicates moved keeps its rows, a
    check with a focus runs again for the nodes of the dirty graphs, any other over the whole graph."""
    rows = dict(manifest.checks)
    moved, nodes = change.predicates, change.subjects
    for check in bundled().checks():
        reads = manifest.reads.get(check.name, None)
        if check.name in manifest.reads and check.name in rows and reads is not None and not reads & moved:
            continue
        if check.focus is not None and check.name in rows and len(nodes) <= FOCUS_LIMIT:
            kept = [(n, v) for n, v in rows[check.name] if n not in nodes]
            rows[check.name] = kept + (check_rows(store, check, nodes) if nodes else [])
        else:
            rows[check.name] = check_rows(store, check)
    return rows


def _naming(store: ox.Store, nodes: set[str]) -> set[str]:
    """The subjects of triples whose object is one of ``nodes`` (their sh:class results may change)."""
    return {q.subject.value for node in nodes for q in store.quads_for_pattern(None, None, ox.NamedNode(node), None)
            if isinstance(q.subject, ox.NamedNode)}


def _descriptions(store: ox.Store, nodes: set[str]) -> Iterator[ox.Quad]:
    """Every triple about the nodes, in any graph, and the types of the nodes they name."""
    rdf_type = ox.NamedNode(RDF_TYPE)
    for node in nodes:
        for q in store.quads_for_pattern(ox.NamedNode(node), None, None, None):
            yield q
            if isinstance(q.object, ox.NamedNode):
                yield from store.quads_for_pattern(q.object, rdf_type, None, None)


# ------------------------------------------------------------------------------ entry points

def cached_build(graph_dir: Path, shacl: bool = True, write: bool = True, defer: bool = False) -> Outcome:
    """Build a graph folder with its cache: incrementally where the cache allows, else clean.

    The cache's store is brought up to date whether or not the graph conforms (its report is cached
    with it), and so is the manifest unless ``write`` is False (the caller then writes it with
    ``cache.write`` once the outputs are written: ``write_outputs`` records them in it). With
    ``defer`` (the caller holds the cache folder's lock), a large clean build's store is written by
    a process of its own, which the outcome names (``Outcome.settle`` waits for it); a later build
    finds it written, or writes it first."""
    graph_dir = Path(graph_dir)
    if not graph_dir.is_dir():
        raise InputError(f"graph directory not found: {graph_dir}")
    code = _code_key()
    manifest = cache.read(graph_dir)
    if manifest is not None and manifest.code == code and manifest.pending:
        # the store found written (its generation names the quads) or written now; the manifest on
        # disk says so when a build next writes it (a rebuild with nothing changed writes none)
        manifest = diskstore.settle(graph_dir, manifest)
    outcome: Outcome | None = None
    if manifest is not None and manifest.code == code:
        try:
            outcome = incremental_build(graph_dir, manifest, shacl)
        except Unsettled:
            outcome = None
    if outcome is None:
        outcome = clean_build(graph_dir, shacl, code, defer)
    previous = manifest
    if previous is not None and outcome.manifest.generation == previous.generation:
        outcome.manifest.outputs, outcome.manifest.stores = previous.outputs, previous.stores
    if write and not outcome.stored:
        cache.write(graph_dir, outcome.manifest)
    return outcome


def write_outputs(graph_dir: Path, outcome: Outcome, output: Path, store: Path | None) -> int:
    """Write the Turtle document and (if asked) a copy of the cache's store, each only if it is not
    already what the cache holds, and record them in the outcome's manifest (written by the caller);
    returns the Turtle's size in bytes. The Turtle is renamed into place only once the store is in
    place (``pending``): a store that cannot be written leaves both as they were."""
    manifest = outcome.manifest
    key = os.path.abspath(output)
    turtle: bytes | None = None
    if not (key in manifest.outputs and output.exists() and cache.file_stat(output) == manifest.outputs[key]):
        turtle = (cache.folder(graph_dir) / manifest.document).read_bytes()
    with pending(output, turtle) if turtle is not None else nullcontext():
        if store is not None:
            where = os.path.abspath(store)  # the path itself: it is a symlink to the generation
            current = generation_folder(store)
            if manifest.stores.get(where) != manifest.generation or current is None or not current.exists():
                copy_store(cache.store_path(graph_dir), store)
                manifest.stores[where] = manifest.generation
                outcome.stored = False
    if turtle is not None:
        manifest.outputs[key] = cache.file_stat(output)
        outcome.stored = False
    return len(turtle) if turtle is not None else output.stat().st_size


def copy_store(source: Path, path: Path) -> None:
    """A copy of the store at ``source`` swapped in at ``path`` (hard links where the disk allows)."""
    with new_generation(path, background=True) as generation:
        generation.rmdir()
        ox.Store.read_only(os.path.realpath(source)).backup(str(generation))
