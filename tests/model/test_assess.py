"""``assess`` writes through the one record writer: whatever else the assessments file holds stays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import figuregraph as fg
from figuregraph.model.assess import record_assessment
from figuregraph.model.records import Vocabulary, parse_file
from figuregraph.rdf.namespace import FG, iri

EVENTS_AND_ASSESSMENTS = """# Curated by hand: the grades given so far, and events.
assessments:
  - id: mediazona-2026-01-02
    of: mediazona
    reliability: B
    by: "Analyst"
    on: 2026-01-02
    because: "Court records, published method"
events:
  - id: probe-event
    label: a probe event
    date: 2023-05-01
"""


def test_an_assessment_is_added_beside_the_events_of_the_same_file(graph_copy: Path) -> None:
    path = graph_copy / "assessments.yaml"
    path.write_text(EVENTS_AND_ASSESSMENTS, encoding="utf-8")
    recorded = record_assessment(graph_copy, "frontelligence-insight", "c", "OSINT project", "COI analyst",
                                 date(2026, 11, 22))
    assert recorded.id == "frontelligence-insight-2026-11-22"
    parsed = parse_file(path)
    assert isinstance(parsed, Vocabulary)
    assert [e.id for e in parsed.events] == ["probe-event"] and parsed.events[0].on == date(2023, 5, 1)
    assert [a.id for a in parsed.assessments] == ["mediazona-2026-01-02", "frontelligence-insight-2026-11-22"]
    assert path.read_text(encoding="utf-8").startswith("# Curated by hand: the grades given so far, and events.\n")
    built, report = fg.build_valid(graph_copy)
    assert report.conforms
    assert built.graph.value(iri("actor", "frontelligence-insight"), FG.reliability) == FG.reliabilityC
    assert built.graph.value(iri("event", "probe-event"), FG.date) is not None
