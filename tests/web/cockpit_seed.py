"""A small hand-made database for the cockpit tests: every kind of row, statuses of each colour."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.db.models import (
    Document,
    Indicator,
    Observation,
    Record,
    Region,
    Section,
    Target,
    Unit,
)
from plancockpit.services.access.users import add_user

SCRIPT = "<script>alert(1)</script>"
TEXT = (
    "第一章 总体目标\n"
    "到2025年,地区生产总值达到2500亿元,年均增长6%。\n"
    f"注意:{SCRIPT} 不是代码。\n"
    "第二章 民生\n"
    "2023年城镇新增就业2.1万人。每千人拥有托位数达到4.5个。\n"
)
PASSWORD = "correct-horse-1"


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def seed(engine: Engine) -> dict[str, int]:
    """Insert the rows; returns the ids the tests refer to."""
    with transaction(engine) as s:
        district = Region(code="D", name="示范区", level="district")
        s.add(district)
        s.flush()
        town = Region(code="D.T1", name="东镇", level="town", parent_id=district.id)
        town2 = Region(code="D.T2", name="西街道", level="town", parent_id=district.id)
        s.add_all([town, town2])
        s.flush()
        village = Region(code="D.T1.V1", name="新村", level="village", parent_id=town.id)
        s.add(village)
        s.add(Unit(name="区发改局", full_name="区发展和改革局", aliases=["区发展和改革局"]))
        doc = Document(
            name="plan<b>.txt",
            content_hash="x" * 64,
            format="txt",
            text=TEXT,
            title=f"示范区规划纲要 {SCRIPT}",
            kind="plan",
            region="示范区",
            doc_date=date(2021, 3, 1),
            period_start=2021,
            period_end=2025,
            base_year=2020,
        )
        s.add(doc)
        s.flush()
        c1 = Section(
            document_id=doc.id,
            position=0,
            depth=0,
            kind="chapter",
            number="第一章",
            title="总体目标",
            start=0,
            end=TEXT.index("第二章"),
        )
        c2 = Section(
            document_id=doc.id,
            position=1,
            depth=0,
            kind="chapter",
            number="第二章",
            title="民生",
            start=TEXT.index("第二章"),
            end=len(TEXT),
        )
        s.add_all([c1, c2])
        recs = []
        for needle, metric, kind, value, unit, year in [
            ("2500亿元", "地区生产总值", "target", 2500.0, "亿元", 2025),
            ("2.1万人", "城镇新增就业", "actual", 2.1, "万人", 2023),
            ("4.5个", "每千人拥有托位数", "target", 4.5, "个", 2025),
        ]:
            a, b = _span(needle)
            line0 = TEXT.rfind("\n", 0, a) + 1
            recs.append(
                Record(
                    document_id=doc.id,
                    start=a,
                    end=b,
                    number=needle,
                    metric=metric,
                    kind=kind,
                    value=value,
                    unit=unit,
                    year=year,
                    sentence_start=line0,
                    sentence_end=TEXT.index("\n", b),
                    lead_units=["区发改局"],
                )
            )
        s.add_all(recs)
        s.flush()
        gdp = Indicator(
            name="地区生产总值",
            key="地区生产总值",
            region_id=district.id,
            unit="亿元",
            domain="经济质效",
            aliases=["GDP"],
        )
        jobs = Indicator(
            name="城镇新增就业",
            key="城镇新增就业",
            region_id=district.id,
            unit="万人",
            domain="社会民生",
        )
        care = Indicator(
            name="每千人拥有托位数", key="托位", region_id=town.id, unit="个", domain="社会民生"
        )
        s.add_all([gdp, jobs, care])
        s.flush()
        t_gdp = Target(
            indicator_id=gdp.id,
            record_id=recs[0].id,
            region_id=district.id,
            comparator=">=",
            value=2500,
            unit="亿元",
            baseline_value=1800,
            baseline_year=2020,
            deadline_year=2025,
            attribute="预期性",
            lead_units=["区发改局"],
        )
        t_jobs = Target(
            indicator_id=jobs.id,
            region_id=district.id,
            comparator=">=",
            value=10,
            unit="万人",
            basis="increase",
            baseline_year=2020,
            deadline_year=2025,
            attribute="约束性",
            lead_units=["区人社局"],
        )
        t_care = Target(
            indicator_id=care.id,
            record_id=recs[2].id,
            region_id=town.id,
            comparator=">=",
            value=4.5,
            unit="个",
            baseline_value=2.0,
            baseline_year=2020,
            deadline_year=2025,
            lead_units=["区卫健局"],
        )
        s.add_all([t_gdp, t_jobs, t_care])
        s.flush()
        t_gdp2 = Target(
            indicator_id=gdp.id,
            region_id=district.id,
            comparator=">=",
            value=2600,
            unit="亿元",
            baseline_value=1800,
            baseline_year=2020,
            deadline_year=2025,
            revises_id=t_gdp.id,
            revision="raised",
            lead_units=["区发改局"],
        )
        s.add(t_gdp2)
        s.add_all(
            [
                Observation(
                    indicator_id=gdp.id, region_id=district.id, year=y, value=v, unit="亿元"
                )
                for y, v in [(2020, 1800), (2021, 1900), (2022, 1950), (2023, 2000)]
            ]
        )
        s.add_all(
            [
                Observation(
                    indicator_id=jobs.id,
                    region_id=district.id,
                    year=y,
                    value=2.1,
                    unit="万人",
                    basis="increase",
                    record_id=recs[1].id if y == 2023 else None,
                )
                for y in (2021, 2022, 2023)
            ]
        )
        add_user(s, name="planner", role="planner", password=PASSWORD)
        add_user(s, name="viewer", role="viewer", password=PASSWORD)
        s.flush()
        return {
            "district": district.id,
            "town": town.id,
            "village": village.id,
            "doc": doc.id,
            "gdp": gdp.id,
            "jobs": jobs.id,
            "care": care.id,
            "t_gdp": t_gdp.id,
            "t_gdp2": t_gdp2.id,
            "record": recs[0].id,
            "record_actual": recs[1].id,
            "section": c1.id,
        }


def add_next_report(engine: Engine, ids: dict[str, int], year: int) -> int:
    """A work report of `year` after the seed's plan (2021–2025), with one GDP target of that
    year: the plan's targets become history and this one is current. Returns its id."""
    with transaction(engine) as s:
        s.add(
            Document(
                name=f"report{year}.txt",
                content_hash="r" * 64,
                format="txt",
                text=f"{year}年工作报告",
                title=f"{year}年政府工作报告",
                kind="annual_report",
                region="示范区",
                doc_date=date(year, 1, 20),
                period_start=year,
                period_end=year,
            )
        )
        this_year = Target(
            indicator_id=ids["gdp"],
            region_id=ids["district"],
            comparator=">=",
            value=2700,
            unit="亿元",
            baseline_year=year - 1,
            deadline_year=year,
            lead_units=["区发改局"],
        )
        s.add(this_year)
        s.flush()
        return this_year.id
