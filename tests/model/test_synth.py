"""Synthetic corpora: deterministic for a seed, accepted by build, valid."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.model import synth
from figuregraph.cli import app
from figuregraph.rdf.namespace import CITO, FG

runner = CliRunner()


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    assert synth.generate(150, seed=7).files == synth.generate(150, seed=7).files
    assert synth.generate(150, seed=7).files != synth.generate(150, seed=8).files


def test_small_corpus_builds_and_validates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--figures", "120", "-o", str(tmp_path / "corpus"), "--seed", "3"])
    assert result.exit_code == 0, result.output
    built, report = fg.build_valid(tmp_path / "corpus")
    assert report.conforms
    graph = built.graph
    assert len(set(graph.subjects(predicate=FG.value))) == 120
    # chains several hops deep: report -> article -> primary source
    hops = graph.query("ASK { ?r a fg:Report ; cito:cites ?a . ?a cito:cites ?p . }",
                       initNs={"fg": FG._NS, "cito": CITO})
    assert hops.askAnswer
    assert len(set(graph.subjects(predicate=FG.partOf))) > 0


def test_synth_replaces_a_folder_whole(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    synth.write(synth.generate(50, seed=1), target)
    (target / "stale.yaml").write_text("leftover: true\n")
    synth.write(synth.generate(50, seed=2), target)
    assert not (target / "stale.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]
