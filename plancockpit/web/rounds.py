"""Reporting rounds and the inbox in the REST API. Reading needs a signed-in user; opening and
closing a round needs a planner (`edit`), filling, approving and returning values a user who
enters actuals (`import_actuals`) within its reach (`services/followup/round_values.py`); every write
needs the `X-CSRF-Token` header."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.services.access.users import UserInfo
from plancockpit.services.followup import notifications, round_values, rounds
from plancockpit.services.followup.mail import send, take_pending
from plancockpit.services.followup.round_todo import todo
from plancockpit.web.deps import CSRF_HEADER, Db, check_csrf, current_user, require
from plancockpit.web.freshness import changed
from plancockpit.web.schemas import (
    FilledValues,
    Inbox,
    NotificationRow,
    RoundBoard,
    RoundItemOut,
    RoundList,
    RoundOpened,
    RoundRow,
    Todo,
)

router = APIRouter(prefix="/api", tags=["rounds"])
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
PathId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def signed_in(request: Request, db: Db) -> UserInfo:
    """Any signed-in user (a state-changing API call also needs the CSRF header)."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first / 请先登录")
    if request.url.path.startswith("/api/") and request.method not in ("GET", "HEAD"):
        check_csrf(request, request.headers.get(CSRF_HEADER))
    act_as(db, user.name)
    return user


User = Annotated[UserInfo, Depends(signed_in)]
Planner = Annotated[UserInfo, Depends(require("edit"))]
Reporter = Annotated[UserInfo, Depends(require("import_actuals"))]


class NewRound(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    period_kind: Literal["month", "quarter", "year"]
    year: int = Field(ge=1949, le=2100)
    number: int | None = Field(default=None, ge=1, le=12, description="month 1–12 or quarter 1–4")
    due_date: date
    selection: Literal["all", "domain", "document"] = "all"
    selection_value: str = Field(
        default="", max_length=200, description="the domain, or the document id"
    )


class RoundValue(BaseModel):
    indicator_id: Id
    value: float = Field(allow_inf_nan=False)
    region_id: Id | None = Field(default=None, description="a town's value; empty: the lead unit's")


class RoundValues(BaseModel):
    values: list[RoundValue] = Field(max_length=500)


class ReturnReason(BaseModel):
    reason: str = Field(max_length=500)


def committed(request: Request, db: Session, indicator_ids: set[int]) -> None:
    """Commit, with the statuses of the indicators whose values now count marked stale; e-mail
    the notifications made (best effort)."""
    pending = take_pending(db)
    changed(request.app.state, db, indicator_ids)
    db.commit()
    send(request.app.state.engine, request.app.state.settings.mail, pending)


def counted(rows: list[dict[str, Any]]) -> set[int]:
    return {int(r["indicator_id"]) for r in rows if r["state"] == "approved"}


@router.get("/rounds", response_model=RoundList)
def list_rounds(db: Db, user: User) -> dict[str, Any]:
    """Every reporting round, open ones first, with owed / filled / approved / late counts."""
    return rounds.round_list(db)


@router.post("/rounds", status_code=201, response_model=RoundOpened)
def open_round(request: Request, db: Db, body: NewRound, user: Planner) -> dict[str, Any]:
    """Open a round for a period over all indicators, a domain or a document's targets (planners)."""
    row = rounds.open_round(
        db,
        title=body.title,
        period_kind=body.period_kind,
        year=body.year,
        number=body.number,
        due=body.due_date,
        selection=body.selection,
        selection_value=body.selection_value,
        by=user.name,
    )
    committed(request, db, set())
    return row


@router.get("/rounds/{round_id}", response_model=RoundBoard)
def round_board(db: Db, round_id: PathId, user: User) -> dict[str, Any]:
    """A round's completion board: per unit or town, owed / filled / approved / late, and its items."""
    return rounds.board(db, round_id)


@router.post("/rounds/{round_id}/close", response_model=RoundRow)
def close_round(request: Request, db: Db, round_id: PathId, user: Planner) -> dict[str, Any]:
    """Close a round (planners): nothing more is filled or approved in it."""
    row = rounds.close_round(db, round_id, by=user.name)
    committed(request, db, set())
    return row


@router.post("/rounds/{round_id}/values", response_model=FilledValues)
def fill_values(
    request: Request, db: Db, round_id: PathId, body: RoundValues, user: Reporter
) -> dict[str, Any]:
    """Fill values the user's unit or town owes; one refused value refuses them all."""
    rows = round_values.fill(
        db,
        round_id,
        by=user.name,
        values=[round_values.Value(v.indicator_id, v.value, v.region_id) for v in body.values],
    )
    committed(request, db, counted(rows))
    return {"items": rows, "total": len(rows)}


@router.post("/rounds/{round_id}/items/{item_id}/approve", response_model=RoundItemOut)
def approve_value(
    request: Request, db: Db, round_id: PathId, item_id: PathId, user: Reporter
) -> dict[str, Any]:
    """The indicator's lead unit approves a town's value: it now counts."""
    row = round_values.approve(db, round_id, item_id, by=user.name)
    committed(request, db, counted([row]))
    return row


@router.post("/rounds/{round_id}/items/{item_id}/return", response_model=RoundItemOut)
def return_value(
    request: Request, db: Db, round_id: PathId, item_id: PathId, body: ReturnReason, user: Reporter
) -> dict[str, Any]:
    """The indicator's lead unit returns a town's value with a reason."""
    row = round_values.return_value(db, round_id, item_id, by=user.name, reason=body.reason)
    committed(request, db, set())
    return row


@router.get("/todo", response_model=Todo)
def my_todo(db: Db, user: User) -> dict[str, Any]:
    """我的待办: what the user's unit or town owes in open rounds, and values awaiting its approval."""
    return todo(db, user.name)


@router.get("/notifications", response_model=Inbox)
def inbox(
    db: Db,
    user: User,
    unread: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> dict[str, Any]:
    """The user's notifications, newest first, each in Chinese and English, with the unread count."""
    return notifications.inbox(db, user.id, unread=unread, limit=limit, offset=offset)


@router.post("/notifications/{notification_id}/read", response_model=NotificationRow)
def read(db: Db, notification_id: PathId, user: User) -> dict[str, Any]:
    """Mark one of the user's notifications read."""
    row = notifications.mark_read(db, user.id, notification_id)
    db.commit()
    return row
