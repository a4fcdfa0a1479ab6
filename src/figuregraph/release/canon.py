"""The canonical form and hash of a dataset (RDFC-1.0, SHA-256).

RDFC-1.0 relabels blank nodes and sorts the canonical N-Quads lines. figuregraph's own
data has no blank nodes, where relabelling is the identity: the canonical form is then the
distinct N-Quads lines sorted in code point order, computed here directly from Oxigraph's
output. Data with blank nodes goes through pyld's implementation of the algorithm
(URDNA2015, the draft RDFC-1.0 was standardised from)."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from ..store.base import Store

ALGORITHM = "RDFC-1.0"


def _has_blank_nodes(store: Store) -> bool:
    return any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        or isinstance(q.graph_name, ox.BlankNode)
        for q in store.quads()
    )


def _sorted_nquads(store: Store) -> bytes:
    data = store.dump(ox.RdfFormat.N_QUADS)
    lines = sorted({line for line in data.split(b"\n") if line})
    return b"".join(line + b"\n" for line in lines)


def canonical_nquads(store: Store, via_pyld: bool = False) -> bytes:
    """The dataset's canonical N-Quads (one line per quad, sorted, each ending in a newline)."""
    if not via_pyld and not _has_blank_nodes(store):
        return _sorted_nquads(store)
    from pyld import jsonld  # only data with blank nodes needs the general algorithm

    text = _sorted_nquads(store).decode("utf-8")
    options = {"algorithm": "URDNA2015", "inputFormat": "application/n-quads", "format": "application/n-quads"}
    return jsonld.normalize(text, options).encode("utf-8")


def canonical_hash(store: Store) -> str:
    """SHA-256 (hex) of the canonical N-Quads: equal for equal data, whatever the serialisation."""
    return hashlib.sha256(canonical_nquads(store)).hexdigest()
