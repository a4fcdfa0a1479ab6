"""SPARQL 1.1 terminals, split where the engines split them, for the query guard.

The guard decides on tokens, so it must cut a query exactly where an engine does: ``\\#`` in a
prefixed name is part of the name, not a comment, and ``'`` after ``e:a\\`` opens no string.
Two things need more than the grammar's terminals:

- ``<`` is an IRI in a pattern but "less than" after an operand inside an expression
  (``FILTER(?a<?b)``); the lexer follows the brackets to know which (``_Frame``).
- Codepoint escapes (``\\u0053``) are read two ways: the standard one (SPARQL 1.1 section
  19.2, and rdflib) expands them in the whole text before parsing; Oxigraph only inside
  strings and IRIs. ``scan(text, uchar=True)`` is Oxigraph's reading of the raw text; the guard
  compares it with the standard one and refuses a query read two ways.

What no terminal matches (an unterminated string, a stray backslash, a word that is no
keyword, an unbalanced bracket) raises LexError: the guard refuses it, it never skips it.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from collections.abc import Iterator

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_PN_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_ECHAR = r"\\[tbnrf\\\"']"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_IRI_CHAR = r"[^<>\"{}|^`\\\x00-\x20]"

KEYWORDS = frozenset("""
    BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT WHERE DESCRIBE ASK FROM NAMED GROUP BY HAVING
    ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL SERVICE SILENT BIND MINUS UNION FILTER GRAPH
    A TRUE FALSE IN NOT EXISTS LOAD INTO CLEAR DROP CREATE ADD MOVE COPY TO INSERT DATA DELETE WITH
    USING DEFAULT ALL
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE
    LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES
    SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT
    SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG
    SAMPLE GROUP_CONCAT SEPARATOR
