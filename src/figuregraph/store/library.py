"""The query library: one SPARQL query per .rq file, with a header, run with bound parameters.

Header lines start with ``#+``::

    #+ summary: Figures about one actor or place.
    #+ params:
    #+   - subject: actor|place -- the actor or place id, e.g. southern-military-district
    #+ show: figure, wording, value, measure

``show`` (optional) names the columns a terminal table shows by default (``--wide``: all of them).

A check (``checks/``) may declare ``#+ focus: VAR``: each of its rows is about the node bound to
?VAR, and depends only on what that node's own record file says and on the records that file names
(which a rebuild emits again with it), so a rebuild runs it for the nodes of the files it emitted
again (``run_for_nodes``) rather than over the whole graph.

Prefixes are not declared in the files: ``namespace.PREFIXES`` is prepended to every query.
Parameter values are bound as RDF terms (never pasted into the query text).

``internal/`` holds what the machinery asks (the diff, the audit, the network projection, the
chart, the release, the stores): code runs those with ``run`` and ``run_each``, which bind terms
(a class, a property) one at a time where a query would otherwise list them. They are not listed
with the library's names unless asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterable, Mapping

import pyoxigraph as ox

from ..errors import InputError, Location, UsageError
from ..files.resources import resource_dir
from ..rdf.cells import XSD_DECIMAL
from ..rdf.literals import decimal_text
from ..rdf.prefixes import ID_PATTERN, PREFIXES, iri_text, sparql_prologue

if TYPE_CHECKING:
    from rdflib.term import Node

    from .base import Bound, QueryResult, Store

ENTITY_PARAM_KINDS = ("actor", "place", "source", "figure", "statement", "measure", "unit")
# term: a vocabulary term (a class, a property) as a prefixed name, e.g. fg:Report or cito:cites
PARAM_KINDS = (*ENTITY_PARAM_KINDS, "text", "number", "term")
INTERNAL = "internal/"
PROJECTION = re.compile(r"\bSELECT\b(.*?)\bWHERE\b", re.IGNORECASE | re.DOTALL)
PARAM_LINE = re.compile(r"^-\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([a-z|]+)\s*(?:--\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    """A query parameter: its variable name, the kinds of value it takes, and what it means."""

    name: str
    kinds: tuple[str, ...]
    description: str = ""

    def describe(self) -> str:
        return f"{self.name} ({'|'.join(self.kinds)}){': ' + self.description if self.description else ''}"


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library."""

    name: str
    path: Path
    summary: str
    body: str
    params: tuple[Param, ...] = ()
    check: bool = False
    show: tuple[str, ...] = ()  # the columns a terminal table shows by default
    focus: str | None = None  # a check's variable naming the node each row is about (see above)

    @property
    def text(self) -> str:
        """The full SPARQL text: the shared prologue and the body."""
        return sparql_prologue() + self.body

    @property
    def internal(self) -> bool:
        """Whether the machinery asks it rather than a person (``queries/internal/``)."""
        return self.name.startswith(INTERNAL)


