"""Publishing (admins): which documents and indicators an anonymous visitor sees in public mode.

API: `POST /api/documents/{id}/published`, `POST /api/indicators/{id}/published` and
`POST /api/documents/{id}/publish-targets` with `{"published": true|false}` (the CSRF header);
the document and indicator pages post the same as forms (the CSRF field). Each change is an
audit event; the public view's cached filter lists are keyed by `publishing.version`, so every
worker shows a change at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from plancockpit.errors import Invalid
from plancockpit.services.access.users import UserInfo
from plancockpit.services.opendata import publishing
from plancockpit.web.deps import Db, check_csrf, require
from plancockpit.web.schemas import PublishedOut, TargetsPublished

api = APIRouter(prefix="/api", tags=["write"])
pages = APIRouter(include_in_schema=False)
Admin = Annotated[UserInfo, Depends(require("publish"))]


class Published(BaseModel):
    published: bool


def _commit(request: Request, db: Session, result: dict[str, Any]) -> dict[str, Any]:
    db.commit()
    return result


@api.post("/documents/{document_id}/published", response_model=PublishedOut)
def document_published(
    request: Request, db: Db, document_id: int, body: Published, user: Admin
) -> dict[str, Any]:
    """Publish (true) or withdraw (false) a document (admins)."""
    return _commit(
        request, db, publishing.set_published(db, "document", document_id, body.published)
    )


@api.post("/indicators/{indicator_id}/published", response_model=PublishedOut)
def indicator_published(
    request: Request, db: Db, indicator_id: int, body: Published, user: Admin
) -> dict[str, Any]:
    """Publish (true) or withdraw (false) an indicator with its targets and values (admins)."""
    return _commit(
        request, db, publishing.set_published(db, "indicator", indicator_id, body.published)
    )


@api.post("/documents/{document_id}/publish-targets", response_model=TargetsPublished)
def document_targets_published(
    request: Request, db: Db, document_id: int, body: Published, user: Admin
) -> dict[str, Any]:
    """Publish (or withdraw) a document and every indicator it sets a target for (admins)."""
    return _commit(
        request, db, publishing.publish_document_targets(db, document_id, body.published)
    )


async def _form_flag(request: Request) -> bool:
    """The form's CSRF field checked and its `published` field read: 1 or 0."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    raw = str(form.get("published") or "")
    if raw not in ("0", "1"):
        raise Invalid("published must be 1 or 0 / 发布标志只能是 1 或 0")
    return raw == "1"


@pages.post("/documents/{document_id}/published")
async def document_published_form(
    request: Request, db: Db, document_id: int, user: Admin
) -> Response:
    flag = await _form_flag(request)
    await run_in_threadpool(
        lambda: _commit(request, db, publishing.set_published(db, "document", document_id, flag))
    )
    return RedirectResponse(f"/documents/{document_id}#publishing", status_code=303)


@pages.post("/documents/{document_id}/publish-targets")
async def document_targets_form(
    request: Request, db: Db, document_id: int, user: Admin
) -> Response:
    flag = await _form_flag(request)
    await run_in_threadpool(
        lambda: _commit(request, db, publishing.publish_document_targets(db, document_id, flag))
    )
    return RedirectResponse(f"/documents/{document_id}#publishing", status_code=303)


@pages.post("/indicators/{indicator_id}/published")
async def indicator_published_form(
    request: Request, db: Db, indicator_id: int, user: Admin
) -> Response:
    flag = await _form_flag(request)
    await run_in_threadpool(
        lambda: _commit(request, db, publishing.set_published(db, "indicator", indicator_id, flag))
    )
    return RedirectResponse(f"/indicators/{indicator_id}#publishing", status_code=303)
