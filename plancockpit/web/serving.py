"""What a process does once before it serves (`plancockpit serve`): compile every page template
and set the garbage collector's pace.

A worker's first view of each page compiled its template (30 templates, ~300 ms in all), so
the first requests after a start waited behind one another (`bench.mixed_load`'s first second).

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

from fastapi import FastAPI

YOUNG = 50_000  # new container objects between young collections (CPython's default: 700)
MIDDLE = 20  # young collections between middle ones (default 10)
OLD = 10  # middle collections between full ones, when the old generation has grown (default 10)


def prepare(app: FastAPI) -> None:
    """Compile `app`'s templates, then freeze what exists and set the collector's pace; call once
    per serving process, after the app is built."""
    env = app.state.templates.env
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, OLD)
