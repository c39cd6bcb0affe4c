"""The source passage of a record: its sentence, or for a table cell the table row in words.

A cell's own sentence is just its number ("…1587.8…"), which tells a reader nothing; the row's
indicator name and the cell's column label (地区生产总值(亿元) · 规划目标 年均增长：7.5%) do.
The number keeps its offsets in the document, so it is still highlighted and linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from plancockpit.services.cockpit.common import sentence_span

_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORDY = re.compile(r"[^\W_]|[%‰℃]")  # a unit, not a dash placeholder
_NAME_HEADER = re.compile(r"指标|名称|项目|内容")
_UNIT_HEADER = re.compile(r"^单位$|计量单位")
MAX_CELL = 40  # a longer cell is prose (a table of actions), shown by its sentence


class _Rec(Protocol):
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    cell_row: int | None
    cell_col: int | None


class _TableSection(Protocol):
    start: int
    end: int
    table: dict[str, Any] | None


def table_of(sections: Iterable[_TableSection], rec: _Rec) -> dict[str, Any] | None:
    """The cell grid of the table section holding a table-cell record, if any."""
    if rec.cell_row is None or rec.cell_col is None:
        return None
    for sec in sections:
        if sec.table and sec.start <= rec.start < sec.end:
            return sec.table
    return None


def _texts(cells: list[dict[str, Any]]) -> list[str]:
    return [str(c.get("text") or "").strip() for c in cells]


def _column_label(header: list[list[dict[str, Any]]], col: int) -> str:
    """The column's header texts from top to bottom, repeats of a merged cell left out."""
    parts: list[str] = []
    for row in header:
        texts = _texts(row)
        if col < len(texts) and texts[col] and texts[col] not in parts:
            parts.append(texts[col])
    return " ".join(parts)


def _name_column(
    header: list[list[dict[str, Any]]], row: list[str], col: int, group: str
) -> int | None:
    """The column naming the row: the last column left of the value headed 指标/名称 (二级指标
    after 一级指标), else the first wordy cell; a cell repeating the row's group label is skipped."""

    def usable(i: int) -> bool:
        return i != col and i < len(row) and bool(row[i]) and row[i] != group

    headed = [
        i
        for hrow in header
        for i, text in enumerate(_texts(hrow))
        if _NAME_HEADER.search(text) and usable(i)
    ]
    if headed:
        left = [i for i in headed if i < col]
        return max(left) if left else headed[0]
    return next(
        (i for i, text in enumerate(row) if usable(i) and len(_CJK.findall(text)) >= 2), None
    )


def row_passage(text: str, table: dict[str, Any], rec: _Rec) -> tuple[str, str, str] | None:
    """(before, number, after) saying which row and column the number stands in, or None when
    the grid does not hold the record's cell (then the sentence is shown)."""
    rows, header = table.get("rows") or [], table.get("header") or []
    r, c = rec.cell_row, rec.cell_col
    if r is None or c is None or not 0 <= r < len(rows) or not 0 <= c < len(rows[r]):
        return None
    cell = rows[r][c]
    c0, c1 = int(cell.get("start", -1)), int(cell.get("end", -1))
    if not c0 <= rec.start <= rec.end <= c1 or c1 - c0 > MAX_CELL:
        return None  # not the record's cell, or a cell of prose: its sentence says more
    row = _texts(rows[r])
    groups = table.get("group") or []
    name_at = _name_column(header, row, c, str(groups[r]) if r < len(groups) else "")
    label = _column_label(header, c)
    unit = next(
        (
            row[i]
            for hrow in header
            for i, t in enumerate(_texts(hrow))
            if _UNIT_HEADER.search(t) and i < len(row) and _WORDY.search(row[i]) and i != c
        ),
        "",
    )
    name = row[name_at] if name_at is not None else ""
    head = " · ".join(
        p for p in (name + (f"({unit})" if unit and unit not in name else ""), label) if p
    )
    before = (head + "：" if head else "") + text[c0 : rec.start]
    return before, text[rec.start : rec.end], text[rec.end : c1]


def passage(
    text: str, rec: _Rec, table: dict[str, Any] | None = None
) -> tuple[str, str, str, bool]:
    """(before, number, after, is_row): the table row for a cell in `table`, else the sentence."""
    if table is not None:
        found = row_passage(text, table, rec)
        if found is not None:
            return (*found, True)
    s0, s1 = sentence_span(len(text), rec.start, rec.end, rec.sentence_start, rec.sentence_end)
    return text[s0 : rec.start], text[rec.start : rec.end], text[rec.end : s1], False
