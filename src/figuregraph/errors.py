"""One exception root for everything figuregraph reports to a user.

The CLI turns these into a message and an exit code: 1 when validation failed, 2 for bad
input or usage. Anything else escaping is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable


@dataclass(frozen=True)
class Location:
    """Where in which input a problem is: file, line (1-based) and record id."""

    file: Path | str | None = None
    line: int | None = None
    record: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{self.file}:{self.line}" if self.line else str(self.file))
        if self.record:
            parts.append(f"record '{self.record}'")
        return ", ".join(parts)


class FigureGraphError(Exception):
    """Root of all errors figuregraph raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location and str(location) else message)


class InputError(FigureGraphError):
    """Bad input: a record, document, file or parameter that cannot be used."""


class UsageError(FigureGraphError):
    """A command used in a way that cannot work (unknown query, missing parameter)."""


class QueryError(FigureGraphError):
    """A query that is refused before it runs, or that failed in the engine."""


class ValidationFailed(FigureGraphError):
    """The graph was built but does not conform to the shapes."""

    exit_code = 1


class InputWarning(UserWarning):
    """Input that is used, but that a person should look at (a label with bidirectional controls)."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location
        super().__init__(f"{location}: {message}" if location and str(location) else message)


def os_error_message(exc: OSError) -> str:
    """What the system refused, and where: ``dist/x.ttl: No space left on device``. An error without a
    file name (pyoxigraph's) names its path in its text."""
    if exc.filename is None:
        return str(exc)
    where = str(exc.filename) if exc.filename2 is None else f"{exc.filename} -> {exc.filename2}"
    return f"{where}: {exc.strerror or exc}"


def close_matches(word: str, known: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The known names spelled most like ``word``, closest first: the one source of "did you mean"."""
    import difflib

    return difflib.get_close_matches(word, list(known), n=n, cutoff=cutoff)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """The hint `` (did you mean 'x'?)`` for a misspelt name, or ``""`` when nothing is close."""
    close = close_matches(word, known)
    return f" (did you mean '{close[0]}'?)" if close else ""
