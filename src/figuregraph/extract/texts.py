"""The converted texts kept beside the records (``graph/texts/<source id>.txt``), and the check that
every quote is still where its record says: ``text[at:at + len(quote)] == quote``, in the text
whose SHA-256 the source records."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..validate import Violation

TEXTS = "texts"


def text_path(graph_dir: Path, source_id: str) -> Path:
    return graph_dir / TEXTS / f"{source_id}.txt"


def quote_violations(graph_dir: Path) -> list[Violation]:
    """What does not hold between the kept texts and the records: a text whose digest differs from
    the source's ``text-sha256``, a quote not found at its offset. Sources without a kept text are
    not checked."""
    from ..model.records import Document, parse_directory
    from ..validate import Violation

    if not (graph_dir / TEXTS).is_dir():
        return []
    out: list[Violation] = []
    for rf in parse_directory(graph_dir):
        if not isinstance(rf, Document):
            continue
        path = text_path(graph_dir, rf.source.id)
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            out.append(Violation(rf.source.id, "text", f"{path}: cannot be read ({exc})", "Violation"))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if rf.source.text_sha256 and digest != rf.source.text_sha256:
            out.append(Violation(rf.source.id, "text-sha256", f"{path} has SHA-256 {digest}, not the "
                                 f"{rf.source.text_sha256} the source records: its offsets cannot be checked",
                                 "Violation", digest))
            continue
        for claim in [*rf.figures, *rf.statements]:
            if claim.at is not None and text[claim.at:claim.at + len(claim.quote)] != claim.quote:
                found = text[claim.at:claim.at + len(claim.quote)]
                out.append(Violation(claim.id, "quote", f"the quote is not at offset {claim.at} of {path} "
                                     f"(the text there is {found!r})", "Violation", claim.quote))
    return out
