"""Reading dataset files: one path for every command, and nothing fetched on the file's behalf."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import figuregraph as fg
from figuregraph.build import BuiltGraph, union_graph

from ..servers import FIGUREGRAPH
from ..servers import Listener


@pytest.fixture()
def listener():
    item = Listener()
    yield item
    item.close()


def remote_context_file(tmp_path: Path, port: int) -> Path:
    path = tmp_path / "remote.jsonld"
    path.write_text(f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "urn:x:a", "name": "a"}}')
    return path


def test_remote_jsonld_context_is_never_fetched(tmp_path: Path, listener: Listener) -> None:
    """Regression: rdflib fetched remote JSON-LD contexts when reading --data files."""
    path = remote_context_file(tmp_path, listener.port)
    with pytest.raises(fg.InputError, match=r"remote\.jsonld"):
        fg.load_dataset(path)
    for backend in ("memory", "oxigraph"):
        run = subprocess.run([str(FIGUREGRAPH), "query", "totals", "--data", str(path), "--backend", backend],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2 and "remote.jsonld" in run.stderr, run.stderr
    assert listener.connections == 0


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".jsonld"])
def test_every_export_reads_back_through_the_one_path(seed: BuiltGraph, tmp_path: Path, suffix: str) -> None:
    fmt = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".jsonld": "jsonld"}[suffix]
    path = tmp_path / f"seed{suffix}"
    fg.export(seed, fmt, path)
    assert isomorphic(union_graph(fg.load_dataset(path)), seed.graph)


def test_unknown_and_broken_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n")
    with pytest.raises(fg.InputError, match=r"broken\.ttl"):
        fg.load_dataset(broken)
    with pytest.raises(fg.InputError, match=r"unknown dataset file type '\.xml'"):
        fg.load_dataset(tmp_path / "x.xml")
    with pytest.raises(fg.InputError, match=r"missing\.nt"):
        fg.load_dataset(tmp_path / "missing.nt")
    empty = tmp_path / "empty.nt"
    empty.write_bytes(b"")
    assert len(fg.load_dataset(empty)) == 0
