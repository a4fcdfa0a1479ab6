"""Shared fixtures: the repository's records, the seed documents, a built seed graph."""

from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Iterator

import pytest

import figuregraph as fg
from figuregraph.build import BuiltGraph
from figuregraph.extract import Lexicon, load_lexicon
from figuregraph.store.library import QueryLibrary
from figuregraph.store import Store

from .servers import Virtuoso, virtuoso_server

REPO = Path(__file__).resolve().parents[1]
GRAPH_DIR = REPO / "graph"
FIXTURES = REPO / "tests" / "fixtures"
MINI = FIXTURES / "mini-graph"
SEEDS = REPO.parent / "shared" / "seeds"
EUAA_SEED = SEEDS / "000_65d5eb288c198d8f.txt"
NEWS_SEED = SEEDS / "003_d1b9a4978ac8f909.txt"
EUAA = "euaa-2026-coi-russia-desertion"
NEWS = "wp-2024-record-desertions"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The seed documents by the id of the source record that describes them."""
    if not EUAA_SEED.exists():
        pytest.fail(f"seed documents not found at {SEEDS}: the tests need ../shared beside the repository")
    return {EUAA: EUAA_SEED.read_text(encoding="utf-8"), NEWS: NEWS_SEED.read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def seed() -> BuiltGraph:
    built, report = fg.build_valid(GRAPH_DIR)
    assert report.conforms
    return built


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """The repository's records as the extractor reads them: one per test module, as each had its own."""
    return load_lexicon(GRAPH_DIR)


@pytest.fixture(scope="session")
def library() -> QueryLibrary:
    return QueryLibrary.load()


@pytest.fixture(scope="session")
def seed_store(seed: BuiltGraph) -> Store:
    return fg.open_store(seed.dataset)


@pytest.fixture()
def graph_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's records, for tests that break one thing."""
    target = tmp_path / "graph"
    shutil.copytree(GRAPH_DIR, target)
    return target


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One Virtuoso for the session (a scratch database, its own loopback ports), stopped at the end.
    Tests that write to it write the seed graph with its audit graph, as the differential test loads it."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
