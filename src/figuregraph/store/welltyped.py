"""A dataset file whose literals are no values of their datatypes is refused as it is read.

``"abc"^^xsd:decimal`` or ``"1e999"^^xsd:double`` in a file given to ``--data`` or ``load`` would
otherwise reach every output (``Infinity`` in JSON-LD, text in one table, a traceback in the audit);
the error names the file and a triple that holds the literal. The engine lists the distinct typed
literals (a few thousand on a large corpus), and each is checked once (``rdf.lexical``); only when
one is refused are the quads read, to find a triple to show."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence

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


def check_literals(store: Store, paths: Sequence[Path], fresh: bool) -> None:
    """Raise an InputError naming a triple and the file of ``paths`` (those just loaded) that holds
    it if any literal they brought is ill-typed. With several files, or a store that held quads
    before (``fresh`` false), each file is read again alone to find which (only then: a good load
    reads the store's literals once); if none holds one, the literal was the store's before (handed
    over unchecked, ``load_quads``), not a file's, and nothing is refused."""
    bad = sorted((str(lexical), str(datatype), reason) for lexical, datatype in run(store, "typed-literals").rows
                 if (reason := problem(str(lexical), str(datatype))) is not None)
    if not bad:
        return
    if len(paths) > 1 or not fresh:
        from .oxigraph import OxigraphStore

        for path in paths:
            OxigraphStore().load_file(path)  # raises for the first file that holds one
        return
    path = paths[-1]
    lexical, datatype, reason = bad[0]
    quad = next(q for q in store.quads() if isinstance(q.object, ox.Literal)
                and q.object.value == lexical and q.object.datatype.value == datatype)
    more = f" (and {len(bad) - 1} more ill-typed literals)" if len(bad) > 1 else ""
    raise InputError(
        f"ill-typed literal: {Literal(lexical).n3()} is {reason}, in the triple {quad.subject} {quad.predicate} "
        f"{_shown(lexical, datatype)}{more}; correct the file or leave the triple out "
        "(the outputs cannot all write it as it is)", Location(path))
