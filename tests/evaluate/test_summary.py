"""Statuses in plain words: one sentence per status and kind, numbers at the target's precision."""

from __future__ import annotations

from typing import Any

import pytest

from plancockpit.evaluate.summary import summary

GDP = ("2600亿元以上", "≥ 2600 亿元", "亿元")
CASES: list[tuple[dict[str, Any], tuple[str, str, str], str, str]] = [
    (
        {
            "status": "achieved",
            "basis": "level",
            "target": 2600,
            "deadline": 2025,
            "latest": 2650.4,
            "latest_time": 2025,
            "actual": 2650.4,
        },
        GDP,
        "2025年实际2650亿元，目标2600亿元以上，已实现",
        "2025: 2650 亿元 against a target of ≥ 2600 亿元: achieved",
    ),
    (
        {
            "status": "achieved",
            "basis": "level",
            "target": 2600,
            "deadline": 2025,
            "latest": 2610,
            "latest_time": 2024,
            "actual": 2610,
            "early": True,
        },
        GDP,
        "2024年实际2610亿元，目标2600亿元以上，提前实现",
        "2024: 2610 亿元 against a target of ≥ 2600 亿元: achieved early",
    ),
    (
        {
            "status": "off_track",
            "basis": "level",
            "target": 2600,
            "deadline": 2025,
            "latest": 2400,
            "latest_time": 2025,
            "actual": 2400,
            "missed": True,
        },
        GDP,
        "2025年实际2400亿元，目标2600亿元以上，差200亿元，未完成",
        "2025: 2400 亿元 against a target of ≥ 2600 亿元: missed by 200 亿元",
    ),
    (
        {
            "status": "at_risk",
            "basis": "level",
            "target": 2600,
            "deadline": 2025,
            "latest": 2300,
            "latest_time": 2024,
            "actual": 2300,
            "expected": 2420.6,
        },
        GDP,
        "2024年实际2300亿元，按进度应达2421亿元，有风险（目标2025年2600亿元以上）",
        "2024: 2300 亿元, 2421 亿元 expected on the way to ≥ 2600 亿元 by 2025: at risk",
    ),
    (
        {
            "status": "off_track",
            "basis": "growth",
            "target": 6.5,
            "deadline": 2024,
            "baseline_time": 2023,
            "latest": 5.2,
            "latest_time": 2024,
            "actual": 5.2,
            "missed": True,
        },
        ("增长6.5%左右", "growth ≈ 6.5%", "%"),
        "2024年实际增长5.2%，目标增长6.5%左右，差1.3个百分点，未完成",
        "2024: growth 5.2% against a target of growth ≈ 6.5%: missed by 1.3 percentage points",
    ),
    (
        {
            "status": "on_track",
            "basis": "growth",
            "target": 7,
            "deadline": 2025,
            "baseline_time": 2020,
            "latest": 7.24,
            "latest_time": 2023,
            "actual": 7.24,
            "expected": 7,
        },
        ("年均增长7%左右", "average growth ≈ 7% a year", "%"),
        "2023年实际年均增长7.2%，目标2025年年均增长7%左右，进度正常",
        "2023: average growth 7.2%, target average growth ≈ 7% a year by 2025: on track",
    ),
    (
        {
            "status": "on_track",
            "basis": "increase",
            "target": 10,
            "deadline": 2025,
            "latest": 2.1,
            "latest_time": 2023,
            "actual": 6.3,
            "expected": 6,
        },
        ("累计新增10万人以上", "+≥ 10 万人 in total", "万人"),
        "截至2023年累计新增6.3万人，按进度应新增6万人，进度正常（目标2025年累计新增10万人以上）",
        "by 2023: +6.3 万人 in total, 6 万人 expected on the way to +≥ 10 万人 in total by 2025: on track",
    ),
    (
        {"status": "no_data", "basis": "level", "target": 4.5, "deadline": 2025},
        ("4.5个以上", "≥ 4.5 个", "个"),
        "暂无实际数据；目标2025年4.5个以上",
        "No actual value yet; target ≥ 4.5 个 by 2025",
    ),
    (
        {"status": "not_yet_due", "basis": "level", "target": 3000, "deadline": 2030},
        GDP,
        "目标2030年2600亿元以上，尚未到考核期",
        "Target ≥ 2600 亿元 by 2030; not yet due",
    ),
]


@pytest.mark.parametrize("assessment, target, zh, en", CASES, ids=[c[2][:14] for c in CASES])
def test_summary(
    assessment: dict[str, Any], target: tuple[str, str, str], zh: str, en: str
) -> None:
    assert summary(assessment, *target) == (zh, en)
