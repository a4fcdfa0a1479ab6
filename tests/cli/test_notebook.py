"""Issue 4: the exploration notebook runs top to bottom in a real kernel (nbclient)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import REPO

nbformat = pytest.importorskip("nbformat", reason="make test installs nbformat")
nbclient = pytest.importorskip("nbclient", reason="make test installs nbclient")
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def _run(cwd: Path, monkeypatch: pytest.MonkeyPatch, graph: Path | None) -> list[dict]:
    """Execute the notebook in a real kernel started in ``cwd``; its code outputs."""
    if graph is None:
        monkeypatch.delenv("FIGUREGRAPH_GRAPH", raising=False)
    else:
        monkeypatch.setenv("FIGUREGRAPH_GRAPH", str(graph))
    monkeypatch.setenv("FIGUREGRAPH_OUT", str(cwd / "out"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (cwd / "out" / "figuregraph.ttl").stat().st_size > 1_000 and (cwd / "out" / "chart.png").exists()
    return outputs


def _html(outputs: list[dict]) -> list[str]:
    return [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]


def test_the_notebook_runs_on_a_graph_given_at_the_top_from_any_folder(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = _run(tmp_path, monkeypatch, REPO / "graph")  # started outside the repository
    html = _html(outputs)
    assert any("<table" in h and "convictions-desertion-2024-03" in h for h in html)  # the headline table
    assert any("<iframe srcdoc=" in h and "sandbox=\"allow-scripts\"" in h for h in html)  # the figure view
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart


def test_the_notebook_finds_the_graph_above_the_folder_it_runs_in(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from figuregraph.release.init import init_folder

    init_folder(tmp_path / "project")
    (tmp_path / "project" / "notebooks").mkdir()
    outputs = _run(tmp_path / "project" / "notebooks", monkeypatch, None)
    text = "".join(o.get("text", "") for o in outputs)
    assert str(tmp_path / "project" / "graph") in text and "conforms: True" in text
    assert any("example-arrivals-2024" in h for h in _html(outputs))
