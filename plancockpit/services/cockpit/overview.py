"""The overview page (驾驶舱首页): tiles, status by domain and by lead unit, laggards, news."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Observation, Region, Target
from plancockpit.services.cockpit.assess import STATUSES
from plancockpit.services.cockpit.common import (
    fact_dict,
    hide_unpublished_documents,
    known_period,
    period_counted,
    period_status,
    published_facts,
)
from plancockpit.services.cockpit.documents import document_row
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.regions import unit_counts
from plancockpit.services.opendata.publishing import published_indicators

BINDING = "约束性"
CHANGED = ("raised", "lowered", "deadline_moved", "attribute_changed")


def _groups(session: Session, column: Any, status: Any, where: Any) -> dict[str, dict[str, int]]:
    """Status counts per value of `column` among the facts `where` picks (superseded targets,
    history, are left out)."""
    stmt = select(column, status, func.count()).where(where).group_by(column, status)
    groups: dict[str, dict[str, int]] = {}
    for key, state, n in session.execute(stmt):
        if state in STATUSES:
            groups.setdefault(key or "", {s: 0 for s in STATUSES})[state] = n
    return groups


def _ranked(groups: dict[str, dict[str, int]], top: int) -> list[dict[str, Any]]:
    ordered = sorted(groups.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    rows = [{"name": k, "counts": v, "total": sum(v.values())} for k, v in ordered]
    return rows[:top]


def overview_data(
    session: Session,
    *,
    period: str = "current",
    lagging: int = 10,
    public: bool = False,
    tallies: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the overview shows, for the targets of `period` (current | all | history;
    `common.PERIODS`); the API route returns it as is. `public`: only published indicators and
    documents (the public view). `tallies`: what `fact_tallies` gave for the same arguments (a
    process's cache of it), copied here, never changed; read from the facts when None. The
    rest — documents, regions, what a revised target was, which documents are published — is
    read every time: cheap, and not derived from the facts."""
    period = known_period(period)
    if tallies is None:
        tallies = fact_tallies(session, period=period, lagging=lagging, public=public)
    facts = copy.deepcopy(tallies)
    revisions = facts["revisions"]
    revised_from = _revised_from(session, [r["target_id"] for r in revisions])
    for r in revisions:
        r["previous_value"] = revised_from.get(r["target_id"])
    documents = session.scalars(
        select(Document)
        .where(Document.published.is_(True) if public else true())
        .order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
        .limit(5)
    )

    def shown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return hide_unpublished_documents(session, rows) if public else rows

    return {
        **scope(session, public=public),
        "period": period,
        "tiles": facts["tiles"],
        "by_domain": facts["by_domain"],
        "by_unit": facts["by_unit"],
        "lagging": shown(facts["lagging"]),
        "revisions": shown(revisions),
        "documents": [document_row(d, public=public) for d in documents],
    }


def fact_tallies(
    session: Session, *, period: str = "current", lagging: int = 10, public: bool = False
) -> dict[str, Any]:
    """The part of the overview read from the facts alone — tiles, status by domain and by lead
    unit, the lagging and the revised targets' fact rows. Its aggregates read every fact
    (≈ 50 ms on PostgreSQL at province scale), so the web keeps it per process until the facts'
    version (or, `public`, what is published) moves."""
    period = known_period(period)
    seen = published_facts() if public else true()
    counted, status = period_counted(period) & seen, period_status(period)
    by_domain = _groups(session, TargetFact.domain, status, counted)
    # the status counts are the domains' summed: one aggregate over every fact fewer (≈ 10 ms)
    counts = {s: sum(g[s] for g in by_domain.values()) for s in STATUSES}
    total = sum(counts.values())
    with_data = total - counts["no_data"] - counts["not_yet_due"]
    binding_not_green = (
        session.scalar(
            select(func.count()).where(
                counted, TargetFact.attribute == BINDING, TargetFact.light != "green"
            )
        )
        or 0
    )
    lag_ids = lagging_ids(session, counted, status, lagging)
    lag_rows = sorted(
        session.scalars(select(TargetFact).where(TargetFact.target_id.in_(lag_ids))),
        key=lambda f: lag_ids.index(f.target_id),
    )
    revisions = session.scalars(
        select(TargetFact)
        .where(seen, TargetFact.revision.in_(CHANGED))
        .order_by(TargetFact.document_id.desc(), TargetFact.target_id)
        .limit(lagging)
    )
    return {
        "tiles": {
            "total": total,
            "by_status": counts,
            "share_on_track": round((counts["achieved"] + counts["on_track"]) / with_data, 4)
            if with_data
            else None,
            "with_data": with_data,
            "binding_not_green": binding_not_green,
            "data_missing": counts["no_data"],
        },
        "by_domain": _ranked(by_domain, top=20),
        "by_unit": _ranked(unit_counts(session, period, where=seen if public else None), top=15),
        "lagging": [fact_dict(r) for r in lag_rows],
        "revisions": [fact_dict(r) for r in revisions],
    }


def _revised_from(session: Session, target_ids: list[int]) -> dict[int, float | None]:
    """target id → the value of the target it revises (None: it revises none)."""
    if not target_ids:
        return {}
    prev = session.execute(
        select(Target.id, Target.revises_id).where(Target.id.in_(target_ids))
    ).all()
    earlier = {p for _, p in prev if p}
    values = dict(
        session.execute(select(Target.id, Target.value).where(Target.id.in_(earlier))).all()
    )
    return {tid: values.get(p) if p else None for tid, p in prev}


def lagging_ids(session: Session, counted: Any, status: Any, limit: int) -> list[int]:
    """The `limit` most lagging targets by importance: binding targets first, missed before at
    risk, then the least progress (none last), then by id. Read group by group, each along the
    (status, progress) index and stopping at `limit`, instead of sorting every lagging target
    by computed keys (60 ms at province scale)."""
    ids: list[int] = []
    for binding in (TargetFact.attribute == BINDING, TargetFact.attribute != BINDING):
        for state in ("off_track", "at_risk"):
            for measured in (TargetFact.progress.is_not(None), TargetFact.progress.is_(None)):
                if len(ids) >= limit:
                    return ids
                ids.extend(
                    session.scalars(
                        select(TargetFact.target_id)
                        .where(counted, status == state, binding, measured)
                        .order_by(TargetFact.progress, TargetFact.target_id)
                        .limit(limit - len(ids))
                    )
                )
    return ids


def scope(session: Session, *, public: bool = False) -> dict[str, Any]:
    """What every page's header names: the top regions (at most 3 by name, and how many there
    are) and "数据截至" (`data_as_of`; `public`: of published indicators)."""
    top = Region.parent_id.is_(None)
    return {
        "regions": list(
            session.scalars(select(Region.name).where(top).order_by(Region.id).limit(3))
        ),
        "region_count": session.scalar(select(func.count()).where(top)) or 0,
        "data_as_of": data_as_of(session, public=public),
    }


def data_as_of(session: Session, *, public: bool = False) -> dict[str, int | None] | None:
    """The latest period any actual value is for ({"year", "month"}; month None for a whole
    year): what "数据截至" names (`public`: of published indicators)."""
    seen = Observation.indicator_id.in_(published_indicators()) if public else true()
    year = session.scalar(select(func.max(Observation.year)).where(seen))
    if year is None:
        return None
    month = session.scalar(
        select(func.max(Observation.month)).where(seen, Observation.year == year)
    )
    whole = session.scalar(
        select(Observation.id)
        .where(seen, Observation.year == year, Observation.month.is_(None))
        .limit(1)
    )
    return {"year": year, "month": None if whole is not None else month}
