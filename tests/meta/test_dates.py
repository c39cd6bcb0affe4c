"""Dates a text is given or published on, in Arabic or Chinese numerals, at its start or end."""

from __future__ import annotations

from datetime import date

import pytest

from plancockpit.meta.dates import document_date
from plancockpit.meta.numerals import arabic_dates

NUMERALS = [
    ("二〇二三年十一月", "2023年11月"),
    ("二○二三年十一月二十日", "2023年11月20日"),
    ("一九九八年三月", "1998年3月"),
    ("二〇三五年远景目标", "2035年远景目标"),
    ("十四五规划第一二三四年", "十四五规划第一二三四年"),  # no year of 19xx/20xx
    ("二〇二五年十月三十一日", "2025年10月31日"),
]


@pytest.mark.parametrize(("text", "expected"), NUMERALS)
def test_arabic_dates(text: str, expected: str) -> None:
    assert arabic_dates(text) == expected


DATES = [
    # (text, year the text is about, date, evidence word, why)
    (
        "某某规划中期评估报告\n\n某市发展和改革委员会\n2023年11月\n\n一、总体情况\n正文。",
        None,
        date(2023, 11, 1),
        "month only",
        "the issuer's date line under the title",
    ),
    (
        "某某工作总结\n一、主要成效\n"
        + "全年完成投资12亿元。\n" * 80
        + "\n某县人民政府\n2024年12月20日\n",
        None,
        date(2024, 12, 20),
        "at the end",
        "a signature's date at the end",
    ),
    (
        "某镇新闻\n本报讯(记者 甲)1月8日,记者获悉,2023年,该镇实现地区生产总值42亿元。\n",
        2023,
        date(2024, 1, 8),
        "reviews 2023",
        "a town's year in review is published the next January",
    ),
    (
        "某镇新闻\n本报讯(记者 甲)6月8日,该镇召开会议。\n",
        2023,
        date(2023, 6, 8),
        "in 2023",
        "a dateline in the year the text is about",
    ),
    (
        "某某规划纲要\n第一章 发展基础\n截至2023年11月底,全市人口90万。\n",
        None,
        None,
        "",
        "a date inside a sentence dates nothing",
    ),
]


@pytest.mark.parametrize(
    ("text", "about", "expected", "word", "why"), DATES, ids=[d[4] for d in DATES]
)
def test_document_date(
    text: str, about: int | None, expected: date | None, word: str, why: str
) -> None:
    when, evidence = document_date(text, about)
    assert when == expected, why
    assert word in evidence, why
