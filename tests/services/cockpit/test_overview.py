"""The overview's most lagging targets: binding ones first, missed before at risk, then by
progress — a binding target at risk outranks an expected one missed by more."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from sqlalchemy import update

from plancockpit.db.engine import session_factory
from plancockpit.db.migrate import open_database
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.overview import overview_data
from plancockpit.services.cockpit.refresh import refresh_facts

_spec = importlib.util.spec_from_file_location(
    "cockpit_seed", Path(__file__).resolve().parents[2] / "web" / "cockpit_seed.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


def test_lagging_targets_rank_binding_first_then_missed_then_progress(db_url: str) -> None:
    engine = open_database(db_url)
    ids = seed.seed(engine)
    with session_factory(engine)() as s, s.begin():
        refresh_facts(s, on=date(2026, 6, 30))
        for target, attribute, status, progress in [
            (ids["t_gdp2"], "预期性", "off_track", 0.2),
            ("jobs", "约束性", "at_risk", 0.9),
            ("care", "预期性", "at_risk", 0.5),
        ]:
            where = (
                TargetFact.target_id == target
                if isinstance(target, int)
                else TargetFact.indicator_id == ids[target]
            )
            s.execute(
                update(TargetFact)
                .where(where)
                .values(attribute=attribute, status=status, progress=progress)
            )
    with session_factory(engine)() as s:
        lagging = [(r["attribute"], r["status"]) for r in overview_data(s)["lagging"]]
    engine.dispose()
    assert lagging == [("约束性", "at_risk"), ("预期性", "off_track"), ("预期性", "at_risk")]


def test_lagging_ids_read_group_by_group_match_one_sort(db_url: str) -> None:
    """Reading the groups one by one (each along an index) gives the order one sort by all keys
    gives — binding, missed, least progress, none last, id — for every limit, across groups."""
    from sqlalchemy import select

    from plancockpit.db.models import Target
    from plancockpit.services.cockpit.common import period_counted, period_status
    from plancockpit.services.cockpit.overview import lagging_ids

    engine = open_database(db_url)
    ids = seed.seed(engine)
    with session_factory(engine)() as s, s.begin():
        s.add_all(
            Target(indicator_id=ids["jobs"], value=10.0 + k, deadline_year=2025) for k in range(8)
        )
        s.flush()
        refresh_facts(s, on=date(2026, 6, 30))
        facts = list(s.scalars(select(TargetFact).order_by(TargetFact.target_id)))
        assert len(facts) >= 12
        shapes = [
            ("约束性", "at_risk", None),
            ("预期性", "off_track", 0.5),
            ("约束性", "off_track", 0.7),
            ("预期性", "at_risk", 0.1),
            ("约束性", "at_risk", 0.3),
            ("预期性", "off_track", None),
            ("约束性", "on_track", 0.0),
            ("约束性", "off_track", 0.7),
        ]
        for fact, (attribute, status, progress) in zip(facts, shapes * len(facts), strict=False):
            fact.attribute, fact.status, fact.progress = attribute, status, progress
    lagging = [f for f in facts if f.status in ("off_track", "at_risk")]
    expected = [
        f.target_id
        for f in sorted(
            lagging,
            key=lambda f: (
                f.attribute != "约束性",
                f.status != "off_track",
                f.progress is None,
                f.progress or 0,
                f.target_id,
            ),
        )
    ]
    with session_factory(engine)() as s:
        for limit in range(1, len(expected) + 2):
            got = lagging_ids(s, period_counted("current"), period_status("current"), limit)
            assert got == expected[:limit]
    engine.dispose()
