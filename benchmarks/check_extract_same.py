"""Whether this checkout's extractor gives the same output as another revision's, byte for byte:
both run over the development corpus texts (each with its key's date and publisher, as
score_extract.py reads them), the fixtures of tests/fixtures/extract/, and bench_extract.py's
synthetic and adversarial documents; each extraction is written as JSON and the two are compared.
For changes to the scanning machinery, which must not change what is found.

    python benchmarks/check_extract_same.py [--against REV]   # default: where this branch left main

The other revision's ``src/`` is taken with ``git archive`` and run in a process of its own; its
output is kept in /tmp by commit and inputs, so checking again against the same revision runs only
this one. Only the development documents' texts are read (``score_extract.development``: the keys
whose ``split:`` line says ``dev``); a held-out key is read no further than that line, and its text
is never opened."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


def _plain(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if x is None or isinstance(x, bool | int | float | str):
        return x
    return f"{type(x).__name__}:{x}"


def _inputs() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, text, keyword arguments of extract_text) for every input, in a fixed order."""
    import yaml

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import ADVERSARIAL, document
    from score_extract import CORPUS, development, document_date

    keys: dict[str, dict[str, Any]] = {}
    for path in development():
        keys[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[tuple[str, str, dict[str, Any]]] = []
    for path in sorted((CORPUS / "texts").glob("*.txt")):
        if path.stem not in keys:
            continue
        key = keys[path.stem]
        info = {"document_date": document_date(key), "publisher": key.get("publisher")}
        out.append((f"corpus/{path.stem}", path.read_text(encoding="utf-8"), info))
    for path in sorted(FIXTURES.glob("*.txt")):
        out.append((f"fixture/{path.stem}", path.read_text(encoding="utf-8"), {}))
    for seed in (7, 11):
        out.append((f"synthetic/{seed}", document(120_000, seed), {}))
    for name, make in ADVERSARIAL.items():
        out.append((f"adversarial/{name}", make(16_000), {}))
    return out


def dump(target: Path) -> None:
    """Every input's extraction with the figuregraph on the path, one JSON line each."""
    from figuregraph.extract import extract_text, load_lexicon

    lexicon = load_lexicon(ROOT / "graph")
    with target.open("w", encoding="utf-8") as out:
        for name, text, info in _inputs():
            result = _plain(extract_text(text, info.get("document_date"), lexicon, publisher=info.get("publisher")))
            out.write(json.dumps({"input": name, "output": result}, ensure_ascii=False, sort_keys=False) + "\n")


def _run(src: Path, target: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, __file__, "--dump", str(target)], env=env, check=True)


def _reference(rev: str) -> Path:
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True,
                            check=True).stdout.strip()
    # the inputs themselves, not only their names: an edited text or fixture is another reference
    inputs = hashlib.sha256(json.dumps(_inputs(), default=str).encode()).hexdigest()[:12]
    kept = Path(tempfile.gettempdir()) / f"extract-same-{commit[:12]}-{inputs}.jsonl"
    if not kept.exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True,
                                 check=True).stdout
        with tempfile.TemporaryDirectory() as tmp:
            with tarfile.open(fileobj=BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            partial = kept.with_suffix(".partial")
            _run(Path(tmp) / "src", partial)
            partial.rename(kept)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", help="the revision to compare with (default: the merge base with main)")
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(Path(args.dump))
        return 0
    if args.against is None:
        args.against = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], capture_output=True,
                                      text=True, check=True).stdout.strip()[:12]
    reference = _reference(args.against)
    with tempfile.TemporaryDirectory() as tmp:
        mine = Path(tmp) / "mine.jsonl"
        _run(ROOT / "src", mine)
        theirs_lines = reference.read_text(encoding="utf-8").splitlines()
        mine_lines = mine.read_text(encoding="utf-8").splitlines()
    differ = 0
    for a, b in zip(theirs_lines, mine_lines, strict=True):
        if a != b:
            differ += 1
            name = json.loads(a)["input"]
            pa, pb = (json.dumps(json.loads(x)["output"], indent=1).splitlines() for x in (a, b))
            print(f"DIFFERS: {name}")
            print("\n".join(list(difflib.unified_diff(pa, pb, args.against, "here", lineterm="", n=2))[:40]))
    print(f"{len(mine_lines)} inputs, {differ} differ from {args.against} ({reference.name})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
