"""The init command: a new graph folder to start from."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import command
from .output import stderr


@command()
def init(
    folder: Path = typer.Argument(..., help="The new folder (it must not exist, or be empty)."),
) -> None:
    """Start a new graph: FOLDER/graph/ with example vocabularies and sources that build, and a
    FOLDER/dataset.yaml to fill in for releases."""
    from ..release.init import init_folder

    written = init_folder(folder)
    listed = "\n  ".join(str(p) for p in written)
    stderr.print(f"wrote {folder}:\n  {listed}\nnext: cd {folder} && figuregraph build, then fill in "
                 "dataset.yaml before figuregraph release", highlight=False)
