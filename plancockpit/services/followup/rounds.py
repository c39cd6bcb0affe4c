"""Reporting rounds (填报): a planner opens a round for a period over a set of indicators with a
due date; the round then asks each answerable party for its value (`round_values.py` fills,
approves and returns them).

Who owes a value — the rule, kept simple on purpose:
- an indicator is in the round when it has a target (all; its domain; a target set by the chosen
  document) and is not merged into another;
- its **lead unit** owes the indicator's own value (its own region): the first lead unit of its
  targets, in the order the targets were stored, else the units a planner set on the indicator
  (as the Excel templates do, so an indicator is reported once); an indicator with no lead unit
  is left out and counted, so the planner can give it one;
- each **town** (a region of level `town`, other than the indicator's own region) for which the
  indicator has a target or an observation owes its own value, and the lead unit approves it.

A round over a month asks for the year-to-date value to that month, over a quarter for the
year-to-date value to the quarter's last month, over a year for the year's value (`obs_period`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import (
    Document,
    Indicator,
    Observation,
    Record,
    Region,
    Round,
    RoundItem,
    Target,
)
from plancockpit.errors import Invalid, NotFound
from plancockpit.services.access.users import storable
from plancockpit.services.followup import notifications

PERIOD_KINDS = ("month", "quarter", "year")
SELECTIONS = ("all", "domain", "document")
LATE_STATES = ("owed", "returned")  # states of a value still to be filled


def period_label(kind: str, year: int, number: int | None) -> tuple[str, str]:
    """A round's period in words, (Chinese, English).

    >>> period_label("quarter", 2026, 1)
    ('2026年第1季度', '2026 Q1')
    >>> period_label("month", 2026, 3)
    ('2026年3月', '2026-03')
    >>> period_label("year", 2025, None)
    ('2025年', '2025')
    """
    if kind == "month":
        return f"{year}年{number}月", f"{year}-{number:02d}"
    if kind == "quarter":
        return f"{year}年第{number}季度", f"{year} Q{number}"
    return f"{year}年", str(year)


def obs_period(kind: str, year: int, number: int | None) -> tuple[int, int | None]:
    """The (year, month) of the observation a round's value becomes: a month's or a quarter's
    value is year-to-date to its (last) month; a year's has no month.

    >>> obs_period("quarter", 2026, 2), obs_period("month", 2026, 5), obs_period("year", 2025, None)
    ((2026, 6), (2026, 5), (2025, None))
    """
    if kind == "quarter" and number is not None:
        return year, number * 3
    if kind == "month":
        return year, number
    return year, None


def check_period(kind: str, year: int, number: int | None) -> None:
    """Raise `Invalid` for a period that does not exist."""
    if kind not in PERIOD_KINDS:
        raise Invalid(f"period kind {kind!r} is not month, quarter or year / 周期应为月、季或年")
    if not 1949 <= year <= 2100:
        raise Invalid(f"year {year} out of range / 年份超出范围")
    top = {"month": 12, "quarter": 4}.get(kind)
    if top is None and number is not None:
        raise Invalid("a yearly round has no month or quarter number / 年度填报不需要月份或季度")
    if top is not None and (number is None or not 1 <= number <= top):
        raise Invalid(
            f"a {kind} round needs a number 1–{top} / 请填写{'月份' if top == 12 else '季度'}（1–{top}）"
        )


@dataclass(frozen=True)
class Owed:
    """One value a round will ask for (before it is stored)."""

    indicator_id: int
    unit: str
    region_id: int | None  # None: the indicator's own value, from its lead unit
    basis: str


def lead_units(ind: Indicator, targets: Iterable[Target]) -> list[str]:
    """An indicator's lead units, the one that reports first (targets' order, then the
    planner's choice on the indicator)."""
    names = [str(u) for t in targets for u in t.lead_units or []]
    return list(dict.fromkeys(names or [str(u) for u in ind.lead_units or []]))


def _selected(session: Session, selection: str, value: str) -> tuple[list[Indicator], str]:
    """The indicators a selection names, and the selection in words."""
    inds = [
        i
        for i in session.scalars(
            select(Indicator).where(Indicator.merged_into_id.is_(None)).order_by(Indicator.id)
        )
    ]
    with_targets = set(session.scalars(select(Target.indicator_id).distinct()))
    if selection == "all":
        return [i for i in inds if i.id in with_targets], "全部指标 all indicators"
    if selection == "domain":
        if not value:
            raise Invalid("name the domain / 请选择领域")
        return [
            i for i in inds if i.domain == value and i.id in with_targets
        ], f"领域 domain: {value}"
    if selection == "document":
        try:
            doc = session.get(Document, int(value))
        except (TypeError, ValueError):
            doc = None
        if doc is None:
            raise NotFound(f"no document {value!r} / 文件不存在")
        ids = set(
            session.scalars(
                select(Target.indicator_id)
                .join(Record, Target.record_id == Record.id)
                .where(Record.document_id == doc.id)
            )
        )
        return [i for i in inds if i.id in ids], f"文件 document: {doc.title or doc.name}"
    raise Invalid(
        f"selection {selection!r} is not all, domain or document / 指标范围应为全部、领域或文件"
    )


