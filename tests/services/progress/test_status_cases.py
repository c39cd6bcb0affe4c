"""`services.progress.status` on constructed cases: work-report targets as the steps of plan targets,
period totals, dropped targets, and regions (parts of a target, values rolled up)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Target
from plancockpit.services.actuals.observations import add_observation
from plancockpit.services.linking.link import link_all, link_document
from plancockpit.services.progress.status import TargetStatus, status_report
from plancockpit.services.regions.breakdown import break_down
from plancockpit.services.regions.hierarchy import load_regions
from tests.services.linkcase import rec, store


def _report(
    session: Session, year: int, text: str, anchor: str, number: str, **fields: object
) -> Document:
    doc = Document(
        name=f"r{year}.txt",
        content_hash=f"{year}".ljust(64, "x"),
        format="txt",
        text=text,
        kind="annual_report",
        doc_date=date(year, 2, 1),
        period_start=year,
        period_end=year,
        title=f"{year}年政府工作报告",
    )
    doc.records = [rec(text, anchor, number, year=year, **fields)]
    session.add(doc)
    session.flush()
    return doc


def _one(statuses: list[TargetStatus], name: str, value: float, deadline: int) -> TargetStatus:
    found = [
        s
        for s in statuses
        if s.indicator == name and s.value == value and s.deadline == deadline and s.region == ""
    ]
    assert len(found) == 1, found
    return found[0]


def _jobs(session: Session) -> int:
    return session.scalars(select(Indicator.id).where(Indicator.name == "城镇新增就业")).one()


def test_work_report_targets_are_steps_of_the_plan_target(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        plan_id, _ = store(session)  # plan: 每年2万, 累计10万 by 2025
        text = "城镇新增就业3万人以上。\n"
        _report(
            session,
            2023,
            text,
            "就业3万人",
            "3",
            metric="城镇新增就业",
            value=3,
            unit="万人",
            comparator=">=",
            basis="increase",
        )
        link_all(session)
        link_document(session, plan_id)  # the plan's targets get newer ids than the report's
        jobs = _jobs(session)
        for year, value in ((2021, 2.0), (2022, 2.0), (2023, 3.1)):
            add_observation(
                session,
                indicator_id=jobs,
                year=year,
                value=value,
                unit="万人",
                basis="increase",
                source_file="f.xlsx",
            )
        statuses = status_report(session, date(2024, 1, 1)).targets
        whole = _one(statuses, "城镇新增就业", 10.0, 2025)
        steps = {
            session.get(Target, i).deadline_year: session.get(Target, i).value  # type: ignore[union-attr]
            for i in whole.steps
        }
        assert steps == {2021: 2.0, 2022: 2.0, 2023: 3.0, 2024: 2.0, 2025: 2.0}
        a = whole.assessment
        assert a.path == "steps" and a.expected == pytest.approx(7.0)
        assert a.actual == pytest.approx(7.1) and a.status == "on_track"
        # The report's 2023 target revises the plan's 2023 step; that step is history only.
        plan_2023 = [
            s
            for s in statuses
            if s.indicator == "城镇新增就业" and s.deadline == 2023 and s.value == 2.0
        ]
        assert plan_2023 and all(s.superseded for s in plan_2023)
        assert _one(statuses, "城镇新增就业", 3.0, 2023).assessment.status == "achieved"


def test_report_steps_without_a_per_year_plan_target(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        store(session)
        # Without the plan's 每年 record, the report's 2022 target is the only step.
        session.scalars(
            select(Record).where(Record.metric == "新增城镇就业")
        ).one().review_state = "rejected"
        text = "城镇新增就业1万人以上。\n"
        _report(
            session,
            2022,
            text,
            "就业1万人",
            "1",
            metric="城镇新增就业",
            value=1,
            unit="万人",
            comparator=">=",
            basis="increase",
        )
        link_all(session)
        jobs = _jobs(session)
        add_observation(
            session, indicator_id=jobs, year=2021, value=2.0, unit="万人", basis="increase"
        )
        add_observation(
            session, indicator_id=jobs, year=2022, value=1.2, unit="万人", basis="increase"
        )
        whole = _one(status_report(session, date(2023, 1, 1)).targets, "城镇新增就业", 10.0, 2025)
        # 2021 shares (10 − 1)/4 = 2.25; 2022 is the report's 1.
        assert whole.assessment.expected == pytest.approx(3.25)
        assert whole.assessment.progress == pytest.approx(3.2 / 3.25)


def test_a_five_year_total_from_a_document_never_double_counts(db_engine: Engine) -> None:
    text = "表1 | 五年新增城镇就业(万人) | 〔17.93〕 | 〔15〕 |\n"
    with transaction(db_engine) as session:
        plan = Document(
            name="p13.txt",
            content_hash="q" * 64,
            format="txt",
            text=text,
            kind="plan",
            doc_date=date(2016, 3, 1),
            period_start=2016,
            period_end=2020,
            base_year=2015,
        )
        plan.records = [
            rec(
                text,
                "〔17.93〕",
                "17.93",
                metric="五年新增城镇就业",
                kind="actual",
                value=17.93,
                unit="万人",
                basis="increase",
                year=2020,
            ),
            rec(
                text,
                "〔15〕",
                "15",
                metric="五年新增城镇就业",
                value=15,
                unit="万人",
                basis="increase",
                comparator=">=",
                year=2020,
            ),
        ]
        session.add(plan)
        session.flush()
        link_all(session)
        total = session.scalars(select(Observation).where(Observation.record_id.is_not(None))).one()
        assert (total.year, total.start_year, total.value) == (2020, 2016, 17.93)
        # A statistics file's figure for 2020 alone is another period: no conflict.
        added = add_observation(
            session,
            indicator_id=total.indicator_id,
            year=2020,
            value=4.1,
            unit="万人",
            basis="increase",
            source_file="f.xlsx",
        )
        assert added.outcome == "accepted" and not total.conflict
        target = session.scalars(select(Target)).one()
        assert (target.baseline_year, target.deadline_year) == (2015, 2020)
        status = status_report(session, date(2021, 6, 1)).targets[0].assessment
        assert status.actual == pytest.approx(17.93) and status.status == "achieved"
        assert any("replaces the yearly figures" in n for n in status.notes)


def test_dropped_targets_are_counted_in_the_report(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        store(session)
        text = "地区生产总值增长6%。\n"
        _report(
            session,
            2023,
            text,
            "增长6%",
            "6",
            metric="地区生产总值",
            value=6,
            unit="%",
            basis="growth",
        )
        for r in session.scalars(select(Record).where(Record.number == "3.5")):
            r.review_state = "rejected"  # no later document names 社零 any more
        link_all(session)
        report = status_report(session, date(2024, 1, 1), "domain")
    dropped = {s.indicator for s in report.targets if s.dropped}
    assert "社会消费品零售总额" in dropped and "地区生产总值" not in dropped
    current = [s for s in report.targets if s.dropped and not s.superseded]
    assert report.dropped["全部 all"] == len(current) >= 2  # the 920亿元 level and 5% growth
    assert report.dropped["经济质效"] == len(current)
    data = report.to_json()
    assert data["overall"]["dropped"] == len(current)
    assert {r["group"]: r["dropped"] for r in data["rollups"]}["经济质效"] == len(current)


CSV = "code,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\nB,乙镇,镇,D\n"


def test_region_roll_ups_in_status(db_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(CSV, encoding="utf-8")
    with transaction(db_engine) as session:
        store(session)
        link_all(session)
        load_regions(session, path)
        regions = {r.name: r.id for r in session.scalars(select(Region))}
        jobs = _jobs(session)
        whole = session.scalars(
            select(Target).where(Target.indicator_id == jobs, Target.value == 10)
        ).one()
        break_down(session, whole.id, {"甲街道": 6, "乙镇": 4})
        for town, values in (("甲街道", (1.2, 1.3)), ("乙镇", (0.8, 0.9))):
            for year, value in zip((2021, 2022), values, strict=True):
                add_observation(
                    session,
                    indicator_id=jobs,
                    year=year,
                    value=value,
                    unit="万人",
                    basis="increase",
                    region_id=regions[town],
                )
        # The district's own 2022 figure stands; 2021 is rolled up from the towns.
        add_observation(
            session, indicator_id=jobs, year=2022, value=2.5, unit="万人", basis="increase"
        )
        report = status_report(session, date(2023, 1, 1), "region")
    district = _one(report.targets, "城镇新增就业", 10.0, 2025)
    assert district.rolled_up == (2021,) and district.assessment.actual == pytest.approx(4.5)
    assert any("rolled up" in n for n in district.assessment.notes)
    part = next(s for s in report.targets if s.region == "甲街道")
    assert part.region_path == ("某区", "甲街道") and part.assessment.actual == pytest.approx(2.5)
    groups = {r.group: r for r in report.rollups}
    assert groups["甲街道"].total == 1 and groups["乙镇"].total == 1
    assert groups["某区"].total == sum(1 for s in report.targets if not s.superseded)
