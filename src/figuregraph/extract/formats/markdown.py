"""Markdown (a converter's output: docling, markitdown, pandoc; or a web page's main text) as a Document.

The markup that is not text goes: heading ``#``s and setext underlines, emphasis, inline code
marks, blockquote ``>``s, table pipes and rules (cells are separated by tabs), backslash escapes.
A link ``[text](url)`` becomes its text and a ``Link`` (a link within the page, ``(#id)``, only its
text); an image becomes its alt text; inline HTML tags a converter left are dropped, and digits in
``<sup>`` become superscript digits, as a PDF's unexplained superscripts do. The
footnote syntax stays as written, for the extractor reads it from the text in its three forms
(one reading of footnotes, in ``footnotes.py``): EUAA-style ``^{[12](#)}`` and ``[12](#)`` with the
list after, pandoc ``[^12]`` with ``[^12]: ...`` definitions, and bracketed ``[12]`` with a
reference list. A YAML front matter block gives the metadata (title, author, date, ...); without
one, the first level-one heading is the title."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..document import Document, Link, Metadata
from . import names, own_version

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
RULE = re.compile(r"^[ \t]{0,3}(?:\*[ \t]*){3,}$|^[ \t]{0,3}(?:_[ \t]*){3,}$")
QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
BULLET = re.compile(r"^([ \t]*)[*+][ \t]+")
INLINE = re.compile(
    r"(?P<fn>\^\{\[\d+\]\(#\)\}|\[[^\[\]]*\]\(#\)|\[\^[\w-]+\]:?)"  # footnote syntax, "[url](#)": as written
    r"|!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)(?:\s+\"[^\"]*\")?\)"  # an image: its alt text
    r"|\[(?P<anchor>(?:\\.|[^\[\]\\])+)\]\((?P<href>[^)\s]+)(?:\s+\"[^\"]*\")?\)"  # a link
    r"|<(?P<auto>https?://[^>\s]+)>"  # an autolink
    r"|<sup>(?P<sup>.*?)</sup>"  # HTML a converter left: a superscript
    r"|(?P<tag></?(?:sub|span|small|b|i|u|em|strong|mark|abbr)(?:\s[^<>]*)?>)"  # inline tags: dropped
    r"|(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|(?P<strong>\*\*|__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=strong)"
    r"|(?<![\w*])(?P<em>[*_])(?=[^\s*_])(?P<em_text>.+?)(?<=[^\s*_])(?P=em)(?![\w*])"
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|>~^])")




def read_markdown(path: Path | None, text: str, fmt: str = "markdown", converter: str = "",
                  metadata: Metadata | None = None, base_url: str | None = None) -> Document:
    """The Document of a Markdown text. ``base_url`` resolves relative link targets."""
    front, body = _front_matter(text)
    out = Builder(base_url)
    title: str | None = None
    lines = body.split("\n")
    for i, raw in enumerate(lines):
        line = QUOTE.sub("", raw)
        heading = HEADING.match(line)
        if heading:
            if title is None and len(heading.group(1)) == 1:
                title = heading.group(2)
            out.inline(heading.group(2))
        elif SETEXT.match(line) and i > 0 and lines[i - 1].strip() and not TABLE_RULE.match(line):
            if title is None and line.strip().startswith("="):
                title = lines[i - 1].strip()
            out.drop_newline()
        elif (TABLE_RULE.match(line) and "|" in line) or RULE.match(line):
            out.drop_newline()
        elif line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            cells = [c.strip() for c in line.strip()[1:-1].split("|")]
            for j, cell in enumerate(cells):
                if j:
                    out.add("\t")
                out.inline(cell)
        else:
            bullet = BULLET.match(line)
            if bullet:
                out.add(f"{bullet.group(1)}- ")
                line = line[bullet.end():]
            out.inline(line)
        if i < len(lines) - 1:
            out.add("\n")
    meta = _metadata(front, title, metadata)
    return Document(out.text, fmt, path, meta, links=tuple(out.links),
                    converter=converter or f"figuregraph-markdown {own_version()}")


class Builder:
    """The converted text, built piece by piece, and the links in it (offsets in the result)."""

    def __init__(self, base_url: str | None) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.links: list[Link] = []
        self.base_url = base_url

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def drop_newline(self) -> None:
        """A line that is only markup (a rule, a setext underline): nothing of it stays."""
        if self.parts and self.parts[-1] == "\n":
            self.parts.pop()
            self.length -= 1

    def inline(self, line: str) -> None:
        at = 0
        for m in INLINE.finditer(line):
            self.add(line[at:m.start()])
            at = m.end()
            if m.group("fn"):
                self.add(m.group("fn"))
            elif m.group("src") is not None:
                self.inline(m.group("alt"))
            elif m.group("href"):
                start = self.length
                self.inline(m.group("anchor"))
                if not m.group("href").startswith("#"):  # a link within the page is no citation
                    self.links.append(Link(start, self.length, self._url(m.group("href"))))
            elif m.group("sup") is not None:
                self.superscript(m.group("sup"))
            elif m.group("tag"):
                pass
            elif m.group("auto"):
                start = self.length
                self.add(m.group("auto"))
                self.links.append(Link(start, self.length, m.group("auto")))
            elif m.group("code"):
                self.add(m.group("code_text"))
            elif m.group("strong"):
                self.inline(m.group("strong_text"))
            elif m.group("em"):
                self.inline(m.group("em_text"))
            else:
                self.add(m.group("escaped"))
        self.add(line[at:])

    def superscript(self, inner: str) -> None:
        """A superscript's text; digits written as superscript digits ("km²", a note's marker "¹²"),
        which the extractor tells apart from numbers, a bracketed marker ("[3]") as it is."""
        start = len(self.parts)
        self.inline(inner)
        text = "".join(self.parts[start:])
        if re.fullmatch(r"[\d,\s]+", text):
            del self.parts[start:]
            self.length -= len(text)
            self.add(text.translate(SUPERSCRIPT_DIGITS))

    def _url(self, href: str) -> str:
        if self.base_url and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            from urllib.parse import urljoin

            return urljoin(self.base_url, href)
        return href


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.load(m.group(1), Loader=yaml.BaseLoader)  # every scalar stays text
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[m.end():]


def _metadata(front: dict[str, object], title: str | None, given: Metadata | None) -> Metadata:
    if given is not None:
        return given

    def one(*keys: str) -> str | None:
        for key in keys:
            value = front.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return None

    date = one("date", "published")
    m = re.match(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?", date or "")
    return Metadata(one("title") or (" ".join(title.split()) if title else None),
                    names(front.get("author") or front.get("authors")),
                    one("publisher", "site_name", "sitename"), "-".join(p for p in m.groups() if p) if m else None,
                    one("url", "source", "canonical_url"), one("lang", "language"))
