"""The defaults a user meets on the command line and in the API.

This module imports nothing of the machinery, so the command line can show them in its help
without loading RDF, SHACL or plotting libraries."""

from __future__ import annotations

from pathlib import Path

GRAPH_DIR = Path("graph")
OUTPUT = Path("dist/figuregraph.ttl")
BACKEND = "oxigraph"  # the faster engine on every step measured: see benchmarks/RESULTS.md
QUERY_TIMEOUT = 60.0  # seconds a query may run (the guard's Policy default)
CACHE_FOLDER = ".figuregraph-cache"  # the build cache, inside the graph folder (safe to delete)
LOCK_TIMEOUT = 60.0  # seconds a writer of a folder waits for another one to finish
RELEASE_DIR = Path("dist/release")
TABLE_ROWS = 1000  # the rows a terminal table shows (a table of 20 000 took 24 s to lay out; CSV 2.5 s)
MAX_NODES = 5000  # the largest network view a page is made for: see benchmarks/VIEWS.md
