"""The YAML floor: the located read the record loader needs (every scalar as text, the line of each
value, duplicate keys refused), by PyYAML with libyaml (what ``model.yamlio`` uses) and by the fast
readers installable here, on the record files of a synthetic corpus. A reader is kept only if it
gives the same located values (text, line, quoted or not) and refuses the same bad files, naming
the same line.

- ``yamlio.load_yaml``: libyaml's composer (``CSafeLoader`` without tag resolution), then located values;
- ``libyaml compose only``: the same composer, its node tree left as it is (the floor of that path);
- ``libyaml CBaseLoader``: libyaml to plain Python values, every scalar a string, no lines;
- ``rapidyaml``: ryml's tree walked into located values (a line from each scalar's offset in the
  source buffer: ryml's Python API gives no node locations);
- ``pyyaml-rs``: ``safe_load`` to plain values (implicit typing, no lines: what it offers).

    python benchmarks/bench_yaml.py --figures 50000 --runs 3 --out benchmarks/YAML.md
"""

from __future__ import annotations

import argparse
import bisect
import ctypes
import re
import statistics
import time
from pathlib import Path
from typing import Any
from collections.abc import Callable

from common import publish, synthetic_corpus

BAD = {  # a bad record file -> what it shows
    "duplicate key": b"id: a\nlabel: x\nid: b\n",
    "bad indentation": b"id: a\n  label: x\n label: y\n",
    "unclosed flow sequence": b"id: a\nrefs: [x, y\nlabel: z\n",
    "tab as indentation": b"id: a\nmap:\n\tkey: v\n",
    "NUL byte": b"id: a\nlabel: x\x00y\n",
    "alias": b"a: &x 1\nb: *x\n",
}


class _Buffer(ctypes.Structure):
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
                ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p)]


def _address(view: memoryview) -> int:
    """Where a buffer's bytes start in memory."""
    info = _Buffer()
    ctypes.pythonapi.PyObject_GetBuffer(ctypes.py_object(view), ctypes.byref(info), 0)
    try:
        return int(info.buf or 0)
    finally:
        ctypes.pythonapi.PyBuffer_Release(ctypes.byref(info))


def ryml_located(data: bytes) -> Any:
    """Located values from rapidyaml's tree, with yamlio's rules (nulls, quoting, duplicate keys)."""
    import ryml

    from figuregraph.errors import InputError, Location
    from figuregraph.model.yamlio import Mapping, Sequence, Text

    buf = bytearray(data)
    tree = ryml.parse_in_place(buf)
    base = _address(memoryview(buf))
    newlines = [i for i, c in enumerate(buf) if c == 10]

    def line_of(view: memoryview) -> int:
        return bisect.bisect_left(newlines, _address(view) - base) + 1

    def start(node: int, line: int) -> int:
        """A container starts where its first entry does (as libyaml's marks say)."""
        for child in ryml.children(tree, node):
            if tree.has_key(child):
                return line_of(tree.key(child))
            if tree.has_val(child) and not tree.val_is_null(child):
                return line_of(tree.val(child))
            return start(child, line)
        return line

    def convert(node: int, line: int) -> Any:
        if tree.is_container(node):
            line = start(node, line)
        if tree.is_map(node):
            mapping = Mapping()
            mapping.line = line
            for child in ryml.children(tree, node):
                key_view = tree.key(child)
                key = bytes(key_view).decode()
                at = line_of(key_view)
                if key in mapping:
                    raise InputError(f"duplicate key '{key}'", Location(Path("x"), at))
                mapping[key] = convert(child, at)
            return mapping
        if tree.is_seq(node):
            seq = Sequence()
            seq.line = line
            for child in ryml.children(tree, node):
                view = tree.val(child) if tree.has_val(child) else None
                seq.append(convert(child, line_of(view) if view is not None else line))
            return seq
        if tree.val_is_null(node):
            return None
        view = tree.val(node)
        text = bytes(view).decode()
        quoted = bool(tree.is_val_quoted(node))
        if not quoted and text in ("", "~", "null", "Null", "NULL"):
            return None
        return Text(text, line_of(view), quoted)

    return convert(tree.root_id(), 1)


