"""Which format a file is in, by its content: magic bytes first (a suffix can lie), then a look at
the start of the text. Markdown is told from plain text by its suffix only, because plain text
may carry Markdown's footnote forms (the EUAA seed does), which the extractor reads either way."""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import InputError

FORMATS = ("pdf", "html", "markdown", "text")
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown",
            ".markdown": "markdown", ".mdown": "markdown", ".txt": "text", ".text": "text"}
HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?"
                        rb"(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE | re.DOTALL)
HTML_INSIDE = re.compile(rb"<(?:html|head|body|meta|title)[\s>]", re.IGNORECASE)


def suffix_format(path: Path) -> str | None:
    """The format the file's name claims (None: a suffix that claims none)."""
    return SUFFIXES.get(path.suffix.lower())


def sniff(path: Path, head: bytes) -> str:
    """The format of a file from its first bytes (at least 8 KB of them where the file has them);
    InputError for content figuregraph does not read (images, archives, office files, binaries)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    import filetype

    kind = filetype.guess(head)
    if kind is not None:
        raise InputError(f"{path}: a binary file ({kind.mime}, .{kind.extension}), not a document figuregraph reads "
                         "(PDF, HTML, Markdown or text)")
    nul = head.find(b"\x00", 0, 8192)
    if nul != -1:
        raise InputError(f"{path}: a binary file, not text (NUL byte at offset {nul})")
    if HTML_START.match(head) or (suffix_format(path) in (None, "html") and HTML_INSIDE.search(head[:2048])):
        return "html"
    return "markdown" if suffix_format(path) == "markdown" else "text"
