"""Which targets need a supervision item, and how an item's state may change.

The rule (docs/methodology.md, "Supervision items"): a current target needs an item when its
light is red (off track, 滞后), or when it is binding (约束性) and not green — at risk, or with
no data — though not when it is not yet due. A target gets a *proposal* (state `proposed`,
which a planner confirms or dismisses) when it needs an item and has none; a closed item
*reopens* when its target turns red again after closing (it was not red when last seen) — a
planner may also reopen a closed or dismissed item by hand, with a reason; a
closed or dismissed item gives way to a new proposal when its target needs an item again after
having needed none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from plancockpit.errors import Invalid

STATES = ("proposed", "open", "answered", "returned", "closed", "dismissed")
ACTIVE = ("proposed", "open", "answered", "returned")  # an item still being worked on
OPEN = ("open", "answered", "returned")  # confirmed and not closed: what units are counted on
RED = "off_track"
BINDING = "约束性"
NOT_GREEN = ("at_risk", "off_track", "no_data")  # grey "not yet due" is nothing to supervise

# action → (the states it may start from, the state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "confirm": (("proposed",), "open"),
    "dismiss": (("proposed", "open"), "dismissed"),
    "answer": (("open", "returned"), "answered"),
    "return": (("answered",), "returned"),
    "close": (("answered",), "closed"),
    "reopen": (("closed", "dismissed"), "open"),  # by the rule (closed only) or by a planner
}
STATE_WORDS = {
    "proposed": "待确认",
    "open": "办理中",
    "answered": "已答复",
    "returned": "已退回",
    "closed": "已销号",
    "dismissed": "已撤销",
}


class TransitionError(Invalid):
    """An action the item's state does not allow (an answer to a closed item)."""


def next_state(state: str, action: str) -> str:
    """The state `action` leads to from `state`; `TransitionError` when it may not be taken."""
    if action not in TRANSITIONS:
        raise TransitionError(f"unknown action {action!r} / 未知操作")
    sources, target = TRANSITIONS[action]
    if state not in sources:
        allowed = "、".join(STATE_WORDS[s] for s in sources)
        raise TransitionError(
            f"an item that is {state} cannot be {_past(action)}; only one that is "
            f"{' or '.join(sources)} can / 事项当前为「{STATE_WORDS.get(state, state)}」，"
            f"只有「{allowed}」的事项可以{_ACTION_WORDS[action]}"
        )
    return target


_ACTION_WORDS = {
    "confirm": "确认",
    "dismiss": "撤销",
    "answer": "答复",
    "return": "退回",
    "close": "销号",
    "reopen": "重新打开",
}


def _past(action: str) -> str:
    return {
        "confirm": "confirmed",
        "dismiss": "dismissed",
        "answer": "answered",
        "return": "returned",
        "close": "closed",
        "reopen": "reopened",
    }[action]


def needs_item(status: str, binding: bool) -> bool:
    """Whether a current target with this status calls for supervision."""
    return status == RED or (binding and status in NOT_GREEN)


@dataclass(frozen=True)
class TargetState:
    """What the rule reads of a current target."""

    target_id: int
    status: str
    binding: bool = False


@dataclass(frozen=True)
class ItemState:
    """What the rule reads of an item: its state and the target's status when last seen."""

    item_id: int
    target_id: int
    state: str
    seen: str  # the target's status the last time the rule (or a person) looked


@dataclass(frozen=True)
class Decision:
    """`propose` a new item, `reopen` a closed one, or only note the status now `seen`."""

    action: Literal["propose", "reopen", "seen"]
    target_id: int
    status: str
    item_id: int | None = None


def decide(targets: Iterable[TargetState], items: Sequence[ItemState]) -> list[Decision]:
    """What to do for each target, given its latest item (the one with the highest id)."""
    latest: dict[int, ItemState] = {}
    for one in items:
        if one.target_id not in latest or one.item_id > latest[one.target_id].item_id:
            latest[one.target_id] = one
    out: list[Decision] = []
    for t in targets:
        need = needs_item(t.status, t.binding)
        it = latest.get(t.target_id)
        if it is None:
            if need:
                out.append(Decision("propose", t.target_id, t.status))
            continue
        again = need and not needs_item(it.seen, t.binding)  # fine when last seen, not now
        if it.state == "closed" and t.status == RED and it.seen != RED:
            out.append(Decision("reopen", t.target_id, t.status, it.item_id))
        elif it.state in ("closed", "dismissed") and again:
            out.append(Decision("propose", t.target_id, t.status))
        elif it.seen != t.status:
            out.append(Decision("seen", t.target_id, t.status, it.item_id))
    return out
