"""The sources as citation-manager records: CSL-JSON (Zotero, Mendeley, pandoc, citeproc) and BibTeX.

Either every source of the graph, by id, or the sources one figure rests on: primary sources
first, then up the chain (the sources behind its citations, the sources its citations cite, and
last the document stating it), each with the locators ("para. 91") of the footnotes that cite it.
An organisation that publishes a source without a named author stands as its author, as COI
reports are cited ("EUAA, 2026"). The fields are read by two internal queries (cite-sources,
cite-figure)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

from rdflib import Literal

from ..errors import UsageError
from ..model.schema import SOURCE_CLASSES
from ..rdf.namespace import local_id
from ..store.base import Store
from ..store.library import run, run_each

CSL_TYPES = {"report": "report", "news-article": "article-newspaper", "interview": "interview",
             "web-page": "webpage", "dataset": "dataset", "briefing": "report"}
BIBTEX_TYPES = {"report": "techreport", "news-article": "article", "briefing": "techreport"}
ROLES = ("behind", "cited", "stated-in")  # up the chain from the primary sources


@dataclass
class Reference:
    """One source as a citation manager reads it."""

    id: str
    kind: str
    title: str
    iri: str
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as recorded
    url: str | None = None
    locators: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    primary: bool | None = None

    @property
    def names(self) -> list[str]:
        """Its authors, else its publisher."""
        return self.authors or ([self.publisher] if self.publisher else [])


KIND_OF = {str(cls): kind for kind, cls in SOURCE_CLASSES.items()}


def all_sources(store: Store) -> dict[str, Reference]:
    """Every source of the graph by record id, with its bibliographic fields."""
    found: dict[str, Reference] = {}
    for row in run_each(store, "cite-sources", "cls", SOURCE_CLASSES.values()).dicts():
        ident = local_id(row["source"])
        ref = found.get(ident)
        if ref is None:
            title = row["title"] if row["title"] is not None else row["label"]
            ref = found[ident] = Reference(
                ident, KIND_OF[str(row["cls"])], str(title if title is not None else ident), str(row["source"]),
                publisher=_text(row["publisher"]), published=_text(row["published"]), url=_text(row["url"]))
        author = _text(row["author"])
        if author and author not in ref.authors:
            ref.authors.append(author)
    for ref in found.values():
        ref.authors.sort()
    return dict(sorted(found.items()))


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def figure_sources(store: Store, figure: str) -> list[Reference]:
    """The sources ``figure`` rests on, primary first and then up its chain, with their locators."""
    from ..views.evidence import figure_iri  # on use: ``views`` loads networkx, which exports need not

    sources = all_sources(store)
    rows = run(store, "cite-figure", {"figure": figure_iri(store, figure)}).dicts()
    if not rows:
        raise UsageError(f"no figure with id '{figure}' (or it states no source)")
    chosen: dict[str, Reference] = {}
    for row in rows:
        ident = local_id(row["source"])
        if ident not in sources:
            continue  # cited but not described as a source
        ref = chosen.setdefault(ident, sources[ident])
        primary = row["primary"]
        ref.primary = bool(primary.toPython()) if isinstance(primary, Literal) else None
        _add(ref.roles, str(row["role"]))
        _add(ref.locators, _text(row["locator"]))
        _add(ref.footnotes, _text(row["number"]))
    for ref in chosen.values():
        ref.roles.sort(key=ROLES.index)
        ref.locators.sort()
        ref.footnotes.sort(key=lambda n: (len(n), n))

    def rank(ref: Reference) -> tuple[int, str]:
        return (0 if ref.primary else 1 + ROLES.index(ref.roles[0])), ref.id

    return sorted(chosen.values(), key=rank)


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _date_parts(published: str) -> list[int]:
    return [int(part) for part in published.split("-")]


def csl_item(ref: Reference) -> dict[str, Any]:
    """A CSL-JSON item (csl-data.json): the fields it knows, ours under ``custom``."""
    item: dict[str, Any] = {"id": ref.id, "type": CSL_TYPES[ref.kind], "title": ref.title}
    if ref.names:
        item["author"] = [{"literal": name} for name in ref.names]
    if ref.publisher:
        item["publisher"] = ref.publisher
    if ref.published:
        item["issued"] = {"date-parts": [_date_parts(ref.published)]}
    if ref.url:
        item["URL"] = ref.url
    if ref.locators:
        item["locator"] = "; ".join(ref.locators)
    custom: dict[str, Any] = {"iri": ref.iri}
    if ref.primary is not None:
        custom.update(primary=ref.primary, roles=ref.roles, footnotes=ref.footnotes)
    item["custom"] = custom
    return item


def to_csl_json(refs: list[Reference]) -> bytes:
    return (json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=2) + "\n").encode("utf-8")


LATEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def latex(text: str) -> str:
    """Text as a BibTeX value: TeX's special characters escaped, so braces always balance."""
    return "".join(LATEX_SPECIALS.get(c, c) for c in text)


def _url(text: str) -> str:
    """A URL for a verbatim field: only the braces that would end the value are encoded."""
    return text.replace("{", "%7B").replace("}", "%7D")


def bibtex_entry(ref: Reference) -> str:
    """One entry: organisations in double braces (never split into first and last names)."""
    kind = BIBTEX_TYPES.get(ref.kind, "misc")
    fields: list[tuple[str, str]] = [("title", "{" + latex(ref.title) + "}")]
    if ref.names:
        fields.append(("author", " and ".join("{" + latex(n) + "}" for n in ref.names)))
    if ref.publisher:
        venue = {"techreport": "institution", "article": "journal"}.get(kind, "publisher")
        fields.append((venue, latex(ref.publisher)))
    if ref.published:
        parts = _date_parts(ref.published)
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        fields.append(("date", ref.published))
    if ref.url:
        fields.append(("url", _url(ref.url)))
    if ref.locators:
        fields.append(("note", latex("; ".join(ref.locators))))
    if ref.primary:
        fields.append(("keywords", "primary source"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{ref.id},\n{body}\n}}\n"


def to_bibtex(refs: list[Reference]) -> bytes:
    return "\n".join(bibtex_entry(r) for r in refs).encode("utf-8")


RENDER: dict[str, Callable[[list[Reference]], bytes]] = {"csl-json": to_csl_json, "bibtex": to_bibtex}


def serialize(store: Store, fmt: str, figure: str | None = None) -> bytes:
    """Every source, or the sources of one figure, as CSL-JSON or BibTeX."""
    refs = figure_sources(store, figure) if figure else list(all_sources(store).values())
    return RENDER[fmt](refs)


def _writer(fmt: str) -> Callable[[Store], bytes]:
    def write(store: Store) -> bytes:
        return serialize(store, fmt)

    return write


WRITERS = {fmt: _writer(fmt) for fmt in RENDER}
