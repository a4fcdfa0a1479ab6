"""One reader per document format, each giving a ``Document``: ``pdf``, ``html``, ``markdown``;
``detect`` tells the format by content, ``text`` decodes text files; ``names`` reads an author field
the same way for every format."""

from __future__ import annotations

import re

AUTHORS_APART = re.compile(r";|\s&\s|,\s(?=[A-Z])|\band\b")  # between two authors' names in one field
# what authoring tools write when nobody is named: no author of the document
PLACEHOLDERS = {"admin", "administrator", "author", "microsoft office user", "owner", "unknown", "user",
                "windows user"}


def names(value: object) -> tuple[str, ...]:
    """The authors an author field names (a PDF's /Author or XMP creators, a page's author, a front
    matter's ``author:``): a list's items (a text, or a mapping's ``name``), or a text cut at ";", "&",
    "and" and a comma before a capital ("Jane Analyst, John Doe"); the placeholders tools write
    ("Administrator") left out."""
    if isinstance(value, list | tuple):
        found = [_name(v) for v in value]
    else:
        text = _name(value)
        found = list(AUTHORS_APART.split(text)) if text else []
    cleaned = (" ".join(n.split()) for n in found if n)
    return tuple(dict.fromkeys(n for n in cleaned if n and n.casefold() not in PLACEHOLDERS))


def own_version() -> str:
    """figuregraph's version, part of every converter's name (the text a record's offsets refer to)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("figuregraph")
    except PackageNotFoundError:
        return "unknown"


def _name(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None
