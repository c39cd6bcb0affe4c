"""Requests run in `Settings.threads` threads at once and the database pool is sized to them, so
a request never waits for a connection that other waiting requests hold (with 40 request
threads on a pool of 15, fifty clients starved it on PostgreSQL: reads failed after 30 s)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event


def test_the_pool_holds_what_the_request_threads_can_ask_for(
    seeded: dict[str, Any], make_client: Callable[..., TestClient]
) -> None:
    threads = 2
    client = make_client(seeded["url"], threads=threads)
    settings = client.app.state.settings  # type: ignore[attr-defined]
    engine = client.app.state.engine  # type: ignore[attr-defined]
    assert settings.connections == 2 * threads + 4
    assert engine.pool.size() == settings.connections
    out = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def checkout(*_: Any) -> None:
        with lock:
            out["now"] += 1
            out["peak"] = max(out["peak"], out["now"])
        time.sleep(0.02)  # hold it a moment, so requests overlap

    def checkin(*_: Any) -> None:
        with lock:
            out["now"] -= 1

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    statuses: list[int] = []
    with client:
        start = threading.Barrier(12)

        def read(path: str) -> None:
            start.wait(10)
            statuses.append(client.get(path).status_code)

        readers = [
            threading.Thread(target=read, args=(p,)) for p in ["/", "/indicators", "/units"] * 4
        ]
        for r in readers:
            r.start()
        for r in readers:
            r.join(60)
    assert statuses == [200] * 12
    assert out["peak"] <= 2 * threads + 1  # a request's own and its sign-in check's; one poll
