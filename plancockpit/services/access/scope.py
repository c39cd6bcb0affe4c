"""Whose values a user may enter. Admins and planners may enter any; a reporter tied to a lead
unit (区发改局) enters values for the indicators that unit leads, one tied to a region (a town)
for that region and the regions under it. A reporter tied to neither may enter none. The CLI
without a named user acts for the installation and is not limited."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Region, Target, Unit, User
from plancockpit.errors import Forbidden, NotFound

UNLIMITED_ROLES = ("admin", "planner")


@dataclass(frozen=True)
class WriteScope:
    """A reporter's reach: the names its unit goes by, and its region with those under it."""

    user: str
    unit_names: frozenset[str]
    region_ids: frozenset[int]
    label: str  # what the user is tied to, for messages: 区发改局 / 瓜沥镇


def allows(scope: WriteScope, lead_units: Collection[str], region_id: int | None) -> bool:
    """Whether a value of an indicator led by `lead_units`, for `region_id`, is the user's."""
    return bool(scope.unit_names & set(lead_units)) or region_id in scope.region_ids


def scope_of(session: Session, user_name: str | None) -> WriteScope | None:
    """The user's reach; None when unlimited (admins, planners, a name that is no user)."""
    user = session.scalar(select(User).where(User.name == (user_name or "")))
    if user is None or user.role in UNLIMITED_ROLES:
        return None
    return ties_of(session, user)


def ties_of(session: Session, user: User) -> WriteScope:
    """What a user is tied to, whatever its role (a planner tied to a unit sees that unit's
    to-do list): its unit's names, its region with those under it."""
    unit = session.get(Unit, user.unit_id) if user.unit_id is not None else None
    names = frozenset({unit.name, *(str(a) for a in unit.aliases or [])}) if unit else frozenset()
    regions = (
        _region_and_below(session, user.region_id) if user.region_id is not None else frozenset()
    )
    region = session.get(Region, user.region_id) if user.region_id is not None else None
    label = "、".join(n for n in (unit.name if unit else "", region.name if region else "") if n)
    return WriteScope(user.name, names, regions, label)


def check_value(
    session: Session, scope: WriteScope | None, indicator_id: int, region_id: int | None
) -> None:
    """Raise `Forbidden` when a value of this indicator and region is outside `scope`."""
    if scope is None:
        return
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound(f"indicator {indicator_id} not found / 指标不存在")
    units = {
        str(u)
        for lists in session.scalars(
            select(Target.lead_units).where(Target.indicator_id == indicator_id)
        )
        for u in lists or []
    }
    region = region_id if region_id is not None else ind.region_id
    if allows(scope, units, region):
        return
    if not scope.label:
        raise Forbidden(
            f"{scope.user} is tied to no lead unit or region, so may enter no values; "
            "an admin sets the tie / 账号未关联牵头单位或区域，不能填报"
        )
    led = "、".join(sorted(units)) or "no lead unit / 无牵头单位"
    raise Forbidden(
        f"{scope.user} enters values for {scope.label} only; {ind.name} is led by {led} "
        f"/ 只能填报本单位或本区域的指标"
    )


def _region_and_below(session: Session, region_id: int) -> frozenset[int]:
    children: dict[int | None, list[int]] = {}
    for rid, parent in session.execute(select(Region.id, Region.parent_id)):
        children.setdefault(parent, []).append(rid)
    found, todo = {region_id}, [region_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)
