"""The cleaned view: joins, doubled headlines, folding, furniture, and the map back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancockpit.layout import clean
from plancockpit.layout.rules import FOLD

CASES = [
    # (original, cleaned, why)
    ("增长１２．５％", "增长12.5%", "full-width digits, point and percent folded"),
    ("ＧＤＰ达到", "GDP达到", "full-width letters folded"),
    ("甲\r\n乙\r\n", "甲\n乙\n", "CRLF becomes LF in the view"),
    ("正文一\n- 12 -\n正文二", "正文一\n正文二", "page number line dropped"),
    ("正文一\n第 3 页\n正文二", "正文一\n正文二", "第 N 页 dropped"),
    ("正文一\n第3页 共10页\n正文二", "正文一\n正文二", "第N页 共M页 dropped"),
    ("高水平建设高水平建设““亚运国际城亚运国际城··", "高水平建设“亚运国际城·", "doubled headline"),
    ("奋力打造新标杆奋力打造新标杆", "奋力打造新标杆", "whole line printed twice"),
    (
        "2020 年 | 年均增长 | 2020 年 | 年均增长 |",
        "2020 年 | 年均增长 | 2020 年 | 年均增长 |",
        "a repeated table header is not a headline",
    ),
    (
        "一二三四五六七八\n九十一二三四五六\n七八。",
        "一二三四五六七八九十一二三四五六七八。",
        "column-broken lines joined",
    ),
    (
        "一二三四五六七八\n九十。\n新的一段开始了吗",
        "一二三四五六七八九十。\n新的一段开始了吗",
        "a short line ends its paragraph",
    ),
    (
        "一二三四五六七八\n1.新条目开始了吗",
        "一二三四五六七八\n1.新条目开始了吗",
        "an item start is never glued",
    ),
    ("第一章 总则\n第一节 目标", "第一章 总则\n第一节 目标", "headings are not joined"),
    (
        "2.托育服务。托位数达到4.5个。(牵头单位:县卫健局)\n(牵头单位:县经信局、县发改局)",
        "2.托育服务。托位数达到4.5个。(牵头单位:县卫健局)\n(牵头单位:县经信局、县发改局)",
        "an item closed by its own lead units is not glued to the box's lead line",
    ),
    (
        "1.小微企业园建设,新建小微企业园五个以上\n(牵头单位:县经信局)",
        "1.小微企业园建设,新建小微企业园五个以上(牵头单位:县经信局)",
        "a lead statement wrapped from an open item line is still glued",
    ),
]


@pytest.mark.parametrize(("original", "cleaned", "why"), CASES, ids=[c[2] for c in CASES])
def test_clean_cases(original: str, cleaned: str, why: str) -> None:
    view = clean(original)
    assert view.text == cleaned, why
    assert len(view.origin) == len(view.text) + 1


def test_origin_maps_spans_back() -> None:
    original = "第 1 页\r\n地区生产总值增长１２％左右。"
    view = clean(original)
    start = view.text.index("12%")
    a, b = view.to_original(start, start + 3)
    assert original[a:b] == "１２％"


def test_wide_column_text_is_left_alone() -> None:
    long_line = (
        "到二〇三五年，率先基本实现高水平社会主义现代化，成为重要窗口的示范样板，人民生活更加富裕。"
    )
    text = f"{long_line}\n{long_line}\n"
    assert clean(text).text == text


def test_corpus_newspaper_columns_joined(corpus_dir: Path) -> None:
    original = next(corpus_dir.glob("000_*.txt")).read_text("utf-8")
    view = clean(original)
    assert "中共杭州市萧山区委十五届十三次全体" in view.text
    assert "高水平建设“亚运国际城·数智新萧山”\n" in view.text

    def filled(text: str) -> int:
        return sum(1 for line in text.splitlines() if line.strip())

    assert filled(view.text) < filled(original) / 2


_UNFOLD = {v: k for k, v in FOLD.items()}
_ALPHABET = st.sampled_from(
    list("十四五规划年增长%１２３ＡＢ％。，\r\n -第页") + [" ", "\u3000", "“", "·"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_origin_valid_monotone_and_faithful(text: str) -> None:
    view = clean(text)
    origin = view.origin
    assert len(origin) == len(view.text) + 1
    assert origin[-1] == len(text)
    assert all(0 <= o < len(text) for o in origin[:-1])
    assert all(a < b for a, b in zip(origin, origin[1:], strict=False))
    for ch, o in zip(view.text, origin, strict=False):
        source = text[o]
        if ch == "\n":
            assert source in "\r\n"
        elif ch == " " and source in "\r\n":
            continue  # a joined line break between two Latin words
        else:
            assert source == ch or FOLD.get(ord(source)) == ord(ch)


def test_docx_and_html_paragraphs_are_never_joined() -> None:
    from plancockpit.layout import clean_source
    from plancockpit.read import SourceDocument

    text = "一二三四五六七八\n九十一二三四五六\n七八。"
    for fmt, joined in [("txt", True), ("pdf", True), ("docx", False), ("html", False)]:
        view = clean_source(SourceDocument(name="a", text=text, format=fmt))
        assert ("\n" not in view.text) is joined, fmt
