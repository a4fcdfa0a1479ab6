"""Spreadsheet cells that stay text: a cell that a spreadsheet would read as a formula (starting
with = + - @, tab or carriage return) is prefixed with an apostrophe, unless it is a plain number.
Every CSV the project writes (the figures table, a query's rows) goes through ``safe_cell``."""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def safe_cell(text: str) -> str:
    """The cell as text that no spreadsheet evaluates."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text
