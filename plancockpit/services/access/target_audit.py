"""Targets in the audit trail: a snapshot of the targets an operation may touch, taken before
and after it, becomes one `target` event per target created, changed (only the fields that
changed, before → after) or removed, written in one insert.

Targets are rebuilt by linking (ingest, review, re-extraction, a split) and changed by people
(a breakdown, a merge, lead units), so the change is found by comparing rows, not by watching
the ORM: a relink deletes and re-adds a target under its kept id, which the ORM sees as a new
object. Lineage (`revises_id`, `revision`) and the matcher's note (`link_reason`,
`link_confidence`) are left out: they are re-derived from other targets on every relink.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, or_, select
from sqlalchemy.orm import Session

from plancockpit.db.audit import ACTOR, plain
from plancockpit.db.bulk import insert_rows, table_of
from plancockpit.db.models import Event, Target, utcnow

ENTITY = "target"
SYSTEM = "system"  # the actor of a change no person is named for (an ingest run)
FIELDS = (
    "indicator_id",
    "record_id",
    "region_id",
    "parent_target_id",
    "comparator",
    "value",
    "value_max",
    "unit",
    "basis",
    "baseline_value",
    "baseline_year",
    "start_year",
    "deadline_year",
    "attribute",
    "aspiration",
    "lead_units",
)
_COLUMNS = [getattr(Target, name) for name in FIELDS]

Snapshot = dict[int, tuple[Any, ...]]  # target id → its FIELDS' values


def snapshot_where(session: Session, *conditions: ColumnElement[bool]) -> Snapshot:
    """The audited fields of the targets matching any of `conditions`, as plain tuples (the
    session's pending changes flushed first, so an `after` snapshot sees them; no flush when
    there is nothing to read)."""
    if not conditions:
        return {}
    session.flush()
    rows = (
        tuple(row) for row in session.execute(select(Target.id, *_COLUMNS).where(or_(*conditions)))
    )
    return {row[0]: row[1:] for row in rows}


def snapshot(
    session: Session,
    *,
    ids: Iterable[int] = (),
    record_ids: Iterable[int] = (),
    indicator_ids: Iterable[int] = (),
) -> Snapshot:
    """The targets with these ids, made from these records or of these indicators — and the
    parts of targets made from `record_ids` (a relink re-hangs them)."""
    given = {"ids": list(ids), "records": list(record_ids), "indicators": list(indicator_ids)}
    if not any(given.values()):
        return {}
    session.flush()  # only when there is something to read: pending changes must be seen
    params = {k: v for k, v in given.items() if v}
    if given["records"]:  # the wholes first: a subquery in the OR would scan every target
        params["wholes"] = list(
            session.scalars(select(Target.id).where(Target.record_id.in_(given["records"])))
        )
    stmt = _touched(*(bool(v) for v in given.values()))
    rows = (tuple(row) for row in session.execute(stmt, params))
    return {row[0]: row[1:] for row in rows}


@functools.cache
def _touched(by_ids: bool, by_records: bool, by_indicators: bool) -> Select[Any]:
    """The snapshot's query for the kinds of keys given, built once (it runs twice a relink)."""
    conditions: list[ColumnElement[bool]] = []
    if by_ids:
        conditions.append(Target.id.in_(bindparam("ids", expanding=True)))
    if by_records:
        conditions.append(Target.record_id.in_(bindparam("records", expanding=True)))
        conditions.append(Target.parent_target_id.in_(bindparam("wholes", expanding=True)))
    if by_indicators:
        conditions.append(Target.indicator_id.in_(bindparam("indicators", expanding=True)))
    return select(Target.id, *_COLUMNS).where(or_(*conditions))


def diff(before: Snapshot, after: Snapshot) -> list[tuple[str, int, dict[str, list[Any]]]]:
    """(action, target id, field → [before, after]) per target that differs, by id: created
    (its set fields), changed (only the fields that changed) or removed (all its fields)."""
    out: list[tuple[str, int, dict[str, list[Any]]]] = []
    for tid in sorted(before.keys() | after.keys()):
        old, new = before.get(tid), after.get(tid)
        if old == new:
            continue
        if old is None:
            assert new is not None
            out.append(
                (
                    "create",
                    tid,
                    {
                        f: [None, plain(v)]
                        for f, v in zip(FIELDS, new, strict=True)
                        if v is not None
                    },
                )
            )
        elif new is None:
            out.append(
                ("delete", tid, {f: [plain(v), None] for f, v in zip(FIELDS, old, strict=True)})
            )
        else:
            out.append(
                (
                    "update",
                    tid,
                    {
                        f: [plain(a), plain(b)]
                        for f, a, b in zip(FIELDS, old, new, strict=True)
                        if a != b
                    },
                )
            )
    return out


def actor_of(session: Session) -> str:
    """Who the session's changes are by: its named actor, else `system` (an ingest run)."""
    return str(session.info.get(ACTOR) or SYSTEM)


def audit_target_changes(
    session: Session, before: Snapshot, after: Snapshot, actor: str | None = None
) -> int:
    """Append a `target` event per difference between the snapshots (one insert); returns how
    many. `actor` defaults to the session's (`actor_of`)."""
    changes = diff(before, after)
    if not changes:
        return 0
    who, at = (actor if actor is not None else actor_of(session))[:100], utcnow()
    insert_rows(
        session,
        table_of(Event),
        [
            {
                "at": at,
                "actor": who,
                "action": action,
                "entity": ENTITY,
                "entity_id": tid,
                "changes": fields,
            }
            for action, tid, fields in changes
        ],
    )
    return len(changes)
