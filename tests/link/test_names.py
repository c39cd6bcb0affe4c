from __future__ import annotations

import pytest

from plancockpit.link.names import canonical, display_name, name_problem, normalise, similarity


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("地区生产总值( 亿元)", "地区生产总值"),
        ("GDP", "地区生产总值"),
        ("全区社会消费品零售总额", "社会消费品零售总额"),
        ("五年实际利用外资( 亿美元)", "实际利用外资"),
        ("实际使用外资", "实际利用外资"),
        ("城镇新增就业人员", "城镇新增就业"),
        ("新增城镇就业", "城镇新增就业"),
        ("五年新增城镇就业( 万人)", "城镇新增就业"),
        ("R&D 经费支出占 GDP 比重", "全社会研究与试验发展经费占生产总值的比重(%)"),
        ("人均期望寿命( 岁)", "人均预期寿命"),
        ("常住人口城镇化率(%)", "常住人口城镇化率"),
    ],
)
def test_same_indicator(a: str, b: str) -> None:
    assert canonical(a) == canonical(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("人均地区生产总值", "地区生产总值"),
        ("户籍人均生产总值", "地区生产总值"),
        ("单位GDP能耗降幅", "地区生产总值"),
        ("社会消费品零售总额", "货物贸易进出口总额"),
        ("新增劳动力平均受教育年限", "劳动年龄人口人均受教育年限"),
        ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
        ("亿元GDP生产安全事故死亡率", "地区生产总值"),
    ],
)
def test_similar_words_kept_apart(a: str, b: str) -> None:
    assert canonical(a) != canonical(b)


def test_normalise_and_display() -> None:
    assert normalise("“ 掌上办事” 政务服务事项覆盖率") == "掌上办事政务服务事项覆盖率"
    assert display_name("GDP") == "地区生产总值"
    assert similarity("城镇居民人均可支配收入", "农村居民人均可支配收入") > 0.6


@pytest.mark.parametrize(
    "metric,problem",
    [
        ("地区生产总值", None),
        ("PM2.5平均浓度", None),
        ("5G基站", None),
        ("增加到", "only a verb or cue word"),
        ("过", "empty or too short"),
        ("示范村22个示范片区", "a number inside"),
        ("农村公路和120万平方米村内道路", "a number inside"),
        ("头(只", "a clause fragment"),
        ("等项目", "a clause fragment"),
        ("全面完成城区内的", "a clause fragment"),
    ],
)
def test_name_problem(metric: str, problem: str | None) -> None:
    """Only a name founds an indicator: fragments, list tails and glued values do not."""
    assert name_problem(metric) == problem
