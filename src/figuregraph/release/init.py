"""``figuregraph init DIR``: a new project folder with a graph that builds and a dataset description
to fill in, laid out as ``build`` and ``release`` look for them (``graph/`` and ``dataset.yaml``
beside it). The folder is written whole or not at all, and never over files already there."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import InputError, UsageError
from ..model.skeleton import GRAPH, skeleton
from .about import DEFAULT_ABOUT, template


def init_folder(target: Path) -> list[Path]:
    """Write the folder; returns the files written, relative to it."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not an empty folder: init writes a new one")
    files = {GRAPH / path: text for path, text in skeleton().items()}
    files[DEFAULT_ABOUT] = template()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise InputError(f"cannot create {target}: {exc.strerror}") from exc
    try:
        for relative, text in files.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"cannot write {target}: {exc.strerror}") from exc
    return sorted(files)
