"""The explore index: what the pages need and no query should scan for, built once per store.

One SQLite file (the standard library's ``sqlite3`` with FTS5):

- ``items``: every labelled record (id, kind, label, a date), for the home page's counts and
  documents, and for "did you mean" on an unknown id;
- ``texts``: full-text search over labels, other names and titles, wordings, quotes and citation
  texts (FTS5, diacritics folded, prefix search on the last word);
- ``facets``: kind, measure, subject, reporter, period (the year its period ends) and credibility
  of each item, counted over the matches of a search;
- ``judgements``: the audit's findings and credibility of every figure (an audit reads the whole
  graph, so it runs here, not per page).

An on-disk store's index is kept in the user's cache folder, named after the store's path, with a
fingerprint of the store's files: it is rebuilt when the store changes, and opened as it is
otherwise (a server start reads no triple for it)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator, Sequence

from ...errors import close_matches
from ...rdf.literals import plain
from ...store.base import Store
from ...store.library import run
from ..evidence import Judgement, Verdict, judgements
from ..facts import kind_of
from ..project import node_id

VERSION = "1"  # of the index's layout: a new one rebuilds every index
FACETS = ("kind", "measure", "subject", "reporter", "period", "credibility")
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
                   date TEXT);
CREATE INDEX items_by_kind ON items(kind, date);
CREATE VIRTUAL TABLE texts USING fts5(label, names, words, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE facets(item INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX facets_by_value ON facets(facet, value, item);
CREATE INDEX facets_by_item ON facets(item, facet, value);
CREATE TABLE judgements(id TEXT PRIMARY KEY, data TEXT NOT NULL);
"""
MARK_START, MARK_END = "\x02", "\x03"  # around the words a snippet matched; never in record text
PAGE = 50
BROAD = 16  # a search matching over 1/BROAD of the facet rows counts its facets in one pass over them


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    label: str
    snippet: str  # with MARK_START / MARK_END around matched words


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, str, int]]]  # facet -> (value, label, count), most first


@dataclass
class _Item:
    id: str
    kind: str
    label: str
    date: str | None = None
    names: set[str] = dataclasses.field(default_factory=set)
    words: set[str] = dataclasses.field(default_factory=set)
    facets: set[tuple[str, str]] = dataclasses.field(default_factory=set)


def _items(store: Store, graded: dict[str, Judgement]) -> list[_Item]:
    """The index's rows, from the ``explore-search`` query (one row per combination of values)."""
    items: dict[str, _Item] = {}
    for row in run(store, "explore-search").dicts():
        ident = node_id(row["item"])
        item = items.get(ident)
        if item is None:
            item = items[ident] = _Item(ident, kind_of(ident), str(row["label"]))
            item.facets.add(("kind", item.kind))
        for key in ("alias", "title"):
            if row[key] is not None:
                item.names.add(str(row[key]))
        for key in ("wording", "quote", "text"):
            if row[key] is not None:
                item.words.add(str(row[key]))
        for key, facet in (("measure", "measure"), ("subject", "subject"), ("reporter", "reporter")):
            if row[key] is not None:
                item.facets.add((facet, node_id(row[key])))
        end = plain(row["periodEnd"])
        if end is not None:
            item.facets.add(("period", str(end)[:4]))
        when = end if end is not None else plain(row["published"])
        if when is not None and (item.date is None or str(when) > item.date):
            item.date = str(when)
    for ident, judgement in graded.items():
        if ident in items and judgement.credibility is not None:
            items[ident].facets.add(("credibility", str(judgement.credibility)))
    return [items[k] for k in sorted(items)]


def fingerprint(folder: Path) -> str:
    """What an on-disk store's files are: their names, sizes and modification times."""
    listing = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                     for p in folder.resolve().iterdir() if p.is_file())
    return hashlib.sha256(json.dumps([VERSION, str(folder.resolve()), listing]).encode()).hexdigest()


