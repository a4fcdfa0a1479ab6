"""Exports, one writer per file: RDF serialisations (rdf.py), the figures table (table.py) and
the network for Gephi/Cytoscape (gephi.py).

Every export is deterministic (same data -> same bytes) and written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Union

from rdflib import Graph

from ..files.atomic import write_bytes
from ..build import BuiltGraph
from ..errors import UsageError
from ..store.base import Store
from ..store.spec import as_store
from . import gephi, rdf, table
from .rdf import jsonld_context, to_jsonld, to_jsonld_flat, to_ntriples, to_trig, to_turtle

Source = Union[BuiltGraph, Graph, Store]  # rdflib data: a dataset or a graph

RDF_FORMATS = tuple(rdf.WRITERS)
WRITERS: dict[str, Callable[[Store], bytes]] = {**rdf.WRITERS, "csv": table.to_csv, **gephi.WRITERS}
FORMATS = tuple(WRITERS)
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "jsonld-flat": ".jsonld", "trig": ".trig", "csv": ".csv",
            "graphml": ".graphml", "gexf": ".gexf"}


def serialize(source: Source, fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise UsageError(f"unknown export format '{fmt}'; known: {', '.join(FORMATS)}")
    return WRITERS[fmt](as_store(source))


def export(source: Source, fmt: str, target: Path) -> int:
    """Write the data to ``target`` atomically; returns the number of bytes written."""
    data = serialize(source, fmt)
    write_bytes(Path(target), data)
    return len(data)


__all__ = ["FORMATS", "RDF_FORMATS", "SUFFIXES", "WRITERS", "export", "jsonld_context", "serialize",
           "to_jsonld", "to_jsonld_flat", "to_ntriples", "to_trig", "to_turtle"]