def located(value: Any) -> Any:
    """A located value as plain data: each text with its line and quoting, each container's line."""
    if isinstance(value, dict):
        return ("map", getattr(value, "line", 0), {k: located(v) for k, v in value.items()})
    if isinstance(value, list):
        return ("seq", getattr(value, "line", 0), [located(v) for v in value])
    if value is None:
        return None
    return (str(value), getattr(value, "line", 0), getattr(value, "quoted", False))


def readers() -> dict[str, Callable[[bytes], Any]]:
    import yaml

    from figuregraph.model.yamlio import _Loader, load_yaml_text

    found: dict[str, Callable[[bytes], Any]] = {
        "yamlio.load_yaml (libyaml, located)": lambda data: load_yaml_text(data.decode("utf-8"), Path("x.yaml")),
        "libyaml compose only": lambda data: yaml.compose(data, Loader=_Loader),
        "libyaml CBaseLoader (strings, no lines)": lambda data: yaml.load(data, Loader=yaml.CBaseLoader),
    }
    try:
        import ryml  # noqa: F401

        found["rapidyaml (located)"] = ryml_located
    except ImportError:
        pass
    try:
        import pyyaml_rs

        found["pyyaml-rs safe_load (typed, no lines)"] = lambda data: pyyaml_rs.safe_load(data.decode("utf-8"))
    except ImportError:
        pass
    return found


def outcome(read: Callable[[bytes], Any], data: bytes) -> str:
    """How a reader answers a bad file: the error's kind and line, or what it accepted."""
    try:
        value = read(data)
    except Exception as exc:  # each reader has its own error classes
        line = getattr(getattr(exc, "location", None), "line", None)
        mark = getattr(exc, "problem_mark", None)
        line = line if line is not None else (mark.line + 1 if mark is not None else None)
        stated = re.search(r"line=(\d+)", str(exc))  # ryml says where in its message
        line = line if line is not None else (int(stated[1]) if stated else None)
        return f"refused, line {line}" if line is not None else f"refused ({type(exc).__name__}), no line"
    return f"accepted: {located(value) if isinstance(value, (dict, list)) else value!r}"[:60]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from figuregraph.model.records import record_files

    with synthetic_corpus(args.figures) as folder:
        files = [p.read_bytes() for p in record_files(folder)]
    size = sum(len(d) for d in files)
    found = readers()
    reference = [located(found["yamlio.load_yaml (libyaml, located)"](d)) for d in files]
    lines = [f"# The YAML floor ({len(files):,} record files, {size / 1e6:.1f} MB, {args.figures:,} synthetic figures)",
             "", f"`benchmarks/bench_yaml.py --figures {args.figures} --runs {args.runs}`: medians of {args.runs} "
             "reads of every record file, in one process, on this project's shared 2-core machine.", "",
             "| reader | time | MB/s | / yamlio | same located values | bad files refused as yamlio does |",
             "| --- | ---: | ---: | ---: | --- | --- |"]
    base = None
    expected = {name: outcome(found["yamlio.load_yaml (libyaml, located)"], data) for name, data in BAD.items()}
    for name, read in found.items():
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            values = [read(d) for d in files]
            times.append(time.perf_counter() - started)
        s = statistics.median(times)
        base = base or s
        same = "n/a (no located values)"
        if "located" in name:
            same = "yes" if [located(v) for v in values] == reference else "no"
        answers = {bad: outcome(read, data) for bad, data in BAD.items()}
        differ = [f"{bad}: {answers[bad]}" for bad in BAD if answers[bad] != expected[bad]]
        errors = "yes" if not differ else "no (" + "; ".join(differ) + ")"
        lines.append(f"| {name} | {s:.2f} s | {size / 1e6 / s:.1f} | {s / base:.2f}x | {same} | {errors} |")
    lines += ["", "What yamlio answers on the bad files: " + "; ".join(f"{k}: {v}" for k, v in expected.items()) + "."]
    publish(lines, args.out)


if __name__ == "__main__":
    main()
