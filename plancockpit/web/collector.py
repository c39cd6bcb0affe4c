"""The garbage collector's pace in a serving process (`plancockpit serve`).

CPython's default — a young collection every 700 new objects — suits scripts. A cockpit worker
holds ~250,000 objects, and each request builds thousands more (ORM rows, page parts) that stay
alive while the worker's other threads serve their requests. So they outlived the young
collections, and a full collection came every 1–2 s per worker under `bench.mixed_load`. It took
about 130 ms with the GIL held, and every request of that worker waited.

Young collections every 50,000 objects let a request's objects die by reference count
first. Over 30 s the full collections fell from ~30 to 2, with the same memory.
Objects made before serving (modules, mappers, templates) are frozen out of every collection.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # new container objects between young collections (CPython's default: 700)
MIDDLE = 20  # young collections between middle ones (default 10)
OLD = 10  # middle collections between full ones, when the old generation has grown (default 10)


def tune_for_serving() -> None:
    """Set the collector's pace for a long-lived serving process; call once, after the app is built."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)
