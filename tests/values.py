"""A query cell or graph object as a Python value, for tests that compare numbers and flags."""

from __future__ import annotations

from typing import Any

from rdflib import Literal


def py(term: object) -> Any:
    """The Python value of ``term``, which must be a literal (an unbound cell or an IRI fails)."""
    assert isinstance(term, Literal), f"expected a literal, got {term!r}"
    return term.toPython()
