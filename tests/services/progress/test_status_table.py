"""The status case table (issue 13; docs/methodology.md, "The case table").

Each case is what a planner sees: a plan or work-report sentence (or table row), ingested as a
document the way the product reads it (extract → link, direction inferred, basis and period
from the text), actual values imported through the actuals file import, and an assessment
date → the status. The arithmetic behind every expected status is in the case's comment, with
the default cuts: green p ≥ 0.95, yellow 0.60 ≤ p < 0.95, red below; `~` (左右) within 2 % of
the target or beyond it in the desired direction; the year axis puts an annual figure for Y at
the end of Y (an assessment on 2024-06-30 is t ≈ 2023.49).

Runs on SQLite only (a migrated database file copied per case): the SQL of statuses and of the
import is covered on both backends by tests/services/test_status*.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.actuals.imports import import_actuals
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.progress.status import TargetStatus, target_statuses

PLAN_14 = "青禾区国民经济和社会发展第十四个五年规划纲要\n(2021—2025年)\n\n第二章 发展目标\n\n"
PLAN_15 = "青禾区国民经济和社会发展第十五个五年规划纲要\n(2026—2030年)\n\n第二章 发展目标\n\n"
TABLE = (
    '表1 青禾区"十四五"经济社会发展主要指标\n一级指标|指标名称|单位|2020年|2025年|年均增长|属性\n'
)


def plan(text: str, head: str = PLAN_14) -> str:
    """A five-year plan outline whose 发展目标 chapter says `text` (prose or table rows)."""
    return head + text + "\n"


def table(*rows: str) -> str:
    """The plan's main-indicator table with `rows` (一级指标|名称|单位|2020|2025|年均增长|属性)."""
    return plan(TABLE + "\n".join(rows))


def report(year: int, text: str) -> str:
    """A government work report of `year` whose 主要目标 paragraph says `text`."""
    return (
        f"{year}年青禾区政府工作报告\n——{year}年1月12日在青禾区第二届人民代表大会第四次会议上\n"
        f"二、{year}年主要目标\n今年经济社会发展的主要预期目标是：{text}\n"
    )


@dataclass(frozen=True)
class Case:
    document: str  # the text a planner wrote
    indicator: str  # the indicator the target is linked to
    basis: str  # level | growth | increase (percentage points are increases of a share)
    deadline: int
    actuals: tuple[str, ...]  # rows "year,value[,basis[,month[,start_year]]]" of that indicator
    on: date
    status: str
    value: float | None = None  # picks one target where several share indicator/basis/deadline
    shows: tuple[tuple[str, float], ...] = ()  # assessment numbers of the comment (±0.01)


def case(
    document: str,
    indicator: str,
    basis: str,
    deadline: int,
    actuals: tuple[str, ...],
    on: date,
    status: str,
    *,
    id: str,
    value: float | None = None,
    **shows: float,
) -> object:
    return pytest.param(
        Case(
            document, indicator, basis, deadline, actuals, on, status, value, tuple(shows.items())
        ),
        id=id,
    )


MID_2024 = date(2024, 6, 30)  # t = 2023.49: the 2023 figures are the latest of the plan
AFTER_2025 = date(2026, 6, 30)  # the plan's deadline year has data
AFTER_2024 = date(2025, 6, 30)

PM25 = table("绿色生态|PM2.5平均浓度|微克/立方米|33|28|—|约束性")
PM25_EXPECTED = table("绿色生态|PM2.5平均浓度|微克/立方米|33|28|—|预期性")
NURSERY = table("民生福祉|每千人拥有3岁以下婴幼儿照护设施托位数|个|2.1|4.5|—|预期性")
RND = table("创新驱动|研究与试验发展经费支出占地区生产总值比重|%|2.6|3.2|—|预期性")
DIGITAL = table("经济发展|数字经济核心产业增加值占地区生产总值比重|%|9.5|15|[5.5]|预期性")
GDP_PLAN = plan("2020年，全区地区生产总值达到860亿元。到2025年，地区生产总值年均增长7%左右。")
JOBS_PLAN = plan("到2025年，城镇新增就业累计5万人以上。")
JOBS_EACH = plan("“十四五”期间，每年新增城镇就业2万人以上。")
RND_POINTS = plan("到2025年，研究与试验发展经费支出占地区生产总值比重累计提高0.6个百分点。")

