"""The command line starts light: its help and ``--version`` load no RDF, SHACL, network or plotting
library, a query on an existing Oxigraph store neither rdflib nor the build, export or SHACL machinery, and
``import figuregraph`` loads the API only when it is used."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import version

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from figuregraph.build import BuiltGraph
from figuregraph.cli import app
from figuregraph.store import write_store

from ..conftest import MINI
from ..expected import PARAMS

HEAVY = ("matplotlib", "pyshacl", "pyvis", "networkx", "pandas", "rdflib", "pyoxigraph")

# Runs every help page of the command line in one fresh interpreter, then lists what got imported.
HELP_PAGES = """
import json, sys
from figuregraph.cli import app
from typer.main import get_command
pages = [["--help"], ["--version"], *([name, "--help"] for name in get_command(app).commands)]
for args in pages:
    try:
        app(args, prog_name="figuregraph")
    except SystemExit as exc:
        assert exc.code == 0, (args, exc.code)
print(json.dumps({"pages": len(pages), "modules": sorted(sys.modules)}), file=sys.stderr)
"""


# What a query on an on-disk Oxigraph store needs: pyoxigraph, the store, the library and the writer,
# which writes the engine's cells (rdf.cells) without rdflib; the guard passes the bundled queries
# without its lexer or rdflib's parser (store.guard.vet); nothing of the records' machinery.
QUERY_HEAVY = ("matplotlib", "pyshacl", "pyvis", "networkx", "pandas", "yaml", "rdflib", "figuregraph.build",
               "figuregraph.export", "figuregraph.validate", "figuregraph.model", "figuregraph.store.memory",
               "figuregraph.store.lexer", "figuregraph.audit", "figuregraph.rdf.terms", "figuregraph.rdf.namespace")

QUERY = """
import contextlib, io, json, sys
from figuregraph.cli import app
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        app(sys.argv[1:], prog_name="figuregraph")
except SystemExit as exc:
    assert exc.code == 0, exc.code
print(json.dumps({"modules": sorted(sys.modules), "written": out.getvalue()}), file=sys.stderr)
"""


def _run(code: str, *args: str) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stderr.strip().splitlines()[-1])


def _loaded(modules: object, names: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return sorted({m.split(".")[0] for m in modules} & set(names))


def test_help_of_every_command_imports_no_heavy_library() -> None:
    seen = _run(HELP_PAGES)
    assert seen["pages"] == len(app.registered_commands) + 2
    assert _loaded(seen["modules"], HEAVY) == []


def _within(modules: object, names: tuple[str, ...]) -> list[str]:
    """The modules loaded that are one of ``names`` or inside one of them."""
    assert isinstance(modules, list)
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_a_query_on_a_store_loads_no_build_export_or_sparql_machinery(seed: BuiltGraph, tmp_path: Path) -> None:
    """Also with parameters: an id or a term is bound as the engine's own term (no rdflib)."""
    write_store(tmp_path / "store", lambda target: target.load_quads(seed.store.quads()))
    store = ("--store", f"oxigraph:{tmp_path / 'store'}")
    asked = [("breakdown", fmt) for fmt in ("table", "csv", "json")] + [
        (name, "json") for name in ("figures-about", "citation-chain", "internal/linked-by")]
    for name, fmt in asked:
        params = [arg for k, v in PARAMS.get(name, {}).items() for arg in ("--param", f"{k}={v}")]
        seen = _run(QUERY, "query", name, *params, *store, "--format", fmt)
        assert _within(seen["modules"], QUERY_HEAVY) == [], (name, fmt)
        assert _within(seen["modules"], ("pyoxigraph", "figuregraph.store.oxigraph")), fmt  # it did run
        assert seen["written"].strip() and (fmt != "json" or json.loads(seen["written"])), name  # rows found


# What a rebuild with nothing changed needs: the cache's manifest, the stat of every record file and
# the outputs already written; none of the views, the network or the SHACL engine.
REBUILD_HEAVY = ("matplotlib", "pyshacl", "pyshacl_turbo", "pyvis", "networkx", "pandas", "figuregraph.views",
                 "figuregraph.audit")


def test_a_rebuild_with_nothing_changed_loads_no_views_network_or_shacl(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "graph")
    args = ("build", "-g", str(tmp_path / "graph"), "-o", str(tmp_path / "mini.ttl"))
    first = _run(QUERY, *args)  # a clean build fills the cache
    again = _run(QUERY, *args)
    assert _within(again["modules"], REBUILD_HEAVY) == []
    assert "pyshacl_turbo" in {m.split(".")[0] for m in first["modules"]}  # the clean build did validate


def test_import_figuregraph_is_light_and_gives_the_api_on_use() -> None:
    seen = _run("""
import json, sys
import figuregraph as fg
light = sorted(sys.modules)
import figuregraph.build, figuregraph.export, figuregraph.validate  # the subpackages behind three API names
names = {n: [type(getattr(fg, n)).__name__, getattr(getattr(fg, n), "__module__", None)]
         for n in ("build", "export", "validate", "run_query", "QueryLibrary")}
print(json.dumps({"modules": light, "names": names, "version": fg.__version__}), file=sys.stderr)
""")
    assert _loaded(seen["modules"], HEAVY) == []
    assert seen["names"] == {"build": ["function", "figuregraph.api"], "export": ["function", "figuregraph.export"],
                             "validate": ["function", "figuregraph.validate"],
                             "run_query": ["function", "figuregraph.api"],
                             "QueryLibrary": ["type", "figuregraph.store.library"]}
    assert seen["version"] == version("figuregraph")


def test_version_option_prints_the_package_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"figuregraph {version('figuregraph')}\n"


def test_what_the_help_lists_is_what_the_library_has() -> None:
    """The help names formats, kinds and defaults without importing the machinery: they must agree."""
    from figuregraph import defaults
    from figuregraph.cli.extract_cmds import SOURCE_KINDS
    from figuregraph.cli.graph_cmds import EXPORT_FORMATS
    from figuregraph.export import FORMATS
    from figuregraph.model.schema import SOURCE_CLASSES
    from figuregraph.store.guard import DEFAULT_POLICY

    assert EXPORT_FORMATS == FORMATS
    assert tuple(SOURCE_CLASSES) == SOURCE_KINDS
    assert DEFAULT_POLICY.timeout == defaults.QUERY_TIMEOUT
