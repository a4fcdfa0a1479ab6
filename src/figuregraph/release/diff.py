"""What changed between two datasets, in the terms a researcher reads.

Figures (value, bounds, wording, qualifier, measure, subject, period, reporting actor,
stating document, total, backing sources), statements, sources (label, title, date,
publisher, URL, what they cite) and actors (name, kind): added, removed or changed.
Never raw triples."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

from rdflib import URIRef

from ..model.schema import ACTOR_CLASSES, SOURCE_CLASSES
from ..rdf.namespace import FG, local_id
from ..store.base import Store
from ..store.library import run, run_each

# What is read of each kind of entity: internal queries (queries/internal/diff-*.rq); sources and
# actors are read one class at a time.
KINDS = (("figure", ("diff-figures", "diff-figure-periods", "diff-figure-sources")),
         ("statement", ("diff-statements",)), ("source", ("diff-sources",)), ("actor", ("diff-actors",)))
CLASSES: dict[str, tuple[URIRef, ...]] = {"diff-sources": (FG.Source, *SOURCE_CLASSES.values()),
                                          "diff-actors": (FG.Actor, *ACTOR_CLASSES.values())}
RENAMES = {("actor", "name"): "renamed"}
SET_FIELDS = {"source", "cites", "kind", "also called", "author"}

Snapshot = dict[str, dict[str, dict[str, frozenset[str]]]]  # kind -> entity id -> field -> values


@dataclass(frozen=True, order=True)
class Change:
    kind: str
    id: str
    change: str  # added | removed | changed | renamed | source added | source removed | ...
    field: str = ""
    old: str = ""
    new: str = ""

    def row(self) -> tuple[str, str, str, str, str, str]:
        return (self.kind, self.id, self.change, self.field, self.old, self.new)


COLUMNS = ("kind", "id", "change", "field", "old", "new")


def _value(term: object) -> str:
    return local_id(term)


def snapshot(store: Store) -> Snapshot:
    """What a researcher reads of a dataset, as plain values by entity and field."""
    shot: Snapshot = {}
    for kind, queries in KINDS:
        entities: dict[str, dict[str, set[str]]] = {}
        for name in queries:
            result = run_each(store, name, "cls", CLASSES[name]) if name in CLASSES else run(store, name)
            for row in result.dicts():
                entities.setdefault(_value(row["e"]), {}).setdefault(str(row["field"]), set()).add(_value(row["v"]))
        shot[kind] = {e: _merge_bounds({f: frozenset(v) for f, v in fields.items()}) for e, fields in entities.items()}
    return shot


def _merge_bounds(fields: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """A figure's value and bounds read as one field: ``684 [684..684]`` (``open`` for no bound)."""
    if "value" not in fields:
        return fields
    lower = _show(fields.pop("lower bound", frozenset())) or "open"
    upper = _show(fields.pop("upper bound", frozenset())) or "open"
    fields["value"] = frozenset({f"{_show(fields['value'])} [{lower}..{upper}]"})
    return fields


def _show(values: Iterable[str]) -> str:
    return " | ".join(sorted(values))


def _field_changes(kind: str, ident: str, old: dict[str, frozenset[str]],
                   new: dict[str, frozenset[str]]) -> list[Change]:
    changes = []
    for field in sorted(set(old) | set(new)):
        before, after = old.get(field, frozenset()), new.get(field, frozenset())
        if before == after:
            continue
        if field in SET_FIELDS:
            changes += [Change(kind, ident, f"{field} added", field, "", v) for v in sorted(after - before)]
            changes += [Change(kind, ident, f"{field} removed", field, v, "") for v in sorted(before - after)]
        else:
            label = RENAMES.get((kind, field), "changed")
            changes.append(Change(kind, ident, label, field, _show(before), _show(after)))
    return changes


def diff(old: Store, new: Store) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by kind, id and field."""
    a, b = snapshot(old), snapshot(new)
    changes: list[Change] = []
    for kind, _ in KINDS:
        before, after = a[kind], b[kind]
        for ident in sorted(set(before) | set(after)):
            if ident not in after:
                changes.append(Change(kind, ident, "removed", old=_label(before[ident])))
            elif ident not in before:
                changes.append(Change(kind, ident, "added", new=_label(after[ident])))
            else:
                changes += _field_changes(kind, ident, before[ident], after[ident])
    return changes


def _label(fields: dict[str, frozenset[str]]) -> str:
    for key in ("wording", "name", "label", "quote"):
        if key in fields:
            return _show(fields[key])
    return ""
