"""Metadata of work reports in the layouts real ones come in (made-up places, names and figures):
web-page chrome above the title, a speaker or delivery line and no title, a letter-spaced title,
a report that reviews a five-year plan's period."""

from __future__ import annotations

import pytest

from plancockpit.layout import clean
from plancockpit.meta import DocumentMeta, infer_metadata
from plancockpit.outline import build_outline
from plancockpit.read import SourceDocument
from plancockpit.read.chrome import page_chrome


def _text(text: str) -> DocumentMeta:
    source = SourceDocument(name="report.txt", text=text, format="txt")
    layout = clean(source.text)
    return infer_metadata(source, layout, build_outline(source, layout))


TOOLBAR = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
BREADCRUMB = "当前位置：\n首页\n>\n政务要闻\n>\n东川要闻\n"
BODY = (
    "各位代表：\n现在，我代表省人民政府，向大会报告政府工作，请予审议。\n"
    "一、2025年工作和“十四五”发展回顾\n过去一年，全省地区生产总值增长5.3%。“十四五”规划主要目标任务全面完成，"
    "五年规划纲要确定的重大工程顺利实施，专项规划有序推进。\n"
    "二、2026年工作安排\n2026年是“十五五”开局之年。今年经济社会发展主要预期目标是：地区生产总值增长5%左右。\n"
    "相关报道：\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "下载",
        "打印",
        "全屏",
        "收藏",
        "【字号：",
        "加大",
        "还原",
        "减小",
        "】",
        "分享到：微信 微博",
        "当前位置：首页",
        "首页",
        ">",
        "相关报道：",
        "相关附件",
        "【字体：大 中 小】",
    ],
)
def test_page_chrome_is_a_class_of_lines(line: str) -> None:
    assert page_chrome().is_chrome(line)


@pytest.mark.parametrize(
    "line", ["2026年东川省政府工作报告", "政府工作报告", "下载量增长10%", "大力发展数字经济"]
)
def test_text_lines_are_not_chrome(line: str) -> None:
    assert not page_chrome().is_chrome(line)


def test_a_page_toolbar_is_never_the_title() -> None:
    meta = _text(
        TOOLBAR
        + "2026年东川省政府工作报告\n——2026年1月20日在东川省第九届人民代表大会第三次会议上\n"
        "来源：东川日报\n时间：2026-01-28\n东川省人民政府省长 张明远\n" + BODY
    )
    assert meta.title == "2026年东川省政府工作报告"
    assert meta.kind == "annual_report"
    assert meta.region == "东川省"
    assert (meta.period_start, meta.period_end, meta.base_year) == (None, 2026, None)


def test_a_breadcrumb_and_a_font_bar_are_never_the_title() -> None:
    meta = _text(
        BREADCRUMB
        + "2026年政府工作报告\n来源：东川日报\n2026-02-03 09:02:33\n【字体：\n大\n中\n小\n】\n"
        "——2026年1月28日在东川省第九届人民代表大会第四次会议上\n省长　李清和\n" + BODY
    )
    assert meta.title == "2026年政府工作报告"
    assert meta.kind == "annual_report" and meta.period_end == 2026


def test_a_report_reviewing_a_plan_period_is_the_report_of_its_target_year() -> None:
    """A 2026 report reviewing the 十四五 is an annual report for 2026, not a 2021–2025 plan."""
    meta = _text(
        "2026年东川省政府工作报告\n——2026年1月20日在东川省第九届人民代表大会第三次会议上\n" + BODY
    )
    assert meta.kind == "annual_report"
    assert (meta.period_start, meta.period_end, meta.base_year) == (None, 2026, None)


def test_a_speaker_line_is_never_the_title() -> None:
    """No title line: the delivery and speaker lines are no title; the opening says the genre."""
    meta = _text(
        "\u3000—2017年2月11日在青河区第九届人民代表大会第六次会议上 \r\n\r\n"
        "\u3000\u3000\u3000\u3000青河区人民政府代区长 王立新 \r\n\r\n各位代表:\r\n\r\n"
        "\u3000\u3000现在,我代表青河区人民政府向大会作工作报告,请予审议。\r\n\r\n"
        "\u3000\u3000一、2016年工作回顾\r\n\r\n\u3000\u30002016年,地区生产总值完成303.6亿元。\r\n"
    )
    assert meta.title == "政府工作报告"
    assert "no title line" in meta.evidence["title"]
    assert meta.kind == "annual_report"


