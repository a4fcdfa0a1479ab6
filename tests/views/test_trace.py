"""Issue 21: ``figuregraph trace FIGURE``, the evidence of one figure as a tree. Its links are the
citation-chain query's rows, for every seed figure; ``--format json`` is the same tree, as its schema
says."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.cli import app
from figuregraph.rdf.literals import display
from figuregraph.store import Store
from figuregraph.views.evidence import as_data, evidence, figure_iri
from figuregraph.views.project import node_id

from ..conftest import GRAPH_DIR
from ..schemas import output
from ..expected import FIGURES

runner = CliRunner()
SOUTH = "desertion-awol-cases-southern-md-2024-12"


def chain_rows(store: Store, figure: str) -> set[tuple[str, str, str, str | None]]:
    rows = fg.run_query(store, "citation-chain", {"figure": figure}).dicts()
    return {(node_id(r["from"]), display(r["relation"]), node_id(r["to"]),
             None if r["number"] is None else str(r["number"])) for r in rows}


def links_of(node: dict[str, Any]) -> set[tuple[str, str, str, str | None]]:
    found = set()
    for child in node["children"]:
        if child["relation"] and node["id"] and child["id"]:
            found.add((node["id"], child["relation"], child["id"], child["footnote"]))
        found |= links_of(child)
    return found


@pytest.mark.parametrize("figure", sorted(FIGURES))
def test_the_tree_is_the_citation_chain(seed_store: Store, figure: str) -> None:
    tree = evidence(seed_store, figure_iri(seed_store, figure))
    assert links_of(as_data(tree)) == chain_rows(seed_store, figure)
    # not only the query's rows over again: the document and reporters the records give the figure
    *_, reporters, _, document = FIGURES[figure]
    assert [c.id for c in tree.children if c.relation == "fg:statedIn"] == [f"source/{document}"]
    assert {c.id for c in tree.children if c.kind == "actor"} == {f"actor/{r}" for r in reporters}
    assert tree.id == f"figure/{figure}"


def test_trace_as_json_is_the_same_tree_and_matches_its_schema(seed_store: Store) -> None:
    data = output("trace", ["trace", SOUTH, "--graph", str(GRAPH_DIR), "--format", "json"])
    assert links_of(data) == chain_rows(seed_store, SOUTH)
    kinds = [c["kind"] for c in data["children"]]
    assert kinds == ["source", "actor", "credibility", "audit"]
    footnotes = [c for c in data["children"][0]["children"]]
    assert [(c["footnote"], c["id"], c["primary"]) for c in footnotes] == [
        ("957", "source/frontelligence-2025-desertions-loss-ratios", True),
        ("960", "source/frontelligence-2025-desertions-loss-ratios", True)]
    verdict = data["children"][3]["children"][0]
    assert verdict["label"] == "part of: consistent"
    assert [f["id"] for f in verdict["children"]] == ["figure/desertion-awol-cases-total-2024-12"]


def test_trace_prints_a_tree(seed_store: Store) -> None:
    result = runner.invoke(app, ["trace", "convictions-desertion-2024-03", "--graph", str(GRAPH_DIR)],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("684 military personnel convicted")
    assert any("inline reference: UK Defence Intelligence update" in line for line in lines)
    assert any("cites as data source: Mediazona: count of desertion convictions" in line and "[primary source]" in line
               for line in lines)
    assert any("information credibility 6" in line for line in lines)
    plain = runner.invoke(app, ["trace", SOUTH, "--graph", str(GRAPH_DIR), "--no-audit"])
    assert plain.exit_code == 0 and "credibility" not in plain.stdout and "footnote 957" in plain.stdout


def test_trace_of_an_unknown_figure_says_what_is_close() -> None:
    result = runner.invoke(app, ["trace", "desertion-awol-cases-southern-2024-12", "--graph", str(GRAPH_DIR)])
    assert result.exit_code == 2 and f"did you mean {SOUTH}" in result.output
    assert runner.invoke(app, ["trace", SOUTH, "--graph", str(GRAPH_DIR), "--format", "csv"]).exit_code == 2
