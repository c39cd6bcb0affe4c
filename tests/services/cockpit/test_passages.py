"""The source passage of a table cell is its row in words; other records keep their sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from plancockpit.services.cockpit.passages import passage, table_of

HEAD2 = "| 一级指标 | 序号 | 二级指标 | 单位 | 2020年 | 2025年 |\n"
ROW2 = "| 经济质效 | 1 | 地区生产总值 | 亿元 | 1828.47 | 2600 |\n"
ROW3 = "| 城市治理 | 2 | 平安指数 | — | 98 | 96-97 |\n"
HEAD1 = "| 序号 | 指标名称 | 2015年 | 规划目标 | 规划目标 |\n|  |  |  | 2020年 | 年均增长 |\n"
ROW1 = "| 1 | 地区生产总值(亿元) | 1587.8 | -- | 7.5% |\n"
TEXT = "主要指标如下。\n" + HEAD1 + ROW1 + HEAD2 + ROW2 + ROW3 + "全年增长7.5%以上。\n"


def _cells(line: str, base: int) -> list[dict[str, Any]]:
    """The cells of a pipe row with their offsets in TEXT."""
    out, pos = [], base + 1
    for part in line.rstrip("\n").strip("|").split("|"):
        text = part.strip()
        start = base + line.index(part, pos - base) + (len(part) - len(part.lstrip()))
        out.append({"text": text, "start": start, "end": start + len(text)})
        pos = base + line.index(part, pos - base) + len(part) + 1
    return out


def _grid(header: str, rows: list[str], group: list[str]) -> dict[str, Any]:
    at = TEXT.index(header)
    lines = header.splitlines(keepends=True)
    head = [_cells(line, TEXT.index(line, at)) for line in lines]
    body = [_cells(line, TEXT.index(line)) for line in rows]
    return {
        "title": "",
        "header": head,
        "rows": body,
        "group": group,
        "notes": [],
        "lead_units": [],
    }


@dataclass
class Rec:
    start: int
    end: int
    sentence_start: int = 0
    sentence_end: int = 0
    cell_row: int | None = None
    cell_col: int | None = None


@dataclass
class Sec:
    start: int
    end: int
    table: dict[str, Any] | None


SECTIONS = [
    Sec(TEXT.index(HEAD1), TEXT.index(HEAD2), _grid(HEAD1, [ROW1], [""])),
    Sec(
        TEXT.index(HEAD2), TEXT.index("全年"), _grid(HEAD2, [ROW2, ROW3], ["经济质效", "城市治理"])
    ),
]


def _rec(number: str, row: int, col: int, line: str) -> Rec:
    start = TEXT.index(number, TEXT.index(line))
    return Rec(start, start + len(number), start, start + len(number), row, col)


@pytest.mark.parametrize(
    ("rec", "before"),
    [
        (_rec("1587.8", 0, 2, ROW1), "地区生产总值(亿元) · 2015年："),
        (
            _rec("7.5", 0, 4, ROW1),
            "地区生产总值(亿元) · 规划目标 年均增长：",
        ),  # a two-row header, merged cell once
        (
            _rec("2600", 0, 5, ROW2),
            "地区生产总值(亿元) · 2025年：",
        ),  # 二级指标, not the group; the unit column
        (_rec("96-97", 1, 5, ROW3), "平安指数 · 2025年："),  # a dash is no unit
    ],
)
def test_a_cell_shows_its_row_and_column(rec: Rec, before: str) -> None:
    got_before, match, after, is_row = passage(TEXT, rec, table_of(SECTIONS, rec))
    assert is_row and got_before == before
    assert match == TEXT[rec.start : rec.end]  # the highlighted number keeps its offsets
    assert after in ("", "%")


def test_prose_and_foreign_cells_keep_the_sentence() -> None:
    start = TEXT.index("7.5%以上")
    prose = Rec(start, start + 4, TEXT.index("全年"), len(TEXT) - 1)
    assert table_of(SECTIONS, prose) is None
    assert passage(TEXT, prose) == ("全年增长", "7.5%", "以上。", False)
    wrong = _rec("1587.8", 0, 3, ROW1)  # the grid's cell (row 0, col 3) does not hold the number
    before, match, _, is_row = passage(TEXT, wrong, table_of(SECTIONS, wrong))
    assert not is_row and match == "1587.8" and before == ""  # its stored sentence: the cell alone
    outside = _rec("1587.8", 5, 2, ROW1)
    assert passage(TEXT, outside, table_of(SECTIONS, outside))[3] is False
