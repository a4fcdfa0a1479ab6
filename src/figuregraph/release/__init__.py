"""A release of the dataset: every artifact, a VoID/DCAT description, ontology docs, a manifest.

All artifacts are made in memory first; then they are written into a new folder beside the
target, which replaces the target in one step (``files.swap``): a reader finds the previous
release or the new one, each with the manifest of its own files, and a failure (a full disk, a
kill) leaves the previous release as it was. The manifest names every file with its size,
SHA-256 and triple count, and gives the RDFC-1.0 canonical hash of the dataset (equal when the
data is, whatever order or format it was written in)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .. import progress
from ..files.atomic import write_bytes
from ..files.swap import replacing
from ..errors import InputError, Location, ValidationFailed
from ..export import WRITERS, jsonld_context
from ..files.resources import external_terms_path, ontology_path, resource_dir, shapes_graph, shapes_path
from ..store.base import Capability, Store
from ..store.library import run
from ..store.spec import as_store
from .about import DatasetInfo
from .canon import ALGORITHM, canonical_hash
from .describe import Distribution, describe
from .ontodocs import ontology_html
from .ontolint import Problem, lint, read_external_terms, read_ontology, used_in_graph, used_in_queries

MANIFEST = "manifest.json"
ONTOLOGY_DOWNLOADS = (("figuregraph.ttl", "The ontology (OWL, Turtle)", "text/turtle"),
                      ("shapes.ttl", "The SHACL shapes (Turtle)", "text/turtle"))  # beside ontology/index.html
CONTEXT = "context.jsonld"
DATASET_FILES = (  # (file name, export format, media type)
    ("figuregraph.ttl", "turtle", "text/turtle"),
    ("figuregraph.nt", "nt", "application/n-triples"),
    ("figuregraph.jsonld", "jsonld", "application/ld+json"),
    ("figuregraph.trig", "trig", "application/trig"),
    ("figures.csv", "csv", "text/csv"),
)
RDF_MEDIA = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
             "application/ld+json": ox.RdfFormat.JSON_LD, "application/trig": ox.RdfFormat.TRIG}


@dataclass(frozen=True)
class Artifact:
    path: str
    media_type: str
    size: int
    sha256: str
    triples: int | None


@dataclass(frozen=True)
class Release:
    directory: Path
    artifacts: tuple[Artifact, ...]
    canonical_hash: str
    triples: int


def release_date() -> date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def check_ontology(store: Store) -> list[Problem]:
    """The ontology checks against this data, the shapes and the query library."""
    ontology = read_ontology(ontology_path())
    data_terms = {URIRef(str(t)) for (t,) in run(store, "release-used-terms").rows}
    uses = {"the data": data_terms, "the shapes": used_in_graph(shapes_graph()),
            **used_in_queries(resource_dir("queries"))}
    return lint(ontology, read_external_terms(external_terms_path(), ontology), uses)


def count_statements(data: bytes, media_type: str) -> int:
    """Triples (or quads, for TriG) in an RDF file's bytes, as Oxigraph reads them."""
    return sum(1 for _ in ox.parse(data, format=RDF_MEDIA[media_type]))


def _artifact(path: str, media_type: str, data: bytes) -> Artifact:
    rdf = media_type in RDF_MEDIA and path != CONTEXT
    triples = count_statements(data, media_type) if rdf else None
    return Artifact(path, media_type, len(data), hashlib.sha256(data).hexdigest(), triples)


def _check_replaceable(directory: Path) -> None:
    """A release replaces its folder whole, so the folder may hold nothing but an earlier release:
    the files its manifest lists (``release -o dist`` must not take ``dist/figuregraph.ttl`` along)."""
    if not directory.is_dir():
        return
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if not p.is_dir()}
    listed = {MANIFEST}
    try:
        listed |= {str(f["path"]) for f in json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        listed = set()  # no release's manifest: every file there is someone else's
    foreign = sorted(present - listed)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InputError(f"the folder holds files that are not part of a release ({shown}); a release replaces "
                         "its folder whole: give it a folder of its own, such as dist/release", Location(directory))


def make_release(store: Store, directory: Path, info: DatasetInfo, created: date | None = None,
                 base_url: str | None = None) -> Release:
    """Write every release artifact into a new folder that then replaces ``directory`` whole; raises
    ValidationFailed if the ontology checks fail, InputError if ``directory`` holds other files."""
    store.require(Capability.QUERY, Capability.QUADS, Capability.NAMED_GRAPHS, Capability.DUMP)
    _check_replaceable(Path(directory))
    with progress.task("release: checking the ontology"):
        problems = check_ontology(store)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise ValidationFailed(f"the ontology checks failed ({len(problems)} problems):\n  {listed}")
    created = created or release_date()
    contents: dict[str, tuple[str, bytes]] = {}
    for name, fmt, media in progress.track(DATASET_FILES, "release: the dataset files", unit="files"):
        contents[name] = (media, WRITERS[fmt](store))
    context = json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n"
    contents[CONTEXT] = ("application/ld+json", context.encode("utf-8"))
    contents["ontology/figuregraph.ttl"] = ("text/turtle", ontology_path().read_bytes())
    contents["ontology/shapes.ttl"] = ("text/turtle", shapes_path().read_bytes())
    page = ontology_html(read_ontology(ontology_path()), shapes_graph(), ONTOLOGY_DOWNLOADS)
    contents["ontology/index.html"] = ("text/html", page.encode("utf-8"))
    distributions = [Distribution(name, media, len(data)) for name, (media, data) in contents.items()]
    void = describe(store, info, created, distributions, base_url)
    contents["void.ttl"] = ("text/turtle", WRITERS["turtle"](as_store(void)))
    counted = progress.track(sorted(contents.items()), "release: counting triples", unit="files")
    artifacts = tuple(_artifact(name, media, data) for name, (media, data) in counted)
    with progress.task("release: canonical hash (RDFC-1.0)"):
        digest = canonical_hash(store)
    triples = len(store)
    manifest = {
        "title": info.title,
        "version": info.version,
        "created": created.isoformat(),
        "dataset": {"canonicalization": ALGORITHM, "hash": "sha256", "canonical_hash": digest,
                    "triples": triples},
        "files": [asdict(a) for a in artifacts],
    }
    with replacing(Path(directory)) as folder:
        for name, (_, data) in sorted(contents.items()):
            write_bytes(folder / name, data)
        write_bytes(folder / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Release(directory, artifacts, digest, triples)


