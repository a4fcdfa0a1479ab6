"""A dataset file whose literals are no values of their datatypes is refused as it is read.

``"abc"^^xsd:decimal`` or ``"1e999"^^xsd:double`` in a file given to ``--data`` or ``load`` would
otherwise reach every output (``Infinity`` in JSON-LD, text in one table, a traceback in the audit);
the error names the file and a triple that holds the literal. The engine lists the distinct typed
literals (a few thousand on a large corpus), and each is checked once (``rdf.lexical``); only when
one is refused are the quads read, to find a triple to show."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD

from ..errors import InputError, Location
from ..rdf.lexical import problem
from .base import Store
from .library import run


def _shown(lexical: str, datatype: str) -> str:
    name = f"xsd:{datatype[len(str(XSD)):]}" if datatype.startswith(str(XSD)) else f"<{datatype}>"
    return f"{Literal(lexical).n3()}^^{name}"


def check_literals(store: Store, path: Path) -> None:
    """Raise an InputError naming ``path`` and a triple if any literal of the store is ill-typed."""
    bad = sorted((str(lexical), str(datatype), reason) for lexical, datatype in run(store, "typed-literals").rows
                 if (reason := problem(str(lexical), str(datatype))) is not None)
    if not bad:
        return
    lexical, datatype, reason = bad[0]
    quad = next(q for q in store.quads() if isinstance(q.object, ox.Literal)
                and q.object.value == lexical and q.object.datatype.value == datatype)
    more = f" (and {len(bad) - 1} more ill-typed literals)" if len(bad) > 1 else ""
    raise InputError(
        f"ill-typed literal: {Literal(lexical).n3()} is {reason}, in the triple {quad.subject} {quad.predicate} "
        f"{_shown(lexical, datatype)}{more}; correct the file or leave the triple out "
        "(the outputs cannot all write it as it is)", Location(path))
