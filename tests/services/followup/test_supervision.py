"""Supervision items in storage, on SQLite and PostgreSQL: opening, proposing, answering (only
by the lead unit's reporters), closing, returning, reopening; every transition and every change
stored with who and when; bad input refused with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import (
    Event,
    Observation,
    SupervisionAttachment,
    SupervisionItem,
    SupervisionTransition,
    Unit,
)
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.services.access.users import add_user, set_ties
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.followup import supervision as sv
from plancockpit.services.progress.status import target_statuses
from plancockpit.supervise.files import AttachmentError, AttachmentTooLarge
from plancockpit.supervise.propose import TransitionError
from tests.web.conftest import PASSWORD, SEED

TODAY = date.today()
PDF = b"%PDF-1.4\n% answer\n"


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[Engine, dict[str, int]]]:
    engine = open_database(db_url)
    ids = SEED.seed(engine)
    with transaction(engine) as s:
        s.add_all([Unit(name="区卫健局"), Unit(name="区人社局")])
        s.flush()
        for name in ("health", "hr", "town"):
            add_user(s, name=name, role="reporter", password=PASSWORD)
        set_ties(s, "health", unit="区卫健局")
        set_ties(s, "hr", unit="区人社局")
        set_ties(s, "town", region="东镇")
        refresh_facts(s)
    yield engine, ids
    engine.dispose()


def _red_target(engine: Engine) -> int:
    with transaction(engine) as s:
        got = sv.states_from_facts(s)
    return next(t.target_id for t in got if t.status == "off_track")


def _counts(engine: Engine) -> tuple[int, int, int, int]:
    with transaction(engine) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
            for m in (SupervisionItem, SupervisionTransition, SupervisionAttachment, Event)
        )


def test_proposals_from_the_facts_and_from_the_statuses_agree(world: Any) -> None:
    engine, ids = world
    with transaction(engine) as s:
        a = sv.states_from_facts(s)
        b = sv.states_from_statuses(target_statuses(s, TODAY))
        assert sorted(a, key=lambda x: x.target_id) == sorted(b, key=lambda x: x.target_id)
        done = sv.propose(s, a)
        assert len(done["proposed"]) == 1 and done["reopened"] == []
        item = s.get(SupervisionItem, done["proposed"][0])
        assert item is not None
        assert (item.state, item.proposed, item.target_id, item.lead_units) == (
            "proposed",
            True,
            ids["t_gdp2"],
            ["区发改局"],
        )
        assert item.due_date == TODAY + timedelta(days=sv.DEFAULT_DUE_DAYS)
        assert "地区生产总值" in item.ask and "滞后" in item.ask
        # run again: nothing new while the item is there
        assert sv.propose(s, sv.states_from_facts(s)) == {"proposed": [], "reopened": []}


def test_the_whole_life_of_an_item_with_who_and_when(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)
    with transaction(engine) as s:
        act_as(s, "planner")
        item_id = sv.propose(s, sv.states_from_facts(s), by="planner")["proposed"][0]
        sv.confirm(
            s, item_id, by="planner", due_date=TODAY + timedelta(days=10), ask="请说明GDP滞后原因"
        )
    with transaction(engine) as s:
        act_as(s, "admin-for-unit")
        s.add(Unit(name="区发改局x"))
        add_user(s, name="ndrc", role="reporter", password=PASSWORD)
        set_ties(s, "ndrc", unit="区发改局")
    with transaction(engine) as s:
        act_as(s, "ndrc")
        sv.answer(
            s,
            item_id,
            by="ndrc",
            explanation="投资放缓",
            measures="加快项目",
            expected_date=TODAY + timedelta(days=60),
            attachments=[("说明.pdf", PDF)],
        )
    with transaction(engine) as s:
        act_as(s, "planner")
        sv.return_item(s, item_id, by="planner", reason="措施不具体")
    with transaction(engine) as s:
        act_as(s, "ndrc")
        sv.answer(s, item_id, by="ndrc", explanation="投资放缓", measures="三个项目年底开工")
    with transaction(engine) as s:
        act_as(s, "planner")
        sv.close(s, item_id, by="planner")
        detail = sv.item_detail(s, item_id)
    assert detail["state"] == "closed" and detail["closed_at"] and detail["target_id"] == red
    steps = [(t["from_state"], t["to_state"], t["actor"]) for t in detail["transitions"]]
    assert steps == [
        (None, "proposed", "planner"),
        ("proposed", "open", "planner"),
        ("open", "answered", "ndrc"),
        ("answered", "returned", "planner"),
        ("returned", "answered", "ndrc"),
        ("answered", "closed", "planner"),
    ]
    assert all(t["at"] for t in detail["transitions"])
    answered = detail["transitions"][2]
    assert (
        answered["explanation"] == "投资放缓"
        and answered["attachments"][0]["file_name"] == "说明.pdf"
    )
    assert answered["attachments"][0]["media_type"] == "application/pdf"
    assert detail["transitions"][3]["reason"] == "措施不具体"
    # the audit trail: the item's creation and every change of state, before → after, by whom
    states = [
        (e["actor"], e["changes"].get("state"))
        for e in detail["history"]
        if e["entity"] == "supervision"
    ]
    assert states[0] == ("planner", [None, "proposed"])
    assert ("ndrc", ["open", "answered"]) in states and (
        "planner",
        ["answered", "closed"],
    ) in states
    assert any(
        e["entity"] == "attachment" and e["changes"]["file_name"] == [None, "说明.pdf"]
        for e in detail["history"]
    )


def test_reopens_when_the_target_turns_red_again(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)
    with transaction(engine) as s:
        item = sv.open_item(s, target_id=red, ask="说明", due_date=TODAY, by="planner")
        sv.answer(s, item.id, by="planner", explanation="a", measures="b")
        sv.close(s, item.id, by="planner")
        item_id = item.id
        # still red right after closing: stays closed
        assert sv.propose(s, sv.states_from_facts(s)) == {"proposed": [], "reopened": []}
    with transaction(engine) as s:  # the actuals catch up: green
        s.add(
            Observation(
                indicator_id=ids["gdp"],
                region_id=ids["district"],
                year=2024,
                value=2700,
                unit="亿元",
            )
        )
        s.flush()
        refresh_facts(s)
        status = s.get(sv.TargetFact, red).status  # type: ignore[attr-defined]
        assert status in ("achieved", "on_track")
        assert sv.propose(s, sv.states_from_facts(s)) == {"proposed": [], "reopened": []}
        assert s.get(SupervisionItem, item_id).target_status == status  # type: ignore[union-attr]
    with transaction(engine) as s:  # a correction: red again
        s.execute(Observation.__table__.delete().where(Observation.year == 2024))
        refresh_facts(s)
        done = sv.propose(s, sv.states_from_facts(s))
        assert done == {"proposed": [], "reopened": [item_id]}
        item = s.get(SupervisionItem, item_id)
        assert item is not None and item.state == "open" and item.closed_at is None
        assert (
            item.transitions[-1].from_state == "closed"
            and "red again" in item.transitions[-1].reason
        )


def test_a_reporter_answers_only_its_own_units_items(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)  # led by 区发改局, in the district
    with transaction(engine) as s:
        item_id = sv.open_item(s, target_id=red, ask="说明", due_date=TODAY, by="planner").id
    before = _counts(engine)
    for other in ("hr", "town"):  # another unit; a town below the target's region
        with pytest.raises(Forbidden, match="只能答复本单位"), transaction(engine) as s:
            sv.answer(s, item_id, by=other, explanation="a", measures="b")
    assert _counts(engine) == before
    # the town's reporter answers an item on a target of its town (the care target, 东镇)
    with transaction(engine) as s:
        care = s.scalar(select(sv.Target.id).where(sv.Target.region_id == ids["town"]))  # type: ignore[attr-defined]
        care_item = sv.open_item(s, target_id=care, ask="说明", due_date=TODAY, by="planner").id
        sv.answer(s, care_item, by="town", explanation="a", measures="b")
        sv.answer(
            s,
            sv.open_item(
                s, target_id=ids["t_gdp"], ask="x", due_date=TODAY, by="p", lead_units=["区卫健局"]
            ).id,
            by="health",
            explanation="a",
            measures="b",
        )


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"explanation": "", "measures": "b"}, Invalid, "原因分析不能为空"),
        ({"explanation": "a", "measures": " "}, Invalid, "整改措施不能为空"),
        (
            {"explanation": "a", "measures": "b", "expected_date": TODAY - timedelta(days=1)},
            Invalid,
            "in the past",
        ),
        (
            {
                "explanation": "a",
                "measures": "b",
                "attachments": [("x.pdf", PDF), ("virus.exe", b"MZ")],
            },
            AttachmentError,
            "only PDF",
        ),
        (
            {"explanation": "a", "measures": "b", "attachments": [("x.docx", PDF)]},
            AttachmentError,
            "not a DOCX",
        ),
        (
            {
                "explanation": "a",
                "measures": "b",
                "attachments": [("big.pdf", PDF * 100)],
                "max_bytes": 1024,
            },
            AttachmentTooLarge,
            "over the limit",
        ),
        ({"explanation": "a\x00", "measures": "b"}, Invalid, "cannot be stored"),
    ],
)
def test_a_bad_answer_changes_nothing(
    world: Any, kwargs: dict[str, Any], error: type, match: str
) -> None:
    engine, _ = world
    red = _red_target(engine)
    with transaction(engine) as s:
        item_id = sv.open_item(s, target_id=red, ask="说明", due_date=TODAY, by="planner").id
    before = _counts(engine)
    with pytest.raises(error, match=match), transaction(engine) as s:
        sv.answer(s, item_id, by="planner", **kwargs)
    assert _counts(engine) == before
    with transaction(engine) as s:
        assert s.get(SupervisionItem, item_id).state == "open"  # type: ignore[union-attr]


def test_refusals(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)
    with transaction(engine) as s:
        with pytest.raises(Invalid, match="办结期限不能早于今天"):
            sv.open_item(s, target_id=red, ask="说明", due_date=TODAY - timedelta(days=1), by="p")
        with pytest.raises(NotFound):
            sv.open_item(s, target_id=999999, ask="说明", due_date=TODAY, by="p")
        with pytest.raises(Invalid, match="督办要求不能为空"):
            sv.open_item(s, target_id=red, ask="  ", due_date=TODAY, by="p")
        item = sv.open_item(s, target_id=red, ask="说明", due_date=TODAY, by="p")
        with pytest.raises(Invalid, match="already has item"):
            sv.open_item(s, target_id=red, ask="again", due_date=TODAY, by="p")
        with pytest.raises(TransitionError, match="只有「已答复」"):
            sv.close(s, item.id, by="p")
        sv.answer(s, item.id, by="p", explanation="a", measures="b")
        with pytest.raises(Invalid, match="理由不能为空"):
            sv.return_item(s, item.id, by="p", reason="")
        sv.close(s, item.id, by="p")
        with pytest.raises(TransitionError, match="closed cannot be answered"):
            sv.answer(s, item.id, by="p", explanation="a", measures="b")
        with pytest.raises(NotFound):
            sv.close(s, 424242, by="p")


def test_lists_overdue_and_counts_by_unit(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)
    with transaction(engine) as s:
        a = sv.open_item(
            s,
            target_id=red,
            ask="说明",
            due_date=TODAY,
            by="p",
            lead_units=["区发改局", "区统计局"],
        )
        b = sv.open_item(s, target_id=ids["t_gdp"], ask="说明", due_date=TODAY, by="p")
        sv.dismiss(s, b.id, by="p", reason="重复")
        later = TODAY + timedelta(days=3)
        assert sv.list_items(s, overdue=True, today=later)["total"] == 1
        assert sv.list_items(s, overdue=True)["total"] == 0  # due today is not late
        assert [i["id"] for i in sv.list_items(s, unit="区统计局")["items"]] == [a.id]
        assert sv.list_items(s, state="in_progress")["total"] == 1
        assert sv.list_items(s, state="dismissed")["items"][0]["id"] == b.id
        opened, late = sv.counts_by_unit(s, later)
        assert opened == {"区发改局": 1, "区统计局": 1} and late == opened
        summary = sv.overdue_summary(s, today=later)
        assert summary["overdue"] == 1 and summary["items"][0]["days_late"] == 3
        with pytest.raises(Invalid, match="unknown state"):
            sv.list_items(s, state="nonsense")


def test_an_item_goes_with_its_target(world: Any) -> None:
    engine, ids = world
    red = _red_target(engine)
    with transaction(engine) as s:
        item = sv.open_item(s, target_id=red, ask="说明", due_date=TODAY, by="p")
        sv.answer(s, item.id, by="p", explanation="a", measures="b", attachments=[("a.pdf", PDF)])
    with transaction(engine) as s:
        s.execute(sv.TargetFact.__table__.delete())  # type: ignore[attr-defined]
        s.execute(sv.Target.__table__.delete().where(sv.Target.id == red))  # type: ignore[attr-defined]
    assert _counts(engine)[:3] == (0, 0, 0)


def test_the_inbox_tells_the_unit_and_the_planner(world: Any) -> None:
    """Opening an item tells its lead unit's users; an answer tells the planner who opened it; a
    return or a close tells the unit again, each with a link to the item."""
    from plancockpit.db.models import Notification, User
    from plancockpit.services.followup import notifications

    engine, ids = world

    def inbox(s: Any, name: str) -> list[str]:
        uid = s.scalar(select(User.id).where(User.name == name))
        return [
            n.kind
            for n in s.scalars(
                select(Notification).where(Notification.user_id == uid).order_by(Notification.id)
            )
        ]

    with transaction(engine) as s:
        item = sv.open_item(
            s,
            target_id=ids["t_gdp"],
            ask="说明滞后原因",
            due_date=TODAY,
            by="planner",
            lead_units=["区卫健局"],
        )
        assert inbox(s, "health") == ["item_assigned"] and inbox(s, "hr") == []
        note = s.scalars(select(Notification).join(User).where(User.name == "health")).one()
        assert note.link == f"/supervision/{item.id}"
        assert "已交办区卫健局" in notifications.text(note.kind, note.params, "zh")
        sv.answer(s, item.id, by="health", explanation="原因", measures="措施")
        assert inbox(s, "planner") == ["item_answered"]
        sv.return_item(s, item.id, by="planner", reason="请补充数据")
        sv.answer(s, item.id, by="health", explanation="原因", measures="措施，已补充")
        sv.close(s, item.id, by="planner")
        assert inbox(s, "health") == ["item_assigned", "item_returned", "item_closed"]
        assert inbox(s, "planner") == ["item_answered", "item_answered"]
