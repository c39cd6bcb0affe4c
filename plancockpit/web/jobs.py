"""Background jobs on the web: `GET /api/jobs`, `GET /api/jobs/{id}` and the page `/jobs/{id}`
that shows a job's progress and, once it is done, its result. Only its creator, a planner or an
admin may see a job (`services.jobs.queue.may_see`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from plancockpit.services.access.users import UserInfo
from plancockpit.services.jobs import queue as jobs
from plancockpit.web.deps import Db, current_user
from plancockpit.web.schemas import JobList, JobOut

api = APIRouter(prefix="/api", tags=["jobs"])
pages = APIRouter(include_in_schema=False)


def signed_in(request: Request) -> UserInfo:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in to see jobs / 请先登录")
    return user


User = Annotated[UserInfo, Depends(signed_in)]


@api.get("/jobs", response_model=JobList)
def job_list(
    db: Db,
    user: User,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict[str, Any]:
    """The signed-in user's recent jobs, newest first (an admin: everyone's)."""
    return jobs.job_list(db, user, limit=limit, offset=offset)


@api.get("/jobs/{job_id}", response_model=JobOut)
def job_detail(db: Db, user: User, job_id: int) -> dict[str, Any]:
    """A job's state, progress (files done of all) and result lines."""
    return jobs.job_detail(db, job_id, user)


@pages.get("/jobs/{job_id}")
def job_page(request: Request, db: Db, job_id: int) -> Response:
    user = current_user(request)
    if user is None:
        return RedirectResponse(f"/login?next=/jobs/{job_id}&why=need_sign_in", status_code=303)
    data = jobs.job_detail(db, job_id, user)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "job.html", {"job": data}
    )
    return response
