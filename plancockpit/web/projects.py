"""Major projects (重大项目) on the web: the list and a project's page, their JSON API, a lead
unit's report of the year's completed investment and stage, and a ledger upload. Not part of the
public view (signed-in readers only when reading is public). Pages and API call the same
service functions (`services/projects/items.py`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from plancockpit.errors import Invalid
from plancockpit.services.access.users import UserInfo
from plancockpit.services.projects import items as projects
from plancockpit.vocabulary import PROJECT_STAGES, ProjectStage
from plancockpit.web.deps import Db, check_csrf, internal_reader, require
from plancockpit.web.pages import render
from plancockpit.web.schemas import JobOut, ProjectDetail, ProjectList
from plancockpit.web.uploads import queue_ledger

api = APIRouter(prefix="/api", tags=["projects"], dependencies=[Depends(internal_reader)])
pages = APIRouter(include_in_schema=False, dependencies=[Depends(internal_reader)])
Reporter = Annotated[UserInfo, Depends(require("import_actuals"))]
Planner = Annotated[UserInfo, Depends(require("edit"))]
StageQ = Annotated[str, Query(pattern="^(" + "|".join(PROJECT_STAGES) + ")?$")]
YearQ = Annotated[int | None, Query(ge=1900, le=2100)]


class YearReport(BaseModel):
    year: int = Field(ge=1900, le=2100)
    completed: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    stage: ProjectStage | None = None


def _list(
    db: Db, region: str, lead_unit: str, stage: str, lagging: bool, year: int | None
) -> dict[str, Any]:
    year = year or date.today().year
    return {
        "items": projects.list_projects(
            db, region=region, lead_unit=lead_unit, stage=stage, lagging=lagging, year=year
        ),
        "year": year,
    }


@api.get("/projects", response_model=ProjectList)
def list_projects(
    db: Db,
    region: str = "",
    lead_unit: str = "",
    stage: StageQ = "",
    lagging: bool = False,
    year: YearQ = None,
) -> dict[str, Any]:
    """Projects and 专栏 groups with the year's planned vs completed investment, filtered."""
    return _list(db, region, lead_unit, stage, lagging, year)


@api.get("/projects/{project_id}", response_model=ProjectDetail)
def get_project(db: Db, project_id: int) -> dict[str, Any]:
    return projects.project_detail(db, project_id)


@api.post("/projects/{project_id}/year", response_model=ProjectDetail)
def report_year(db: Db, project_id: int, body: YearReport, user: Reporter) -> dict[str, Any]:
    """The lead unit's report: the year's completed investment (亿元) and the stage."""
    out = projects.enter_year(
        db, project_id, year=body.year, by=user.name, completed=body.completed, stage=body.stage
    )
    db.commit()
    return out


@api.post("/projects/import", status_code=202, response_model=JobOut)
async def import_ledger(
    request: Request, response: Response, user: Planner, file: Annotated[UploadFile, File()]
) -> dict[str, Any]:
    """Queue a project ledger (.xlsx/.csv) as a background job; 202 with the job. One refused
    row refuses the file: the job's result lists every refused row and nothing is written."""
    job = await queue_ledger(request.app.state, file, user)
    response.headers["Location"] = job["url"]
    return job


@pages.get("/projects")
def projects_page(
    request: Request,
    db: Db,
    region: str = "",
    lead_unit: str = "",
    stage: StageQ = "",
    lagging: bool = False,
    year: YearQ = None,
) -> HTMLResponse:
    data = _list(db, region, lead_unit, stage, lagging, year)
    every = projects.list_projects(db, year=data["year"])
    choices = {
        "regions": sorted({p["region"] for p in every if p["region"]}),
        "units": sorted({p["lead_unit"] for p in every if p["lead_unit"]}),
    }
    return render(
        request,
        "projects.html",
        {
            "data": data,
            "choices": choices,
            "stages": PROJECT_STAGES,
            "filters": {
                "region": region,
                "lead_unit": lead_unit,
                "stage": stage,
                "lagging": lagging,
            },
        },
    )


@pages.post("/projects/import")
async def import_form(
    request: Request,
    user: Planner,
    csrf_token: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
) -> Response:
    check_csrf(request, csrf_token)
    job = await queue_ledger(request.app.state, file, user)
    return RedirectResponse(job["page"], status_code=303)


@pages.get("/projects/{project_id}")
def project_page(request: Request, db: Db, project_id: int) -> HTMLResponse:
    return render(
        request,
        "project.html",
        {
            "data": projects.project_detail(db, project_id),
            "stages": PROJECT_STAGES,
            "year": date.today().year,
        },
    )


@pages.post("/projects/{project_id}/year")
def report_form(
    request: Request,
    db: Db,
    project_id: int,
    user: Reporter,
    csrf_token: Annotated[str, Form()],
    year: Annotated[int, Form(ge=1900, le=2100)],
    completed: Annotated[str, Form(max_length=40)] = "",
    stage: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    check_csrf(request, csrf_token)
    try:
        amount = float(completed.replace(",", "")) if completed.strip() else None
    except ValueError:
        raise Invalid(f"{completed[:40]!r} is not a number / 请填写数字") from None
    projects.enter_year(
        db, project_id, year=year, by=user.name, completed=amount, stage=stage or None
    )
    db.commit()
    return RedirectResponse(f"/projects/{project_id}", status_code=303)
