"""Whether this checkout builds the same graph as another revision, byte for byte: the records each
file parses to (or its error, with file and line), the warnings, the N-Quads a clean build emits in
their order, its Turtle document, its cache entries and check rows. For changes to the reader, the
records, the emitter or the cache that must not change what is built.

    python benchmarks/check_build_same.py [--against REV]   # default: where this branch left main

The graphs: the repository's records, a synthetic corpus (``synth``, 5,000 figures), and the
records with one bad file each (the cases of tests/model/test_bad_input.py, and YAML that libyaml
refuses or that this project refuses). They are written once into a temporary folder, which both
revisions build, each in a process of its own (the other revision's ``src/`` from ``git archive``);
the cache's on-disk store is not written (the N-Quads it would be made from are compared instead).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name: the text of a bad record file (beside the repository's records), beyond the tests' cases
YAML_CASES = {
    "alias": "source: &a {id: x}\nfigures: *a\n",
    "merge-key": "source:\n  <<: {id: x}\n",
    "nul-byte": "source:\n  id: x\x00\n",
    "tab-indent": "source:\n\tid: x\n",
    "unclosed-flow": "source:\n  id: x\nfigures: [a, b\n",
    "two-documents": "source: {id: x}\n---\nsource: {id: y}\n",
    "top-level-list": "- source\n",
    "top-level-text": "just text\n",
    "unknown-top-key": "sauce: {id: x}\n",
    "both-kinds": "actors: []\nsource: {id: x, kind: report, label: X}\n",
    "complex-key": "source:\n  ? [a, b]\n  : c\n",
    "nested-duplicate": "source: {id: x, kind: report, label: X, label: Y}\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "nulls": "places:\n  - {id: p1, kind: country, label: '~', aliases: [\"\", null, ~]}\n",
    "bidi": "places:\n  - {id: p2, kind: country, label: \"A \u202e B\"}\n",
    "block-scalars": "places:\n  - id: p3\n    kind: region\n    label: |\n      two\n      lines\n"
                     "    description: >\n      folded\n      text\n    aliases: [!!str 012, NO, 1e3]\n",
    "bad-url": "source: {id: x, kind: report, label: X, url: 'http://a b'}\n",
    "bad-control": "source: {id: x, kind: report, label: \"\x07\"}\n",
    "explicit-end": "---\nplaces:\n  - {id: p4, kind: place, label: Q}\n...\n",
    "sequence-of-sequences": "places:\n  - [a, b]\n",
    "escapes": "places:\n  - {id: p5, kind: country, label: \"a\\tb \\\"q\\\" c\\\\d \\u00e9 \\x7f \\ufffe "
               "\\x85 \\u2028 \\x1b \\r\\n\", aliases: ['it''s', \"x\\by\", "
               "'say \"hi\"', 'back\\slash', \"tab\\there\", \"~\"]}\n",
}


def _graphs(folder: Path) -> list[Path]:
    """Write every graph to check into ``folder``; their folders, in order."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))
    from figuregraph.model import synth
    from tests.model.test_bad_input import CASES, DOC

    graphs = [folder / "seed", folder / "synth"]
    shutil.copytree(ROOT / "graph", graphs[0])
    synth.write(synth.generate(5000, seed=3), graphs[1])
    bad: dict[str, bytes] = {name: DOC.replace(old, new, 1).encode() for name, (old, new, *_) in CASES.items()}
    bad |= {name: text.encode() for name, text in YAML_CASES.items()}
    bad["not-utf8"] = DOC.encode() + b"\n# caf\xe9\n"
    bad["duplicate-source"] = DOC.replace("id: test-doc", "id: mediazona-military-court-desertion-data").encode()
    bad["valid-doc"] = DOC.encode()
    for name, data in sorted(bad.items()):
        target = folder / f"bad-{name}"
        shutil.copytree(ROOT / "graph", target)
        (target / "sources" / "test-doc.yaml").write_bytes(data)
        graphs.append(target)
    return graphs


def dump(graph: Path, out: Path) -> None:
    """What the figuregraph on the path makes of one graph folder, as text."""
    from figuregraph.build import cache, diskstore, incremental
    from figuregraph.errors import FigureGraphError
    from figuregraph.model.records import parse_file, record_files

    kept: dict[str, bytes] = {}

    def fill(graph_dir: Path, quads: str) -> str:  # keep the quads instead of writing the store
        kept["quads"] = (cache.folder(graph_dir) / quads).read_bytes()
        return "generation"

    diskstore.fill = fill
    parts: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for path in record_files(graph):
            try:
                parts.append(f"file {path}: {parse_file(path)!r}")
            except FigureGraphError as exc:
                parts.append(f"file {path}: ERROR {type(exc).__name__}: {exc}")
        shutil.rmtree(cache.folder(graph), ignore_errors=True)
        try:
            outcome = incremental.clean_build(graph, shacl=False, code="check")
        except FigureGraphError as exc:
            parts.append(f"build: ERROR {type(exc).__name__}: {exc}")
        else:
            m = outcome.manifest
            parts.append(f"triples {m.triples}, report {outcome.report!r}")
            parts += [f"entry {rel}: {e!r}" for rel, e in sorted(m.files.items())]
            parts.append(f"checks {m.checks!r}\nreads {m.reads!r}\nlayout {m.layout!r}")
            parts.append("quads\n" + kept["quads"].decode())
            parts.append("turtle\n" + (cache.folder(graph) / m.document).read_text(encoding="utf-8"))
        shutil.rmtree(cache.folder(graph), ignore_errors=True)
    parts += [f"warning {w.category.__name__}: {w.message}" for w in caught]
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")


def _run(src: Path, graphs: list[Path], out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}  # sets print alike
    subprocess.run([sys.executable, __file__, "--dump", str(out), *map(str, graphs)], env=env, check=True)


def _source(rev: str, tmp: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "ontology", "queries"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tmp / "theirs", filter="data")
    return tmp / "theirs" / "src"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", help="the revision to compare with (default: the merge base with main)")
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    parser.add_argument("graphs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for i, graph in enumerate(args.graphs):
                part = Path(f"{args.dump}.{i}")
                dump(Path(graph), part)
                out.write(f"=== {graph}\n{part.read_text(encoding='utf-8')}")
                part.unlink()
        return 0
    if args.against is None:
        args.against = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], capture_output=True,
                                      text=True, check=True).stdout.strip()[:12]
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        graphs = _graphs(tmp / "graphs")
        _run(_source(args.against, tmp), graphs, tmp / "theirs.txt")
        _run(ROOT / "src", graphs, tmp / "mine.txt")
        theirs = (tmp / "theirs.txt").read_text(encoding="utf-8").split("\n=== ")
        mine = (tmp / "mine.txt").read_text(encoding="utf-8").split("\n=== ")
    differ = 0
    for a, b in zip(theirs, mine, strict=True):
        if a != b:
            differ += 1
            print(f"DIFFERS: {a.splitlines()[0]}")
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), args.against, "here", lineterm="", n=1)
            print("\n".join(line[:300] for line in list(diff)[:30]))
    size, errors = sum(len(x) for x in mine), sum(x.count(": ERROR ") for x in mine)
    print(f"{len(graphs)} graphs ({size:,} characters of output, {errors} errors), {differ} differ from {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
