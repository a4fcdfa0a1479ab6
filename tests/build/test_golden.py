"""Golden Turtle: the builder's mapping of a small fixture graph, compared by isomorphism.

If the mapping changes on purpose, rebuild the golden file with
``figuregraph build -g tests/fixtures/mini-graph -o tests/build/golden/mini-graph.ttl`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import figuregraph as fg

from ..conftest import MINI

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "mini-graph.ttl"


def test_mini_graph_matches_golden_turtle() -> None:
    built, report = fg.build_valid(MINI)
    assert report.conforms
    golden = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(built.graph, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built.graph), to_isomorphic(golden))
        raise AssertionError(
            "built graph differs from golden:\n+ " + "\n+ ".join(sorted(map(str, only_built)))
            + "\n- " + "\n- ".join(sorted(map(str, only_golden))))


def test_golden_file_is_what_build_writes(tmp_path: Path) -> None:
    """Byte for byte: the serialisation is stable, so the golden file is reproducible."""
    out = tmp_path / "mini.ttl"
    fg.build_and_export(MINI, out)
    assert out.read_bytes() == GOLDEN.read_bytes()
