"""Linking on hand-made mentions: the corpus's indicators found, near names kept apart."""

from __future__ import annotations

import random

from plancockpit.link.match import (
    IndicatorRef,
    Mention,
    RefIndex,
    RegionNames,
    match,
    split_region,
    suggest,
)
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


MENTIONS = [
    Mention("地区生产总值( 亿元)", "亿元"),
    Mention("实际使用外资", "亿美元"),
    Mention("人均地区生产总值", "万元"),
    Mention("地区生产总值", "万人"),
    Mention("地区生产总值", "亿元", region="瓜沥镇"),
    Mention("城镇新增就业人员", "万", "increase"),
    Mention("社会消费品零售总额", "%", "growth"),
    Mention("研发投入强度", "%"),
]
TOWN_GDP = IndicatorRef(6, (canonical("地区生产总值"),), "亿元", "瓜沥镇")


def test_an_index_matches_as_the_list_does() -> None:
    refs = [*ALL, TOWN_GDP]
    index = RefIndex(refs)
    assert [match(m, index) for m in MENTIONS] == [match(m, refs) for m in MENTIONS]
    assert match(MENTIONS[4], index).indicator_id == 6  # type: ignore[union-attr]


def test_an_indicator_given_its_unit_matches_by_it() -> None:
    bare = IndicatorRef(7, (canonical("研发投入强度"),), "")
    index = RefIndex([bare])
    assert match(Mention("研发投入强度", "万人"), index) is not None  # no unit yet: any fits
    index.set_unit(7, "%")
    assert match(Mention("研发投入强度", "万人"), index) is None
    assert match(Mention("研发投入强度", "%"), index).indicator_id == 7  # type: ignore[union-attr]


def test_same_measure_with_the_action_words_aside() -> None:
    """公厕新建改造 (a target) and 新建改造公厕 (next year's result) measure one thing; units must
    still fit, and a plain name match wins over it."""
    from plancockpit.link.match import IndicatorRef, Mention, RefIndex, match
    from plancockpit.link.names import canonical, measure_key

    ref = IndicatorRef(1, (canonical("公厕新建改造"), measure_key("公厕新建改造")), "座", "示例区")
    index = RefIndex([ref])
    found = match(Mention("新建改造公厕", "座", "increase", "示例区"), index)
    assert found is not None and found.indicator_id == 1 and found.confidence < 0.9
    assert match(Mention("新建改造公厕", "万元", "increase", "示例区"), index) is None
    assert match(Mention("新建改造公厕", "座", "increase", "别的区"), index) is None


def test_a_result_named_in_other_words_links_to_that_years_target() -> None:
    """A work report reviews last year's targets in other words: a like name of the same region
    and unit family with a target for the result's year links; other years, units or a tie do not."""
    from plancockpit.link.match import IndicatorRef, Mention, match_result

    toilets = IndicatorRef(1, ("建成水冲式公厕",), "座", "示例区")
    gates = IndicatorRef(2, ("改造提升城市出入口",), "个", "示例区")
    goals = [(toilets, {2018: {30.0}}), (gates, {2017: {4.0}})]
    found = match_result(Mention("水冲式公共厕所", "座", "increase", "示例区"), 2018, goals)
    assert found is not None and found.indicator_id == 1 and found.confidence == 0.6
    assert match_result(Mention("水冲式公共厕所", "座", "increase", "示例区"), 2019, goals) is None
    assert (
        match_result(Mention("水冲式公共厕所", "万元", "increase", "示例区"), 2018, goals) is None
    )
    assert (
        match_result(
            Mention("城市出入口的生态景观建设", "个", "increase", "示例区"), 2017, goals
        ).indicator_id
        == 2
    )  # type: ignore[union-attr]
    twin = IndicatorRef(3, ("新建水冲式公厕",), "座", "示例区")
    assert (
        match_result(
            Mention("水冲式公共厕所", "座", "increase", "示例区"),
            2018,
            [*goals, (twin, {2018: {30.0}})],
        )
        is None
    )  # a tie links nothing


def test_a_tie_of_like_names_goes_to_the_target_of_the_results_value() -> None:
    """完成45个老旧小区改造任务 is as like 老旧小区基础设施综合改造 as 老旧小区既有建筑节能改造;
    the one whose target for the year was 45 wins; with no value, or none equal, nothing links."""
    from plancockpit.link.match import IndicatorRef, Mention, match_result

    works = IndicatorRef(1, ("老旧小区基础设施综合改造",), "个", "示例区")
    saving = IndicatorRef(2, ("老旧小区既有建筑节能改造",), "个", "示例区")
    goals = [(works, {2017: {45.0}}), (saving, {2017: {36.0}})]
    result = Mention("老旧小区改造任务", "个", "increase", "示例区")
    assert match_result(result, 2017, goals, 45.0).indicator_id == 1  # type: ignore[union-attr]
    assert match_result(result, 2017, goals, 36.0).indicator_id == 2  # type: ignore[union-attr]
    assert match_result(result, 2017, goals) is None
    assert match_result(result, 2017, goals, 40.0) is None


def test_loose_words_and_word_variants_only_in_the_comparison_with_last_years_targets() -> None:
    """新型/现代化 and 中转站/转运站 make a result like last year's target, but never one
    indicator of two names: linking by name stays strict."""
    from plancockpit.link.match import IndicatorRef, Mention, RefIndex, match, match_result

    station = IndicatorRef(1, ("现代化的垃圾中转站",), "座", "示例区")
    result = Mention("新建新型垃圾转运站", "座", "increase", "示例区")
    assert match_result(result, 2017, [(station, {2017: {4.0}})], 3.0).indicator_id == 1  # type: ignore[union-attr]
    assert match(result, RefIndex([station])) is None


def _longest_prefix_by_scan(metric: str, names: list[str]) -> tuple[str, str]:
    for name in sorted(names, key=len, reverse=True):
        if name and metric.startswith(name) and len(metric) > len(name):
            return name, metric[len(name) :]
    return "", metric


def test_region_names_split_as_a_longest_first_scan_would() -> None:
    rng = random.Random(7)
    alphabet = "新塘街道瓜沥镇义桥"
    names = ["".join(rng.choices(alphabet, k=rng.randint(0, 5))) for _ in range(300)]
    prefixes = RegionNames(names)
    for _ in range(2000):
        metric = "".join(rng.choices(alphabet, k=rng.randint(0, 8)))
        assert split_region(metric, prefixes) == _longest_prefix_by_scan(metric, names)
