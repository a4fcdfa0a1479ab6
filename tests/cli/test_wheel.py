"""The installed package, away from the repository: a wheel built from this checkout (once per
session), installed into a fresh virtual environment in a temporary folder, used from another
temporary folder as a new user would: ``--version``, ``init``, ``build``, ``release`` with the
dataset description's defaults, and a JSON-LD release with its named graphs.

The new environment gets the wheel with ``--no-deps`` and sees the test environment's
installed dependencies through a ``.pth`` line (nothing is downloaded); the editable install of
this checkout is not visible there (a ``.pth`` line adds a folder, not the ``.pth`` files in it),
which the test checks by asking the installed package where it lives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pyoxigraph as ox
import pytest

import figuregraph
from figuregraph.build import graph_iri
from figuregraph.model.records import parse_file, record_files

from ..conftest import REPO


def _run(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert run.returncode == 0, f"{args}: {run.stdout}\n{run.stderr}"
    return run


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment holding the wheel of this checkout."""
    root = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w",
         root / "dist", REPO, cwd=root)
    (wheel,) = (root / "dist").glob("figuregraph-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=root).stdout.strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel,
         cwd=root)
    return venv / "bin"


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "python", "-c", "import figuregraph; print(figuregraph.__file__)", cwd=tmp_path)
    assert where.stdout.strip().startswith(str(installed.parent)), where.stdout
    version = _run(installed / "figuregraph", "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"figuregraph {figuregraph.__version__}"


def test_init_build_and_release_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    cli = installed / "figuregraph"
    made = _run(cli, "init", "my-graph", cwd=tmp_path)
    project = tmp_path / "my-graph"
    assert (project / "dataset.yaml").is_file() and (project / "graph" / "vocab" / "actors.yaml").is_file()
    assert "figuregraph build" in made.stderr
    built = _run(cli, "build", "--format", "json", cwd=project)
    counts = {row["what"]: row["count"] for row in json.loads(built.stdout)}
    assert counts["figures"] == 1 and counts["sources"] == 2 and counts["citations"] == 1

    release = _run(cli, "release", "-o", "release", "--format", "json", cwd=project)
    assert "the release used defaults for title, description, license, publisher, version" in release.stderr
    assert "fill them in dataset.yaml" in release.stderr
    for output in (made, built, release):
        assert str(REPO) not in output.stdout + output.stderr  # nothing points into the repository
    manifest = json.loads((project / "release" / "manifest.json").read_text())
    assert manifest["title"] == "A figuregraph dataset" and manifest["version"] == "0.0.0"
    files = {f["path"]: f for f in manifest["files"]}
    assert {"ontology/index.html", "ontology/shapes.ttl", "figuregraph.jsonld", "void.ttl"} <= set(files)
    docs = (project / "release" / "ontology" / "index.html").read_text()
    for href in ("figuregraph.ttl", "shapes.ttl"):  # the page's download links land beside it
        assert f'href="{href}"' in docs and (project / "release" / "ontology" / href).is_file()
    void = (project / "release" / "void.ttl").read_text()
    assert "dcterms:license" not in void and "dcterms:publisher" not in void  # nothing claimed unasked

    # The release's JSON-LD keeps the named graphs: the TriG's quads.
    trig = set(ox.parse((project / "release" / "figuregraph.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    jsonld = set(ox.parse((project / "release" / "figuregraph.jsonld").read_bytes(), format=ox.RdfFormat.JSON_LD))
    seeds = [rf for rf in map(parse_file, record_files(project / "graph")) if rf is not None]
    assert jsonld == trig and {q.graph_name.value for q in trig} == {str(graph_iri(rf)) for rf in seeds}

    # Filled in, the description is used and nothing is left to fill.
    (project / "dataset.yaml").write_text("title: My figures\ndescription: Figures I checked.\n"
                                          "license: https://creativecommons.org/licenses/by/4.0/\n"
                                          "publisher: Me\nversion: 1.0.0\n")
    again = _run(cli, "release", "-o", "release", "--format", "json", cwd=project)
    assert "defaults" not in again.stderr
    assert json.loads((project / "release" / "manifest.json").read_text())["title"] == "My figures"
