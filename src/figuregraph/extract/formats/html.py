"""A saved web page as a Document: its main text, its metadata and the links in its text.

trafilatura finds the main text (navigation, adverts, cookie banners, related-links boxes and
footers left out) and writes it as Markdown with its links, which the Markdown reader turns into
text and ``Link``s; relative targets are resolved against the page's canonical URL. The metadata
comes from trafilatura (Open Graph, ``article:published_time``, JSON-LD, htmldate for the
date) and the ``lang`` of the page. The page is parsed, never run: scripts, styles and frames
are dropped with the boilerplate, and figuregraph fetches nothing the page names."""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import InputError
from ..document import Document, Metadata
from . import names, own_version
from .markdown import read_markdown

LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.IGNORECASE)
NOTE_LINK = re.compile(r"\[\\?\[?\s?(?P<n>\d{1,3})\s?\\?\]?\]\(#(?P<id>[^)\s]{1,200})\)")  # [\[4\]](#cite_note-4)
WORDLESS = re.compile(r"\W+")
MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~^])")


def converter() -> str:
    from importlib.metadata import version

    return f"figuregraph-html {own_version()} (trafilatura {version('trafilatura')}, htmldate {version('htmldate')})"


def read_html(path: Path, text: str, url: str | None = None) -> Document:
    """The Document of a saved page. ``url``: where it was saved from, when the page does not say."""
    import trafilatura

    # the date from the page's markup and URL only: a guess from a year in the prose is no date
    meta = trafilatura.extract_metadata(text, default_url=url, extensive=False)
    canonical = url or (meta.url if meta is not None else None)
    body = trafilatura.extract(text, url=canonical, output_format="markdown", include_links=True,
                               include_formatting=True, include_tables=True, include_comments=False,
                               include_images=False, with_metadata=False, deduplicate=False)
    if not body or not body.strip():
        raise InputError(f"{path}: no main text found in this web page")
    body += _notes(text, body)
    lang = LANG.search(text[:4096].encode("utf-8", "replace"))
    metadata = Metadata(
        title=meta.title if meta is not None else None, authors=names(meta.author if meta is not None else None),
        publisher=meta.sitename if meta is not None and meta.sitename else None,
        published=meta.date if meta is not None and meta.date else None, url=canonical,
        language=lang.group(1).decode("ascii") if lang else None)
    return read_markdown(path, body, "html", converter(), metadata, canonical)


def _notes(page: str, body: str) -> str:
    """The notes the main text's markers link to within the page ("[4]" to ``#cite_note-4``), as a
    reference list ("References", then "4. entry" with the entry's first web address) when the main
    text left them out: trafilatura drops a reference list of links as boilerplate, and the markers
    would cite nothing. Entries are text, escaped so that the Markdown reader keeps them as written."""
    targets: dict[str, str] = {}
    for m in NOTE_LINK.finditer(body):
        targets.setdefault(m.group("id"), m.group("n"))
    if not targets:
        return ""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return ""
    entries: dict[str, str] = {}
    kept = WORDLESS.sub("", body)
    for ident, number in targets.items():
        found = tree.xpath("//*[@id=$id]", id=ident)
        if not found or number in entries:
            continue
        note = found[0]
        for unread in note.xpath(".//script|.//style|.//template"):
            unread.drop_tree()
        words = " ".join(note.text_content().split())[:2000]
        if not words or WORDLESS.sub("", words[:80]) in kept:
            continue  # kept in the main text already (compared without signs and escapes)
        address = next((a for a in note.xpath(".//a/@href") if a.startswith(("https://", "http://"))), None)
        entries[number] = " ".join(p for p in (MARKDOWN_SIGNS.sub(r"\\\1", words),
                                                MARKDOWN_SIGNS.sub(r"\\\1", address or "")) if p)
    if not entries:
        return ""
    return "\n\nReferences\n\n" + "\n".join(f"{n}. {entry}" for n, entry in entries.items()) + "\n"
