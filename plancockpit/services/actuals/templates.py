"""Excel templates a lead unit fills with its actual values (one workbook per unit).

What each workbook asks for, decided from the stored targets (`plan_rows`, no I/O), then laid
out with openpyxl (`write_workbook`):
- an indicator is filled by one unit, the first lead unit of its targets; a co-leading unit sees
  it on a reference sheet (配合) and does not report it twice;
- a level target asks for the level; a growth target for the level and the growth rate (the
  status reads growth from levels or from rates); an increase target for the year's addition;
- a target set for every year (每年, targets deadlined each year of a period) asks for each year
  up to the template's year that has no value yet;
- numbers, years and months are validated, the identifying columns locked, the target and its
  口径 (unit, basis, the sentence that set it) shown beside; every word in Chinese and English,
  no codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Target
from plancockpit.services.actuals.layout import COLUMNS, DATA_SHEET, header_label
from plancockpit.services.indicators.target_words import BASIS_LABELS, is_points, target_text
from plancockpit.services.linking.rows import survivor

NO_UNIT = "未指定牵头单位"
BASIS_CELL = {"level": "水平", "growth": "增速", "increase": "新增"}  # what the reader accepts
FILLED = ("month", "value", "unit", "basis", "entered_by", "note", "start_year")
SPARE_ROWS = 30  # unlocked rows below the listed ones, for values the template did not foresee
WIDTHS = {
    "indicator_id": 10,
    "indicator": 34,
    "region": 12,
    "year": 8,
    "month": 8,
    "value": 14,
    "unit": 10,
    "basis": 8,
    "entered_by": 12,
    "note": 24,
    "start_year": 10,
}


@dataclass
class Row:
    indicator_id: int
    indicator: str
    region: str
    year: int
    unit: str
    basis: str
    month: int | None = None  # a round's year-to-date value (services/followup/round_template.py)


@dataclass
class Workbook:
    """What one unit's workbook holds."""

    unit: str
    rows: list[Row] = field(default_factory=list)
    targets: list[list[object]] = field(default_factory=list)  # the targets sheet, in words
    co_led: list[list[object]] = field(default_factory=list)  # indicators another unit reports
    round_sheet: list[list[object]] = field(default_factory=list)  # a round's id and period, if any


def plan_rows(session: Session, year: int) -> dict[str, Workbook]:
    """The workbooks to write, by unit."""
    inds = {i.id: i for i in session.scalars(select(Indicator))}
    regions = {r.id: r.name for r in session.scalars(select(Region))}
    have = {
        (i, y, b)
        for i, y, b in session.execute(
            select(Observation.indicator_id, Observation.year, Observation.basis).where(
                Observation.month.is_(None)
            )
        )
    }
    by_indicator: dict[int, list[Target]] = {}
    for t in session.scalars(select(Target).order_by(Target.indicator_id, Target.id)):
        by_indicator.setdefault(survivor(inds, t.indicator_id), []).append(t)
    sources = _sources(session, [t for ts in by_indicator.values() for t in ts])
    books: dict[str, Workbook] = {}
    for ind_id, targets in by_indicator.items():
        ind = inds[ind_id]
        units = list(dict.fromkeys(str(u) for t in targets for u in t.lead_units or [])) or [
            NO_UNIT
        ]
        book = books.setdefault(units[0], Workbook(units[0]))
        region = regions.get(ind.region_id or -1, "")
        for row_year, basis in _asks(targets, year, have, ind_id):
            book.rows.append(
                Row(
                    ind_id,
                    ind.name,
                    region,
                    row_year,
                    "%" if basis == "growth" else ind.unit,
                    basis,
                )
            )
        for t in targets:
            zh, en = target_text(
                t.comparator,
                t.value,
                t.value_max,
                t.unit or ind.unit,
                t.basis,
                points=is_points(t.basis, t.unit or "", ind.unit),
                years=(t.deadline_year or 0) - (t.baseline_year or (t.deadline_year or 1) - 1),
            )
            book.targets.append(
                [
                    ind_id,
                    ind.name,
                    zh,
                    en,
                    BASIS_LABELS.get(t.basis, (t.basis,))[0],
                    t.deadline_year,
                    t.attribute or "",
                    "、".join(units),
                    sources.get(t.id, ""),
                ]
            )
        for other in units[1:]:
            books.setdefault(other, Workbook(other)).co_led.append(
                [ind_id, ind.name, units[0], "、".join(units)]
            )
    return books


def _asks(
    targets: list[Target], year: int, have: set[tuple[int, int, str]], ind_id: int
) -> list[tuple[int, str]]:
    """(year, basis) rows an indicator's targets ask for."""
    bases = {t.basis for t in targets}
    wanted = ["level"] if bases != {"increase"} else []
    if "growth" in bases:
        wanted.append("growth")
    if "increase" in bases:
        wanted.append("increase")
    years = {year}
    yearly = [
        t
        for t in targets
        if t.basis == "increase" and t.deadline_year and t.baseline_year == t.deadline_year - 1
    ]
    if len(yearly) > 1:  # a target for every year of a period: each year still without a value
        first = min(t.deadline_year for t in yearly if t.deadline_year)
        years |= {y for y in range(first, year) if (ind_id, y, "increase") not in have}
    return [(y, b) for y in sorted(years) for b in wanted]


