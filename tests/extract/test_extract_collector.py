"""A reading holds off full garbage collections while it runs, and leaves the thresholds as they were."""

from __future__ import annotations

import gc

import pytest

from figuregraph.extract import collector, extract_text


def test_a_reading_holds_off_full_collections_and_restores_the_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    real = collector.gc.set_threshold
    monkeypatch.setattr(collector.gc, "set_threshold", lambda *t: (seen.append(t), real(*t)))
    extract_text("In 2024, 300 people fled, UNHCR said.")
    assert seen[0] == (*before[:2], collector.NO_FULL) and gc.get_threshold() == before


def test_nested_readings_restore_once_the_last_ends_even_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), collector.while_reading():
        with collector.while_reading():
            assert gc.get_threshold()[2] == collector.NO_FULL
        assert gc.get_threshold()[2] == collector.NO_FULL  # the outer reading still runs
        raise ValueError
    assert gc.get_threshold() == before
