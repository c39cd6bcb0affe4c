"""The audit trail in the API and on pages: planners (reviewers) read it — the whole log, a
target's history on its page `/targets/{id}` — and admins export it whole (CSV). Every route
here reads: nothing in the app writes, edits or deletes an event (`db/audit.py` appends them)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from plancockpit.services.access import audit_log
from plancockpit.services.cockpit import items
from plancockpit.services.followup.supervision import list_items
from plancockpit.web.deps import Db, current_user, internal_reader, require
from plancockpit.web.schemas import EventOut, Page, file_download

router = APIRouter(prefix="/api", tags=["audit"])
pages = APIRouter(include_in_schema=False)
# The entities of `services.access.audit_log.ENTITIES` (tests/web/test_history_pages.py keeps them equal).
Entity = Literal[
    "",
    "record",
    "target",
    "observation",
    "user",
    "indicator",
    "document",
    "supervision",
    "attachment",
    "round",
    "round_item",
    "project",
    "project_year",
]
TargetId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/events", dependencies=[Depends(require("review"))], response_model=Page[EventOut])
def list_events(
    db: Db,
    entity: Entity = "",
    entity_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Changes people made, newest first: who, when, what, each field before → after."""
    return audit_log.events(db, entity=entity, entity_id=entity_id, limit=limit, offset=offset)


@router.get(
    "/events.csv",
    dependencies=[Depends(require("manage_users"))],
    response_class=Response,
    responses=file_download("text/csv"),
)
def events_csv(db: Db) -> Response:
    """The whole audit trail as CSV (admins)."""
    return Response(
        audit_log.events_csv(db),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit-trail.csv"'},
    )


@router.get(
    "/targets/{target_id}/history",
    dependencies=[Depends(require("review"))],
    response_model=list[EventOut],
)
def target_history(db: Db, target_id: TargetId) -> list[dict[str, Any]]:
    """A target's own changes and those of what it stands on, newest first: its record's
    reviews and edits, its indicator's edits, the values entered for it, its supervision items
    and files."""
    return audit_log.target_history(db, target_id)


@pages.get("/targets/{target_id}", dependencies=[Depends(internal_reader)])
def target_page(request: Request, db: Db, target_id: TargetId) -> HTMLResponse:
    """A target: its value, status and source, its supervision items and (to reviewers) its
    history."""
    user = current_user(request)
    data = items.get_target(db, target_id)
    history = audit_log.target_history(db, target_id) if user and user.can("review") else None
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "target.html",
        {"data": data, "history": history, "supervision": list_items(db, target_id=target_id)},
    )
    return response