def test_a_letter_spaced_title_is_read_without_its_spaces() -> None:
    meta = _text(
        "政 府 工 作 报 告\r\n\r\n \r\n——2019年3月4日在北原市青河区第十届人民代表大会第三次会议上\r\n\r\n"
        "北原市青河区人民政府代区长  赵文博\r\n\r\n各位代表：\r\n\r\n一、2018年工作回顾\r\n"
        "实施乡村振兴规划、行动计划和专项规划，编制国土空间规划。\r\n"
    )
    assert meta.title == "政府工作报告"
    assert meta.kind == "annual_report"


HAILAR_LIKE = "政 府 工 作 报 告\r\n\r\n----{date}在青河区第九届人民代表大会第二次会议上\r\n\r\n青河区人民政府区长　　孙某\r\n\r\n各位代表：\r\n\r\n"

YEARS = [
    # (date line, body, year, why)
    (
        "2012年2月29日",
        "一、过去一年工作回顾\r\n2011年是“十二五”的开局之年。全年地区生产总值增长12%。\r\n",
        2012,
        "the year it was delivered, not the reviewed year named by 2011年是",
    ),
    (
        "2015年2月5日",
        "一、2014年工作回顾\r\n2014年,全区实现增长8%。\r\n明年是“十三五”开局之年,要谋划好规划。\r\n",
        2015,
        "the year it was delivered, not the next plan's opening year",
    ),
    (
        "2018年3月7日",
        "一、2017年工作回顾\r\n全年发放2017年度补贴1.2亿元。\r\n",
        2018,
        "the year it was delivered, not a year after 全年",
    ),
]


@pytest.mark.parametrize(("when", "body", "year", "why"), YEARS, ids=[y[3] for y in YEARS])
def test_a_report_delivered_to_the_congress_is_the_report_of_that_year(
    when: str, body: str, year: int, why: str
) -> None:
    meta = _text(HAILAR_LIKE.format(date=when) + body)
    assert meta.kind == "annual_report", why
    assert (meta.period_start, meta.period_end) == (None, year), why
    assert "congress" in meta.evidence["year"], why


def test_a_report_without_title_year_or_date_takes_its_targets_year() -> None:
    meta = _text(
        "政府工作报告\n各位代表：\n一、2025年工作回顾\n2025年主要目标任务较好完成。"
        "2025年是“十四五”收官之年。\n二、2026年工作安排\n2026年全省经济社会发展主要预期目标是：生产总值增长5%左右。\n"
    )
    assert (meta.kind, meta.period_end) == ("annual_report", 2026)
    assert "targets section" in meta.evidence["year"]


def test_a_special_plan_named_by_a_quoted_ordinal_has_the_plan_period() -> None:
    """A province's special plan: “十四五” in quotes names the plan period whatever follows it."""
    meta = _text(
        "东川省“十四五”交通运输发展规划\n东川省人民政府办公厅\n2021年9月\n一、发展基础\n全省高速公路里程达到8000公里。\n"
    )
    assert meta.kind == "plan" and meta.region == "东川省"
    assert (meta.period_start, meta.period_end, meta.base_year) == (2021, 2025, 2020)


def test_an_approval_note_joined_to_the_title_is_not_part_of_it() -> None:
    meta = _text(
        "北原市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n"
        "（2021年1月28日北原市第十五届人民代表大会第五次会议批准）\n\n第一篇 开启新征程\n第一章 发展环境\n"
        "全市地区生产总值年均增长6.5%。\n"
    )
    assert meta.title == "北原市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (meta.kind, meta.region, meta.period_start, meta.period_end) == (
        "plan",
        "北原市",
        2021,
        2025,
    )
