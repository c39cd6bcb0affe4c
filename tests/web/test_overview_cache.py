"""The overview's tallies are kept per process (`web/overview_cache.py`): the cached answer is
the uncached one, a caller cannot change what is kept, and every change the overview shows —
a review, an entered value, a publish or a withdrawal, a refresh by another worker process —
is shown at once (a key that misses one of them fails here)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Observation
from plancockpit.services.cockpit import overview, stale
from plancockpit.services.cockpit.common import PERIODS
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.opendata.publishing import set_published
from plancockpit.web import freshness, overview_cache
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings


@pytest.fixture
def tallied(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each time the tallies are read from the facts: (period, public)."""
    calls: list[tuple[str, bool]] = []
    real = overview.fact_tallies

    def counting(session: Any, **kw: Any) -> dict[str, Any]:
        calls.append((kw["period"], kw["public"]))
        return real(session, **kw)

    monkeypatch.setattr(overview, "fact_tallies", counting)
    return calls


@pytest.fixture
def polls_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every request looks at the facts' version (else at most once a second)."""
    monkeypatch.setattr(freshness, "POLL_SECONDS", 0.0)


def _app(url: str, **kw: Any) -> Any:
    return create_app(Settings(db_url=url, secret_key="test-secret-0123456789", **kw))


def _pair(app: Any, period: str = "current", public: bool = False) -> tuple[Any, Any]:
    """(the overview through the cache, the overview read afresh), from one session."""
    with app.state.sessions() as db:
        cached = overview_cache.overview_data(app.state, db, period=period, public=public)
        fresh = overview.overview_data(db, period=period, public=public)
    return cached, fresh


def _gdp_2024(ids: dict[str, int]) -> Observation:
    """A value entered from outside the app: the district's GDP of 2024."""
    return Observation(
        indicator_id=ids["gdp"], region_id=ids["district"], year=2024, value=3000, unit="亿元"
    )


def _api(client: TestClient) -> dict[str, Any]:
    r = client.get("/api/overview")
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture
def app(seeded: dict[str, Any]) -> Iterator[Any]:
    app = _app(seeded["url"])
    yield app
    app.state.engine.dispose()


@pytest.mark.parametrize("public", [False, True])
def test_the_cached_overview_is_the_uncached_one_read_once(
    app: Any, ids: dict[str, int], public: bool, tallied: list[tuple[str, bool]]
) -> None:
    with transaction(app.state.engine) as s:  # something to show in the public view
        set_published(s, "document", ids["doc"], True)
        set_published(s, "indicator", ids["gdp"], True)
    for period in PERIODS:
        first, fresh = _pair(app, period, public)
        again, _ = _pair(app, period, public)
        assert first == fresh and again == fresh
        assert fresh["revisions"] and (fresh["lagging"] or period == "history")
    # per period: once for the cache, twice read afresh (`_pair`), never again for the cache
    assert tallied == [(p, public) for p in PERIODS for _ in range(3)]


def test_a_caller_changing_its_answer_leaves_the_cache_alone(app: Any) -> None:
    first, fresh = _pair(app)
    first["tiles"]["by_status"]["off_track"] = 999
    first["lagging"][0]["indicator_name"] = "changed"
    first["by_domain"].clear()
    again, _ = _pair(app)
    assert again == fresh


