"""The audit trail: people's changes appended with who, when and before → after; what
extraction derives is not logged."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.models import Event, Indicator, Observation, Record
from plancockpit.services.access.audit_log import events, events_csv, indicator_history
from plancockpit.services.actuals.observations import add_observation
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.records.review import edit_record


def _events(engine: Engine) -> list[tuple[str, str, str, dict[str, list[object]]]]:
    with transaction(engine) as s:
        return [
            (e.actor, e.action, e.entity, e.changes)
            for e in s.scalars(select(Event).order_by(Event.id))
        ]


def test_people_s_changes_are_logged_and_derived_data_is_not(
    db_engine: Engine, tmp_path: Path
) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、目标\n到2025年，全区生产总值达到2600亿元。\n", encoding="utf-8")
    assert ingest_paths(db_engine, [doc])[0].status == "ingested"
    # records and indicators made by ingest are not logged; the target linking made is, by
    # `system` (no one named for the run; tests/services/access/test_target_audit.py has the rest)
    [(actor, action, entity, _)] = _events(db_engine)
    assert (actor, action, entity) == ("system", "create", "target")
    with transaction(db_engine) as s:
        act_as(s, "王规划")
        rec = s.scalars(select(Record)).one()
        edit_record(s, rec.id, by="王规划", changes={"value": 2700.0})
        ind = s.scalars(select(Indicator)).one()
        added = add_observation(s, indicator_id=ind.id, year=2024, value=2500.0, unit="亿元")
        assert added.observation is not None
        added.observation.value = 2550.0
    with transaction(db_engine) as s:
        act_as(s, "李统计")
        s.delete(s.scalars(select(Observation)).one())
    log = _events(db_engine)[1:]
    assert ("王规划", "update", "record") == log[0][:3]
    assert log[0][3]["value"] == [2600.0, 2700.0] and log[0][3]["review_state"][1] == "edited"
    kinds = [(actor, action, entity) for actor, action, entity, _ in log[1:]]
    assert kinds == [
        ("王规划", "create", "observation"),
        ("王规划", "update", "observation"),
        ("李统计", "delete", "observation"),
    ]
    assert log[2][3] == {"value": [2500.0, 2550.0]} and log[3][3]["value"] == [2550.0, None]
    with transaction(db_engine) as s:
        assert events(s, entity="observation")["total"] == 3
        assert indicator_history(s, ind.id) == []  # the value is gone; its events stay in the log
        text = events_csv(s)
    assert text.startswith("\ufeffid,at,actor") and text.count("\n") == 2 + len(log)
