"""Issue 15, item 6: a release is written whole into a new folder and swapped in. Killed at any moment
or out of disk space, the folder holds the previous release or the new one, each matching its
manifest; leftovers of interrupted runs are removed; a folder holding other files is refused."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.files import swap
from figuregraph.release import MANIFEST, make_release
from figuregraph.release.about import read_about

from ..conftest import REPO
from ..faults import ENV, FG, in_own_mounts, needs_root

ABOUT = REPO / "dataset.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_nt(seed: BuiltGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "seed.nt"
    fg.export(seed, "nt", path)
    return path


def assert_whole(release: Path) -> dict[str, object]:
    """The files in the folder are exactly those of its manifest, with their sizes and SHA-256."""
    manifest: dict[str, object] = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}  # type: ignore[attr-defined]
    on_disk = {p.relative_to(release).as_posix() for p in release.rglob("*") if not p.is_dir()} - {MANIFEST}
    assert on_disk == set(listed)
    for name, entry in listed.items():
        data = (release / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"]), name
    return manifest


def _release(seed_nt: Path, target: Path, version: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(FG), "release", "--data", str(seed_nt), "--about", str(ABOUT), "--version", version,
                             "-o", str(target)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _listing(*folders: Path) -> list[list[str]]:
    return [sorted(os.listdir(f)) for f in folders]


def test_a_release_killed_at_any_moment_is_the_previous_release_or_the_new_one(seed_nt: Path, tmp_path: Path) -> None:
    target = tmp_path / "release"
    assert _release(seed_nt, target, "1.0").wait(timeout=120) == 0
    versions = {"1.0"}
    rng = random.Random(15)
    for attempt in range(1, 4):
        version = f"1.{attempt}"
        before = _listing(tmp_path, target)
        process = _release(seed_nt, target, version)
        deadline = time.monotonic() + 120
        # wait until writing starts (a new folder beside the target, or a file in it), then kill soon after
        while process.poll() is None and _listing(tmp_path, target) == before and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.12))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        manifest = assert_whole(target)
        assert manifest["version"] in versions | {version}
        versions.add(str(manifest["version"]))
    assert _release(seed_nt, target, "2.0").wait(timeout=120) == 0
    assert assert_whole(target)["version"] == "2.0"
    assert sorted(os.listdir(tmp_path)) == ["release"]  # what the killed runs left was removed


@needs_root
def test_a_full_disk_leaves_the_previous_release_whole(seed_nt: Path, tmp_path: Path) -> None:
    mount, out = tmp_path / "disk", tmp_path / "out"
    mount.mkdir()
    out.mkdir()
    result = in_own_mounts(f"""
        mount -t tmpfs -o size=2m tmpfs {mount}
        "$FG" release --data {seed_nt} --about {ABOUT} --version 1.0 -o {mount}/release >/dev/null 2>&1
        size=$(du -sb {mount}/release | cut -f1)
        dd if=/dev/zero of={mount}/fill bs=64k 2>/dev/null || true
        truncate -s -$((size / 2)) {mount}/fill   # room for half a release
        "$FG" release --data {seed_nt} --about {ABOUT} --version 2.0 -o {mount}/release >/dev/null 2>{out}/stderr \\
            || echo $? >{out}/rc
        cp -a {mount}/release {out}/release
        ls -A {mount} >{out}/listing
    """)
    assert result.returncode == 0, result.stderr
    assert (out / "rc").read_text().strip() == "2"
    stderr = (out / "stderr").read_text()
    assert "No space left on device" in stderr and str(mount) in stderr and "Traceback" not in stderr, stderr
    assert assert_whole(out / "release")["version"] == "1.0"
    assert (out / "listing").read_text().split() == ["fill", "release"]  # the unfinished one was removed


def test_a_folder_holding_other_files_is_refused(tmp_path: Path, seed_nt: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "figuregraph.ttl").write_text("a build's output, not a release's\n")
    result = runner.invoke(app, ["release", "--data", str(seed_nt), "--about", str(ABOUT), "-o", str(dist)])
    assert result.exit_code == 2
    assert "not part of a release (figuregraph.ttl)" in result.output and str(dist) in result.output
    assert [p.name for p in dist.iterdir()] == ["figuregraph.ttl"]


def test_leftovers_are_removed_and_the_folder_gets_the_usual_mode(seed: BuiltGraph, tmp_path: Path) -> None:
    target = tmp_path / "release"
    make_release(seed.oxigraph(), target, read_about(ABOUT))
    (target / "notes.txt").write_text("mine")  # not in the manifest: the next release would drop it
    with pytest.raises(fg.InputError, match=r"notes\.txt"):
        make_release(seed.oxigraph(), target, read_about(ABOUT))
    (target / "notes.txt").unlink()
    stale = tmp_path / ".release.new-abc123"
    (stale / "ontology").mkdir(parents=True)
    (stale / "figuregraph.ttl").write_text("half a release")
    make_release(seed.oxigraph(), target, read_about(ABOUT))
    assert sorted(os.listdir(tmp_path)) == ["release"]
    assert_whole(target)
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700


def test_a_symlinked_release_folder_keeps_its_link(seed: BuiltGraph, tmp_path: Path) -> None:
    real = tmp_path / "published" / "v1"
    real.mkdir(parents=True)
    link = tmp_path / "current"
    link.symlink_to(real)
    make_release(seed.oxigraph(), link, read_about(ABOUT))
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert_whole(real)


def test_without_an_atomic_exchange_the_release_is_still_swapped_in_whole(
        seed: BuiltGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where renameat2 is missing (other kernels), the old folder is renamed aside, then the new one in."""
    target = tmp_path / "release"
    make_release(seed.oxigraph(), target, read_about(ABOUT), base_url="https://example.org/v1/")
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    make_release(seed.oxigraph(), target, read_about(ABOUT), base_url="https://example.org/v2/")
    assert "https://example.org/v2/" in (target / "void.ttl").read_text()
    assert_whole(target)
    assert sorted(os.listdir(tmp_path)) == ["release"]
