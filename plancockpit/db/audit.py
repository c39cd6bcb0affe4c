"""The audit trail: every flush appends an `Event` per change people make — a record reviewed,
an actual value entered or removed, a user added or changed, an indicator's direction set or
indicators merged, a supervision item opened, answered, closed or reopened and the
files sent with it, a reporting round opened or closed and each of its values filled, approved or
returned, a document or an indicator published or withdrawn. The actor is the session's `info["actor"]` (the signed-in user, or the CLI's
user). Records created by an ingest are derived data, not changes a person made, and are not
logged; targets, which linking deletes and re-adds under kept ids, are compared before and after
instead (`services/access/target_audit.py`). Events are only ever inserted.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from plancockpit.db.models import (
    Document,
    Event,
    Indicator,
    Observation,
    Project,
    ProjectInvestment,
    Record,
    Round,
    RoundItem,
    SupervisionAttachment,
    SupervisionItem,
    User,
    utcnow,
)

ACTOR = "actor"  # key in Session.info
ALL = frozenset({"create", "update", "delete"})
# entity name, the fields worth a line, and the actions that are a person's change (records
# come and go with extraction, indicators with linking: only their edits are logged)
AUDITED: dict[type, tuple[str, tuple[str, ...], frozenset[str]]] = {
    Record: (
        "record",
        (
            "metric",
            "value",
            "value_max",
            "unit",
            "comparator",
            "basis",
            "year",
            "kind",
            "review_state",
        ),
        frozenset({"update"}),
    ),
    Observation: (
        "observation",
        (
            "indicator_id",
            "region_id",
            "year",
            "month",
            "start_year",
            "value",
            "unit",
            "basis",
            "source_file",
            "source_row",
            "entered_by",
        ),
        ALL,
    ),
    User: ("user", ("name", "role", "unit_id", "region_id"), ALL),
    Indicator: (
        "indicator",
        ("name", "aliases", "direction_override", "lead_units", "merged_into_id", "published"),
        frozenset({"update"}),
    ),
    SupervisionItem: (
        "supervision",
        ("target_id", "lead_units", "ask", "due_date", "state", "closed_at"),
        ALL,
    ),
    SupervisionAttachment: (
        "attachment",
        ("item_id", "transition_id", "file_name", "media_type", "size", "sha256"),
        frozenset({"create", "delete"}),
    ),
    # a reporting round opened or closed; each value it asks for, filled, approved or returned
    Round: (
        "round",
        (
            "title",
            "period_kind",
            "period_year",
            "period_number",
            "due_date",
            "selection",
            "selection_value",
            "state",
            "opened_by",
        ),
        frozenset({"create", "update"}),
    ),
    RoundItem: (
        "round_item",
        (
            "round_id",
            "indicator_id",
            "unit",
            "region_id",
            "state",
            "value",
            "observation_id",
            "filled_by",
            "approved_by",
            "return_reason",
        ),
        frozenset({"create", "update"}),
    ),
    Document: ("document", ("published",), frozenset({"update"})),
    # a major project's fields changed by a ledger or its lead unit (not its extraction), and
    # each year's planned and completed investment
    Project: (
        "project",
        ("name", "region", "lead_unit", "stage", "period_start", "period_end", "total_investment"),
        frozenset({"update", "delete"}),
    ),
    ProjectInvestment: (
        "project_year",
        ("project_id", "year", "planned", "completed", "source_file", "source_row", "entered_by"),
        ALL,
    ),
}


def act_as(session: Session, actor: str) -> Session:
    """Name who makes the session's changes (kept in the trail)."""
    session.info[ACTOR] = actor[:100]
    return session


def plain(value: Any) -> Any:
    """A value JSON (and PostgreSQL's json type) holds: dates as ISO text, NaN/±inf as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _changes(obj: Any, fields: tuple[str, ...], action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    if action == "update" and state.committed_state.keys().isdisjoint(fields):
        # none of these fields was set since the last flush: a linking run's direction or
        # domain changed (≈ 150 indicators a document; their `attrs` cost 0.05 ms each)
        return out
    for name in fields:
        history = state.attrs[name].history
        if action == "create":
            value = getattr(obj, name)
            if value is not None:
                out[name] = [None, plain(value)]
        elif action == "delete":
            out[name] = [plain(state.attrs[name].loaded_value), None]
        elif history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before != after:
                out[name] = [plain(before), plain(after)]
    return out


@event.listens_for(Session, "after_flush")
def _append_events(session: Session, _flush: UOWTransaction) -> None:
    rows = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            audited = AUDITED.get(type(obj))
            if audited is None:
                continue
            entity, fields, actions = audited
            if action not in actions or getattr(obj, "record_id", None) is not None:
                continue  # an observation read from a document comes and goes with it
            changes = _changes(obj, fields, action)
            if changes or action != "update":
                rows.append(
                    {
                        "at": utcnow(),
                        "actor": session.info.get(ACTOR, ""),
                        "action": action,
                        "entity": entity,
                        "entity_id": obj.id,
                        "changes": changes,
                    }
                )
    if rows:
        session.connection().execute(insert(Event), rows)
