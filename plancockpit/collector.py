"""The garbage collector's pace for a long-lived process that builds many objects at a time:
a cockpit worker serving requests (`web.serving.prepare`) or an ingest run
(`plancockpit ingest`, `plancockpit worker`).

CPython's default — a young collection every 700 new objects — suits small scripts. A
cockpit worker holds ~250,000 objects, and each request builds thousands more (ORM rows, page
parts) that stay alive while the worker's other threads serve theirs; an ingest holds a
document's analysis and rows (tens of thousands of objects) while it stores them. Those
outlived the young collections and were promoted, so a full collection (~100 ms with the GIL
held, scanning everything alive) came every 1–2 s under `bench.mixed_load`, and six times
in the 32 real documents' ingest (0.45 s of ~5 s).

Young collections every 50,000 new objects let such objects die by reference count first.
Objects made before the work starts (modules, mappers, templates) are frozen out of every
collection.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # new container objects between young collections (CPython's default: 700)
MIDDLE = 20  # young collections between middle ones (default 10)
OLD = 10  # middle collections between full ones, when the old generation has grown (default 10)


def pace() -> None:
    """Freeze what exists and set the collector's pace, for the rest of the process."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)
