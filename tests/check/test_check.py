"""Issue 20: checking a text in hand against the seed graph. The fixtures (tests/fixtures/check/) are
short news texts written for these tests in plain sentences; the seed news document is checked too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.check import CheckedFigure, CheckResult, check_text
from figuregraph.cli import app
from figuregraph.extract import Lexicon
from figuregraph.store import Store
from figuregraph.store.library import internal

from ..conftest import GRAPH_DIR, NEWS_SEED, REPO
from ..schemas import output

runner = CliRunner()
FIXTURES = REPO / "tests" / "fixtures" / "check"
DAY = date(2024, 5, 3)  # the fixtures' publication day
MARCH = "convictions-desertion-2024-03"
MOD_CHAIN = ("uk-mod-2024-04-24-desertion-update", "mediazona-military-court-desertion-data")
GRAPH_CHAIN = ("wp-2024-record-desertions", *MOD_CHAIN)


@pytest.fixture(scope="module")
def dataset(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph as a dataset file, so that the CLI tests skip building and validating it."""
    target = tmp_path_factory.mktemp("check") / "seed.trig"
    fg.export(seed, "trig", target)
    return target


def checked(name: str, store: Store, lexicon: Lexicon, day: date | None = DAY) -> tuple[str, CheckResult]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return text, check_text(text, store, lexicon, day)


def only(result: CheckResult) -> CheckedFigure:
    assert len(result.figures) == 1, [f.quote for f in result.figures]
    return result.figures[0]


def match(figure: CheckedFigure, ident: str):
    return next(m for m in figure.matches if m.figure == ident)


def test_a_restatement_of_the_ministry_update_repeats_it_and_names_mediazona(seed_store: Store,
                                                                             lexicon: Lexicon) -> None:
    _, result = checked("repeats-ministry-update", seed_store, lexicon)
    f = only(result)
    assert (f.verdict, f.measure, f.subject) == ("repeats", "persons-convicted-desertion", "russian-armed-forces")
    assert f.shared_origins == ("mediazona",) and "Mediazona" in f.reason
    assert f.backing.chains == (("@text", *MOD_CHAIN),)
    march = match(f, MARCH)
    assert (march.judgement, march.periods, march.backing.chains) == ("circular", "same", (GRAPH_CHAIN,))
    # the update it cites, and through it (citing data from Mediazona) Mediazona's court data
    assert [(k.source, k.figures) for k in result.known_sources] == [
        ("uk-mod-2024-04-24-desertion-update", (1,)), ("mediazona-military-court-desertion-data", (1,))]
    assert result.summary() == {"corroborated": 0, "repeats": 1, "conflicts": 0, "new": 0, "cannot tell": 0}


def test_undated_the_ministry_is_new_but_the_mediazona_data_it_cites_is_still_the_shared_origin(
        seed_store: Store, lexicon: Lexicon) -> None:
    """Without a date the ministry's statement is not the graph's update; "citing data from Mediazona"
    still takes the chain to Mediazona."""
    _, result = checked("repeats-ministry-update", seed_store, lexicon, None)
    f = only(result)
    assert f.backing.chains == (("@text", "new:uk-ministry-of-defence-statement-undated", "new:mediazona-data"),)
    assert (f.verdict, f.shared_origins) == ("repeats", ("mediazona",))
    assert [(k.source, k.figures) for k in result.known_sources] == [("mediazona-military-court-desertion-data", (1,))]


def test_the_same_count_from_court_records_of_its_own_corroborates(seed_store: Store, lexicon: Lexicon) -> None:
    _, result = checked("corroborated-court-data", seed_store, lexicon)
    f = only(result)
    assert f.verdict == "corroborated" and f.citations == ("1",)
    assert f.backing.origins == ("new:ovd-info",) and result.labels["new:ovd-info"] == "OVD-Info"
    assert match(f, MARCH).judgement == "corroboration"
    assert "OVD-Info" in f.reason and "Mediazona" in f.reason
    assert f.shared_origins == ()


