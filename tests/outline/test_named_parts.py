"""A report's parts named on lines of their own, without a number (“十四五”时期工作回顾,
2026年重点工作): some published reports drop the 一、 of their top headings."""

from __future__ import annotations

import pytest

from plancockpit.layout import clean
from plancockpit.outline import Node, build_outline
from plancockpit.outline.markers import load_rules
from plancockpit.read import SourceDocument

PARAGRAPH = (
    "全省地区生产总值达到13697.5亿元，经济增速连续多个季度高于全国平均水平，综合实力迈上新台阶。"
)


def _outline(text: str) -> Node:
    source = SourceDocument(name="t.txt", text=text, format="txt")
    return build_outline(source, clean(text))


@pytest.mark.parametrize(
    "line",
    [
        "“十四五”时期工作回顾",
        "“十四五”时期发展成就和2025年工作回顾",
        "“十五五”时期的主要目标任务",
        "2026年重点工作",
        "　2026 年重点工作 ",
    ],
)
def test_a_short_line_naming_a_period_and_a_part_is_a_part(line: str) -> None:
    assert load_rules().named_part.matches(line)


@pytest.mark.parametrize(
    "line",
    [
        "2026年甘肃省政府工作报告",  # the title: no part word
        "重点工作",  # no period or year: a table's column label
        "“十五五”时期，要努力实现以下目标任务：",  # clause punctuation: a sentence
        "今年要重点抓好以下重点工作",  # no period or year
        "2026年要围绕高质量发展这个首要任务和构建新发展格局这个战略任务统筹推进各项重点工作",  # too long
    ],
)
def test_other_lines_are_not(line: str) -> None:
    assert not load_rules().named_part.matches(line)


def test_named_parts_hold_the_numbered_chapters_under_them() -> None:
    text = (
        "各位代表：\n“十四五”时期发展成就和2025年工作回顾\n"
        f"{PARAGRAPH}\n“十五五”时期主要目标和2026年重点工作\n"
        f"一、把铸牢共同体意识作为各项工作的主线\n{PARAGRAPH}\n二、全力抓好七项重点工作\n{PARAGRAPH}\n"
    )
    root = _outline(text)
    parts = [n for n in root.children if n.kind == "part"]
    assert [p.title for p in parts] == [
        "“十四五”时期发展成就和2025年工作回顾",
        "“十五五”时期主要目标和2026年重点工作",
    ]
    assert [c.number for c in parts[1].children if c.kind == "chapter"] == ["一、", "二、"]
    assert not [c for c in parts[0].children if c.kind != "paragraph"]


def test_a_numbered_heading_keeps_its_marker() -> None:
    root = _outline(f"一、2025年工作回顾\n{PARAGRAPH}\n")
    assert [(n.kind, n.number) for n in root.children] == [("chapter", "一、")]
