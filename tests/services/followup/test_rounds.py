"""Reporting rounds: who owes what, the states a value goes through, what is refused (and that a
refusal changes nothing), the board, the to-do list, notifications and the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.models import Event, Notification, Observation, Round, RoundItem, User
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.services.followup import notifications
from plancockpit.services.followup.round_todo import todo
from plancockpit.services.followup.round_values import Value, approve, fill, return_value
from plancockpit.services.followup.rounds import board, close_round, open_round, round_list
from tests.services.roundcase import build

TODAY = date.today()
DUE = TODAY + timedelta(days=10)


def _open(s: Session, **kw: object) -> dict[str, object]:
    args: dict[str, object] = {
        "title": "2025年度填报",
        "period_kind": "year",
        "year": 2025,
        "number": None,
        "due": DUE,
        "by": "planner",
    } | kw
    return open_round(s, **args)  # type: ignore[arg-type]


def _inbox(s: Session, name: str) -> list[str]:
    uid = s.scalar(select(User.id).where(User.name == name))
    return [
        n.kind
        for n in s.scalars(
            select(Notification).where(Notification.user_id == uid).order_by(Notification.id)
        )
    ]


def _count(s: Session, model: type) -> int:
    return s.scalar(select(func.count()).select_from(model)) or 0


def test_who_owes_what_and_who_is_told(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rnd = _open(s)
        items = {(i.indicator_id, i.region_id): i.unit for i in s.scalars(select(RoundItem))}
        # the lead unit owes the indicator's own value, the town with a target its own; the
        # indicator without a lead unit is left out and named
        assert items == {
            (ids["gdp"], None): "区发展和改革局",
            (ids["gdp"], ids["t1"]): "区发展和改革局",
            (ids["care"], None): "区卫健局",
        }
        assert rnd["left_out"] == ["无主指标"]
        assert _inbox(s, "fgj") == ["round_opened"] and _inbox(s, "east") == ["round_opened"]
        assert _inbox(s, "west") == [] and _inbox(s, "planner") == []
        note = s.scalars(select(Notification).join(User).where(User.name == "fgj")).one()
        assert notifications.text(note.kind, note.params, "zh").startswith(
            "填报轮次“2025年度填报”已开启：您有1项"
        )
        assert "1 value(s) owed by you" in notifications.text(note.kind, note.params, "en")
        domain = _open(s, selection="domain", selection_value="社会民生", title="民生")
        assert [i["indicator_id"] for i in board(s, int(str(domain["id"])))["items"]] == [
            ids["care"]
        ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due": TODAY - timedelta(days=1)}, "in the past"),
        ({"selection": "domain", "selection_value": "无此领域"}, "has no indicators"),
        ({"selection": "domain", "selection_value": ""}, "name the domain"),
        ({"selection": "document", "selection_value": "999"}, "no document"),
        ({"period_kind": "quarter", "number": 5}, "1–4"),
        ({"period_kind": "year", "number": 2}, "no month or quarter"),
        ({"title": "  "}, "needs a title"),
    ],
)
def test_a_bad_round_is_refused_and_nothing_is_stored(
    db_engine: Engine, changes: dict[str, object], message: str
) -> None:
    with transaction(db_engine) as s:
        build(s)
    with pytest.raises((Invalid, NotFound), match=message), transaction(db_engine) as s:
        _open(s, **changes)
    with transaction(db_engine) as s:
        assert (_count(s, Round), _count(s, RoundItem), _count(s, Notification)) == (0, 0, 0)


def test_the_same_period_and_selection_cannot_be_open_twice(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        build(s)
        first = _open(s)
        with pytest.raises(Invalid, match="still open"):
            _open(s, title="again")
        close_round(s, int(str(first["id"])), by="planner")
        assert _open(s, title="again")["state"] == "open"


def test_a_unit_value_counts_at_once_a_town_value_after_approval(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rid = int(str(_open(s)["id"]))
        act_as(s, "fgj")
        [own] = fill(s, rid, by="fgj", values=[Value(ids["gdp"], 2450)])
        assert own["state"] == "approved" and own["approved_by"] == "fgj"
        obs = s.get(Observation, own["observation_id"])
        assert obs is not None and (obs.year, obs.month, obs.value, obs.region_id) == (
            2025,
            None,
            2450,
            ids["district"],
        )
        assert obs.source_file == f"round {rid}" and obs.entered_by == "fgj"

        act_as(s, "east")
        [town] = fill(s, rid, by="east", values=[Value(ids["gdp"], 280, region_id=ids["t1"])])
        assert town["state"] == "filled" and town["observation_id"] is None
        town_obs = select(Observation).where(
            Observation.region_id == ids["t1"], Observation.year == 2025
        )
        assert s.scalars(town_obs).all() == []  # not counted before approval
        assert _inbox(s, "fgj")[-1] == "value_submitted"

        act_as(s, "fgj")
        approved = approve(s, rid, town["id"], by="fgj")
        assert approved["state"] == "approved" and approved["approved_by"] == "fgj"
        [counted] = s.scalars(town_obs).all()
        assert (counted.value, counted.entered_by, counted.source_file) == (
            280,
            "east",
            f"round {rid}",
        )
        assert _inbox(s, "east")[-1] == "value_approved"
        with pytest.raises(Invalid, match="already approved"):
            fill(s, rid, by="east", values=[Value(ids["gdp"], 281, region_id=ids["t1"])])
        assert board(s, rid)["rows"] == [
            {
                "kind": "town",
                "owner": "东镇",
                "approver": "区发展和改革局",
                "owed": 1,
                "filled": 1,
                "approved": 1,
                "returned": 0,
                "late": 0,
            },
            {
                "kind": "unit",
                "owner": "区卫健局",
                "approver": "",
                "owed": 1,
                "filled": 0,
                "approved": 0,
                "returned": 0,
                "late": 0,
            },
            {
                "kind": "unit",
                "owner": "区发展和改革局",
                "approver": "",
                "owed": 1,
                "filled": 1,
                "approved": 1,
                "returned": 0,
                "late": 0,
            },
        ]
        kinds = {(e.entity, e.action, e.actor) for e in s.scalars(select(Event))}
        assert {
            ("round", "create", ""),
            ("round_item", "update", "fgj"),
            ("round_item", "update", "east"),
            ("observation", "create", "fgj"),
        } <= kinds


def test_returned_with_a_reason_then_filled_again(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rid = int(str(_open(s)["id"]))
        [town] = fill(s, rid, by="east", values=[Value(ids["gdp"], 28, region_id=ids["t1"])])
        with pytest.raises(Invalid, match="say why"):
            return_value(s, rid, town["id"], by="fgj", reason="  ")
        back = return_value(s, rid, town["id"], by="fgj", reason="单位应为亿元，请核对")
        assert back["state"] == "returned" and back["return_reason"] == "单位应为亿元，请核对"
        assert _inbox(s, "east")[-1] == "value_returned"
        east = s.scalars(
            select(Notification)
            .join(User)
            .where(User.name == "east")
            .order_by(Notification.id.desc())
        ).first()
        assert east is not None and "单位应为亿元" in notifications.text(
            east.kind, east.params, "zh"
        )
        with pytest.raises(Invalid, match="awaiting approval"):
            approve(s, rid, town["id"], by="fgj")
        [again] = fill(s, rid, by="east", values=[Value(ids["gdp"], 280, region_id=ids["t1"])])
        assert again["state"] == "filled" and again["return_reason"] is None


def test_values_outside_the_user_s_reach_or_the_round_are_refused_and_change_nothing(
    db_engine: Engine,
) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rid = int(str(_open(s)["id"]))
    cases = [
        ("west", [Value(ids["gdp"], 1, region_id=ids["t1"])], Forbidden, "owed by 东镇"),
        ("wjj", [Value(ids["gdp"], 1)], Forbidden, "fills values for 区卫健局 only"),
        ("east", [Value(ids["care"], 1, region_id=ids["t1"])], Invalid, "not in round"),
        ("fgj", [Value(ids["orphan"], 1)], Invalid, "not in round"),
        # one good value with a bad one: neither is stored
        ("fgj", [Value(ids["gdp"], 2450), Value(ids["gdp"], 2451)], Invalid, "given twice"),
        ("fgj", [Value(ids["gdp"], 2450), Value(ids["care"], 3)], Forbidden, "owed by 区卫健局"),
        ("fgj", [Value(ids["gdp"], float("nan"))], Invalid, "finite"),
        ("fgj", [], Invalid, "no values"),
    ]
    for user, values, error, message in cases:
        with pytest.raises(error, match=message), transaction(db_engine) as s:
            fill(s, rid, by=user, values=values)
    with transaction(db_engine) as s:
        assert {i.state for i in s.scalars(select(RoundItem))} == {"owed"}
        assert (
            s.scalar(select(func.count()).select_from(Observation).where(Observation.year == 2025))
            == 0
        )
        [town] = fill(s, rid, by="east", values=[Value(ids["gdp"], 280, region_id=ids["t1"])])
    with (
        pytest.raises(Forbidden, match="approves values of the indicators its unit leads only"),
        transaction(db_engine) as s,
    ):
        approve(s, rid, town["id"], by="wjj")
    with pytest.raises(NotFound), transaction(db_engine) as s:
        approve(s, rid + 1, town["id"], by="fgj")
    with transaction(db_engine) as s:
        assert s.get(RoundItem, town["id"]).state == "filled"  # type: ignore[union-attr]
        close_round(s, rid, by="planner")
    with pytest.raises(Invalid, match="closed"), transaction(db_engine) as s:
        approve(s, rid, town["id"], by="fgj")


def test_board_late_and_to_do_list(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rid = int(str(_open(s, period_kind="quarter", year=2025, number=1, title="一季度")["id"]))
        late = board(s, rid, today=DUE + timedelta(days=1))
        assert [r["late"] for r in late["rows"]] == [1, 1, 1]
        mine = todo(s, "east")
        assert [(i["indicator"], i["region"], i["state"]) for i in mine["owed"]] == [
            ("地区生产总值", "东镇", "owed")
        ]
        row = mine["owed"][0]
        assert row["last"] == {"year": 2024, "month": None, "value": 260, "unit": "亿元"}
        assert row["round"]["period_label"] == "2025年第1季度"
        fill(s, rid, by="east", values=[Value(ids["gdp"], 70, region_id=ids["t1"])])
        assert [a["region"] for a in todo(s, "fgj")["approvals"]] == ["东镇"]
        assert todo(s, "wjj")["approvals"] == [] and len(todo(s, "planner")["approvals"]) == 1
        approve(s, rid, todo(s, "fgj")["approvals"][0]["id"], by="fgj")
        obs = s.scalars(
            select(Observation).where(Observation.region_id == ids["t1"], Observation.year == 2025)
        ).one()
        assert obs.month == 3  # a quarter's value is year-to-date to its last month
        assert round_list(s)["items"][0]["counts"]["approved"] == 1


def test_rounds_give_each_lead_unit_its_reporting_timeliness_in_the_ranking(
    db_engine: Engine,
) -> None:
    """A unit that filled its own values has reported on that day; one that did not, once the
    round is past due, has not; a round still running does not count against it yet."""
    from plancockpit.services.progress.ranking import round_reports

    with transaction(db_engine) as s:
        ids = build(s)
        rid = int(str(_open(s)["id"]))
        act_as(s, "fgj")
        fill(s, rid, by="fgj", values=[Value(ids["gdp"], 2450)])
        running = {(r.unit, r.reported) for r in round_reports(s, TODAY)}
        assert running == {("区发展和改革局", TODAY)}  # 区卫健局 still has ten days
        late = {(r.unit, r.reported) for r in round_reports(s, DUE + timedelta(days=1))}
        assert late == {("区发展和改革局", TODAY), ("区卫健局", None)}
