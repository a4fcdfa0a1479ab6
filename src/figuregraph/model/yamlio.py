"""Read YAML records without YAML's silent conversions, keeping line numbers.

Every scalar is read as text (``NO`` stays "NO", ``012`` stays "012", ``1e3`` stays "1e3");
record parsing decides what a field means. Mappings reject duplicate keys. Each value
remembers the line it came from, so errors can name file and line.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Location


class Text(str):
    """A scalar as written, with the line it stands on and whether it was quoted."""

    line: int
    quoted: bool = False

    def __new__(cls, value: str, line: int, quoted: bool = False) -> Text:
        obj = str.__new__(cls, value)
        obj.line = line
        if quoted:
            obj.quoted = True
        return obj


class Mapping(dict[str, "Value"]):
    """A YAML mapping with the line it starts on."""

    line: int = 0


class Sequence(list["Value"]):
    """A YAML sequence with the line it starts on."""

    line: int = 0


Value = Text | Mapping | Sequence | None

_NULLS = {"", "~", "null", "Null", "NULL"}
_QUOTED = {"'", '"', "|", ">"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # base chosen at run time
    """libyaml's parser when PyYAML has it (same nodes and marks, faster: benchmarks/CODE-NOTES.md), without
    YAML's tag resolution: every scalar is read as text here, so the implicit tags go unused."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return ""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass



def _convert(node: Node, path: Path, seen: set[int] | None) -> Value:
    """Located values from composed nodes. ``seen`` tracks nodes already met, to refuse aliases;
    None when the file has no anchor (no '&'), so that no node can be met twice. A scalar inside a
    collection is made where it is met (``_scalar``), not by a call of this for each."""
    line = node.start_mark.line + 1
    if seen is not None:
        _first_time(node, path, seen)
    if type(node) is ScalarNode:
        return _scalar(node, line)
    if type(node) is SequenceNode:
        seq = Sequence([_scalar(item, item.start_mark.line + 1) if type(item) is ScalarNode and seen is None
                        else _convert(item, path, seen) for item in node.value])
        seq.line = line
        return seq
    if type(node) is MappingNode:
        mapping = Mapping()
        mapping.line = line
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise InputError("mapping keys must be plain text", Location(path, key_node.start_mark.line + 1))
            key = key_node.value
            if key in mapping or key == "<<":
                _bad_key(node, key_node, path, line)
            if type(value_node) is ScalarNode and seen is None:
                mapping[key] = _scalar(value_node, value_node.start_mark.line + 1)
            else:
                mapping[key] = _convert(value_node, path, seen)
        return mapping
    raise InputError(f"unsupported YAML node {type(node).__name__}", Location(path, line))


def _scalar(node: ScalarNode, line: int) -> Text | None:
    """A scalar's located text (None for a plain null), made without ``Text``'s constructor call."""
    value = node.value
    quoted = node.style in _QUOTED
    if not quoted and value in _NULLS:
        return None
    text = str.__new__(Text, value)
    text.line = line
    if quoted:
        text.quoted = True
    return text


def _first_time(node: Node, path: Path, seen: set[int]) -> None:
    """Refuse a node met before: an alias (refusing them keeps records plain and stops "billion
    laughs" expansion)."""
    if id(node) in seen:
        raise InputError("YAML anchors and aliases are not supported in records",
                         Location(path, node.start_mark.line + 1))
    seen.add(id(node))


def _bad_key(node: MappingNode, key_node: Node, path: Path, line: int) -> None:
    """The error of a merge key or a key given twice."""
    key = key_node.value
    if key == "<<":
        raise InputError("YAML merge keys ('<<') are not supported in records", Location(path, line))
    raise InputError(f"duplicate key '{key}' (first on line {_key_line(node, key)})",
                     Location(path, key_node.start_mark.line + 1))


def _key_line(node: MappingNode, key: str) -> int:
    for key_node, _ in node.value:
        if key_node.value == key:
            return key_node.start_mark.line + 1
    return 0


def load_yaml(path: Path) -> Value:
    """Parse one YAML file into located values; YAML errors become InputError with the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(path)) from exc
    return load_yaml_bytes(raw, path)


def load_yaml_bytes(raw: bytes, path: Path) -> Value:
    """Parse a YAML file's bytes, already read from ``path``, into located values."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("file is not valid UTF-8", Location(path, line)) from exc
    return load_yaml_text(text, path)


def load_yaml_text(text: str, path: Path) -> Value:
    """Parse YAML text that stands (or will stand) at ``path`` into located values."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; its position is libyaml's byte offset
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(f"the character {what} is not allowed in a record file ({exc.reason})",
                         Location(path, line)) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"YAML syntax error: {problem}", Location(path, line)) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(path)) from exc
    nodes = [n for n in nodes if n is not None]
    if len(nodes) > 1:
        raise InputError("a record file holds one YAML document, not several", Location(path))
    return _convert(nodes[0], path, set() if "&" in text else None) if nodes else None
