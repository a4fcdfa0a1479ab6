"""The README documents the whole command line: every command as ``figuregraph <verb>`` and every
option by its long name; every command says what it does in its help."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from figuregraph.cli import app

from ..conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = get_command(app).commands  # type: ignore[attr-defined]


def _options(name: str) -> list[str]:
    return sorted({o for p in COMMANDS[name].params if not getattr(p, "hidden", False)
                   for o in (*p.opts, *p.secondary_opts) if o.startswith("--") and o != "--help"})


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    assert f"figuregraph {name}" in README
    missing = [o for o in _options(name) if not re.search(re.escape(o) + r"(?![\w-])", README)]
    assert missing == [], f"figuregraph {name}: options not in the README: {missing}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_says_what_it_does(name: str) -> None:
    assert COMMANDS[name].help and len(COMMANDS[name].help) > 20
    result = CliRunner().invoke(app, [name, "-h"])
    assert result.exit_code == 0 and "Usage: figuregraph " + name in " ".join(result.output.split())


def test_the_version_option_is_in_the_readme() -> None:
    assert "figuregraph --version" in README
