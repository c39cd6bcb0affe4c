"""The REST API (write side): sign-in, review, observations and imports. All need a user and,
from a browser session, the CSRF token in the `X-CSRF-Token` header."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Request, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from plancockpit.db.transient import lost_a_race
from plancockpit.services.access.users import UserInfo
from plancockpit.services.cockpit import items
from plancockpit.services.cockpit.review import review_record
from plancockpit.services.indicators.directions import direction_view
from plancockpit.services.indicators.edits import set_direction, set_lead_units
from plancockpit.vocabulary import Basis, Direction
from plancockpit.web.deps import (
    CSRF_HEADER,
    Db,
    check_csrf,
    csrf_token,
    current_user,
    login_checked,
    require,
    sign_in,
    sign_out,
)
from plancockpit.web.freshness import changed
from plancockpit.web.schemas import (
    DirectionOut,
    JobOut,
    LeadUnitsOut,
    Me,
    ObservationAdded,
    ReviewedRecord,
    SignedIn,
    SignedOut,
)
from plancockpit.web.uploads import queue_actuals, queue_documents

router = APIRouter(prefix="/api", tags=["write"])


class Login(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class Review(BaseModel):
    action: Literal["confirm", "edit", "reject"]
    changes: dict[str, Any] = Field(default_factory=dict)


class NewObservation(BaseModel):
    indicator_id: int
    year: int = Field(ge=1900, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)
    value: float = Field(allow_inf_nan=False)
    region_id: int | None = None
    unit: str = Field(default="", max_length=40)
    basis: Basis = "level"


class DirectionChoice(BaseModel):
    direction: Direction | None = None  # None: back to the inferred direction


REVIEW_TRIES = 3


def apply_review(
    state: Any, db: Session, record_id: int, *, action: str, by: str, changes: dict[str, Any] | None
) -> dict[str, Any]:
    """Review a record and mark its indicators' statuses stale, in one commit (API and page form).
    A review that deadlocks on PostgreSQL (its relink against the refresher writing facts of the
    same targets, under bench.mixed_load) is rolled back and run again, up to REVIEW_TRIES."""
    for attempt in range(1, REVIEW_TRIES + 1):
        try:
            row = review_record(db, record_id, action=action, by=by, changes=changes)
            changed(state, db, set(row["affected_indicators"]))
            db.commit()
            return row
        except DBAPIError as exc:
            db.rollback()
            if attempt == REVIEW_TRIES or not lost_a_race(exc):
                raise
    raise AssertionError("unreachable")


def apply_direction(
    state: Any, db: Session, indicator_id: int, direction: str | None
) -> dict[str, Any]:
    """Set (or clear) a planner's direction of an indicator; its statuses are marked stale."""
    try:
        ind = set_direction(db, indicator_id, direction)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    view = direction_view(ind) | {"indicator_id": ind.id}
    changed(state, db, {indicator_id})
    db.commit()
    return view


@router.post("/login", response_model=SignedIn)
def login(request: Request, db: Db, body: Login) -> dict[str, Any]:
    user = login_checked(request, db, body.name, body.password)
    if user is None:
        db.commit()  # a rehashed password is kept
        raise HTTPException(401, "wrong user name or password / 用户名或密码错误")
    token = sign_in(request, db, user)
    db.commit()
    return {"user": {"name": user.name, "role": user.role}, "csrf_token": token}


@router.post("/logout", response_model=SignedOut)
def logout(request: Request, db: Db) -> dict[str, bool]:
    if current_user(request) is not None:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    sign_out(request, db)
    db.commit()
    return {"signed_out": True}


@router.get("/me", response_model=Me)
def me(request: Request) -> dict[str, Any]:
    user = current_user(request)
    return {
        "user": {"name": user.name, "role": user.role} if user else None,
        "csrf_token": csrf_token(request),
    }


@router.post("/records/{record_id}/review", response_model=ReviewedRecord)
def review(
    request: Request,
    db: Db,
    record_id: int,
    body: Review,
    user: Annotated[UserInfo, Depends(require("review"))],
) -> dict[str, Any]:
    return apply_review(
        request.app.state, db, record_id, action=body.action, by=user.name, changes=body.changes
    )


@router.post("/indicators/{indicator_id}/direction", response_model=DirectionOut)
def indicator_direction(
    request: Request,
    db: Db,
    indicator_id: int,
    body: DirectionChoice,
    user: Annotated[UserInfo, Depends(require("edit"))],
) -> dict[str, Any]:
    """A planner's direction for the indicator (up/down), or null to infer it again."""
    return apply_direction(request.app.state, db, indicator_id, body.direction)


class LeadUnits(BaseModel):
    units: list[str] = Field(max_length=5)


def apply_lead_units(
    state: Any, db: Session, indicator_id: int, units: list[str]
) -> dict[str, Any]:
    """Set a planner's lead units of an indicator; its statuses are marked stale."""
    ind = set_lead_units(db, indicator_id, units)
    row = {"indicator_id": ind.id, "lead_units": list(ind.lead_units)}
    changed(state, db, {indicator_id})
    db.commit()
    return row


@router.post("/indicators/{indicator_id}/lead-units", response_model=LeadUnitsOut)
def indicator_lead_units(
    request: Request,
    db: Db,
    indicator_id: int,
    body: LeadUnits,
    user: Annotated[UserInfo, Depends(require("edit"))],
) -> dict[str, Any]:
    """A planner's lead units for an indicator whose documents name none (given to its targets
    without one, and to those linked later)."""
    return apply_lead_units(request.app.state, db, indicator_id, body.units)


@router.post("/observations", status_code=201, response_model=ObservationAdded)
def add_observation(
    request: Request,
    db: Db,
    body: NewObservation,
    user: Annotated[UserInfo, Depends(require("import_actuals"))],
) -> dict[str, Any]:
    row = items.add_observation(db, entered_by=user.name, **body.model_dump())
    changed(request.app.state, db, {body.indicator_id})
    db.commit()
    return row


@router.post("/import/documents", status_code=202, response_model=JobOut)
async def import_documents(
    request: Request,
    response: Response,
    files: Annotated[list[UploadFile], File()],
    user: Annotated[UserInfo, Depends(require("import_documents"))],
) -> dict[str, Any]:
    """Queue the documents as one ingest job; 202 with the job (follow `url` for its progress)."""
    job = await queue_documents(request.app.state, files, user)
    response.headers["Location"] = job["url"]
    return job


@router.post("/import/actuals", status_code=202, response_model=JobOut)
async def import_actuals_route(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File()],
    user: Annotated[UserInfo, Depends(require("import_actuals"))],
) -> dict[str, Any]:
    """Queue an actuals workbook as an import job; 202 with the job."""
    job = await queue_actuals(request.app.state, file, user)
    response.headers["Location"] = job["url"]
    return job
