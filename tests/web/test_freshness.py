"""The cockpit's facts stay current without a reader waiting: a restart on unchanged data the
same day recomputes nothing; with background refresh a change is picked up in a thread while
pages answer from the previous facts; a new day recomputes."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Observation
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.web import freshness
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings


@pytest.fixture
def full_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = freshness.refresh_facts

    def counting(session: Any, **kw: Any) -> int:
        calls.append(1)
        return real(session, **kw)

    monkeypatch.setattr(freshness, "refresh_facts", counting)
    return calls


def _settings(url: str, **kw: Any) -> Settings:
    return Settings(db_url=url, secret_key="test-secret-0123456789", refresh_seconds=0, **kw)


def test_a_restart_on_unchanged_data_recomputes_nothing(seeded: dict[str, Any],
                                                         full_refreshes: list[int]) -> None:
    create_app(_settings(seeded["url"]))
    assert len(full_refreshes) == 1
    create_app(_settings(seeded["url"]))
    assert len(full_refreshes) == 1  # the stored facts were computed today from this data


def test_background_refresh_never_holds_up_a_read(seeded: dict[str, Any], ids: dict[str, int],
                                                  full_refreshes: list[int]) -> None:
    app = create_app(_settings(seeded["url"], background_refresh=True))
    _join_refresh()
    assert len(full_refreshes) == 1
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.add(Observation(indicator_id=ids["gdp"], region_id=ids["district"], year=2024,
                          value=2100, unit="亿元"))
    freshness.on_request(app.state)  # returns at once; the thread recomputes
    _join_refresh()
    assert len(full_refreshes) == 2
    with transaction(engine) as s:
        latest = s.scalar(select(func.max(TargetFact.latest_year)))
    engine.dispose()
    assert latest == 2024


def test_a_new_day_recomputes(seeded: dict[str, Any], full_refreshes: list[int],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(_settings(seeded["url"]))
    freshness.on_request(app.state)
    assert len(full_refreshes) == 1

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date.today() + timedelta(days=1)

    monkeypatch.setattr(freshness, "date", Tomorrow)
    freshness.on_request(app.state)
    assert len(full_refreshes) == 2


def _join_refresh() -> None:
    for thread in threading.enumerate():
        if thread.name == "plancockpit-refresh":
            thread.join(timeout=60)


def test_worker_processes_share_one_recomputation(seeded: dict[str, Any], ids: dict[str, int],
                                                  full_refreshes: list[int]) -> None:
    """Two apps on one database (as `serve --workers 2` runs): after a change, the first to
    look recomputes; the other finds the stored facts current and only drops its caches."""
    first, second = create_app(_settings(seeded["url"])), create_app(_settings(seeded["url"]))
    assert len(full_refreshes) == 1
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.add(Observation(indicator_id=ids["gdp"], region_id=ids["district"], year=2024,
                          value=2100, unit="亿元"))
    engine.dispose()
    second.state.cache = {"filters": "stale"}
    freshness.on_request(first.state)
    freshness.on_request(second.state)
    assert len(full_refreshes) == 2
    assert second.state.cache == {} and second.state.fingerprint == first.state.fingerprint
