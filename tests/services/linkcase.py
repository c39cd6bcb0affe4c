"""A small constructed plan and annual report stored as records (no extractor needed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Record

PLAN_TEXT = (
    "表2 | 经济质效 | 1 | 地区生产总值 | 亿元 | 1828.47 | 2600 | 预期性 |\n"
    "11 | 社会消费品零售总额 | 亿元 | 719.97 | 920 | 预期性 |\n"
    "13 | 实际利用外资 | 亿美元 | 8.42 | 10.7 | 预期性 |\n"
    "人均地区生产总值15.23万元。二○二○年地区生产总值1828.47亿元。\n"
    "全区社会消费品零售总额超920亿元,年均增长5%。\n"
    "“十四五”期间,每年新增城镇就业2万人以上,累计实现城镇新增就业人员10万以上。\n"
)
REPORT_TEXT = "实现社会消费品零售总额增长3.5%。力争实际利用外资7亿美元。城镇新增就业2.5万人以上。\n"


def rec(text: str, anchor: str, number: str, **fields: Any) -> Record:
    """A record whose span is `number` inside the first `anchor` of `text`."""
    at = text.index(anchor)
    start = at + anchor.index(number)
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.index("\n", at)
    values = {
        "kind": "target",
        "value_max": None,
        "comparator": "=",
        "basis": "level",
        "lead_units": [],
        "domain": None,
        "attribute": None,
        "aspiration": False,
    } | fields
    return Record(
        start=start,
        end=start + len(number),
        number=number,
        sentence_start=line_start,
        sentence_end=line_end,
        extracted={},
        **values,
    )


def store(session: Session) -> tuple[int, int]:
    p, r = PLAN_TEXT, REPORT_TEXT
    plan = Document(
        name="plan.txt",
        content_hash="p" * 64,
        format="txt",
        text=p,
        kind="plan",
        doc_date=date(2022, 3, 1),
        period_start=2021,
        period_end=2025,
        base_year=2020,
        title="十四五规划纲要",
    )
    plan.records = [
        rec(
            p,
            "地区生产总值 | 亿元 | 1828.47",
            "1828.47",
            metric="地区生产总值",
            kind="actual",
            value=1828.47,
            unit="亿元",
            year=2020,
            domain="经济质效",
        ),
        rec(
            p,
            "地区生产总值 | 亿元 | 1828.47 | 2600",
            "2600",
            metric="地区生产总值",
            value=2600,
            unit="亿元",
            year=2025,
            domain="经济质效",
            attribute="预期性",
        ),
        rec(
            p,
            "社会消费品零售总额 | 亿元 | 719.97",
            "719.97",
            metric="社会消费品零售总额",
            kind="actual",
            value=719.97,
            unit="亿元",
            year=2020,
            domain="经济质效",
        ),
        rec(
            p,
            "719.97 | 920",
            "920",
            metric="社会消费品零售总额",
            value=920,
            unit="亿元",
            year=2025,
            domain="经济质效",
            attribute="预期性",
        ),
        rec(
            p,
            "实际利用外资 | 亿美元 | 8.42",
            "8.42",
            metric="实际利用外资",
            kind="actual",
            value=8.42,
            unit="亿美元",
            year=2020,
            domain="经济质效",
        ),
        rec(
            p,
            "8.42 | 10.7",
            "10.7",
            metric="实际利用外资",
            value=10.7,
            unit="亿美元",
            year=2025,
            domain="经济质效",
            attribute="预期性",
        ),
        rec(
            p,
            "人均地区生产总值15.23",
            "15.23",
            metric="人均地区生产总值",
            kind="actual",
            value=15.23,
            unit="万元",
            year=2020,
        ),
        rec(
            p,
            "地区生产总值1828.47亿元",
            "1828.47",
            metric="地区生产总值",
            kind="actual",
            value=1828.47,
            unit="亿元",
            year=2020,
        ),
        rec(
            p,
            "总额超920亿元",
            "920",
            metric="全区社会消费品零售总额",
            value=920,
            unit="亿元",
            comparator=">",
            year=2025,
            lead_units=["区商务局"],
        ),
        rec(
            p,
            "年均增长5%",
            "5",
            metric="社会消费品零售总额",
            value=5,
            unit="%",
            basis="growth",
            year=2025,
            lead_units=["区商务局"],
        ),
        rec(
            p,
            "每年新增城镇就业2万人",
            "2",
            metric="新增城镇就业",
            value=2,
            unit="万人",
            comparator=">=",
            basis="increase",
            year=2025,
            lead_units=["区人力社保局"],
        ),
        rec(
            p,
            "就业人员10万",
            "10",
            metric="城镇新增就业人员",
            value=10,
            unit="万",
            comparator=">=",
            basis="increase",
            year=2025,
            lead_units=["区人力资源和社会保障局"],
        ),
    ]
    report = Document(
        name="report.txt",
        content_hash="r" * 64,
        format="txt",
        text=r,
        kind="annual_report",
        doc_date=date(2026, 1, 20),
        period_start=2026,
        period_end=2026,
        title="2026年政府工作报告",
    )
    report.records = [
        rec(
            r,
            "增长3.5%",
            "3.5",
            metric="社会消费品零售总额",
            value=3.5,
            unit="%",
            basis="growth",
            year=2026,
        ),
        rec(
            r,
            "外资7亿美元",
            "7",
            metric="实际利用外资",
            value=7,
            unit="亿美元",
            year=2026,
            aspiration=True,
        ),
        rec(
            r,
            "就业2.5万人",
            "2.5",
            metric="城镇新增就业",
            value=2.5,
            unit="万人",
            comparator=">=",
            basis="increase",
            year=2026,
        ),
    ]
    session.add_all([plan, report])
    session.flush()
    return plan.id, report.id
