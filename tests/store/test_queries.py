"""Every library query parses and runs on the seed graph with the expected rows."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from datetime import date
from pathlib import Path
from collections.abc import Callable, Mapping

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.rdf.literals import decimal_literal
from figuregraph.errors import UsageError
from figuregraph.rdf.namespace import CITO, FG, iri, local_id
from figuregraph.rdf.terms import from_ox
from figuregraph.store.library import LibraryQuery, QueryLibrary, bind_params
from figuregraph.store import MemoryStore, QueryResult, Store

from ..conftest import EUAA, NEWS, REPO
from ..expected import AUDIT_QUERIES, DISTRICT_PARTS, FIGURES, PARAMS
from ..values import py

# Internal queries that rightly find nothing on the seed graph alone (the differential test gives them
# the audit graph too; the seed's records keep no text's SHA-256: tests/check ingests one).
NOTHING_ON_SEED = {"internal/audit-present", "internal/shacl-subclass-axioms",  # the second: tested in tests/build
                   "internal/check-same-text"}


def ids(result: QueryResult, column: str) -> list[str]:
    return [local_id(v) if v is not None else "" for v in result.column(column)]


def _overlap(a_lo, a_hi, b_lo, b_hi) -> bool:  # None is an open end
    return (a_lo is None or b_hi is None or a_lo <= b_hi) and (b_lo is None or a_hi is None or b_lo <= a_hi)


def expected_comparable_pairs() -> set[tuple[str, str, bool]]:
    """Same measure, same subject, overlapping periods: computed from the seed table, without SPARQL."""
    pairs = set()
    names = sorted(FIGURES, key=lambda n: str(iri("figure", n)))
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            fa, fb = FIGURES[a], FIGURES[b]
            if fa[5] != fb[5] or fa[6] != fb[6]:
                continue
            sa = date.fromisoformat(fa[7]) if fa[7] else None
            ea = date.fromisoformat(fa[8]) if fa[8] else None
            sb = date.fromisoformat(fb[7]) if fb[7] else None
            eb = date.fromisoformat(fb[8]) if fb[8] else None
            if not _overlap(sa, ea, sb, eb):
                continue
            pairs.add((a, b, _overlap(fa[2], fa[3], fb[2], fb[3])))
    return pairs


def check_figure_sources(r: QueryResult) -> None:
    rows = r.dicts()
    southern = [x for x in rows if local_id(x["figure"]) == "desertion-awol-cases-southern-md-2024-12"]
    assert {(str(x["number"]), local_id(x["source"])) for x in southern} == {
        ("957", "frontelligence-2025-desertions-loss-ratios"), ("960", "frontelligence-2025-desertions-loss-ratios")}
    assert all(str(x["publisher"]) == "Frontelligence Insight" for x in southern)
    march = [x for x in rows if local_id(x["figure"]) == "convictions-desertion-2024-03"]
    assert {(local_id(x["source"]), str(x["publisher"]), py(x["primary"])) for x in march} == {
        ("uk-mod-2024-04-24-desertion-update", "Ministry of Defence (United Kingdom)", False),
        ("mediazona-military-court-desertion-data", "Mediazona", True)}
    assert all(local_id(x["via"]) == "uk-mod-2024-04-24-desertion-update" for x in march)
    assert {local_id(x["figure"]) for x in rows} == set(FIGURES)
    un = [x for x in rows if local_id(x["figure"]) == "deserters-since-2022"]
    assert [(str(x["publisher"]), str(x["author"])) for x in un] == [("UN Human Rights Council", "Mariana Katzarova")]
    # the 25 000 figure reaches Ukraine's military intelligence through TPV World
    left = {local_id(x["source"]) for x in rows if local_id(x["figure"]) == "left-units-central-md-2024-11-2025-07"}
    assert left == {"tpv-world-2025-ukrainian-intelligence-25000",
                    "ukraine-military-intelligence-2025-10-desertion-statement"}


def check_figures_about(r: QueryResult) -> None:
    assert ids(r, "figure") == ["desertion-awol-cases-southern-md-2024-12"]
    row = r.dicts()[0]
    _, _, lower, upper, *_ = FIGURES["desertion-awol-cases-southern-md-2024-12"]
    assert (py(row["lower"]), py(row["upper"])) == (Decimal(lower), Decimal(upper))
    assert str(row["reportedBy"]) == "Frontelligence Insight"
    assert str(row["periodPhrase"]) == "as of December 2024" and row["start"] is None


def check_figures_by_reporter(r: QueryResult) -> None:
    assert sorted(zip(ids(r, "figure"), [str(v) for v in r.column("how")])) == [
        ("convictions-desertion-2024-03", "source in chain"),
        ("convictions-desertion-moscow-region-since-mobilisation", "source in chain"),
        ("convictions-desertion-since-mobilisation", "source in chain"),
    ]


def check_citation_chain(r: QueryResult) -> None:
    edges = {(local_id(d["from"]), local_id(d["relation"]), local_id(d["to"]), str(d["number"] or ""))
             for d in r.dicts()}
    assert edges == {
        ("desertion-awol-cases-southern-md-2024-12", "fg:statedIn", EUAA, ""),
        ("desertion-awol-cases-southern-md-2024-12", "fg:reportedBy", "frontelligence-insight", ""),
        (EUAA, "fg:backedBy", "frontelligence-2025-desertions-loss-ratios", "957"),
        (EUAA, "fg:backedBy", "frontelligence-2025-desertions-loss-ratios", "960"),
    }
    primary = {local_id(d["to"]) for d in r.dicts() if py(d["primary"])}
    assert primary == {"frontelligence-2025-desertions-loss-ratios"}


def check_single_source(r: QueryResult) -> None:
    # In the seed graph every figure rests on one primary source: nothing is corroborated yet.
    assert set(ids(r, "figure")) == set(FIGURES)
    roots = dict(zip(ids(r, "figure"), ids(r, "primarySource")))
    assert roots["convictions-desertion-2024-03"] == "mediazona-military-court-desertion-data"
    assert roots["desertion-awol-cases-southern-md-2024-12"] == "frontelligence-2025-desertions-loss-ratios"


def check_comparable(r: QueryResult) -> None:
    got = {(local_id(d["a"]), local_id(d["b"]), py(d["boundsOverlap"])) for d in r.dicts()}
    assert got == expected_comparable_pairs()
    assert len(r.rows) == len(got) == 4
    # "tens of thousands" of current cases and the 50 500 total as of December 2024 are compatible
    assert ("desertion-awol-cases-total-2024-12", "desertion-criminal-cases-current", True) in got


def check_breakdown(r: QueryResult) -> None:
    rows = {local_id(d["part"]): d for d in r.dicts()}
    assert set(rows) == DISTRICT_PARTS | {"convictions-desertion-moscow-region-since-mobilisation"}
    southern = rows["desertion-awol-cases-southern-md-2024-12"]
    assert str(southern["totalWording"]) == "50 500"
    assert py(southern["sharePercent"]) == Decimal("44.7")


def check_totals(r: QueryResult) -> None:
    rows = {local_id(d["total"]): d for d in r.dicts()}
    district = rows["desertion-awol-cases-total-2024-12"]
    parts = [FIGURES[p] for p in DISTRICT_PARTS]
    assert py(district["parts"]) == 5
    assert py(district["partsLower"]) == sum(p[2] for p in parts) == 50460
    assert py(district["partsUpper"]) == sum(p[3] for p in parts) == 50600
    assert py(district["partsValue"]) == sum(p[1] for p in parts)


def check_actor_roles(r: QueryResult) -> None:
    roles = {(local_id(d["actor"]), str(d["role"])): py(d["count"]) for d in r.dicts()}
    assert roles[("frontelligence-insight", "reported")] == 7  # six figures and one statement
    assert roles[("mediazona", "source behind figure")] == 3
    assert roles[("southern-military-district", "subject of")] == 4  # one figure, three statements
    assert ("mediazona", "reported") not in roles


def check_figure_table(r: QueryResult) -> None:
    rows = {local_id(d["figure"]): d for d in r.dicts()}
    assert set(rows) == set(FIGURES) and len(r.rows) == len(FIGURES)  # one row per figure
    for name, (wording, value, lower, upper, qualifier, *_rest) in FIGURES.items():
        row = rows[name]
        assert str(row["wording"]) == wording
        assert (py(row["value"]), py(row["qualifier"])) == (value, local_id(qualifier)[3:])
        assert (row["lower"] and py(row["lower"]), row["upper"] and py(row["upper"])) == (lower, upper)
    march = rows["convictions-desertion-2024-03"]
    assert str(march["primarySources"]).startswith("Mediazona")
    assert str(march["backingSources"]).startswith("UK Defence Intelligence update")


def check_internal(query: LibraryQuery, r: QueryResult, bindings: Mapping[str, object]) -> None:
    """An internal query finds something on the seed graph, and a bound parameter holds in every row."""
    assert r.rows, f"{query.name} found nothing on the seed graph"
    if r.variables == ("ask",):
        assert py(r.rows[0][0]) is True
        return
    for name, term in bindings.items():  # bound as the engine's terms, read back as rdflib's
        assert set(r.column(name)) == {from_ox(term)}, name


def check_empty(r: QueryResult) -> None:
    assert r.rows == (), [tuple(local_id(v) for v in row) for row in r.rows]


EXPECTED: dict[str, Callable[[QueryResult], None]] = {
    "figure-sources": check_figure_sources,
    "figures-about": check_figures_about,
    "figures-by-reporter": check_figures_by_reporter,
    "citation-chain": check_citation_chain,
    "single-source-figures": check_single_source,
    "comparable-figures": check_comparable,
    "breakdown": check_breakdown,
    "totals": check_totals,
    "actor-roles": check_actor_roles,
    "figure-table": check_figure_table,
}


def test_library_has_expectations_for_every_query(library: QueryLibrary) -> None:
    plain = {n for n, q in library.queries.items() if not q.check and not n.startswith("audit/") and not q.internal}
    assert plain == set(EXPECTED)
    assert {n for n in library.queries if n.startswith("audit/")} == {f"audit/{n}" for n in AUDIT_QUERIES}
    assert len(library.checks()) >= 5


@pytest.mark.parametrize("name", sorted(QueryLibrary.load().queries))
def test_query_parses_and_runs(library: QueryLibrary, seed_store: Store, name: str) -> None:
    query = library.get(name)
    prepareQuery(query.text)  # parses on its own
    assert query.summary
    result = fg.run_query(seed_store, name, PARAMS.get(name, {}), library)
    if name in NOTHING_ON_SEED:
        assert [tuple(row) for row in result.rows] in ([], [(Literal(False),)]), name
    elif query.internal:
        check_internal(query, result, bind_params(query, PARAMS.get(name, {}), seed_store.exists))
    else:
        EXPECTED.get(name, check_empty)(result)


def test_every_internal_query_is_asked_by_the_code(library: QueryLibrary) -> None:
    """An internal query is named in the code that runs it (``run(store, "NAME")``): none lies unused."""
    constants = {node.value for path in (REPO / "src" / "figuregraph").rglob("*.py")
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    internal = [q.name for q in library.queries.values() if q.internal]
    assert internal and [n for n in internal if n.removeprefix("internal/") not in constants] == []


def test_internal_queries_are_not_listed_unless_asked(library: QueryLibrary) -> None:
    assert not any(library.get(n).internal for n in library.names())
    assert set(library.names(internal=True)) == set(library.queries)


def test_list_names_parameters(library: QueryLibrary) -> None:
    about = library.get("figures-about")
    assert [(p.name, p.kinds) for p in about.params] == [("subject", ("actor", "place"))]
    assert library.get("figure-sources").params == ()


def test_unknown_query_lists_known_ones(library: QueryLibrary) -> None:
    with pytest.raises(UsageError) as err:
        library.get("figure-source")
    assert "figure-sources" in str(err.value) and "figures-about" in str(err.value)


@pytest.mark.parametrize("params, message", [
    ({}, "needs --param subject"),
    ({"subject": "southern-military-district", "x": "1"}, "no parameter 'x'"),
    ({"subject": "nowhere"}, "no actor or place with id 'nowhere'"),
    ({"subject": '"} . ?s ?p ?o . FILTER("'}, "neither a record id nor an IRI"),
])
def test_parameter_errors(seed_store: Store, library: QueryLibrary, params: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        fg.run_query(seed_store, "figures-about", params, library)


def test_parameters_are_bound_not_pasted(seed_store: Store, library: QueryLibrary) -> None:
    # An IRI parameter that does not exist is refused; one that exists binds exactly itself.
    node = iri("place", "moscow-region")
    result = fg.run_query(seed_store, "figures-about", {"subject": str(node)}, library)
    assert ids(result, "figure") == ["convictions-desertion-moscow-region-since-mobilisation"]
    assert "moscow-region" not in library.get("figures-about").text


# --- checks detect what they are for ----------------------------------------------------

def _broken(seed: BuiltGraph, edit: Callable[[Graph], object]) -> Store:
    graph = Graph()
    graph += seed.graph
    edit(graph)
    store = MemoryStore()
    store.load(graph)
    return store


F = iri("figure", "desertion-awol-cases-central-md-2024-12")


def _set(g: Graph, s: URIRef, p: URIRef, o: Node) -> None:
    g.set((s, p, o))


BREAKAGES: dict[str, Callable[[Graph], object]] = {
    "checks/unsourced-claims": lambda g: (g.remove((F, FG.backedBy, None)), g.remove((F, FG.reportedBy, None))),
    "checks/dangling-citations": lambda g: g.add((F, FG.backedBy, iri("citation", EUAA, "fn999"))),
    "checks/bounds-out-of-order": lambda g: _set(g, F, FG.lowerBound, decimal_literal(Decimal(99999))),
    "checks/periods-out-of-order": lambda g: _set(g, URIRef(f"{F}/period"), FG.periodStart,
                                                  Literal("2030-01-01", datatype=XSD.date)),
    "checks/citation-outside-document": lambda g: g.add((F, FG.backedBy,
                                                         iri("citation", NEWS, "uk-mod-update"))),
    "checks/part-of-mismatch": lambda g: _set(g, F, FG.measure, iri("measure", "deserters")),
    "checks/self-citations": lambda g: g.add((iri("source", "mediazona-military-court-desertion-data"),
                                              CITO.cites, iri("source", NEWS))),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_check_finds_its_problem(seed: BuiltGraph, library: QueryLibrary, name: str) -> None:
    store = _broken(seed, BREAKAGES[name])
    result = fg.run_query(store, name, {}, library)
    assert result.rows, f"{name} found nothing on a graph broken for it"


def test_every_check_has_a_breakage(library: QueryLibrary) -> None:
    assert {q.name for q in library.checks()} == set(BREAKAGES)


@pytest.mark.parametrize("header, refused", [
    ("#+ params:\n#+   - subject: actor -- an actor", "parameter 'subject' must appear in the SELECT clause"),
    ("#+ show: figure, wording", "'#+ show:' names 'wording', which is not a column"),
    ("#+ focus: node", "the focus 'node' must appear in the SELECT clause"),
    ("#+ show: figure", None),
])
def test_a_query_file_names_only_variables_it_selects(tmp_path: Path, header: str, refused: str | None) -> None:
    from figuregraph.errors import InputError
    from figuregraph.store.library import parse_query_file

    path = tmp_path / "q.rq"
    path.write_text(f"#+ summary: x\n{header}\nSELECT ?figure WHERE {{ ?figure ?p ?node }}\n")
    if refused is None:
        assert parse_query_file(path, "q", check=True).show == ("figure",)
        return
    with pytest.raises(InputError, match=re.escape(refused)):
        parse_query_file(path, "q", check=True)


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_number_and_text_parameters_match_the_graphs_terms(seed: BuiltGraph, tmp_path: Path, backend: str) -> None:
    """A number is bound as a canonical xsd:decimal (``50000.0`` is the graph's ``50000``), a text as
    a plain literal, on either engine."""
    (tmp_path / "worded.rq").write_text(
        "#+ summary: The figures with a value and a wording.\n#+ params:\n#+   - value: number -- the value\n"
        "#+   - wording: text -- the wording\nSELECT ?figure ?value ?wording WHERE { ?figure fg:value ?value ; "
        "fg:wording ?wording }\n", encoding="utf-8")
    library = QueryLibrary.load([tmp_path])
    (name, (wording, value, *_)), *_ = FIGURES.items()
    result = fg.run_query(fg.open_store(seed, backend), "worded", {"value": f"{value}.0", "wording": wording}, library)
    assert [local_id(f) for f in result.column("figure")] == [name]
    with pytest.raises(UsageError, match="must be a finite number"):
        fg.run_query(fg.open_store(seed, backend), "worded", {"value": "NaN", "wording": wording}, library)
