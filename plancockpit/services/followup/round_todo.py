"""我的待办: what a user owes in the open rounds (with the last value before the round's period,
the target and its status) and the towns' values awaiting the approval of the user's unit."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Region, Round, RoundItem, Target, User
from plancockpit.services.access import scope
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.followup.rounds import item_row, lead_units, obs_period, round_row
from plancockpit.services.indicators.target_words import is_points, target_text


def todo(session: Session, user_name: str, today: date | None = None) -> dict[str, Any]:
    """{"owed": items the user's unit or town owes, "approvals": filled town values its unit
    approves (planners and admins: all)}, in open rounds."""
    user = session.scalar(select(User).where(User.name == user_name))
    if user is None:
        return {"owed": [], "approvals": [], "tied": ""}
    ties = scope.ties_of(session, user)
    day = today or date.today()
    rounds = {r.id: r for r in session.scalars(select(Round).where(Round.state == "open"))}
    items = list(
        session.scalars(
            select(RoundItem)
            .where(RoundItem.round_id.in_(list(rounds)))
            .order_by(RoundItem.round_id, RoundItem.id)
        )
    )
    inds = {
        i.id: i
        for i in session.scalars(
            select(Indicator).where(Indicator.id.in_({it.indicator_id for it in items}))
        )
    }
    regions = {rid: name for rid, name in session.execute(select(Region.id, Region.name))}
    mine = [
        it
        for it in items
        if (
            it.region_id in ties.region_ids
            if it.region_id is not None
            else it.unit in ties.unit_names
        )
    ]
    owed = [
        _owed_row(session, it, inds[it.indicator_id], rounds[it.round_id], regions, day)
        for it in mine
    ]
    everything = user.role in scope.UNLIMITED_ROLES
    approvals = []
    for it in items:
        if it.state != "filled":
            continue
        ind = inds[it.indicator_id]
        if everything or ties.unit_names & set(lead_units(ind, _targets(session, ind.id))):
            approvals.append(
                item_row(it, ind.name, regions, rounds[it.round_id], day)
                | {"round": round_row(rounds[it.round_id], day)}
            )
    return {"owed": owed, "approvals": approvals, "tied": ties.label}


def _targets(session: Session, indicator_id: int) -> list[Target]:
    return list(
        session.scalars(
            select(Target).where(Target.indicator_id == indicator_id).order_by(Target.id)
        )
    )


def _owed_row(
    session: Session,
    item: RoundItem,
    ind: Indicator,
    rnd: Round,
    regions: dict[int, str],
    day: date,
) -> dict[str, Any]:
    region = item.region_id if item.region_id is not None else ind.region_id
    year, month = obs_period(rnd.period_kind, rnd.period_year, rnd.period_number)
    return item_row(item, ind.name, regions, rnd, day) | {
        "round": round_row(rnd, day),
        "unit_of_value": ind.unit,
        "last": _last_value(session, ind.id, region, item.basis, year, month),
        **_target(session, ind, region),
    }


def _last_value(
    session: Session,
    indicator_id: int,
    region_id: int | None,
    basis: str,
    year: int,
    month: int | None,
) -> dict[str, Any] | None:
    """The latest value before the round's period (same region and basis), with its period."""
    before = (year, month or 13)
    rows = session.execute(
        select(Observation.year, Observation.month, Observation.value, Observation.unit).where(
            Observation.indicator_id == indicator_id,
            Observation.basis == basis,
            Observation.start_year.is_(None),
            Observation.region_id.is_(None)
            if region_id is None
            else Observation.region_id == region_id,
        )
    ).all()
    earlier = [r for r in rows if (r.year, r.month or 13) < before]
    if not earlier:
        return None
    last = max(earlier, key=lambda r: (r.year, r.month or 13))
    return {"year": last.year, "month": last.month, "value": last.value, "unit": last.unit}


def _target(session: Session, ind: Indicator, region_id: int | None) -> dict[str, Any]:
    """The current target for the region (else the indicator's), in words, with its status."""
    facts = list(
        session.scalars(
            select(TargetFact)
            .where(TargetFact.indicator_id == ind.id, TargetFact.superseded.is_(False))
            .order_by(TargetFact.deadline_year.desc(), TargetFact.target_id)
        )
    )
    fact = next((f for f in facts if f.region_id == region_id), facts[0] if facts else None)
    if fact is None:
        return {"target": "", "target_en": "", "status": "", "light": ""}
    zh, en = target_text(
        fact.comparator,
        fact.value,
        fact.value_max,
        fact.unit or ind.unit,
        fact.basis,
        points=is_points(fact.basis, fact.unit or "", ind.unit),
        years=(fact.deadline_year or 0) - (fact.baseline_year or (fact.deadline_year or 1) - 1),
    )
    deadline = f"（{fact.deadline_year}年）" if fact.deadline_year else ""
    return {
        "target": zh + deadline,
        "target_en": en + (f" ({fact.deadline_year})" if fact.deadline_year else ""),
        "status": fact.status,
        "light": fact.light,
    }
