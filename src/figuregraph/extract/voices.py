"""Who speaks the lines of a record of others' words, by its layout.

A debate's record opens each speech with a speaker line, a name and its seat or office in
brackets ("Kevin Rudd (Griffith, Australian Labor Party, Prime Minister)", "Mr SMITH (Ryde—Minister
for Home Affairs) (2.05 pm)—"); a committee's written evidence opens with its author ("Written
evidence submitted by Dr Jane Roe, Some Institute"); a transcript labels its speakers ("MR. DOE:",
"Q:"). The speaker so named says what the lines under
the speaker line state themselves ("I", "we", a plain sentence), until the next speaker line: the
publisher only keeps the record."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_TOKEN = r"(?:[A-Z][a-z\u00e0-\u00ff'\u2019-]+|[A-Z]{2,})"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Senator|Hon)\.?\s+)"
# Words of a seat or an office, one of which the speaker line's brackets hold.
_OFFICE = (r"Minister|Secretary|Member|Senator|Party|Leader|Speaker|Chair(?:man|woman|person)?|President|MP"
           r"|Spokes(?:person|man|woman)|Commissioner|Ambassador|Representative|Deputy|Premier|Treasurer"
           r"|Attorney|Labor|Labour|Liberal|Conservative|Democrat|Republican|Independent|Greens?")
SPEAKER_LINE = re.compile(
    rf"(?m)^(?:[^\n(]{{0,40}}?)(?P<name>{_HONORIFIC}?{_TOKEN}(?:[ \t]+{_TOKEN}){{0,3}})[ \t]*"
    rf"\((?=[^()\n]*\b(?:{_OFFICE})\b)[^()\n]{{3,160}}\)"
    r"(?=[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?(?:[\u2014:\-][^\n]*|[^\n.]{0,40})$)")
# A transcript's speaker label: "MR. PRICE:", "SPOKESPERSON DUJARRIC:"; "Q:" opens a question,
# whose asker is nobody the text names (the label ends the speaker before it).
LABEL_LINE = re.compile(
    r"(?m)^[ \t]*(?P<name>(?:(?:MR|MRS|MS|DR)\.?|SPOKES(?:PERSON|MAN|WOMAN)|SECRETARY|MINISTER|AMBASSADOR)"
    r"[ \t]+[A-Z][A-Z'\u2019-]+|Q|QUESTION)[ \t]*:[ \t]")
EVIDENCE_LINE = re.compile(
    r"(?im)^[^\n]{0,40}?\bevidence\s+submitted\s+by\s+(?P<name>[^,\n()]{3,80}?)\s*(?:[,(]|$)")


@dataclass(frozen=True)
class Voice:
    """A speaker line: where it is and whom it names ("": a question's asker, unnamed)."""

    start: int
    end: int
    name: str
    why: str


def voices(text: str) -> list[Voice]:
    """The speaker lines of ``text`` in order (none: the publisher speaks)."""
    found = [Voice(m.start(), m.end(), _plain_name(m.group("name")), "the speaker line above it")
             for m in SPEAKER_LINE.finditer(text)]
    found += [Voice(m.start(), m.end(), m.group("name").strip(), "the line heading the evidence it wrote")
              for m in EVIDENCE_LINE.finditer(text)]
    found += [Voice(m.start(), m.end(), "" if m.group("name") in ("Q", "QUESTION") else _plain_name(m.group("name")),
                    "the transcript's speaker label") for m in LABEL_LINE.finditer(text)]
    return sorted(found, key=lambda v: v.start)


def _plain_name(name: str) -> str:
    """"Mr SMITH" as "Mr Smith"; a name in small letters stays as written."""
    return " ".join(t.title() if len(t) > 2 and t.isupper() else t for t in name.split())


def voice_at(found: list[Voice], starts: list[int], offset: int) -> Voice | None:
    """The speaker of the line at ``offset``: the last speaker line that starts before it (the text
    after a label is its speaker's; a question's is nobody's the text names)."""
    i = bisect.bisect_right(starts, offset) - 1
    return found[i] if i >= 0 and (found[i].end <= offset or found[i].why.startswith("the transcript")) else None
