"""The build cache's on-disk store made from a clean build's N-Quads file: by a process of its own
while the build goes on (``start``), or in the build's process (``settle``).

A clean build writes its emitted quads to a file in the cache and names it in the manifest as
pending; a generation made from it holds a marker naming the file, so whoever reads that manifest
later knows whether the store was written (``settle``). The writer process holds the cache
folder's lock, shared with the build that started it (``lock.shared``): the next build waits for
the store and then finds it, while a writer of the records (ingest, assess) need not wait. A writer
that ends before it is done leaves the store pending, and the next build writes it from the file,
or builds clean if the file is gone."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from ..files.swap import generation_folder, new_generation
from ..store.oxigraph import DISK_BATCH, OxigraphStore
from . import cache

MARKER = "figuregraph-quads"  # in a generation made from pending quads: the file's name
# The writer's priority below the build's: the build's last stages run beside it and go first (its
# wall time falls by a tenth at a load average of 2.5, the store is ready as soon: INCREMENTAL.md).
WRITER_NICE = 10


def fill(graph_dir: Path, quads: str) -> str | None:
    """A new generation of the cache's store from the quads file (bulk loads of ``DISK_BATCH`` lines,
    compacted, flipped in, then the file removed); its folder's name, or None if there is no such
    file. In batches the loader's peak is a quarter of one call's for the same CPU time
    (benchmarks/INCREMENTAL.md)."""
    source = cache.folder(graph_dir) / quads
    if not source.is_file():
        return None
    with new_generation(cache.store_path(graph_dir), background=True) as generation, open(source, "rb") as lines:
        target = OxigraphStore(generation)
        while batch := b"".join(itertools.islice(lines, DISK_BATCH)):
            target.load_nquads(batch)
        target.finish()
        (generation / MARKER).write_text(quads, encoding="utf-8")
    source.unlink(missing_ok=True)
    return generation.name


def settle(graph_dir: Path, manifest: cache.Manifest) -> cache.Manifest | None:
    """The manifest with its pending store written (found written, or written now); None if it
    cannot be (the quads are gone). The caller holds the cache folder's lock."""
    if not manifest.pending:
        return manifest
    found = generation_folder(cache.store_path(graph_dir))
    if found is not None and _marked(found) == manifest.pending:
        name: str | None = found.name
    else:
        name = fill(graph_dir, manifest.pending)
    return None if name is None else replace(manifest, generation=name, pending="")


def _marked(generation: Path) -> str | None:
    try:
        return (generation / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None


def start(graph_dir: Path, quads: str) -> subprocess.Popen[bytes]:
    """Fill the store from the quads file in a new process, which holds on to the cache folder's
    lock (held by this thread) until it is done, whenever this process ends."""
    from ..files.lock import shared

    fd = shared(cache.folder(graph_dir))
    try:
        with open(cache.folder(graph_dir) / "store.log", "wb") as log:  # the writer's errors, if any
            return subprocess.Popen([sys.executable, "-m", __name__, str(graph_dir), quads, str(fd)], pass_fds=(fd,),
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    finally:
        os.close(fd)


if __name__ == "__main__":
    from ..files.lock import adopted

    os.nice(WRITER_NICE)
    with adopted(cache.folder(Path(sys.argv[1])), int(sys.argv[3])):  # the lock goes with its last descriptor
        fill(Path(sys.argv[1]), sys.argv[2])
