"""Citations out: the sources as CSL-JSON (read back and rendered by citeproc-py) and BibTeX (read
back by pybtex), for the whole graph or for one figure (primary first, with the locators)."""

from __future__ import annotations

import codecs
import json
import warnings
from pathlib import Path
from typing import Any

import latexcodec  # noqa: F401  (registers the "ulatex" codec pybtex itself uses)
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from typer.testing import CliRunner

from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.export import serialize
from figuregraph.export.citations import Reference, bibtex_entry

from ..conftest import GRAPH_DIR

runner = CliRunner()
MARCH = "convictions-desertion-2024-03"  # stated in a news article citing the UK MoD, citing Mediazona


def _export(tmp_path: Path, fmt: str, *extra: str) -> bytes:
    target = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(target), "-g", str(GRAPH_DIR), *extra])
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def _citeproc(items: list[dict[str, Any]]) -> CiteProcJSON:
    with warnings.catch_warnings():  # citeproc-py keeps no "custom" field (csl-data.json has it)
        warnings.simplefilter("ignore", UserWarning)
        return CiteProcJSON(items)


def test_one_figure_primary_source_first_then_up_the_chain(tmp_path: Path) -> None:
    items = json.loads(_export(tmp_path, "csl-json", "--figure", MARCH))
    assert [i["id"] for i in items] == ["mediazona-military-court-desertion-data",
                                        "uk-mod-2024-04-24-desertion-update", "wp-2024-record-desertions"]
    assert [i["custom"]["primary"] for i in items] == [True, False, False]
    assert [i["custom"]["roles"] for i in items] == [["behind"], ["cited"], ["stated-in"]]
    source = _citeproc(items)
    mod = source["uk-mod-2024-04-24-desertion-update"]
    assert str(mod.title) == "UK Defence Intelligence update on desertion convictions in Russia (24 April 2024)"
    assert str(mod.publisher) == "Ministry of Defence (United Kingdom)"
    assert (mod.issued["year"], mod.issued["month"], mod.issued["day"]) == (2024, 4, 24)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    citations = [Citation([CitationItem(i["id"])]) for i in items]
    for citation in citations:
        bibliography.register(citation)
    assert bibliography.cite(citations[1], lambda item: None) == "(Ministry of Defence (United Kingdom), 2024)"
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert any(line.startswith("Wirtualna Polska (2024)") and "Record desertions" in line for line in rendered)


def test_locators_and_footnotes_of_the_citing_footnotes(seed: BuiltGraph) -> None:
    items = json.loads(serialize(seed.dataset, "csl-json", figure="deserters-since-2022"))
    report = next(i for i in items if i["id"] == "un-hrc-2025-katzarova-report")
    assert report["locator"] == "para. 91" and report["custom"]["footnotes"] == ["955"]
    assert items[0] is report and report["custom"]["primary"] is True
    assert items[-1]["id"] == "euaa-2026-coi-russia-desertion"  # the stating document comes last
    entries = parse_string(serialize(seed.dataset, "bibtex", figure="deserters-since-2022").decode(), "bibtex").entries
    assert entries["un-hrc-2025-katzarova-report"].fields["note"] == "para. 91"
    assert entries["un-hrc-2025-katzarova-report"].fields["keywords"] == "primary source"


def test_every_source_in_bibtex_read_back_by_pybtex(seed: BuiltGraph, tmp_path: Path) -> None:
    entries = parse_string(_export(tmp_path, "bibtex").decode("utf-8"), "bibtex").entries
    sources = {s.id: s for s in seed.index.sources.items.values()}
    assert set(entries) == set(sources)
    for ident, entry in entries.items():
        source = sources[ident]
        assert codecs.decode(entry.fields["title"].strip("{}"), "ulatex") == (source.title or source.label)
        if source.published:
            assert entry.fields["year"] == source.published[:4]
        if source.url:
            assert entry.fields["url"] == source.url
    mod = entries["uk-mod-2024-04-24-desertion-update"]
    assert mod.type == "techreport" and mod.fields["institution"] == "Ministry of Defence (United Kingdom)"
    assert [str(p) for p in mod.persons["author"]] == ["{Ministry of Defence (United Kingdom)}"]


def test_every_source_in_csl_json_read_back_by_citeproc(seed: BuiltGraph) -> None:
    items = json.loads(serialize(seed.dataset, "csl-json"))
    source = _citeproc(items)
    assert {i["id"] for i in items} == {s.id for s in seed.index.sources.items.values()}
    for item in items:
        assert str(source[item["id"]].title) == item["title"]
        assert "locator" not in item and "primary" not in item["custom"]  # those belong to a figure's view


def test_tex_specials_are_escaped_so_the_file_still_parses() -> None:
    odd = Reference("odd", "report", "R&D: 50% of #1_a", "https://example.org/odd", publisher="A & B",
                    published="2024-03", url="https://example.org/a?b=1&c=%20")
    braces = Reference("braces", "dataset", "a {b} c\\ $d^e~", "https://example.org/braces")
    plain = Reference("plain", "web-page", "After it", "https://example.org/plain")
    entries = parse_string("\n".join(bibtex_entry(r) for r in (odd, braces, plain)), "bibtex").entries
    assert list(entries) == ["odd", "braces", "plain"] and entries["plain"].fields["title"] == "{After it}"
    assert entries["braces"].fields["title"] == "{a \\{b\\} c\\textbackslash{} \\$d\\^{}e\\~{}}"
    fields = entries["odd"].fields
    assert codecs.decode(fields["title"].strip("{}"), "ulatex") == "R&D: 50% of #1_a"
    assert codecs.decode(fields["institution"], "ulatex") == "A & B"
    assert (fields["year"], fields["month"], fields["url"]) == ("2024", "3", "https://example.org/a?b=1&c=%20")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "turtle", "--figure", MARCH], "--figure narrows only"),
    (["--format", "csl-json", "--figure", "no-such-figure"], "no figure with id 'no-such-figure'"),
])
def test_misuse_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", *args, "-o", str(tmp_path / "x"), "-g", str(GRAPH_DIR)])
    assert result.exit_code == 2 and message in result.output
