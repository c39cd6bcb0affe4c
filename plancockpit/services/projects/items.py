"""Major projects (重大项目) as tracked items: stored from documents at ingest, imported from a
ledger, listed with their year's progress, shown one by one, and their year's completed
investment and stage entered by their lead unit's reporters.

A ledger import is all or nothing: one refused row refuses the file and nothing is written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Project, ProjectInvestment, utcnow
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.evaluate.projects import project_status
from plancockpit.extract.projects import ProjectMention
from plancockpit.services.access import scope
from plancockpit.services.access.audit_log import events
from plancockpit.services.projects.ledger import LedgerRow, read_ledger
from plancockpit.vocabulary import PROJECT_STAGES


def store_mentions(session: Session, doc: Document, mentions: Iterable[ProjectMention]) -> int:
    """The projects a just-stored document names (derived data, like its records)."""
    rows = [
        Project(
            kind=m.kind,
            name=m.name[:300],
            region=doc.region or "",
            lead_unit=m.lead_unit[:200],
            stage=m.stage,
            period_start=doc.period_start if m.kind == "group" else None,
            period_end=doc.period_end if m.kind == "group" else None,
            total_investment=m.investment,
            investment_text=m.investment_text[:60],
            project_count=m.count,
            document_id=doc.id,
            start=m.start,
            end=m.end,
        )
        for m in mentions
    ]
    session.add_all(rows)
    return len(rows)


@dataclass
class LedgerReport:
    file: str
    created: int = 0
    updated: int = 0
    years: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "created": self.created,
            "updated": self.updated,
            "years": self.years,
            "written": not self.refused,
            "refused": [{"row": n, "reason": r} for n, r in self.refused],
        }


def import_ledger(
    session: Session, path: Path, *, by: str, year: int | None = None
) -> LedgerReport:
    """Import a ledger file; `by` is the author. Any refused row: nothing written, every refused
    row reported."""
    rows, refused = read_ledger(path)
    report = LedgerReport(path.name, refused=refused)
    if refused:
        return report
    default_year = year or date.today().year
    for row in rows:
        project, created = _project_for(session, row, by, path.name)
        report.created += created
        report.updated += not created
        if row.planned is not None or row.completed is not None:
            _set_year(
                session,
                project,
                row.year or default_year,
                planned=row.planned,
                completed=row.completed,
                by=by,
                source=(path.name, row.row),
            )
            report.years += 1
    from plancockpit.services.opendata.search import rebuild_projects

    rebuild_projects(session)
    return report


def _project_for(session: Session, row: LedgerRow, by: str, file: str) -> tuple[Project, bool]:
    found = session.scalar(
        select(Project)
        .where(Project.kind == "project", Project.name == row.name, Project.region == row.region)
        .order_by(Project.id)
    )
    created = found is None
    project = found or Project(
        kind="project",
        name=row.name,
        region=row.region,
        created_by=by,
        investment_text="",
        lead_unit="",
    )
    if created:
        session.add(project)
    for attr, value in (
        ("lead_unit", row.lead_unit),
        ("stage", row.stage),
        ("period_start", row.period_start),
        ("period_end", row.period_end),
        ("total_investment", row.total),
    ):
        if value not in (None, ""):
            setattr(project, attr, value)
    if row.total is not None:
        project.investment_text = row.written["total"]
    if project.document_id is None:
        project.source_file, project.source_row = file[:500], row.row
    session.flush()
    return project, created


def _set_year(
    session: Session,
    project: Project,
    year: int,
    *,
    planned: float | None,
    completed: float | None,
    by: str,
    source: tuple[str, int] | None,
) -> ProjectInvestment:
    inv = session.scalar(
        select(ProjectInvestment).where(
            ProjectInvestment.project_id == project.id, ProjectInvestment.year == year
        )
    )
    if inv is None:
        inv = ProjectInvestment(project_id=project.id, year=year)
        session.add(inv)
    if planned is not None:
        inv.planned = planned
    if completed is not None:
        inv.completed = completed
    inv.entered_by, inv.updated_at = by[:100], utcnow()
    inv.source_file, inv.source_row = source if source else (None, None)
    session.flush()
    return inv


def enter_year(
    session: Session,
    project_id: int,
    *,
    year: int,
    by: str,
    completed: float | None = None,
    stage: str | None = None,
) -> dict[str, Any]:
    """A lead unit's report on its project: the year's completed investment (亿元) and stage.
    Admins and planners may report any project; a reporter only those its unit leads."""
    project = get_project(session, project_id)
    reach = scope.scope_of(session, by)
    if reach is not None and project.lead_unit not in reach.unit_names:
        raise Forbidden(
            f"{project.name} is led by {project.lead_unit or '—'}, not by "
            f"{reach.label or by} / 只能填报本单位牵头的项目"
        )
    if completed is not None and not (math.isfinite(completed) and completed >= 0):
        raise Invalid("completed investment must be a finite number ≥ 0 / 完成投资须为非负有限数")
    if stage is not None and stage not in PROJECT_STAGES:
        raise Invalid(f"stage must be one of {'/'.join(PROJECT_STAGES)} / 建设阶段无效")
    if not 1900 <= year <= 2100:
        raise Invalid(f"year {year} out of range / 年份超出范围")
    if stage is not None and stage != project.stage:
        from plancockpit.services.opendata.search import rebuild_projects

        project.stage = stage
        session.flush()
        rebuild_projects(session)
    if completed is not None:
        _set_year(session, project, year, planned=None, completed=completed, by=by, source=None)
    return project_detail(session, project_id)


def get_project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(f"no project {project_id} / 项目不存在")
    return project


def _year_row(inv: ProjectInvestment | None, year: int, today: date) -> dict[str, Any]:
    planned = inv.planned if inv else None
    completed = inv.completed if inv else None
    p = project_status(planned, completed, year, today)
    return {
        "year": year,
        "planned": planned,
        "completed": completed,
        "share": None if p.share is None else round(p.share, 4),
        "expected": round(p.expected, 4),
        "status": p.status,
        "lagging": p.lagging,
        "entered_by": inv.entered_by if inv else "",
        "source_file": inv.source_file if inv else None,
        "source_row": inv.source_row if inv else None,
    }


def project_row(project: Project, year: int, today: date) -> dict[str, Any]:
    """A project in a list: its fields and the year's progress."""
    inv = next((i for i in project.investments if i.year == year), None)
    return {
        "id": project.id,
        "kind": project.kind,
        "name": project.name,
        "region": project.region,
        "lead_unit": project.lead_unit,
        "stage": project.stage,
        "period_start": project.period_start,
        "period_end": project.period_end,
        "total_investment": project.total_investment,
        "investment_text": project.investment_text,
        "project_count": project.project_count,
        "document_id": project.document_id,
        "start": project.start,
        "end": project.end,
        "source_file": project.source_file,
        "source_row": project.source_row,
        "progress": _year_row(inv, year, today),
    }


