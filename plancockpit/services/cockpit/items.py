"""Targets, observations and assessments as API lists and single items."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Target
from plancockpit.services.access import scope
from plancockpit.services.actuals import observations
from plancockpit.services.cockpit.common import (
    NotFound,
    TargetFilter,
    as_dict,
    assessed_status,
    fact_dict,
    hide_unpublished_documents,
    paginate,
)
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.public import shown
from plancockpit.services.opendata.publishing import published_indicators


def target_list(
    session: Session,
    *,
    indicator_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    public: bool = False,
) -> dict[str, Any]:
    """Targets by id (`public`: of published indicators, linking notes blanked)."""
    stmt = select(Target).order_by(Target.id)
    if indicator_id is not None:
        stmt = stmt.where(Target.indicator_id == indicator_id)
    if public:
        stmt = stmt.where(Target.indicator_id.in_(published_indicators()))
    return paginate(session, stmt, limit, offset, lambda t: shown("target", as_dict(t), public))


def _published(session: Session, indicator_id: int) -> bool:
    return bool(session.scalar(select(Indicator.published).where(Indicator.id == indicator_id)))


def get_target(session: Session, target_id: int, *, public: bool = False) -> dict[str, Any]:
    t = session.get(Target, target_id)
    if t is None or (public and not _published(session, t.indicator_id)):
        raise NotFound("target", target_id)
    row = shown("target", as_dict(t), public)
    fact = session.get(TargetFact, target_id)
    row["assessment"] = fact_dict(fact) if fact else None
    if public and row["assessment"]:
        hide_unpublished_documents(session, [row["assessment"]])
    return row


def observation_list(
    session: Session,
    *,
    indicator_id: int | None = None,
    region_id: int | None = None,
    year: int | None = None,
    limit: int = 50,
    offset: int = 0,
    public: bool = False,
) -> dict[str, Any]:
    """Observations (`public`: of published indicators, not naming who entered them)."""
    stmt = select(Observation).order_by(Observation.indicator_id, Observation.year, Observation.id)
    if public:
        stmt = stmt.where(Observation.indicator_id.in_(published_indicators()))
    if indicator_id is not None:
        stmt = stmt.where(Observation.indicator_id == indicator_id)
    if region_id is not None:
        stmt = stmt.where(Observation.region_id == region_id)
    if year is not None:
        stmt = stmt.where(Observation.year == year)
    return paginate(
        session, stmt, limit, offset, lambda o: shown("observation", as_dict(o), public)
    )


def get_observation(
    session: Session, observation_id: int, *, public: bool = False
) -> dict[str, Any]:
    o = session.get(Observation, observation_id)
    if o is None or (public and not _published(session, o.indicator_id)):
        raise NotFound("observation", observation_id)
    return shown("observation", as_dict(o), public)


def add_observation(
    session: Session,
    *,
    indicator_id: int,
    year: int,
    value: float,
    region_id: int | None = None,
    month: int | None = None,
    unit: str = "",
    basis: str = "level",
    entered_by: str,
) -> dict[str, Any]:
    """A value entered by a person (via `services.actuals.observations`: duplicates refused, conflicts kept
    and flagged); the indicator's region and unit are the defaults."""
    ind = session.get(Indicator, indicator_id)
    if ind is None:
        raise NotFound("indicator", indicator_id)
    scope.check_value(session, scope.scope_of(session, entered_by), indicator_id, region_id)
    added = observations.add_observation(
        session,
        indicator_id=indicator_id,
        year=year,
        value=value,
        unit=unit or ind.unit,
        basis=basis,
        region_id=region_id if region_id is not None else ind.region_id,
        month=month,
        entered_by=entered_by,
    )
    row = as_dict(added.observation) if added.observation else {}
    return {**row, "outcome": added.outcome, "reason": added.reason}


def assessment_list(
    session: Session,
    filt: TargetFilter,
    *,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    # Filtered, the id is wrapped so the filter's index picks the rows (as the indicator list
    # does): with statistics SQLite else walked every fact in id order looking for a status
    # that few or none have (31 ms at province scale for none).
    key = TargetFact.target_id + 0 if filt.active() else TargetFact.target_id
    stmt = filt.apply(select(TargetFact)).order_by(key)
    return paginate(session, stmt, limit, offset, _assessment)


def _assessment(f: TargetFact) -> dict[str, Any]:
    return {
        "target_id": f.target_id,
        "indicator_id": f.indicator_id,
        "status": assessed_status(f),
        "light": f.light,
        "progress": f.progress,
        "superseded": f.superseded,
        "numbers": f.details,
    }


def get_assessment(session: Session, target_id: int, *, public: bool = False) -> dict[str, Any]:
    f = session.get(TargetFact, target_id)
    if f is None or (public and not _published(session, f.indicator_id)):
        raise NotFound("assessment", target_id)
    return _assessment(f)
