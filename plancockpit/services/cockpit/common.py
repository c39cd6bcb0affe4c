"""Shared shapes for cockpit data: pages of rows, target filters, rows as JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, inspect, or_, select, true
from sqlalchemy.orm import Session

from plancockpit import errors
from plancockpit.services.cockpit.facts import CURRENT, SUPERSEDED, TargetFact, TargetUnitFact
from plancockpit.services.opendata.publishing import published_indicators

MAX_LIMIT = 500
PERIODS = ("current", "all", "history")

# Which targets a page shows, decided once by the refresh (`services.progress.status.is_history`, and a
# later revision): `current` — counted now (the running plan period and this year's targets);
# `history` — of an ended plan period once a later one has begun, or revised by a later target;
# `all` — both. A revised target is listed, never counted (its revision counts instead).
ASSESSED = TargetFact.details["status"].as_string()  # a history row's own status
HISTORY = TargetFact.status == SUPERSEDED


def period_rows(period: str) -> ColumnElement[bool]:
    """The targets a list shows for `period` (current | all | history)."""
    if period == "history":
        return HISTORY
    return true() if period == "all" else CURRENT


def period_counted(period: str) -> ColumnElement[bool]:
    """The targets tallies count for `period`: the listed ones without the revised targets."""
    return CURRENT if period == "current" else period_rows(period) & ~TargetFact.superseded


def period_status(period: str) -> Any:
    """The status to count and filter by: a history row's own (assessed) status."""
    if period == "current":
        return TargetFact.status
    return case((HISTORY, ASSESSED), else_=TargetFact.status)


def known_period(raw: str | None) -> str:
    """`raw` if it names a period, else the default (current)."""
    return raw if raw in PERIODS else "current"


class NotFound(errors.NotFound):
    """An id that names nothing; the web layer turns it into a 404."""

    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} not found")
        self.what = what


def as_dict(obj: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model row's columns as JSON-ready values (dates as ISO strings)."""
    out: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in exclude:
            continue
        value = getattr(obj, attr.key)
        out[attr.key] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


def sentence_span(text_len: int, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
    """The stored sentence around a record's number (start…end), or about a line of text when
    none was stored; always covering the number and inside the text."""
    if s1 <= s0:
        s0, s1 = max(0, start - 60), end + 20
    return min(s0, start), min(max(s1, end), text_len)


def paginate(
    session: Session,
    stmt: Select[Any],
    limit: int,
    offset: int,
    row: Callable[[Any], dict[str, Any]] = as_dict,
) -> dict[str, Any]:
    """`{"items": rows, "total": n, "limit", "offset"}` for a select of ORM entities, each
    entity turned into a dict by `row`."""
    limit = max(1, min(limit, MAX_LIMIT))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    items = [row(e) for e in session.scalars(stmt.limit(limit).offset(max(0, offset)))]
    return {"items": items, "total": total, "limit": limit, "offset": max(0, offset)}


@dataclass
class TargetFilter:
    """The filters of the indicator list (all optional; `q` searches name, aliases, sentence)."""

    q: str = ""
    domain: str = ""
    unit: str = ""
    region_id: int | None = None
    document_id: int | None = None
    status: str = ""
    kind: str = ""  # the target's basis: level | growth | increase
    attribute: str = ""
    year: int | None = None
    period: str = "current"  # current | all | history (PERIODS)
    # the public view: targets of published indicators only (set by the web, never a parameter)
    published_only: bool = False

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        f = TargetFact
        stmt = stmt.where(period_rows(self.period))
        if self.published_only:
            stmt = stmt.where(published_facts())
        if self.q.strip():
            for word in self.q.split():
                stmt = stmt.where(or_(f.search_text.contains(word, autoescape=True)))
        if self.domain:
            stmt = stmt.where(f.domain == self.domain)
        if self.unit and self.period == "current":
            stmt = stmt.where(
                f.target_id.in_(
                    select(TargetUnitFact.target_id).where(TargetUnitFact.unit == self.unit)
                )
            )
        elif self.unit:  # the unit facts hold current targets only
            stmt = stmt.where(f.lead_units.contains(f"|{self.unit}|", autoescape=True))
        if self.region_id is not None:
            stmt = stmt.where(f.region_id == self.region_id)
        if self.document_id is not None:
            stmt = stmt.where(f.document_id == self.document_id)
        if self.status:
            stmt = stmt.where(period_status(self.period) == self.status)
        if self.kind:
            stmt = stmt.where(f.basis == self.kind)
        if self.attribute:
            stmt = stmt.where(f.attribute == self.attribute)
        if self.year is not None:
            stmt = stmt.where(f.deadline_year == self.year)
        return stmt

    def active(self) -> dict[str, Any]:
        """The filters that are set, as query parameters (the period when not the default)."""
        active = {
            x.name: getattr(self, x.name)
            for x in fields(self)
            if x.name != "published_only" and getattr(self, x.name) not in ("", None, False)
        }
        if active.get("period") == "current":
            del active["period"]
        return active


def published_facts() -> ColumnElement[bool]:
    """The fact rows an anonymous visitor sees in public mode: those of published indicators."""
    return TargetFact.indicator_id.in_(published_indicators())


SORTS = {
    "name": TargetFact.indicator_name,
    "domain": TargetFact.domain,
    "status": TargetFact.status,
    "progress": TargetFact.progress,
    "year": TargetFact.deadline_year,
    "document": TargetFact.document_title,
    "region": TargetFact.region_name,
    "id": TargetFact.target_id,
}


def fact_dict(f: TargetFact) -> dict[str, Any]:
    row = as_dict(f, exclude=("search_text",))
    row["lead_units"] = [u for u in f.lead_units.split("|") if u]
    row["status"] = assessed_status(f)
    # why a row is not counted now: revised by a later target, or of an ended plan period
    row["not_current"] = (
        ("superseded" if f.superseded else "history_period") if f.status == SUPERSEDED else ""
    )
    row["completion"] = completion(f.basis, f.comparator, f.value, f.details.get("actual"))
    return row


def completion(basis: str, comparator: str, target: float | None, actual: Any) -> float | None:
    """完成率: the value reached ÷ the target (for a ceiling such as ≤ 28, the target ÷ the value):
    for levels and additions; a growth rate has its progress only."""
    if (
        basis == "growth"
        or target in (None, 0)
        or not isinstance(actual, int | float)
        or actual <= 0
    ):
        return None
    ratio = float(target) / actual if comparator in ("<=", "<") else actual / float(target)
    return round(ratio, 4) if target > 0 else None


def assessed_status(f: TargetFact) -> str:
    """The evaluation's status, also for a superseded target (whose `status` column marks it)."""
    return str(f.details.get("status", f.status)) if f.status == SUPERSEDED else f.status


def hide_unpublished_documents(
    session: Session, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Fact rows for the public view: a source document that is not published is not named (its
    id and title blanked), so no link leads to a page that answers 404."""
    from plancockpit.db.models import Document

    ids = {r["document_id"] for r in rows if r.get("document_id") is not None}
    shown = set(
        session.scalars(
            select(Document.id).where(Document.id.in_(ids), Document.published.is_(True))
        )
    )
    for r in rows:
        if r.get("document_id") is not None and r["document_id"] not in shown:
            r["document_id"], r["document_title"] = None, ""
    return rows
