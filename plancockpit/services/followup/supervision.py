"""Supervision items (督办) in storage: opening, proposing, answering, closing, returning,
dismissing and reopening items, with every transition stored (who, when, what was written) and
every change of an item appended to the audit trail (`db/audit.py`).

The rules are pure (`plancockpit.supervise.propose`, `.files`); this module reads targets'
statuses (from the cockpit's facts, or from `services.progress.status.target_statuses`), checks who may
do what (a reporter answers only items of its own unit or region: `services.access.scope`), and stores.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.db.models import (
    Event,
    Indicator,
    SupervisionAttachment,
    SupervisionItem,
    SupervisionTransition,
    Target,
)
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.services.access import scope as scopes
from plancockpit.services.access.audit_log import event_row
from plancockpit.services.cockpit.facts import CURRENT, TargetFact
from plancockpit.services.followup import notifications
from plancockpit.services.progress.status import TargetStatus
from plancockpit.supervise import files
from plancockpit.supervise.propose import (
    ACTIVE,
    BINDING,
    OPEN,
    STATES,
    ItemState,
    TargetState,
    decide,
    next_state,
)

DEFAULT_DUE_DAYS = 30  # a proposal's due date: this many days after it is made
MAX_TEXT = 4000
SYSTEM = "system (proposal rule)"
FILTER_STATES = (*STATES, "in_progress", "active")


def _now() -> datetime:
    return datetime.now(UTC)


def _text(value: str | None, what: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise Invalid(f"{what} is empty / {_ZH.get(what, what)}不能为空")
    if len(text) > MAX_TEXT:
        raise Invalid(f"{what} is longer than {MAX_TEXT} characters / {_ZH.get(what, what)}过长")
    if "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise Invalid(
            f"{what} holds characters that cannot be stored / {_ZH.get(what, what)}含有无法保存的字符"
        )
    return text


_ZH = {"ask": "督办要求", "explanation": "原因分析", "measures": "整改措施", "reason": "理由"}


def _not_past(day: date | None, what: str, today: date) -> None:
    if day is not None and day < today:
        raise Invalid(
            f"the {what} {day.isoformat()} is in the past (today is {today.isoformat()}) "
            f"/ {'办结期限' if what == 'due date' else '预计完成时间'}不能早于今天"
        )


def _units(raw: Iterable[Any]) -> list[str]:
    names = [str(u).strip() for u in raw if str(u).strip()]
    if any(len(n) > 100 for n in names) or len(names) > 10:
        raise Invalid("at most 10 lead units of at most 100 characters / 牵头单位过多或过长")
    return list(dict.fromkeys(names))


def target_lead_units(session: Session, target: Target) -> list[str]:
    """A target's lead units: its own, else those a planner set on its indicator."""
    if target.lead_units:
        return [str(u) for u in target.lead_units]
    ind = session.get(Indicator, target.indicator_id)
    return [str(u) for u in (ind.lead_units if ind else []) or []]


def get_item(session: Session, item_id: int) -> SupervisionItem:
    item = session.get(SupervisionItem, item_id)
    if item is None:
        raise NotFound(f"supervision item {item_id} not found / 督办事项不存在")
    return item


def _move(
    session: Session,
    item: SupervisionItem,
    action: str,
    by: str,
    told: str | None = None,
    **written: Any,
) -> SupervisionTransition:
    """Take `action` on the item (checked against its state) and store the transition; those
    concerned are told (`told`: another kind of notification than the new state's)."""
    to = next_state(item.state, action)
    step = SupervisionTransition(
        item_id=item.id, from_state=item.state, to_state=to, actor=by[:100], at=_now(), **written
    )
    session.add(step)
    item.state = to
    item.updated_at = step.at
    if to == "closed":
        item.closed_at = step.at
    session.flush()
    _tell(session, item, to, by, written.get("reason") or "", told)
    return step


# Who hears of an item's new state (the inbox, and e-mail when set): the lead units' users when
# it is theirs to answer or it was closed or returned, the planner who opened it when answered.
TOLD = {
    "open": "item_assigned",
    "returned": "item_returned",
    "closed": "item_closed",
    "answered": "item_answered",
}


