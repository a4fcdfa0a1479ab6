"""What several benchmarks measure alike (imported as a sibling: the scripts run as
``python benchmarks/X.py``)."""

from __future__ import annotations

import resource


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports ``ru_maxrss`` in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
