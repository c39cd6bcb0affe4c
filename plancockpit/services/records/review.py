"""Review of extracted records (confirm, edit, reject) and re-extraction that keeps reviews.

A record's `extracted` keeps the extractor's values; the top-level fields are the current ones.
Confirmed, edited and rejected records are never overwritten: `reextract_document` runs the
pipeline again on the stored text, keeps every reviewed record, drops the new records that
restate a reviewed one (overlapping span and same value), and replaces the unreviewed rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Record, Target, utcnow
from plancockpit.errors import Invalid
from plancockpit.services.access import target_audit
from plancockpit.services.linking.link import known_ids, link_document, unlink_records

STATES = ("extracted", "confirmed", "edited", "rejected")
REVIEWED = ("confirmed", "edited", "rejected")
EDITABLE: dict[str, type] = {
    "metric": str,
    "value": float,
    "value_max": float,
    "unit": str,
    "comparator": str,
    "basis": str,
    "year": int,
    "kind": str,
}
CHOICES = {
    "comparator": ("=", ">=", ">", "<=", "<", "~"),
    "basis": ("level", "growth", "increase"),
    "kind": ("target", "actual"),
}
YEARS = (1900, 2200)  # a record's year outside these is a typo (and 2**63 breaks PostgreSQL)


class ReviewError(Invalid):
    """A review request that cannot be applied; the message is one line for people."""


@dataclass(frozen=True)
class RecordFilter:
    """Which records a review command acts on (all given conditions must hold)."""

    ids: tuple[int, ...] = ()
    document_id: int | None = None
    state: str | None = None
    kind: str | None = None
    metric: str | None = None  # a substring of the metric
    min_confidence: float | None = None
    max_confidence: float | None = None

    def query(self) -> Select[Any]:
        stmt = select(Record).order_by(Record.document_id, Record.start, Record.id)
        if self.ids:
            stmt = stmt.where(Record.id.in_(self.ids))
        if self.document_id is not None:
            stmt = stmt.where(Record.document_id == self.document_id)
        if self.state:
            if self.state not in STATES:
                raise ReviewError(
                    f"unknown state {self.state!r}; use {', '.join(STATES)} / 未知审核状态"
                )
            stmt = stmt.where(Record.review_state == self.state)
        if self.kind:
            stmt = stmt.where(Record.kind == self.kind)
        if self.metric:
            stmt = stmt.where(Record.metric.contains(self.metric))
        if self.min_confidence is not None:
            stmt = stmt.where(Record.confidence >= self.min_confidence)
        if self.max_confidence is not None:
            stmt = stmt.where(Record.confidence <= self.max_confidence)
        return stmt


def list_records(session: Session, where: RecordFilter, limit: int = 200) -> list[Record]:
    """Records matching the filter, in document order."""
    return list(session.scalars(where.query().limit(limit)))


def clean_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validated edits: known fields, right types, allowed choices; '' for optional → None."""
    out: dict[str, Any] = {}
    for key, raw in changes.items():
        if key not in EDITABLE:
            raise ReviewError(
                f"field {key!r} cannot be edited; use {', '.join(EDITABLE)} / 该字段不可修改"
            )
        if raw in ("", None) and key in ("value_max", "year"):
            out[key] = None
            continue
        try:
            value = EDITABLE[key](raw)
        except (TypeError, ValueError):
            raise ReviewError(
                f"{key}: {raw!r} is not a valid {EDITABLE[key].__name__} / 取值无效"
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise ReviewError(f"{key}: {raw!r} is not a finite number / 取值须为有限数")
        if key == "year" and not YEARS[0] <= value <= YEARS[1]:
            raise ReviewError(
                f"year: {raw!r} is not a year between {YEARS[0]} and {YEARS[1]} / 年份无效"
            )
        if key in CHOICES and value not in CHOICES[key]:
            raise ReviewError(
                f"{key}: {value!r} is not one of {', '.join(CHOICES[key])} / 取值不在可选范围内"
            )
        if key == "metric" and not str(value).strip():
            raise ReviewError("metric must not be empty / 指标名称不能为空")
        out[key] = value
    return out


def _mark(rec: Record, state: str, by: str) -> None:
    if not rec.extracted:
        rec.extracted = {k: getattr(rec, k) for k in EDITABLE}
    rec.review_state = state
    rec.reviewed_by = by
    rec.reviewed_at = utcnow()


def _get(session: Session, record_id: int) -> Record:
    rec = session.get(Record, record_id)
    if rec is None:
        raise ReviewError(f"record {record_id} not found / 未找到记录 {record_id}")
    return rec


def edit_record(session: Session, record_id: int, *, by: str, changes: dict[str, Any]) -> Record:
    """Change a record's fields; it becomes `edited` and keeps the extractor's values."""
    fields = clean_changes(changes)
    if not fields:
        raise ReviewError("an edit needs at least one field / 修改至少需要一个字段")
    rec = _get(session, record_id)
    _mark(rec, "edited", by)
    for key, value in fields.items():
        setattr(rec, key, value)
    session.flush()
    return rec


def set_state(session: Session, record_ids: Iterable[int], state: str, *, by: str) -> list[Record]:
    """Confirm or reject records (all or none: an unknown id changes nothing)."""
    if state not in ("confirmed", "rejected", "extracted"):
        raise ReviewError(f"cannot set state {state!r} / 无法设置该状态")
    recs = [_get(session, i) for i in record_ids]
    for rec in recs:
        _mark(rec, state, by)
    session.flush()
    return recs


def links_follow(before: str, after: str) -> bool:
    """Whether moving a record from review state `before` to `after` can change its targets and
    observations: linking reads a record's values and whether it is rejected, nothing else of its
    review (and search entries read only its values), so confirming an extracted or edited record
    needs no relink."""
    return (before == "rejected") != (after == "rejected")


def relink(session: Session, records: Iterable[Record]) -> set[int]:
    """Relink what the changed records touch so targets and observations follow the review
    (`relink.relink_records`: the same rows as relinking their documents, a fraction of the
    work), and update the records' search entries (a review changes no document text).
    Returns the indicators whose targets or observations it may have changed."""
    from plancockpit.services.linking.relink import relink_records
    from plancockpit.services.opendata import search

    records = list(records)
    report = relink_records(session, [r.id for r in records])
    search.reindex_records(session, records)
    return report.indicators


def reextract_document(session: Session, document_id: int) -> dict[str, int]:
    """Run extraction again on a stored document, keeping every reviewed record."""
    from plancockpit.pipeline import analyse
    from plancockpit.read.source import SourceDocument
    from plancockpit.services.ingest.store import record_row

    doc = session.get(Document, document_id)
    if doc is None:
        raise ReviewError(f"document {document_id} not found / 未找到文档 {document_id}")
    overrides = {
        k: getattr(doc, k)
        for k in ("kind", "period_start", "period_end", "base_year")
        if (doc.meta_evidence or {}).get(k) == "set by user"
    }
    source = SourceDocument(name=doc.name, text=doc.text, format=doc.format, encoding=doc.encoding)
    fresh = analyse(source, overrides).records
    kept = [r for r in doc.records if r.review_state in REVIEWED]
    dropped = [r for r in doc.records if r.review_state not in REVIEWED]
    known = known_ids(session, dropped)  # the new records at the same places keep their ids
    removed = target_audit.snapshot(session, record_ids=[r.id for r in dropped])
    parents = _parts_of(session, [r.id for r in dropped])
    unlink_records(session, [r.id for r in dropped])
    for r in dropped:
        doc.records.remove(r)
    added = 0
    for q in fresh:
        if any(_same(q.start, q.end, q.value, r) for r in kept):
            continue
        doc.records.append(record_row(q))
        added += 1
    session.flush()
    link_document(session, document_id, known=known, removed=removed, parents=parents)
    from plancockpit.services.opendata import search

    search.rebuild_document(session, document_id)
    return {"kept": len(kept), "replaced": len(dropped), "added": added}


def _parts_of(session: Session, record_ids: list[int]) -> dict[int, int]:
    """Part id → whole target id, for the targets broken down from these records' targets.
    Re-extraction stores new records, so linking cannot find the parts by record; it gives the
    rebuilt targets their old ids (`known_ids`), and `link_document` hangs the parts under
    those again."""
    wholes = select(Target.id).where(Target.record_id.in_(record_ids))
    rows = session.execute(
        select(Target.id, Target.parent_target_id).where(Target.parent_target_id.in_(wholes))
    )
    return {part: whole for part, whole in rows if whole is not None}


def _same(start: int, end: int, value: float, rec: Record) -> bool:
    """A new record restates a reviewed one: overlapping spans and the extractor's same value."""
    original = (rec.extracted or {}).get("value", rec.value)
    overlap = start < rec.end and rec.start < end
    return overlap and abs(float(original) - value) <= 1e-9 * max(abs(value), 1.0)