CASES = [
    # — direction: indicators that should fall —
    # PM2.5 33 → 28 (约束性); 2025: 27 ≤ 28 in the desired direction (down) → achieved.
    case(
        PM25,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2025,27",),
        AFTER_2025,
        "achieved",
        id="pm25-below-target-achieved",
    ),
    # 2025: 29 > 28, the deadline year's figure misses → off_track (missed).
    case(
        PM25,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2025,29",),
        AFTER_2025,
        "off_track",
        id="pm25-above-target-missed",
    ),
    # f = 3/5 = 0.6; e = 33·(28/33)^0.6 = 29.90; p = (31 − 33)/(29.90 − 33) = 0.645 → yellow,
    # but a binding (约束性) target that is not green is red → off_track.
    case(
        PM25,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2023,31",),
        MID_2024,
        "off_track",
        id="pm25-binding-yellow-is-red",
        expected=29.90,
        progress=0.645,
    ),
    # The same as 预期性: p = 0.645 → at_risk.
    case(
        PM25_EXPECTED,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2023,31",),
        MID_2024,
        "at_risk",
        id="pm25-expected-yellow",
    ),
    # p = (29.5 − 33)/(29.90 − 33) = 1.13; trend 29.5·(29.5/33)^(2/3) = 27.4 ≤ 28 → on_track.
    case(
        PM25,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2023,29.5",),
        MID_2024,
        "on_track",
        id="pm25-binding-green",
    ),
    # Moving the wrong way: 34 > 33, p = −1/−3.10 < 0 → off_track (deteriorating).
    case(
        PM25_EXPECTED,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2023,34",),
        MID_2024,
        "off_track",
        id="pm25-deteriorating",
    ),
    # 城镇调查失业率控制在5%以内 (2024): 4.8 ≤ 5 → achieved.
    case(
        report(2024, "城镇调查失业率控制在5%以内。"),
        "城镇调查失业率",
        "level",
        2024,
        ("2024,4.8",),
        AFTER_2024,
        "achieved",
        id="unemployment-within-achieved",
    ),
    # 5.3 > 5 in the deadline year → off_track.
    case(
        report(2024, "城镇调查失业率控制在5%以内。"),
        "城镇调查失业率",
        "level",
        2024,
        ("2024,5.3",),
        AFTER_2024,
        "off_track",
        id="unemployment-above-limit-missed",
    ),
    # 单位地区生产总值能耗下降3% (2024, a growth target of a falling indicator): −3.5 ≤ −3 → achieved.
    case(
        report(2024, "单位地区生产总值能耗下降3%。"),
        "单位地区生产总值能耗",
        "growth",
        2024,
        ("2024,-3.5,growth",),
        AFTER_2024,
        "achieved",
        id="energy-intensity-fell-enough",
    ),
    # −2.0: fell less than 3 % → off_track (missed).
    case(
        report(2024, "单位地区生产总值能耗下降3%。"),
        "单位地区生产总值能耗",
        "growth",
        2024,
        ("2024,-2,growth",),
        AFTER_2024,
        "off_track",
        id="energy-intensity-fell-too-little",
    ),
    # — 左右 —
    # 增长6.5%左右 (2024): 6.9 overshoots in the desired direction → achieved.
    case(
        report(2024, "地区生产总值增长6.5%左右。"),
        "地区生产总值",
        "growth",
        2024,
        ("2024,6.9,growth",),
        AFTER_2024,
        "achieved",
        id="zuoyou-overshoot-achieved",
    ),
    # 6.4 ≥ 6.5 − 2 %·6.5 = 6.37 → within the tolerance → achieved.
    case(
        report(2024, "地区生产总值增长6.5%左右。"),
        "地区生产总值",
        "growth",
        2024,
        ("2024,6.4,growth",),
        AFTER_2024,
        "achieved",
        id="zuoyou-within-tolerance",
    ),
    # 6.3 < 6.37 → off_track (missed).
    case(
        report(2024, "地区生产总值增长6.5%左右。"),
        "地区生产总值",
        "growth",
        2024,
        ("2024,6.3,growth",),
        AFTER_2024,
        "off_track",
        id="zuoyou-short-missed",
    ),
    # 城镇调查失业率5.5%左右 wants lower: 5.0 is beyond in the desired direction → achieved.
    case(
        report(2024, "城镇调查失业率5.5%左右。"),
        "城镇调查失业率",
        "level",
        2024,
        ("2024,5.0",),
        AFTER_2024,
        "achieved",
        id="zuoyou-down-undershoot-achieved",
    ),
    # 5.7 > 5.5 + 2 %·5.5 = 5.61 → off_track (missed).
    case(
        report(2024, "城镇调查失业率5.5%左右。"),
        "城镇调查失业率",
        "level",
        2024,
        ("2024,5.7",),
        AFTER_2024,
        "off_track",
        id="zuoyou-down-overshoot-missed",
    ),
    # — ranges —
    # 增长6%—7% (2024): 6.5 inside → achieved.
    case(
        report(2024, "一般公共预算收入增长6%—7%。"),
        "一般公共预算收入",
        "growth",
        2024,
        ("2024,6.5,growth",),
        AFTER_2024,
        "achieved",
        id="range-inside-achieved",
    ),
    # 5.5 below the range's lower end 6 → off_track (missed).
    case(
        report(2024, "一般公共预算收入增长6%—7%。"),
        "一般公共预算收入",
        "growth",
        2024,
        ("2024,5.5,growth",),
        AFTER_2024,
        "off_track",
        id="range-below-missed",
    ),
    # Half-year growth 5.8 (month 6, t = 2023.5): inside? no, 5.8 < 6; a rate is not pro-rated:
    # R = 5.8/6 = 0.967 → on_track (year to date, not yet met).
    case(
        report(2024, "一般公共预算收入增长6%—7%。"),
        "一般公共预算收入",
        "growth",
        2024,
        ("2024,5.8,growth,6",),
        date(2024, 7, 31),
        "on_track",
        id="range-year-to-date-near",
    ),
    # — growth from levels (the implied CAGR) —
    # 860 (2020) → 1180 (2025): (1180/860)^(1/5) − 1 = 6.53 % < 7 − 0.14 → off_track (missed).
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2025,1180",),
        AFTER_2025,
        "off_track",
        id="cagr-from-levels-short",
        actual=6.53,
    ),
    # 860 → 1210: (1210/860)^(1/5) − 1 = 7.07 % ≥ 7 → achieved.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2025,1210",),
        AFTER_2025,
        "achieved",
        id="cagr-from-levels-met",
        actual=7.07,
    ),
    # 860 → 1200: 6.89 % ≥ 7 − 2 %·7 = 6.86 → within 左右 → achieved.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2025,1200",),
        AFTER_2025,
        "achieved",
        id="cagr-from-levels-within-zuoyou",
        actual=6.89,
    ),
    # The levels win over the reported rates: rates 7.5/7.4/7.2/7.1/7.0 chain to 7.24 %, but
    # the two end levels give 6.53 % → off_track.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        (
            "2021,7.5,growth",
            "2022,7.4,growth",
            "2023,7.2,growth",
            "2024,7.1,growth",
            "2025,7.0,growth",
            "2025,1180",
        ),
        AFTER_2025,
        "off_track",
        id="cagr-levels-over-rates",
        actual=6.53,
    ),
    # While the plan runs: 860 (2020) → 1050 (2023): (1050/860)^(1/3) − 1 = 6.88 % (within 左右
    # of 7, but a rate can still fall back before the deadline) → R = 0.98 → on_track.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2023,1050",),
        MID_2024,
        "on_track",
        id="cagr-levels-running",
        actual=6.88,
    ),
    # 860 → 960 (2023): (960/860)^(1/3) − 1 = 3.73 %; R = 3.73/7 = 0.53 → off_track.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2023,960",),
        MID_2024,
        "off_track",
        id="cagr-levels-running-slow",
    ),
    # No 2025 level: 860 → 1120 (2024) after the deadline: (1120/860)^(1/4) − 1 = 6.83 %,
    # R = 0.976 → on_track by the latest figure (the deadline year's data is missing).
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2024,1120",),
        AFTER_2025,
        "on_track",
        id="cagr-deadline-level-missing",
        actual=6.83,
    ),
    # — growth from rates —
    # Rates 8, 7.5, 6 (2021–2023): (1.08·1.075·1.06)^(1/3) − 1 = 7.16 % → R = 1.02 → on_track.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2021,8,growth", "2022,7.5,growth", "2023,6,growth"),
        MID_2024,
        "on_track",
        id="chained-rates-on-track",
        actual=7.16,
    ),
    # Rates 5, 5, 5: R = 5/7 = 0.714 → at_risk.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2021,5,growth", "2022,5,growth", "2023,5,growth"),
        MID_2024,
        "at_risk",
        id="chained-rates-at-risk",
        progress=0.714,
    ),
    # Rates 3, 3, 3: R = 3/7 = 0.43 → off_track.
    case(
        GDP_PLAN,
        "地区生产总值",
        "growth",
        2025,
        ("2021,3,growth", "2022,3,growth", "2023,3,growth"),
        MID_2024,
        "off_track",
        id="chained-rates-off-track",
    ),
    # — increase sums (新增, 累计) —
    # 累计5万人 2021–2025: 1.2 + 1.0 + 0.9 = 3.1 by 2023, expected f·x* = 0.6·5 = 3.0 → p = 1.03;
    # anticipated 3.1 + 3.1/3·2 = 5.17 ≥ 5 → on_track.
    case(
        JOBS_PLAN,
        "城镇新增就业",
        "increase",
        2025,
        ("2021,1.2,increase", "2022,1.0,increase", "2023,0.9,increase"),
        MID_2024,
        "on_track",
        id="increase-sum-on-track",
        actual=3.1,
        expected=3.0,
    ),
    # 0.8 ·3 = 2.4; p = 2.4/3.0 = 0.8 → at_risk.
    case(
        JOBS_PLAN,
        "城镇新增就业",
        "increase",
        2025,
        ("2021,0.8,increase", "2022,0.8,increase", "2023,0.8,increase"),
        MID_2024,
        "at_risk",
        id="increase-sum-at-risk",
        progress=0.8,
    ),
    # 0.5 ·3 = 1.5; p = 0.5 → off_track.
    case(
        JOBS_PLAN,
        "城镇新增就业",
        "increase",
        2025,
        ("2021,0.5,increase", "2022,0.5,increase", "2023,0.5,increase"),
        MID_2024,
        "off_track",
        id="increase-sum-off-track",
    ),
    # 1.2 + 1 + 1 + 1 + 1 = 5.2 ≥ 5 by 2025 → achieved.
    case(
        JOBS_PLAN,
        "城镇新增就业",
        "increase",
        2025,
        (
            "2021,1.2,increase",
            "2022,1,increase",
            "2023,1,increase",
            "2024,1,increase",
            "2025,1,increase",
        ),
        AFTER_2025,
        "achieved",
        id="increase-sum-achieved",
    ),
    # One five-year total 2021–2025 = 4.6 (start year 2021) < 5 → off_track (missed).
    case(
        JOBS_PLAN,
        "城镇新增就业",
        "increase",
        2025,
        ("2025,4.6,increase,,2021",),
        AFTER_2025,
        "off_track",
        id="increase-period-total-short",
    ),
    # 每年新增2万人以上: the 2023 target, 2.1 added in 2023 → achieved.
    case(
        JOBS_EACH,
        "城镇新增就业",
        "increase",
        2023,
        ("2023,2.1,increase",),
        MID_2024,
        "achieved",
        id="per-year-target-met",
    ),
    # The 2022 target, 1.5 added in 2022 < 2 → off_track (missed).
    case(
        JOBS_EACH,
        "城镇新增就业",
        "increase",
        2022,
        ("2022,1.5,increase",),
        MID_2024,
        "off_track",
        id="per-year-target-missed",
    ),
    # The 2025 target on 2024-06-30: its year (2024 → 2025) has not begun → not_yet_due.
    case(
        JOBS_EACH,
        "城镇新增就业",
        "increase",
        2025,
        (),
        MID_2024,
        "not_yet_due",
        id="per-year-target-not-yet-due",
    ),
    # Annual report 城镇新增就业1万人以上 (2024): 0.45 by June, f = 0.5, expected 0.5 → p = 0.9
    # → at_risk.
    case(
        report(2024, "城镇新增就业1万人以上。"),
        "城镇新增就业",
        "increase",
        2024,
        ("2024,0.45,increase,6",),
        date(2024, 7, 15),
        "at_risk",
        id="annual-increase-year-to-date-behind",
        progress=0.9,
    ),
    # 0.6 by June: p = 1.2, anticipated 0.6 + 0.6/0.5·0.5 = 1.2 ≥ 1 → on_track (not yet met).
    case(
        report(2024, "城镇新增就业1万人以上。"),
        "城镇新增就业",
        "increase",
        2024,
        ("2024,0.6,increase,6",),
        date(2024, 7, 15),
        "on_track",
        id="annual-increase-year-to-date-ahead",
    ),
    # 1.2 for 2024 ≥ 1 → achieved.
    case(
        report(2024, "城镇新增就业1万人以上。"),
        "城镇新增就业",
        "increase",
        2024,
        ("2024,1.2,increase",),
        AFTER_2024,
        "achieved",
        id="annual-increase-met",
    ),
    # — progress cuts while the period runs (level targets) —
    # 研发比重 2.6 → 3.2 (a bounded share: linear path): e = 2.6 + 0.6·0.6 = 2.96;
    # 2.97 → p = 0.37/0.36 = 1.03; linear trend 2.97 + 0.37/3·2 = 3.22 ≥ 3.2 → on_track.
    case(
        RND,
        "研究与试验发展经费支出占地区生产总值比重",
        "level",
        2025,
        ("2023,2.97",),
        MID_2024,
        "on_track",
        id="share-linear-green",
        expected=2.96,
        progress=1.028,
    ),
    # 2.95 → p = 0.35/0.36 = 0.97 (green by elapsed time), but the linear trend
    # 2.95 + 0.35/3·2 = 3.18 < 3.2: G = 0.02/0.6 = 0.03 > 0 → at_risk.
    case(
        RND,
        "研究与试验发展经费支出占地区生产总值比重",
        "level",
        2025,
        ("2023,2.95",),
        MID_2024,
        "at_risk",
        id="share-linear-green-but-trend-misses",
    ),
    # 2.85 → p = 0.25/0.36 = 0.69 → at_risk.
    case(
        RND,
        "研究与试验发展经费支出占地区生产总值比重",
        "level",
        2025,
        ("2023,2.85",),
        MID_2024,
        "at_risk",
        id="share-linear-yellow",
        progress=0.694,
    ),
    # 2.7 → p = 0.1/0.36 = 0.28 → off_track.
    case(
        RND,
        "研究与试验发展经费支出占地区生产总值比重",
        "level",
        2025,
        ("2023,2.7",),
        MID_2024,
        "off_track",
        id="share-linear-red",
    ),
    # 托位数 2.1 → 4.5 (geometric): e = 2.1·(4.5/2.1)^0.6 = 3.32; 3.4 → p = 1.3/1.22 = 1.07;
    # trend 3.4·(3.4/2.1)^(2/3) = 4.69 ≥ 4.5 → on_track.
    case(
        NURSERY,
        "每千人拥有3岁以下婴幼儿照护设施托位数",
        "level",
        2025,
        ("2023,3.4",),
        MID_2024,
        "on_track",
        id="geometric-green",
    ),
    # 3.3 → p = 1.2/1.22 = 0.99 (green by elapsed time) but the trend 3.3·(3.3/2.1)^(2/3) = 4.46
    # falls short: G = (4.5 − 4.46)/(4.5 − 2.1) = 0.02 > 0 → at_risk.
    case(
        NURSERY,
        "每千人拥有3岁以下婴幼儿照护设施托位数",
        "level",
        2025,
        ("2023,3.3",),
        MID_2024,
        "at_risk",
        id="geometric-green-but-trend-misses",
        expected=3.32,
        gap=0.02,
    ),
    # 4.6 in 2023 already reaches 4.5 → achieved early (提前实现).
    case(
        NURSERY,
        "每千人拥有3岁以下婴幼儿照护设施托位数",
        "level",
        2025,
        ("2023,4.6",),
        MID_2024,
        "achieved",
        id="geometric-achieved-early",
    ),
    # — not yet due, no data, the deadline year's data —
    # A 2026–2030 plan assessed in 2025: its period has not begun → not_yet_due.
    case(
        plan("到2030年，PM2.5平均浓度降至25微克/立方米以下。", PLAN_15),
        "PM2.5平均浓度",
        "level",
        2030,
        (),
        date(2025, 10, 1),
        "not_yet_due",
        id="next-plan-not-yet-due",
    ),
    # A plan target with no figure at all → no_data.
    case(
        NURSERY,
        "每千人拥有3岁以下婴幼儿照护设施托位数",
        "level",
        2025,
        (),
        MID_2024,
        "no_data",
        id="no-figure-no-data",
    ),
    # 力争数字经济核心产业增加值突破180亿元 (2024): only a 2025 figure (176) → it is not the 2024
    # result → no_data.
    case(
        report(2024, "力争数字经济核心产业增加值突破180亿元。"),
        "数字经济核心产业增加值",
        "level",
        2024,
        ("2025,176",),
        AFTER_2025,
        "no_data",
        id="later-year-figure-ignored",
    ),
    # The 2024 figure 185 > 180 → achieved (an aspirational value judged when it is the only one).
    case(
        report(2024, "力争数字经济核心产业增加值突破180亿元。"),
        "数字经济核心产业增加值",
        "level",
        2024,
        ("2024,185", "2025,176"),
        AFTER_2025,
        "achieved",
        id="deadline-year-figure",
    ),
    # The plan's PM2.5 deadline passed with 2023 as the latest figure: judged by progress,
    # p = 1.13 (see pm25-binding-green) → on_track, with a note that 2025 data is missing.
    case(
        PM25,
        "PM2.5平均浓度",
        "level",
        2025,
        ("2023,29.5",),
        AFTER_2025,
        "on_track",
        id="deadline-year-data-missing",
    ),
    # — percentage points —
    # [5.5] = 累计提高5.5个百分点 from 9.5 %: aim 15; 15.2 in 2025 → achieved.
    case(
        DIGITAL,
        "数字经济核心产业增加值占地区生产总值比重",
        "increase",
        2025,
        ("2025,15.2",),
        AFTER_2025,
        "achieved",
        id="points-table-met",
    ),
    # 14.6 < 15 in 2025 → off_track (missed).
    case(
        DIGITAL,
        "数字经济核心产业增加值占地区生产总值比重",
        "increase",
        2025,
        ("2025,14.6",),
        AFTER_2025,
        "off_track",
        id="points-table-missed",
    ),
    # 累计提高0.6个百分点, the 2020 share observed 2.6: aim 3.2; 2023 = 2.9 on the linear path
    # e = 2.6 + 0.6·0.6 = 2.96 → p = 0.3/0.36 = 0.83 → at_risk.
    case(
        RND_POINTS,
        "研究与试验发展经费支出占地区生产总值比重",
        "increase",
        2025,
        ("2020,2.6", "2023,2.9"),
        MID_2024,
        "at_risk",
        id="points-prose-running",
        expected=2.96,
        progress=0.833,
    ),
    # 3.25 in 2025 ≥ 3.2 → achieved.
    case(
        RND_POINTS,
        "研究与试验发展经费支出占地区生产总值比重",
        "increase",
        2025,
        ("2020,2.6", "2025,3.25"),
        AFTER_2025,
        "achieved",
        id="points-prose-met",
    ),
    # Without the 2020 share the points have no level to add to → no_data.
    case(
        RND_POINTS,
        "研究与试验发展经费支出占地区生产总值比重",
        "increase",
        2025,
        ("2025,3.25",),
        AFTER_2025,
        "no_data",
        id="points-without-baseline",
    ),
    # — annual report targets —
    # 社会消费品零售总额增长7% (2024): 7.2 → achieved.
    case(
        report(2024, "社会消费品零售总额增长7%。"),
        "社会消费品零售总额",
        "growth",
        2024,
        ("2024,7.2,growth",),
        AFTER_2024,
        "achieved",
        id="annual-growth-met",
    ),
    # 6.0 < 7 → off_track (missed).
    case(
        report(2024, "社会消费品零售总额增长7%。"),
        "社会消费品零售总额",
        "growth",
        2024,
        ("2024,6,growth",),
        AFTER_2024,
        "off_track",
        id="annual-growth-missed",
    ),
    # Levels only: 500 (2023) → 540 (2024): 8 % ≥ 7 → achieved (growth from levels, one year).
    case(
        report(2024, "社会消费品零售总额增长7%。"),
        "社会消费品零售总额",
        "growth",
        2024,
        ("2023,500", "2024,540"),
        AFTER_2024,
        "achieved",
        id="annual-growth-from-levels",
        actual=8.0,
    ),
    # Assessed in December 2024, before any 2024 figure → no_data.
    case(
        report(2024, "社会消费品零售总额增长7%。"),
        "社会消费品零售总额",
        "growth",
        2024,
        (),
        date(2024, 12, 1),
        "no_data",
        id="annual-growth-no-data-yet",
    ),
]


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("table") / "empty.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def engine(empty_db: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "case.sqlite"
    shutil.copy(empty_db, copy)
    made = open_database(f"sqlite:///{copy}")
    yield made
    made.dispose()


