"""The region a document is about, from the place names it cites."""

import pytest

from plancockpit.meta.cues import load_cues
from plancockpit.meta.region import infer_region

CASES = [
    # (title, text, expected region, why)
    (
        "",
        "今年以来,消费市场回暖,消费市场活跃。全区市民踊跃参与。",
        "",
        "市 in 消费市场/市民 ends no place",
    ),
    (
        "浙江省国民经济和社会发展第十四个五年规划纲要",
        "浙江省要……杭州市、宁波市……",
        "浙江省",
        "a province is a region",
    ),
    ("杭州市萧山区政府工作报告", "萧山区经济……萧山", "萧山区", "the lower level after 市"),
    ("", "2024年淳安县实现生产总值。淳安县区域协调发展。", "淳安县", "区域 is not a place's 区"),
    (
        "",
        "全年,实现地区生产总值120亿元,完成城镇新增就业1万人。",
        "",
        "地区 and 城镇 are no place's suffix",
    ),
    ("", "推进乡村振兴,建设特色小镇。城乡统筹。", "", "乡村, 特色小镇 and 城乡 are no places"),
    (
        "龙泉镇2024年工作总结",
        "龙泉镇全年接待游客。据了解,龙泉镇地处溪口县东部。",
        "龙泉镇",
        "a town is a region",
    ),
    (
        "中共梧江市委全会召开",
        "中国共产党梧江市第十五届委员会",
        "梧江市",
        "the party committee's city",
    ),
]


@pytest.mark.parametrize(("title", "text", "expected", "why"), CASES)
def test_infer_region(title: str, text: str, expected: str, why: str) -> None:
    region, evidence = infer_region(title, text, load_cues())
    assert region == expected, why
    assert evidence


FRAGMENTS = [
    # (title, text, expected region, why): phrase fragments ending in a level word are no places
    (
        "",
        "在自治区党委领导下，自治区人民政府推进改革。宁夏回族自治区全年增长6%。自治区各族人民团结奋斗。自治区成立。",
        "宁夏回族自治区",
        "自治区 alone is a level, the full name is the place",
    ),
    (
        "",
        "在市委、市政府和区委的正确领导下，青河区实现增长。在市委、市政府和区委的坚强领导下，青河经济向好。"
        "市政府和区委部署。青河青河青河。",
        "青河区",
        "政府和区 (市政府和区委) is a phrase, not a place",
    ),
    (
        "",
        "推进县乡村养老服务。推进县乡综治中心建设。推进改革，推进开放，推进创新，推进发展，推进治理。"
        "甘肃省全年增长5%。甘肃省实现突破。甘肃经济向好。",
        "甘肃省",
        "推进县 (推进县乡) is a phrase; its short name 推进 is a verb, not a place",
    ),
    (
        "",
        "加快市区变电站建设。加快发展，加快转型，加快改革，加快建设，加快推进。青河区增长7%。青河区实现突破。",
        "青河区",
        "加快市 (加快市区) is a phrase",
    ),
    (
        "",
        "\u3000\u3000青河区人民政府区长\u3000\u3000孙某\n各位代表：\n2014年2月5日在青河区第九届人民代表大会上。"
        "确保区医院晋升。确保增长，确保稳定，确保安全，确保民生，确保就业，确保完成。青河经济向好。",
        "青河区",
        "a name at an indented line start or after 在 is cited; 确保区 (确保区医院) is a phrase",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected", "why"), FRAGMENTS, ids=[f[3] for f in FRAGMENTS]
)
def test_a_region_is_a_whole_name_never_a_fragment(
    title: str, text: str, expected: str, why: str
) -> None:
    region, _ = infer_region(title, text, load_cues())
    assert region == expected, why


ISSUERS = [
    # (title, opening, expected region, why)
    (
        "2026年东川省政府工作报告",
        "——2026年1月20日在东川省第九届人民代表大会第三次会议上\n东川省人民政府省长 张明远\n",
        "东川省",
        "the province in the title and delivery line",
    ),
    (
        "",
        "——2026年2月2日在青川彝族自治区第九届人民代表大会第五次会议上\n自治区主席 韦 明\n各位代表：\n自治区人民政府。",
        "青川彝族自治区",
        "an autonomous region's full name, from the delivery line",
    ),
    (
        "",
        "——2019年3月4日在北原市青河区第十届人民代表大会第三次会议上\n北原市青河区人民政府代区长  赵文博\n"
        "各位代表：\n北原市全年增长。北原市北原市北原市。",
        "青河区",
        "the lowest name of the chain (the district, not its city)",
    ),
    (
        "政府工作报告",
        "——2025年1月10日在市人民代表大会上\n市财政局\n各位代表：\n",
        "",
        "a congress without a name names no region",
    ),
]


@pytest.mark.parametrize(("title", "text", "expected", "why"), ISSUERS, ids=[i[3] for i in ISSUERS])
def test_the_issuer_named_in_the_opening_decides(
    title: str, text: str, expected: str, why: str
) -> None:
    region, evidence = infer_region(title, text, load_cues())
    assert region == expected, why
    if expected:
        assert "issuer" in evidence, why
