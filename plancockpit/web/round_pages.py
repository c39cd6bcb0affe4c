"""Pages of the reporting rounds: the list (planners open a round), a round's completion board,
我的待办 (fill what one owes, approve or return towns' values), the round's Excel template, and
the inbox. Each page calls the same service function as its API route (`web/rounds.py`)."""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from plancockpit.errors import Invalid
from plancockpit.media_types import XLSX
from plancockpit.services.access.users import UserInfo
from plancockpit.services.actuals.templates import write_workbook
from plancockpit.services.followup import notifications, round_values, rounds
from plancockpit.services.followup.round_template import round_workbook
from plancockpit.services.followup.round_todo import todo
from plancockpit.web.deps import Db, check_csrf, current_user, require
from plancockpit.web.pages import render
from plancockpit.web.rounds import PathId, committed, counted, signed_in

router = APIRouter(include_in_schema=False)
User = Annotated[UserInfo, Depends(signed_in)]
Planner = Annotated[UserInfo, Depends(require("edit"))]
Reporter = Annotated[UserInfo, Depends(require("import_actuals"))]
Csrf = Annotated[str, Form()]


def unread(request: Request) -> int:
    """The signed-in user's unread notifications (the header's count); 0 when signed out."""
    user = current_user(request)
    if user is None:
        return 0
    with request.app.state.sessions() as db:
        return notifications.unread_count(db, user.id)


@router.get("/rounds")
def rounds_page(request: Request, db: Db, user: User) -> HTMLResponse:
    return render(
        request, "rounds.html", {"data": rounds.round_list(db), "today": date.today().isoformat()}
    )


@router.post("/rounds")
def open_round_form(
    request: Request,
    db: Db,
    user: Planner,
    csrf_token: Csrf,
    title: Annotated[str, Form(max_length=200)],
    period_kind: Annotated[str, Form()],
    year: Annotated[int, Form(ge=1949, le=2100)],
    due_date: Annotated[date, Form()],
    number: Annotated[str, Form(max_length=4)] = "",
    selection: Annotated[str, Form(max_length=10)] = "all",
    selection_value: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    if number.strip() and not number.strip().isdigit():
        raise Invalid(f"month or quarter {number!r} is not a number / 月份或季度应为数字")
    row = rounds.open_round(
        db,
        title=title,
        period_kind=period_kind,
        year=year,
        number=int(number) if number.strip() else None,
        due=due_date,
        selection=selection,
        selection_value=selection_value.strip(),
        by=user.name,
    )
    committed(request, db, set())
    return RedirectResponse(f"/rounds/{row['id']}", status_code=303)


@router.get("/rounds/{round_id}")
def round_page(request: Request, db: Db, round_id: PathId, user: User) -> HTMLResponse:
    return render(request, "round.html", {"data": rounds.board(db, round_id)})


@router.post("/rounds/{round_id}/close")
def close_form(
    request: Request, db: Db, round_id: PathId, user: Planner, csrf_token: Csrf
) -> Response:
    check_csrf(request, csrf_token)
    rounds.close_round(db, round_id, by=user.name)
    committed(request, db, set())
    return RedirectResponse(f"/rounds/{round_id}", status_code=303)


@router.get("/rounds/{round_id}/template.xlsx")
def round_template(db: Db, round_id: PathId, user: User) -> Response:
    """The round's workbook of what the user owes; importing it fills the round."""
    book = round_workbook(db, round_id, user.name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "round.xlsx"
        write_workbook(book, path)
        data = path.read_bytes()
    name = quote(f"round-{round_id}.xlsx")
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


@router.get("/todo")
def todo_page(
    request: Request, db: Db, user: User, filled: Annotated[int | None, Query(ge=0, le=500)] = None
) -> HTMLResponse:
    from plancockpit.services.projects.items import todo_projects

    return render(
        request,
        "todo.html",
        {"data": todo(db, user.name), "filled": filled, "projects": todo_projects(db, user.name)},
    )


@router.post("/rounds/{round_id}/values")
async def fill_form(request: Request, db: Db, round_id: PathId, user: Reporter) -> Response:
    """The to-do form: one field `v<item id>` per value; blank fields are left as they are."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    fields = [(key, str(raw)) for key, raw in form.multi_items()]
    rows = await run_in_threadpool(_fill, request, db, round_id, user, fields)
    return RedirectResponse("/todo?filled=" + str(len(rows)), status_code=303)


def _fill(
    request: Request, db: Session, round_id: int, user: UserInfo, fields: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The form's values stored and committed (database work, off the event loop)."""
    rnd = rounds.get_round(db, round_id)
    by_id = {it.id: it for it in rnd.items}
    values = []
    for key, raw in fields:
        text = raw.strip().replace(",", "")
        if not key.startswith("v") or not text:
            continue
        item = by_id.get(int(key[1:])) if key[1:].isdigit() else None
        if item is None:
            raise Invalid(f"{key} is not a value of round {round_id} / 该数据不在本轮填报范围内")
        try:
            number = float(text)
        except ValueError:
            raise Invalid(f"{text[:40]!r} is not a number / 请填写数字") from None
        if not math.isfinite(number):
            raise Invalid(f"{text[:40]!r} is not a finite number / 数值须为有限数")
        values.append(round_values.Value(item.indicator_id, number, item.region_id))
    rows = round_values.fill(db, round_id, by=user.name, values=values)
    committed(request, db, counted(rows))
    return rows


@router.post("/rounds/{round_id}/items/{item_id}/approve")
def approve_form(
    request: Request, db: Db, round_id: PathId, item_id: PathId, user: Reporter, csrf_token: Csrf
) -> Response:
    check_csrf(request, csrf_token)
    row = round_values.approve(db, round_id, item_id, by=user.name)
    committed(request, db, counted([row]))
    return RedirectResponse("/todo#approvals", status_code=303)


@router.post("/rounds/{round_id}/items/{item_id}/return")
def return_form(
    request: Request,
    db: Db,
    round_id: PathId,
    item_id: PathId,
    user: Reporter,
    csrf_token: Csrf,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    round_values.return_value(db, round_id, item_id, by=user.name, reason=reason)
    committed(request, db, set())
    return RedirectResponse("/todo#approvals", status_code=303)


@router.get("/inbox")
def inbox_page(request: Request, db: Db, user: User) -> HTMLResponse:
    return render(request, "inbox.html", {"data": notifications.inbox(db, user.id, limit=200)})


@router.post("/inbox/{notification_id}/read")
def read_form(
    request: Request, db: Db, notification_id: PathId, user: User, csrf_token: Csrf
) -> Response:
    check_csrf(request, csrf_token)
    row = notifications.mark_read(db, user.id, notification_id)
    db.commit()
    link = str(row["link"])
    return RedirectResponse(
        link if link.startswith("/") and not link.startswith("//") else "/inbox", status_code=303
    )