def _actuals_file(folder: Path, c: Case) -> Path:
    path = folder / "actuals.csv"
    lines = ["indicator,region,year,value,basis,month,start_year"]
    for row in c.actuals:
        cells = row.split(",") + [""] * 3
        year, value, basis, month, start = cells[:5]
        lines.append(f"{c.indicator},青禾区,{year},{value},{basis},{month},{start}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _target(engine: Engine, c: Case) -> TargetStatus:
    with transaction(engine) as session:
        found = [
            t
            for t in target_statuses(session, c.on)
            if t.indicator == c.indicator
            and t.basis == c.basis
            and t.deadline == c.deadline
            and not t.superseded
            and (c.value is None or t.value == c.value)
        ]
    assert len(found) == 1, [(t.indicator, t.basis, t.value, t.deadline) for t in found]
    return found[0]


@pytest.mark.parametrize("c", CASES)
def test_status_case(c: Case, engine: Engine, tmp_path: Path) -> None:
    doc = tmp_path / "document.txt"
    doc.write_text(c.document, encoding="utf-8")
    ingest_paths(engine, [doc])
    if c.actuals:
        imported = import_actuals(engine, _actuals_file(tmp_path, c), entered_by="case table")
        assert imported["accepted"] == len(c.actuals), imported
    found = _target(engine, c)
    a = found.assessment
    assert a.status == c.status, (found.target_text, a.status, a.progress, a.gap, a.notes)
    for name, number in c.shows:
        assert getattr(a, name) == pytest.approx(number, abs=0.01), name
    # the same status in words: its label, and the target as written
    words = {
        "achieved": ("实现", "achieved"),
        "off_track": ("", ""),
        "no_data": ("暂无", "No actual"),
        "not_yet_due": ("尚未到", "not yet due"),
        "on_track": ("进度正常", "on track"),
        "at_risk": ("有风险", "at risk"),
    }[a.status]
    assert words[0] in found.summary and words[1] in found.summary_en, found.summary
    assert found.target_text in found.summary, found.summary


def test_the_table_covers_every_status_and_basis() -> None:
    cases = [p.values[0] for p in CASES]  # type: ignore[attr-defined]
    assert len(cases) >= 40
    assert {c.status for c in cases} == {
        "achieved",
        "on_track",
        "at_risk",
        "off_track",
        "no_data",
        "not_yet_due",
    }
    assert {c.basis for c in cases} == {"level", "growth", "increase"}