def _sources(session: Session, targets: Iterable[Target]) -> dict[int, str]:
    """target id → "document title：sentence" that set it (the target's 口径 as written)."""
    by_record = {t.record_id: t.id for t in targets if t.record_id}
    out: dict[int, str] = {}
    rows = session.execute(
        select(
            Record.id,
            Record.sentence_start,
            Record.sentence_end,
            Document.title,
            Document.name,
            Document.text,
        )
        .join(Document, Record.document_id == Document.id)
        .where(Record.id.in_(list(by_record)))
    )
    for rid, s, e, title, name, text in rows:
        out[by_record[rid]] = f"{title or name}：{text[s:e].strip()[:200]}"
    return out


README = (
    "填报说明（请先阅读）",
    "1. 在“填报 actuals”表中，每行填写一个数值：在“数值”列填入数字；月份只在填报年内累计数时填写。",
    "2. 灰色的编号、名称、地区、年份列已锁定，请勿改动；如需补充其他年份或地区，请在表格下方的空行填写完整一行。",
    "3. 口径：水平＝当年数值；增速＝比上年增长的百分比（填数字，不带%）；新增＝当年新增量。",
    "4. “目标 targets”表列出各指标的目标、期限和设定目标的原文，供核对口径。",
    "5. “配合 co-led”表中的指标由牵头单位填报，本单位不必重复填报。",
    "6. 填好后登录规划驾驶舱，在“导入”页面上传本文件；每一行都会显示已接受或被拒绝的原因。",
    "",
    "How to fill (English)",
    "1. In the 'actuals' sheet enter one number per row in the value column; a month only for a year-to-date value.",
    "2. The grey id, name, region and year columns are locked; add other years or regions as whole rows below.",
    "3. Basis: 水平 level = the year's value; 增速 growth = % change on the previous year (a number, no %); 新增 increase = added in the year.",
    "4. The 'targets' sheet shows each indicator's target, deadline and the sentence that set it.",
    "5. Indicators on the 'co-led' sheet are reported by their lead unit: do not report them twice.",
    "6. Then sign in to the cockpit and upload this file on the Import page; each row is accepted or refused with the reason.",
)


def write_workbook(book: Workbook, path: Path) -> None:
    """Lay out one unit's workbook: validated, locked where it must not change, in words."""
    from openpyxl import Workbook as Xlsx
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    xlsx = Xlsx()
    sheet = xlsx.active
    assert sheet is not None
    sheet.title = DATA_SHEET
    keys = [k for k, _ in COLUMNS]
    sheet.append([header_label(k) for k in keys])
    for r in book.rows:
        sheet.append(
            [
                r.indicator_id,
                r.indicator,
                r.region,
                r.year,
                r.month,
                None,
                r.unit,
                BASIS_CELL[r.basis],
                None,
                None,
                None,
            ]
        )
    last = sheet.max_row + SPARE_ROWS
    grey = PatternFill("solid", fgColor="EEEEEE")
    for col, key in enumerate(keys, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = WIDTHS.get(key, 12)
        sheet.cell(row=1, column=col).font = Font(bold=True)
        for row in range(2, last + 1):
            cell = sheet.cell(row=row, column=col)
            if key in FILLED or row > len(book.rows) + 1:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    letters = {k: get_column_letter(i) for i, k in enumerate(keys, start=1)}
    checks = [
        DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E15",
            formula2="1E15",
            error="请填写数字 / a number",
            errorTitle="数值 value",
            showErrorMessage=True,
        ),
        DataValidation(
            type="whole",
            operator="between",
            formula1="1",
            formula2="12",
            error="1–12",
            errorTitle="月份 month",
            showErrorMessage=True,
            allow_blank=True,
        ),
        DataValidation(
            type="whole",
            operator="between",
            formula1="1949",
            formula2="2100",
            error="请填写年份 / a year",
            errorTitle="年份 year",
            showErrorMessage=True,
        ),
        DataValidation(
            type="list",
            formula1='"水平,增速,新增"',
            allow_blank=True,
            error="水平、增速或新增 / level, growth or increase",
            showErrorMessage=True,
        ),
    ]
    for check, key in zip(checks, ("value", "month", "year", "basis"), strict=True):
        check.add(f"{letters[key]}2:{letters[key]}{last}")
        sheet.add_data_validation(check)
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True
    sheet.protection.insertRows = False  # False: allowed
    sheet.protection.formatColumns = False

    targets = xlsx.create_sheet("目标 targets")
    targets.append(
        [
            "指标编号 indicator_id",
            "指标名称 indicator",
            "目标 target",
            "target (English)",
            "口径 basis",
            "期限 deadline",
            "属性 attribute",
            "牵头单位 lead units",
            "出处 source (document：sentence)",
        ]
    )
    for line in book.targets:
        targets.append(line)
    for letter, width in zip("ABCDEFGHI", (10, 34, 22, 22, 8, 8, 8, 20, 80), strict=True):
        targets.column_dimensions[letter].width = width
    if book.co_led:
        co = xlsx.create_sheet("配合 co-led")
        co.append(
            [
                "指标编号 indicator_id",
                "指标名称 indicator",
                "由此单位填报 reported by",
                "牵头及配合单位 all lead units",
            ]
        )
        for line in book.co_led:
            co.append(line)
        for letter, width in zip("ABCD", (10, 34, 16, 30), strict=True):
            co.column_dimensions[letter].width = width
    if book.round_sheet:
        from plancockpit.services.actuals.layout import ROUND_SHEET

        marker = xlsx.create_sheet(ROUND_SHEET)
        for line in book.round_sheet:
            marker.append(line)
        marker.column_dimensions["A"].width = 24
        marker.column_dimensions["B"].width = 40
        marker.protection.sheet = True
    readme = xlsx.create_sheet("说明 readme", 0)
    for text in README:
        readme.append([text])
    readme.column_dimensions["A"].width = 110
    xlsx.active = 1  # open on the data sheet
    xlsx.save(path)
