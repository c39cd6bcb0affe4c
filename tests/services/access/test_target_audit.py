"""Targets in the audit trail (issue 9 item 5): every path that makes, changes or removes a
target appends a `target` event with who and each changed field before → after — linking after
an ingest, a review or a re-extraction, a breakdown, a merge, a split, lead units — and a relink
that changes nothing appends nothing (both databases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.models import Event, Indicator, Record, Target
from plancockpit.services.access.target_audit import diff
from plancockpit.services.indicators.edits import merge_indicators, set_lead_units, split_indicator
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.jobs import runs as job_runs
from plancockpit.services.linking.link import link_all, link_document
from plancockpit.services.records.review import edit_record, reextract_document, relink, set_state
from plancockpit.services.regions.breakdown import break_down
from plancockpit.services.regions.hierarchy import load_regions
from tests.services.jobs.test_jobs import FAST
from tests.services.linkcase import store

Logged = tuple[str, str, int, dict[str, list[Any]]]  # actor, action, target id, changes
REGIONS = "code,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\nB,乙镇,镇,D\n"


def _log(engine: Engine, after: int = 0) -> list[Logged]:
    """The target events after event id `after`, oldest first."""
    with transaction(engine, write=False) as s:
        return [
            (e.actor, e.action, e.entity_id, e.changes)
            for e in s.scalars(
                select(Event).where(Event.entity == "target", Event.id > after).order_by(Event.id)
            )
        ]


def _last_id(engine: Engine) -> int:
    with transaction(engine, write=False) as s:
        return int(s.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)) or 0)


def _target(s: Session, name: str, value: float) -> Target:
    return s.scalars(
        select(Target)
        .join(Indicator)
        .where(Indicator.name == name, Target.value == value, Target.parent_target_id.is_(None))
    ).one()


def _record(s: Session, metric: str, value: float) -> Record:
    return s.scalars(
        select(Record).where(
            Record.metric == metric, Record.value == value, Record.kind == "target"
        )
    ).one()


def _linked(engine: Engine) -> int:
    with transaction(engine) as s:
        plan_id, _ = store(s)
        link_all(s)
    return plan_id


def test_linking_logs_each_new_target_and_a_relink_that_changes_nothing_logs_nothing(
    db_engine: Engine,
) -> None:
    _linked(db_engine)
    made = _log(db_engine)
    with transaction(db_engine, write=False) as s:
        ids = sorted(s.scalars(select(Target.id)))
        gdp = _target(s, "地区生产总值", 2600)
        gdp_fields = {
            "indicator_id": [None, gdp.indicator_id],
            "record_id": [None, gdp.record_id],
            "value": [None, 2600.0],
            "deadline_year": [None, 2025],
        }
    assert sorted(tid for _, _, tid, _ in made) == ids and len(ids) > 5
    assert {(actor, action) for actor, action, _, _ in made} == {("system", "create")}
    logged = next(changes for _, _, tid, changes in made if tid == gdp.id)
    assert gdp_fields.items() <= logged.items()
    assert "value_max" not in logged and "link_reason" not in logged  # unset, not audited
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "王规划")
        link_all(s)
    assert _log(db_engine, last) == []


def test_a_review_logs_the_targets_it_changes_or_removes_by_the_reviewer(db_engine: Engine) -> None:
    _linked(db_engine)
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "王规划")
        gdp_id = _target(s, "地区生产总值", 2600).id
        rec = edit_record(
            s, _record(s, "地区生产总值", 2600).id, by="王规划", changes={"value": 2700}
        )
        relink(s, [rec])
    assert _log(db_engine, last) == [("王规划", "update", gdp_id, {"value": [2600.0, 2700.0]})]
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "李审核")
        fdi = _target(s, "实际利用外资", 10.7)
        fdi_id, unit = fdi.id, fdi.unit
        relink(s, set_state(s, [_record(s, "实际利用外资", 10.7).id], "rejected", by="李审核"))
    [(actor, action, tid, changes)] = _log(db_engine, last)
    assert (actor, action, tid) == ("李审核", "delete", fdi_id)
    assert changes["value"] == [10.7, None] and changes["unit"] == [unit, None]


def test_breakdowns_log_their_parts_and_a_removed_whole_logs_its_parts_let_go(
    db_engine: Engine, tmp_path: Path
) -> None:
    plan_id = _linked(db_engine)
    regions = tmp_path / "r.csv"
    regions.write_text(REGIONS, encoding="utf-8")
    with transaction(db_engine) as s:
        act_as(s, "张规划")
        load_regions(s, regions)
        whole_id = _target(s, "城镇新增就业", 10).id
        last = _last_id(db_engine)
        break_down(s, whole_id, {"甲街道": 6, "乙镇": 4})
    first = _log(db_engine, last)
    assert [(a, act) for a, act, _, _ in first] == [("张规划", "create")] * 2
    assert all(c["parent_target_id"] == [None, whole_id] for _, _, _, c in first)
    assert sorted(c["value"][1] for _, _, _, c in first) == [4.0, 6.0]
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        link_document(s, plan_id)  # the parts hang under the rebuilt whole again: no change
        break_down(s, whole_id, {"甲街道": 7, "乙镇": 4})
    again = _log(db_engine, last)
    assert sorted(act for _, act, _, _ in again) == ["create", "create", "delete", "delete"]
    assert {tid for _, act, tid, _ in again if act == "delete"} == {tid for _, _, tid, _ in first}
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "李审核")
        relink(s, set_state(s, [_record(s, "城镇新增就业人员", 10).id], "rejected", by="李审核"))
    gone = _log(db_engine, last)
    assert ("李审核", "delete", whole_id) == gone[0][:3]
    assert [c for _, act, _, c in gone if act == "update"] == [
        {"parent_target_id": [whole_id, None]}
    ] * 2


def test_merges_splits_and_lead_units_log_what_they_move_or_set(db_engine: Engine) -> None:
    _linked(db_engine)
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "张规划")
        fdi = _target(s, "实际利用外资", 10.7)
        gdp = _target(s, "地区生产总值", 2600)
        fdi_id, fdi_ind, gdp_id, gdp_ind = fdi.id, fdi.indicator_id, gdp.id, gdp.indicator_id
        moved = sorted(s.scalars(select(Target.id).where(Target.indicator_id == fdi_ind)))
        merge_indicators(s, gdp_ind, [fdi_ind])
    assert len(moved) == 2 and fdi_id in moved  # the plan's and the report's
    assert _log(db_engine, last) == [
        ("张规划", "update", tid, {"indicator_id": [fdi_ind, gdp_ind]}) for tid in moved
    ]
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "张规划")
        set_lead_units(s, gdp_ind, ["区发改局"])
    assert ("张规划", "update", gdp_id, {"lead_units": [[], ["区发改局"]]}) in _log(db_engine, last)
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "张规划")
        rec_id = _record(s, "实际利用外资", 10.7).id
        new = split_indicator(s, gdp_ind, [rec_id], "实际使用外资", by="张规划").id
    [(actor, action, tid, changes)] = _log(db_engine, last)
    assert (actor, action, tid, changes["indicator_id"]) == (
        "张规划",
        "update",
        fdi_id,
        [gdp_ind, new],
    )


def test_re_extraction_logs_only_the_new_record_of_an_unchanged_target(
    db_engine: Engine, tmp_path: Path
) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "一、目标\n到2025年，全区生产总值达到2600亿元，城镇新增就业2万人。\n", encoding="utf-8"
    )
    [outcome] = ingest_paths(db_engine, [doc])
    made = _log(db_engine)
    assert outcome.document_id is not None and len(made) == 2
    last = _last_id(db_engine)
    with transaction(db_engine) as s:
        act_as(s, "王规划")
        reextract_document(s, outcome.document_id)  # rebuilt under the same ids, same values
        records = {t.id: t.record_id for t in s.scalars(select(Target))}
    assert _log(db_engine, last) == [  # the records are new rows: nothing else changed
        ("王规划", "update", tid, {"record_id": [changes["record_id"][1], records[tid]]})
        for _, _, tid, changes in made
    ]


def test_an_uploaded_document_s_targets_are_logged_by_its_uploader(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        jobs.enqueue(
            s,
            kind="ingest",
            created_by="赵上传",
            files=[jobs.Upload("a.txt", "到2025年，全区生产总值达到100亿元。".encode())],
        )
    job_runs.run_until_idle(db_engine, FAST)
    assert [(a, act) for a, act, _, _ in _log(db_engine)] == [("赵上传", "create")]


def test_diff_lists_only_what_differs_in_id_order() -> None:
    row = (1, 2, None, None, "=", 5.0, None, "%", "level", None, 2020, 2021, 2025, None, False, [])
    moved = (9, *row[1:])
    assert diff({3: row, 1: row}, {3: row, 1: moved, 2: row}) == [
        ("update", 1, {"indicator_id": [1, 9]}),
        (
            "create",
            2,
            {
                "indicator_id": [None, 1],
                "record_id": [None, 2],
                "comparator": [None, "="],
                "value": [None, 5.0],
                "unit": [None, "%"],
                "basis": [None, "level"],
                "baseline_year": [None, 2020],
                "start_year": [None, 2021],
                "deadline_year": [None, 2025],
                "aspiration": [None, False],
                "lead_units": [None, []],
            },
        ),
    ]
    assert diff({4: row}, {})[0][2]["region_id"] == [None, None]  # a removal keeps every field
