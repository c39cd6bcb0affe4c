"""Reading the audit trail (`db/audit.py` writes it): an entity's history, the whole log as
rows for the API, the CSV export and the CLI. Nothing here changes an event."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Event, Observation

ENTITIES = ("record", "observation", "user", "indicator", "document", "supervision", "attachment",
            "round", "round_item", "project", "project_year")


def event_row(e: Event) -> dict[str, Any]:
    return {"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
            "entity": e.entity, "entity_id": e.entity_id, "changes": e.changes}


def _filtered(entity: str = "", entity_id: int | None = None) -> Select[Event]:
    stmt = select(Event)
    if entity:
        stmt = stmt.where(Event.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(Event.entity_id == entity_id)
    return stmt


def events(session: Session, *, entity: str = "", entity_id: int | None = None,
           limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """One page of the log, newest first, with the total."""
    stmt = _filtered(entity, entity_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(Event.id.desc()).limit(limit).offset(max(0, offset)))
    return {"items": [event_row(e) for e in rows], "total": total, "limit": limit,
            "offset": max(0, offset)}


def indicator_history(session: Session, indicator_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The changes of an indicator and of the values people entered for it that are still
    stored, newest first (a removed value's events stay in the log)."""
    observation_ids = select(Observation.id).where(Observation.indicator_id == indicator_id)
    rows = session.scalars(select(Event).where(or_(
        (Event.entity == "indicator") & (Event.entity_id == indicator_id),
        (Event.entity == "observation") & Event.entity_id.in_(observation_ids)))
        .order_by(Event.id.desc()).limit(limit))
    return [event_row(e) for e in rows]


def events_csv(session: Session) -> str:
    """The whole log as CSV (UTF-8 with a BOM, for Excel), oldest first."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "at", "actor", "action", "entity", "entity_id", "changes"])
    for e in session.scalars(select(Event).order_by(Event.id)):
        writer.writerow([e.id, e.at.isoformat(), _safe(e.actor), e.action, e.entity, e.entity_id,
                         _safe(json.dumps(e.changes, ensure_ascii=False))])
    return "\ufeff" + buf.getvalue()


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
