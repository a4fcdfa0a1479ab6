"""The README's Python example runs as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ..conftest import GRAPH_DIR, REPO


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks
    shutil.copytree(GRAPH_DIR, tmp_path / "graph")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert "nearly 22 580" in capsys.readouterr().out
    assert (tmp_path / "dist" / "figuregraph.ttl").stat().st_size > 0
