"""Supervision items (督办) and the ranking of lead units (比学赶超): API routes and pages.

Reading follows the cockpit's rule (public by a setting, else signed in); attachments only to a
signed-in user. Planners and admins open, confirm, dismiss, close and return items
(`supervise`); the lead unit's reporters answer them (`answer`, limited to their own unit or
region), planners and admins may answer for a unit. Every write needs the CSRF token (the
`X-CSRF-Token` header on the API, the form field on pages).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from plancockpit.services.access.users import UserInfo
from plancockpit.services.followup import supervision as sv
from plancockpit.services.followup.mail import send, take_pending
from plancockpit.services.progress import ranking as ranking_service
from plancockpit.supervise.files import KINDS, MAX_FILES, AttachmentTooLarge, size_words
from plancockpit.supervise.propose import STATE_WORDS
from plancockpit.web.deps import Db, check_csrf, current_user, internal_reader, require
from plancockpit.web.schemas import (
    Proposals,
    Ranking,
    SupervisionDetail,
    SupervisionList,
    file_download,
)

api = APIRouter(prefix="/api", tags=["supervision"])
pages = APIRouter(include_in_schema=False)
Read = Depends(internal_reader)  # supervision is not part of the public view

ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
StateFilter = Annotated[str, Query(pattern="^(" + "|".join(sv.FILTER_STATES) + ")?$")]
Text = Annotated[str, Form(max_length=sv.MAX_TEXT)]
OptionalText = Annotated[str, Form(max_length=sv.MAX_TEXT)]
Action = Literal["confirm", "dismiss", "close", "return", "reopen"]


class NewItem(BaseModel):
    target_id: int = Field(ge=1, le=2**31 - 1)
    ask: str = Field(min_length=1, max_length=sv.MAX_TEXT)
    due_date: date
    lead_units: list[str] = Field(default_factory=list, max_length=10)


def _units(raw: str) -> list[str]:
    return [u for u in re.split(r"[、,，;；\s]+", raw or "") if u]


def _commit(request: Request, db: Session) -> None:
    """Commit, then e-mail the notifications made when an SMTP server is set (best effort: a
    failing server is logged, the inbox has them and the change stands). It blocks on the
    database and the mail server: the async form routes call what commits in a worker thread."""
    pending = take_pending(db)
    db.commit()
    send(request.app.state.engine, request.app.state.settings.mail, pending)


async def _read_files(request: Request, uploads: list[UploadFile | str]) -> list[tuple[str, bytes]]:
    """The uploaded files' names and bytes; a file over the limit is refused while reading
    (413), before anything is stored. A form's empty file input (sent as a blank text) is none."""
    limit = request.app.state.settings.attachment_max_bytes
    out = []
    for up in uploads:
        if isinstance(up, str) or (not up.filename and not up.size):
            continue
        content = await up.read(limit + 1)
        if len(content) > limit:
            raise HTTPException(
                413,
                f"{up.filename}: over the limit of {size_words(limit)} "
                f"/ 附件超过 {size_words(limit)} 上限",
            )
        out.append((up.filename or "", content))
    if len(out) > MAX_FILES:
        raise HTTPException(422, f"at most {MAX_FILES} attachments / 附件最多{MAX_FILES}个")
    return out


def _answer(
    request: Request,
    db: Session,
    item_id: int,
    user: UserInfo,
    explanation: str,
    measures: str,
    expected_date: date | None,
    files: list[tuple[str, bytes]],
) -> dict[str, Any]:
    try:
        sv.answer(
            db,
            item_id,
            by=user.name,
            explanation=explanation,
            measures=measures,
            expected_date=expected_date,
            attachments=files,
            max_bytes=request.app.state.settings.attachment_max_bytes,
        )
    except AttachmentTooLarge as exc:
        raise HTTPException(413, str(exc)) from None
    _commit(request, db)
    return sv.item_detail(db, item_id)


def _act(
    request: Request,
    db: Session,
    item_id: int,
    action: str,
    user: UserInfo,
    reason: str,
    ask: str = "",
    due_date: date | None = None,
    lead_units: str = "",
) -> dict[str, Any]:
    if action == "confirm":
        sv.confirm(
            db,
            item_id,
            by=user.name,
            ask=ask or None,
            due_date=due_date,
            lead_units=_units(lead_units) or None,
        )
    elif action == "dismiss":
        sv.dismiss(db, item_id, by=user.name, reason=reason)
    elif action == "close":
        sv.close(db, item_id, by=user.name, reason=reason)
    elif action == "return":
        sv.return_item(db, item_id, by=user.name, reason=reason)
    elif action == "reopen":
        sv.reopen(db, item_id, by=user.name, reason=reason, due_date=due_date)
    else:  # pragma: no cover - the routes name the action
        raise HTTPException(404, "unknown action")
    _commit(request, db)
    return sv.item_detail(db, item_id)


# --- API ---------------------------------------------------------------------------------------


