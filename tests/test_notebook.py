"""Issue 4: the exploration notebook runs top to bottom in a real kernel (nbclient)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO

nbformat = pytest.importorskip("nbformat", reason="make test installs nbformat")
nbclient = pytest.importorskip("nbclient", reason="make test installs nbclient")
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_the_notebook_runs_top_to_bottom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGUREGRAPH_OUT", str(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<table" in h and "convictions-desertion-2024-03" in h for h in html)  # the headline table
    assert any("<iframe srcdoc=" in h and "sandbox=\"allow-scripts\"" in h for h in html)  # the figure view
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart
    assert (tmp_path / "figuregraph.ttl").stat().st_size > 10_000 and (tmp_path / "chart.png").exists()
