"""Projects are stored with the document they are read from (offsets into its text), on SQLite
and PostgreSQL; they are searchable and listed by the CLI; removing nothing else."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import session_factory
from plancockpit.db.models import Document, Project
from plancockpit.evaluate.projects import project_status
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.opendata import search

REAL = Path(__file__).resolve().parents[3] / "../shared/corpus/real"


def test_ingest_stores_a_work_report_s_projects_with_their_sentence(
    db_engine: Engine, corpus_dir: Path
) -> None:
    report = REAL / "hailar_2017_gov_work_report.txt"
    if not report.is_file():
        pytest.skip("real corpus not found")
    plan = next(corpus_dir.glob("002_*.txt"))
    outcomes = ingest_paths(db_engine, [report, plan])
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    with session_factory(db_engine)() as s:
        found = {p.name: p for p in s.scalars(select(Project))}
        xintong = found["国网信通大数据项目"]
        doc = s.get(Document, xintong.document_id)
        assert doc is not None and doc.name == report.name
        assert xintong.start is not None and xintong.end is not None
        assert "国网信通大数据项目" in doc.text[xintong.start : xintong.end]
        assert (xintong.total_investment, xintong.investment_text, xintong.stage) == (
            10.0,
            "10亿元",
            "开工",
        )
        group = found["“双百双千”重大项目建设行动·交通设施领域"]
        assert (group.kind, group.project_count, group.total_investment) == ("group", 30, 700.0)
        assert (group.lead_unit, group.period_start, group.period_end) == ("区发改局", 2021, 2025)
        from plancockpit.services.projects.items import project_detail

        shown = project_detail(s, xintong.id)
        assert shown["document_url"].startswith(f"/documents/{doc.id}#s")
        assert "国网信通大数据项目" in shown["sentence"]
        hits = search.search(s, search.Query("信通大数据", "project"))["items"]
        assert [h["url"] for h in hits] == [f"/projects/{xintong.id}"]
    url = db_engine.url.render_as_string(hide_password=False)
    shown = CliRunner().invoke(
        app, ["projects", "list", "--lead-unit", "区发改局", "--format", "json", "--db", url]
    )
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.output)) == 6  # the 专栏's whole box and its five fields


@pytest.mark.parametrize(
    ("planned", "completed", "on", "status"),
    [
        (10.0, 4.0, date(2026, 7, 2), "at_risk"),  # 40 % done at half the year: r ≈ 0.80
        (10.0, 5.0, date(2026, 7, 2), "on_track"),
        (10.0, 2.0, date(2026, 7, 2), "off_track"),
        (10.0, 12.0, date(2026, 2, 1), "achieved"),
        (10.0, 9.0, date(2027, 1, 5), "at_risk"),  # the year is over: 90 % of the plan
        (10.0, 1.0, date(2025, 12, 1), "not_yet_due"),
        (None, 1.0, date(2026, 5, 1), "no_data"),
    ],
)
def test_the_progress_rule(planned: float | None, completed: float, on: date, status: str) -> None:
    assert project_status(planned, completed, 2026, on).status == status
