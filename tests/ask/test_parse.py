"""Reading questions (pure): the intents table's examples, names found longest first, cue words
looked for only outside names, years, places the database does not hold, topics."""

from __future__ import annotations

from datetime import date

import pytest

from plancockpit.ask.parse import Vocabulary, read, region_forms
from plancockpit.ask.rules import rules

VOCAB = Vocabulary(
    indicators={
        "地区生产总值": (1,),
        "GDP": (1,),
        "研究与试验发展经费支出占地区生产总值比重": (2,),
        "研发投入强度": (2,),
        "实际利用外资": (3,),
        "社会消费品零售总额": (4,),
    },
    regions={f: name for name in ("萧山区", "浙江省") for f in region_forms(name)},
    units={"区发改局": "区发改局", "区发展和改革局": "区发改局", "发改局": "区发改局"},
    domains={"经济质效": "经济质效", "美丽萧山": "美丽萧山"},
)
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("rule", rules().intents, ids=lambda r: r.kind)
def test_every_intent_example_reads_as_its_intent(rule: object) -> None:
    vocab = Vocabulary(indicators={**VOCAB.indicators, "养老护理员数": (9,)}, units=VOCAB.units)
    assert read(rule.example, vocab, TODAY).kind == rule.kind  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("2025年地区生产总值目标是多少？", "target_value"),
        ("地区生产总值最新数据是多少？", "latest_status"),
        ("GDP这几年怎么变化", "history"),
        ("实际利用外资目标前后有何变化？", "revisions"),
        ("区发展和改革局牵头的目标进展如何？", "lagging_list"),
        ("经济质效领域有哪些目标滞后？", "lagging_list"),
        ("浙江省2026年哪些目标没有完成？", "lagging_list"),
        ("关于养老服务，规划提出了哪些目标？", "document_commitments"),
        ("What is the latest status of GDP?", "latest_status"),
        ("How has GDP changed over the years?", "history"),
    ],
)
def test_kinds(question: str, kind: str) -> None:
    assert read(question, VOCAB, TODAY).kind == kind


def test_a_cue_inside_a_name_does_not_count() -> None:
    # 实际 (an actual value) is part of the name 实际利用外资: still a question about the target
    assert read("到2025年实际利用外资要达到多少？", VOCAB, TODAY).kind == "target_value"


def test_names_longest_first_and_aliases() -> None:
    i = read("浙江省2026年研发投入强度目标是多少？", VOCAB, TODAY)
    assert (i.indicators, i.indicator_text, i.region, i.year) == (
        (2,),
        "研发投入强度",
        "浙江省",
        2026,
    )
    # the domain 美丽萧山 is not the region 萧山(区)
    j = read("美丽萧山领域的目标进展如何？", VOCAB, TODAY)
    assert (j.domain, j.region) == ("美丽萧山", None)
    # short region forms
    assert read("浙江地区生产总值目标", VOCAB, TODAY).region == "浙江省"
    assert read("发改局的目标", VOCAB, TODAY).unit == "区发改局"


def test_ascii_names_are_whole_words() -> None:
    assert read("What is the 2025 target for GDP?", VOCAB, TODAY).indicators == (1,)
    assert read("GDPR fines this year", VOCAB, TODAY).indicators == ()
    assert read("What is the 2025 target for GDP?", VOCAB, TODAY).lang == "en"
    assert read("2025年GDP目标", VOCAB, TODAY).lang == "zh"


def test_years_relative_and_growth() -> None:
    i = read("今年社会消费品零售总额增长目标是多少", VOCAB, TODAY)
    assert (i.year, i.growth) == (2026, True)
    assert read("去年地区生产总值是多少", VOCAB, TODAY).year == 2025
    assert read("地区生产总值目标", VOCAB, TODAY).year is None
    # a number is not a year
    assert read("地区生产总值达到2600.5亿元了吗", VOCAB, TODAY).year is None


def test_status_attribute_and_document_words() -> None:
    i = read("哪些约束性目标滞后？", VOCAB, TODAY)
    assert (i.kind, i.attribute, "off_track" in i.statuses) == ("lagging_list", "约束性", True)
    assert read("有风险的目标有哪些", VOCAB, TODAY).statuses == ("at_risk",)
    assert (
        read("政府工作报告关于人工智能提出了哪些目标", VOCAB, TODAY).document_kind
        == "annual_report"
    )
    assert read("关于人工智能，规划提出了哪些目标", VOCAB, TODAY).document_kind == "plan"


def test_topics() -> None:
    assert read("关于养老服务，规划提出了哪些目标？", VOCAB, TODAY).topic == "养老服务"
    assert read("在赛事方面，政府工作报告提出了什么目标？", VOCAB, TODAY).topic == "赛事"
    assert read("浙江关于中欧班列提出了什么目标？", VOCAB, TODAY).topic == "中欧班列"


def test_a_place_the_database_does_not_hold() -> None:
    i = read("上海市地区生产总值目标是多少？", VOCAB, TODAY)
    assert (i.unknown_place, i.region, i.indicators) == ("上海市", None, (1,))
    # the whole place (全市…) is no place name; a known region is none either
    assert read("全市地区生产总值目标", VOCAB, TODAY).unknown_place is None
    assert read("萧山区地区生产总值目标", VOCAB, TODAY).unknown_place is None


def test_nothing_named_and_odd_input() -> None:
    assert read("房价收入比的目标是多少？", VOCAB, TODAY).indicators == ()
    assert read("", VOCAB, TODAY).kind in {r.kind for r in rules().intents}
    long = read("地区生产总值" * 100 + "\x00", VOCAB, TODAY)
    assert len(long.question) <= 200 and long.indicators == (1,)


def test_a_place_ends_before_de() -> None:
    # 上海的地区生产总值: 的 ends a place name; 上海 alone has no suffix, so no place is read
    assert read("上海的地区生产总值目标", VOCAB, TODAY).unknown_place is None
    assert read("杭州市的地区生产总值目标", VOCAB, TODAY).unknown_place == "杭州市"
