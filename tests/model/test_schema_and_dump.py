"""The record schema is the one definition of the format: the reader, the writer (``dump``) and the
reference in docs/ come from it, and what ``dump`` writes reads back as the same records."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figuregraph.build import build_records
from figuregraph.model import records
from figuregraph.model.records import Document, Vocabulary, dump, parse_directory, parse_file, parse_text
from figuregraph.model.schema import KINDS, reference

from ..conftest import GRAPH_DIR, REPO


def comparable(value: Any) -> Any:
    """A record as plain data without where it was read (origins, lines, resolved targets)."""
    if isinstance(value, records.Ref):
        return ("ref", value.id)
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, Path):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, comparable(getattr(value, f.name)))
                                            for f in fields(value) if f.name not in ("origin", "path")))
    return value


def test_the_record_format_reference_is_made_from_the_schema() -> None:
    assert (REPO / "docs" / "records.md").read_text(encoding="utf-8") == reference()


def test_every_field_of_every_kind_is_a_field_of_its_record_class() -> None:
    classes = {"actor": records.Actor, "place": records.Place, "event": records.Event, "unit": records.Unit,
               "measure": records.Measure, "assessment": records.Assessment, "source-cite": records.SourceCite,
               "source": records.Source, "citation": records.Citation, "period": records.Period,
               "figure": records.Figure, "statement": records.Statement}
    assert set(classes) == set(KINDS)
    for name, kind in KINDS.items():
        attrs = {f.name for f in fields(classes[name])} - {"origin"}
        assert {f.attr for f in kind.fields} == attrs, name


@pytest.mark.parametrize("path", sorted(GRAPH_DIR.rglob("*.yaml")), ids=lambda p: p.name)
def test_each_curated_file_dumps_to_text_that_reads_back_as_the_same_records(path: Path, tmp_path: Path) -> None:
    parsed = parse_file(path)
    assert parsed is not None
    again = parse_text(dump(parsed), path)
    assert comparable(again) == comparable(parsed)


def test_a_dumped_graph_builds_to_the_same_triples(tmp_path: Path) -> None:
    files = parse_directory(GRAPH_DIR)
    for rf in files:
        target = tmp_path / rf.path.relative_to(GRAPH_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(rf), encoding="utf-8")
    original = build_records(parse_directory(GRAPH_DIR)).store
    rewritten = build_records(parse_directory(tmp_path)).store
    assert sorted(map(str, original.quads())) == sorted(map(str, rewritten.quads()))


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)
WORDS = st.sampled_from(["NO", "yes", "012", "1e3", "null", "~", "- a", "#x", "a: b", "'q'", "\"d\"", "*x", "&y",
                         "@z", "%p", "[1]", "{a}", "2024-01-01", " lead", "trail ", "two\nlines"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=st.one_of(TEXT, WORDS), alias=st.one_of(TEXT, WORDS), quote=st.one_of(TEXT, WORDS),
       value=st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False),
       qualifier=st.sampled_from(["exact", "about", "nearly", "over", "under", "at-least", "up-to"]))
def test_dump_then_read_gives_the_same_records(label: str, alias: str, quote: str, value: Decimal,
                                               qualifier: str) -> None:
    where = Path("sources/doc.yaml")
    origin = records.Origin(where, 0, "x")
    g = records.bounds.rounding_unit(records.decimal_text(value))
    lower, upper = records.bounds.derive(qualifier, value, g)
    actor = records.Actor("an-actor", "organisation", label, origin, aliases=[alias], description=quote)
    figure = records.Figure("f1", quote, origin, [records.Ref("an-actor")], at=3, wording=quote, value=value,
                            qualifier=qualifier, rounding=g, lower=lower, upper=upper,
                            measure=records.Ref("m"), period=records.Period(label))
    doc = Document(where, records.Source("doc", "report", label, origin, title=quote, published="2024-05"),
                   figures=[figure], vocabulary=Vocabulary(where, actors=[actor]))
    again = parse_text(dump(doc, [label]), where)
    assert comparable(again) == comparable(doc)
