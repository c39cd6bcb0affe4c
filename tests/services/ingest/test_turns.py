"""Turns shared by writers: each takes its turn in order, whatever order they arrive in, and a
writer that fails before its turn still passes it on."""

from __future__ import annotations

import threading
import time
from multiprocessing import get_context

from plancockpit.services.ingest.turns import Turns


def test_writers_take_their_turns_in_order_whenever_they_arrive() -> None:
    turns = Turns.new(get_context("spawn"))
    taken: list[int] = []

    def writer(k: int, fails_early: bool) -> None:
        try:
            if fails_early:
                return  # an unreadable file: no linking, but its place in line is kept
            with turns.reached(k):
                taken.append(k)
        finally:
            turns.pass_on(k)

    threads = [
        threading.Thread(target=writer, args=(k, k == 2)) for k in (4, 3, 2, 1, 0)
    ]  # the last in line starts first
    for thread in threads:
        thread.start()
        time.sleep(0.01)
    for thread in threads:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert taken == [0, 1, 3, 4]
