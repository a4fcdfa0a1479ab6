"""Exports, one writer per file: RDF serialisations (rdf.py), the figures table (table.py), the
network for Gephi/Cytoscape (gephi.py) and the sources for citation managers (citations.py).

Every export is deterministic (same data -> same bytes) and written atomically."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

from rdflib import Graph

from .. import progress
from ..files.atomic import write_bytes
from ..build import BuiltGraph
from ..errors import UsageError
from ..store.base import Store
from ..store.spec import as_store
from . import citations, gephi, rdf, table
from .rdf import jsonld_context, to_jsonld, to_jsonld_flat, to_ntriples, to_trig, to_turtle

Source = BuiltGraph | Graph | Store  # rdflib data: a dataset or a graph

RDF_FORMATS = tuple(rdf.WRITERS)
WRITERS: dict[str, Callable[[Store], bytes]] = {**rdf.WRITERS, "csv": table.to_csv, **gephi.WRITERS,
                                                 **citations.WRITERS}
FORMATS = tuple(WRITERS)
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "jsonld-flat": ".jsonld", "trig": ".trig",
            "csv": ".csv", "graphml": ".graphml", "gexf": ".gexf", "csl-json": ".json", "bibtex": ".bib"}


def serialize(source: Source, fmt: str, figure: str | None = None) -> bytes:
    """The data in one format; ``figure`` (an id) narrows the citation formats to its sources."""
    if fmt not in WRITERS:
        raise UsageError(f"unknown export format '{fmt}'; known: {', '.join(FORMATS)}")
    if figure is not None and fmt not in citations.WRITERS:
        raise UsageError(f"--figure narrows only {' and '.join(citations.WRITERS)}, not {fmt}")
    with progress.task(f"writing {fmt}"):
        if figure is not None:
            return citations.serialize(as_store(source), fmt, figure)
        return WRITERS[fmt](as_store(source))


def export(source: Source, fmt: str, target: Path, figure: str | None = None) -> int:
    """Write the data to ``target`` atomically; returns the number of bytes written."""
    data = serialize(source, fmt, figure)
    write_bytes(Path(target), data)
    return len(data)


__all__ = ["FORMATS", "RDF_FORMATS", "SUFFIXES", "WRITERS", "export", "jsonld_context", "serialize",
           "to_jsonld", "to_jsonld_flat", "to_ntriples", "to_trig", "to_turtle"]
