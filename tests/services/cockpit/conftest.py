"""Fixtures of the cockpit service tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.services.cockpit.facts import TargetFact, TargetUnitFact

Facts = list[tuple[Any, ...]]


def _stored_facts(engine: Engine) -> Facts:
    with transaction(engine, write=False) as s:
        facts = s.execute(
            select(
                TargetFact.target_id,
                TargetFact.indicator_id,
                TargetFact.status,
                TargetFact.progress,
                TargetFact.value,
                TargetFact.latest_value,
                TargetFact.superseded,
            ).order_by(TargetFact.target_id)
        ).all()
        units = s.execute(
            select(TargetUnitFact.target_id, TargetUnitFact.unit, TargetUnitFact.status).order_by(
                TargetUnitFact.target_id, TargetUnitFact.unit
            )
        ).all()
    return [tuple(r) for r in facts] + [tuple(u) for u in units]


@pytest.fixture
def stored_facts() -> Callable[[Engine], Facts]:
    """What the facts tables hold, in an order two refreshes can be compared in: each target's
    status, progress and values, then its lead units' rows."""
    return _stored_facts