def read_query_file(path: Path) -> str:
    """A .rq file's text; InputError naming the file if it is missing or unreadable."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such query file", Location(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read query file: {exc}", Location(path)) from exc


def parse_query_file(path: Path, name: str, check: bool = False) -> LibraryQuery:
    """Read one .rq file and its header; a malformed header names the file and line."""
    return parse_query_text(read_query_file(path), path, name, check)


def adhoc_query(text: str, path: Path) -> LibraryQuery:
    """A query of one's own, from a file or standard input, run as it is: its header is optional
    (a '#+' header, if it has one, is read as a library file's is)."""
    return parse_query_text(text, path, str(path), summary=str(path))


def parse_query_text(text: str, path: Path, name: str, check: bool = False, summary: str = "") -> LibraryQuery:
    """A query file's text and its header (``path`` names it in messages); without ``summary`` the
    header must give one."""
    focus = None
    params: list[Param] = []
    show: tuple[str, ...] = ()
    in_params = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        content = line[2:].strip()
        if content.startswith("summary:"):
            summary = content[len("summary:"):].strip()
            in_params = False
        elif content.startswith("params:"):
            in_params = True
        elif content.startswith("show:"):
            show = tuple(c.strip() for c in content[len("show:"):].split(",") if c.strip())
            in_params = False
        elif content.startswith("focus:") and check:
            focus = content[len("focus:"):].strip()
            in_params = False
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", focus):
                raise InputError("write '#+ focus: name', the variable each row is about", Location(path, number))
        elif in_params and content.startswith("-"):
            match = PARAM_LINE.match(content)
            kinds = tuple(match[2].split("|")) if match else ()
            if not match or not set(kinds) <= set(PARAM_KINDS):
                raise InputError(
                    f"malformed parameter line; write '#+   - name: kind -- description' with kind one of "
                    f"{', '.join(PARAM_KINDS)}", Location(path, number))
            params.append(Param(match[1], kinds, (match[3] or "").strip()))
        elif content:
            raise InputError(f"unknown header line '{content}'", Location(path, number))
    if not summary:
        raise InputError("a query file needs a '#+ summary:' header line", Location(path, 1))
    projection = PROJECTION.search(_strip_comments(text))

    def require_projected(variable: str, message: str) -> None:
        if projection and not re.search(rf"[?$]{variable}\b", projection[1]):
            raise InputError(message, Location(path))

    for param in params:
        # Engines bind differently (rdflib initBindings, Oxigraph substitutions, a VALUES
        # clause for endpoints); they agree when every parameter is a projected variable.
        require_projected(param.name, f"parameter '{param.name}' must appear in the SELECT clause as ?{param.name}")
    for column in show:
        require_projected(column, f"'#+ show:' names '{column}', which is not a column of the query")
    if focus is not None:
        require_projected(focus, f"the focus '{focus}' must appear in the SELECT clause as ?{focus}")
    return LibraryQuery(name, path, summary, text, tuple(params), check, show, focus)


def for_nodes(query: LibraryQuery, nodes: Iterable[str]) -> str:
    """A check's text with its focus variable bound to each of ``nodes`` (IRIs) by a VALUES block
    opening its WHERE group, where Oxigraph's planner starts from it (closing the group, as the
    endpoints' parameters do, a check with OPTIONALs is evaluated over the whole graph first)."""
    from .lexer import scan

    if query.focus is None:
        raise ValueError(f"{query.name} declares no focus")
    text = query.text
    opening = next(t for t in scan(text) if t.text == "{" and t.depth == 1)  # the WHERE group's brace
    values = " ".join(str(ox.NamedNode(n)) for n in sorted(nodes))  # checked IRIs, in N-Triples syntax
    at = opening.start + 1
    return f"{text[:at]} VALUES ?{query.focus} {{ {values} }} {text[at:]}"


def run_for_nodes(store: Store, query: LibraryQuery, nodes: Iterable[str]) -> QueryResult:
    """A check's rows about ``nodes`` (``for_nodes``); a bundled check stays vetted with the IRIs
    added, while it runs (``guard.focused``)."""
    from .guard import focused

    text = for_nodes(query, nodes)
    with focused(query.text, text):
        return store.query(text)


def predicates_read(query: LibraryQuery) -> frozenset[str] | None:
    """The predicates a query's patterns match (property paths' steps included), or None where a
    pattern matches any predicate (a variable, a negated path): rows can only change when triples
    with one of these predicates do."""
    from rdflib import URIRef
    from rdflib.paths import Path as PropertyPath
    from rdflib.plugins.sparql import prepareQuery

    from .guard import algebra_nodes

    found: set[str] = set()
    any_predicate = False

    def steps(path: object) -> None:
        nonlocal any_predicate
        if isinstance(path, URIRef):
            found.add(str(path))
        elif isinstance(path, PropertyPath) and type(path).__name__ != "NegatedPath":
            for part in getattr(path, "args", None) or [getattr(path, "path", None) or getattr(path, "arg", None)]:
                steps(part)
        else:  # a variable, a negated path, or a form not read here: any predicate
            any_predicate = True

    for node in algebra_nodes(prepareQuery(query.text).algebra):
        if node.name in ("BGP", "TriplesBlock"):  # NOT EXISTS keeps the parser's blocks
            for triple in node["triples"]:
                steps(triple[1])
    return None if any_predicate else frozenset(found)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@dataclass
class QueryLibrary:
    """The named queries: the bundled library plus any extra folders (later folders win)."""

    queries: dict[str, LibraryQuery] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> QueryLibrary:
        from .guard import vet

        library = cls()
        bundled = resource_dir("queries")
        for folder in [bundled, *extra]:
            if not folder.is_dir():
                raise InputError(f"query folder not found: {folder}")
            for path in sorted(folder.rglob("*.rq")):
                relative = path.relative_to(folder).with_suffix("")
                name = relative.as_posix()
                query = library.queries[name] = parse_query_file(path, name, check=relative.parts[0] == "checks")
                if folder == bundled:  # the package's own text (see guard.vet)
                    vet(query.text)
        return library

    def names(self, internal: bool = False) -> list[str]:
        """The query names, without the internal ones unless ``internal``."""
        return sorted(n for n, q in self.queries.items() if internal or not q.internal)

    def checks(self) -> list[LibraryQuery]:
        return [q for name, q in sorted(self.queries.items()) if q.check]

    def get(self, name: str) -> LibraryQuery:
        if name not in self.queries:
            raise UsageError(f"no query named '{name}'; known queries: {', '.join(self.names())}")
        return self.queries[name]


@cache
def bundled() -> QueryLibrary:
    """The bundled library, read once per process: the machinery asks it for its queries often."""
    return QueryLibrary.load()


def internal(name: str) -> LibraryQuery:
    """An internal query of the bundled library: ``queries/internal/NAME.rq``."""
    return bundled().get(INTERNAL + name)


def run(store: Store, name: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
    """Run an internal query with each declared parameter bound, and nothing else: a parameter
    renamed in the file but not in the code fails here, not silently."""
    query = internal(name)
    given = dict(bindings or {})
    declared = sorted(p.name for p in query.params)
    if sorted(given) != declared:
        raise ValueError(f"internal query '{name}' binds {declared}, not {sorted(given)}")
    return store.query(query.text, given)


def run_each(store: Store, name: str, param: str, terms: Iterable[Node]) -> QueryResult:
    """The rows of an internal query run once for each of ``terms`` bound to ``param``, together:
    a list of classes or properties is bound term by term, never written into the query."""
    results = [run(store, name, {param: term}) for term in terms]
    if not results:
        raise ValueError(f"internal query '{name}' run for no {param} at all")
    from .base import QueryResult

    return QueryResult(results[0].variables, tuple(row for r in results for row in r.rows))


def bind_params(query: LibraryQuery, given: dict[str, str],
                exists: Callable[[ox.NamedNode], bool]) -> dict[str, Bound]:
    """Turn ``name=value`` strings into RDF terms for the query's declared parameters: the engine's
    own terms (pyoxigraph's), which every store binds and Oxigraph binds without rdflib.

    Entity ids become IRIs (``mediazona`` -> the actor's IRI) only if ``exists`` finds them.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query '{query.name}' has no parameter '{unknown[0]}'; its parameters: {known}")
    missing = [p for p in query.params if p.name not in given]
    if missing:
        raise UsageError(f"query '{query.name}' needs --param {missing[0].name}=VALUE ({missing[0].describe()})")
    return {name: _term(declared[name], value, exists) for name, value in given.items()}


def _term(param: Param, value: str, exists: Callable[[ox.NamedNode], bool]) -> ox.NamedNode | ox.Literal:
    if "number" in param.kinds:
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise UsageError(f"parameter '{param.name}' must be a number, not '{value}'") from exc
        if not number.is_finite():
            raise UsageError(f"parameter '{param.name}' must be a finite number, not '{value}'")
        return ox.Literal(decimal_text(number), datatype=ox.NamedNode(XSD_DECIMAL))
    if "text" in param.kinds:
        return ox.Literal(value)
    if "term" in param.kinds:
        return _vocabulary_term(param, value)
    if value.startswith(("http://", "https://", "urn:")):
        candidates = [_iri(param, value)]
    elif ID_PATTERN.fullmatch(value):
        candidates = [ox.NamedNode(iri_text(kind, value)) for kind in param.kinds]
    else:
        raise UsageError(f"parameter '{param.name}': '{value}' is neither a record id nor an IRI")
    for candidate in candidates:
        if exists(candidate):
            return candidate
    raise UsageError(f"parameter '{param.name}': no {' or '.join(param.kinds)} with id '{value}' in the graph")


def _iri(param: Param, value: str) -> ox.NamedNode:
    """A full IRI, read by Oxigraph's IRI parser (RFC 3987): rdflib would take 'urn:x>' as it is."""
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise UsageError(f"parameter '{param.name}': '{value}' is not a valid IRI ({exc})") from exc


def _vocabulary_term(param: Param, value: str) -> ox.NamedNode:
    """A prefixed name of the project's prefixes (fg:Report) or a full IRI, as a term (no lookup in
    the data: classes and properties are not subjects there)."""
    if value.startswith(("http://", "https://", "urn:")):
        return _iri(param, value)
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", local):
        return ox.NamedNode(PREFIXES[prefix] + local)
    raise UsageError(f"parameter '{param.name}': '{value}' is not a term; give a prefixed name such as fg:Report "
                     f"(prefixes: {', '.join(sorted(PREFIXES))}) or a full IRI")
