"""Every ``--format json`` output is plain JSON data that matches the schema shipped with the package,
run on the seed graph and the seed documents."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.audit import run_audit
from figuregraph.build import BuiltGraph
from figuregraph.extract import Lexicon, extract_file
from figuregraph.model.schema import QUALIFIERS
from figuregraph.rdf.namespace import local_id
from figuregraph.store.library import PARAM_KINDS, QueryLibrary

from ..conftest import EUAA_SEED, GRAPH_DIR, NEWS_SEED
from ..schemas import SCHEMAS, output, schema

runner = CliRunner()
OUTPUTS = ("audit", "build", "check", "diff", "extract", "query", "query-list", "release", "trace", "validate")


def number(value: Decimal | None) -> int | float | None:
    return None if value is None else int(value) if value == value.to_integral_value() else float(value)


def test_a_valid_2020_12_schema_for_each_json_output() -> None:
    shipped = sorted(p.name for p in SCHEMAS.iterdir() if p.name.endswith(".json"))
    assert shipped == sorted(f"{name}.json" for name in OUTPUTS)
    for name in OUTPUTS:
        Draft202012Validator.check_schema(schema(name))
        assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    figure = schema("extract")["$defs"]["figure"]["properties"]
    assert figure["qualifier"]["enum"] == list(QUALIFIERS)
    param = schema("query-list")["items"]["properties"]["params"]["items"]["properties"]
    assert param["kinds"]["items"]["enum"] == list(PARAM_KINDS)


def test_the_schemas_reject_the_old_forms() -> None:
    """Lists written as Python text and display headings as keys no longer pass."""
    old_extract: dict[str, object] = {"figures": [], "footnotes": [], "sources": {}}
    assert Draft202012Validator(schema("extract")).is_valid(old_extract)
    figure = output("extract", ["extract", str(NEWS_SEED), "-f", "json"])["figures"][0]
    old_extract["figures"] = [{**figure, "citations": str(figure["citations"])}]
    assert not Draft202012Validator(schema("extract")).is_valid(old_extract)
    assert not Draft202012Validator(schema("audit")).is_valid({"Totals against their parts": []})


@pytest.mark.parametrize("document", [EUAA_SEED, NEWS_SEED], ids=["euaa", "news"])
def test_extract_json_is_the_extraction_as_data(document: Path, lexicon: Lexicon) -> None:
    data = output("extract", ["extract", str(document), "-g", str(GRAPH_DIR), "-f", "json"])
    found = extract_file(document, None, lexicon)
    assert len(data["figures"]) == len(found.figures) > 0
    for row, f in zip(data["figures"], found.figures):
        assert row["citations"] == f.citations and row["inferred"] == f.inferred
        assert (row["value"], row["lower"], row["upper"]) == (number(f.value), number(f.lower), number(f.upper))
        for key in ("period_start", "period_end"):
            day: date | None = getattr(f, key)
            assert row[key] == (day.isoformat() if day else None)
    assert [n["number"] for n in data["footnotes"]] == [n.number for n in found.footnotes]
    assert [n["published"] for n in data["footnotes"]] == [n.published for n in found.footnotes]
    assert {k: (s["id"], s["authors"]) for k, s in data["sources"].items()} == \
        {k: (s.id, list(s.authors)) for k, s in found.sources.items()}


def test_extract_json_of_the_report_has_footnotes_as_arrays() -> None:
    """The report's first figures cite footnote 955: an array holding "955", not the text "['955']"."""
    data = output("extract", ["extract", str(EUAA_SEED), "-g", str(GRAPH_DIR), "-f", "json"])
    assert any(row["citations"] == ["955"] for row in data["figures"])
    assert all(isinstance(row["inferred"], list) for row in data["figures"])


