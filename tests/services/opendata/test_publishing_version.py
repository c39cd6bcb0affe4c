"""The version of what is published (the key of the public view's caches) moves with every
publish or withdrawal, and two changes at once both count."""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Indicator
from plancockpit.services.cockpit import stale
from plancockpit.services.opendata import publishing


def _indicators(engine: Engine, n: int) -> list[int]:
    with transaction(engine) as s:
        rows = [Indicator(name=f"指标{i}", key=f"指标{i}") for i in range(n)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def _version(engine: Engine) -> int:
    with transaction(engine, write=False) as s:
        return publishing.version(s)


def test_a_swap_with_the_same_count_and_id_sum_moves_the_version(db_url: str) -> None:
    """{a, d} published, then {b, c}: a count and a sum of ids stayed the same."""
    engine = open_database(db_url)
    a, b, c, d = _indicators(engine, 4)
    with transaction(engine) as s:
        for i in (a, d):
            publishing.set_published(s, "indicator", i, True)
    before = _version(engine)
    with transaction(engine) as s:
        publishing.set_published(s, "indicator", a, False)
        publishing.set_published(s, "indicator", d, False)
        publishing.set_published(s, "indicator", b, True)
        publishing.set_published(s, "indicator", c, True)
    assert _version(engine) > before
    unchanged = _version(engine)
    with transaction(engine) as s:  # publishing what is published already changes nothing
        assert publishing.set_published(s, "indicator", b, True)["changed"] is False
    assert _version(engine) == unchanged
    engine.dispose()


def test_two_transactions_moving_a_version_at_once_both_count(db_url: str) -> None:
    """The second waits for the first's row and adds to what it committed; read and written
    back in Python, both wrote the same number on PostgreSQL and one change went unseen."""
    engine = open_database(db_url)
    with transaction(engine) as s:
        start = stale.bump_version(s)
    errors: list[BaseException] = []

    def bump(hold: float) -> None:
        try:
            with transaction(engine) as s:
                stale.bump_version(s)
                time.sleep(hold)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    first = threading.Thread(target=bump, args=(0.4,))
    first.start()
    time.sleep(0.15)  # the first holds its change uncommitted
    bump(0.0)
    first.join()
    assert errors == []
    with transaction(engine, write=False) as s:
        assert stale.version(s)[0] == start + 2
    engine.dispose()