def test_840_for_march_2024_conflicts_and_both_chains_are_given(seed_store: Store, lexicon: Lexicon) -> None:
    _, result = checked("conflicts-840", seed_store, lexicon)
    f = only(result)
    assert (f.verdict, f.value, f.period_start, f.period_end) == ("conflicts", 840, date(2024, 3, 1),
                                                                  date(2024, 3, 31))
    assert f.backing.chains == (("@text", "new:meduza-statement-2024-05-03"),)
    march = match(f, MARCH)
    assert march.judgement == "conflict" and march.backing.chains == (GRAPH_CHAIN,)
    assert "'840'" in f.reason and "'684'" in f.reason and "Meduza vs Mediazona" in f.reason
    # the year and the months since the mobilisation contain March: neither is exceeded
    wider = {m.figure: (m.periods, m.judgement) for m in f.matches if m.figure != MARCH}
    assert wider == {"convicted-desertion-2024": ("nested", None),
                     "convictions-desertion-since-mobilisation": ("nested", None)}


def test_a_measure_the_graph_lacks_or_a_period_it_has_nothing_for_is_new(seed_store: Store,
                                                                         lexicon: Lexicon) -> None:
    _, result = checked("new-measure", seed_store, lexicon)
    tanks, deserted = result.figures
    assert (tanks.verdict, tanks.measure, tanks.matches) == ("new", "new:tanks", ())
    assert "'tanks'" in tanks.reason
    assert (deserted.verdict, deserted.measure) == ("new", "deserters")
    assert [(m.figure, m.periods, m.judgement) for m in deserted.matches] == [("deserters-since-2022", "nested",
                                                                               None)]
    assert "no figure of military personnel who deserted" in deserted.reason


def test_a_figure_with_no_subject_cannot_be_told_and_says_so(seed_store: Store, lexicon: Lexicon) -> None:
    _, result = checked("cannot-tell-no-subject", seed_store, lexicon)
    f = only(result)
    assert (f.verdict, f.missing, f.subject, f.matches) == ("cannot tell", ("subject",), None, ())
    assert "no subject" in f.reason


def test_the_seed_article_checked_against_the_graph_that_holds_it_repeats_it(seed_store: Store,
                                                                             lexicon: Lexicon) -> None:
    text = NEWS_SEED.read_text(encoding="utf-8")
    result = check_text(text, seed_store, lexicon, date(2024, 4, 24), "wirtualna-polska")
    pairs = {(match.figure, match.judgement) for f in result.figures for match in f.matches if match.judgement}
    assert [f.verdict for f in result.figures] == ["repeats"] * 3
    assert pairs == {(MARCH, "circular"), ("convictions-desertion-since-mobilisation", "circular"),
                     ("convictions-desertion-moscow-region-since-mobilisation", "circular")}
    # undated, "in March" has no year: no period, so it cannot be compared
    undated = check_text(text, seed_store, lexicon, None, "wirtualna-polska")
    assert (undated.figures[0].verdict, undated.figures[0].missing) == ("cannot tell", ("period",))


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.txt")))
def test_every_quote_is_the_text_at_its_offsets(seed_store: Store, lexicon: Lexicon, name: str) -> None:
    text, result = checked(name, seed_store, lexicon)
    assert result.figures and result.length == len(text)
    for f in result.figures:
        assert text[f.start:f.end] == f.quote


