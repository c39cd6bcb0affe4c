"""Values in a reporting round: filled by whoever owes them, approved or returned by the lead unit.

A lead unit's own value (the indicator's own region) counts at once: it is stored as an
observation (source `round N`, entered by the person) and the item is approved. A town's value
is kept on the item until the indicator's lead unit approves it; only then is it written as an
observation, so evaluation never sees an unapproved value. Returned values are filled again.

A reporter fills what its unit or town owes (`services/access/scope.py`); planners and admins may fill
and approve any value. Every call checks all its values before changing anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Region, Round, RoundItem, Target
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.services.access import scope
from plancockpit.services.access.users import storable
from plancockpit.services.actuals import observations
from plancockpit.services.followup import notifications
from plancockpit.services.followup.rounds import (
    get_round,
    item_row,
    lead_units,
    obs_period,
    period_label,
)

MAX_REASON = 500


@dataclass(frozen=True)
class Value:
    """A value filled for an indicator of a round (`region_id`: a town's, else the lead unit's)."""

    indicator_id: int
    value: float
    region_id: int | None = None


def _open(session: Session, round_id: int) -> Round:
    rnd = get_round(session, round_id)
    if rnd.state != "open":
        raise Invalid(f"round {round_id} is closed / 该填报轮次已结束")
    return rnd


def _region_name(session: Session, region_id: int | None) -> str:
    region = session.get(Region, region_id) if region_id is not None else None
    return region.name if region else ""


def _item_for(session: Session, rnd: Round, v: Value) -> RoundItem:
    ind = session.get(Indicator, v.indicator_id)
    region = (
        v.region_id if v.region_id is not None and ind and v.region_id != ind.region_id else None
    )
    for item in rnd.items:
        if item.indicator_id == v.indicator_id and item.region_id == region:
            return item
    what = ind.name if ind else f"indicator {v.indicator_id}"
    where = f" for {_region_name(session, region) or region}" if region is not None else ""
    raise Invalid(f"{what}{where} is not in round {rnd.id} / 该指标（或地区）不在本轮填报范围内")


def _check_filler(session: Session, reach: scope.WriteScope | None, item: RoundItem) -> None:
    """Raise `Forbidden` unless the item is the user's to fill."""
    if reach is None:
        return
    town = item.region_id is not None
    if (item.region_id in reach.region_ids) if town else (item.unit in reach.unit_names):
        return
    ind = session.get(Indicator, item.indicator_id)
    owner = _region_name(session, item.region_id) if town else item.unit
    tied = reach.label or "no unit or region / 未关联单位或区域"
    raise Forbidden(
        f"{reach.user} fills values for {tied} only; {ind.name if ind else item.indicator_id} "
        f"is owed by {owner} / 只能填报本单位或本区域的指标"
    )


def fill(
    session: Session, round_id: int, *, by: str | None, values: Sequence[Value]
) -> list[dict[str, Any]]:
    """Fill values of a round (all checked first: one bad value refuses them all)."""
    rnd = _open(session, round_id)
    if not values:
        raise Invalid("no values to fill / 没有填报数据")
    reach = scope.scope_of(session, by)
    chosen: list[tuple[RoundItem, float]] = []
    for v in values:
        if not math.isfinite(v.value):
            raise Invalid(f"value {v.value!r} is not a finite number / 数值须为有限数")
        item = _item_for(session, rnd, v)
        _check_filler(session, reach, item)
        if item.state == "approved":
            raise Invalid(
                f"indicator {item.indicator_id} is already approved in round {rnd.id} / 该数据已审核通过"
            )
        if any(item is seen for seen, _ in chosen):
            raise Invalid(f"indicator {item.indicator_id} is given twice / 同一指标重复填报")
        chosen.append((item, v.value))
    return [_store(session, rnd, item, value, by or "") for item, value in chosen]


def _store(session: Session, rnd: Round, item: RoundItem, value: float, by: str) -> dict[str, Any]:
    ind = session.get(Indicator, item.indicator_id)
    assert ind is not None
    item.value, item.value_unit = value, ind.unit
    item.filled_by, item.filled_at, item.return_reason = by, notifications.now(), None
    if item.region_id is None:  # the lead unit's own value counts at once
        _count(session, rnd, item, ind, approver=by)
    else:
        item.state = "filled"
        notifications.notify(
            session,
            notifications.owners(session, item.unit, None),
            "value_submitted",
            link="/todo#approvals",
            params=_params(session, rnd, item, ind),
        )
    session.flush()
    return _row(session, rnd, item, ind)


