"""Issue 6: the audit on the seed graph and on fixture graphs written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib.namespace import PROV
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.audit import Audit, run_audit
from figuregraph.audit.derive import ACTIVITY, AUDIT_GRAPH, derive
from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.rdf.namespace import FG, iri

from ..conftest import GRAPH_DIR
from ..expected import AUDIT_QUERIES, DISTRICT_PARTS, FIGURES
from ..values import py

runner = CliRunner()
MARCH = iri("figure", "convictions-desertion-2024-03")
TOTAL = iri("figure", "desertion-awol-cases-total-2024-12")
PARTS_LOWER = sum(FIGURES[p][2] for p in DISTRICT_PARTS)  # the district parts' lower bounds, as recorded


@pytest.fixture(scope="module")
def seed_audit(seed: BuiltGraph) -> Audit:
    return run_audit(seed.oxigraph())


# ------------------------------------------------------------------------------ seed graph

def test_the_district_breakdown_is_checked_against_its_total_with_the_sum_of_bounds(seed_audit: Audit) -> None:
    check = next(t for t in seed_audit.totals if t.total == str(TOTAL))
    parts = [FIGURES[p] for p in DISTRICT_PARTS]
    lower, upper = sum(p[2] for p in parts), sum(p[3] for p in parts)
    assert (check.parts_lower, check.parts_upper) == (lower, upper) == (50460, 50600)
    assert check.verdict == "consistent"
    total = FIGURES["desertion-awol-cases-total-2024-12"]
    assert f"= {lower}..{upper}" in check.reason and f"{total[2]}..{total[3]}" in check.reason
    assert sorted(check.parts) == sorted(str(iri("figure", p)) for p in DISTRICT_PARTS)


def test_the_march_figure_traces_through_the_british_mod_to_mediazona(seed_audit: Audit) -> None:
    trace = seed_audit.traces[str(MARCH)]
    assert trace.chains == [(str(iri("source", "wp-2024-record-desertions")),
                             str(iri("source", "uk-mod-2024-04-24-desertion-update")),
                             str(iri("source", "mediazona-military-court-desertion-data")))]
    assert trace.roots == {str(iri("source", "mediazona-military-court-desertion-data"))}
    assert trace.origins == {str(iri("actor", "mediazona"))}


def test_no_seed_pair_sharing_a_root_is_called_corroborating(seed_audit: Audit) -> None:
    corroborating = [p for p in seed_audit.pairs if p.kind == "corroboration"]
    for pair in corroborating:
        a, b = seed_audit.traces[pair.a], seed_audit.traces[pair.b]
        assert not (a.roots & b.roots) and not (a.origins & b.origins), pair
    # the three article figures all go back to Mediazona: none confirms another
    article = {str(iri("figure", f)) for f in ("convictions-desertion-2024-03",
                                               "convictions-desertion-since-mobilisation",
                                               "convictions-desertion-moscow-region-since-mobilisation")}
    assert not any({p.a, p.b} <= article for p in corroborating)


def test_every_seed_figure_gets_a_credibility_with_a_reason(seed_audit: Audit) -> None:
    grades = {g.claim: g for g in seed_audit.grades}
    assert set(grades) == {str(iri("figure", f)) for f in FIGURES}
    assert all(1 <= g.grade <= 6 and g.reason for g in grades.values())
    assert grades[str(iri("figure", "desertion-awol-cases-southern-md-2024-12"))].grade == 2  # consistent total


def test_derived_triples_live_in_their_own_graph_and_say_how(seed: BuiltGraph, seed_audit: Audit) -> None:
    quads = derive(seed_audit)
    assert {q[3] for q in quads} == {AUDIT_GRAPH}
    curated = {g for *_, g in seed.quads()}
    assert AUDIT_GRAPH not in curated
    assert (AUDIT_GRAPH, PROV.wasGeneratedBy, ACTIVITY, AUDIT_GRAPH) in quads
    findings = {s for s, p, o, _ in quads if p == FG.reason}
    assert findings and all((f, PROV.wasGeneratedBy, ACTIVITY, AUDIT_GRAPH) in quads for f in findings)
    assert (MARCH, FG.primarySource, iri("source", "mediazona-military-court-desertion-data"), AUDIT_GRAPH) in quads


PAIR_KINDS = {"corroborations": "corroboration", "circular-reporting": "circular", "conflicts": "conflict"}


@pytest.mark.parametrize("name", AUDIT_QUERIES)
def test_audit_queries_read_the_derived_graph(seed: BuiltGraph, seed_audit: Audit, name: str) -> None:
    store = fg.with_audit(seed)
    rows = fg.run_query(store, f"audit/{name}").dicts()
    if name == "credibility":
        assert ({(str(r["figure"]), int(str(r["credibility"]))) for r in rows}
                == {(g.claim, g.grade) for g in seed_audit.grades})
    elif name == "primary-sources":
        assert {str(r["primarySource"]) for r in rows if r["claim"] == MARCH} == \
            {str(iri("source", "mediazona-military-court-desertion-data"))}
    elif name in PAIR_KINDS:
        assert {(str(r["figure"]), str(r["other"])) for r in rows} == \
            {(p.a, p.b) for p in seed_audit.pairs if p.kind == PAIR_KINDS[name]}
    else:
        verdicts = {str(r["total"]): (str(r["verdict"]), py(r["partsLower"])) for r in rows}
        assert verdicts[str(TOTAL)] == ("consistent", PARTS_LOWER)


def test_audit_cli_formats_and_derived_file(tmp_path: Path) -> None:
    out = tmp_path / "audit.trig"
    result = runner.invoke(app, ["audit", "-g", str(GRAPH_DIR), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert any(r["verdict"] == "consistent" and r["parts_lower"] == PARTS_LOWER for r in report["totals"])
    dataset = fg.load_dataset(out)
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {str(AUDIT_GRAPH)}
    one = runner.invoke(app, ["audit", "-g", str(GRAPH_DIR), "-f", "md", "--figure", "convictions-desertion-2024-03"])
    assert one.exit_code == 0 and "Mediazona" in one.stdout and "## Chains to primary sources" in one.stdout
    assert "desertion-awol-cases-total-2024-12" not in one.stdout
    bad = runner.invoke(app, ["audit", "-g", str(GRAPH_DIR), "--figure", "nope"])
    assert bad.exit_code == 2 and "no figure with id 'nope'" in bad.output


# ------------------------------------------------------------------------------ fixture graphs

def _figure(fid: str, measure: str, value: int, cites: list[str], wording: str | None = None,
            qualifier: str = "exact", lower_upper: str | None = None, part_of: str | None = None,
            period: tuple[str, str] = ("2024-01-01", "2024-12-31")) -> dict[str, object]:
    record: dict[str, object] = {
        "id": fid, "quote": f"{wording or value} cases", "wording": wording or str(value), "value": str(value),
        "qualifier": qualifier, "measure": measure, "about": "land",
        "period": {"phrase": "in 2024", "start": period[0], "end": period[1]},
        "citations": [f"c-{c}" for c in cites],
    }
    if part_of:
        record["part-of"] = part_of
    return record


def _document(sid: str, publisher: str, figures: list[dict[str, Any]]) -> dict[str, object]:
    cited = sorted({c for f in figures for c in f["citations"]})
    return {"source": {"id": sid, "kind": "report", "label": f"Report {sid}", "publisher": publisher},
            "citations": [{"id": c, "cites": c[2:], "text": f"see {c[2:]}"} for c in cited], "figures": figures}


def _cited(sid: str, publisher: str, cites: list[str] = ()) -> dict[str, object]:  # type: ignore[assignment]
    source: dict[str, object] = {"id": sid, "kind": "dataset", "label": f"Source {sid}", "publisher": publisher}
    if cites:
        source["cites"] = [{"source": c} for c in cites]
    return {"source": source}


@pytest.fixture(scope="module")
def fixture_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Independent corroboration; a circular chain (A cites B cites C, D cites C); a conflict; an
    inconsistent total; a citation cycle with no reachable root."""
    root = tmp_path_factory.mktemp("audit") / "graph"
    (root / "sources").mkdir(parents=True)
    measures = ["m-corr", "m-circ", "m-conf", "m-total", "m-cycle"]
    vocab = {
        "actors": [{"id": o, "kind": "organisation", "label": f"Org {o}"} for o in
                   ("org-a", "org-b", "org-c", "org-d", "org-e", "org-f", "org-x")],
        "places": [{"id": "land", "kind": "country", "label": "Land"}],
        "units": [{"id": "case", "label": "cases", "definition": "A count of cases."}],
        "measures": [{"id": m, "label": f"measure {m}", "definition": f"Cases of {m}.", "unit": "case"}
                     for m in measures],
    }
    files = {
        "vocab.yaml": vocab,
        # corroboration: two reports, two independent datasets, compatible values
        "sources/rep-1.yaml": _document("rep-1", "org-a", [_figure("corr-1", "m-corr", 100, ["data-1"])]),
        "sources/rep-2.yaml": _document("rep-2", "org-b", [_figure("corr-2", "m-corr", 100, ["data-2"],
                                                                   wording="about 100", qualifier="about")]),
        "sources/data-1.yaml": _cited("data-1", "org-a"),
        "sources/data-2.yaml": _cited("data-2", "org-b"),
        # circular: A cites B cites C; D cites C
        "sources/doc-a.yaml": _document("doc-a", "org-c", [_figure("circ-a", "m-circ", 300, ["src-b"])]),
        "sources/src-b.yaml": _cited("src-b", "org-d", ["src-c"]),
        "sources/src-c.yaml": _cited("src-c", "org-e"),
        "sources/doc-d.yaml": _document("doc-d", "org-f", [_figure("circ-d", "m-circ", 300, ["src-c"])]),
        # conflict: same measure, subject, period; bounds apart
        "sources/rep-3.yaml": _document("rep-3", "org-a", [_figure("conf-1", "m-conf", 500, ["data-1"])]),
        "sources/rep-4.yaml": _document("rep-4", "org-b", [_figure("conf-2", "m-conf", 900, ["data-2"])]),
        # inconsistent total: 70 + 50 > 100
        "sources/rep-5.yaml": _document("rep-5", "org-a", [
            _figure("total", "m-total", 100, ["data-1"]),
            _figure("part-1", "m-total", 70, ["data-1"], part_of="total"),
            _figure("part-2", "m-total", 50, ["data-1"], part_of="total")]),
        # a citation cycle x -> y -> x: nothing to stop at, no root
        "sources/rep-6.yaml": _document("rep-6", "org-x", [_figure("looped", "m-cycle", 7, ["src-x"])]),
        "sources/src-x.yaml": _cited("src-x", "org-x", ["src-y"]),
        "sources/src-y.yaml": _cited("src-y", "org-x", ["src-x"]),
    }
    for name, content in files.items():
        (root / name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def fixture_audit(fixture_graph: Path) -> Audit:
    return run_audit(fg.build(fixture_graph).oxigraph())


def _pairs(audit: Audit) -> dict[tuple[str, str], str]:
    return {(p.a.rsplit("/", 1)[1], p.b.rsplit("/", 1)[1]): p.kind for p in audit.pairs}


def _grade(audit: Audit, figure: str) -> int:
    return next(g.grade for g in audit.grades if g.claim == str(iri("figure", figure)))


def test_independent_sources_corroborate(fixture_audit: Audit) -> None:
    assert _pairs(fixture_audit)[("corr-1", "corr-2")] == "corroboration"
    assert _grade(fixture_audit, "corr-1") == _grade(fixture_audit, "corr-2") == 1


def test_a_number_repeated_down_one_chain_is_circular_not_corroboration(fixture_audit: Audit) -> None:
    assert _pairs(fixture_audit)[("circ-a", "circ-d")] == "circular"
    pair = next(p for p in fixture_audit.pairs if p.kind == "circular")
    assert pair.shared == (str(iri("actor", "org-e")),) and "not corroboration" in pair.reason
    chain = fixture_audit.traces[str(iri("figure", "circ-a"))].chains
    assert [c.rsplit("/", 1)[1] for c in chain[0]] == ["doc-a", "src-b", "src-c"]
    assert _grade(fixture_audit, "circ-a") == 6  # never confirmed


def test_incompatible_bounds_are_a_conflict_with_both_chains(fixture_audit: Audit) -> None:
    assert _pairs(fixture_audit)[("conf-1", "conf-2")] == "conflict"
    reason = next(p.reason for p in fixture_audit.pairs if p.kind == "conflict")
    assert "'500'" in reason and "'900'" in reason and "Org org-a" in reason and "Org org-b" in reason
    assert _grade(fixture_audit, "conf-1") == 4


def test_an_inconsistent_total_shows_its_arithmetic(fixture_audit: Audit) -> None:
    check = next(t for t in fixture_audit.totals if t.total.endswith("/total"))
    assert check.verdict == "inconsistent" and (check.parts_lower, check.parts_upper) == (120, 120)
    assert "70..70 + 50..50 = 120..120" in check.reason and "100..100" in check.reason
    assert _grade(fixture_audit, "part-1") == 4


def test_a_citation_cycle_terminates_is_reported_and_leaves_no_root(fixture_audit: Audit) -> None:
    trace = fixture_audit.traces[str(iri("figure", "looped"))]
    assert trace.roots == set() and trace.chains == []
    cycle = fixture_audit.cycles()
    assert [tuple(c.rsplit("/", 1)[1] for c in loop) for loop in cycle] == [("src-x", "src-y")]
    grade = next(g for g in fixture_audit.grades if g.claim == str(iri("figure", "looped")))
    assert grade.grade == 6 and "no primary source" in grade.reason and "loop" in grade.reason


def test_the_audit_views_show_credibility_and_finding_edges(fixture_graph: Path) -> None:
    from figuregraph.views import view_of

    view = view_of(fg.open_store(fg.build(fixture_graph)), figure_id="corr-1", audit=True)
    node = view.graph.nodes["figure/corr-1"]
    assert node["credibility"] == 1 and "confirmed" in node["credibilityReason"]
    assert any(d["relation"] == "corroborates" for *_, d in view.graph.edges(data=True))
    assert "figure/corr-2" in view.graph


# ------------------------------------------------------------------------------ assessments

def test_assess_records_who_when_and_why_and_the_graph_carries_it(graph_copy: Path) -> None:
    result = runner.invoke(app, ["assess", "frontelligence-insight", "--reliability", "c", "--by", "COI analyst",
                                 "--because", "OSINT project; methods published", "--on", "2026-11-22",
                                 "-g", str(graph_copy)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["assess", "frontelligence-insight", "--reliability", "B", "--by", "Editor",
                                "--because", 'second "look"', "--on", "2026-11-23", "-g", str(graph_copy)])
    assert again.exit_code == 0, again.output
    built = fg.build(graph_copy)
    graph = built.graph
    actor = iri("actor", "frontelligence-insight")
    assert list(graph.objects(actor, FG.reliability)) == [FG.reliabilityB]  # the latest grade
    first = iri("assessment", "frontelligence-insight-2026-11-22")
    assert graph.value(first, FG.reliability) == FG.reliabilityC
    assert str(graph.value(first, FG.assessor)) == "COI analyst"
    assert str(graph.value(iri("assessment", "frontelligence-insight-2026-11-23"), FG.rationale)) == 'second "look"'
    assert fg.validate(built).conforms
    # reliability and credibility stay apart: the figure's credibility is not changed by the grade
    assessed = {(g.claim, g.grade) for g in run_audit(built.oxigraph()).grades}
    assert assessed == {(g.claim, g.grade) for g in run_audit(fg.build(GRAPH_DIR).oxigraph()).grades}


@pytest.mark.parametrize(("args", "message"), [
    (["frontelligence-insite", "--reliability", "B", "--because", "x"], "did you mean 'frontelligence-insight'"),
    (["frontelligence-insight", "--reliability", "G", "--because", "x"], "one of A, B, C, D, E, F"),
    (["frontelligence-insight", "--reliability", "B", "--because", " "], "--because must say why"),
    (["frontelligence-insight", "--reliability", "B", "--because", "x", "--on", "22/11/2026"], "YYYY-MM-DD"),
])
def test_bad_assessments_are_refused_and_nothing_is_written(graph_copy: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["assess", *args, "--by", "me", "-g", str(graph_copy)])
    assert result.exit_code == 2 and message in result.output
    assert not (graph_copy / "assessments.yaml").exists()
