"""The audit trail in the API: planners read it, admins export it whole (CSV)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from plancockpit.services import audit_log
from plancockpit.web.deps import Db, require
from plancockpit.web.schemas import EventOut, Page

router = APIRouter(prefix="/api", tags=["audit"])
Entity = Literal["", "record", "observation", "user", "indicator", "document", "supervision",
                 "attachment", "round", "round_item"]


@router.get("/events", dependencies=[Depends(require("review"))], response_model=Page[EventOut])
def list_events(db: Db, entity: Entity = "",
                entity_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 100,
                offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Changes people made, newest first: who, when, what, each field before → after."""
    return audit_log.events(db, entity=entity, entity_id=entity_id, limit=limit, offset=offset)


@router.get("/events.csv", dependencies=[Depends(require("manage_users"))])
def events_csv(db: Db) -> Response:
    """The whole audit trail as CSV (admins)."""
    return Response(audit_log.events_csv(db), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="audit-trail.csv"'})