@api.get("/supervision", dependencies=[Read], response_model=SupervisionList)
def list_supervision(
    db: Db,
    state: StateFilter = "",
    unit: Annotated[str, Query(max_length=100)] = "",
    overdue: bool = False,
    target_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    indicator_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> dict[str, Any]:
    """Supervision items, newest first, filtered by state (`in_progress`: open, answered or
    returned; `active`: those and proposals), lead unit, overdue, target or indicator."""
    return sv.list_items(
        db,
        state=state,
        unit=unit,
        overdue=overdue,
        target_id=target_id,
        indicator_id=indicator_id,
        limit=limit,
        offset=offset,
    )


@api.post("/supervision", status_code=201, response_model=SupervisionDetail)
def open_supervision(
    request: Request,
    db: Db,
    body: NewItem,
    user: Annotated[UserInfo, Depends(require("supervise"))],
) -> dict[str, Any]:
    """A planner opens an item on a target: what is asked, the due date (today or later) and the
    lead units (the target's when none are named)."""
    item = sv.open_item(
        db,
        target_id=body.target_id,
        ask=body.ask,
        due_date=body.due_date,
        lead_units=body.lead_units,
        by=user.name,
    )
    _commit(request, db)
    return sv.item_detail(db, item.id)


@api.post("/supervision/propose", response_model=Proposals)
def propose_supervision(
    request: Request, db: Db, user: Annotated[UserInfo, Depends(require("supervise"))]
) -> dict[str, Any]:
    """Apply the proposal rule now to the current statuses: the items proposed and reopened."""
    done = sv.propose(db, sv.states_from_facts(db), by=user.name)
    _commit(request, db)
    return done


def _shown(request: Request, detail: dict[str, Any]) -> dict[str, Any]:
    """The audit events (who changed what, before → after) go to those who work on items
    (planners, admins, reporters), as an indicator's history goes to reviewers only."""
    user = current_user(request)
    if user is None or not user.can("answer"):
        detail["history"] = None
    return detail


@api.get("/supervision/{item_id}", dependencies=[Read], response_model=SupervisionDetail)
def get_supervision(request: Request, db: Db, item_id: ItemId) -> dict[str, Any]:
    """An item, its target, every transition with its answer and files, and its audit trail
    (`history`: null for viewers and anonymous readers)."""
    return _shown(request, sv.item_detail(db, item_id))


@api.post("/supervision/{item_id}/answer", response_model=SupervisionDetail)
async def answer_supervision(
    request: Request,
    db: Db,
    item_id: ItemId,
    explanation: Text,
    measures: Text,
    user: Annotated[UserInfo, Depends(require("answer"))],
    expected_date: Annotated[date | None, Form()] = None,
    files: Annotated[list[UploadFile], File(description="PDF, Word, Excel, PNG or JPEG")] = [],  # noqa: B006
) -> dict[str, Any]:
    """The lead unit answers (multipart): 原因分析 `explanation`, 整改措施 `measures`, an
    `expected_date` and up to 10 `files`."""
    content = await _read_files(request, list(files))
    return await run_in_threadpool(
        _answer, request, db, item_id, user, explanation, measures, expected_date, content
    )


def _action_route(action: Action, doc: str) -> None:
    def route(
        request: Request,
        db: Db,
        item_id: ItemId,
        user: Annotated[UserInfo, Depends(require("supervise"))],
        reason: Annotated[str, Form(max_length=sv.MAX_TEXT)] = "",
        ask: Annotated[str, Form(max_length=sv.MAX_TEXT)] = "",
        due_date: Annotated[date | None, Form()] = None,
        lead_units: Annotated[str, Form(max_length=1000)] = "",
    ) -> dict[str, Any]:
        return _act(request, db, item_id, action, user, reason, ask, due_date, lead_units)

    route.__doc__ = doc
    route.__name__ = f"{action}_supervision"
    api.post(f"/supervision/{{item_id}}/{action}", response_model=SupervisionDetail)(route)


_action_route(
    "confirm",
    "A planner confirms a proposal (form fields `ask`, `due_date`, `lead_units` change it).",
)
_action_route(
    "dismiss", "A planner dismisses a proposal or withdraws an open item (`reason` needed)."
)
_action_route("close", "A planner closes an answered item (销号; `reason` optional).")
_action_route("return", "A planner returns an answer to the unit (`reason` needed).")
_action_route(
    "reopen",
    "A planner reopens a closed or dismissed item (`reason` needed; `due_date` "
    "optional, default the old one or 30 days from today); the lead units are told.",
)


@api.get(
    "/supervision/{item_id}/attachments/{attachment_id}",
    response_class=Response,
    responses=file_download(*sorted({kind[0] for kind in KINDS.values()})),
)
def download_attachment(
    request: Request,
    db: Db,
    item_id: ItemId,
    attachment_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    """A file sent with an answer, as it was sent (signed-in users only)."""
    if current_user(request) is None:
        raise HTTPException(401, "sign in to download attachments / 请先登录")
    a = sv.get_attachment(db, item_id, attachment_id)
    ascii_name = a.file_name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(a.file_name)}"
    return Response(
        a.content, media_type=a.media_type, headers={"Content-Disposition": disposition}
    )


@api.get("/ranking", dependencies=[Read], response_model=Ranking)
def get_ranking(db: Db) -> dict[str, Any]:
    """Lead units ranked by share of targets on track or achieved, overdue and open supervision
    items and reporting timeliness, each number with the link to the rows behind it."""
    return ranking_service.ranking(db)


# --- pages -------------------------------------------------------------------------------------


def _render(request: Request, name: str, data: dict[str, Any]) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, data)
    return response