def _tell(
    session: Session,
    item: SupervisionItem,
    to: str,
    by: str,
    reason: str = "",
    kind: str | None = None,
) -> None:
    kind = kind or TOLD.get(to)
    if kind is None:
        return
    if to == "answered":
        users = notifications.user_id(session, item.opened_by)
    else:
        users = [
            u
            for unit in item.lead_units or []
            for u in notifications.owners(session, str(unit), None)
        ]
    fact = _fact(session, item.target_id)
    params = {
        "id": item.id,
        "indicator": fact.indicator_name if fact else "",
        "by": by,
        "due": item.due_date.isoformat() if item.due_date else "",
        "reason": reason,
        "units": "、".join(str(u) for u in item.lead_units or []),
    }
    notifications.notify(session, users, kind, params=params, link=f"/supervision/{item.id}")


def _fact(session: Session, target_id: int) -> TargetFact | None:
    return session.get(TargetFact, target_id)


def open_item(
    session: Session,
    *,
    target_id: int,
    ask: str,
    due_date: date,
    by: str,
    lead_units: Sequence[str] | None = None,
    today: date | None = None,
) -> SupervisionItem:
    """A planner opens an item on any target (state `open`); the target may have no other item
    being worked on."""
    today = today or date.today()
    target = session.get(Target, target_id)
    if target is None:
        raise NotFound(f"target {target_id} not found / 目标不存在")
    ask = _text(ask, "ask")
    _not_past(due_date, "due date", today)
    units = _units(lead_units) if lead_units else target_lead_units(session, target)
    if not units:
        raise Invalid("the target has no lead unit: name one / 该目标没有牵头单位，请指定")
    busy = session.scalar(
        select(SupervisionItem.id).where(
            SupervisionItem.target_id == target_id, SupervisionItem.state.in_(ACTIVE)
        )
    )
    if busy is not None:
        raise Invalid(
            f"target {target_id} already has item {busy} in progress / 该目标已有办理中的督办事项 #{busy}"
        )
    fact = _fact(session, target_id)
    item = SupervisionItem(
        target_id=target_id,
        lead_units=units,
        ask=ask,
        due_date=due_date,
        state="open",
        proposed=False,
        opened_by=by[:100],
        target_status=fact.status if fact else "",
        created_at=_now(),
        updated_at=_now(),
    )
    session.add(item)
    session.flush()
    session.add(
        SupervisionTransition(
            item_id=item.id, from_state=None, to_state="open", actor=by[:100], at=item.created_at
        )
    )
    session.flush()
    _tell(session, item, "open", by)
    return item


def confirm(
    session: Session,
    item_id: int,
    *,
    by: str,
    ask: str | None = None,
    due_date: date | None = None,
    lead_units: Sequence[str] | None = None,
    today: date | None = None,
) -> SupervisionItem:
    """A planner confirms a proposal (proposed → open), changing its text, date or units."""
    today = today or date.today()
    item = get_item(session, item_id)
    next_state(item.state, "confirm")
    if ask is not None and ask.strip():
        item.ask = _text(ask, "ask")
    if due_date is not None:
        _not_past(due_date, "due date", today)
        item.due_date = due_date
    elif item.due_date is not None and item.due_date < today:
        item.due_date = today + timedelta(days=DEFAULT_DUE_DAYS)
    if lead_units:
        item.lead_units = _units(lead_units)
    if not item.lead_units:
        raise Invalid("the item has no lead unit: name one / 请指定牵头单位")
    _move(session, item, "confirm", by)
    return item


