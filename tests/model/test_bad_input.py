"""Bad records: one clear message naming file, line and record; exit 2; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.cli import app
from figuregraph.rdf.namespace import iri

runner = CliRunner()

# A small valid document written for these tests; each case breaks one thing in it.
DOC = """\
# a test document
source:
  id: test-doc
  kind: report
  label: Test report
  publisher: euaa
  published: 2025-01-31
citations:
  - id: fn1
    number: "1"
    cites: mediazona-military-court-desertion-data
    text: Mediazona, court data
figures:
  - id: test-figure
    quote: about 1 200 cases
    wording: about 1 200
    value: 1200
    qualifier: about
    measure: desertion-awol-criminal-cases
    about: russian-armed-forces
    period: {phrase: in 2024, start: 2024-01-01, end: 2024-12-31}
    reported-by: [mediazona]
    citations: [fn1]
"""

PREVIOUS = b"previous dataset, must survive a failed build\n"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in fixture")


def build_cli(graph: Path, output: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["build", "--graph", str(graph), "--output", str(output)])
    return result.exit_code, result.output


CASES = {
    # name: (old text, new text, expected message part, line marker in the new text, record)
    "yaml-syntax": ("  kind: report\n", "  kind: [report\n", "YAML syntax error", None, None),
    "duplicate-key": ("    value: 1200\n", "    value: 1200\n    value: 1300\n", "duplicate key 'value'",
                      "value: 1300", None),
    "not-a-number-words": ("value: 1200", "value: 12 million", "'value' is not a number: '12 million'",
                           "12 million", "test-figure"),
    "not-a-number-nan": ("value: 1200", "value: .nan", "'value' is not a number: '.nan'", ".nan", "test-figure"),
    "not-a-number-NaN": ("value: 1200", "value: NaN", "'value' is not a number: 'NaN'", "NaN", "test-figure"),
    "leading-zero": ("value: 1200", "value: 012", "leading zero", "012", "test-figure"),
    "unknown-qualifier": ("qualifier: about", "qualifier: approximately", "unknown qualifier 'approximately'",
                          "approximately", "test-figure"),
    "unknown-measure": ("measure: desertion-awol-criminal-cases", "measure: desertions",
                        "unknown measure 'desertions'", "measure: desertions", "test-figure"),
    "unknown-actor": ("reported-by: [mediazona]", "reported-by: [mediazone]",
                      "unknown actor 'mediazone' (did you mean 'mediazona'?)", "mediazone", "test-figure"),
    "unknown-source": ("cites: mediazona-military-court-desertion-data", "cites: nowhere-report",
                       "unknown source 'nowhere-report'", "nowhere-report", "fn1"),
    "unknown-citation": ("citations: [fn1]", "citations: [fn2]", "unknown citation 'fn2'", "fn2", "test-figure"),
    "bounds-out-of-order": ("    qualifier: about\n", "    qualifier: range\n    lower: 1300\n    upper: 1100\n",
                            "bounds out of order", "value: 1200", "test-figure"),
    "bounds-for-non-range": ("    qualifier: about\n", "    qualifier: about\n    lower: 1100\n",
                             "give 'lower'/'upper' only for a range", "value: 1200", "test-figure"),
    "period-out-of-order": ("start: 2024-01-01, end: 2024-12-31", "start: 2024-12-31, end: 2024-01-01",
                            "period out of order", "phrase: in 2024", "test-figure"),
    "not-a-date": ("published: 2025-01-31", "published: 2025-02-30", "not a real date", "2025-02-30", "test-doc"),
    "misspelt-field": ("    wording: about 1 200\n", "    wordng: about 1 200\n",
                       "needs a 'wording' field (is 'wordng' a misspelling of it?)", "wordng", "test-figure"),
    "unknown-field": ("    wording: about 1 200\n", "    wording: about 1 200\n    confidence: high\n",
                      "unknown field 'confidence'", "confidence", "test-figure"),
    "missing-field": ("    wording: about 1 200\n", "", "needs a 'wording' field", "id: test-figure", "test-figure"),
    "empty-value": ("value: 1200", "value:", "needs a 'value' field", "id: test-figure", "test-figure"),
    "bad-id": ("id: test-figure", "id: Test Figure", "not a valid id", "Test Figure", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_record(graph_copy: Path, tmp_path: Path, case: str) -> None:
    old, new, message, marker, record = CASES[case]
    assert old in DOC
    text = DOC.replace(old, new, 1)
    bad = graph_copy / "sources" / "test-doc.yaml"
    bad.write_text(text, encoding="utf-8")
    output = tmp_path / "dist" / "figuregraph.ttl"
    output.parent.mkdir()
    output.write_bytes(PREVIOUS)

    code, out = build_cli(graph_copy, output)

    assert code == 2, out
    assert message in out
    assert "test-doc.yaml" in out
    if marker:
        assert f"test-doc.yaml:{line_of(text, marker)}" in out
    else:
        assert "test-doc.yaml:" in out
    if record:
        assert f"record '{record}'" in out
    assert "Traceback" not in out
    assert output.read_bytes() == PREVIOUS
    assert sorted(p.name for p in output.parent.iterdir()) == ["figuregraph.ttl"]  # no temp file left


def test_valid_fixture_builds(graph_copy: Path, tmp_path: Path) -> None:
    """The unbroken fixture builds: each failure above comes from its one change."""
    (graph_copy / "sources" / "test-doc.yaml").write_text(DOC, encoding="utf-8")
    code, out = build_cli(graph_copy, tmp_path / "out.ttl")
    assert code == 0, out
    assert (tmp_path / "out.ttl").stat().st_size > 0


def test_duplicate_record_id_across_files(graph_copy: Path, tmp_path: Path) -> None:
    text = DOC.replace("id: test-doc", "id: mediazona-military-court-desertion-data")
    (graph_copy / "sources" / "zz-copy.yaml").write_text(text, encoding="utf-8")
    code, out = build_cli(graph_copy, tmp_path / "out.ttl")
    assert code == 2
    assert "duplicate source id 'mediazona-military-court-desertion-data'" in out
    assert f"zz-copy.yaml:{line_of(text, 'id: mediazona')}" in out
    assert "first defined in" in out and "mediazona-military-court-desertion-data.yaml" in out
    assert not (tmp_path / "out.ttl").exists()


def test_duplicate_figure_id_across_files(graph_copy: Path, tmp_path: Path) -> None:
    text = DOC.replace("id: test-figure", "id: deserters-since-2022")
    (graph_copy / "sources" / "test-doc.yaml").write_text(text, encoding="utf-8")
    code, out = build_cli(graph_copy, tmp_path / "out.ttl")
    assert code == 2 and "duplicate figure or statement id 'deserters-since-2022'" in out


def test_non_utf8_file(graph_copy: Path, tmp_path: Path) -> None:
    (graph_copy / "sources" / "test-doc.yaml").write_bytes(DOC.encode("utf-8") + b"\n# caf\xe9\n")
    code, out = build_cli(graph_copy, tmp_path / "out.ttl")
    bad_line = DOC.count("\n") + 2  # after the document and one blank line
    assert code == 2 and "not valid UTF-8" in out and f"test-doc.yaml:{bad_line}" in out


def test_yaml_aliases_refused(graph_copy: Path, tmp_path: Path) -> None:
    text = DOC.replace("  label: Test report", "  label: &l Test report\n  title: *l")
    (graph_copy / "sources" / "test-doc.yaml").write_text(text, encoding="utf-8")
    code, out = build_cli(graph_copy, tmp_path / "out.ttl")
    assert code == 2 and "anchors and aliases" in out


def test_missing_graph_directory(tmp_path: Path) -> None:
    code, out = build_cli(tmp_path / "nowhere", tmp_path / "out.ttl")
    assert code == 2 and "graph directory not found" in out


def test_yaml_one_point_one_traps_keep_their_text(graph_copy: Path) -> None:
    """NO, yes, 012, 1e3 and dates stay the text they are where a field is text."""
    vocab = graph_copy / "vocab" / "traps.yaml"
    vocab.write_text(
        "places:\n"
        "  - {id: norway, kind: country, label: NO, aliases: [yes, off, 012, 1e3, 2024-01-01]}\n",
        encoding="utf-8")
    built = fg.build(graph_copy)
    node = iri("place", "norway")
    assert built.graph.value(node, RDFS.label) == Literal("NO")
    from rdflib.namespace import SKOS
    assert {str(a) for a in built.graph.objects(node, SKOS.altLabel)} == {"yes", "off", "012", "1e3", "2024-01-01"}


def test_validation_failure_exits_1_and_writes_nothing(graph_copy: Path, tmp_path: Path) -> None:
    # parses and links, but breaks a shape: a figure with neither citation nor reporter
    text = DOC.replace("    reported-by: [mediazona]\n    citations: [fn1]\n", "")
    (graph_copy / "sources" / "test-doc.yaml").write_text(text, encoding="utf-8")
    output = tmp_path / "out.ttl"
    output.write_bytes(PREVIOUS)
    code, out = build_cli(graph_copy, output)
    assert code == 1, out
    assert "does not conform" in out and "test-figure" in out
    assert output.read_bytes() == PREVIOUS
    result = runner.invoke(app, ["validate", "--graph", str(graph_copy), "--format", "json"])
    assert result.exit_code == 1
    assert "A claim needs at least one citation or reporting actor." in result.output
