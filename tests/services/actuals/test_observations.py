"""Observations: duplicates not stored twice, conflicts kept and flagged, the pick for evaluation."""

from __future__ import annotations

from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator
from plancockpit.services.actuals.observations import add_observation, flag_conflicts, pick


def test_duplicate_conflict_and_pick(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        ind = Indicator(name="地区生产总值", key="地区生产总值", unit="亿元")
        session.add(ind)
        session.flush()
        doc_value = add_observation(
            session, indicator_id=ind.id, year=2022, value=2100, unit="亿元", record_id=None
        )
        assert doc_value.outcome == "accepted"
        same = add_observation(session, indicator_id=ind.id, year=2022, value=2100.0, unit="亿元")
        assert same.outcome == "duplicate" and same.observation is None
        other = add_observation(
            session,
            indicator_id=ind.id,
            year=2022,
            value=2140,
            unit="亿元",
            source_file="a.xlsx",
            source_row=3,
            entered_by="王",
        )
        assert other.outcome == "conflict" and "2100" in other.reason
        assert doc_value.observation is not None and doc_value.observation.conflict
        ytd = add_observation(
            session, indicator_id=ind.id, year=2022, month=6, value=1000, unit="亿元"
        )
        assert ytd.outcome == "accepted"  # another period
        stored = [doc_value.observation, other.observation, ytd.observation]
        chosen = pick([o for o in stored if o is not None])
        assert [o.value for o in chosen] == [1000, 2140]  # the file wins the conflict
        assert flag_conflicts(session, [ind.id]) == 2