def owed_values(session: Session, indicators: list[Indicator]) -> tuple[list[Owed], list[str]]:
    """What each indicator's parties owe (the rule in the module's docstring), and the names of
    the indicators left out for want of a lead unit."""
    towns = set(session.scalars(select(Region.id).where(Region.level == "town")))
    ids = [i.id for i in indicators]
    targets: dict[int, list[Target]] = {}
    for t in session.scalars(
        select(Target).where(Target.indicator_id.in_(ids)).order_by(Target.id)
    ):
        targets.setdefault(t.indicator_id, []).append(t)
    regional: dict[int, set[int]] = {}
    for ind_id, region_id in [
        *((t.indicator_id, t.region_id) for ts in targets.values() for t in ts),
        *session.execute(
            select(Observation.indicator_id, Observation.region_id)
            .where(Observation.indicator_id.in_(ids))
            .distinct()
        ),
    ]:
        if region_id in towns:
            regional.setdefault(ind_id, set()).add(region_id)
    owed: list[Owed] = []
    left_out: list[str] = []
    for ind in indicators:
        ts = targets.get(ind.id, [])
        units = lead_units(ind, ts)
        if not units:
            left_out.append(ind.name)
            continue
        basis = "increase" if ts and all(t.basis == "increase" for t in ts) else "level"
        owed.append(Owed(ind.id, units[0], None, basis))
        for town in sorted(regional.get(ind.id, set()) - {ind.region_id}):
            owed.append(Owed(ind.id, units[0], town, basis))
    return owed, left_out


def open_round(
    session: Session,
    *,
    title: str,
    period_kind: str,
    year: int,
    number: int | None,
    due: date,
    selection: str = "all",
    selection_value: str = "",
    by: str = "",
    today: date | None = None,
) -> dict[str, Any]:
    """Open a round; refused (nothing stored) for a due date in the past, a period that does not
    exist, a selection with no indicator owed by anyone, or the same period and selection open."""
    title = " ".join(title.split())
    if not storable(title) or not storable(selection_value):
        raise Invalid(
            "the title or selection has characters that cannot be stored / 名称含有无法保存的字符"
        )
    if not title:
        raise Invalid("the round needs a title / 请填写填报轮次名称")
    check_period(period_kind, year, number)
    if due < (today or date.today()):
        raise Invalid(f"the due date {due.isoformat()} is in the past / 截止日期不能早于今天")
    inds, words = _selected(session, selection, selection_value)
    owed, left_out = owed_values(session, inds)
    if not owed:
        why = (
            f" ({len(left_out)} without a lead unit / {len(left_out)}个指标无牵头单位)"
            if left_out
            else ""
        )
        raise Invalid(
            f"the round has no indicators: {words} selects none with a target{why} / "
            "所选范围没有需要填报的指标"
        )
    same = session.scalar(
        select(Round.id).where(
            Round.state == "open",
            Round.period_kind == period_kind,
            Round.period_year == year,
            Round.period_number.is_(None) if number is None else Round.period_number == number,
            Round.selection == selection,
            Round.selection_value == selection_value,
        )
    )
    if same is not None:
        raise Invalid(
            f"round {same} for this period and selection is still open / 该周期和范围已有进行中的填报"
        )
    zh, _ = period_label(period_kind, year, number)
    rnd = Round(
        title=title[:200],
        period_kind=period_kind,
        period_year=year,
        period_number=number,
        period_label=zh,
        due_date=due,
        selection=selection,
        selection_value=selection_value,
        selection_text=words[:500],
        state="open",
        opened_by=by,
    )
    rnd.items = [
        RoundItem(
            indicator_id=o.indicator_id,
            unit=o.unit,
            region_id=o.region_id,
            basis=o.basis,
            state="owed",
        )
        for o in owed
    ]
    session.add(rnd)
    session.flush()
    _announce(session, rnd)
    return round_row(rnd) | {"left_out": left_out}


def _announce(session: Session, rnd: Round) -> None:
    """Tell every user tied to an owing unit or town what it owes."""
    counts: dict[int, int] = {}
    for item in rnd.items:
        for user_id in notifications.owners(
            session, item.unit if item.region_id is None else None, item.region_id
        ):
            counts[user_id] = counts.get(user_id, 0) + 1
    for user_id, count in counts.items():
        notifications.notify(
            session,
            [user_id],
            "round_opened",
            link="/todo",
            params={"round": rnd.title, "count": count, "due": rnd.due_date.isoformat()},
        )