def list_projects(
    session: Session,
    *,
    region: str = "",
    lead_unit: str = "",
    stage: str = "",
    lagging: bool = False,
    year: int | None = None,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """Projects (and 专栏 groups) with the year's progress, filtered; the current year by default."""
    today = today or date.today()
    year = year or today.year
    query = select(Project).order_by(Project.kind.desc(), Project.name, Project.id)
    if region:
        query = query.where(Project.region == region)
    if lead_unit:
        query = query.where(Project.lead_unit == lead_unit)
    if stage:
        query = query.where(Project.stage == stage)
    rows = [project_row(p, year, today) for p in session.scalars(query)]
    return [r for r in rows if r["progress"]["lagging"]] if lagging else rows


def project_detail(
    session: Session, project_id: int, *, today: date | None = None
) -> dict[str, Any]:
    """One project: its fields, every year's planned vs completed, its source sentence and the
    history of changes from the audit trail."""
    today = today or date.today()
    project = get_project(session, project_id)
    out = project_row(project, today.year, today)
    out["years"] = [_year_row(i, i.year, today) for i in project.investments]
    out["sentence"] = ""
    if project.document_id is not None and project.start is not None:
        doc = session.get(Document, project.document_id)
        if doc is not None:
            out["sentence"] = doc.text[project.start : project.end]
            out["document_name"] = doc.title or doc.name
            out["document_url"] = (
                f"/documents/{doc.id}{_section_of(session, doc.id, project.start)}"
            )
    history = events(session, entity="project", entity_id=project.id, limit=50)["items"]
    for inv in project.investments:
        history += events(session, entity="project_year", entity_id=inv.id, limit=50)["items"]
    out["history"] = sorted(history, key=lambda e: e["id"], reverse=True)
    return out


def _section_of(session: Session, document_id: int, start: int) -> str:
    """The anchor of the deepest section holding the project's sentence (the document page's)."""
    from plancockpit.db.models import Section
    from plancockpit.services.opendata.search import section_anchors

    rows = [
        (s.id, s.depth, s.start, s.end)
        for s in session.execute(
            select(Section.id, Section.depth, Section.start, Section.end).where(
                Section.document_id == document_id
            )
        )
    ]
    return section_anchors(rows, [start])[0]


def todo_projects(
    session: Session, user_name: str, today: date | None = None
) -> list[dict[str, Any]]:
    """The projects a user's unit leads, with the year's progress: what its reporters fill."""
    from plancockpit.db.models import User

    user = session.scalar(select(User).where(User.name == user_name))
    if user is None:
        return []
    names = scope.ties_of(session, user).unit_names
    if not names:
        return []
    today = today or date.today()
    return [
        project_row(p, today.year, today)
        for p in session.scalars(
            select(Project)
            .where(Project.lead_unit.in_(names), Project.kind == "project")
            .order_by(Project.name)
        )
    ]
