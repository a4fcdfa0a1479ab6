"""Organisations a text introduces with their acronym ("the Office for the Coordination of
Humanitarian Affairs (OCHA)", "Rapid Support Forces (RSF)", "the UK Ministry of Defence (MoD)"),
proposed as new actors with the acronym as an alias, so that a later "OCHA said" and the full
name are one actor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .scan import stretches_back
from .sources import slug

# The lower-case words a defined name may hold between its capitalised ones, left out of its
# initials. Not attribution.CONNECTORS: there "al", "el", "la", "le", "at" link a reporter's name,
# here a capitalised "Al", "El", "Le", "At" opens a name and gives its initial ("Al Jazeera Media
# Network (AJMN)"), and "&" cannot stand in a name DEFINED reads.
LINKS = ("of", "for", "the", "and", "on", "in", "de", "des", "du", "to")
CONNECTORS = set(LINKS)
_WORD = rf"(?:[A-Z][\w’'&.-]*|{'|'.join(LINKS)})"
DEFINED = re.compile(rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,11}})\s*\((?P<acronym>[A-Z][A-Za-z&.-]{{1,11}})\)")
BRACKET = re.compile(r"\([A-Z][A-Za-z&.-]{1,11}\)")  # what closes every match of DEFINED
NAME_WORDS = 12  # DEFINED's name: at most this many words, each a stretch between spaces
LOOK_BACK = 400  # characters before a bracket its name's words are looked for in first


@dataclass
class Organisation:
    id: str
    label: str
    aliases: list[str] = field(default_factory=list)


def initials(words: list[str]) -> str:
    """The initials of a name's words but its linking ones ("Office for ... Affairs" -> "OA")."""
    return "".join(w[0] for w in words if w.lower() not in CONNECTORS).upper()


def defined_organisations(text: str) -> dict[str, Organisation]:
    """Organisations the text spells out with an acronym, by lower-case name and acronym. The name
    is the run of capitalised words before the bracket whose initials give the acronym (or, when
    none fits, the whole run): "the UN Office for the Coordination of Humanitarian Affairs (OCHA)"."""
    out: dict[str, Organisation] = {}
    for m in _defined(text):
        words = m.group("name").split()
        while words and words[0].lower() in CONNECTORS:
            words = words[1:]
        acronym = m.group("acronym").replace(".", "")
        capitals = "".join(c for c in acronym if c.isupper())  # "MoD", "DoD", "CoI": their capitals
        if len(words) < 2 or not (acronym.isupper() or (len(capitals) >= 2 and acronym[-1] != "s")):
            continue
        name = words
        for k in range(len(words)):  # the shortest tail whose initials spell the acronym
            if initials(words[k:]) == capitals:
                name = words[k:]
                break
        while len(name) > 1 and name[0].lower() in CONNECTORS:  # "to the Sahel ... Initiative": from "Sahel"
            name = name[1:]
        label = " ".join(name)
        organisation = out.get(label.lower()) or Organisation(slug(acronym if len(acronym) >= 3 else label, 6), label)
        if acronym not in organisation.aliases:
            organisation.aliases.append(acronym)
        out[label.lower()] = organisation
        out.setdefault(acronym.lower(), organisation)
    return out


def _defined(text: str) -> list[re.Match[str]]:
    """``DEFINED.finditer(text)``, tried only before each acronym in brackets: a match ends on one,
    and starts within its name's twelve words before it (nothing between can be a bracket, so a
    match never runs past the first bracket after its start). Not tried at every position."""
    out: list[re.Match[str]] = []
    at = 0
    for b in BRACKET.finditer(text):
        if b.start() < at:
            continue
        back = stretches_back(text, NAME_WORDS, max(0, b.start() - LOOK_BACK), b.start())  # 0: not all in LOOK_BACK
        m = DEFINED.search(text, max(at, back), b.end())
        if m is not None:
            out.append(m)
            at = m.end()
    return out
