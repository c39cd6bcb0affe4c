"""The fact refresh: statuses of some indicators equal those of one whole computation."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select

from plancockpit.db.engine import session_factory
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Indicator, Observation
from plancockpit.services.cockpit.facts import TargetFact, TargetUnitFact
from plancockpit.services.cockpit.refresh import refresh_facts, vacuum_facts
from plancockpit.services.progress.status import target_statuses
from tests.services.cockpit.conftest import Facts

_spec = importlib.util.spec_from_file_location(
    "cockpit_seed", Path(__file__).resolve().parents[2] / "web" / "cockpit_seed.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


def test_statuses_of_each_indicator_equal_the_whole(db_url: str) -> None:
    engine = open_database(db_url)
    seed.seed(engine)
    on = date(2026, 6, 30)
    with session_factory(engine)() as s:
        whole = [t.to_json() for t in target_statuses(s, on)]
    with session_factory(engine)() as s:
        ids = s.scalars(select(Indicator.id)).all()
        parts = [t for i in ids for t in target_statuses(s, on, indicator_ids=[i])]
        assert [t.to_json() for t in sorted(parts, key=lambda t: t.target_id)] == whole
    engine.dispose()


def test_refresh_writes_one_fact_per_target(db_url: str) -> None:
    engine = open_database(db_url)
    seed.seed(engine)
    with session_factory(engine)() as s, s.begin():
        assert refresh_facts(s, on=date(2026, 6, 30)) == 4
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(TargetFact)) == 4
        superseded = s.scalars(select(TargetFact.target_id).where(TargetFact.superseded)).all()
        assert len(superseded) == 1  # the target revised by a later one
        units = s.scalars(select(TargetUnitFact.unit).order_by(TargetUnitFact.unit)).all()
        assert sorted(units) == sorted(["区发改局", "区人社局", "区卫健局"])  # history not counted
    engine.dispose()


def test_refreshing_one_indicator_matches_a_full_refresh(
    db_url: str, stored_facts: Callable[[Engine], Facts]
) -> None:
    from plancockpit.db.models import Observation

    engine = open_database(db_url)
    ids = seed.seed(engine)
    on = date(2026, 6, 30)
    with session_factory(engine)() as s, s.begin():
        refresh_facts(s, on=on)
    with session_factory(engine)() as s, s.begin():
        s.add(
            Observation(
                indicator_id=ids["care"], region_id=ids["town"], year=2024, value=4.6, unit="个"
            )
        )
    before = stored_facts(engine)
    with session_factory(engine)() as s, s.begin():
        assert refresh_facts(s, on=on, indicator_ids={ids["care"]}) == 1
    partial = stored_facts(engine)
    with session_factory(engine)() as s, s.begin():
        refresh_facts(s, on=on)
    assert partial == stored_facts(engine) != before  # the care target is now achieved
    engine.dispose()


def test_a_value_no_arithmetic_holds_degrades_its_target_only(db_url: str) -> None:
    """An infinite value stored before entries refused it: its indicator's targets read "no
    data" with the reason, the other targets keep their status, and the refresh writes JSON PostgreSQL takes."""
    engine = open_database(db_url)
    ids = seed.seed(engine)
    on = date(2026, 6, 30)
    with session_factory(engine)() as s, s.begin():
        before = {t.target_id: t.assessment.status for t in target_statuses(s, on)}
        region = s.scalar(select(Indicator.region_id).where(Indicator.id == ids["gdp"]))
        s.add(
            Observation(
                indicator_id=ids["gdp"],
                region_id=region,
                year=2025,
                value=float("inf"),
                unit="亿元",
                basis="level",
            )
        )
    with session_factory(engine)() as s, s.begin():
        after = {t.target_id: t for t in target_statuses(s, on)}
        assert refresh_facts(s, on=on) == len(after)
    gdp = {ids["t_gdp"], ids["t_gdp2"]}  # the targets of the indicator with the value
    for i in gdp:
        assert after[i].assessment.status == "no_data"
        assert any("finite" in n for n in after[i].assessment.notes)
    assert {i: t.assessment.status for i, t in after.items() if i not in gdp} == {
        i: st for i, st in before.items() if i not in gdp
    }
    with session_factory(engine)() as s:
        details = s.scalar(select(TargetFact.details).where(TargetFact.target_id == ids["t_gdp"]))
        assert details["status"] == "no_data"
    engine.dispose()


def test_full_refresh_leaves_statistics_and_on_postgresql_vacuumed_facts(db_url: str) -> None:
    """After every fact is rewritten the planner has statistics for the fact tables (SQLite too:
    without them it picked a filter index matching every target), and on PostgreSQL VACUUM has
    marked the pages visible, so counts run as index-only scans."""
    from sqlalchemy import text

    engine = open_database(db_url)
    seed.seed(engine)
    with session_factory(engine)() as s, s.begin():
        refresh_facts(s, on=date(2026, 6, 30))
    vacuum_facts(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            analysed = set(conn.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")))
            assert {"cockpit_target_facts", "cockpit_target_units"} <= analysed
        else:
            conn.execute(text("SELECT pg_stat_clear_snapshot()"))
            vacuumed = conn.scalar(
                text(
                    "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                    "WHERE relname = 'cockpit_target_facts' AND schemaname = current_schema()"
                )
            )
            assert vacuumed
    engine.dispose()


def test_rows_of_a_target_removed_meanwhile_are_left_out(db_url: str) -> None:
    """A review may remove a target between the refresher's reading and its writing:
    `hold_targets` drops the rows of targets no longer there (writing them failed on the foreign
    key: on SQLite under bench.mixed_load --think 0), and on PostgreSQL locks the others."""
    from sqlalchemy import delete

    from plancockpit.db.models import Target
    from plancockpit.services.cockpit.refresh import fact_rows, hold_targets, write_facts

    engine = open_database(db_url)
    ids = seed.seed(engine)
    on = date(2026, 6, 30)
    with session_factory(engine)() as s, s.begin():
        refresh_facts(s, on=on)
        rows = fact_rows(s, on=on, indicator_ids={ids["gdp"]})
    assert {f["target_id"] for f in rows.facts} >= {ids["t_gdp"], ids["t_gdp2"]}
    with session_factory(engine)() as s, s.begin():
        s.execute(delete(Target).where(Target.id == ids["t_gdp2"]))
    with session_factory(engine)() as s, s.begin():
        held = hold_targets(s, rows)
        assert ids["t_gdp2"] not in {f["target_id"] for f in held.facts}
        write_facts(s, held)
    with session_factory(engine)() as s:
        facts = set(s.scalars(select(TargetFact.target_id)))
    assert ids["t_gdp"] in facts and ids["t_gdp2"] not in facts
    engine.dispose()


def test_a_refresh_moves_the_facts_version(db_url: str) -> None:
    """Every rewrite of the facts moves their version: each app process drops what it cached
    from the old facts when it sees it move (`web/freshness.sync_cache`)."""
    from plancockpit.services.cockpit import stale

    engine = open_database(db_url)
    ids = seed.seed(engine)
    versions = []
    with session_factory(engine)() as s, s.begin():
        versions.append(stale.version(s)[0])
        refresh_facts(s, on=date(2026, 6, 30))
        versions.append(stale.version(s)[0])
        refresh_facts(s, on=date(2026, 6, 30), indicator_ids={ids["gdp"]})
        versions.append(stale.version(s)[0])
    engine.dispose()
    assert versions == [versions[0], versions[0] + 1, versions[0] + 2]
