"""Current period first: the overview, the list, regions, units and a document's targets show the
targets of `period` (current | all | history), decided once by the refresh (`is_history` and a
later revision) — never by a second rule here.

The seed's plan runs 2021–2025; a 2026 work report begins a later period, so on 2026-06-30 the
plan's targets are history and the report's 2026 target is the only current one. One plan target
is revised by another: listed under history, never counted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from plancockpit.db.engine import session_factory, transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.cockpit.common import TargetFilter
from plancockpit.services.cockpit.documents import document_detail
from plancockpit.services.cockpit.indicators import indicator_list
from plancockpit.services.cockpit.overview import overview_data
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.cockpit.regions import (
    region_detail,
    region_list,
    unit_detail,
    unit_list,
)
from plancockpit.services.progress.status import target_statuses
from tests.web import cockpit_seed as seed

ON = date(2026, 6, 30)


@pytest.fixture
def world(db_url: str) -> Any:
    engine = open_database(db_url)
    ids = seed.seed(engine)
    ids["t_2026"] = seed.add_next_report(engine, ids, ON.year)
    with transaction(engine) as s:
        refresh_facts(s, on=ON)
    yield engine, ids
    engine.dispose()


def _evaluated(engine: Engine) -> dict[int, Any]:
    with session_factory(engine)() as s:
        return {t.target_id: t for t in target_statuses(s, ON)}


def test_the_rule_is_the_refreshs(world: Any) -> None:
    engine, ids = world
    statuses = _evaluated(engine)
    current = {i for i, t in statuses.items() if not t.history and not t.superseded}
    assert current == {ids["t_2026"]}
    assert statuses[ids["t_gdp"]].superseded and statuses[ids["t_gdp2"]].history


def test_overview_counts_the_period_by_each_targets_own_status(world: Any) -> None:
    engine, ids = world
    statuses = _evaluated(engine)
    past = [
        t for t in statuses.values() if t.history and not t.superseded
    ]  # revised: never counted
    with session_factory(engine)() as s:
        now, history, every = (overview_data(s, period=p) for p in ("current", "history", "all"))
        assert overview_data(s, period="nonsense")["period"] == "current"
    assert now["period"] == "current" and now["tiles"]["total"] == 1 and now["lagging"] == []
    assert history["tiles"]["total"] == len(past) == 3
    expected = Counter(t.assessment.status for t in past)
    assert {k: v for k, v in history["tiles"]["by_status"].items() if v} == dict(expected)
    assert every["tiles"]["total"] == 4
    # the plan's GDP target is missed or at risk: it leads the history's laggards, marked as history
    lagging = {r["target_id"]: r for r in history["lagging"]}
    assert ids["t_gdp2"] in lagging and lagging[ids["t_gdp2"]]["not_current"] == "history_period"
    assert ids["t_gdp"] not in lagging
    domains = {r["name"]: r["total"] for r in history["by_domain"]}
    assert domains == {"经济质效": 1, "社会民生": 2}
    units = {r["name"]: r["total"] for r in history["by_unit"]}
    assert units == {"区发改局": 1, "区人社局": 1, "区卫健局": 1}
    assert {r["name"] for r in now["by_unit"]} == {"区发改局"}


def test_the_list_shows_the_period_and_filters_by_own_status(world: Any) -> None:
    engine, ids = world
    statuses = _evaluated(engine)
    with session_factory(engine)() as s:

        def listed(**kw: Any) -> dict[int, dict[str, Any]]:
            return {
                r["target_id"]: r for r in indicator_list(s, TargetFilter(**kw), limit=100)["items"]
            }

        assert set(listed()) == {ids["t_2026"]}
        history = listed(period="history")
        assert set(history) == set(statuses) - {
            ids["t_2026"]
        }  # the plan's four, the revised one too
        assert history[ids["t_gdp"]]["not_current"] == "superseded"
        assert history[ids["t_gdp2"]]["not_current"] == "history_period"
        assert set(listed(period="all")) == set(history) | {ids["t_2026"]}
        gdp2 = statuses[ids["t_gdp2"]].assessment.status
        assert ids["t_gdp2"] in listed(period="history", status=gdp2)
        assert ids["t_gdp2"] not in listed(
            period="history", status="achieved" if gdp2 != "achieved" else "no_data"
        )
        # a lead unit's history: the unit facts hold current targets only
        assert set(listed(period="history", unit="区人社局")) == {
            i for i, t in statuses.items() if "区人社局" in t.lead_units
        }
        assert set(listed(unit="区人社局")) == set()
        assert TargetFilter(period="history").active() == {"period": "history"}
        assert TargetFilter(q="current").active() == {"q": "current"}


def test_regions_units_and_documents_by_period(world: Any) -> None:
    engine, ids = world
    statuses = _evaluated(engine)
    with session_factory(engine)() as s:
        now = region_detail(s, ids["district"])
        past = region_detail(s, ids["district"], period="history")
        assert now["period"] == "current" and [r["target_id"] for r in now["targets"]] == [
            ids["t_2026"]
        ]
        assert now["region"]["total"] == 1
        own = {i for i, t in statuses.items() if t.region == "示范区"} - {ids["t_2026"]}
        assert {r["target_id"] for r in past["targets"]} == own and len(own) == 3
        assert (
            past["region"]["total"] == 3
        )  # the district's subtree: its own two and the town's one
        assert region_list(s, period="all")["items"][0]["total"] == 4
        assert {
            u["name"]: u["total"] for u in unit_list(s, period="history")["items"] if u["total"]
        } == {"区发改局": 1, "区人社局": 1, "区卫健局": 1}
        assert unit_detail(s, "区人社局")["targets"] == []
        hr = unit_detail(s, "区人社局", period="history")
        assert (
            hr["total"] == 1
            and len(hr["targets"]) == 1
            and hr["targets"][0]["indicator_id"] == ids["jobs"]
        )
        doc = document_detail(s, ids["doc"], with_text=False)["targets"]
        assert doc == {"current": 0, "all": 2, "history": 2}  # the plan's two targets with a record