def test_a_review_shows_at_once(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    before = _api(client)
    token = sign_in(client)
    r = client.post(
        f"/api/records/{ids['record']}/review",
        headers={"X-CSRF-Token": token},
        # the plan's GDP target (revised later) moved to 2022: it counts again, missed
        json={"action": "edit", "changes": {"value": "1000", "year": 2022}},
    )
    assert r.status_code == 200, r.text
    after = _api(client)
    assert after["tiles"]["by_status"]["off_track"] == before["tiles"]["by_status"]["off_track"] + 1
    assert [r["previous_value"] for r in after["revisions"]] == [1000]
    assert after == _fresh(client)


def test_an_entered_value_shows_at_once(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    before = _api(client)
    token = sign_in(client)
    r = client.post(
        "/api/observations",
        headers={"X-CSRF-Token": token},
        json={
            "indicator_id": ids["gdp"],
            "region_id": ids["district"],
            "year": 2024,
            "value": 3000,
        },
    )
    assert r.status_code == 201, r.text
    after = _api(client)
    assert after["tiles"] != before["tiles"]
    assert after == _fresh(client)


def _fresh(client: TestClient) -> dict[str, Any]:
    """The overview read afresh, through the API's response model."""
    from plancockpit.web.schemas import Overview

    state = client.app.state  # type: ignore[attr-defined]
    with state.sessions() as db:
        data = overview.overview_data(db)
    return Overview.model_validate(data).model_dump(mode="json")


def test_a_publish_and_a_withdrawal_show_at_once_in_the_public_view(
    seeded: dict[str, Any], ids: dict[str, int], make_client: Callable[..., TestClient]
) -> None:
    """Published by another process (no hook in this one): the key follows what is published."""
    engine = open_database(seeded["url"])

    def publish(published: bool) -> None:
        with transaction(engine) as s:
            set_published(s, "document", ids["doc"], published)
            set_published(s, "indicator", ids["gdp"], published)

    with make_client(seeded["url"], published_only=True) as public:
        hidden = _api(public)
        publish(True)
        shown = _api(public)
        publish(False)
        hidden_again = _api(public)
    engine.dispose()
    assert hidden["tiles"]["total"] == 0 and hidden["documents"] == []
    assert shown["tiles"]["total"] > 0 and [d["id"] for d in shown["documents"]] == [ids["doc"]]
    assert hidden_again == hidden


def test_a_refresh_by_another_process_shows_at_once(
    seeded: dict[str, Any], ids: dict[str, int], polls_always: None
) -> None:
    """Two worker processes' apps on one database: the first refreshes after a value entered
    from outside; the second, its overview already cached, shows the new one."""
    first, second = _app(seeded["url"]), _app(seeded["url"])
    before, _ = _pair(second)
    with transaction(first.state.engine) as s:
        s.add(_gdp_2024(ids))
        freshness.changed(first.state, s, {ids["gdp"]})
    freshness.drain(first.state)
    after, fresh = _pair(second)
    for app in (first, second):
        app.state.engine.dispose()
    assert after["tiles"] != before["tiles"]
    assert after == fresh


def test_a_refresh_outside_the_app_shows_at_once(
    seeded: dict[str, Any], ids: dict[str, int], polls_always: None
) -> None:
    """`refresh_facts` (as `plancockpit export` runs it) moves the facts' version too."""
    app = _app(seeded["url"])
    before, _ = _pair(app)
    with transaction(app.state.engine) as s:
        s.add(_gdp_2024(ids))
        refresh_facts(s, on=date.today())
    after, fresh = _pair(app)
    app.state.engine.dispose()
    assert after["tiles"] != before["tiles"]
    assert after == fresh


def test_the_refresher_counts_the_overview_before_anyone_asks(
    seeded: dict[str, Any], ids: dict[str, int], tallied: list[tuple[str, bool]]
) -> None:
    """After the facts moved, the refresher thread fills the cache for the overview most asked
    for, so the first request after a refresh does not count the facts itself."""
    app = _app(seeded["url"], background_refresh=True)
    with TestClient(app) as client:  # its lifespan starts the refresher thread
        with app.state.write_sessions() as s, s.begin():
            freshness.changed(app.state, s, {ids["gdp"]})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            "overview:current:False:None" in app.state.cache and _stale_count(app) == 0 and tallied
        ):
            time.sleep(0.05)
        assert tallied == [("current", False)]  # counted by the refresher, not a request
        assert client.get("/api/overview").status_code == 200
        assert tallied == [("current", False)]
    app.state.engine.dispose()


def _stale_count(app: Any) -> int:
    with app.state.sessions() as s:
        return int(stale.summary(s)["stale"])
