"""Review actions from the cockpit (confirm, edit, reject) through `services.records.review`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Record
from plancockpit.services.cockpit.common import NotFound, as_dict
from plancockpit.services.records.review import (
    EDITABLE,
    ReviewError,
    edit_record,
    links_follow,
    relink,
    set_state,
)

ACTIONS = ("confirm", "edit", "reject")
STATE_OF = {"confirm": "confirmed", "reject": "rejected"}

__all__ = ["ACTIONS", "EDITABLE", "ReviewError", "review_record"]


def review_record(
    session: Session, record_id: int, *, action: str, by: str, changes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Apply one review action, then relink what the record touches so targets follow the
    review; `affected_indicators` are those whose statuses may have changed."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; use confirm, edit or reject")
    # The record's row is locked before its state is read: a confirm that saw "extracted" while
    # a reject of the same record was being committed would otherwise skip the relink and then
    # overwrite "rejected", leaving the record confirmed with no targets. FOR NO KEY UPDATE, as
    # the record's own UPDATE takes: another review's relink storing a target of this record
    # takes FOR KEY SHARE on it (the foreign key), and FOR UPDATE made the two deadlock.
    found = session.get(Record, record_id, with_for_update={"key_share": True})
    if found is None:
        raise NotFound("record", record_id)
    relinks = action == "edit" or links_follow(found.review_state, STATE_OF[action])
    if relinks:
        # Reviews of one document relink it one after the other: two at once on PostgreSQL
        # rebuilt the same targets with the same kept ids ("duplicate key" under
        # bench.mixed_load). SQLite's single writer already serialises them (FOR UPDATE is not
        # rendered there).
        lock = select(Document.id).where(Document.id == found.document_id).with_for_update()
        session.execute(lock)
    if action == "edit":
        rec = edit_record(session, record_id, by=by, changes=changes or {})
    else:
        rec = set_state(session, [record_id], STATE_OF[action], by=by)[0]
    affected = relink(session, [rec]) if relinks else set()
    session.flush()
    row = as_dict(rec)
    # Only these indicators' statuses can change: marking every indicator of the document
    # (hundreds for a plan) made the refresher recompute them all after each review.
    row["affected_indicators"] = sorted(affected)
    return row
