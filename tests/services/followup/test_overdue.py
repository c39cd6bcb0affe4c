"""The overdue sweep, on SQLite and PostgreSQL with an injected date: an item whose unit has not
answered by its due date, and a round with values still owed after its due date, notify the
unit (the towns) and the planner once — never twice, again only for a new due date — and by
e-mail through a real local SMTP server when one is set; the worker's pace is its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Notification, Target, User
from plancockpit.services.access.users import set_ties
from plancockpit.services.followup import notifications
from plancockpit.services.followup import supervision as sv
from plancockpit.services.followup.mail import MailSettings
from plancockpit.services.followup.overdue import Sweeper, sweep, sweep_and_mail
from plancockpit.services.followup.round_values import Value, fill
from plancockpit.services.followup.rounds import close_round, open_round
from tests.services.roundcase import build
from tests.services.smtpcase import Inbox, local_smtp

D0 = date(2026, 3, 2)  # "today" when things are opened; the sweep is told its own day
DUE = D0 + timedelta(days=5)


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    yield from local_smtp()


def _told(s: Session, name: str, kind: str) -> list[dict[str, object]]:
    uid = s.scalar(select(User.id).where(User.name == name))
    return [
        n.params
        for n in s.scalars(
            select(Notification)
            .where(Notification.user_id == uid, Notification.kind == kind)
            .order_by(Notification.id)
        )
    ]


def _item(s: Session, ids: dict[str, int]) -> int:
    target = s.scalar(
        select(Target.id).where(
            Target.indicator_id == ids["gdp"], Target.region_id == ids["district"]
        )
    )
    assert target is not None
    return sv.open_item(s, target_id=target, ask="请说明", due_date=DUE, by="planner", today=D0).id


def test_an_unanswered_item_is_told_once_to_its_unit_and_planner(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        item_id = _item(s, ids)
        assert sweep(s, DUE) == {"items": [], "rounds": []}  # due today: not yet overdue
        assert sweep(s, DUE + timedelta(days=1)) == {"items": [item_id], "rounds": []}
        assert sweep(s, DUE + timedelta(days=2)) == {"items": [], "rounds": []}  # never twice
        [told] = _told(s, "fgj", "item_overdue")  # 区发改局 by its alias 区发展和改革局
        assert told["id"] == item_id and told["due"] == DUE.isoformat()
        assert len(_told(s, "planner", "item_overdue")) == 1
        assert _told(s, "wjj", "item_overdue") == [] and _told(s, "east", "item_overdue") == []
        note = s.scalars(select(Notification).where(Notification.kind == "item_overdue")).first()
        assert note is not None and note.link == f"/supervision/{item_id}"
        assert "已超过办结期限2026-03-07" in notifications.text(note.kind, note.params, "zh")
        assert "is overdue: it was due 2026-03-07" in notifications.text(
            note.kind, note.params, "en"
        )


def test_an_answered_or_closed_item_is_not_told_a_reopened_one_is_for_its_new_date(
    db_engine: Engine,
) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        item_id = _item(s, ids)
        sv.answer(s, item_id, by="fgj", explanation="a", measures="b", today=D0)
        assert (
            sweep(s, DUE + timedelta(days=1))["items"] == []
        )  # the planner's turn, not the unit's
        sv.close(s, item_id, by="planner")
        assert sweep(s, DUE + timedelta(days=1))["items"] == []
        new_due = DUE + timedelta(days=20)
        sv.reopen(s, item_id, by="planner", reason="数据再次下滑", due_date=new_due, today=D0)
        assert sweep(s, new_due)["items"] == []
        assert sweep(s, new_due + timedelta(days=1))["items"] == [item_id]
        assert sweep(s, new_due + timedelta(days=9))["items"] == []
        assert [p["due"] for p in _told(s, "fgj", "item_overdue")] == [new_due.isoformat()]


def test_a_round_past_due_tells_those_still_owing_and_the_planner_once(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        rid = open_round(
            s,
            title="2025年度填报",
            period_kind="year",
            year=2025,
            number=None,
            due=DUE,
            by="planner",
            today=D0,
        )["id"]
        fill(s, rid, by="wjj", values=[Value(ids["care"], 3.1, None)])  # 区卫健局 is done
        other = open_round(
            s,
            title="已结束",
            period_kind="year",
            year=2024,
            number=None,
            due=DUE,
            by="planner",
            today=D0,
        )["id"]
        close_round(s, other, by="planner")
        assert sweep(s, DUE)["rounds"] == []
        assert sweep(s, DUE + timedelta(days=1))["rounds"] == [rid]  # the closed round: nothing
        assert sweep(s, DUE + timedelta(days=3))["rounds"] == []
        assert [p["count"] for p in _told(s, "fgj", "round_overdue")] == [1]  # the district's GDP
        assert [p["count"] for p in _told(s, "east", "round_overdue")] == [1]  # 东镇's GDP
        assert [p["count"] for p in _told(s, "planner", "round_overdue")] == [2]  # all still owed
        assert _told(s, "wjj", "round_overdue") == [] and _told(s, "west", "round_overdue") == []


def test_the_sweep_e_mails_what_it_tells(db_engine: Engine, smtp: Inbox) -> None:
    with transaction(db_engine) as s:
        ids = build(s)
        set_ties(s, "fgj", email="fgj@example.org")
        item_id = _item(s, ids)
    mail = MailSettings("127.0.0.1", smtp.port)
    assert len(smtp.wait(1)) == 0  # opening an item from a service does not mail by itself
    done = sweep_and_mail(db_engine, mail, DUE + timedelta(days=1))
    assert done["items"] == [item_id] and done["e_mailed"] == 1 and done["notifications"] == 2
    [sent] = smtp.wait(1)
    body = sent.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    assert (
        sent["To"] == "fgj@example.org" and f"督办事项#{item_id}" in body and "is overdue" in body
    )
    assert sweep_and_mail(db_engine, mail, DUE + timedelta(days=2))["e_mailed"] == 0


def test_the_worker_sweeps_at_its_own_pace(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        _item(s, build(s))
    clock = [1000.0]
    sweeper = Sweeper(
        db_engine,
        None,
        every_seconds=600,
        clock=lambda: clock[0],
        today=lambda: DUE + timedelta(days=1),
    )
    first = sweeper()
    assert first is not None and len(first["items"]) == 1
    clock[0] += 599
    assert sweeper() is None  # too soon: not even a look
    clock[0] += 1
    again = sweeper()
    assert again is not None and again["items"] == [] and again["notifications"] == 0


def test_two_sweeps_at_once_tell_no_one_twice(db_engine: Engine, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer: a second sweep waits for the first to commit")
    from sqlalchemy.orm import Session as OrmSession

    with transaction(db_engine) as s:
        _item(s, build(s))
    day = DUE + timedelta(days=1)
    with OrmSession(db_engine) as first, OrmSession(db_engine) as second:
        assert len(sweep(first, day)["items"]) == 1  # holds the item's row, not yet committed
        assert sweep(second, day)["items"] == []  # passes over it instead of telling again
        first.commit()
        second.commit()
    with transaction(db_engine) as s:
        assert sweep(s, day)["items"] == []
        assert len(_told(s, "fgj", "item_overdue")) == 1
