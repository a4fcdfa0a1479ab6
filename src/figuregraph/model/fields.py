"""Typed access to the fields of one YAML record, with errors that name file, line and record."""

from __future__ import annotations

import re
import warnings
from collections.abc import Collection
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputError, InputWarning, Location, close_matches
from ..rdf.literals import BIDI_CONTROLS
from ..rdf.prefixes import ID_PATTERN
from .yamlio import Mapping, Sequence, Text, Value

NUMBER_PATTERN = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
PARTIAL_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# What an IRI may not hold (RFC 3987: spaces, quotes, <>, controls, bidirectional controls): each
# would end the IRI early or change it in Turtle, HTML or a terminal.
NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')


class Fields:
    """Reads the fields of one record mapping; ``done()`` rejects fields nobody read."""

    def __init__(self, mapping: Value, path: Path, what: str, record: str | None = None) -> None:
        if not isinstance(mapping, Mapping):
            line = getattr(mapping, "line", None)
            raise InputError(f"{what} must be a mapping of fields", Location(path, line, record))
        self.mapping = mapping
        self.path = path
        self.what = what
        self.record = record
        self._read: set[str] = set()

    # -- errors ---------------------------------------------------------------------------
    def line_of(self, key: str | None = None) -> int:
        value = self.mapping.get(key) if key else None
        return getattr(value, "line", None) or self.mapping.line

    def error(self, message: str, key: str | None = None) -> InputError:
        return InputError(message, Location(self.path, self.line_of(key), self.record))

    def _looked_at(self, key: str, value: Text) -> Text:
        """Warn of bidirectional controls in text: they reorder what follows them where it is shown."""
        found = None if value.isascii() else BIDI_CONTROLS.search(value)  # the controls are not ASCII
        if found is not None:
            warnings.warn(InputWarning(
                f"'{key}' holds the bidirectional control character U+{ord(found[0]):04X}, which reorders the "
                f"text around it where it is shown; pages and tables show it escaped, as [U+{ord(found[0]):04X}]",
                Location(self.path, getattr(value, "line", None) or self.line_of(key), self.record)), stacklevel=2)
        return value

    # -- raw access -----------------------------------------------------------------------
    def _get(self, key: str, required: bool) -> Value:
        self._read.add(key)
        value = self.mapping.get(key)
        if value is None and required:
            typo = close_matches(key, [k for k in self.mapping if k != key], cutoff=0.75)
            hint = f" (is '{typo[0]}' a misspelling of it?)" if typo else ""
            raise self.error(f"{self.what} needs a '{key}' field{hint}", typo[0] if typo else None)
        return value

    def skip(self, key: str) -> None:
        """Count an absent field as read (what its reader would do, without reading it)."""
        self._read.add(key)

    def require(self, key: str) -> None:
        """Raise the "needs a field" error (with a misspelling hint) unless the field is there."""
        self._get(key, required=True)

    def text(self, key: str, required: bool = False) -> Text | None:
        value = self._text(key, required)
        return None if value is None else self._looked_at(key, value)

    def _text(self, key: str, required: bool) -> Text | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, Text):
            raise self.error(f"'{key}' must be text, not a {_shape(value)}", key)
        if not value or value.isspace():  # nothing but whitespace (what strip() would remove)
            raise self.error(f"'{key}' is empty", key)
        return value

    def req_text(self, key: str) -> Text:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def ident(self, key: str = "id") -> Text:
        value = self.req_text(key)
        if not ID_PATTERN.match(value):
            raise self.error(
                f"'{key}' '{value}' is not a valid id: use lower-case letters, digits, '-' and '.'", key
            )
        return value

    def choice(self, key: str, options: Collection[str], required: bool = True,
               default: str | None = None) -> str | None:
        value = self.text(key, required=required and default is None)
        if value is None:
            return default
        if value not in options:
            raise self.error(f"unknown {key} '{value}'; known: {', '.join(sorted(options))}", key)
        return str(value)

    def url(self, key: str, required: bool = False) -> Text | None:
        """An http(s) URL that is an IRI (RFC 3987, as Oxigraph reads one): no spaces, quotes, '<', '>'
        or control characters, which would end or change it in the outputs."""
        import pyoxigraph as ox

        url = self._text(key, required)  # a bidirectional control is refused here, not only warned of
        if url is None:
            return None
        bad = NOT_IN_URL.search(url)
        if bad is not None:
            raise self.error(f"'{key}' must be an http(s) URL; it holds {_described(bad[0])} at character "
                             f"{bad.start() + 1}", key)
        if not str(url).startswith(("http://", "https://")):
            raise self.error(f"'{key}' must be an http(s) URL, not '{url}'", key)
        try:
            ox.NamedNode(str(url))
        except ValueError as exc:
            raise self.error(f"'{key}' is not a valid URL ({exc}): '{url}'", key) from exc
        return url

    def texts(self, key: str) -> list[Text]:
        """A list of text, or one text written alone."""
        value = self._get(key, False)
        if value is None:
            return []
        items = value if isinstance(value, Sequence) else [value]
        out: list[Text] = []
        for item in items:
            if not isinstance(item, Text) or not item.strip():
                raise self.error(f"'{key}' must be a list of text", key)
            out.append(self._looked_at(key, item))
        return out

    def mappings(self, key: str) -> list[Mapping]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, Sequence):
            raise self.error(f"'{key}' must be a list", key)
        entries: list[Mapping] = []
        for item in value:
            if not isinstance(item, Mapping):
                raise InputError(f"each entry of '{key}' must be a mapping of fields",
                                 Location(self.path, getattr(item, "line", value.line), self.record))
            entries.append(item)
        return entries

    def mapping_field(self, key: str) -> Mapping | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.error(f"'{key}' must be a mapping of fields", key)
        return value

    # -- typed values ---------------------------------------------------------------------
    def decimal(self, key: str, required: bool = False) -> tuple[Decimal, str] | None:
        """A number as written: digits, an optional '-' and decimal point, nothing else."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, Text):
            raise self.error(f"'{key}' must be a number, not a {_shape(value)}", key)
        written = value.strip()
        if not NUMBER_PATTERN.match(written):
            if re.match(r"^-?0[0-9]+", written):
                hint = "it has a leading zero (YAML 1.1 would read 012 as octal 10); write the number without it"
            else:
                hint = "write digits only, with '.' for decimals (e.g. 12000000, 2.5)"
            raise self.error(f"'{key}' is not a number: '{written}'; {hint}", key)
        try:
            return Decimal(written), written
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
            raise self.error(f"'{key}' is not a number: '{written}'", key) from exc

    def integer(self, key: str) -> int | None:
        parsed = self.decimal(key)
        if parsed is None:
            return None
        number, written = parsed
        if "." in written or number < 0:
            raise self.error(f"'{key}' must be a whole number >= 0, not '{written}'", key)
        return int(number)

    def day(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        match = DATE_PATTERN.match(value.strip())
        if not match:
            raise self.error(f"'{key}' must be a date as YYYY-MM-DD, not '{value}'", key)
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as exc:
            raise self.error(f"'{key}' is not a real date: '{value}' ({exc})", key) from exc

    def partial_date(self, key: str) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source says."""
        value = self.text(key)
        if value is None:
            return None
        written = value.strip()
        match = PARTIAL_DATE_PATTERN.match(written)
        if not match:
            raise self.error(f"'{key}' must be YYYY, YYYY-MM or YYYY-MM-DD, not '{value}'", key)
        try:
            date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
        except ValueError as exc:
            raise self.error(f"'{key}' is not a real date: '{value}' ({exc})", key) from exc
        return written

    def done(self) -> None:
        unknown = sorted(set(self.mapping) - self._read)
        if unknown:
            raise self.error(
                f"unknown field '{unknown[0]}' in {self.what}; known: {', '.join(sorted(self._read))}",
                unknown[0],
            )


def _described(char: str) -> str:
    if char == " ":
        return "a space"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"the character U+{ord(char):04X}"


def _shape(value: Value) -> str:
    return "list" if isinstance(value, Sequence) else "mapping" if isinstance(value, Mapping) else "text"
