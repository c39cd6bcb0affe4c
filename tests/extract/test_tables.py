"""Indicator tables: each cell's kind, year, basis and unit come from its header and row.

The tables are built the way the outline stage returns them (`outline.build_table` over rows of
cells), whatever flattening they came from, so these cases hold for pipes, spaced PDF columns
and one-cell-per-line Word exports alike.
"""

from __future__ import annotations

import pytest

from plancockpit.extract.context import DocContext
from plancockpit.extract.tables import extract_table, is_indicator_table
from plancockpit.outline import build_table
from plancockpit.outline.nodes import Cell

PLAN_2025 = DocContext("plan", "target", 2025, 2020, 2025)
REPORT_2024 = DocContext("annual_report", "target", 2024, None, 2024)


def _table(rows: list[list[str]]) -> tuple[str, list[list[Cell]]]:
    """An original text with one line per row and the rows as cells with their offsets."""
    text, cells = "", []
    for row in rows:
        line = []
        for value in row:
            line.append(Cell(value, len(text), len(text) + len(value)))
            text += value + "  "
        text += "\n"
        cells.append(line)
    return text, cells


PROVINCE = [
    ["类别", "指标", "2020年", "2025年", "年均增长/[累计]", "属性"],
    ["经济发展", "地区生产总值增长(%)", "3.6", "—", "6左右", "预期性"],
    ["", "全员劳动生产率增长(%)", "3.1∗", "—", ">6.5", "预期性"],
    ["", "常住人口城镇化率(%)", "60.4", "65", "[4.6]", "预期性"],
    ["民生福祉", "城镇新增就业人数(万人)", "—", "—", "〔300〕", "预期性"],
    ["", "城镇调查失业率(%)", "5.1", "<5.5", "—", "预期性"],
]
# (row, column) → expected fields, and why
CASES = [
    (
        (0, 2),
        dict(value=3.6, kind="actual", year=2020, basis="growth", unit="%"),
        "base-year column, growth row",
    ),
    (
        (0, 4),
        dict(value=6, kind="target", year=2025, comparator="~", basis="growth"),
        "年均增长 column, 左右",
    ),
    ((1, 2), dict(value=3.1, kind="actual", year=2019), "∗ takes the note's year"),
    ((1, 4), dict(value=6.5, comparator=">"), "a comparator sign in the cell"),
    ((2, 3), dict(value=65, kind="target", year=2025, basis="level", unit="%"), "target column"),
    ((2, 4), dict(value=4.6, basis="increase", year=2025), "[ ] is a five-year increase"),
    (
        (3, 4),
        dict(value=300, unit="万人", basis="increase", kind="target"),
        "〔 〕 is a five-year total",
    ),
    ((4, 3), dict(value=5.5, comparator="<"), "< in a target cell"),
]


@pytest.mark.parametrize("cell,expected,why", CASES, ids=[c[2] for c in CASES])
def test_spaced_province_table(cell: tuple[int, int], expected: dict, why: str) -> None:
    text, rows = _table(PROVINCE)
    table = build_table("主要指标", rows, ["注:带∗的为2019年数据;[ ]内为五年累计增加数。"])
    assert is_indicator_table(table)
    drafts = {d.cell: d for d in extract_table(table, PLAN_2025, text, "")}
    d = drafts[cell]
    for field, value in expected.items():
        assert getattr(d, field) == value, (field, d)
    assert text[d.start : d.end] == d.number


def test_group_column_gives_the_domain() -> None:
    text, rows = _table(PROVINCE)
    drafts = extract_table(build_table("主要指标", rows, []), PLAN_2025, text, "")
    assert {d.number: d.domain for d in drafts}["5.5"] == "民生福祉"


def test_no_record_from_dashes_or_words() -> None:
    text, rows = _table(PROVINCE)
    table = build_table("主要指标", rows, [])
    numbers = sorted(d.number for d in extract_table(table, PLAN_2025, text, ""))
    assert numbers == sorted(["3.6", "6", "3.1", "6.5", "60.4", "65", "4.6", "300", "5.1", "5.5"])


def test_report_table_done_and_target_columns() -> None:
    text, rows = _table(
        [
            ["指标", "单位", "2023年完成", "2024年目标"],
            ["地区生产总值增长", "%", "5.8", "6左右"],
            ["一般公共预算收入", "亿元", "285.6", "300"],
        ]
    )
    drafts = extract_table(build_table("", rows, []), REPORT_2024, text, "")
    got = [(d.number, d.kind, d.year, d.basis, d.unit) for d in drafts]
    assert got == [
        ("5.8", "actual", 2023, "growth", "%"),
        ("6", "target", 2024, "growth", "%"),
        ("285.6", "actual", 2023, "level", "亿元"),
        ("300", "target", 2024, "level", "亿元"),
    ]


def test_bulletin_table_undated_growth_column_is_a_result() -> None:
    text, rows = _table(
        [
            ["指标", "单位", "2023年", "比上年增长(%)"],
            ["地区生产总值", "亿元", "286.4", "6.9"],
        ]
    )
    bulletin = DocContext("news", "actual", 2023, None, 2024)
    drafts = extract_table(build_table("", rows, []), bulletin, text, "")
    assert [(d.number, d.kind) for d in drafts] == [("286.4", "actual"), ("6.9", "actual")]


def test_plan_report_table_plan_column_is_a_target() -> None:
    """A 计划报告's table: last year's plan (a target of that year), its result, this year's goal."""
    text, rows = _table(
        [
            ["指标", "单位", "2025年计划", "2025年完成", "2026年预期目标"],
            ["城镇新增就业", "万人", "6", "6.8", "6以上"],
        ]
    )
    report = DocContext("annual_report", "target", 2026, None, 2026)
    drafts = extract_table(build_table("", rows, []), report, text, "")
    assert [(d.number, d.kind, d.year, d.comparator) for d in drafts] == [
        ("6", "target", 2025, "="),
        ("6.8", "actual", 2025, "="),
        ("6", "target", 2026, ">="),
    ]


def test_two_row_header_aligned_under_its_cells() -> None:
    """A spaced PDF header whose second row sits under the first (blanks kept): 2030年/目标值,
    年均增长/[累计]; the growth column is a target, not the 基期值 beside it."""
    text, rows = _table(
        [
            ["序号", "指标名称", "单位", "2025年", "2030年", "年均增长", "属性"],
            ["", "", "", "基期值", "目标值", "[累计]", ""],
            ["1", "地区生产总值", "亿元", "386.5", "520", "6左右", "预期性"],
        ]
    )
    plan = DocContext("plan", "target", 2030, 2025, 2030)
    table = build_table("", rows, [])
    drafts = extract_table(table, plan, text, "")
    assert [(d.number, d.kind, d.year, d.basis, d.unit) for d in drafts] == [
        ("386.5", "actual", 2025, "level", "亿元"),
        ("520", "target", 2030, "level", "亿元"),
        ("6", "target", 2030, "growth", "%"),
    ]
