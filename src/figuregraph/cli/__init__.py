"""The ``figuregraph`` command: one verb per stage, tables on stdout, logs on stderr.

Exit codes: 0 ok, 1 validation failed, 2 bad input or usage. The command modules import
the machinery when a command runs, so that the help and ``--version`` start fast.
"""

from __future__ import annotations

from . import (  # noqa: F401  (register the commands)
    audit_cmds, check_cmds, extract_cmds, graph_cmds, init_cmds, query_cmds, release_cmds, serve_cmds, synth_cmds,
    view_cmds,
)
from .app import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="figuregraph")


__all__ = ["app", "main"]
