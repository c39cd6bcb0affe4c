"""Linking on hand-made mentions: the corpus's indicators found, near names kept apart."""

from __future__ import annotations

from plancockpit.link.match import IndicatorRef, Mention, match, split_region, suggest
from plancockpit.link.names import canonical

GDP = IndicatorRef(1, (canonical("地区生产总值"),), "亿元")
RETAIL = IndicatorRef(2, (canonical("社会消费品零售总额"),), "亿元")
FDI = IndicatorRef(3, (canonical("实际利用外资"),), "亿美元")
JOBS = IndicatorRef(4, (canonical("城镇新增就业"),), "万人")
PER_CAPITA = IndicatorRef(5, (canonical("人均地区生产总值"),), "万元")
ALL = [GDP, RETAIL, FDI, JOBS, PER_CAPITA]


def test_table_prose_and_report_mentions_link() -> None:
    assert match(Mention("地区生产总值( 亿元)", "亿元"), ALL).indicator_id == 1  # type: ignore[union-attr]
    assert match(Mention("地区生产总值", "%", "growth"), ALL).indicator_id == 1  # type: ignore[union-attr]
    m = match(Mention("社会消费品零售总额", "%", "growth"), ALL)
    assert m is not None and m.indicator_id == 2 and m.confidence == 1.0
    fdi = match(Mention("实际使用外资", "亿美元"), ALL)
    assert fdi is not None and fdi.indicator_id == 3 and "alias" in fdi.reason
    jobs = match(Mention("城镇新增就业人员", "万", "increase"), ALL)
    assert jobs is not None and jobs.indicator_id == 4


def test_unrelated_and_incompatible_stay_apart() -> None:
    assert match(Mention("人均地区生产总值", "万元"), [GDP]) is None
    assert match(Mention("地区生产总值", "万人"), [GDP]) is None  # unit family differs
    assert match(Mention("地区生产总值", "亿元", region="瓜沥镇"), [GDP]) is None
    assert match(Mention("实际利用外资", "亿元"), [FDI]) is None


def test_region_prefix_and_suggestions() -> None:
    assert split_region("瓜沥镇地区生产总值", ["瓜沥镇", "义桥镇"]) == ("瓜沥镇", "地区生产总值")
    assert split_region("地区生产总值", ["瓜沥镇"]) == ("", "地区生产总值")
    found = suggest("城镇居民人均可支配收入", [(1, "农村居民人均可支配收入"), (2, "地区生产总值")])
    assert [f[0] for f in found] == [1]