@pages.get("/supervision", dependencies=[Read])
def supervision_page(
    request: Request,
    db: Db,
    state: StateFilter = "",
    unit: Annotated[str, Query(max_length=100)] = "",
    overdue: bool = False,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> HTMLResponse:
    data = sv.list_items(db, state=state, unit=unit, overdue=overdue, limit=100, offset=offset)
    units = sorted(
        {u for row in sv.list_items(db, limit=10_000)["items"] for u in row["lead_units"]}
    )
    return _render(
        request,
        "supervision.html",
        {
            "data": data,
            "filters": {"state": state, "unit": unit, "overdue": overdue},
            "states": sv.FILTER_STATES,
            "units": units,
            "summary": sv.overdue_summary(db, limit=0),
            "query": urlencode(
                {
                    k: v
                    for k, v in {
                        "state": state,
                        "unit": unit,
                        "overdue": "true" if overdue else "",
                    }.items()
                    if v
                }
            ),
        },
    )


@pages.get("/supervision/{item_id}", dependencies=[Read])
def supervision_item_page(request: Request, db: Db, item_id: ItemId) -> HTMLResponse:
    data = _shown(request, sv.item_detail(db, item_id))
    user = current_user(request)
    item = sv.get_item(db, item_id)
    may_answer = bool(user and user.can("answer") and sv.may_answer(db, item, user.name))
    return _render(
        request,
        "supervision_item.html",
        {
            "data": data,
            "may_answer": may_answer,
            "state_words": STATE_WORDS,
            "max_mb": request.app.state.settings.attachment_max_bytes / 1048576,
        },
    )


@pages.post("/supervision")
async def open_form(
    request: Request, db: Db, user: Annotated[UserInfo, Depends(require("supervise"))]
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    try:
        target_id = int(str(form.get("target_id") or ""))
        due = date.fromisoformat(str(form.get("due_date") or ""))
    except ValueError:
        raise HTTPException(
            422, "choose a target and a due date / 请选择目标并填写办结期限"
        ) from None

    def opened() -> Any:
        item = sv.open_item(
            db,
            target_id=target_id,
            ask=str(form.get("ask") or ""),
            due_date=due,
            lead_units=_units(str(form.get("lead_units") or "")),
            by=user.name,
        )
        _commit(request, db)
        return item

    item = await run_in_threadpool(opened)
    return RedirectResponse(f"/supervision/{item.id}", status_code=303)


@pages.post("/supervision/propose")
async def propose_form(
    request: Request, db: Db, user: Annotated[UserInfo, Depends(require("supervise"))]
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))

    def proposed() -> dict[str, list[int]]:
        done = sv.propose(db, sv.states_from_facts(db), by=user.name)
        _commit(request, db)
        return done

    done = await run_in_threadpool(proposed)
    query = urlencode(
        {"state": "proposed", "made": len(done["proposed"]), "reopened": len(done["reopened"])}
    )
    return RedirectResponse(f"/supervision?{query}", status_code=303)


@pages.post("/supervision/{item_id}/answer")
async def answer_form(
    request: Request,
    db: Db,
    item_id: ItemId,
    csrf_token: Annotated[str, Form()],
    explanation: Text,
    measures: Text,
    user: Annotated[UserInfo, Depends(require("answer"))],
    expected_date: Annotated[str, Form(max_length=10)] = "",
    files: Annotated[list[UploadFile | str], File()] = [],  # noqa: B006
) -> Response:
    check_csrf(request, csrf_token)
    try:
        expected = date.fromisoformat(expected_date) if expected_date else None
    except ValueError:
        raise HTTPException(422, "the expected date is not a date / 预计完成时间无效") from None
    content = await _read_files(request, files)
    await run_in_threadpool(
        _answer, request, db, item_id, user, explanation, measures, expected, content
    )
    return RedirectResponse(f"/supervision/{item_id}#history", status_code=303)


@pages.post("/supervision/{item_id}/{action}")
async def action_form(
    request: Request,
    db: Db,
    item_id: ItemId,
    action: Action,
    user: Annotated[UserInfo, Depends(require("supervise"))],
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    raw_due = str(form.get("due_date") or "")
    try:
        due = date.fromisoformat(raw_due) if raw_due else None
    except ValueError:
        raise HTTPException(422, "the due date is not a date / 办结期限无效") from None
    await run_in_threadpool(
        _act,
        request,
        db,
        item_id,
        action,
        user,
        str(form.get("reason") or ""),
        str(form.get("ask") or ""),
        due,
        str(form.get("lead_units") or ""),
    )
    return RedirectResponse(f"/supervision/{item_id}#history", status_code=303)


@pages.get("/ranking", dependencies=[Read])
def ranking_page(request: Request, db: Db) -> HTMLResponse:
    return _render(request, "ranking.html", {"data": ranking_service.ranking(db)})
