"""The "Check a text" page: a text pasted or a document uploaded (text, Markdown, HTML or PDF),
checked against the graph as ``figuregraph check`` does (``check.check_text``, read by the same
reader), with the same result: per figure a verdict, its reason and both chains, and a summary.

The request is read within a size limit before it is parsed, the document goes through the
project's reader (format by content, the readers' own limits), and everything it holds is data:
the page shows it escaped, the JSON form (``Accept: application/json``) is the CLI's JSON."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING

from starlette.datastructures import UploadFile
from starlette.formparsers import FormParser, MultiPartParser
from starlette.requests import Request

from ...errors import InputError
from ...store.base import Store
from .index import Index

if TYPE_CHECKING:
    from ...check import CheckResult
    from ...extract.lexicon import Lexicon

# A PDF may be up to the reader's limit; a little more for the form around it.
MAX_REQUEST = 256 * 1024 * 1024 + 64 * 1024
FIELDS = ("text", "file", "date", "publisher")
# where each kind of id of a result points, in the order tried (ids are record ids, without kind)
LINKS = {"figure": ("figure",), "source": ("source",), "actor": ("actor", "place"),
         "measure": ("measure",), "subject": ("actor", "place")}


class TooLarge(InputError):
    """The request is over ``MAX_REQUEST``."""


@dataclass(frozen=True)
class Asked:
    """What the form sent: the document's bytes and what stands for them in messages, its date
    and its publisher."""

    data: bytes
    name: str
    day: date | None
    publisher: str | None


async def _limited(request: Request) -> AsyncGenerator[bytes, None]:
    """The request's body, refused with TooLarge once it passes ``MAX_REQUEST``."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST:
            raise TooLarge(f"the request is over the {MAX_REQUEST // (1024 * 1024)} MB limit: "
                           "check a smaller document")
        yield chunk


async def read_form(request: Request) -> Asked:
    """The form of a POST to /check, as sent by the page (multipart, for an upload) or by a script
    (urlencoded); InputError says what is wrong with it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_REQUEST:
        raise TooLarge(f"the request is over the {MAX_REQUEST // (1024 * 1024)} MB limit: check a smaller document")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        parser: FormParser | MultiPartParser = MultiPartParser(
            request.headers, _limited(request), max_files=1, max_fields=len(FIELDS), max_part_size=MAX_REQUEST)
    elif kind == "application/x-www-form-urlencoded":
        parser = FormParser(request.headers, _limited(request), max_fields=len(FIELDS), max_part_size=MAX_REQUEST)
    else:
        raise InputError("send the form: multipart/form-data (a file) or application/x-www-form-urlencoded "
                         "(fields text, date, publisher)")
    try:
        form = await parser.parse()
    except TooLarge:
        raise
    except Exception as exc:  # the parsers' own errors: a malformed body
        raise InputError(f"the form cannot be read: {exc}") from None
    upload = form.get("file")
    text = form.get("text")
    if isinstance(upload, UploadFile) and upload.filename:
        data, name = await upload.read(), f"the file {upload.filename!r}"
    elif isinstance(text, str) and text.strip():
        data, name = text.encode("utf-8"), "the text"
    else:
        raise InputError("paste a text or choose a file to check")
    day = _day(form.get("date"))
    publisher = form.get("publisher")
    return Asked(data, name, day, (publisher.strip() or None) if isinstance(publisher, str) else None)


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"the date {value.strip()!r} is not a day (YYYY-MM-DD)") from None


class Checker:
    """Checks texts against one store, with the lexicon of the graph folder (read once, when the
    first text comes)."""

    def __init__(self, store: Store, graph: Path | None) -> None:
        self.store = store
        self.graph = graph
        self._lexicon: Lexicon | None = None
        self._lock = threading.Lock()

    def lexicon(self) -> Lexicon:
        from ...extract import load_lexicon

        with self._lock:
            if self._lexicon is None:
                self._lexicon = load_lexicon(self.graph)
            return self._lexicon

    def check(self, asked: Asked) -> CheckResult:
        """The result ``figuregraph check`` gives for the same document, date and publisher."""
        from ...check import check_text
        from ...extract.reading import read_data

        document = read_data(asked.data, asked.name)
        return check_text(document, self.store, self.lexicon(), asked.day, asked.publisher)


def links(result: CheckResult, index: Index) -> dict[str, str]:
    """The app's path of every id the result names that the graph holds (``new:`` ids and the text
    itself have none)."""
    wanted: dict[str, tuple[str, ...]] = {}

    def want(ident: str | None, role: str) -> None:
        if ident and ident not in wanted and not ident.startswith("new:") and not ident.startswith("@"):
            wanted[ident] = LINKS[role]

    for f in result.figures:
        want(f.measure, "measure")
        want(f.subject, "subject")
        want(f.reporter, "actor")
        for chain in (*f.backing.chains, *(c for m in f.matches for c in m.backing.chains)):
            for ident in chain:
                want(ident, "source")
        for ident in (*f.backing.origins, *(o for m in f.matches for o in m.backing.origins)):
            want(ident, "actor")
        for m in f.matches:
            want(m.figure, "figure")
            want(m.document, "source")
            for who in m.reporters:
                want(who, "actor")
    for k in result.known_sources:
        want(k.source, "source")
    found = {}
    for ident, kinds in wanted.items():
        for kind in kinds:
            if index.kind(f"{kind}/{ident}") is not None:
                found[ident] = f"{kind}/{ident}"
                break
    return found


__all__ = ["MAX_REQUEST", "Asked", "Checker", "TooLarge", "links", "read_form"]
