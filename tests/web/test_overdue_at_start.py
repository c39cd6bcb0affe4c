"""The app notifies what became overdue while it was down as it starts (PLANCOCKPIT_SWEEP_MINUTES
> 0), once: a second start tells no one again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Notification
from plancockpit.services.followup import supervision as sv
from plancockpit.services.jobs.queue import JobSettings


def _overdue_notices(url: str) -> int:
    engine = open_database(url)
    with transaction(engine) as s:
        n = len(s.scalars(select(Notification).where(Notification.kind == "item_overdue")).all())
    engine.dispose()
    return n


def test_the_app_sweeps_when_it_starts(
    seeded: dict[str, Any], make_client: Callable[..., TestClient]
) -> None:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        past = date.today() - timedelta(days=2)
        sv.open_item(
            s,
            target_id=seeded["ids"]["t_gdp2"],
            ask="请说明",
            due_date=past,
            by="planner",
            today=past,
        )
    engine.dispose()
    with make_client(seeded["url"], jobs=JobSettings(sweep_minutes=0)):
        pass
    assert _overdue_notices(seeded["url"]) == 0  # the sweep turned off
    for _ in range(2):
        with make_client(seeded["url"]):
            pass
    assert _overdue_notices(seeded["url"]) == 1  # the planner who opened it, once
