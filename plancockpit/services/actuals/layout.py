"""The layout of actuals files (CSV or XLSX) and reading their rows.

One header row, then one row per value. Header cells may be the English key, the Chinese name,
or both ("数值 value"); column order is free; unknown columns are ignored.

| key | 中文 | required | meaning |
|---|---|---|---|
| indicator_id | 指标编号 | one of the two | the indicator's id (as in the template) |
| indicator | 指标名称 | one of the two | the indicator's name (or an alias) when there is no id |
| region | 地区 | no | region name or code; empty = the indicator's own region |
| year | 年份 | yes | the year the value is for |
| month | 月份 | no | 1–12 for a year-to-date value; empty for the whole year |
| value | 数值 | yes | the number (commas and a trailing % allowed) |
| unit | 单位 | no | the value's unit; empty = the indicator's unit; converted within a family |
| basis | 口径 | no | level/水平 (default), growth/增速 (a growth rate in %), increase/新增 (added in the period) |
| entered_by | 填报人 | no | who reports it (else the importing person) |
| note | 备注 | no | free text, kept in the report |
| start_year | 起始年份 | no | for an increase total over several years: its first year (year = the last) |
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from plancockpit.errors import Invalid

COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator_id", "指标编号"),
    ("indicator", "指标名称"),
    ("region", "地区"),
    ("year", "年份"),
    ("month", "月份"),
    ("value", "数值"),
    ("unit", "单位"),
    ("basis", "口径"),
    ("entered_by", "填报人"),
    ("note", "备注"),
    ("start_year", "起始年份"),  # last, so templates keep their column positions
)
BASIS_WORDS = {
    "level": "level",
    "水平": "level",
    "总量": "level",
    "": "level",
    "growth": "growth",
    "增速": "growth",
    "增长": "growth",
    "增长率": "growth",
    "increase": "increase",
    "新增": "increase",
    "增量": "increase",
}
DATA_SHEET = "填报 actuals"
# A reporting round's workbook names its round here (A1 "round_id", B1 the id): importing it
# fills the round (`services/followup/round_template.py`) instead of storing values straight away.
ROUND_SHEET = "轮次 round"


class ActualsFileError(Invalid):
    """A file that cannot be imported at all (nothing was written)."""


def header_label(key: str) -> str:
    """The header cell the template writes for a column."""
    return f"{dict(COLUMNS)[key]} {key}"


def _column_key(cell: Any) -> str | None:
    text = str(cell or "").strip()
    for key, zh in COLUMNS:
        if text in (key, zh) or set(text.replace("/", " ").split()) & {key, zh}:
            return key
    return None


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number as the person sees it, {column key: cell}) for every non-empty data row."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _csv_grid(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path)
    else:
        raise ActualsFileError(f"{path.name}: use a .csv or .xlsx file")
    if not grid:
        raise ActualsFileError(f"{path.name}: the file is empty")
    keys = [_column_key(c) for c in grid[0]]
    have = {k for k in keys if k}
    missing = {"year", "value"} - have
    if missing or not have & {"indicator_id", "indicator"}:
        need = sorted(
            missing
            | ({"indicator_id|indicator"} if not have & {"indicator_id", "indicator"} else set())
        )
        raise ActualsFileError(
            f"{path.name}: missing column(s) {', '.join(need)} in the header row"
        )
    rows = []
    for n, cells in enumerate(grid[1:], start=2):
        row = {k: cells[i] for i, k in enumerate(keys) if k and i < len(cells)}
        if any(str(v).strip() for v in row.values() if v is not None):
            rows.append((n, row))
    return rows


def round_of_file(path: Path) -> int | None:
    """The round a workbook was made for (its `ROUND_SHEET`), or None."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - read_rows reports an unreadable workbook
        return None
    try:
        if ROUND_SHEET not in book.sheetnames:
            return None
        first: tuple[Any, ...] = next(
            book[ROUND_SHEET].iter_rows(min_row=1, max_row=1, values_only=True), ()
        )
    finally:
        book.close()
    if len(first) < 2 or str(first[0]).strip() != "round_id":
        raise ActualsFileError(f"{path.name}: the sheet {ROUND_SHEET} does not name a round")
    text = str(first[1]).strip()
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise ActualsFileError(
            f"{path.name}: round id {first[1]!r} is not a round number / 轮次编号无效"
        )
    return int(text)


def _csv_grid(path: Path) -> list[list[Any]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActualsFileError(f"{path.name}: cannot read as UTF-8 CSV ({exc})") from None
    return [r for r in csv.reader(io.StringIO(text))]


def _xlsx_grid(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ActualsFileError(
            f"{path.name}: not a readable workbook ({type(exc).__name__})"
        ) from None
    sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return grid