def cache_path(folder: Path) -> Path:
    """Where the index of the store in ``folder`` is kept: the user's cache, named after its path."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "figuregraph" / "explore"
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return base / f"{name}.sqlite"


def _judgement_data(judgement: Judgement) -> str:
    """The judgement as JSON, field by field (``dataclasses.asdict`` deep-copies every value on the way)."""
    verdicts = [{"kind": v.kind, "figures": list(v.figures), "reason": v.reason, "verdict": v.verdict}
                for v in judgement.verdicts]
    return json.dumps({"verdicts": verdicts, "credibility": judgement.credibility, "reason": judgement.reason},
                      ensure_ascii=False)


def _judgement(text: str) -> Judgement:
    data = json.loads(text)
    verdicts = tuple(Verdict(v["kind"], tuple(v["figures"]), v["reason"], v["verdict"]) for v in data["verdicts"])
    return Judgement(verdicts, data["credibility"], data["reason"])


class Index:
    """An open explore index. Safe to share between threads (one connection, used under a lock)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self._facets: int | None = None  # facet rows in all

    # -- making one -----------------------------------------------------------------------
    @classmethod
    def build(cls, store: Store, target: Path | None = None, fingerprint: str = "") -> Index:
        """Build the index of ``store``: in ``target`` (written beside it, then renamed over it), or in
        memory; its two stages show as a progress step."""
        from ...audit import run_audit
        from ...progress import task

        with task("explore index", total=2, unit="stages") as step:
            step.stage("auditing the graph (once per store)")
            graded = judgements(run_audit(store))
            step.stage("indexing labels, wordings, quotes and titles")
            index = cls._write(store, graded, target, fingerprint)
            step.advance()
        return index

    @classmethod
    def _write(cls, store: Store, graded: dict[str, Judgement], target: Path | None, fingerprint: str) -> Index:
        items = _items(store, graded)
        partial = None if target is None else target.with_name(target.name + f".{os.getpid()}.partial")
        if partial is not None:
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)
        db = sqlite3.connect(":memory:" if partial is None else str(partial), check_same_thread=False)
        db.executescript(SCHEMA)
        with db:
            db.execute("INSERT INTO meta VALUES ('version', ?), ('fingerprint', ?)", (VERSION, fingerprint))
            for number, item in enumerate(items, start=1):
                db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                           (number, item.id, item.kind, item.label, item.date))
                db.execute("INSERT INTO texts(rowid, label, names, words) VALUES (?, ?, ?, ?)",
                           (number, item.label, "\n".join(sorted(item.names)), "\n".join(sorted(item.words))))
                db.executemany("INSERT INTO facets VALUES (?, ?, ?)", [(number, f, v) for f, v in sorted(item.facets)])
            db.executemany("INSERT INTO judgements VALUES (?, ?)",
                           [(ident, _judgement_data(j)) for ident, j in graded.items()])
        if partial is None or target is None:
            return cls(db)
        db.close()
        os.replace(partial, target)
        return cls(sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False))

    @classmethod
    def for_folder(cls, store: Store, folder: Path, warn: Callable[[str], None] = lambda _: None) -> Index:
        """The index of the on-disk store in ``folder``: the cached one if the store has not changed since
        it was built, else a new one (kept in the cache; in memory, with a word to ``warn``, if the cache
        cannot be written)."""
        path, stamp = cache_path(folder), fingerprint(folder)
        if path.exists():
            try:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("version") == VERSION and meta.get("fingerprint") == stamp:
                    return cls(db)
                db.close()
            except sqlite3.DatabaseError:
                pass
        try:
            return cls.build(store, path, stamp)
        except OSError as exc:
            warn(f"cannot keep the explore index in {path.parent} ({exc.strerror}); it is kept in memory")
            return cls.build(store, None, stamp)

    # -- reading --------------------------------------------------------------------------
    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def counts(self) -> list[tuple[str, int]]:
        """How many items of each kind, most first."""
        return [(k, n) for k, n in self._rows("SELECT kind, COUNT(*) FROM items GROUP BY kind ORDER BY 2 DESC, 1")]

    def documents(self, limit: int = 100) -> list[tuple[str, str, str | None]]:
        """Sources by date, latest first (undated last): (id, label, date)."""
        return [tuple(r) for r in self._rows(
            "SELECT id, label, date FROM items WHERE kind = 'source' ORDER BY date IS NULL, date DESC, label LIMIT ?",
            (limit,))]

    def label(self, ident: str) -> str | None:
        found = self._rows("SELECT label FROM items WHERE id = ?", (ident,))
        return str(found[0][0]) if found else None

    def labels(self, idents: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(idents), 500):
            chunk = list(idents[start:start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._rows(f"SELECT id, label FROM items WHERE id IN ({marks})", chunk)
            found.update({str(ident): str(label) for ident, label in rows})
        return found

    def kind(self, ident: str) -> str | None:
        found = self._rows("SELECT kind FROM items WHERE id = ?", (ident,))
        return str(found[0][0]) if found else None

    def judgement(self, ident: str) -> Judgement | None:
        found = self._rows("SELECT data FROM judgements WHERE id = ?", (ident,))
        return _judgement(found[0][0]) if found else None

    def similar(self, ident: str, n: int = 3) -> list[str]:
        """The ids spelled most like ``ident``: of its kind, those sharing its first word, else all."""
        kind, _, rest = ident.partition("/")
        head = re.split(r"[-_/]", rest or kind)[0]
        pool = [str(r[0]) for r in self._rows("SELECT id FROM items WHERE id LIKE ? ESCAPE '\\'",
                                              (_like(f"{kind}/{head}") + "%",))]
        if not pool:
            pool = [str(r[0]) for r in self._rows("SELECT id FROM items WHERE kind = ? LIMIT 5000", (kind,))]
        return close_matches(ident, pool, n=n)

    def search(self, text: str, filters: dict[str, str] | None = None, offset: int = 0) -> Results:
        """The items matching ``text`` (every item when it is empty) and the ``filters`` (facet -> value),
        best first; with counts of each facet's values over all the matches."""
        match = fts_query(text)
        chosen, chosen_args = [], []  # type: tuple[list[str], list[Any]]
        for facet, value in sorted((filters or {}).items()):
            if facet in FACETS and value:
                chosen.append("i.rowid IN (SELECT item FROM facets WHERE facet = ? AND value = ?)")
                chosen_args += [facet, value]
        where, args = list(chosen), list(chosen_args)
        if match:
            where.insert(0, "i.rowid IN (SELECT rowid FROM texts WHERE texts MATCH ?)")
            args.insert(0, match)
        condition = " AND ".join(where) or "1"
        if match and not chosen:
            total = int(self._rows("SELECT COUNT(*) FROM texts WHERE texts MATCH ?", [match])[0][0])
        else:
            total = int(self._rows(f"SELECT COUNT(*) FROM items i WHERE {condition}", args)[0][0])
        if match:
            rows = self._rows(
                "SELECT i.id, i.kind, i.label, snippet(texts, -1, ?, ?, '\u2026', 16) FROM texts "
                f"JOIN items i ON i.rowid = texts.rowid WHERE texts MATCH ? AND {' AND '.join(chosen) or '1'} "
                "ORDER BY bm25(texts, 4.0, 2.0, 1.0), i.id LIMIT ? OFFSET ?",
                [MARK_START, MARK_END, match, *chosen_args, PAGE, offset])
        else:
            rows = self._rows(f"SELECT i.id, i.kind, i.label, '' FROM items i WHERE {condition} "
                              "ORDER BY i.kind, i.date DESC, i.label LIMIT ? OFFSET ?", [*args, PAGE, offset])
        hits = [Hit(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]
        if total * BROAD > self._facet_rows():
            # many matches: one pass over the facets in (facet, value) order, each row's item looked
            # up among the matches, is faster than the matches' facets gathered and sorted
            counted = self._rows("SELECT facet, value, COUNT(*) FROM facets INDEXED BY facets_by_value WHERE item IN "
                                 f"(SELECT i.rowid FROM items i WHERE {condition}) GROUP BY facet, value", args)
        else:
            counted = self._rows(f"SELECT f.facet, f.value, COUNT(*) FROM facets f JOIN items i ON i.rowid = f.item "
                                 f"WHERE {condition} GROUP BY f.facet, f.value", args)
        facets: dict[str, list[tuple[str, str, int]]] = {f: [] for f in FACETS}
        named = self.labels([str(v) for f, v, _ in counted if f in ("measure", "subject", "reporter")])
        for facet, value, count in counted:
            facets[str(facet)].append((str(value), named.get(str(value), str(value)), int(count)))
        for values in facets.values():
            values.sort(key=lambda v: (-v[2], v[1]))
        return Results(hits, total, facets)

    def _facet_rows(self) -> int:
        if self._facets is None:
            self._facets = int(self._rows("SELECT COUNT(*) FROM facets")[0][0])
        return self._facets

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _like(text: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", text)


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word required, the last one as a prefix; nothing of
    FTS5's own syntax gets through (each word is a quoted string)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) + ("*" if words else "")


def marked(snippet: str) -> Iterator[tuple[str, bool]]:
    """A snippet's pieces, each with whether the search matched it (for ``<mark>``)."""
    for piece in re.split(f"({MARK_START}.*?{MARK_END})", snippet):
        if piece.startswith(MARK_START):
            yield piece.strip(MARK_START + MARK_END), True
        elif piece:
            yield piece, False