def test_a_check_writes_nothing_and_asks_for_each_measure_and_subject_once(
        seed_store: Store, lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three figures of one measure about one subject: one look-up of the graph's figures with their
    chains, one chain query for the source the text cites, one for a source whose text is this one;
    the store is as it was."""
    text = "\n\n".join((FIXTURES / f"{n}.txt").read_text(encoding="utf-8")
                       for n in ("repeats-ministry-update", "conflicts-840", "corroborated-court-data"))
    asked: list[str] = []
    real = seed_store.query

    def counting(query: str, *args: object, **kwargs: object) -> object:
        asked.append(next((n for n in ("check-figures", "check-figure-links", "check-chain", "check-same-text")
                           if query == internal(n).text), "other"))
        return real(query, *args, **kwargs)  # type: ignore[arg-type]

    before = len(seed_store)
    monkeypatch.setattr(seed_store, "query", counting)
    result = check_text(text, seed_store, lexicon, DAY)
    assert [f.verdict for f in result.figures] == ["repeats", "conflicts", "corroborated"]
    assert sorted(asked) == ["check-chain", "check-figure-links", "check-figures", "check-same-text"]
    assert len(seed_store) == before


def test_check_json_matches_its_schema_and_standard_input_gives_the_same(dataset: Path) -> None:
    path = FIXTURES / "repeats-ministry-update.txt"
    args = ["-d", str(dataset), "-g", str(GRAPH_DIR), "--date", "2024-05-03", "-f", "json"]
    data = output("check", ["check", str(path), *args])
    assert data["summary"]["repeats"] == 1 and data["figures"][0]["shared_origins"] == ["mediazona"]
    named = {n for f in data["figures"] for chain in f["backing"]["chains"] for n in chain}
    assert named <= set(data["labels"])
    piped = runner.invoke(app, ["check", "-", *args], input=path.read_bytes())
    assert piped.exit_code == 0 and json.loads(piped.stdout) == data


def test_check_json_is_byte_identical_across_runs(dataset: Path) -> None:
    args = ["check", str(FIXTURES / "conflicts-840.txt"), "-d", str(dataset), "-g", str(GRAPH_DIR), "--date",
            "2024-05-03", "-f", "json"]
    here = runner.invoke(app, args)
    command = Path(sys.executable).with_name("figuregraph")  # the console script, in a process of its own
    run = subprocess.run([str(command), *args], capture_output=True, cwd=REPO,
                         env={**os.environ, "PYTHONHASHSEED": "7"}, timeout=120)
    assert here.exit_code == 0 and run.returncode == 0, run.stderr
    assert run.stdout == here.stdout_bytes and b'"conflicts": 1' in run.stdout


def test_check_table_shows_the_verdicts_and_both_chains(dataset: Path) -> None:
    result = runner.invoke(app, ["check", str(FIXTURES / "conflicts-840.txt"), "-d", str(dataset), "-g",
                                 str(GRAPH_DIR), "--date", "2024-05-03"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "conflicts" in out and "@text -> new:meduza-statement-2024-05-03" in out
    assert all(node in out for node in GRAPH_CHAIN)  # the graph's chain, folded in its cell
    assert "cannot tell" in out  # the summary lists every verdict


def test_binary_standard_input_is_refused_by_name() -> None:
    result = runner.invoke(app, ["check", "-"], input=b"\x00\x01binary")
    assert result.exit_code == 2 and "standard input: a binary file" in result.stderr


def test_a_document_the_graph_holds_is_recognised_not_its_own_corroboration(graph_copy: Path, tmp_path: Path) -> None:
    """A text checked after it was ingested: the graph's record of its figure is the text itself (the same
    text-sha256), named as such and not compared with it; the verdict is the rest of the graph's. A text
    that differs by one character is another document."""
    note = tmp_path / "court-data.txt"
    note.write_text((FIXTURES / "corroborated-court-data.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ingested = runner.invoke(app, ["ingest", str(note), "-g", str(graph_copy), "--publisher", "Court Watch Desk",
                                   "--title", "Court registers", "--date", "2024-05-03",
                                   "--id", "court-watch-2024-march"])
    assert ingested.exit_code == 0, ingested.output
    args = ["-g", str(graph_copy), "--date", "2024-05-03", "-f", "json"]
    data = output("check", ["check", str(note), *args])
    assert data["text"]["in_graph"] == ["court-watch-2024-march"]
    (figure,) = data["figures"]
    assert MARCH in {m["figure"] for m in figure["matches"]}
    assert "court-watch-2024-march" not in {m["document"] for m in figure["matches"]}
    assert figure["verdict"] == "corroborated" and "a document does not corroborate itself" in figure["reason"]
    said = runner.invoke(app, ["check", str(note), *args])
    assert "this text is the one the graph keeps for court-watch-2024-march" in said.stderr
    note.write_text(note.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    other = output("check", ["check", str(note), *args])
    assert other["text"]["in_graph"] == []
    assert "court-watch-2024-march" in {m["document"] for m in other["figures"][0]["matches"]}