def close_round(session: Session, round_id: int, *, by: str = "") -> dict[str, Any]:
    """Close a round: nothing more is filled, approved or returned in it."""
    rnd = get_round(session, round_id)
    if rnd.state == "closed":
        raise Invalid(f"round {round_id} is already closed / 该填报轮次已结束")
    rnd.state = "closed"
    rnd.closed_at = notifications.now()
    users = {
        u
        for item in rnd.items
        if item.state in LATE_STATES
        for u in notifications.owners(
            session, item.unit if item.region_id is None else None, item.region_id
        )
    }
    notifications.notify(
        session,
        sorted(users),
        "round_closed",
        link=f"/rounds/{rnd.id}",
        params={"round": rnd.title, "by": by},
    )
    session.flush()
    return round_row(rnd)


def get_round(session: Session, round_id: int) -> Round:
    rnd = session.get(Round, round_id)
    if rnd is None:
        raise NotFound(f"round {round_id} not found / 填报轮次不存在")
    return rnd


def counts(items: Iterable[RoundItem], due: date, today: date) -> dict[str, int]:
    """owed (all asked for), filled (a value given, approved or not), approved, returned, late
    (not filled after the due date)."""
    out = {"owed": 0, "filled": 0, "approved": 0, "returned": 0, "late": 0}
    for item in items:
        out["owed"] += 1
        out["filled"] += item.state in ("filled", "approved")
        out["approved"] += item.state == "approved"
        out["returned"] += item.state == "returned"
        out["late"] += item.state in LATE_STATES and today > due
    return out


def round_row(rnd: Round, today: date | None = None) -> dict[str, Any]:
    zh, en = period_label(rnd.period_kind, rnd.period_year, rnd.period_number)
    return {
        "id": rnd.id,
        "title": rnd.title,
        "period_kind": rnd.period_kind,
        "period_year": rnd.period_year,
        "period_number": rnd.period_number,
        "period_label": zh,
        "period_label_en": en,
        "due_date": rnd.due_date.isoformat(),
        "selection": rnd.selection,
        "selection_value": rnd.selection_value,
        "selection_text": rnd.selection_text,
        "state": rnd.state,
        "opened_by": rnd.opened_by,
        "created_at": rnd.created_at.isoformat() if rnd.created_at else None,
        "closed_at": rnd.closed_at.isoformat() if rnd.closed_at else None,
        "counts": counts(rnd.items, rnd.due_date, today or date.today()),
    }


def round_list(session: Session, today: date | None = None) -> dict[str, Any]:
    """Every round, open ones first, newest first, with its counts."""
    rows = [round_row(r, today) for r in session.scalars(select(Round).order_by(Round.id.desc()))]
    rows.sort(key=lambda r: r["state"] != "open")
    return {"items": rows, "total": len(rows)}


def board(session: Session, round_id: int, today: date | None = None) -> dict[str, Any]:
    """The completion board: per owing unit or town, owed / filled / approved / returned / late,
    and every item with its state (what `/rounds/{id}` and `GET /api/rounds/{id}` show)."""
    rnd = get_round(session, round_id)
    day = today or date.today()
    names = {
        i: n
        for i, n in session.execute(
            select(Indicator.id, Indicator.name).where(
                Indicator.id.in_({it.indicator_id for it in rnd.items})
            )
        )
    }
    regions = {rid: name for rid, name in session.execute(select(Region.id, Region.name))}
    groups: dict[tuple[str, str], list[RoundItem]] = {}
    for item in rnd.items:
        key = (
            ("unit", item.unit)
            if item.region_id is None
            else ("town", regions.get(item.region_id, ""))
        )
        groups.setdefault(key, []).append(item)
    rows = [
        {
            "kind": kind,
            "owner": owner,
            "approver": items[0].unit if kind == "town" else "",
            **counts(items, rnd.due_date, day),
        }
        for (kind, owner), items in sorted(groups.items())
    ]
    return {
        "round": round_row(rnd, day),
        "rows": rows,
        "items": [
            item_row(it, names.get(it.indicator_id, ""), regions, rnd, day) for it in rnd.items
        ],
    }


def item_row(
    item: RoundItem, indicator: str, regions: dict[int, str], rnd: Round, today: date
) -> dict[str, Any]:
    return {
        "id": item.id,
        "round_id": item.round_id,
        "indicator_id": item.indicator_id,
        "indicator": indicator,
        "unit": item.unit,
        "region_id": item.region_id,
        "region": regions.get(item.region_id, "") if item.region_id is not None else "",
        "owner": item.unit if item.region_id is None else regions.get(item.region_id, ""),
        "basis": item.basis,
        "state": item.state,
        "value": item.value,
        "value_unit": item.value_unit,
        "observation_id": item.observation_id,
        "filled_by": item.filled_by,
        "filled_at": item.filled_at.isoformat() if item.filled_at else None,
        "approved_by": item.approved_by,
        "approved_at": item.approved_at.isoformat() if item.approved_at else None,
        "return_reason": item.return_reason,
        "late": item.state in LATE_STATES and today > rnd.due_date,
    }
