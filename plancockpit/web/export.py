"""The indicator list's filtered view as CSV or XLSX (the same filters as the page and the API)."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from plancockpit.media_types import DOCX, XLSX
from plancockpit.services.cockpit.indicators import all_filtered
from plancockpit.services.indicators.target_words import BASIS_LABELS, label, status_label
from plancockpit.web.api import Filter, Sort
from plancockpit.web.deps import Db, internal_reader, reader
from plancockpit.web.schemas import file_download

router = APIRouter(tags=["export"], dependencies=[Depends(reader)])

COLUMNS: list[tuple[str, str]] = [
    ("target_id", "目标编号 target id"),
    ("indicator_id", "指标编号 indicator id"),
    ("indicator_name", "指标 indicator"),
    ("domain", "领域 domain"),
    ("region_name", "区域 region"),
    ("comparator", "比较 comparator"),
    ("value", "目标值 target"),
    ("value_max", "上限 max"),
    ("unit", "单位 unit"),
    ("basis", "类型 basis"),
    ("baseline_value", "基期值 baseline"),
    ("baseline_year", "基期年 baseline year"),
    ("deadline_year", "目标年 deadline"),
    ("attribute", "属性 attribute"),
    ("lead_units", "牵头单位 lead units"),
    ("status", "状态 status"),
    ("progress", "进度 progress"),
    ("latest_value", "最新值 latest"),
    ("latest_year", "最新年份 latest year"),
    ("document_title", "来源文件 document"),
]


# comparators as the documents write them; a bare "=" would start a spreadsheet formula
COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈", "=": "＝"}


def _cell(key: str, value: Any) -> Any:
    if key == "lead_units":
        return "、".join(value or [])
    if key == "comparator":
        return COMPARATORS.get(value, value)
    if key == "status":  # words, not codes: 滞后 / off track
        return status_label(value)
    if key == "basis":
        return label(BASIS_LABELS, value)
    if isinstance(value, float):
        return round(value, 6)  # 0.19999999999999998 is 0.2 to a reader
    return value


def _cells(row: dict[str, Any]) -> list[Any]:
    return [_cell(k, row.get(k)) for k, _ in COLUMNS]


FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
)  # what a spreadsheet may read as a formula (OWASP)


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text that came from documents (CSV injection)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _text_cell(ws: Any, value: Any) -> Any:
    """A text as a literal string cell: openpyxl would store "=…" as a formula, and an apostrophe
    (the CSV defence) would show in Excel as part of the text."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _name(ext: str) -> str:
    return f'attachment; filename="indicators-{date.today().isoformat()}.{ext}"'


@router.get("/indicators.csv", response_class=Response, responses=file_download("text/csv"))
def indicators_csv(db: Db, filt: Filter, sort: Sort = "name", desc: bool = False) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([label for _, label in COLUMNS])
    for row in all_filtered(db, filt, sort=sort, desc=desc):
        writer.writerow([_safe(c) for c in _cells(row)])
    return Response(
        "\ufeff" + buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _name("csv")},
    )


@router.get("/indicators.xlsx", response_class=Response, responses=file_download(XLSX))
def indicators_xlsx(db: Db, filt: Filter, sort: Sort = "name", desc: bool = False) -> Response:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("indicators")
    ws.append([label for _, label in COLUMNS])
    for row in all_filtered(db, filt, sort=sort, desc=desc):
        ws.append([_text_cell(ws, c) for c in _cells(row)])
    buf = io.BytesIO()
    wb.save(buf)
    return Response(
        buf.getvalue(),
        headers={"Content-Disposition": _name("xlsx")},
        media_type=XLSX,
    )


@router.get(
    "/report.docx",
    dependencies=[Depends(internal_reader)],
    response_class=Response,
    responses=file_download(DOCX),
)
def report_docx(
    db: Db,
    year: Annotated[int, Query(ge=1900, le=2200)],
    kind: Literal["annual", "midterm"] = "annual",
    lang: Literal["zh", "en"] = "zh",
    region: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """The year's evaluation report as a Word document (what `plancockpit report` writes)."""
    from plancockpit.report.docx_report import write_docx
    from plancockpit.services.progress.evaluation_report import evaluation_report

    data = evaluation_report(db, year, region=region, kind=kind, lang=lang)
    with tempfile.TemporaryDirectory(prefix="plancockpit-report-") as tmp:
        body = write_docx(data, Path(tmp) / "report.docx").read_bytes()
    return Response(
        body,
        media_type=DOCX,
        headers={"Content-Disposition": f'attachment; filename="evaluation-{kind}-{year}.docx"'},
    )
