"""Query guards, applied before a query reaches any engine (embedded or remote).

A query passes two stages, each of which can refuse it, and each refusal says what to change:

1. Its size, then its tokens (``lexer``), read as the engines read them: in the standard
   reading (codepoint escapes expanded first, as rdflib does) and, when it has such
   escapes, in Oxigraph's (escapes decoded inside strings and IRIs only); two readings that
   differ are refused. On the tokens: the nesting depth (deep nesting crashes Oxigraph's
   parser, so this comes before any parsing), ``SERVICE``, update keywords, ``FROM`` of
   graphs that are not this dataset's, and names glued to ``SERVICE``/``FROM``
   (Oxigraph reads ``SERVICEx:`` as ``SERVICE x:``).
2. Its parsed form: rdflib's SPARQL parser and algebra, searched for ``SERVICE`` anywhere
   and for the ``FROM``/``FROM NAMED`` graphs. A query the parser cannot read is refused:
   it would not be safe to pass on what the guard could not read.

The token stage is the first line and must be right alone; the parse settles what the
query is. Verdicts are cached: library queries repeat, and parsing is the costly part
(benchmarks/bench_guard.py).

The package's own library queries are not untrusted text: ``vet`` marks their texts as the
library reads them, and ``check`` lets a vetted text through without either stage under any
policy at least as permissive as the default (the tests pass each one through both stages), so
a command that runs only those never loads the lexer or rdflib's parser; a check bound to nodes
(``library.for_nodes``) is let through while it runs (``focused``). A query from anywhere else,
or under a stricter policy, is checked in full; the verdicts' cache holds only those.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterator

from typing import TYPE_CHECKING

from ..errors import QueryError
from ..rdf.prefixes import DATA, PREFIXES
from .threads import on_thread

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

    from .lexer import Token

LOCAL_GRAPHS = DATA + "graph/"
UPDATE_KEYWORDS = {"LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
SERVICE_REFUSED = ("query refused: SERVICE (federated query) is not allowed; "
                   "allow it explicitly (--allow-service) if you trust the remote endpoint")


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
_VETTED: set[str] = set()  # the texts of the package's own library queries (``vet``)
_RUNNING = threading.local()  # ``focused``: the vetted checks bound to nodes this thread is running


def vet(query: str) -> None:
    """Mark the text of one of the package's own library queries as passing the guard."""
    _VETTED.add(query)


@contextmanager
def focused(base: str, text: str) -> Iterator[None]:
    """Let ``text`` through unchecked on this thread while the block runs, when it is a vetted
    ``base`` with only a VALUES block of IRIs added (``library.for_nodes``: each IRI checked by
    Oxigraph, written in N-Triples syntax). Nothing is kept past the block: each rebuild binds the
    checks to other nodes."""
    running: set[str] | None = getattr(_RUNNING, "texts", None)
    if running is None:
        running = _RUNNING.texts = set()
    if base not in _VETTED or text in running:
        yield
        return
    running.add(text)
    try:
        yield
    finally:
        running.discard(text)


def _vetted(query: str, policy: Policy) -> bool:
    """Whether a vetted text needs no check under ``policy``: its limits are no stricter than the
    default's (the switches only permit more)."""
    known = query in _VETTED or query in getattr(_RUNNING, "texts", ())
    return known and policy.max_length >= DEFAULT_POLICY.max_length and policy.max_depth >= DEFAULT_POLICY.max_depth


def check(query: str, policy: Policy = DEFAULT_POLICY) -> None:
    """Raise QueryRefused if the query breaks the policy; return quietly otherwise."""
    if _vetted(query, policy):
        return
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
    escaped = "\\u" in query or "\\U" in query  # any, even one only rdflib reads as an escape (\U0041)
    standard = _standard_reading(query) if escaped else query
    tokens = _tokens(standard, False, policy)
    _check_tokens(tokens, policy)
    if escaped and _values(_tokens(query, True, policy, "as Oxigraph reads it, ")) != _values(tokens):
        raise QueryRefused("query refused: its \\u escapes read differently in different SPARQL engines (expanded "
                           "everywhere by the standard, only inside strings and IRIs by Oxigraph); write the "
                           "characters themselves")
    _check_parsed(query, policy)


def _standard_reading(query: str) -> str:
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    from .lexer import LexError, expand_codepoints

    try:
        standard = expand_codepoints(query)
        same = expandUnicodeEscapes(query) == standard
    except (LexError, ValueError) as exc:
        raise QueryRefused(f"query refused: {exc}") from exc
    if not same:
        raise QueryRefused("query refused: its \\u escapes read differently in different SPARQL engines "
                           "(\\u takes four hex digits, \\U eight); write the characters themselves")
    return standard


def _tokens(text: str, uchar: bool, policy: Policy, reading: str = "") -> list[Token]:
    """All tokens, refusing at the first one nested too deep (before any parser sees it)."""
    from .lexer import LexError, scan

    tokens = []
    try:
        for token in scan(text, uchar):
            if token.depth > policy.max_depth:
                raise QueryRefused(f"query refused: nested deeper than {policy.max_depth} levels")
            tokens.append(token)
    except LexError as exc:
        raise QueryRefused(f"query refused: {reading}{exc}; a query the guard cannot read is not passed on") from exc
    return tokens


