"""Issue 15, item 8: writers of a graph folder take its lock. Two ingests started together both land
(the second sees what the first proposed) or the second refuses clearly; the lock waits, then
refuses with a message; a killed holder lets go of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml

import figuregraph as fg
from figuregraph.extract.ingest import DocumentInfo, ingest
from figuregraph.files.lock import FolderBusy, locked

from ..conftest import FIXTURES, MINI
from ..faults import ENV, FG, lock_held_elsewhere

DOCUMENTS = FIXTURES / "concurrent"
# Two documents by one publisher the graph does not know: an ingest that does not see the other's
# file proposes it as a new actor too, and the graph then holds its id twice.
FIRST = ("recruits-2024.txt", "Recruitment in District X", "2025-03-01")
SECOND = ("recruits-2025.txt", "Recruitment, first half of 2025", "2025-08-01")



def _ingest(graph: Path, document: tuple[str, str, str], *extra: str) -> subprocess.Popen[str]:
    name, title, day = document
    return subprocess.Popen([str(FG), "ingest", str(DOCUMENTS / name), "-g", str(graph), "--title", title,
                             "--publisher", "Asylum Research Desk", "--date", day, *extra],
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(runs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    """Each run's exit code, stdout and stderr, once it has ended."""
    outputs = [run.communicate(timeout=300) for run in runs]
    return [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs)]


def _figures(path: Path) -> list[str]:
    return [f["quote"] for f in yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]]


def test_two_ingests_started_together_both_land(tmp_path: Path) -> None:
    for attempt in range(2):
        graph = tmp_path / f"graph-{attempt}"
        shutil.copytree(MINI, graph)
        runs = [_ingest(graph, FIRST), _ingest(graph, SECOND)]
        results = _finished(runs)
        assert [code for code, *_ in results] == [0, 0], results
        built, report = fg.build_valid(graph)  # no actor proposed twice: the second saw the first's file
        assert report.conforms
        written = {d.path.name: [f.quote for f in d.figures] for d in built.index.documents}
        for run_out in (out for _, out, _ in results):
            target = Path(run_out.strip())
            assert written[target.name] == _figures(target) and written[target.name]


def test_two_ingests_of_different_documents_under_one_id_the_second_refuses(tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    shutil.copytree(MINI, graph)
    runs = [_ingest(graph, FIRST, "--id", "desk-2025"), _ingest(graph, SECOND, "--id", "desk-2025")]
    results = _finished(runs)
    assert sorted(code for code, *_ in results) == [0, 2], results
    refused = next(err for code, _, err in results if code == 2)
    assert "desk-2025.yaml exists and differs from this extraction" in refused and "Traceback" not in refused
    landed = (FIRST, SECOND)[next(i for i, (code, *_) in enumerate(results) if code == 0)]
    alone = tmp_path / "alone"
    shutil.copytree(MINI, alone)
    info = DocumentInfo("desk-2025", landed[1], "Asylum Research Desk", published=landed[2])
    expected = ingest(DOCUMENTS / landed[0], info, alone, date.fromisoformat(landed[2])).content
    # the file holds the whole of the document that landed, as that document alone gives it
    assert (graph / "sources" / "desk-2025.yaml").read_text(encoding="utf-8") == expected


def test_a_second_writer_waits_then_refuses_with_a_message(tmp_path: Path) -> None:
    with lock_held_elsewhere(tmp_path, seconds=10) as release:
        told: list[str] = []
        with (pytest.raises(FolderBusy, match="another figuregraph command is writing in this folder"),
              locked(tmp_path, timeout=0.2, waiting=lambda: told.append("waiting"))):
            pass
        assert told == ["waiting"]
        threading.Timer(0.2, release.set).start()
        with locked(tmp_path, timeout=10):  # waits for the holder, then has it
            assert release.is_set()


def test_the_holder_may_take_its_lock_again_and_a_killed_holder_lets_go(tmp_path: Path) -> None:
    # a writer calling another writer does not wait for itself
    with locked(tmp_path, timeout=0.1), locked(tmp_path, timeout=0.1):
        pass
    code = ("import sys, time; from pathlib import Path; from figuregraph.files.lock import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderBusy), locked(tmp_path, timeout=0.1):
            pass
    finally:
        holder.kill()
        holder.wait(10)
    with locked(tmp_path, timeout=5):  # the kernel let go of the killed holder's lock
        pass
