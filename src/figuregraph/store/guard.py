"""Query guards, applied before a query reaches any engine (embedded or remote).

A light lexer skips strings, IRIs and comments, then checks: the size of the text, its
nesting depth (deep nesting crashes Oxigraph's parser), federated ``SERVICE``, update
operations (``LOAD``, ``INSERT``, ...), and ``FROM``/``FROM NAMED`` of graphs that are not
this project's named graphs. Each refusal says what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import QueryError
from ..rdf.namespace import DATA, PREFIXES

LOCAL_GRAPHS = DATA + "graph/"
UPDATE_KEYWORDS = {"LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*:[\w.\-:%\u00B7-\uFFFF]*|:[\w.\-:%\u00B7-\uFFFF]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>\S)
  | (?P<space>\s+)
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryRefused(QueryError):
    """A query the guards will not let through."""


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit."""


@dataclass(frozen=True)
class Policy:
    """What queries may do. The defaults are safe for untrusted query text."""

    max_length: int = 256_000
    max_depth: int = 64
    allow_service: bool = False
    allow_remote_from: bool = False
    timeout: float | None = 60.0


DEFAULT_POLICY = Policy()


def check(query: str, policy: Policy = DEFAULT_POLICY) -> None:
    """Raise QueryRefused if the query breaks the policy; return quietly otherwise."""
    refusal = _verdict(query, policy)
    if refusal is not None:
        raise QueryRefused(refusal)


@lru_cache(maxsize=512)
def _verdict(query: str, policy: Policy) -> str | None:
    """The refusal message for a query, or None (cached: library queries repeat)."""
    try:
        _check(query, policy)
    except QueryRefused as exc:
        return str(exc)
    return None


def _check(query: str, policy: Policy) -> None:
    if len(query) > policy.max_length:
        raise QueryRefused(f"query refused: {len(query)} characters is over the limit of {policy.max_length}")
    depth = 0
    prefixes = dict(PREFIXES)
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(query) if m.lastgroup not in ("space", "comment")]
    for i, (kind, text) in enumerate(tokens):
        if kind == "open":
            depth += 1
            if depth > policy.max_depth:
                raise QueryRefused(f"query refused: nested deeper than {policy.max_depth} levels")
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word":
            keyword = text.upper()
            if keyword == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
                prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
            elif keyword == "SERVICE" and not policy.allow_service:
                raise QueryRefused("query refused: SERVICE (federated query) is not allowed; "
                                   "allow it explicitly (--allow-service) if you trust the remote endpoint")
            elif keyword in UPDATE_KEYWORDS:
                raise QueryRefused(f"query refused: {keyword} is an update operation; queries are read-only")
            elif keyword == "FROM" and not policy.allow_remote_from:
                _check_from(tokens, i, prefixes)


def _check_from(tokens: list[tuple[str | None, str]], i: int, prefixes: dict[str, str]) -> None:
    j = i + 1
    if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "NAMED":
        j += 1
    if j >= len(tokens):
        raise QueryRefused("query refused: FROM without a graph")
    kind, text = tokens[j]
    if kind == "iri":
        iri = text[1:-1]
    elif kind == "pname":
        prefix, _, local = text.partition(":")
        if prefix not in prefixes:
            raise QueryRefused(f"query refused: FROM {text} uses an undeclared prefix")
        iri = prefixes[prefix] + local
    else:
        raise QueryRefused("query refused: FROM must name a graph IRI")
    if not iri.startswith(LOCAL_GRAPHS):
        raise QueryRefused(f"query refused: FROM <{iri}> is not one of this dataset's named graphs "
                           f"({LOCAL_GRAPHS}...); remote FROM must be allowed explicitly (--allow-remote-from)")
