"""Property tests: records -> Turtle -> parse gives the same graph; bounds hold; YAML keeps text."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

import figuregraph as fg
from figuregraph.model import bounds
from figuregraph.rdf.namespace import FG, iri
from figuregraph.build import BuiltGraph
from figuregraph.model.fields import NUMBER_PATTERN
from figuregraph.model.yamlio import load_yaml

from ..conftest import GRAPH_DIR
from ..conftest import MINI
from ..values import py

MEASURES = ["deserters", "persons-convicted-desertion", "desertion-awol-criminal-cases"]
SUBJECTS = ["russian-armed-forces", "southern-military-district", "moscow-region", "north-caucasus"]
ACTORS = ["mediazona", "frontelligence-insight", "uk-ministry-of-defence"]
SIMPLE_QUALIFIERS = sorted(set(bounds.RULES) - {"range", "order-of-magnitude"})

# Printable text of any script, with quotes, backslashes and emoji; no control characters.
text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != "")
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(
        lambda d: format(d, "f")),
).filter(lambda s: NUMBER_PATTERN.match(s) is not None)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def figure_records(draw: st.DrawFn, index: int) -> dict[str, object]:
    qualifier = draw(st.sampled_from([*SIMPLE_QUALIFIERS, "range", "order-of-magnitude"]))
    record: dict[str, object] = {"id": f"f{index}", "quote": draw(text), "wording": draw(text)}
    if qualifier == "order-of-magnitude":
        record["value"] = str(10 ** draw(st.integers(min_value=1, max_value=9)))
    elif qualifier == "range":
        lo, hi = sorted(draw(st.lists(st.integers(0, 10**9), min_size=2, max_size=2)))
        record.update(value=str(draw(st.integers(lo, hi))), lower=str(lo), upper=str(hi))
    else:
        record["value"] = draw(numbers)
    record.update(qualifier=qualifier, measure=draw(st.sampled_from(MEASURES)),
                  about=draw(st.sampled_from(SUBJECTS)))
    if draw(st.booleans()):
        start, end = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
        record["period"] = {"phrase": draw(text), "start": start.isoformat(), "end": end.isoformat()}
    record["reported-by"] = draw(st.lists(st.sampled_from(ACTORS), min_size=1, max_size=2, unique=True))
    record["citations"] = ["c1"]
    if draw(st.booleans()):
        record["at"] = str(draw(st.integers(0, 10**6)))
    return record


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    count = draw(st.integers(min_value=1, max_value=4))
    return {
        "source": {"id": "prop-doc", "kind": "report", "label": draw(text), "publisher": "mediazona"},
        "citations": [{"id": "c1", "number": "1", "cites": "mediazona-military-court-desertion-data",
                       "text": draw(text)}],
        "figures": [draw(figure_records(i)) for i in range(count)],
    }


def _build(doc: dict[str, object]) -> BuiltGraph:
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(GRAPH_DIR / "vocab", folder / "vocab")
        shutil.copy(GRAPH_DIR / "sources" / "mediazona-military-court-desertion-data.yaml", folder)
        (folder / "doc.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return fg.build(folder)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_records_to_turtle_and_back_is_the_same_graph(doc: dict[str, Any]) -> None:
    built = _build(doc)
    turtle = fg.serialize(built.dataset, "turtle")
    assert fg.serialize(built.dataset, "turtle") == turtle  # deterministic
    back = Graph().parse(data=turtle, format="turtle")
    assert isomorphic(back, built.graph)
    for record in doc["figures"]:
        node = iri("figure", record["id"])
        assert str(back.value(node, FG.wording)) == record["wording"]
        assert str(back.value(node, FG.quote)) == record["quote"]
        value = py(back.value(node, FG.value))
        assert value == Decimal(record["value"])
        lower, upper = back.value(node, FG.lowerBound), back.value(node, FG.upperBound)
        assert lower is None or py(lower) <= value
        assert upper is None or value <= py(upper)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_records_validate(doc: dict[str, object]) -> None:
    assert fg.validate(_build(doc).graph).conforms


@given(st.sampled_from(SIMPLE_QUALIFIERS), numbers)
def test_bounds_contain_the_value(qualifier: str, written: str) -> None:
    value = Decimal(written)
    g = bounds.rounding_unit(written)
    lo, hi = bounds.derive(qualifier, value, g)
    assert lo is None or lo <= value
    assert hi is None or value <= hi
    assert g > 0


@given(text)
def test_yaml_scalars_are_read_as_the_text_written(value: str) -> None:
    path = Path(tempfile.mkdtemp()) / "x.yaml"
    try:
        path.write_text(yaml.safe_dump({"k": value, "n": [value]}, allow_unicode=True), encoding="utf-8")
        loaded = load_yaml(path)
        assert isinstance(loaded, dict) and loaded["k"] == value and loaded["n"] == [value]
    finally:
        shutil.rmtree(path.parent)


def test_build_keeps_text_with_escapes_exactly(tmp_path: Path) -> None:
    """Text goes into the store as N-Quads: quotes, backslashes, line breaks, tabs, carriage
    returns and characters beyond the BMP come back exactly as written."""
    tricky = 'Outlet "B", p. 4\\5\n\tsecond line\r\nend \U0001F600 \u00e9\u200b'
    graph = tmp_path / "graph"
    shutil.copytree(MINI, graph)
    report = graph / "sources" / "agency-report.yaml"
    escaped = json.dumps(tricky, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    report.write_text(report.read_text().replace('"Outlet B, Recruits, 2 May 2025, p. 4"', escaped))
    built = fg.build(graph)
    rows = built.store.query(f"SELECT ?t WHERE {{ ?c <{FG.citationText}> ?t }}").rows
    assert [str(row[0]) for row in rows] == [tricky]
