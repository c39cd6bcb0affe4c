"""The region a document is about, from the place names it cites."""

import pytest

from plancockpit.meta.cues import load_cues
from plancockpit.meta.region import infer_region

CASES = [
    # (title, text, expected region, why)
    ("", "今年以来,消费市场回暖,消费市场活跃。全区市民踊跃参与。", "", "市 in 消费市场/市民 ends no place"),
    ("浙江省国民经济和社会发展第十四个五年规划纲要", "浙江省要……杭州市、宁波市……", "浙江省", "a province is a region"),
    ("杭州市萧山区政府工作报告", "萧山区经济……萧山", "萧山区", "the lower level after 市"),
    ("", "2024年淳安县实现生产总值。淳安县区域协调发展。", "淳安县", "区域 is not a place's 区"),
    ("", "全年,实现地区生产总值120亿元,完成城镇新增就业1万人。", "", "地区 and 城镇 are no place's suffix"),
    ("", "推进乡村振兴,建设特色小镇。城乡统筹。", "", "乡村, 特色小镇 and 城乡 are no places"),
    ("龙泉镇2024年工作总结", "龙泉镇全年接待游客。据了解,龙泉镇地处溪口县东部。", "龙泉镇", "a town is a region"),
    ("中共梧江市委全会召开", "中国共产党梧江市第十五届委员会", "梧江市", "the party committee's city"),
]


@pytest.mark.parametrize(("title", "text", "expected", "why"), CASES)
def test_infer_region(title: str, text: str, expected: str, why: str) -> None:
    region, evidence = infer_region(title, text, load_cues())
    assert region == expected, why
    assert evidence
