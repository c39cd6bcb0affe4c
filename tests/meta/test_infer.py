"""Metadata inferred from the corpus and from small made-up texts (genre rules, not file names)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plancockpit.layout import clean
from plancockpit.meta import DocumentMeta, infer_metadata
from plancockpit.meta.cues import load_cues
from plancockpit.meta.period import plan_period
from plancockpit.numerals import cn_number
from plancockpit.outline import build_outline
from plancockpit.read import SourceDocument, read_file


def _meta(source: SourceDocument) -> DocumentMeta:
    layout = clean(source.text)
    return infer_metadata(source, layout, build_outline(source, layout))


def _text(text: str) -> DocumentMeta:
    return _meta(SourceDocument(name="t.txt", text=text, format="txt"))


@pytest.fixture(scope="module")
def corpus_meta(corpus_dir: Path) -> dict[str, DocumentMeta]:
    return {p.name[:3]: _meta(read_file(p)) for p in sorted(corpus_dir.glob("0*_*.txt"))}


def test_plan_period_and_base_year(corpus_meta: dict[str, DocumentMeta]) -> None:
    meta = corpus_meta["002"]
    assert meta.kind == "plan"
    assert (meta.period_start, meta.period_end, meta.base_year) == (2021, 2025, 2020)
    assert "第十四个五年规划" in meta.title
    assert meta.region == "萧山区"
    assert "five-year plan no. 14" in meta.evidence["period"]


def test_work_report_year_from_plan_opening(corpus_meta: dict[str, DocumentMeta]) -> None:
    meta = corpus_meta["004"]
    assert meta.kind == "annual_report" and meta.period_end == 2026
    assert "十五五" in meta.evidence["year"]


def test_kinds_and_region_across_corpus(corpus_meta: dict[str, DocumentMeta]) -> None:
    assert corpus_meta["001"].kind == "news"
    assert corpus_meta["003"].kind == "interview"
    assert corpus_meta["000"].period_end == 2021  # 今年是“十四五”开局之年
    assert corpus_meta["000"].date == date(2021, 7, 16)
    assert {m.region for m in corpus_meta.values()} == {"萧山区"}


CASES = [
    # (text, kind, region, (start, end, base), why)
    (
        "宁波市鄞州区国民经济和社会发展第十五个五年规划纲要\n第一章 发展基础\n到2030年，地区生产总值达到3000亿元。",
        "plan",
        "鄞州区",
        (2026, 2030, 2025),
        "ordinal 15 → 2026–2030",
    ),
    (
        "温州市鹿城区养老服务体系建设规划（2021—2025年）\n一、发展基础\n到2025年，新增床位500张。",
        "plan",
        "鹿城区",
        (2021, 2025, 2020),
        "explicit range in the title",
    ),
    (
        "2024年淳安县政府工作报告\n各位代表：\n今年主要预期目标是：地区生产总值增长6%。",
        "annual_report",
        "淳安县",
        (None, 2024, None),
        "year in the title",
    ),
    (
        "政府工作报告\n各位代表：今年是“十五五”开局之年。建德市全年地区生产总值增长5.5%左右。",
        "annual_report",
        "建德市",
        (None, 2026, None),
        "opening year of the 15th plan",
    ),
    (
        "本报讯（记者 张三）昨日，区委召开常委会。\n会议指出，要抓好落实。",
        "news",
        "",
        (None, None, None),
        "news without year or place",
    ),
    (
        "2023年龙泉县国民经济运行情况\n发布时间：2024-01-26\n2023年全县实现地区生产总值286.4亿元。",
        "news",
        "龙泉县",
        (None, 2023, None),
        "a statistics bulletin reports results: news, not a work report",
    ),
    (
        "2023年安吉县国民经济和社会发展统计公报\n一、综合\n全年实现地区生产总值612亿元。",
        "news",
        "安吉县",
        (None, 2023, None),
        "统计公报 is a bulletin of results",
    ),
    (
        "关于嘉善县2025年国民经济和社会发展计划执行情况与2026年计划草案的报告\n——2026年1月15日在嘉善县第十七届人民代表大会第五次会议上\n嘉善县发展和改革委员会\n各位代表：\n2025年地区生产总值增长5.9%。",
        "annual_report",
        "嘉善县",
        (None, 2026, None),
        "a 计划报告 is the year it plans for, not the year it reviews",
    ),
    (
        "关于2024年预算执行情况和2025年预算草案的报告\n——2025年1月10日在市人民代表大会上\n市财政局\n各位代表：\n2024年一般公共预算收入增长3%。",
        "annual_report",
        "",
        (None, 2025, None),
        "a budget report: the draft's year",
    ),
    ("天气很好，我们去公园散步吧", "other", "", (None, None, None), "no cue at all"),
]


@pytest.mark.parametrize(
    ("text", "kind", "region", "years", "why"), CASES, ids=[c[4] for c in CASES]
)
def test_genre_rules(
    text: str, kind: str, region: str, years: tuple[int | None, ...], why: str
) -> None:
    meta = _text(text)
    assert meta.kind == kind, why
    assert meta.region == region, why
    assert (meta.period_start, meta.period_end, meta.base_year) == years, why


def test_overrides_keep_evidence_honest() -> None:
    meta = _text("2024年淳安县政府工作报告\n各位代表：").with_overrides(
        region="千岛湖镇", kind=None
    )
    assert meta.region == "千岛湖镇" and meta.kind == "annual_report"
    assert meta.evidence["region"] == "set by user"


def test_plan_ordinals_and_numerals() -> None:
    cues = load_cues()
    assert plan_period(14, cues) == (2021, 2025)
    assert plan_period(13, cues) == (2016, 2020)
    assert cn_number("十五") == 15 and cn_number("二〇三五") == 2035 and cn_number("百") is None


def test_an_annual_work_plan_is_not_a_five_year_plan() -> None:
    meta = _text(
        "南浦县农业农村局2025年工作计划\n\n一、2024年工作完成情况\n2024年，粮食产量18万吨。\n"
        "二、2025年工作安排\n围绕“十四五”规划收官，实施规划项目12个。\n"
    )
    assert meta.kind == "annual_report" and "title names the genre" in meta.evidence["kind"]
    assert (meta.period_start, meta.period_end) == (None, 2025)
    assert meta.title == "南浦县农业农村局2025年工作计划"


def test_a_five_year_plan_title_decides_plan_even_with_report_words() -> None:
    meta = _text(
        "青溪县第十五个五年规划纲要\n各位代表：\n政府工作报告提出，到2030年地区生产总值达到850亿元。"
    )
    assert meta.kind == "plan" and (meta.period_start, meta.period_end) == (2026, 2030)


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        (
            "2024年全市经济运行稳中有进\n本报讯（记者 林晓）1月23日，记者从发布会上获悉，2024年，全市实现地区生产总值1.02万亿元。\n",
            date(2025, 1, 23),
            "a year's results are published early in the next year",
        ),
        (
            "2025年全市经济工作会议召开\n本报讯（记者 林晓）1月23日，会议部署2025年工作。\n",
            date(2025, 1, 23),
            "a dateline about the year ahead",
        ),
        (
            "西岭区召开常务会议\n发布时间：2025-02-14 09:30 来源：区政府办公室\n2月13日，区长主持召开会议。2024年全区民生支出58亿元。\n",
            date(2025, 2, 14),
            "the publication date printed in the page",
        ),
        (
            "政府工作报告\n——2024年1月16日在临江市人民代表大会上\n各位代表：\n过去一年，2023年全市实现增长5.8%。\n",
            date(2024, 1, 16),
            "the date the report was given",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "",
)
def test_document_dates(text: str, expected: date, why: str) -> None:
    assert _text(text).date == expected, why


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "虚构示例：本文为测试用虚构文本，县名、数据与单位名称均为虚构，请勿引用本文内容。\n青溪县国民经济和社会发展第十五个五年规划纲要\n\n"
            "第一章 发展基础与形势\n全县地区生产总值年均增长6.8%。\n",
            "青溪县国民经济和社会发展第十五个五年规划纲要",
        ),
        (
            "第一章 发展基础与形势\n全县地区生产总值年均增长6.8%。\n第二章 主要目标\n到2030年达到850亿元。\n",
            "t",
        ),
        (
            "发布时间：2025-02-14 来源：区政府办公室\n\n西岭区召开区政府常务会议\n\n2月13日，区长主持召开会议。\n",
            "西岭区召开区政府常务会议",
        ),
        (
            "## 争一流 夺红旗\n——专访区发改局局长\n正文。\n## 实施文旅“1238”计划\n——专访区文旅局局长\n",
            "争一流 夺红旗",
        ),
        (
            " 临江市融媒体中心\n\n本报讯（记者 林晓）昨日上午，区委民生工作务虚会召开。会议强调，做好民生工作。\n",
            "区委民生工作务虚会召开",
        ),
        (
            "临江日报  2024年1月19日  星期\n五  第2版  要闻\n县人大四次会议开幕\n本报讯(记者 林晓 通讯员 陈舟)1月18\n"
            "日,县人大会议开幕。\n",
            "县人大四次会议开幕",
        ),
    ],
    ids=[
        "glued-after-a-sentence",
        "chapter-never-title",
        "label-line-skipped",
        "first-markdown-heading",
        "news-without-headline",
        "newspaper-column-headline-before-a-cut-lede",
    ],
)
def test_titles(text: str, title: str) -> None:
    assert _text(text).title == title  # "t": no title line, so the file name (t.txt)


REVIEW = (
    "雁北市国民经济和社会发展第十四个五年规划纲要实施中期评估报告\n\n雁北市发展和改革委员会\n二〇二三年十一月\n\n"
    "一、规划实施总体情况\n2022年,全市地区生产总值完成986亿元,2021—2022年年均增长6.1%。\n"
    "二、下一步工作\n到2025年,新增托位3000个。\n"
)

REVIEWS = [
    # (text, (start, end, base), date, why)
    (
        REVIEW,
        (2021, 2025, 2020),
        date(2023, 11, 1),
        "the reviewed plan's period, not the years reviewed",
    ),
    (
        "关于临水县“十四五”规划实施情况的中期评估报告\n2023年10月\n一、总体情况\n2021—2022年,全县生产总值年均增长6%。\n",
        (2021, 2025, 2020),
        date(2023, 10, 1),
        "a review named by 十四五 and 评估",
    ),
    (
        "东湖区养老服务发展规划(2021—2025年)中期评估\n一、进展\n2021—2023年新增床位800张。\n",
        (2021, 2025, 2020),
        None,
        "a review of a plan with its range in the title",
    ),
]


@pytest.mark.parametrize(("text", "years", "when", "why"), REVIEWS, ids=[r[3] for r in REVIEWS])
def test_a_plan_review_reads_as_the_plan_it_reviews(
    text: str, years: tuple[int, int, int], when: date | None, why: str
) -> None:
    meta = _text(text)
    assert meta.kind == "plan", why
    assert (meta.period_start, meta.period_end, meta.base_year) == years, why
    assert meta.date == when, why
    assert "review of a plan" in meta.evidence["kind"], why


def test_a_plan_range_in_the_body_does_not_beat_the_title_ordinal() -> None:
    meta = _text(
        "青溪县第十五个五年规划纲要\n第一章 发展基础\n2021—2024年,全县生产总值年均增长6%。\n"
    )
    assert (meta.period_start, meta.period_end) == (2026, 2030)


NEWS = [
    # (text, title, region, (year, date), why)
    (
        "青梅镇:交出二〇二三年发展“成绩单”\n\n本报讯(记者 林禾)1月8日,记者从青梅镇获悉,二〇二三年,该镇实现地区生产总值"
        "四十二亿元。\n全镇新增企业十一家。\n",
        "青梅镇:交出二〇二三年发展“成绩单”",
        "青梅镇",
        (2023, date(2024, 1, 8)),
        "a headline with a colon is no label; Chinese-numeral year; a town",
    ),
    (
        "来源:临江日报\n\n城东街道召开民生会议\n本报讯(记者 林禾)6月3日,会议部署民生实事。\n实施方案出台\n",
        "城东街道召开民生会议",
        "",
        (None, None),
        "a label line is skipped; lines after the lede are the story",
    ),
    (
        "中共梧江市委十五届六次全会召开\n\n2024年7月26日,中国共产党梧江市第十五届委员会第六次全体会议召开。"
        "会议提出到二〇三五年基本实现现代化。\n",
        "中共梧江市委十五届六次全会召开",
        "梧江市",
        (2024, date(2024, 7, 26)),
        "the party committee names the city; the printed date's year beats a cited goal year",
    ),
    (
        "2024年全市经济运行稳中有进\n本报讯(记者 甲)1月23日,记者获悉,2024年,全市实现地区生产总值1.02万亿元,完成城镇新增就业3万人。\n",
        "2024年全市经济运行稳中有进",
        "",
        (2024, date(2025, 1, 23)),
        "实现地区 and 完成城镇 are no places",
    ),
]


@pytest.mark.parametrize(
    ("text", "title", "region", "years", "why"), NEWS, ids=[n[4] for n in NEWS]
)
def test_news_titles_regions_and_dates(
    text: str, title: str, region: str, years: tuple[int | None, date | None], why: str
) -> None:
    meta = _text(text)
    assert meta.title == title, why
    assert meta.region == region, why
    assert (meta.period_end, meta.date) == years, why


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("东川省国民经济和社会发展第十四个五年规划纲要", "东川省"),
        ("2025年南屏省人民政府工作报告", "南屏省"),
    ],
)
def test_a_province_unknown_to_the_list_named_in_the_title(title: str, region: str) -> None:
    meta = _text(f"{title}\n第一章 总体要求\n深化省市合作,{region}全面推进。\n")
    assert meta.region == region
