"""Reading a project ledger (项目库, .xlsx or .csv) into checked rows; its headers and stage
words are data (`data/project_ledger.yaml`). No database here: `services/projects/items.py` stores.

A row with an unknown stage, a unit not in the table, a number that is not finite or is negative,
or a period that is not years is refused with its row number and reason.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plancockpit import rulefiles
from plancockpit.errors import Invalid
from plancockpit.rulefiles.schemas import ProjectLedger
from plancockpit.services.actuals.layout import _csv_grid, _xlsx_grid
from plancockpit.vocabulary import PROJECT_STAGES

FIELDS = (
    "name",
    "total",
    "planned",
    "completed",
    "period",
    "lead_unit",
    "stage",
    "region",
    "year",
    "unit",
)
AMOUNTS = ("total", "planned", "completed")
BRACKETED = re.compile(r"[（(\[【]\s*(?P<unit>[^）)\]】]*)\s*[）)\]】]")
YEAR = re.compile(r"(?:19|20)\d\d")


class LedgerFileError(Invalid):
    """A ledger that cannot be imported at all (no name column, unreadable)."""


@dataclass(frozen=True)
class Ledger:
    columns: dict[str, str]  # header text → field
    stage_words: dict[str, str]
    units: dict[str, float]


@dataclass
class LedgerRow:
    """One ledger row, checked: amounts in 亿元, the texts as written beside them."""

    row: int
    name: str
    region: str = ""
    lead_unit: str = ""
    stage: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    year: int | None = None
    total: float | None = None
    planned: float | None = None
    completed: float | None = None
    written: dict[str, str] = field(default_factory=dict)  # amount field → "5000万元"


class _RowRefused(ValueError):
    pass


@functools.cache
def load_ledger() -> Ledger:
    """`data/project_ledger.yaml` (read and validated by `plancockpit.rulefiles`)."""
    raw = rulefiles.load("project_ledger.yaml", ProjectLedger)
    heads = raw.columns.model_dump()
    columns = {_plain(h): f for f in FIELDS for h in heads[f]}
    return Ledger(columns, dict(raw.stage_words), dict(raw.units))


def _plain(header: str) -> str:
    return re.sub(r"\s+", "", BRACKETED.sub("", header)).lower()


def read_ledger(path: Path) -> tuple[list[LedgerRow], list[tuple[int, str]]]:
    """The rows of a ledger file, and the refused ones as (row number, reason)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _csv_grid(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path)
    else:
        raise LedgerFileError(f"{path.name}: use a .csv or .xlsx file / 请使用 .csv 或 .xlsx 文件")
    return parse_grid(grid, path.name)


def parse_grid(grid: list[list[Any]], name: str) -> tuple[list[LedgerRow], list[tuple[int, str]]]:
    """Rows and refusals from a grid whose first row is the header."""
    ledger = load_ledger()
    if not grid:
        raise LedgerFileError(f"{name}: the file is empty / 文件为空")
    keys: list[str | None] = []
    header_units: dict[str, str] = {}
    for cell in grid[0]:
        text = str(cell or "").strip()
        key = ledger.columns.get(_plain(text))
        keys.append(key)
        unit = BRACKETED.search(text)
        if key in AMOUNTS and unit:
            header_units[key] = unit.group("unit").strip()
    if "name" not in keys:
        raise LedgerFileError(f"{name}: no 项目名称 column in the header row / 表头缺少项目名称列")
    rows, refused = [], []
    for n, cells in enumerate(grid[1:], start=2):
        values = {k: cells[i] for i, k in enumerate(keys) if k and i < len(cells)}
        if not any(str(v).strip() for v in values.values() if v is not None):
            continue
        try:
            rows.append(_row(n, values, header_units, ledger))
        except _RowRefused as why:
            refused.append((n, str(why)))
    return rows, refused


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _row(n: int, values: dict[str, Any], header_units: dict[str, str], ledger: Ledger) -> LedgerRow:
    name = _text(values.get("name"))
    if not name:
        raise _RowRefused("no project name / 缺少项目名称")
    row = LedgerRow(
        n,
        name[:300],
        region=_text(values.get("region"))[:100],
        lead_unit=_text(values.get("lead_unit"))[:200],
    )
    stage = _text(values.get("stage"))
    if stage:
        if stage not in ledger.stage_words:
            raise _RowRefused(
                f"stage {stage!r} is not one of {'/'.join(PROJECT_STAGES)} / 建设阶段无法识别"
            )
        row.stage = ledger.stage_words[stage]
    period = YEAR.findall(_text(values.get("period")))
    if _text(values.get("period")) and not period:
        raise _RowRefused(
            f"period {_text(values.get('period'))!r} names no year / 建设周期应为年份"
        )
    if period:
        row.period_start, row.period_end = int(period[0]), int(period[-1])
        if row.period_end < row.period_start:
            raise _RowRefused("the period ends before it starts / 建设周期起止颠倒")
    if _text(values.get("year")):
        year = YEAR.fullmatch(_text(values.get("year")).removesuffix("年").split(".")[0])
        if not year:
            raise _RowRefused(f"year {_text(values.get('year'))!r} is not a year / 年度无效")
        row.year = int(year.group())
    for key in AMOUNTS:
        amount = _amount(
            values.get(key), header_units.get(key) or _text(values.get("unit")), key, ledger
        )
        if amount is not None:
            setattr(row, key, amount[0])
            row.written[key] = amount[1]
    return row


LABELS = {"total": "总投资", "planned": "年度计划投资", "completed": "完成投资"}


def _amount(cell: Any, unit: str, key: str, ledger: Ledger) -> tuple[float, str] | None:
    """(亿元, as written) of an amount cell; None for an empty cell."""
    text = _text(cell).replace(",", "").replace("，", "")
    if not text:
        return None
    found = re.fullmatch(
        r"([-+]?[\d.]+(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan|infinity))\s*(\D*)", text, re.I
    )
    if not found:
        raise _RowRefused(f"{key} {text!r} is not a number / {LABELS[key]}不是数字")
    number, written_unit = found.group(1), found.group(2).strip() or unit
    try:
        value = float(number)
    except ValueError:
        raise _RowRefused(f"{key} {text!r} is not a number / {LABELS[key]}不是数字") from None
    if not math.isfinite(value) or value < 0:
        raise _RowRefused(
            f"{key} {text!r} must be a finite number ≥ 0 / {LABELS[key]}须为非负有限数"
        )
    if written_unit not in ledger.units:
        raise _RowRefused(
            f"{key}: unit {written_unit or '(none)'!r} is not one of "
            f"{', '.join(ledger.units)} / {LABELS[key]}单位无法识别"
        )
    return value * ledger.units[written_unit], f"{number}{written_unit}"
