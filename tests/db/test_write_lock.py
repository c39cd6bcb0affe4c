"""SQLite: two transactions that read, then write, at the same time both succeed — a writing
transaction takes the write lock when it begins and the other waits (busy timeout), instead of
SQLite refusing the second's write at once with "database is locked"."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from plancockpit.db import engine as engine_module
from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Region


def test_concurrent_read_then_write_transactions_wait_for_each_other(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path}/lock.sqlite")
    errors: list[BaseException] = []
    both_reading = threading.Barrier(2, timeout=5)

    def read_then_write(code: str) -> None:
        try:
            with transaction(engine) as s:
                s.scalar(select(func.count(Region.id)))
                if code == "A":
                    both_reading.wait()  # B is waiting to begin; A writes while it waits
                    time.sleep(0.2)
                s.add(Region(code=code, name=f"{code}区", level="district"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    a = threading.Thread(target=read_then_write, args=("A",))
    a.start()
    time.sleep(0.05)
    b = threading.Thread(target=lambda: (both_reading.wait(), read_then_write("B")))
    b.start()
    a.join()
    b.join()
    assert errors == []
    with transaction(engine, write=False) as s:
        assert s.scalar(select(func.count(Region.id))) == 2
    engine.dispose()


def test_many_writers_of_one_process_take_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve threads, each writing ten times and holding the lock 20 ms: every write lands
    within a busy timeout of 1 s (the whole queue is 2.4 s). Left to SQLite's polling, whose
    sleeps grow to 100 ms, a writer could miss every turn until its timeout ended."""
    monkeypatch.setattr(engine_module, "BUSY_SECONDS", 1)
    engine = open_database(f"sqlite:///{tmp_path}/turns.sqlite", connections=12)
    errors: list[BaseException] = []
    start = threading.Barrier(12, timeout=5)

    def write(n: int) -> None:
        start.wait()
        for k in range(10):
            try:
                with transaction(engine) as s:
                    s.add(Region(code=f"{n}-{k}", name=f"{n}-{k}区", level="district"))
                    s.flush()
                    time.sleep(0.02)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    writers = [threading.Thread(target=write, args=(n,)) for n in range(12)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert [str(e)[:80] for e in errors] == []
    with transaction(engine, write=False) as s:
        assert s.scalar(select(func.count(Region.id))) == 120
    engine.dispose()


def _hold_write_lock(path: Path, seconds: float, taken: threading.Event) -> None:
    """Another process's writer, as SQLite sees it: the write lock held for `seconds`."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    taken.set()
    time.sleep(seconds)
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize(("tries", "lands"), [(1, False), (3, True)])
def test_a_writer_waits_through_several_busy_timeouts_at_its_begin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tries: int, lands: bool
) -> None:
    """The lock held for 0.4 s against a busy timeout of 0.2 s: one try fails with "database is
    locked", three wait it out (nothing of the transaction ran before BEGIN, so trying again is
    safe)."""
    monkeypatch.setattr(engine_module, "BUSY_SECONDS", 0.2)
    monkeypatch.setattr(engine_module, "BEGIN_TRIES", tries)
    path = tmp_path / "patience.sqlite"
    engine = open_database(f"sqlite:///{path}")
    taken = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 0.4, taken))
    holder.start()
    taken.wait(5)
    try:
        with transaction(engine) as s:
            s.add(Region(code="W", name="W区", level="district"))
        landed = True
    except OperationalError as exc:
        assert engine_module.busy(exc)
        landed = False
    holder.join()
    assert landed is lands
    with transaction(engine, write=False) as s:
        assert s.scalar(select(func.count(Region.id))) == int(lands)
    engine.dispose()
