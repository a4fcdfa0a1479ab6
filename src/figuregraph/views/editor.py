"""What the web pages of ``explore`` and ``serve`` share: the SPARQL editor (YASGUI, vendored under
``static/yasgui``, on a guarded read-only ``/query`` endpoint, with the query library as examples),
the templates and static files, and the Content-Security-Policy every page is sent with: the page's
own scripts only (no inline script), nothing fetched from anywhere else."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..rdf.prefixes import sparql_prologue
from ..store.library import bundled

STATIC = Path(__file__).with_name("static")
TEMPLATES = Path(__file__).with_name("app") / "templates"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8"}


def examples() -> list[dict[str, str]]:
    """The query library as the editor's ready examples: name, summary and full text, the headline first
    (not the audit's queries: they read the audit's graph, which neither server holds)."""
    library = bundled()
    names = [n for n in library.names() if not n.startswith("audit/")]
    names.sort(key=lambda n: (n != "figure-sources", n.startswith("checks/"), n))
    # the prefixes one a line, as a reader expects them
    return [{"name": n, "summary": library.get(n).summary, "text": sparql_prologue("\n") + library.get(n).body}
            for n in names]


def script_data(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` escaped, so that
    no string closes the element."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def environment() -> jinja2.Environment:
    """The templates, autoescaped, with the filters every page uses."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["url"] = lambda ident: "/id/" + urllib.parse.quote(str(ident), safe="/")
    env.filters["data"] = script_data
    return env


def static_file(path: str) -> tuple[bytes, str] | None:
    """A file below ``static/`` and its media type, for a URL path below ``/static/``; None for
    anything else (a path leaving the folder included)."""
    target = (STATIC / path).resolve()
    if not target.is_file() or STATIC.resolve() not in target.parents or target.suffix not in STATIC_TYPES:
        return None
    return target.read_bytes(), STATIC_TYPES[target.suffix]
