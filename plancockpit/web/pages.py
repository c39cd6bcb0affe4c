"""Server-rendered pages: each calls the same data function as its API route and renders it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from plancockpit.services.access import audit_log
from plancockpit.services.cockpit import documents, indicators, regions
from plancockpit.services.cockpit.review import EDITABLE
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.opendata import publishing
from plancockpit.web import overview_cache
from plancockpit.web.api import Filter, Period, Sort, target_filter
from plancockpit.web.api_write import apply_direction, apply_lead_units, apply_review
from plancockpit.web.deps import (
    Db,
    PublicView,
    cached,
    check_csrf,
    current_user,
    internal_reader,
    login_checked,
    reader,
    require,
    sign_in,
    sign_out,
)
from plancockpit.web.uploads import queue_actuals, queue_documents

router = APIRouter(include_in_schema=False)
LOGIN_NOTICES = (
    "sign_in_to_import",
    "sign_in_to_review",
    "need_sign_in",
)  # why the login page was shown
Read = Depends(reader)
Internal = Depends(internal_reader)  # not part of the public view (signed-in users in public mode)


def render(
    request: Request, name: str, data: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, data, status_code=status_code
    )
    return response


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/", dependencies=[Read])
def overview_page(
    request: Request, db: Db, public: PublicView, period: Period = ""
) -> HTMLResponse:
    from plancockpit.services.followup.supervision import overdue_summary

    data = overview_cache.overview_data(
        request.app.state, db, period=period or "current", public=public
    )
    return render(
        request,
        "overview.html",
        {
            "data": data,
            "supervision": None if public else overdue_summary(db),
            "report_year": date.today().year - 1,
        },
    )


@router.get("/indicators", dependencies=[Read])
def indicators_page(
    request: Request,
    db: Db,
    filt: Filter,
    public: PublicView,
    sort: Sort = "name",
    desc: bool = False,
    offset: int = 0,
) -> HTMLResponse:
    data = indicators.indicator_list(
        db, filt, sort=sort, desc=desc, limit=50, offset=max(0, offset)
    )
    query = urlencode({**filt.active(), "sort": sort, "desc": "true" if desc else "false"})
    published = publishing.version(db) if public else None  # the public lists follow publishing
    # A search that finds only history says so, instead of an unexplained 0.
    history_hits = 0
    if not data["total"] and filt.period == "current" and filt.active():
        history_hits = indicators.indicator_list(db, replace(filt, period="history"), limit=1)[
            "total"
        ]
    return render(
        request,
        "indicators.html",
        {
            "history_hits": history_hits,
            "period": filt.period,
            "period_query": urlencode({k: v for k, v in filt.active().items() if k != "period"}),
            "data": data,
            "options": cached(
                request.app.state,
                f"filter_options:{published}",
                lambda: indicators.filter_options(db, public=public),
            ),
            "units": cached(
                request.app.state,
                f"unit_names:{published}",
                lambda: indicators.unit_names(db, public=public),
            ),
            "query": query,
            "filt": filt,
        },
    )


@router.get("/indicators/{indicator_id}", dependencies=[Read])
def indicator_page(request: Request, db: Db, indicator_id: int, public: PublicView) -> HTMLResponse:
    data = indicators.indicator_detail(db, indicator_id, public=public)
    user = current_user(request)  # who changed what is for those who review, not the public
    history = audit_log.indicator_history(db, indicator_id) if user and user.can("review") else None
    from plancockpit.services.followup.supervision import list_items

    return render(
        request,
        "indicator.html",
        {
            "data": data,
            "history": history,
            "supervision": list_items(db, indicator_id=indicator_id),
        },
    )


@router.post("/indicators/{indicator_id}/lead-units")
async def lead_units_form(
    request: Request, db: Db, indicator_id: int, user: Annotated[Any, Depends(require("edit"))]
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    units = re.split(r"[、,，;；\s]+", str(form.get("units") or ""))
    await run_in_threadpool(apply_lead_units, request.app.state, db, indicator_id, units)
    return RedirectResponse(f"/indicators/{indicator_id}#lead-units", status_code=303)


@router.post("/indicators/{indicator_id}/direction")
async def direction_form(
    request: Request, db: Db, indicator_id: int, user: Annotated[Any, Depends(require("edit"))]
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    direction = str(form.get("direction") or "") or None
    await run_in_threadpool(apply_direction, request.app.state, db, indicator_id, direction)
    return RedirectResponse(f"/indicators/{indicator_id}#direction", status_code=303)


@router.get("/documents", dependencies=[Read])
def documents_page(request: Request, db: Db, public: PublicView, offset: int = 0) -> HTMLResponse:
    data = documents.document_list(db, limit=100, offset=max(0, offset), public=public)
    return render(request, "documents.html", {"data": data})


@router.get("/documents/{document_id}", dependencies=[Read])
def document_page(request: Request, db: Db, document_id: int, public: PublicView) -> HTMLResponse:
    data = documents.document_detail(db, document_id, public=public)
    user = current_user(request)  # who changed a record is for those who review
    histories = (
        audit_log.record_histories(db, [int(r["id"]) for r in data["records"]])
        if user and user.can("review")
        else None
    )
    return render(
        request, "document.html", {"data": data, "editable": list(EDITABLE), "histories": histories}
    )


@router.post("/documents/{document_id}/records/{record_id}/review")
async def review_form(
    request: Request,
    db: Db,
    document_id: int,
    record_id: int,
    user: Annotated[Any, Depends(require("review"))],
) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    action = str(form.get("action") or "")
    changes = {k: str(form[k]) for k in EDITABLE if k in form} if action == "edit" else None
    # A review relinks its records: database work, never on the event loop.
    await run_in_threadpool(
        lambda: apply_review(
            request.app.state, db, record_id, action=action, by=user.name, changes=changes
        )
    )
    return RedirectResponse(f"/documents/{document_id}#r{record_id}", status_code=303)


@router.get("/regions", dependencies=[Internal])
def regions_page(request: Request, db: Db, period: Period = "") -> HTMLResponse:
    return render(
        request, "regions.html", {"data": regions.region_list(db, period=period or "current")}
    )


@router.get("/regions/{region_id}", dependencies=[Internal])
def region_page(request: Request, db: Db, region_id: int, period: Period = "") -> HTMLResponse:
    data = regions.region_detail(db, region_id, period=period or "current")
    return render(request, "region.html", {"data": data})


@router.get("/units", dependencies=[Internal])
def units_page(request: Request, db: Db, period: Period = "") -> HTMLResponse:
    return render(
        request, "units.html", {"data": regions.unit_list(db, period=period or "current")}
    )


@router.get("/units/{name}", dependencies=[Internal])
def unit_page(request: Request, db: Db, name: str, period: Period = "") -> HTMLResponse:
    return render(
        request, "unit.html", {"data": regions.unit_detail(db, name, period=period or "current")}
    )


def _import_page(
    request: Request, db: Session, user: Any, result: dict[str, Any] | None, status_code: int = 200
) -> HTMLResponse:
    recent = jobs.job_list(db, user, limit=10)["items"]
    return render(
        request, "import.html", {"result": result, "jobs": recent}, status_code=status_code
    )


@router.get("/import")
def import_page(request: Request, db: Db) -> Response:
    user = current_user(request)
    if user is None:
        return RedirectResponse("/login?next=/import&why=sign_in_to_import", status_code=303)
    return _import_page(request, db, user, None)


@router.post("/import/documents")
async def import_documents_form(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    csrf_token: Annotated[str, Form()],
    user: Annotated[Any, Depends(require("import_documents"))],
) -> Response:
    check_csrf(request, csrf_token)
    job = await queue_documents(request.app.state, files, user)
    return RedirectResponse(job["page"], status_code=303)


@router.post("/import/actuals")
async def import_actuals_form(
    request: Request,
    db: Db,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str, Form()],
    user: Annotated[Any, Depends(require("import_actuals"))],
) -> Response:
    check_csrf(request, csrf_token)
    try:
        job = await queue_actuals(request.app.state, file, user)
    except HTTPException as exc:
        result = {"kind": "actuals", "error": exc.detail}
        return await run_in_threadpool(_import_page, request, db, user, result, exc.status_code)
    return RedirectResponse(job["page"], status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/", why: str = "") -> HTMLResponse:
    notice = why if why in LOGIN_NOTICES else ""
    return render(
        request, "login.html", {"next": _safe_next(next), "failed": False, "notice": notice}
    )


@router.post("/login")
def login_form(
    request: Request,
    db: Db,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf_token)
    try:
        user = login_checked(request, db, name, password)
    except HTTPException as exc:
        if exc.status_code != 429:
            raise
        wait = int((exc.headers or {}).get("Retry-After", "60"))
        response = render(
            request,
            "login.html",
            {
                "next": _safe_next(next),
                "failed": False,
                "notice": "",
                "wait_minutes": max(1, -(-wait // 60)),
            },
            status_code=429,
        )
        response.headers["Retry-After"] = str(wait)
        return response
    if user is None:
        db.commit()
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "failed": True, "notice": ""},
            status_code=401,
        )
    sign_in(request, db, user)
    db.commit()
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout_form(request: Request, db: Db, csrf_token: Annotated[str, Form()]) -> Response:
    check_csrf(request, csrf_token)
    sign_out(request, db)
    db.commit()
    return RedirectResponse("/", status_code=303)


__all__ = ["router", "target_filter"]
