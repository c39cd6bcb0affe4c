"""The evaluation report's data on the reference corpus with a few actual values imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator
from plancockpit.errors import Invalid
from plancockpit.services.actuals.imports import import_file
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.progress.evaluation_report import (
    EvaluationReport,
    evaluation_report,
    sentence,
)

pytestmark = pytest.mark.slow


def corpus_with_actuals(engine: Engine, corpus_dir: Path, tmp_path: Path) -> None:
    """The corpus, and the 2025 GDP short of its 2600 target (a lagging target)."""
    assert all(o.status == "ingested" for o in ingest_paths(engine, [corpus_dir]))
    with transaction(engine) as session:
        gdp = session.scalars(
            select(Indicator).where(
                Indicator.name == "地区生产总值", Indicator.merged_into_id.is_(None)
            )
        ).one()
        rows = tmp_path / "actuals.csv"
        rows.write_text(
            "指标编号,年份,数值,单位\n"
            + "".join(
                f"{gdp.id},{y},{v},亿元\n"
                for y, v in [(2021, 1990), (2022, 2100), (2023, 2200), (2024, 2300), (2025, 2400)]
            ),
            encoding="utf-8",
        )
        assert import_file(session, rows, entered_by="统计局").to_json()["accepted"] == 5


@pytest.fixture
def report_2025(db_engine: Engine, corpus_dir: Path, tmp_path: Path) -> EvaluationReport:
    corpus_with_actuals(db_engine, corpus_dir, tmp_path)
    with transaction(db_engine) as session:
        return evaluation_report(session, 2025)


def test_the_years_report_counts_each_current_target_once(report_2025: EvaluationReport) -> None:
    r = report_2025
    assert r.title == "萧山区2025年规划实施年度监测评估报告"
    assert r.total == sum(len(d.rows) for d in r.domains) == sum(r.words.values())
    # the 2026 report speaks after 31 December 2025: none of its targets is in
    assert all(row.deadline is None or row.deadline <= 2025 for d in r.domains for row in d.rows)


def test_a_missed_target_is_lagging_with_its_sources(report_2025: EvaluationReport) -> None:
    gdp = [row for row in report_2025.lagging if row.indicator == "地区生产总值"]
    assert gdp, [row.indicator for row in report_2025.lagging]
    row = gdp[0]
    assert row.latest == "2400亿元（2025）" and row.status == "滞后"
    assert "2600" in row.source and row.source.startswith("《杭州市萧山区")
    assert row.latest_source == "导入或填报数据"
    units = [u.unit for u in report_2025.units]
    assert units and "(未指定 unassigned)" not in units


def test_a_report_with_nothing_to_say_is_refused(
    db_engine: Engine, corpus_dir: Path, tmp_path: Path
) -> None:
    corpus_with_actuals(db_engine, corpus_dir, tmp_path)
    with transaction(db_engine) as session:
        with pytest.raises(Invalid, match="no targets"):
            evaluation_report(session, 2025, region="火星区")
        with pytest.raises(Invalid, match="not a year"):
            evaluation_report(session, 20250)


def test_a_sentence_is_cut_at_its_ends() -> None:
    text = "第一句。到2025年，全区生产总值超过2600亿元；第三句。"
    start = text.index("2600")
    assert sentence(text, start, start + 4) == "到2025年，全区生产总值超过2600亿元；"


def test_lagging_targets_carry_their_units_answers_to_supervision(
    db_engine: Engine, corpus_dir: Path, tmp_path: Path
) -> None:
    """The report's lagging section gives the lead unit's latest answer (原因分析, 整改措施) to
    the target's supervision item; the Word document has it in a table."""
    from datetime import date

    from docx import Document as Docx

    from plancockpit.db.models import Target
    from plancockpit.report.docx_report import write_docx
    from plancockpit.services.access.users import add_user
    from plancockpit.services.followup import supervision as sv

    corpus_with_actuals(db_engine, corpus_dir, tmp_path)
    with transaction(db_engine) as session:
        add_user(session, name="planner", role="planner", password="a-long-password")
        gdp = session.scalars(
            select(Target)
            .join(Indicator)
            .where(
                Indicator.name == "地区生产总值", Target.value == 2600, Target.deadline_year == 2025
            )
        ).first()
        assert gdp is not None
        item = sv.open_item(
            session,
            target_id=gdp.id,
            ask="说明滞后原因",
            due_date=date.today(),
            by="planner",
            lead_units=["区发改局"],
        )
        sv.answer(
            session,
            item.id,
            by="planner",
            explanation="外需走弱，重大项目投产推迟",
            measures="加快项目投产，稳住工业投资",
        )
    with transaction(db_engine) as session:
        report = evaluation_report(session, 2025)
    [said] = [e for e in report.explanations if e.indicator == "地区生产总值"]
    assert (said.item, said.explanation, said.state) == (
        item.id,
        "外需走弱，重大项目投产推迟",
        "answered",
    )
    path = write_docx(report, tmp_path / "report.docx", charts=False)
    cells = {c.text for t in Docx(str(path)).tables for row in t.rows for c in row.cells}
    assert {"外需走弱，重大项目投产推迟", "加快项目投产，稳住工业投资"} <= cells
