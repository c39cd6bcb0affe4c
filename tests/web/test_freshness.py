"""The cockpit's facts are stored and refreshed off the request path: a start on current facts
recomputes nothing and a start on stale ones does not wait for them; a write marks its
indicators stale in its own transaction and returns; the refresher recomputes only those, once,
whichever process takes them; a new day refreshes every status once; one target that cannot be
stored degrades alone."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Observation, Target
from plancockpit.services.cockpit import stale
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.web import freshness
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[set[int] | None]:
    """Each recomputation: the indicators it covered (None: every one)."""
    calls: list[set[int] | None] = []
    real = freshness.fact_rows

    def counting(session: Any, **kw: Any) -> Any:
        calls.append(kw.get("indicator_ids"))
        return real(session, **kw)

    monkeypatch.setattr(freshness, "fact_rows", counting)
    return calls


def _settings(url: str, **kw: Any) -> Settings:
    return Settings(db_url=url, secret_key="test-secret-0123456789", **kw)


def _fact(url: str, target_id: int) -> TargetFact | None:
    engine = open_database(url)
    with transaction(engine, write=False) as s:
        fact = s.get(TargetFact, target_id)
    engine.dispose()
    return fact


def _target_of(url: str, indicator_id: int) -> int:
    engine = open_database(url)
    with transaction(engine, write=False) as s:
        target_id = s.scalar(select(Target.id).where(Target.indicator_id == indicator_id))
    engine.dispose()
    assert target_id is not None
    return int(target_id)


def _stale(url: str) -> dict[str, Any]:
    engine = open_database(url)
    with transaction(engine, write=False) as s:
        out = stale.summary(s)
    engine.dispose()
    return out


def test_a_start_on_current_facts_recomputes_nothing(
    seeded: dict[str, Any], refreshes: list[set[int] | None]
) -> None:
    create_app(_settings(seeded["url"]))
    assert refreshes == [None]  # new data: every status, once
    create_app(_settings(seeded["url"]))
    background = create_app(_settings(seeded["url"], background_refresh=True))
    freshness.stop(background.state)
    background.state.engine.dispose()
    assert refreshes == [None]  # the stored facts were computed today from this data


def test_a_start_on_stale_facts_does_not_wait_for_them(
    seeded: dict[str, Any], ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    release, started = threading.Event(), threading.Event()
    real = freshness.fact_rows

    def slow(session: Any, **kw: Any) -> Any:
        started.set()
        assert release.wait(30)
        return real(session, **kw)

    monkeypatch.setattr(freshness, "fact_rows", slow)
    app = create_app(_settings(seeded["url"], background_refresh=True))
    try:
        with TestClient(app) as client:  # serving starts the refresher
            assert started.wait(10)  # the refresher is at work, and the app already answers
            page = client.get("/")
            assert page.status_code == 200
            assert "更新中" in page.text or "updating" in page.text
            assert client.get("/api/overview").status_code == 200
            release.set()
            for _ in range(100):
                if not _stale(seeded["url"])["stale"]:
                    break
                threading.Event().wait(0.1)
            assert _stale(seeded["url"])["stale"] == 0
        assert _fact(seeded["url"], _target_of(seeded["url"], ids["jobs"])) is not None
    finally:
        release.set()
        freshness.stop(app.state)


def test_a_write_marks_stale_and_returns_without_recomputing(
    seeded: dict[str, Any], ids: dict[str, int], password: str, refreshes: list[set[int] | None]
) -> None:
    app = create_app(_settings(seeded["url"]))
    refreshes.clear()
    t_gdp = ids["t_gdp2"]
    before = _fact(seeded["url"], t_gdp)
    assert before is not None and before.latest_year != 2024
    with TestClient(app) as client:  # a plain client: nothing drains after the request
        token = client.post("/api/login", json={"name": "planner", "password": password}).json()[
            "csrf_token"
        ]
        r = client.post(
            "/api/observations",
            headers={"X-CSRF-Token": token},
            json={
                "indicator_id": ids["gdp"],
                "region_id": ids["district"],
                "year": 2024,
                "value": 2400,
            },
        )
        assert r.status_code == 201, r.text
        assert refreshes == []  # the request recomputed nothing
        assert _stale(seeded["url"]) == {"stale": 1, "everything": False, "claimed": 0}
        fact = _fact(seeded["url"], t_gdp)
        assert (
            fact is not None and fact.latest_year == before.latest_year
        )  # the old facts, until the refresh
        freshness.drain(app.state)
    assert refreshes == [{ids["gdp"]}]  # only the indicator written to
    fact = _fact(seeded["url"], t_gdp)
    assert fact is not None and (fact.latest_year, fact.latest_value) == (2024, 2400)
    assert _stale(seeded["url"])["stale"] == 0


def test_a_stream_of_writes_is_refreshed_a_round_at_a_time(
    seeded: dict[str, Any], ids: dict[str, int], password: str, refreshes: list[set[int] | None]
) -> None:
    """Ten values entered one after the other within about a second are refreshed in a few
    rounds, not one each (each round drops every worker's caches), and all of them are."""
    app = create_app(_settings(seeded["url"], background_refresh=True))
    refreshes.clear()
    try:
        with TestClient(app) as client:
            token = client.post(
                "/api/login", json={"name": "planner", "password": password}
            ).json()["csrf_token"]
            started = time.monotonic()
            for n in range(10):
                r = client.post(
                    "/api/observations",
                    headers={"X-CSRF-Token": token},
                    json={"indicator_id": ids["gdp"], "year": 2024, "value": 2400 + n},
                )
                assert r.status_code == 201, r.text
            written = time.monotonic() - started
            for _ in range(100):
                if not _stale(seeded["url"])["stale"]:
                    break
                threading.Event().wait(0.1)
        assert _stale(seeded["url"])["stale"] == 0
        assert 1 <= len(refreshes) <= 2 + written / freshness.ROUND_SECONDS, (written, refreshes)
    finally:
        freshness.stop(app.state)
    fact = _fact(seeded["url"], ids["t_gdp2"])
    assert fact is not None and (fact.latest_year, fact.latest_value) == (2024, 2409)


def test_data_changed_from_outside_is_refreshed_in_full(
    seeded: dict[str, Any], ids: dict[str, int], refreshes: list[set[int] | None]
) -> None:
    app = create_app(_settings(seeded["url"]))
    engine = open_database(seeded["url"])
    with transaction(engine) as s:  # as `plancockpit actuals import` in another process would
        s.add(
            Observation(
                indicator_id=ids["gdp"],
                region_id=ids["district"],
                year=2024,
                value=2100,
                unit="亿元",
            )
        )
    freshness.drain(app.state)
    assert refreshes == [None, None]
    with transaction(engine) as s:
        latest = s.scalar(select(func.max(TargetFact.latest_year)))
    engine.dispose()
    assert latest == 2024


def test_a_new_day_refreshes_every_status_once(
    seeded: dict[str, Any], refreshes: list[set[int] | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two worker processes' apps on one database: the day changes; the first to look marks
    everything stale and refreshes it, the other finds it done."""
    first, second = create_app(_settings(seeded["url"])), create_app(_settings(seeded["url"]))
    assert refreshes == [None]

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date.today() + timedelta(days=1)

    monkeypatch.setattr(freshness, "date", Tomorrow)
    freshness.drain(first.state)
    freshness.drain(second.state)
    freshness.drain(first.state)
    assert refreshes == [None, None]


def test_another_workers_refresh_drops_this_workers_caches(
    seeded: dict[str, Any], ids: dict[str, int]
) -> None:
    first, second = create_app(_settings(seeded["url"])), create_app(_settings(seeded["url"]))
    freshness.sync_cache(second.state)
    second.state.cache = {"filters": "old"}
    with first.state.write_sessions() as s, s.begin():
        freshness.changed(first.state, s, {ids["gdp"]})
    freshness.drain(first.state)
    second.state.version_checked_at = float("-inf")  # its poll is due
    freshness.sync_cache(second.state)
    assert second.state.cache == {}


def test_two_refreshers_never_take_the_same_indicator(
    seeded: dict[str, Any], ids: dict[str, int]
) -> None:
    """On PostgreSQL two sessions claim at the same time (SKIP LOCKED); on SQLite the single
    writer serialises them. Either way each stale indicator is taken once."""
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        stale.mark(s, {ids["gdp"], ids["jobs"], ids["care"]})
    if engine.dialect.name == "postgresql":
        with transaction(engine) as a:
            first = stale.claim(a, "a", limit=2)
            with transaction(engine) as b:  # while a's claim is not yet committed
                second = stale.claim(b, "b", limit=10)
    else:
        with transaction(engine) as a:
            first = stale.claim(a, "a", limit=2)
        with transaction(engine) as b:
            second = stale.claim(b, "b", limit=10)
    with transaction(engine) as c:
        third = stale.claim(c, "c", limit=10)
    engine.dispose()
    taken = [set(first.seqs), set(second.seqs), set(third.seqs)]
    assert set().union(*taken) == {ids["gdp"], ids["jobs"], ids["care"]}
    assert sum(len(t) for t in taken) == 3  # none twice


def test_a_mark_during_a_refresh_keeps_the_indicator_stale(
    seeded: dict[str, Any], ids: dict[str, int]
) -> None:
    """A change committed while its indicator is being refreshed is not lost: the row stays."""
    app = create_app(_settings(seeded["url"]))
    with app.state.write_sessions() as s, s.begin():
        stale.mark(s, {ids["gdp"]})
        taken = stale.claim(s, "a")
    with app.state.write_sessions() as s, s.begin():
        stale.mark(s, {ids["gdp"]})  # marked again before the refresh ends
    with app.state.write_sessions() as s, s.begin():
        stale.finish(s, taken, date.today())
    assert _stale(seeded["url"]) == {"stale": 1, "everything": False, "claimed": 0}
    freshness.drain(app.state)
    assert _stale(seeded["url"])["stale"] == 0


def test_a_target_that_cannot_be_stored_degrades_alone(
    seeded: dict[str, Any], ids: dict[str, int]
) -> None:
    """A target value no JSON or status can hold (an infinite number an old import let in):
    that target is listed grey with the reason; the others keep their statuses."""
    app = create_app(_settings(seeded["url"]))
    t_jobs = _target_of(seeded["url"], ids["jobs"])
    good = _fact(seeded["url"], ids["t_gdp2"])
    assert good is not None
    with app.state.write_sessions() as s, s.begin():
        s.execute(update(Target).where(Target.id == t_jobs).values(value=float("inf")))
        freshness.changed(app.state, s, {ids["jobs"], ids["gdp"]})
    freshness.drain(app.state)
    bad = _fact(seeded["url"], t_jobs)
    assert bad is not None and bad.status == "no_data" and bad.light == "grey"
    assert "not a finite number" in bad.details["error"]
    after = _fact(seeded["url"], ids["t_gdp2"])
    assert after is not None and (after.status, after.progress) == (good.status, good.progress)
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
        assert client.get(f"/indicators/{ids['jobs']}").status_code == 200


def test_the_refresher_gives_way_to_a_request_holding_its_targets(
    seeded: dict[str, Any], ids: dict[str, int]
) -> None:
    """On PostgreSQL a refresh that waits for a target a request is deleting gives up before the
    deadlock check could pick the request as the victim: its claim goes back, nothing is raised,
    and the next round writes the facts."""
    if not seeded["url"].startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time: nothing to deadlock")
    app = create_app(_settings(seeded["url"]))
    t_jobs = _target_of(seeded["url"], ids["jobs"])
    with app.state.write_sessions() as s, s.begin():
        freshness.changed(app.state, s, {ids["jobs"]})
    engine = open_database(seeded["url"])
    rounds: list[int] = []
    with engine.connect() as holder, holder.begin():  # a review deleting the target, not done
        holder.execute(select(Target.id).where(Target.id == t_jobs).with_for_update())
        refresh = threading.Thread(target=lambda: rounds.append(freshness.refresh_once(app.state)))
        refresh.start()
        refresh.join(10)  # without giving way it would wait for the holder's commit
        gave_way = not refresh.is_alive()
    refresh.join()
    engine.dispose()
    assert gave_way and rounds == [0]
    assert _stale(seeded["url"]) == {"stale": 1, "everything": False, "claimed": 0}
    assert freshness.refresh_once(app.state) == 1
    assert _stale(seeded["url"])["stale"] == 0
