"""Domains from the lexicon: generic plan indicators of other places land in their domain, and
a plan's own group labels take them in (or their broader domain's label)."""

from __future__ import annotations

import pytest

from plancockpit.link.domains import domain_of, lexicon_domain
from plancockpit.link.lexicon import domains

# Indicator names as provincial and city plans commonly word them (not from the corpus).
CASES = [
    ("单位地区生产总值二氧化碳排放降低", "生态环境"),
    ("地级及以上城市细颗粒物浓度", "生态环境"),
    ("森林覆盖率", "生态环境"),
    ("每千人口拥有3岁以下婴幼儿托位数", "社会民生"),
    ("基本养老保险参保率", "社会民生"),
    ("九年义务教育巩固率", "社会民生"),
    ("城镇调查失业率", "社会民生"),
    ("粮食综合生产能力", "农业农村"),
    ("高标准农田面积", "农业农村"),
    ("村级集体经济经营性收入", "农业农村"),
    ("货物进出口总额", "开放合作"),
    ("实际使用外资金额", "开放合作"),
    ("全社会研发经费投入增长", "科技创新"),
    ("每万人口高价值发明专利拥有量", "科技创新"),
    ("数字经济核心产业增加值占GDP比重", "科技创新"),
    ("亿元GDP生产安全事故死亡人数", "城市治理"),
    ("城市轨道交通运营里程", "城市治理"),
    ("一般公共预算收入", "经济发展"),
    ("规模以上工业增加值增长", "经济发展"),
    ("社会消费品零售总额", "经济发展"),
]


@pytest.mark.parametrize(("name", "domain"), CASES)
def test_generic_plan_indicators_get_their_domain(name: str, domain: str) -> None:
    found = lexicon_domain(name)
    assert found is not None and found.name == domain


def test_unrelated_words_get_none() -> None:
    assert domain_of("年均") == "" and domain_of("高于全省平均") == ""


@pytest.mark.parametrize(
    ("name", "groups", "label"),
    [
        # The plan's own labels: matched by their words, or by the broader domain's words.
        ("森林覆盖率", ("经济发展", "绿色低碳", "民生福祉"), "绿色低碳"),
        ("每万人口高价值发明专利拥有量", ("经济发展", "创新驱动"), "创新驱动"),
        ("每万人口高价值发明专利拥有量", ("经济质效", "美丽某地"), "经济质效"),  # folded
        ("货物进出口总额", ("经济质效",), "经济质效"),
        ("城镇调查失业率", ("经济质效", "民生福祉"), "民生福祉"),
        # No plan label fits: the lexicon's own name.
        ("亿元GDP生产安全事故死亡人数", ("经济质效", "民生福祉"), "城市治理"),
        # A row's own 一级指标 wins as written.
        ("森林覆盖率", ("经济质效",), "经济质效"),
    ],
)
def test_plan_labels_take_lexicon_domains(name: str, groups: tuple[str, ...], label: str) -> None:
    own = groups[0] if name == "森林覆盖率" and groups == ("经济质效",) else None
    assert domain_of(name, own, groups) == label


def test_fold_into_names_a_domain() -> None:
    names = {d.name for d in domains()}
    assert all(not d.fold_into or d.fold_into in names for d in domains())
