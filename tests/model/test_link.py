"""Linking resolves every reference and raises every cross-record error, with file, line and record,
before anything is emitted: one file can be checked against the rest without a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from figuregraph.errors import InputError
from figuregraph.model.link import link
from figuregraph.model.records import Figure, parse_directory, parse_text

from ..conftest import GRAPH_DIR

DOC = """source: {{id: probe, kind: report, label: Probe, publisher: euaa}}
citations:
  - {{id: fn1, cites: frontelligence-2025-desertions-loss-ratios, text: "Frontelligence Insight, 2025"}}
figures:
  - id: probe-total
    quote: "a total of 500"
    wording: "500"
    value: 500
    qualifier: exact
    measure: desertion-awol-criminal-cases
    about: russian-armed-forces
    citations: [fn1]
  - id: probe-part
    quote: "120 of them"
    wording: "120"
    value: 120
    qualifier: exact
    measure: desertion-awol-criminal-cases
    about: {about}
    citations: [{citation}]
    part-of: {part_of}
"""


def check(tmp_path: Path, **changes: str) -> list[Figure]:
    fields = {"about": "moscow-region", "citation": "fn1", "part_of": "probe-total", **changes}
    path = tmp_path / "sources" / "probe.yaml"
    others = parse_directory(GRAPH_DIR)
    probe = parse_text(DOC.format(**fields), path)
    assert probe is not None
    index = link([*others, probe])
    return [c for c in index.claims.items.values() if isinstance(c, Figure) and c.id.startswith("probe")]


def test_every_reference_is_resolved_to_its_record(tmp_path: Path) -> None:
    total, part = check(tmp_path)
    assert part.part_of is not None and part.part_of.get() is total
    assert part.about[0].get().label == "Moscow region"
    assert part.citations[0].get().cites.get().id == "frontelligence-2025-desertions-loss-ratios"
    assert part.measure is not None and part.measure.get().unit.get().id == "case"


@pytest.mark.parametrize(("changes", "message", "line"), [
    ({"about": "moscow-regoin"}, "unknown actor or place 'moscow-regoin' (did you mean 'moscow-region'?)", 19),
    ({"citation": "fn2"}, "unknown citation 'fn2' in probe.yaml (did you mean 'fn1'?)", 20),
    ({"part_of": "probe-part"}, "a figure cannot be part of itself", 21),
    ({"part_of": "southern-md-most-desertion-cases-2024-12"}, "is a statement, not a figure", 21),
])
def test_a_cross_record_error_names_file_line_and_record(tmp_path: Path, changes: dict[str, str], message: str,
                                                         line: int) -> None:
    with pytest.raises(InputError) as raised:
        check(tmp_path, **changes)
    assert message in str(raised.value)
    location = raised.value.location
    assert location is not None and location.line == line and location.record == "probe-part"
    assert str(location.file).endswith("probe.yaml")