""".split())

OPERANDS = frozenset({"var", "string", "number", "iri", "pname", "lang", "bnode"})
_EXPRESSION_CLAUSES = frozenset({"SELECT", "GROUP", "ORDER", "HAVING"})
_CLAUSES = _EXPRESSION_CLAUSES | {"WHERE", "FROM", "VALUES", "LIMIT", "OFFSET", "CONSTRUCT", "DESCRIBE", "ASK"}
_CLOSING = {"{": "}", "[": "]", "(": ")"}
_OPENING = {close: open_ for open_, close in _CLOSING.items()}


def _scanner(uchar: bool) -> re.Pattern[str]:
    esc = f"{_ECHAR}|{_UCHAR}" if uchar else _ECHAR
    return re.compile(
        f"""(?P<ws>[ \\t\\r\\n]+)
          | (?P<comment>\\#[^\\r\\n]*)
          | (?P<string>'''(?:(?:'|'')?(?:[^'\\\\]|{esc}))*'''
                      |\"\"\"(?:(?:"|"")?(?:[^"\\\\]|{esc}))*\"\"\"
                      |'(?:[^'\\\\\\n\\r]|{esc})*'
                      |"(?:[^"\\\\\\n\\r]|{esc})*")
          | (?P<var>[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*)
          | (?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
          | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
          | (?P<word>[A-Za-z][A-Za-z0-9_]*)
          | (?P<number>[0-9]+\\.[0-9]*[eE][+-]?[0-9]+|\\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\\.[0-9]+|[0-9]+)
          | (?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
          | (?P<punct>\\^\\^|&&|\\|\\||!=|<=|>=|[{{}}()\\[\\];,.*/+\\-!=<>^|?])
        """,
        re.VERBOSE,
    )


_SCANNERS = {False: _scanner(False), True: _scanner(True)}
_IRIREFS = {False: re.compile(f"<{_IRI_CHAR}*>"), True: re.compile(f"<(?:{_IRI_CHAR}|{_UCHAR})*>")}
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class LexError(ValueError):
    """Text that no SPARQL terminal matches, with where it is."""

    def __init__(self, message: str, text: str, offset: int) -> None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        super().__init__(f"{message} at line {line}, column {own_column(text, line, column)}")


# where the parsers say it: rdflib's "(at char 1005), (line:2, col:34)", Oxigraph's "error at 2:34"
_POSITIONS = re.compile(r"\(at char \d+\), \(line:(\d+), col:(\d+)\)|\berror at (\d+):(\d+)")


def own_column(text: str, line: int, column: int) -> int:
    """A column as the query was written: a library query's prefixes are one line before its own
    first line (``sparql_prologue``), so only that line's columns move."""
    from ..rdf.prefixes import sparql_prologue

    prologue = sparql_prologue()
    return column - len(prologue) if line == 1 and column > len(prologue) and text.startswith(prologue) else column


def own_positions(message: str, text: str) -> str:
    """A parser's message about ``text`` with its positions as the query was written (``own_column``)."""
    def moved(found: re.Match[str]) -> str:
        if found[1]:
            return f"(line {found[1]}, column {own_column(text, int(found[1]), int(found[2]))})"
        return f"error at {found[3]}:{own_column(text, int(found[3]), int(found[4]))}"

    return _POSITIONS.sub(moved, message)


@dataclass(frozen=True)
class Token:
    """One terminal. ``value`` is a string's or IRI's content with escapes decoded (a prefixed
    name's local part unescaped), ``text`` otherwise; ``depth`` the nesting an engine may reach
    here (for an IRI, with the brackets inside it, in case an engine reads its ``<`` as less-than);
    ``start`` its offset in the text."""

    kind: str
    text: str
    value: str
    depth: int
    start: int = 0


@dataclass
class _Frame:
    """An open bracket: ``group`` ({ and the top level), ``list`` (a collection, a path, a
    blank node, a variable list) or ``expr`` (an expression); a group knows its last clause."""

    kind: str
    clause: str | None = None
    closer: str = ""


def _decode(content: str, uchar: bool) -> str:
    def one(match: re.Match[str]) -> str:
        if uchar and (match[1] or match[2]):
            return chr(int(match[1] or match[2], 16))
        return _ESCAPES.get(match[3] or "", match[0])

    return _ESCAPE.sub(one, content)


def _value(kind: str, text: str, uchar: bool) -> str:
    if kind == "string":
        quote = 3 if text[:3] in ("'''", '"""') else 1
        return _decode(text[quote:-quote], uchar)
    if kind == "iri":
        return _decode(text[1:-1], uchar) if uchar else text[1:-1]
    if kind == "pname":
        return re.sub(r"\\(.)", r"\1", text)
    return text


def expand_codepoints(text: str) -> str:
    """The standard reading: every ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced before parsing."""
    def one(match: re.Match[str]) -> str:
        point = int(match[1] or match[2], 16)
        if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
            raise LexError(f"'{match[0]}' is not a Unicode code point", text, match.start())
        return chr(point)

    return CODEPOINT.sub(one, text)


def _paren_kind(frame: _Frame, previous: deque[Token]) -> str:
    """Whether a ``(`` opens an expression (FILTER(, BIND(, a function call, SELECT (...)) or a
    list (a collection, a path group, VALUES (?a ?b))."""
    if frame.kind == "expr":
        return "expr"
    prev = previous[-1] if previous else None
    if prev is not None and prev.kind == "word":
        return "list" if prev.text.upper() in ("VALUES", "A") else "expr"
    before = previous[-2] if len(previous) > 1 else None
    if prev is not None and prev.kind in ("iri", "pname") and before is not None \
            and before.kind == "word" and before.text.upper() in ("FILTER", "BY"):
        return "expr"
    return "expr" if frame.kind == "group" and frame.clause in _EXPRESSION_CLAUSES else "list"


def _is_operand(token: Token | None) -> bool:
    if token is None:
        return False
    return token.kind in OPERANDS or token.text in (")", "]") or (
        token.kind == "word" and token.text.upper() in ("TRUE", "FALSE"))


def scan(text: str, uchar: bool = False) -> Iterator[Token]:
    """The tokens of a query (comments and white space dropped); LexError where none matches.

    ``uchar``: Oxigraph's reading, where ``\\u`` escapes are decoded inside strings and IRIs only."""
    scanner, iriref = _SCANNERS[uchar], _IRIREFS[uchar]
    stack = [_Frame("group")]
    previous: deque[Token] = deque(maxlen=2)
    pos, end = 0, len(text)
    while pos < end:
        frame = stack[-1]
        if text[pos] == "<" and not (frame.kind == "expr" and _is_operand(previous[-1] if previous else None)):
            match = iriref.match(text, pos)
            if match:
                inner = match[0].count("(") + match[0].count("[")
                token = Token("iri", match[0], _value("iri", match[0], uchar), len(stack) - 1 + inner, pos)
                previous.append(token)
                pos = match.end()
                yield token
                continue
        match = scanner.match(text, pos)
        if match is None:
            what = {"'": "an unterminated string or a bad escape", '"': "an unterminated string or a bad escape",
                    "\\": "a backslash outside a string or an escaped name"}.get(text[pos], f"'{text[pos]}'")
            raise LexError(f"cannot read {what}", text, pos)
        kind = match.lastgroup or ""
        pos = match.end()
        if kind in ("ws", "comment"):
            continue
        word = match[0]
        if kind == "word" and word.upper() not in KEYWORDS:
            raise LexError(f"'{word}' is not a SPARQL keyword or function", text, match.start())
        if kind == "word" and frame.kind == "group" and word.upper() in _CLAUSES:
            frame.clause = word.upper()
        if kind == "punct" and word in _CLOSING:
            opened = _Frame({"{": "group", "[": "list"}.get(word) or _paren_kind(frame, previous),
                            closer=_CLOSING[word])
            stack.append(opened)
        elif kind == "punct" and word in _OPENING:
            if len(stack) == 1 or stack[-1].closer != word:
                raise LexError(f"unbalanced '{word}'", text, match.start())
            stack.pop()
        token = Token(kind, word, _value(kind, word, uchar), len(stack) - 1, match.start())
        previous.append(token)
        yield token
    if len(stack) > 1:
        raise LexError(f"'{_OPENING[stack[-1].closer]}' is never closed", text, end)


# Oxigraph's parser lists every token it expected, the grammar's character classes and, among them,
# the sentence that says what is wrong ("The SELECT contains an expression with a variable that is unbound")
_EXPECTED = re.compile(r"^(error at \d+:\d+): expected one of (.*)$", re.DOTALL)
_SENTENCE = re.compile(r"(?:^|, )([A-Z][a-z]+(?: [^\s,\[\]\"']+){3,})")


def syntax_message(message: str) -> str:
    """Oxigraph's parse error, readable: the position and its sentence where it gives one, else the
    tokens it expected without the grammar's character classes."""
    found = _EXPECTED.match(message)
    if not found:
        return message
    where, expected = found.groups()
    sentences = _SENTENCE.findall(expected)
    if sentences:
        return f"{where}: {'; '.join(sentences)}"
    tokens = [t for t in expected.split("[", 1)[0].split(", ") if t.strip()]
    return f"{where}: expected one of {', '.join(tokens)}"