def _values(tokens: list[Token]) -> list[tuple[str, str]]:
    return [(t.kind, t.value) for t in tokens]


def _glued(text: str, policy: Policy) -> str | None:
    """The guarded keyword a name begins with, if it is not that keyword (``SERVICEx:``)."""
    upper = text.upper()
    for keyword, allowed in (("SERVICE", policy.allow_service), ("FROM", policy.allow_remote_from)):
        if upper.startswith(keyword) and upper != keyword and not allowed:
            return keyword
    return None


def _check_tokens(tokens: list[Token], policy: Policy) -> None:
    prefixes = dict(PREFIXES)
    for i, token in enumerate(tokens):
        glued = _glued(token.text, policy) if token.kind == "pname" else None
        if glued:
            raise QueryRefused(f"query refused: '{token.text}' begins with {glued}, and Oxigraph reads it as the "
                               f"keyword {glued} followed by '{token.text[len(glued):]}'; rename the prefix")
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text.rstrip(":")] = tokens[i + 2].value
        elif keyword == "SERVICE" and not policy.allow_service:
            raise QueryRefused(SERVICE_REFUSED)
        elif keyword in UPDATE_KEYWORDS:
            raise QueryRefused(f"query refused: {keyword} is an update operation; queries are read-only")
        elif keyword == "FROM" and not policy.allow_remote_from:
            check_graph(_from_target(tokens, i, prefixes), policy)


def _from_target(tokens: list[Token], i: int, prefixes: dict[str, str]) -> str:
    j = i + 1
    if j < len(tokens) and tokens[j].text.upper() == "NAMED":
        j += 1
    elif j < len(tokens) and tokens[j].text.upper().startswith("NAMED"):
        raise QueryRefused(f"query refused: 'FROM {tokens[j].text}': Oxigraph reads it as FROM NAMED; "
                           "rename the prefix")
    if j >= len(tokens):
        raise QueryRefused("query refused: FROM without a graph")
    target = tokens[j]
    if target.kind == "iri":
        return target.value
    if target.kind == "pname":
        prefix, _, local = target.value.partition(":")
        if prefix not in prefixes:
            raise QueryRefused(f"query refused: FROM {target.text} uses an undeclared prefix")
        return prefixes[prefix] + local
    raise QueryRefused("query refused: FROM must name a graph IRI")


def check_graph(iri: str, policy: Policy) -> None:
    """Refuse a FROM / FROM NAMED graph that is not one of this dataset's named graphs."""
    if policy.allow_remote_from:
        return
    segments = iri[len(LOCAL_GRAPHS):].split("/")
    if not iri.startswith(LOCAL_GRAPHS) or any(s in (".", "..") for s in segments) or re.search(r"[?#]", iri):
        raise QueryRefused(f"query refused: FROM <{iri}> is not one of this dataset's named graphs "
                           f"({LOCAL_GRAPHS}...); remote FROM must be allowed explicitly (--allow-remote-from)")


def _undeclared(prefix: str) -> str:
    """The refusal of a query using a prefix it does not declare (an endpoint adds none; ``query`` adds
    the library's), with the declaration where it is one of the library's."""
    from ..rdf.prefixes import PREFIXES

    known = f": declare it, PREFIX {prefix}: <{PREFIXES[prefix]}>" if prefix in PREFIXES else ""
    return f"query refused: the prefix '{prefix}:' is not declared{known}"


def _check_parsed(query: str, policy: Policy) -> None:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        # on a thread of its own: the parser recurses, and its verdict must not depend on the caller's stack
        parsed = on_thread(lambda: translateQuery(parseQuery(query)), "figuregraph-guard-parse")
    except RecursionError as exc:
        raise QueryRefused("query refused: too long a group or too deep an expression for the guard's parser "
                           "(rdflib's recurses once per triple pattern and about 30 times per bracket); split long "
                           "groups into { } blocks") from exc
    except Exception as exc:  # rdflib raises parser and translation errors of many types
        from .lexer import own_positions

        reason = own_positions(str(exc).splitlines()[0], query) if str(exc) else type(exc).__name__
        undeclared = re.fullmatch(r"Unknown namespace prefix : (\w*)", reason)
        if undeclared:
            raise QueryRefused(_undeclared(undeclared[1])) from exc
        raise QueryRefused(f"query refused: the guard cannot read it ({reason}); a query the guard cannot read "
                           "is not passed on") from exc
    if not policy.allow_service and any(node.name == "ServiceGraphPattern" for node in algebra_nodes(parsed.algebra)):
        raise QueryRefused(SERVICE_REFUSED)
    for clause in parsed.algebra.get("datasetClause") or ():
        check_graph(str(clause.get("default") or clause.get("named")), policy)


def algebra_nodes(root: object) -> Iterator[CompValue]:
    """Every algebra node under root, without recursion (a long chain of joins is deep)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [root]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
