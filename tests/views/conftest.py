"""The views' browser tests share one headless chromium per module (Debian's, never a download)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ..browsing import launch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="make test installs playwright")
    with sync_api.sync_playwright() as p:
        instance = launch(p)
        yield instance
        instance.close()