def test_audit_json_has_ids_and_arrays(seed: BuiltGraph) -> None:
    audit = run_audit(seed.oxigraph())
    data = output("audit", ["audit", "-g", str(GRAPH_DIR), "-f", "json"])
    traces = {local_id(t.claim): t for c, t in audit.traces.items() if audit.evidence.claims[c].kind == "figure"}
    assert {row["figure"]: row["chains"] for row in data["chains"]} == \
        {f: [[local_id(n) for n in chain] for chain in t.chains] for f, t in traces.items()}
    assert [(t["total"], t["verdict"], t["parts_lower"]) for t in data["totals"]] == \
        [(local_id(t.total), t.verdict, number(t.parts_lower)) for t in audit.totals]
    assert [(g["figure"], g["grade"]) for g in data["credibility"]] == \
        [(local_id(g.claim), g.grade) for g in audit.grades]
    named = {n for row in data["chains"] for chain in row["chains"] for n in chain}
    assert named <= set(data["labels"]) and data["figure"] is None


def test_audit_json_for_one_figure_keeps_what_concerns_it() -> None:
    data = output("audit", ["audit", "-g", str(GRAPH_DIR), "-f", "json", "--figure", "convictions-desertion-2024-03"])
    assert data["figure"] == "convictions-desertion-2024-03"
    assert [row["figure"] for row in data["chains"]] == ["convictions-desertion-2024-03"]
    assert all("convictions-desertion-2024-03" in (p["figure"], p["other"]) for p in data["findings"])


def test_query_json_rows_and_the_library_list(library: QueryLibrary) -> None:
    rows = output("query", ["query", "figure-sources", "-g", str(GRAPH_DIR), "-f", "json"])
    assert rows and all(isinstance(r["value"], (int, float)) for r in rows)
    listed = output("query-list", ["query", "--list", "-f", "json"])
    assert [r["query"] for r in listed] == library.names()
    assert {r["query"]: [(p["name"], p["kinds"]) for p in r["params"]] for r in listed} == \
        {q.name: [(p.name, list(p.kinds)) for p in q.params] for q in map(library.get, library.names())}
    everything = output("query-list", ["query", "--list", "--all", "-f", "json"])
    assert [r["query"] for r in everything] == library.names(internal=True)


def test_build_json_counts_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    rows = output("build", ["build", "-g", str(GRAPH_DIR), "-o", str(target), "--no-shacl", "-f", "json"])
    counts = {r["what"]: r["count"] for r in rows}
    index = fg.build(GRAPH_DIR).index
    assert counts["triples"] == len(fg.load_store(target))
    assert (counts["figures"], counts["actors"]) == (sum(len(d.figures) for d in index.documents),
                                                     len(index.actors.items))


def test_validate_json_lists_the_problems(graph_copy: Path) -> None:
    assert output("validate", ["validate", "-g", str(GRAPH_DIR), "-f", "json"]) == []
    article = graph_copy / "sources" / "wp-2024-record-desertions.yaml"
    text = article.read_text(encoding="utf-8")
    backing = "    period: {phrase: in March of this year, start: 2024-03-01, end: 2024-03-31}\n" \
              "    reported-by: [uk-ministry-of-defence]\n    citations: [uk-mod-update]\n"
    article.write_text(text.replace(backing, backing.split("    reported-by")[0]), encoding="utf-8")
    problems = output("validate", ["validate", "-g", str(graph_copy), "-f", "json"], code=1)
    assert problems and {p["focus"] for p in problems} == {"convictions-desertion-2024-03"}


def test_release_json_lists_the_manifest(tmp_path: Path) -> None:
    target = tmp_path / "release"
    rows = output("release", ["release", "-g", str(GRAPH_DIR), "-o", str(target), "--about",
                              str(GRAPH_DIR.parent / "dataset.yaml"), "-f", "json"])
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert rows == [{"file": f["path"], "media_type": f["media_type"], "bytes": f["size"], "triples": f["triples"],
                     "sha256": f["sha256"]} for f in manifest["files"]]


def test_diff_json(graph_copy: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    fg.build_and_export(GRAPH_DIR, old, shacl=False)
    article = graph_copy / "sources" / "wp-2024-record-desertions.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("    value: 684\n", "    value: 690\n"),
                       encoding="utf-8")
    fg.build_and_export(graph_copy, new, shacl=False)
    assert output("diff", ["diff", str(old), str(old), "-f", "json"]) == []
    changes = output("diff", ["diff", str(old), str(new), "-f", "json"], code=1)
    assert [(c["id"], c["field"]) for c in changes] == [("convictions-desertion-2024-03", "value")]
