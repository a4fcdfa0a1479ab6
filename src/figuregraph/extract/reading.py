"""Reading a document file: its format told by its content (``formats.detect``), then the reader of
that format (``formats.pdf``, ``formats.html``, ``formats.markdown``; plain text as it is)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..errors import InputError
from .document import Document
from .formats import own_version
from .formats.detect import FORMATS, sniff, suffix_format
from .formats.text import MAX_TEXT_BYTES, decode

MAX_BYTES = MAX_TEXT_BYTES
MAX_PDF_BYTES = 256 * 1024 * 1024
# "http://host/x" as a Path argument: the path collapses the double slash ("http:/host/x")
URL_LIKE = re.compile(r"\A([a-z][a-z0-9+.-]*):/+(?=[^/])", re.IGNORECASE)


def _not_found(path: Path) -> InputError:
    """The error for a path that names no file; a URL is told apart, for figuregraph never fetches."""
    url = URL_LIKE.match(str(path))
    if url and url.group(1).lower() in ("http", "https", "ftp", "file"):
        address = URL_LIKE.sub(f"{url.group(1)}://", str(path), count=1)
        name = address.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        name = name if "." in name and ":" not in name else "page.html"
        return InputError(f"{address}: a URL, not a file; figuregraph reads saved documents and never fetches: "
                          f"save it first (curl -o {name} '{address}') and give the address with --url")
    return InputError(f"no such file: {path}")


def _within_limit(name: Path | str, size: int, head: bytes) -> None:
    """InputError when a document is over the size limit of its kind (told by its first bytes)."""
    limit = MAX_PDF_BYTES if b"%PDF-" in head[:1024] else MAX_TEXT_BYTES
    if size > limit:
        raise InputError(f"{name}: {size // (1024 * 1024)} MB is over the {limit // (1024 * 1024)} MB limit "
                         "for one document; split it")


def read_bytes(path: Path) -> bytes:
    """A document file's bytes, within the size limit of its kind; InputError names the problem."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            _within_limit(path, path.stat().st_size, head)
            return head + handle.read()
    except FileNotFoundError:
        raise _not_found(path) from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a document") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read(path: Path, url: str | None = None) -> Document:
    """The Document of a file in any format figuregraph reads. ``url``: where a saved web page
    came from, when the page does not say."""
    return _read(path, read_bytes(path), url)


def _read(path: Path, data: bytes, url: str | None = None) -> Document:
    """The Document of a document's bytes, by the reader of its format (``path`` names it)."""
    if not data.strip():
        raise InputError(f"{path}: empty ({len(data)} bytes{', all white space' if data else ''}), "
                         "no text to read")
    fmt = sniff(path, data[:8192])
    if fmt == "pdf":
        from .formats.pdf import read_pdf

        return read_pdf(path, data)
    text = decode(path, data)
    if fmt == "html":
        from .formats.html import read_html

        return read_html(path, text, url)
    if fmt == "markdown":
        from .formats.markdown import read_markdown

        return read_markdown(path, text)
    return Document(text, "text", path, converter=f"figuregraph-text {own_version()}")


def read_data(data: bytes, name: str) -> Document:
    """The Document of bytes that come from no file of their own (standard input, an upload), read
    as a file is (the format told by the content, the same limits); ``name`` stands for them in
    messages."""
    _within_limit(name, len(data), data)
    document = _read(Path(name), data)  # a name without a suffix: the format is told by the content
    return dataclasses.replace(document, path=None)


def read_document(path: Path) -> str:
    """The text of a plain-text document (UTF-8, a leading BOM dropped); InputError names the problem."""
    return decode(path, read_bytes(path))


def supported_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files below a folder that figuregraph reads, told by content, in path order, and the
    others (images, archives, ...); hidden files and folders are left out."""
    supported: list[Path] = []
    others: list[Path] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            with path.open("rb") as handle:
                sniff(path, handle.read(8192))
            supported.append(path)
        except InputError:
            others.append(path)
        except OSError:
            supported.append(path)  # reported with its name when it is read
    return supported, others


def suffix_lies(path: Path, document: Document) -> bool:
    """Whether the file's suffix claims another format than its content is in."""
    claimed = suffix_format(path)
    return claimed is not None and claimed != document.format and not (claimed == "text" and
                                                                        document.format == "markdown")


__all__ = ["FORMATS", "MAX_BYTES", "read", "read_bytes", "read_data", "read_document", "suffix_lies", "supported_files"]