def _count(session: Session, rnd: Round, item: RoundItem, ind: Indicator, *, approver: str) -> None:
    """Write the item's value as an observation (the same value already stored is reused)."""
    year, month = obs_period(rnd.period_kind, rnd.period_year, rnd.period_number)
    region = item.region_id if item.region_id is not None else ind.region_id
    assert item.value is not None
    added = observations.add_observation(
        session,
        indicator_id=ind.id,
        year=year,
        month=month,
        value=item.value,
        unit=ind.unit,
        basis=item.basis,
        region_id=region,
        source_file=f"round {rnd.id}",
        entered_by=item.filled_by or approver or None,
    )
    obs = (
        added.observation
        or session.scalars(
            select(Observation)
            .where(
                Observation.indicator_id == ind.id,
                Observation.year == year,
                Observation.basis == item.basis,
                Observation.region_id.is_(None)
                if region is None
                else Observation.region_id == region,
                Observation.month.is_(None) if month is None else Observation.month == month,
                Observation.start_year.is_(None),
            )
            .order_by(Observation.id.desc())
        ).first()
    )
    item.observation_id = obs.id if obs else None
    item.state, item.approved_by, item.approved_at = "approved", approver, notifications.now()


def _approvable(
    session: Session, round_id: int, item_id: int, by: str | None
) -> tuple[Round, RoundItem, Indicator]:
    rnd = _open(session, round_id)
    item = session.get(RoundItem, item_id)
    if item is None or item.round_id != rnd.id:
        raise NotFound(f"item {item_id} is not in round {round_id} / 本轮没有该数据")
    ind = session.get(Indicator, item.indicator_id)
    assert ind is not None
    reach = scope.scope_of(session, by)
    if reach is not None:
        leads = set(
            lead_units(
                ind,
                session.scalars(
                    select(Target).where(Target.indicator_id == ind.id).order_by(Target.id)
                ),
            )
        )
        if not reach.unit_names & leads:
            raise Forbidden(
                f"{reach.user} approves values of the indicators its unit leads only; "
                f"{ind.name} is led by {'、'.join(sorted(leads)) or '-'} / 只能审核本单位牵头的指标"
            )
    if item.state != "filled":
        raise Invalid(
            f"only a filled value awaiting approval can be approved or returned; this one is "
            f"{item.state} / 只能审核已报送、待审核的数据"
        )
    return rnd, item, ind


def approve(session: Session, round_id: int, item_id: int, *, by: str | None) -> dict[str, Any]:
    """The lead unit approves a town's value: it is written as an observation and counts."""
    rnd, item, ind = _approvable(session, round_id, item_id, by)
    _count(session, rnd, item, ind, approver=by or "")
    notifications.notify(
        session,
        notifications.user_id(session, item.filled_by),
        "value_approved",
        link="/todo",
        params=_params(session, rnd, item, ind) | {"by": by or ""},
    )
    session.flush()
    return _row(session, rnd, item, ind)


def return_value(
    session: Session, round_id: int, item_id: int, *, by: str | None, reason: str
) -> dict[str, Any]:
    """The lead unit returns a town's value with a reason; the town fills it again."""
    reason = " ".join(reason.split())
    if not storable(reason):
        raise Invalid(
            "the reason has characters that cannot be stored / 退回理由含有无法保存的字符"
        )
    if not reason:
        raise Invalid("say why the value is returned / 请填写退回理由")
    if len(reason) > MAX_REASON:
        raise Invalid(f"the reason is longer than {MAX_REASON} characters / 退回理由过长")
    rnd, item, ind = _approvable(session, round_id, item_id, by)
    item.state, item.return_reason = "returned", reason
    to = [
        *notifications.user_id(session, item.filled_by),
        *notifications.owners(session, None, item.region_id),
    ]
    notifications.notify(
        session,
        to,
        "value_returned",
        link="/todo",
        params=_params(session, rnd, item, ind) | {"by": by or "", "reason": reason},
    )
    session.flush()
    return _row(session, rnd, item, ind)


def _params(session: Session, rnd: Round, item: RoundItem, ind: Indicator) -> dict[str, Any]:
    return {
        "round": rnd.title,
        "indicator": ind.name,
        "period": period_label(rnd.period_kind, rnd.period_year, rnd.period_number)[0],
        "owner": _region_name(session, item.region_id) or item.unit,
        "value": f"{item.value:g}{ind.unit}" if item.value is not None else "",
    }


def _row(session: Session, rnd: Round, item: RoundItem, ind: Indicator) -> dict[str, Any]:
    regions = {item.region_id: _region_name(session, item.region_id)} if item.region_id else {}
    return item_row(item, ind.name, regions, rnd, date.today())
