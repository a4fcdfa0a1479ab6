"""Issue 15, item 7: a dataset file with literals that are no values of their datatypes
("abc"^^xsd:decimal, "1e999"^^xsd:double) is refused as it is read, with the file and the triple,
exit 2: by every command that reads one, on either engine. Data that reaches the writers some
other way still never makes a JSON file with ``Infinity`` in it, or a traceback in the audit."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.audit import run_audit
from figuregraph.cli import app
from figuregraph.export import to_jsonld
from figuregraph.rdf.lexical import XSD as XSD_NS, problem
from figuregraph.rdf.literals import plain
from figuregraph.errors import Location
from figuregraph.store import MemoryStore, OxigraphStore, Store, write_store
from figuregraph.store.spec import as_store

from ..conftest import FIXTURES, REPO
from ..faults import store_version

FIXTURES = FIXTURES / "ill-typed"
runner = CliRunner()
FIGURE = "https://w3id.org/figuregraph/id/figure/"
CASES = {  # fixture -> what the message names
    "decimal-abc.ttl": ('"abc" is not an xsd:decimal', f"<{FIGURE}convictions-desertion-2024-03>",
                        "<https://w3id.org/figuregraph/ontology#value>"),
    # Oxigraph reads 1e999 as INF ("not a finite xsd:double"), rdflib as "inf" ("not an xsd:double")
    "double-1e999.ttl": ("xsd:double", f"<{FIGURE}deserters-since-2022>",
                         "<https://w3id.org/figuregraph/ontology#upperBound>"),
}
COMMANDS = {
    "export jsonld": ["export", "--format", "jsonld", "-o", "{out}/data.jsonld"],
    "release": ["release", "--about", str(REPO / "dataset.yaml"), "-o", "{out}/release"],
    "audit": ["audit", "-o", "{out}/audit.trig"],
    "query json": ["query", "figure-sources", "--format", "json"],
    "query json, rdflib": ["query", "figure-sources", "--format", "json", "--backend", "memory"],
    "load": ["load", "{data}", "--store", "oxigraph:{out}/store"],
}


@pytest.mark.parametrize("fixture", sorted(CASES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_ill_typed_literal_is_refused_with_the_file_and_the_triple(tmp_path: Path, fixture: str,
                                                                      command: str) -> None:
    data = FIXTURES / fixture
    args = [a.format(out=tmp_path, data=data) for a in COMMANDS[command]]
    result = runner.invoke(app, args if command == "load" else [*args, "--data", str(data)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = " ".join(result.output.split())
    assert f"{data}: ill-typed literal" in message
    for fragment in CASES[fixture]:
        assert fragment in message, message
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("bad_first", [True, False])
def test_load_of_several_files_names_the_one_with_the_ill_typed_literal(tmp_path: Path, bad_first: bool) -> None:
    """``load`` checks the literals once all files are in; the message still names the file that
    holds the ill-typed one, wherever it stands in the list."""
    good = tmp_path / "in" / "good.ttl"
    good.parent.mkdir()
    good.write_text('<https://e/a> <https://e/p> "12"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
    bad = FIXTURES / "decimal-abc.ttl"
    files = [bad, good] if bad_first else [good, bad]
    result = runner.invoke(app, ["load", *map(str, files), "--store", f"oxigraph:{tmp_path / 'store'}"])
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert f"{bad}: ill-typed literal" in message and str(good) not in message, message
    for fragment in CASES["decimal-abc.ttl"]:
        assert fragment in message, message
    assert not (tmp_path / "store").exists()
    store = OxigraphStore()
    store.load_files([good, good])  # good files: loaded, checked once
    assert len(store) == 1


@pytest.mark.parametrize("lexical, datatype, reason", [
    ("684", "decimal", None), ("-0.5", "decimal", None), ("1.", "decimal", None), ("abc", "decimal", "not an"),
    ("1e3", "decimal", "not an"), (" 12", "decimal", "not an"), ("NaN", "decimal", "not an"),
    ("12", "integer", None), ("12.0", "integer", "not an"), ("-1", "nonNegativeInteger", "out of the range"),
    ("2147483648", "int", "out of the range"), ("1" * 5000, "integer", None), ("1" * 5000, "long", "out of the range"),
    ("1.5E3", "double", None), ("1e999", "double", "not a finite"), ("INF", "double", "not a finite"),
    ("NaN", "double", "not a finite"), ("Infinity", "double", "not an"), ("3.5e38", "float", "not a finite"),
    ("2024-02-29", "date", None), ("2023-02-29", "date", "no such day"), ("2024-13-01", "date", "not an"),
    ("2024-12-31Z", "date", None), ("2024-12-31T23:59:59.5+01:00", "dateTime", None),
    ("2024-12-31 23:59", "dateTime", "not an"), ("2024", "gYear", None), ("24", "gYear", "not an"),
    ("2024-12", "gYearMonth", None), ("true", "boolean", None), ("yes", "boolean", "not an"),
    ("anything at all", "string", None),
])
def test_the_lexical_spaces(lexical: str, datatype: str, reason: str | None) -> None:
    found = problem(lexical, XSD_NS + datatype)
    assert (found is None) if reason is None else (found is not None and reason in found), found


def test_json_outputs_never_hold_infinity_whatever_reaches_them() -> None:
    """Data handed over from Python (or an endpoint) is not read from a file, so not checked: an
    infinite double is then written as a typed value in JSON-LD and as "INF" in query JSON."""
    graph = Graph()
    graph.add((URIRef(FIGURE + "f"), URIRef("https://w3id.org/figuregraph/ontology#upperBound"),
               Literal("INF", datatype=XSD.double)))
    document = json.loads(to_jsonld(as_store(graph)), parse_constant=lambda c: pytest.fail(f"{c} in JSON-LD"))
    assert document["@graph"][0]["fg:upperBound"] == {"@type": "xsd:double", "@value": "INF"}
    assert [plain(Literal("INF", datatype=XSD.double)), plain(float("-inf"))] == ["INF", "-INF"]


def test_the_audit_names_a_figure_whose_value_is_no_number() -> None:
    store = OxigraphStore()  # filled from Python, so not checked on the way in
    store.load_quads(q for q in ox.parse(path=str(FIXTURES / "decimal-abc.ttl"), format=ox.RdfFormat.TURTLE))
    with pytest.raises(fg.InputError, match="convictions-desertion-2024-03> has 'abc' as a value or bound"):
        run_audit(store)


def _handed_over(store: Store) -> None:
    """An ill-typed literal handed over from Python (``load_quads``: not checked), in a graph of its own."""
    store.load_quads([ox.Quad(ox.NamedNode(FIGURE + "handed-over"), ox.NamedNode("https://e/p"),
                              ox.Literal("1e999", datatype=ox.NamedNode(str(XSD.double))), ox.NamedNode("urn:x:g"))])


@pytest.mark.parametrize("kind", [OxigraphStore, MemoryStore])
def test_a_file_is_blamed_only_for_its_own_ill_typed_literals(tmp_path: Path, kind: type[Store]) -> None:
    """What the store held before a file was loaded (unchecked data from Python) is not the file's:
    a good file loads, and a bad one is refused with its own triple, not the one already there."""
    good = tmp_path / "good.ttl"
    good.write_text('<https://e/a> <https://e/p> "12"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
    store = kind()
    _handed_over(store)
    store.load_file(good)
    store.load_files([good, good])
    assert len(store) == 2
    bad = FIXTURES / "decimal-abc.ttl"
    with pytest.raises(fg.InputError) as refused:
        store.load_files([good, bad])
    assert refused.value.exit_code == 2 and refused.value.location == Location(bad)
    assert '"abc" is not an xsd:decimal' in refused.value.message and "handed-over" not in refused.value.message


def test_a_store_written_with_a_refused_file_keeps_what_it_held(tmp_path: Path) -> None:
    path, bad = tmp_path / "store", FIXTURES / "decimal-abc.ttl"
    write_store(path, lambda target: target.load_quads(store_version(1)))

    def fill(target: OxigraphStore) -> None:
        _handed_over(target)
        target.load_file(bad)

    with pytest.raises(fg.InputError) as refused:
        write_store(path, fill)
    assert refused.value.location == Location(bad)
    assert len(OxigraphStore(path, read_only=True)) == len(store_version(1))
