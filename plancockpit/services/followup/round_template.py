"""A reporting round's own Excel template: the workbook of `services/actuals/templates.py` with only the
values the user owes in the round (period filled in) and the round's id on its own sheet, so that
importing the filled workbook (the import page, `plancockpit import-actuals`) fills the round."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Region, RoundItem, Target, User
from plancockpit.errors import NotFound
from plancockpit.services.access import scope
from plancockpit.services.actuals.templates import Row, Workbook
from plancockpit.services.followup.rounds import get_round, obs_period, period_label
from plancockpit.services.indicators.target_words import BASIS_LABELS, is_points, target_text


def owed_by(session: Session, user_name: str, items: list[RoundItem]) -> list[RoundItem]:
    """The items a user owes: its unit's or town's; planners and admins tied to nothing, all."""
    user = session.scalar(select(User).where(User.name == user_name))
    if user is None:
        return []
    ties = scope.ties_of(session, user)
    mine = [
        it
        for it in items
        if (
            it.region_id in ties.region_ids
            if it.region_id is not None
            else it.unit in ties.unit_names
        )
    ]
    if not mine and not ties.label and user.role in scope.UNLIMITED_ROLES:
        return items
    return mine


def round_workbook(session: Session, round_id: int, user_name: str) -> Workbook:
    """The workbook of what `user_name` owes in the round (refused when it owes nothing)."""
    rnd = get_round(session, round_id)
    items = owed_by(session, user_name, list(rnd.items))
    if not items:
        raise NotFound(f"{user_name} owes no value in round {round_id} / 本轮没有您需要填报的数据")
    year, month = obs_period(rnd.period_kind, rnd.period_year, rnd.period_number)
    inds = {
        i.id: i
        for i in session.scalars(
            select(Indicator).where(Indicator.id.in_({it.indicator_id for it in items}))
        )
    }
    regions = {r.id: r.name for r in session.scalars(select(Region))}
    zh, en = period_label(rnd.period_kind, rnd.period_year, rnd.period_number)
    book = Workbook(
        unit=items[0].unit,
        round_sheet=[
            ["round_id", rnd.id],
            ["填报轮次 round", rnd.title],
            ["周期 period", f"{zh} / {en}"],
            ["截止日期 due", rnd.due_date.isoformat()],
            ["说明 note", "导入本文件即填报本轮 / importing this file fills the round"],
        ],
    )
    for it in items:
        ind = inds[it.indicator_id]
        region = regions.get(it.region_id if it.region_id is not None else ind.region_id or -1, "")
        book.rows.append(Row(ind.id, ind.name, region, year, ind.unit, it.basis, month))
    for t in session.scalars(
        select(Target).where(Target.indicator_id.in_(list(inds))).order_by(Target.id)
    ):
        ind = inds[t.indicator_id]
        words = target_text(
            t.comparator,
            t.value,
            t.value_max,
            t.unit or ind.unit,
            t.basis,
            points=is_points(t.basis, t.unit or "", ind.unit),
        )
        book.targets.append(
            [
                ind.id,
                ind.name,
                words[0],
                words[1],
                BASIS_LABELS.get(t.basis, (t.basis,))[0],
                t.deadline_year,
                t.attribute or "",
                "、".join(str(u) for u in t.lead_units or []),
                "",
            ]
        )
    return book
