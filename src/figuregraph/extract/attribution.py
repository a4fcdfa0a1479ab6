"""Who the text says reported a figure, and whom they cite: "According to X", "As reported by
X", "X reported/said/stated ... that", "X, referencing data from Y" / "citing Y". Names are
matched to the actors of the graph by label and aliases (exact, then close matches);
unknown names are proposed as new actors.

A sentence without an attribution of its own keeps the previous one only when the text says
it continues ("Furthermore", "Moreover", "In addition", "also", "reportedly")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .lexicon import plain

_NAME = r"(?P<who>(?!As\b)[A-Z‘’'][^,;:()]{1,90}?)"
SOURCE = r"(?:,?\s+(?:referencing|citing|quoting|drawing on|based on)\s+(?:data|figures|information)?\s*(?:from\s+)?" \
         r"(?P<via>[^,;:()]{2,90}?),)?"
PATTERNS = (
    re.compile(rf"\b(?:According to|As reported by|As stated by|As noted by|Citing)\s+(?:the\s+)?{_NAME}\s*,"),
    re.compile(rf"(?:^|(?<=[.;]\s)|(?<=,\s)|(?<=\bthat\s)){_NAME}{SOURCE}\s+(?:has\s+|have\s+)?(?:reported|said|stated|noted|"
               rf"announced|estimated|wrote|found|claimed|confirmed|highlighted|told)\b"),
)
CONTINUES = re.compile(r"^\W*(?:Furthermore|Moreover|In addition|Additionally|It (?:also )?added|Also)\b|"
                       r"\b(?:reportedly|also reported|the same source)\b", re.IGNORECASE)
FILLER = re.compile(r"^(?:the|a|an|in|mid-\w+|on|by)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    said_by: str  # as written
    actor: str | None  # matched actor id, or None: a proposed new actor
    via: str | None = None  # whom the reporter cites, as written
    via_actor: str | None = None


def _strip(name: str) -> str:
    name = name.strip(" ’'‘\"")
    while FILLER.match(name):
        name = FILLER.sub("", name, count=1)
    return name


def match_actor(name: str, names: dict[str, str]) -> str | None:
    """The actor id for a name as written: a label or alias inside it (longest first), else a close match."""
    lowered = plain(name)
    for written, ident in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if len(written) >= 3 and re.search(rf"(?<!\w){re.escape(written)}(?!\w)", lowered):
            return ident
    close = process.extractOne(lowered, list(names), scorer=fuzz.ratio, score_cutoff=85) if names else None
    return names[close[0]] if close else None


def find_attribution(sentence: str, names: dict[str, str]) -> Attribution | None:
    """The attribution a sentence states, if any (``names``: lower-case label or alias -> actor id)."""
    for pattern in PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        who = _strip(m.group("who"))
        if not who or who.lower() in ("it", "this", "they", "he", "she"):
            continue
        via = _strip(m.group("via")) if "via" in m.groupdict() and m.group("via") else None
        return Attribution(who, match_actor(who, names), via, match_actor(via, names) if via else None)
    return None


def continues(sentence: str) -> bool:
    return bool(CONTINUES.search(sentence))
