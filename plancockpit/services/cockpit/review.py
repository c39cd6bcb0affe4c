"""Review actions from the cockpit (confirm, edit, reject), through the review service if present."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from plancockpit.db.models import Record, utcnow
from plancockpit.services.cockpit.common import NotFound, as_dict

ACTIONS = ("confirm", "edit", "reject")
EDITABLE = {"metric": str, "value": float, "value_max": float, "unit": str, "comparator": str,
            "basis": str, "year": int, "kind": str}
CHOICES = {"comparator": ("=", ">=", ">", "<=", "<", "~"), "basis": ("level", "growth", "increase"),
           "kind": ("target", "actual")}
STATE_OF = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}


class ReviewError(ValueError):
    """A review request that cannot be applied (unknown action, bad field value)."""


def clean_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate edited fields: known names, right types, allowed choices; empty optional → None."""
    out: dict[str, Any] = {}
    for key, raw in changes.items():
        if key not in EDITABLE:
            raise ReviewError(f"field {key!r} cannot be edited")
        if raw in ("", None) and key in ("value_max", "year"):
            out[key] = None
            continue
        try:
            value = EDITABLE[key](raw)
        except (TypeError, ValueError):
            raise ReviewError(f"{key}: {raw!r} is not a valid {EDITABLE[key].__name__}") from None
        if key in CHOICES and value not in CHOICES[key]:
            raise ReviewError(f"{key}: {value!r} is not one of {', '.join(CHOICES[key])}")
        if key == "metric" and not str(value).strip():
            raise ReviewError("metric: must not be empty")
        out[key] = value
    return out


def review_record(session: Session, record_id: int, *, action: str, by: str,
                  changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """Apply one review action; an edit keeps the extractor's values in `extracted`."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; use confirm, edit or reject")
    rec = session.get(Record, record_id)
    if rec is None:
        raise NotFound("record", record_id)
    fields = clean_changes(changes or {}) if action == "edit" else {}
    if action == "edit" and not fields:
        raise ReviewError("an edit needs at least one changed field")
    if fields and not rec.extracted:
        rec.extracted = {k: getattr(rec, k) for k in EDITABLE}
    for key, value in fields.items():
        setattr(rec, key, value)
    rec.review_state = STATE_OF[action]
    rec.reviewed_by = by
    rec.reviewed_at = utcnow()
    session.flush()
    return as_dict(rec)
