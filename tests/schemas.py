"""Running a command for its ``--format json`` output, checked against the schema the package ships."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from figuregraph.cli import app

runner = CliRunner()
SCHEMAS = resources.files("figuregraph.cli") / "schemas"


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def output(name: str, args: list[str], code: int = 0) -> Any:
    """Run a command, parse its stdout as JSON and check it against the schema ``name``."""
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    errors = sorted(Draft202012Validator(schema(name)).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return data