def answer(
    session: Session,
    item_id: int,
    *,
    by: str,
    explanation: str,
    measures: str,
    expected_date: date | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    max_bytes: int = files.DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> SupervisionItem:
    """The lead unit answers (open or returned → answered): 原因分析, 整改措施, an expected date and
    files. A reporter may answer only items of its own unit (or region); nothing is stored when
    anything is wrong."""
    today = today or date.today()
    item = get_item(session, item_id)
    next_state(item.state, "answer")
    check_may_answer(session, item, by)
    explanation = _text(explanation, "explanation")
    measures = _text(measures, "measures")
    _not_past(expected_date, "expected date", today)
    if len(attachments) > files.MAX_FILES:
        raise Invalid(f"at most {files.MAX_FILES} attachments / 附件最多{files.MAX_FILES}个")
    checked = [files.check(name, content, max_bytes) for name, content in attachments]
    step = _move(
        session,
        item,
        "answer",
        by,
        explanation=explanation,
        measures=measures,
        expected_date=expected_date,
    )
    for f in checked:
        session.add(
            SupervisionAttachment(
                item_id=item.id,
                transition_id=step.id,
                file_name=f.name,
                media_type=f.media_type,
                size=f.size,
                sha256=f.sha256,
                content=f.content,
                uploaded_by=by[:100],
                created_at=step.at,
            )
        )
    session.flush()
    return item


def may_answer(session: Session, item: SupervisionItem, user: str) -> bool:
    try:
        check_may_answer(session, item, user)
    except Forbidden:
        return False
    return True


def check_may_answer(session: Session, item: SupervisionItem, user: str) -> None:
    """`Forbidden` unless the user is unlimited (admin, planner) or tied to one of the item's
    lead units or to the target's region (or one above it)."""
    reach = scopes.scope_of(session, user)
    if reach is None:
        return
    target = session.get(Target, item.target_id)
    region = target.region_id if target else None
    if scopes.allows(reach, [str(u) for u in item.lead_units or []], region):
        return
    led = "、".join(str(u) for u in item.lead_units or []) or "no unit / 无"
    raise Forbidden(
        f"{user} answers items of {reach.label or 'no unit'} only; item {item.id} is for {led} "
        f"/ 只能答复本单位的督办事项"
    )


def close(session: Session, item_id: int, *, by: str, reason: str = "") -> SupervisionItem:
    """A planner closes an answered item (销号)."""
    item = get_item(session, item_id)
    next_state(item.state, "close")
    fact = _fact(session, item.target_id)
    _move(session, item, "close", by, reason=_text(reason, "reason", required=False))
    if fact is not None:
        item.target_status = fact.status  # reopens when the target turns red from here
    return item


def return_item(session: Session, item_id: int, *, by: str, reason: str) -> SupervisionItem:
    """A planner returns an answer with a reason (answered → returned); the unit answers again."""
    item = get_item(session, item_id)
    next_state(item.state, "return")
    _move(session, item, "return", by, reason=_text(reason, "reason"))
    return item


def dismiss(session: Session, item_id: int, *, by: str, reason: str) -> SupervisionItem:
    """A planner dismisses a proposal, or withdraws an open item, with a reason."""
    item = get_item(session, item_id)
    next_state(item.state, "dismiss")
    _move(session, item, "dismiss", by, reason=_text(reason, "reason"))
    return item


def reopen(
    session: Session,
    item_id: int,
    *,
    by: str,
    reason: str,
    due_date: date | None = None,
    today: date | None = None,
) -> SupervisionItem:
    """A planner reopens a closed item, or a dismissed one, with a reason (→ open): the lead
    units are told and answer again by `due_date` (default: the old one, or 30 days from today
    when it has passed). Refused when the target has another item being worked on."""
    today = today or date.today()
    item = get_item(session, item_id)
    next_state(item.state, "reopen")
    reason = _text(reason, "reason")
    _not_past(due_date, "due date", today)
    if not item.lead_units:
        raise Invalid("the item has no lead unit: confirm a new item instead / 该事项没有牵头单位")
    busy = session.scalar(
        select(SupervisionItem.id).where(
            SupervisionItem.target_id == item.target_id,
            SupervisionItem.state.in_(ACTIVE),
            SupervisionItem.id != item.id,
        )
    )
    if busy is not None:
        raise Invalid(
            f"target {item.target_id} already has item {busy} in progress "
            f"/ 该目标已有办理中的督办事项 #{busy}"
        )
    if due_date is not None:
        item.due_date = due_date
    elif item.due_date is None or item.due_date < today:
        item.due_date = today + timedelta(days=DEFAULT_DUE_DAYS)
    item.closed_at = None
    _move(session, item, "reopen", by, told="item_reopened", reason=reason)
    return item


# --- proposals ---------------------------------------------------------------------------------


def states_from_facts(session: Session) -> list[TargetState]:
    """Current targets' statuses as the cockpit's facts hold them."""
    rows = session.execute(
        select(TargetFact.target_id, TargetFact.status, TargetFact.attribute).where(CURRENT)
    )
    return [TargetState(tid, status, attribute == BINDING) for tid, status, attribute in rows]


def states_from_statuses(statuses: Iterable[TargetStatus]) -> list[TargetState]:
    """Current targets' statuses from `services.progress.status.target_statuses`."""
    return [
        TargetState(s.target_id, s.assessment.status, s.attribute == BINDING)
        for s in statuses
        if not s.superseded and not s.history
    ]


def _ask_for(session: Session, target: Target, status: str) -> str:
    fact = _fact(session, target.id)
    name = (
        fact.indicator_name
        if fact
        else (session.get(Indicator, target.indicator_id) or Indicator(name="")).name
    )
    text = (fact.details.get("summary") if fact else "") or ""
    zh = {"off_track": "滞后", "at_risk": "有风险", "no_data": "暂无数据"}.get(status, status)
    en = {"off_track": "off track", "at_risk": "at risk", "no_data": "no data"}.get(status, status)
    return (
        f"「{name}」目标状态为{zh}{'（' + text + '）' if text else ''}。请分析原因、提出整改措施和预计完成时间。"
        f" / The target of {name} is {en}: explain why, and give the measures and an expected date."
    )


def propose(
    session: Session, states: Sequence[TargetState], *, by: str = SYSTEM, today: date | None = None
) -> dict[str, list[int]]:
    """Apply the proposal rule: new proposals, reopened items and statuses noted. Returns the
    ids of the items proposed and reopened."""
    today = today or date.today()
    rows = session.execute(
        select(
            SupervisionItem.id,
            SupervisionItem.target_id,
            SupervisionItem.state,
            SupervisionItem.target_status,
        )
    )
    items = [ItemState(i, t, s, seen) for i, t, s, seen in rows]
    out: dict[str, list[int]] = {"proposed": [], "reopened": []}
    for d in decide(states, items):
        if d.action == "propose":
            target = session.get(Target, d.target_id)
            if target is None:
                continue
            item = SupervisionItem(
                target_id=target.id,
                lead_units=target_lead_units(session, target),
                ask=_ask_for(session, target, d.status),
                due_date=today + timedelta(days=DEFAULT_DUE_DAYS),
                state="proposed",
                proposed=True,
                opened_by=by[:100],
                target_status=d.status,
                created_at=_now(),
                updated_at=_now(),
            )
            session.add(item)
            session.flush()
            session.add(
                SupervisionTransition(
                    item_id=item.id,
                    from_state=None,
                    to_state="proposed",
                    actor=by[:100],
                    at=item.created_at,
                    reason=f"target status: {d.status}",
                )
            )
            out["proposed"].append(item.id)
        elif d.item_id is not None:
            item = get_item(session, d.item_id)
            if d.action == "reopen":
                _move(
                    session,
                    item,
                    "reopen",
                    by,
                    reason=f"target turned red again / 目标再次亮红灯 ({d.status})",
                )
                item.closed_at = None
                if item.due_date is None or item.due_date < today:
                    item.due_date = today + timedelta(days=DEFAULT_DUE_DAYS)
                out["reopened"].append(item.id)
            item.target_status = d.status
    session.flush()
    return out


# --- reading -----------------------------------------------------------------------------------


def is_overdue(item: SupervisionItem, today: date) -> bool:
    return item.state in OPEN and item.due_date is not None and item.due_date < today


def _row(
    item: SupervisionItem, fact: TargetFact | None, target: Target | None, today: date
) -> dict[str, Any]:
    return {
        "id": item.id,
        "target_id": item.target_id,
        "lead_units": list(item.lead_units or []),
        "ask": item.ask,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "state": item.state,
        "proposed": item.proposed,
        "opened_by": item.opened_by,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "closed_at": item.closed_at.isoformat() if item.closed_at else None,
        "overdue": is_overdue(item, today),
        "indicator_id": fact.indicator_id if fact else (target.indicator_id if target else None),
        "indicator_name": fact.indicator_name if fact else "",
        "target_status": fact.status if fact else "",
        "light": fact.light if fact else "",
        "attribute": fact.attribute if fact else "",
    }


def list_items(
    session: Session,
    *,
    state: str = "",
    unit: str = "",
    overdue: bool = False,
    target_id: int | None = None,
    indicator_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
    today: date | None = None,
) -> dict[str, Any]:
    """Items newest first, filtered by state (or `in_progress`: open, answered or returned;
    `active`: those and proposals), lead unit, overdue, target or indicator, with their
    target's indicator and status."""
    today = today or date.today()
    if state and state not in FILTER_STATES:
        raise Invalid(f"unknown state {state!r} / 未知状态")
    stmt = select(SupervisionItem)
    if state == "active":
        stmt = stmt.where(SupervisionItem.state.in_(ACTIVE))
    elif state == "in_progress":
        stmt = stmt.where(SupervisionItem.state.in_(OPEN))
    elif state:
        stmt = stmt.where(SupervisionItem.state == state)
    if overdue:
        stmt = stmt.where(SupervisionItem.state.in_(OPEN), SupervisionItem.due_date < today)
    if target_id is not None:
        stmt = stmt.where(SupervisionItem.target_id == target_id)
    if indicator_id is not None:
        stmt = stmt.where(
            SupervisionItem.target_id.in_(
                select(Target.id).where(Target.indicator_id == indicator_id)
            )
        )
    found = list(session.scalars(stmt.order_by(SupervisionItem.id.desc())))
    if unit:  # lead units are a JSON list: filtered here, portable on both databases
        found = [i for i in found if unit in (i.lead_units or [])]
    page = found[max(0, offset) : max(0, offset) + limit]
    ids = [i.target_id for i in page]
    facts = {
        f.target_id: f
        for f in session.scalars(select(TargetFact).where(TargetFact.target_id.in_(ids)))
    }
    targets = {t.id: t for t in session.scalars(select(Target).where(Target.id.in_(ids)))}
    names = dict(
        session.execute(
            select(Indicator.id, Indicator.name).where(
                Indicator.id.in_({t.indicator_id for t in targets.values()})
            )
        ).all()
    )
    rows = []
    for i in page:
        row = _row(i, facts.get(i.target_id), targets.get(i.target_id), today)
        if not row["indicator_name"] and row["indicator_id"] is not None:
            row["indicator_name"] = names.get(row["indicator_id"], "")
        rows.append(row)
    return {"items": rows, "total": len(found), "limit": limit, "offset": max(0, offset)}


def counts_by_unit(
    session: Session, today: date | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Open items and overdue items per lead unit (an item of two units counts for both)."""
    today = today or date.today()
    opened: dict[str, int] = {}
    late: dict[str, int] = {}
    for units, due in session.execute(
        select(SupervisionItem.lead_units, SupervisionItem.due_date).where(
            SupervisionItem.state.in_(OPEN)
        )
    ):
        for u in dict.fromkeys(str(x) for x in units or []):
            opened[u] = opened.get(u, 0) + 1
            if due is not None and due < today:
                late[u] = late.get(u, 0) + 1
    return opened, late


def overdue_summary(
    session: Session, *, limit: int = 5, today: date | None = None
) -> dict[str, Any]:
    """For the overview (escalation): how many open items are overdue, the oldest first, and
    how many proposals wait for a planner."""
    today = today or date.today()
    late = select(SupervisionItem).where(
        SupervisionItem.state.in_(OPEN), SupervisionItem.due_date < today
    )
    total = session.scalar(select(func.count()).select_from(late.subquery())) or 0
    oldest = list(
        session.scalars(late.order_by(SupervisionItem.due_date, SupervisionItem.id).limit(limit))
    )
    facts = {
        f.target_id: f
        for f in session.scalars(
            select(TargetFact).where(TargetFact.target_id.in_([i.target_id for i in oldest]))
        )
    }
    waiting = session.scalar(select(func.count()).where(SupervisionItem.state == "proposed")) or 0
    opened = session.scalar(select(func.count()).where(SupervisionItem.state.in_(OPEN))) or 0
    return {
        "overdue": total,
        "open": opened,
        "proposed": waiting,
        "items": [
            _row(i, facts.get(i.target_id), None, today) | {"days_late": (today - i.due_date).days}
            for i in oldest
            if i.due_date is not None
        ],
    }


def item_detail(session: Session, item_id: int, *, today: date | None = None) -> dict[str, Any]:
    """An item with its target, every transition (answers with their files) and its audit trail."""
    today = today or date.today()
    item = get_item(session, item_id)
    fact = _fact(session, item.target_id)
    target = session.get(Target, item.target_id)
    row = _row(item, fact, target, today)
    if target is not None and not row["indicator_name"]:
        ind = session.get(Indicator, target.indicator_id)
        row["indicator_name"] = ind.name if ind else ""
    files_of: dict[int | None, list[dict[str, Any]]] = {}
    for a in session.scalars(
        select(SupervisionAttachment)
        .where(SupervisionAttachment.item_id == item.id)
        .order_by(SupervisionAttachment.id)
    ):
        files_of.setdefault(a.transition_id, []).append(attachment_row(a))
    steps = [
        {
            "id": s.id,
            "from_state": s.from_state,
            "to_state": s.to_state,
            "actor": s.actor,
            "at": s.at.isoformat(),
            "reason": s.reason,
            "explanation": s.explanation,
            "measures": s.measures,
            "expected_date": s.expected_date.isoformat() if s.expected_date else None,
            "attachments": files_of.get(s.id, []),
        }
        for s in session.scalars(
            select(SupervisionTransition)
            .where(SupervisionTransition.item_id == item.id)
            .order_by(SupervisionTransition.id)
        )
    ]
    target_row: dict[str, Any] | None = None
    if target is not None:
        target_row = {
            "id": target.id,
            "indicator_id": target.indicator_id,
            "comparator": target.comparator,
            "value": target.value,
            "value_max": target.value_max,
            "unit": target.unit,
            "deadline_year": target.deadline_year,
            "attribute": target.attribute,
            "lead_units": list(target.lead_units or []),
            "status": fact.status if fact else "",
            "light": fact.light if fact else "",
            "summary": fact.details.get("summary", "") if fact else "",
            "summary_en": fact.details.get("summary_en", "") if fact else "",
        }
    return row | {"target": target_row, "transitions": steps, "history": history(session, item.id)}


def attachment_row(a: SupervisionAttachment) -> dict[str, Any]:
    return {
        "id": a.id,
        "file_name": a.file_name,
        "media_type": a.media_type,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_by": a.uploaded_by,
        "created_at": a.created_at.isoformat(),
        "url": f"/api/supervision/{a.item_id}/attachments/{a.id}",
    }


def history(session: Session, item_id: int) -> list[dict[str, Any]]:
    """The audit events of an item and of its attachments, oldest first."""
    files_ids = select(SupervisionAttachment.id).where(SupervisionAttachment.item_id == item_id)
    rows = session.scalars(
        select(Event)
        .where(
            ((Event.entity == "supervision") & (Event.entity_id == item_id))
            | ((Event.entity == "attachment") & Event.entity_id.in_(files_ids))
        )
        .order_by(Event.id)
    )
    return [event_row(e) for e in rows]


def get_attachment(session: Session, item_id: int, attachment_id: int) -> SupervisionAttachment:
    a = session.get(SupervisionAttachment, attachment_id)
    if a is None or a.item_id != item_id:
        raise NotFound(f"attachment {attachment_id} of item {item_id} not found / 附件不存在")
    return a


def active_items_of_targets(session: Session, target_ids: Collection[int]) -> dict[int, int]:
    """Target → its item being worked on (for links from indicator pages)."""
    rows = session.execute(
        select(SupervisionItem.target_id, SupervisionItem.id).where(
            SupervisionItem.target_id.in_(list(target_ids)), SupervisionItem.state.in_(ACTIVE)
        )
    )
    return {t: i for t, i in rows}
