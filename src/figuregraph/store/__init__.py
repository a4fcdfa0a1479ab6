"""One store interface; backends live in their own modules."""

from .base import QueryResult, Store
from .memory import MemoryStore

__all__ = ["QueryResult", "Store", "MemoryStore"]
