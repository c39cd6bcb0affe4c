"""Lineage of targets across documents: which earlier target a later one revises, and how."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from plancockpit.db.bulk import write_values
from plancockpit.db.models import Document, Indicator, Record, Target
from plancockpit.link.lineage import TargetFacts, classify, dropped
from plancockpit.services.indicators.directions import refresh_directions


def _facts(t: Target, direction: str) -> TargetFacts:
    return TargetFacts(
        t.value, t.unit, t.basis, t.deadline_year, t.comparator, t.value_max, t.attribute, direction
    )


def _span(t: Target) -> int:
    if t.deadline_year is None or t.baseline_year is None:
        return 0
    return t.deadline_year - t.baseline_year


def document_day(
    doc_date: date | None, period_start: int | None, period_end: int | None, base_year: int | None
) -> date:
    """When a document speaks, for ordering: its date, else the first year of its period (an
    undated 2021–2025 plan speaks in 2021, before a 2024 report), else the year after its base
    year, else never (last)."""
    if doc_date is not None:
        return doc_date
    year = period_start or (base_year + 1 if base_year else None) or period_end
    return date(year, 1, 1) if year else date.max


def relink_lineage(session: Session, indicator_ids: Iterable[int]) -> None:
    """Recompute the directions, then `revises_id` and `revision`, of every target of these
    indicators.

    Targets are ordered by their document (date, else period and year; then id); a target
    revises the earlier document's target of the same region and basis with the same deadline,
    else the one with the latest deadline not after its own (same period length preferred). A
    target of a new period (starting when the earlier one's ended) or inside the earlier one's
    period (an annual step of a five-year target) revises nothing: it is `new`. The first is
    `new`.
    """
    ids = list(indicator_ids)
    if not ids:
        return
    refresh_directions(session, ids)
    rows = session.execute(
        select(
            Target,
            Record.document_id,
            Document.doc_date,
            Document.period_start,
            Document.period_end,
            Document.base_year,
            Record.start,
        )
        .join(Record, Target.record_id == Record.id, isouter=True)
        .join(Document, Record.document_id == Document.id, isouter=True)
        .where(Target.indicator_id.in_(ids))
    ).all()
    direction = {
        i: d
        for i, d in session.execute(
            select(Indicator.id, Indicator.direction).where(Indicator.id.in_(ids))
        )
    }
    groups: dict[tuple[int, int | None, str], list[tuple[Target, int, tuple[object, ...]]]] = {}
    for t, doc_id, doc_date, p_start, p_end, base, start in rows:
        day = document_day(doc_date, p_start, p_end, base) if doc_id is not None else date.max
        order = (day, doc_id if doc_id is not None else 10**9, start or 0, t.id)
        groups.setdefault((t.indicator_id, t.region_id, t.basis), []).append(
            (t, doc_id if doc_id is not None else -t.id, order)
        )
    changes: list[tuple[Target, dict[str, object]]] = []
    for members in groups.values():
        members.sort(key=lambda m: m[2])
        for i, (t, doc_id, _) in enumerate(members):
            earlier = [m[0] for m in members[:i] if m[1] != doc_id]
            prev = _previous(t, earlier)
            word, why = classify(
                _facts(prev, direction[t.indicator_id]) if prev else None,
                _facts(t, direction[t.indicator_id]),
            )
            values: dict[str, object] = {
                "revises_id": prev.id if prev is not None else None,
                "revision": word,
            }
            if prev is not None and why not in (t.link_reason or ""):
                values["link_reason"] = f"{t.link_reason.split(' | ')[0]} | {why}"[:200]
            changes.append((t, values))
    # one UPDATE per set of changed columns, not the unit of work: targets are audited by
    # comparing snapshots of the stored rows, which see these values all the same
    write_values(session, changes)
    session.flush()


def _new_period(t: Target, e: Target) -> bool:
    """`t` starts a period after `e`'s ended (a 2026 annual target after a 2021–2025 plan) or
    lies inside `e`'s period (an annual step of it): not a revision of `e`."""
    if t.deadline_year is None or e.deadline_year is None or t.deadline_year == e.deadline_year:
        return False
    if t.baseline_year is not None and t.baseline_year >= e.deadline_year:
        return True
    return e.baseline_year is not None and e.baseline_year < t.deadline_year < e.deadline_year


def _previous(t: Target, earlier: list[Target]) -> Target | None:
    earlier = [e for e in earlier if not _new_period(t, e)]
    if not earlier:
        return None
    same = [e for e in earlier if e.deadline_year == t.deadline_year and _span(e) == _span(t)]
    if same:
        return same[-1]
    same = [e for e in earlier if e.deadline_year == t.deadline_year]
    if same:
        return same[-1]
    before = [e for e in earlier if (e.deadline_year or 0) <= (t.deadline_year or 0)]
    if not before:
        return earlier[-1]
    latest = max(e.deadline_year or 0 for e in before)
    last = [e for e in before if e.deadline_year == latest]
    alike = [e for e in last if _span(e) == _span(t)]
    return (alike or last)[-1]


# Documents that set targets: news and interviews not mentioning an indicator drop nothing.
SETTING = ("plan", "annual_report")


def dropped_targets(session: Session, indicator_ids: Collection[int] | None = None) -> list[int]:
    """Plan targets whose indicator no later target-setting document (a plan or an annual
    report dated within the plan's period) mentions; reported as `dropped`, not stored.
    Only the targets of `indicator_ids` when given."""
    docs = {
        d.id: d for d in session.scalars(select(Document).options(defer(Document.meta_evidence)))
    }
    stmt = select(Target.id, Target.indicator_id, Target.deadline_year, Record.document_id).join(
        Record, Target.record_id == Record.id
    )
    if indicator_ids is not None:
        stmt = stmt.where(Target.indicator_id.in_(list(indicator_ids)))
    rows = session.execute(stmt).all()
    by_indicator: dict[int, set[int]] = {}
    for _, ind, _, doc in rows:
        by_indicator.setdefault(ind, set()).add(doc)
    setting = [d for d in docs.values() if d.kind in SETTING]
    later: dict[int, list[int]] = {}  # plan → years of the target-setting documents after it
    out = []
    for tid, ind, deadline, doc_id in rows:
        plan = docs[doc_id]
        if plan.kind != "plan":
            continue
        if doc_id not in later:
            later[doc_id] = [_year(d) or 0 for d in setting if d.id != doc_id and _after(d, plan)]
        if dropped(deadline, later[doc_id], mentioned=bool(by_indicator[ind] - {doc_id})):
            out.append(tid)
    return out


def _year(d: Document) -> int | None:
    return d.doc_date.year if d.doc_date else d.period_end


def _after(d: Document, plan: Document) -> bool:
    if d.doc_date and plan.doc_date:
        return d.doc_date > plan.doc_date
    return (d.period_end or 0) > (plan.base_year or plan.period_start or 0) and d.kind != "plan"
