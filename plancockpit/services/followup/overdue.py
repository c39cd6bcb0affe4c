"""The overdue sweep: tell the lead unit (and the planner who opened it) once when a supervision
item's due date passes unanswered, and the units and towns still owing values (and the planner)
once when a round's due date passes. The rule is `supervise.overdue`; this module reads, notifies
(the inbox, and e-mail when an SMTP server is set) and stores what was told.

It runs from `plancockpit supervise sweep` (for cron), from `plancockpit worker` at most once per
`PLANCOCKPIT_SWEEP_MINUTES`, and when the app starts. Running it again changes nothing, and two
sweeps at once tell no one twice: the rows read are locked (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, where a second sweep passes over what the first holds; on SQLite the sweep runs in
the single writer's transaction).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Round, SupervisionItem, SupervisionTransition
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.followup import notifications
from plancockpit.services.followup.mail import MailSettings, send, take_pending
from plancockpit.services.followup.rounds import LATE_STATES
from plancockpit.supervise.overdue import ITEM_OWED, ROUND_OPEN, Dated, newly_overdue

log = logging.getLogger(__name__)


def planner_of(session: Session, item: SupervisionItem) -> list[int]:
    """The planner who opened the item: its opener, or for a proposal the one who confirmed it."""
    opener = session.scalar(
        select(SupervisionTransition.actor)
        .where(SupervisionTransition.item_id == item.id, SupervisionTransition.to_state == "open")
        .order_by(SupervisionTransition.id)
        .limit(1)
    )
    return notifications.user_id(session, opener or item.opened_by)


def _items(session: Session, today: date) -> list[int]:
    rows = session.execute(
        select(
            SupervisionItem.id,
            SupervisionItem.state,
            SupervisionItem.due_date,
            SupervisionItem.overdue_notified_for,
        )
        .where(SupervisionItem.state.in_(ITEM_OWED), SupervisionItem.due_date < today)
        .with_for_update(skip_locked=True)
    )
    ids = newly_overdue((Dated(*r) for r in rows), today, ITEM_OWED)
    for item_id in ids:
        item = session.get_one(SupervisionItem, item_id)
        fact = session.get(TargetFact, item.target_id)
        units = [str(u) for u in item.lead_units or []]
        users = [u for unit in units for u in notifications.owners(session, unit, None)]
        notifications.notify(
            session,
            [*users, *planner_of(session, item)],
            "item_overdue",
            link=f"/supervision/{item.id}",
            params={
                "id": item.id,
                "indicator": fact.indicator_name if fact else "",
                "due": item.due_date.isoformat() if item.due_date else "",
                "units": "、".join(units),
            },
        )
        item.overdue_notified_for = item.due_date
    return ids


def _rounds(session: Session, today: date) -> list[int]:
    rows = session.execute(
        select(Round.id, Round.state, Round.due_date, Round.overdue_notified_for)
        .where(Round.state.in_(ROUND_OPEN), Round.due_date < today)
        .with_for_update(skip_locked=True)
    )
    ids = newly_overdue((Dated(*r) for r in rows), today, ROUND_OPEN)
    for round_id in ids:
        rnd = session.get_one(Round, round_id)
        owing: dict[int, int] = {}
        late = [it for it in rnd.items if it.state in LATE_STATES]
        for it in late:
            for uid in notifications.owners(
                session, it.unit if it.region_id is None else None, it.region_id
            ):
                owing[uid] = owing.get(uid, 0) + 1
        for uid in notifications.user_id(session, rnd.opened_by):
            owing.setdefault(uid, len(late))
        params = {"round": rnd.title, "due": rnd.due_date.isoformat()}
        for uid, count in owing.items() if late else ():
            notifications.notify(
                session,
                [uid],
                "round_overdue",
                link=f"/rounds/{rnd.id}",
                params=params | {"count": count},
            )
        rnd.overdue_notified_for = rnd.due_date
    return ids


def sweep(session: Session, today: date | None = None) -> dict[str, list[int]]:
    """Notify what is newly overdue on `today` (default: today); the ids of the items and rounds
    told of. Idempotent: what was told of is stored, and not told again for the same due date."""
    today = today or date.today()
    out = {"items": _items(session, today), "rounds": _rounds(session, today)}
    session.flush()
    return out


def sweep_and_mail(
    engine: Engine, mail: MailSettings | None, today: date | None = None
) -> dict[str, Any]:
    """Sweep in a transaction of its own, then e-mail what it notified (best effort)."""
    with transaction(engine) as session:
        done: dict[str, Any] = dict(sweep(session, today))
        pending = take_pending(session)
    done["notifications"] = len(pending)
    done["e_mailed"] = send(engine, mail, pending)
    return done


class Sweeper:
    """Runs `sweep_and_mail` at most once per `every_seconds` (from a worker's loop); a failure
    is logged and tried again at the next turn."""

    def __init__(
        self,
        engine: Engine,
        mail: MailSettings | None,
        every_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.engine, self.mail, self.every = engine, mail, every_seconds
        self.clock, self.today = clock, today
        self.last: float | None = None

    def __call__(self) -> dict[str, Any] | None:
        now = self.clock()
        if self.last is not None and now - self.last < self.every:
            return None
        try:
            done = sweep_and_mail(self.engine, self.mail, self.today())
        except Exception:  # noqa: BLE001 - the database away for a moment: the next turn tries again
            log.exception("the overdue sweep failed")
            return None
        self.last = now
        if done["items"] or done["rounds"]:
            log.info(
                "overdue: %d item(s), %d round(s) notified", len(done["items"]), len(done["rounds"])
            )
        return done
