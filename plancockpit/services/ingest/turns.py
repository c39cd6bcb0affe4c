"""Turns shared by writer processes: document k's turn comes once documents 0 … k-1 have had
theirs. Several processes write documents at once on PostgreSQL (`run.ingest_paths` with
`--jobs`); each stores a document's own rows when it likes, but links it only in its turn, and
passes the turn on after its transaction ended (committed or rolled back), so documents link in
the files' order, seeing every earlier one, as with one writer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import SpawnContext
from multiprocessing.synchronize import Condition
from typing import Any


class Turns:
    """A counter of whose turn it is and a condition to wait on; made in the parent process and
    handed to the workers when they start (`shared`, then `Turns(*shared)` in each)."""

    def __init__(self, changed: Condition, current: Any) -> None:
        self._changed = changed
        self._current = current  # a shared ctypes integer, guarded by the condition's lock

    @classmethod
    def new(cls, context: SpawnContext) -> Turns:
        return cls(context.Condition(), context.RawValue("q", 0))

    @property
    def shared(self) -> tuple[Condition, Any]:
        return self._changed, self._current

    @contextmanager
    def reached(self, k: int) -> Iterator[None]:
        """Wait until it is turn `k` (already reached: at once)."""
        with self._changed:
            self._changed.wait_for(lambda: self._current.value >= k)
        yield

    def pass_on(self, k: int) -> None:
        """Turn `k` is over: wait for it if it has not come yet (a document that failed before
        its linking still keeps its place), then give the next one its turn."""
        with self._changed:
            self._changed.wait_for(lambda: self._current.value >= k)
            self._current.value = k + 1
            self._changed.notify_all()
