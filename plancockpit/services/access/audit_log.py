"""Reading the audit trail (`db/audit.py` writes it): an entity's history, the whole log as
rows for the API, the CSV export and the CLI. Nothing here changes an event."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from plancockpit.db.models import (
    Event,
    Observation,
    SupervisionAttachment,
    SupervisionItem,
    Target,
)
from plancockpit.errors import NotFound

ENTITIES = (
    "record",
    "target",
    "observation",
    "user",
    "indicator",
    "document",
    "supervision",
    "attachment",
    "round",
    "round_item",
    "project",
    "project_year",
)


def event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at.isoformat(),
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "changes": e.changes,
    }


def _filtered(entity: str = "", entity_id: int | None = None) -> Select[Event]:
    stmt = select(Event)
    if entity:
        stmt = stmt.where(Event.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(Event.entity_id == entity_id)
    return stmt


def events(
    session: Session,
    *,
    entity: str = "",
    entity_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the log, newest first, with the total."""
    stmt = _filtered(entity, entity_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(Event.id.desc()).limit(limit).offset(max(0, offset)))
    return {
        "items": [event_row(e) for e in rows],
        "total": total,
        "limit": limit,
        "offset": max(0, offset),
    }


def indicator_history(session: Session, indicator_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The changes of an indicator and of the values people entered for it that are still
    stored, newest first (a removed value's events stay in the log)."""
    observation_ids = select(Observation.id).where(Observation.indicator_id == indicator_id)
    rows = session.scalars(
        select(Event)
        .where(
            or_(
                (Event.entity == "indicator") & (Event.entity_id == indicator_id),
                (Event.entity == "observation") & Event.entity_id.in_(observation_ids),
            )
        )
        .order_by(Event.id.desc())
        .limit(limit)
    )
    return [event_row(e) for e in rows]


def record_histories(session: Session, record_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each record's events (its reviews and edits, before → after), oldest first — for the
    document page's record rows, in one query."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not record_ids:
        return out
    for e in session.scalars(
        select(Event)
        .where(Event.entity == "record", Event.entity_id.in_(record_ids))
        .order_by(Event.id)
    ):
        out.setdefault(int(e.entity_id or 0), []).append(event_row(e))
    return out


def target_history(session: Session, target_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """A target's own changes (created, changed, removed by linking or by people) and those of
    what it stands on, newest first: the record it was read from (reviews, edits), its
    indicator (lead units, direction, merges), the values entered for its indicator in its
    region, and its supervision items with their files."""
    target = session.get(Target, target_id)
    if target is None:
        raise NotFound(f"target {target_id} not found / 目标不存在")
    region = (
        Observation.region_id.is_(None)
        if target.region_id is None
        else Observation.region_id == target.region_id
    )
    values = select(Observation.id).where(Observation.indicator_id == target.indicator_id, region)
    items = select(SupervisionItem.id).where(SupervisionItem.target_id == target_id)
    files = select(SupervisionAttachment.id).where(SupervisionAttachment.item_id.in_(items))
    parts = [
        (Event.entity == "target") & (Event.entity_id == target_id),
        (Event.entity == "indicator") & (Event.entity_id == target.indicator_id),
        (Event.entity == "observation") & Event.entity_id.in_(values),
        (Event.entity == "supervision") & Event.entity_id.in_(items),
        (Event.entity == "attachment") & Event.entity_id.in_(files),
    ]
    if target.record_id is not None:
        parts.append((Event.entity == "record") & (Event.entity_id == target.record_id))
    rows = session.scalars(select(Event).where(or_(*parts)).order_by(Event.id.desc()).limit(limit))
    return [event_row(e) for e in rows]


def events_csv(session: Session) -> str:
    """The whole log as CSV (UTF-8 with a BOM, for Excel), oldest first."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "at", "actor", "action", "entity", "entity_id", "changes"])
    for e in session.scalars(select(Event).order_by(Event.id)):
        writer.writerow(
            [
                e.id,
                e.at.isoformat(),
                _safe(e.actor),
                e.action,
                e.entity,
                e.entity_id,
                _safe(json.dumps(e.changes, ensure_ascii=False)),
            ]
        )
    return "\ufeff" + buf.getvalue()


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
