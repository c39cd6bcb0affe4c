"""A target's status in one sentence, Chinese and English, from the numbers of its assessment:
what a leader reads instead of f, e, x, p. Numbers are rounded to the precision the target is
written with (2600 → whole numbers, 7.5% → one decimal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plancockpit.evaluate.assessment import LABELS


def summary(a: Mapping[str, Any], target_zh: str, target_en: str, unit: str) -> tuple[str, str]:
    """(Chinese, English) for an assessment as `Assessment.to_json` gives it.

    >>> a = {"status": "off_track", "basis": "level", "target": 2600, "deadline": 2025,
    ...      "latest": 2400, "latest_time": 2025, "actual": 2400, "missed": True}
    >>> summary(a, "2600亿元以上", "≥ 2600 亿元", "亿元")[0]
    '2025年实际2400亿元，目标2600亿元以上，差200亿元，未完成'
    """
    status, deadline = a.get("status", "no_data"), a.get("deadline")
    if status == "not_yet_due":
        return (
            f"目标{deadline}年{target_zh}，尚未到考核期",
            f"Target {target_en} by {deadline}; not yet due",
        )
    shown = a.get("actual") if a.get("actual") is not None else a.get("latest")
    if shown is None or status == "no_data":
        return (
            f"暂无实际数据；目标{deadline}年{target_zh}",
            f"No actual value yet; target {target_en} by {deadline}",
        )
    basis = a.get("basis", "level")
    places = _places(a.get("target"), basis)
    year = int(a["latest_time"]) if a.get("latest_time") else deadline
    u_zh = "%" if basis == "growth" else unit
    u_en = u_zh if u_zh in ("", "%", "％", "‰") else f" {u_zh}"
    x = _round(shown, places)
    if basis == "growth":
        span = (deadline or 0) - int(a.get("baseline_time") or (deadline or 0) - 1)
        head_zh = f"{year}年实际{'年均' if span > 1 else ''}增长{x}%"
        head_en = f"{year}: {'average ' if span > 1 else ''}growth {x}%"
    elif basis == "increase":
        head_zh, head_en = f"截至{year}年累计新增{x}{u_zh}", f"by {year}: +{x}{u_en} in total"
    else:
        head_zh, head_en = f"{year}年实际{x}{u_zh}", f"{year}: {x}{u_en}"
    zh_label, en_label = LABELS.get(status, (status, status))
    if status == "achieved":
        early = a.get("early")
        return (
            f"{head_zh}，目标{target_zh}，{'提前实现' if early else '已实现'}",
            f"{head_en} against a target of {target_en}: {'achieved early' if early else 'achieved'}",
        )
    if a.get("missed") and a.get("target") is not None:
        gap = _round(abs(float(a["target"]) - float(shown)), places)
        gap_zh = f"{gap}个百分点" if basis == "growth" else f"{gap}{u_zh}"
        gap_en = f"{gap} percentage points" if basis == "growth" else f"{gap}{u_en}"
        return (
            f"{head_zh}，目标{target_zh}，差{gap_zh}，未完成",
            f"{head_en} against a target of {target_en}: missed by {gap_en}",
        )
    if a.get("expected") is not None and basis != "growth":
        e = _round(a["expected"], places)
        reach = "应新增" if basis == "increase" else "应达"
        return (
            f"{head_zh}，按进度{reach}{e}{u_zh}，{zh_label}（目标{deadline}年{target_zh}）",
            f"{head_en}, {e}{u_en} expected on the way to {target_en} by {deadline}: {en_label}",
        )
    return (
        f"{head_zh}，目标{deadline}年{target_zh}，{zh_label}",
        f"{head_en}, target {target_en} by {deadline}: {en_label}",
    )


def _places(target: Any, basis: str) -> int:
    """Decimals of the target as written (at most 2; a rate has at least one)."""
    text = f"{float(target):.6g}" if target is not None else "0"
    places = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return min(2, max(places, 1 if basis == "growth" else 0))


def _round(value: Any, places: int) -> str:
    """`value` with the target's decimals, or one when a small number would lose its fraction
    (6.3万人 stays 6.3 beside a target of 10)."""
    v = float(value)
    if places == 0 and abs(v) < 100 and round(v) != round(v, 1):
        places = 1
    return f"{v:.{places}f}"
