"""One reader per document format, each giving a ``Document``: ``pdf``, ``html``, ``markdown``;
``detect`` tells the format by content, ``text`` decodes text files."""

from __future__ import annotations


def own_version() -> str:
    """figuregraph's version, part of every converter's name (the text a record's offsets refer to)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("figuregraph")
    except PackageNotFoundError:
        return "unknown"
