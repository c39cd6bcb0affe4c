"""Region pages (区 → 镇街 → 村社) and lead unit pages: status counts and their targets."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from plancockpit.db.models import Region, Unit
from plancockpit.services.cockpit.assess import STATUSES
from plancockpit.services.cockpit.common import (
    NotFound,
    as_dict,
    fact_dict,
    known_period,
    period_counted,
    period_rows,
    period_status,
)
from plancockpit.services.cockpit.facts import TargetFact, TargetUnitFact


def _zero() -> dict[str, int]:
    return {s: 0 for s in STATUSES}


def unit_counts(
    session: Session, period: str = "current", where: Any = None
) -> dict[str, dict[str, int]]:
    """Status counts per lead unit for the targets of `period` (and `where` on the target facts,
    e.g. the public view's published ones): from the unit facts for current targets, else from
    each target's own list of units (the unit facts hold current ones only)."""
    counts: dict[str, dict[str, int]] = defaultdict(_zero)
    seen = true() if where is None else where
    if period == "current":
        for unit, status, n in session.execute(
            select(TargetUnitFact.unit, TargetUnitFact.status, func.count())
            .where(
                TargetUnitFact.target_id.in_(select(TargetFact.target_id).where(seen))
                if where is not None
                else true()
            )
            .group_by(TargetUnitFact.unit, TargetUnitFact.status)
        ):
            if status in STATUSES:
                counts[unit][status] += n
        return dict(counts)
    rows = session.execute(
        select(TargetFact.lead_units, period_status(period)).where(
            period_counted(period), seen, TargetFact.lead_units != ""
        )
    )
    for units, status in rows:
        for unit in dict.fromkeys(u for u in units.split("|") if u):
            if status in STATUSES:
                counts[unit][status] += 1
    return dict(counts)


def _subtree_counts(
    session: Session, period: str = "current"
) -> tuple[dict[int, Region], dict[int | None, list[int]], dict[int, dict[str, int]]]:
    """Regions by id, children by parent, and status counts of each region's whole subtree."""
    regions = {r.id: r for r in session.scalars(select(Region).order_by(Region.code))}
    children: dict[int | None, list[int]] = defaultdict(list)
    for r in regions.values():
        children[r.parent_id if r.parent_id in regions else None].append(r.id)
    own: dict[int, dict[str, int]] = defaultdict(_zero)
    status_of = period_status(period)
    stmt = (
        select(TargetFact.region_id, status_of, func.count())
        .where(period_counted(period))
        .group_by(TargetFact.region_id, status_of)
    )
    for rid, status, n in session.execute(stmt):
        if rid is not None and status in STATUSES:
            own[rid][status] += n
    total: dict[int, dict[str, int]] = {}

    def walk(rid: int) -> dict[str, int]:
        counts = dict(own.get(rid) or _zero())
        for child in children.get(rid, []):
            for k, v in walk(child).items():
                counts[k] += v
        total[rid] = counts
        return counts

    for root in children.get(None, []):
        walk(root)
    return regions, children, total


def _row(r: Region, counts: dict[str, int]) -> dict[str, Any]:
    return {**as_dict(r), "counts": counts, "total": sum(counts.values())}


def region_list(session: Session, *, period: str = "current") -> dict[str, Any]:
    """The top of the hierarchy (usually the district) with subtree counts."""
    period = known_period(period)
    regions, children, total = _subtree_counts(session, period)
    return {
        "items": [_row(regions[i], total[i]) for i in children.get(None, [])],
        "total": len(regions),
        "period": period,
    }


def region_detail(
    session: Session, region_id: int, *, period: str = "current", limit: int = 100
) -> dict[str, Any]:
    """A region, its ancestors (breadcrumb), its children with counts and its own targets (of
    `period`: current | all | history)."""
    period = known_period(period)
    regions, children, total = _subtree_counts(session, period)
    if region_id not in regions:
        raise NotFound("region", region_id)
    r = regions[region_id]
    trail: list[dict[str, Any]] = []
    parent = r.parent_id
    while parent is not None and parent in regions and len(trail) < 10:
        trail.insert(0, as_dict(regions[parent]))
        parent = regions[parent].parent_id
    targets = session.scalars(
        select(TargetFact)
        .where(period_rows(period), TargetFact.region_id == region_id)
        .order_by(TargetFact.indicator_name, TargetFact.target_id)
        .limit(limit)
    )
    return {
        "period": period,
        "region": _row(r, total[region_id]),
        "ancestors": trail,
        "children": [_row(regions[c], total[c]) for c in children.get(region_id, [])],
        "targets": [fact_dict(f) for f in targets],
    }


def unit_list(session: Session, *, period: str = "current") -> dict[str, Any]:
    """Every lead unit named by a target (and every known unit), with status counts of the
    targets of `period`."""
    period = known_period(period)
    counts = unit_counts(session, period)
    known = {u.name: u for u in session.scalars(select(Unit))}
    names = sorted(
        set(counts) | set(known), key=lambda n: (-sum(counts[n].values()) if n in counts else 0, n)
    )
    items = [
        {
            "name": n,
            "id": known[n].id if n in known else None,
            "full_name": known[n].full_name if n in known else "",
            "counts": counts[n] if n in counts else _zero(),
            "total": sum(counts[n].values()) if n in counts else 0,
        }
        for n in names
    ]
    return {
        "items": items,
        "total": len(items),
        "unassigned": unassigned(session),
        "period": period,
    }


def unassigned(session: Session, limit: int = 30) -> list[dict[str, Any]]:
    """Indicators whose current targets have no lead unit, binding ones first, then those with
    the most targets: what a planner should give a unit (on the indicator's page)."""
    binding = func.max(case((TargetFact.attribute == "约束性", 1), else_=0))
    rows = session.execute(
        select(TargetFact.indicator_id, TargetFact.indicator_name, func.count(), binding)
        .where(period_rows("current"), TargetFact.lead_units == "")
        .group_by(TargetFact.indicator_id, TargetFact.indicator_name)
        .order_by(binding.desc(), func.count().desc(), TargetFact.indicator_name)
        .limit(limit)
    )
    return [{"id": i, "name": n, "targets": c, "binding": bool(b)} for i, n, c, b in rows]


def unit_detail(
    session: Session, name: str, *, period: str = "current", limit: int = 200
) -> dict[str, Any]:
    """One lead unit: its status counts and its targets of `period` (by the unit's name as
    targets cite it)."""
    period = known_period(period)
    unit = session.scalar(select(Unit).where(Unit.name == name))
    cites = TargetFact.lead_units.contains(f"|{name}|", autoescape=True)
    facts = list(
        session.scalars(
            select(TargetFact)
            .where(period_rows(period), cites)
            .order_by(period_status(period), TargetFact.indicator_name, TargetFact.target_id)
            .limit(limit)
        )
    )
    if unit is None and not facts and not session.scalar(select(func.count()).where(cites)):
        raise NotFound("unit", name)
    counts = _zero() | unit_counts_of(session, name, period)
    return {
        "period": period,
        "unit": as_dict(unit)
        if unit
        else {"name": name, "id": None, "full_name": "", "aliases": []},
        "counts": counts,
        "total": sum(counts.values()),
        "targets": [fact_dict(f) for f in facts],
    }


def unit_counts_of(session: Session, name: str, period: str) -> dict[str, int]:
    """One unit's status counts for `period`."""
    if period == "current":
        stmt = (
            select(TargetUnitFact.status, func.count())
            .where(TargetUnitFact.unit == name)
            .group_by(TargetUnitFact.status)
        )
    else:
        status = period_status(period)
        stmt = (
            select(status, func.count())
            .where(
                period_counted(period), TargetFact.lead_units.contains(f"|{name}|", autoescape=True)
            )
            .group_by(status)
        )
    return {s: n for s, n in session.execute(stmt) if s in STATUSES}


def get_unit_name(session: Session, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    return unit.name
