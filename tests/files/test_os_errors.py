"""Issue 15, item 10: every OSError (a folder that cannot be written, a full disk, a read-only file
system) is a message naming the path and exit 2, never a traceback; nothing is half-written.

Permissions are tested as ``nobody`` (root may write anywhere), full disks on a small tmpfs and a
read-only file system on a read-only bind mount, each in a mount namespace of its own (``faults``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Iterator

import pytest

import figuregraph as fg
from figuregraph.build import BuiltGraph

from ..conftest import GRAPH_DIR, NEWS_SEED, REPO
from ..faults import assert_reported, cli, in_own_mounts, needs_root, world_readable_tmp

pytestmark = needs_root
ABOUT = REPO / "dataset.yaml"


@pytest.fixture(scope="module")
def base(seed: BuiltGraph) -> Iterator[Path]:
    """A folder nobody can read: the seed graph as N-Triples, a folder nobody can write (``locked``)
    and one that anybody can (``open``)."""
    for folder in world_readable_tmp():
        fg.export(seed, "nt", folder / "seed.nt")
        (folder / "seed.nt").chmod(0o644)
        (folder / "locked").mkdir(mode=0o755)
        (folder / "open").mkdir()
        (folder / "open").chmod(0o777)
        yield folder


def test_export_into_a_folder_that_cannot_be_written(base: Path) -> None:
    target = base / "locked" / "x.ttl"
    result = cli("export", "--data", base / "seed.nt", "--format", "turtle", "-o", target, nobody=True)
    assert_reported(result, str(target), "Permission denied")
    assert list((base / "locked").iterdir()) == []


def test_build_refuses_a_store_it_cannot_write_before_writing_its_turtle(base: Path) -> None:
    turtle = base / "open" / "built.ttl"
    result = cli("build", "-g", GRAPH_DIR, "-o", turtle, "--store", f"oxigraph:{base / 'locked' / 'store'}",
                 nobody=True)
    assert_reported(result, str(base / "locked"), "Permission denied")
    assert not turtle.exists() and [p.name for p in (base / "open").iterdir()] == []  # no temporary file either


def test_load_into_a_folder_that_cannot_be_written(base: Path) -> None:
    result = cli("load", base / "seed.nt", "--store", f"oxigraph:{base / 'locked' / 'store'}", nobody=True)
    assert_reported(result, str(base / "locked"), "Permission denied")


def test_release_into_a_folder_that_cannot_be_written(base: Path) -> None:
    result = cli("release", "--data", base / "seed.nt", "--about", ABOUT, "-o", base / "locked" / "release",
                 nobody=True)
    assert_reported(result, str(base / "locked"), "Permission denied")


def test_ingest_into_a_graph_folder_that_cannot_be_written(base: Path, tmp_path: Path) -> None:
    graph = base / "graph"
    shutil.copytree(GRAPH_DIR, graph)  # root's, 0755: nobody reads it and cannot write it
    before = sorted(p.name for p in (graph / "sources").iterdir())
    result = cli("ingest", NEWS_SEED, "-g", graph, "--title", "Record desertions (ingested)", "--publisher",
                 "wirtualna-polska", "--date", "2024-04-24", "--kind", "news-article", "--id", "wp-ingested",
                 nobody=True)
    assert_reported(result, str(graph / "sources" / "wp-ingested.yaml"), "Permission denied")
    assert sorted(p.name for p in (graph / "sources").iterdir()) == before


def test_export_onto_a_full_disk_keeps_the_previous_file(base: Path, tmp_path: Path) -> None:
    mount, out = tmp_path / "disk", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    result = in_own_mounts(f"""
        mount -t tmpfs -o size=1m tmpfs {mount}
        "$FG" export --data {base / 'seed.nt'} --format nt -o {mount}/x.nt 2>/dev/null
        cp {mount}/x.nt {out}/before
        dd if=/dev/zero of={mount}/fill bs=64k 2>/dev/null || true
        "$FG" export --data {base / 'seed.nt'} --format turtle -o {mount}/x.nt 2>{out}/stderr || echo $? >{out}/rc
        cp {mount}/x.nt {out}/after
        ls -A {mount} >{out}/listing
    """)
    assert result.returncode == 0, result.stderr
    assert (out / "rc").read_text().strip() == "2"
    stderr = (out / "stderr").read_text()
    assert f"{mount}/x.nt: No space left on device" in stderr and "Traceback" not in stderr, stderr
    assert (out / "after").read_bytes() == (out / "before").read_bytes()
    assert (out / "listing").read_text().split() == ["fill", "x.nt"]  # no temporary file left


def test_build_onto_a_full_disk_writes_neither_the_store_nor_the_turtle(tmp_path: Path) -> None:
    mount, out = tmp_path / "disk", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    (out / "built.ttl").write_text("the previous build\n")
    result = in_own_mounts(f"""
        mount -t tmpfs -o size=256k tmpfs {mount}
        "$FG" build -g {GRAPH_DIR} -o {out}/built.ttl --store oxigraph:{mount}/store 2>{out}/stderr || echo $? >{out}/rc
        ls -A {mount} >{out}/listing
    """)
    assert result.returncode == 0, result.stderr
    assert (out / "rc").read_text().strip() == "2"
    stderr = (out / "stderr").read_text()
    assert "No space left on device" in stderr and str(mount) in stderr and "Traceback" not in stderr, stderr
    assert (out / "built.ttl").read_text() == "the previous build\n"
    assert sorted(p.name for p in out.iterdir()) == ["built.ttl", "listing", "rc", "stderr"]
    assert (out / "listing").read_text().split() == []  # the unfinished store was removed


def test_export_onto_a_read_only_file_system(base: Path, tmp_path: Path) -> None:
    mount, out = tmp_path / "ro", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    result = in_own_mounts(f"""
        mount --bind {mount} {mount}
        mount -o remount,bind,ro {mount}
        "$FG" export --data {base / 'seed.nt'} --format nt -o {mount}/x.nt 2>{out}/stderr || echo $? >{out}/rc
    """)
    assert result.returncode == 0, result.stderr
    assert (out / "rc").read_text().strip() == "2"
    stderr = (out / "stderr").read_text()
    assert f"{mount}/x.nt: Read-only file system" in stderr and "Traceback" not in stderr, stderr
