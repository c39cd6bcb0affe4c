"""Actual data from files: templates per lead unit, and importing CSV/XLSX with a per-row report.

Every accepted row becomes an Observation with its provenance (file, row, person). A value
that differs from one already recorded for the same indicator, region and period is stored
too and both are flagged as a conflict; the same value again is a duplicate and not stored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Region
from plancockpit.errors import Forbidden, Invalid, NotFound
from plancockpit.link.names import canonical
from plancockpit.link.units import compatible, convert, is_rate_unit
from plancockpit.services.access import scope
from plancockpit.services.actuals.layout import (
    BASIS_WORDS,
    COLUMNS,
    ActualsFileError,
    read_rows,
    round_of_file,
)
from plancockpit.services.actuals.observations import add_observation
from plancockpit.services.linking.rows import survivor

__all__ = ["ActualsFileError", "ImportReport", "import_actuals", "import_file", "write_templates"]


@dataclass
class RowResult:
    row: int
    status: str  # accepted | conflict | duplicate | refused | skipped
    reason: str = ""
    observation_id: int | None = None
    indicator: str = ""  # the indicator's name, or what the row wrote for it


@dataclass
class ImportReport:
    file: str
    rows: list[RowResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "accepted": self.count("accepted"),
            "conflicts": self.count("conflict"),
            "duplicates": self.count("duplicate"),
            "refused": self.count("refused"),
            "skipped": self.count("skipped"),
            "rows": [r.__dict__ for r in self.rows],
        }


BLANK = "skipped: blank / 跳过：未填写"
ZH = dict(COLUMNS)  # a column's Chinese name, for the Chinese half of a reason


class _Refused(ValueError):
    pass


def import_actuals(engine: Engine, path: Path, *, entered_by: str | None = None) -> dict[str, Any]:
    """Import a file in one transaction; the per-row report as a dict (what the web calls)."""
    with transaction(engine) as session:
        act_as(session, entered_by or "")
        return import_file(session, path, entered_by=entered_by).to_json()


def import_file(session: Session, path: Path, *, entered_by: str | None = None) -> ImportReport:
    """Import the rows of a CSV/XLSX actuals file (layout: `actuals_layout`); `entered_by` is
    the author of every row (see `_author`). A reporting round's workbook fills its round."""
    rows = read_rows(path)
    round_id = round_of_file(path)
    if round_id is not None:
        _round_open(session, round_id, path)
    inds = {i.id: i for i in session.scalars(select(Indicator))}
    regions = list(session.scalars(select(Region)))
    reach = scope.scope_of(session, entered_by)
    report = ImportReport(path.name)
    for n, row in rows:
        named = _text(row.get("indicator")) or _text(row.get("indicator_id"))
        if not _text(row.get("value")):  # a template row the lead unit left blank
            report.rows.append(RowResult(n, "skipped", BLANK, indicator=named))
            continue
        try:
            values = _parse(row, inds, regions)
            named = inds[values["indicator_id"]].name
            scope.check_value(session, reach, values["indicator_id"], values["region_id"])
        except (Forbidden, _Refused) as why:
            report.rows.append(RowResult(n, "refused", str(why), indicator=named))
            continue
        if round_id is not None:
            report.rows.append(_into_round(session, round_id, n, values, entered_by, named))
            continue
        added = add_observation(
            session,
            **values,
            source_file=path.name,
            source_row=n,
            entered_by=_author(entered_by, _text(row.get("entered_by"))),
        )
        outcome = "accepted" if added.outcome == "accepted" else added.outcome
        report.rows.append(
            RowResult(
                n, outcome, added.reason, added.observation.id if added.observation else None, named
            )
        )
    return report


def _round_open(session: Session, round_id: int, path: Path) -> None:
    from plancockpit.services.followup.rounds import get_round

    try:
        rnd = get_round(session, round_id)
    except NotFound:
        raise ActualsFileError(
            f"{path.name}: round {round_id} does not exist / 该填报轮次不存在"
        ) from None
    if rnd.state != "open":
        raise ActualsFileError(f"{path.name}: round {round_id} is closed / 该填报轮次已结束")


def _into_round(
    session: Session,
    round_id: int,
    n: int,
    values: dict[str, Any],
    entered_by: str | None,
    named: str,
) -> RowResult:
    """A row of a round's workbook filled into the round (`services/followup/round_values.py`)."""
    from plancockpit.services.followup.round_values import Value, fill
    from plancockpit.services.followup.rounds import get_round, obs_period

    rnd = get_round(session, round_id)
    period = obs_period(rnd.period_kind, rnd.period_year, rnd.period_number)
    if (values["year"], values["month"]) != period or values["start_year"] is not None:
        return RowResult(
            n,
            "refused",
            f"round {round_id} asks for {rnd.period_label} only / 本轮只填报该周期的数据",
            indicator=named,
        )
    bases = {it.basis for it in rnd.items if it.indicator_id == values["indicator_id"]}
    if bases and values["basis"] not in bases:
        return RowResult(
            n,
            "refused",
            f"round {round_id} asks for {'/'.join(sorted(bases))}, not "
            f"{values['basis']} / 口径与本轮不符",
            indicator=named,
        )
    try:
        [row] = fill(
            session,
            round_id,
            by=entered_by,
            values=[Value(values["indicator_id"], values["value"], values["region_id"])],
        )
    except (Forbidden, Invalid, NotFound) as why:
        return RowResult(n, "refused", str(why), indicator=named)
    note = (
        "round {r}: counted / 已计入"
        if row["state"] == "approved"
        else "round {r}: awaiting the lead unit's approval / 待牵头单位审核"
    ).format(r=round_id)
    return RowResult(n, "accepted", note, row["observation_id"], named)


def _author(importer: str | None, named: str) -> str | None:
    """Who entered a row: the one importing (the signed-in user, or the CLI's --by) always; a
    different name in the file's 填报人 column is kept beside it as a note, never in its place.
    With nobody importing (the CLI without --by) the file's name stands."""
    if not importer:
        return named or None
    if not named or named == importer:
        return importer
    return f"{importer}（表中填报人：{named}）"[:100]


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _number(cell: Any, what: str) -> float:
    if isinstance(cell, int | float) and not isinstance(cell, bool) and math.isfinite(cell):
        return float(cell)
    text = _text(cell).replace(",", "").replace("，", "").rstrip("%％")
    try:
        value = float(text)
    except ValueError:
        raise _Refused(
            f"{what} {_text(cell)!r} is not a number / {ZH.get(what, what)}不是数字"
        ) from None
    if not math.isfinite(value):
        raise _Refused(
            f"{what} {_text(cell)!r} is not a finite number / {ZH.get(what, what)}须为有限数"
        )
    return value


def _indicator(row: dict[str, Any], inds: dict[int, Indicator]) -> Indicator:
    raw_id = _text(row.get("indicator_id"))
    if raw_id:
        try:
            ind = inds.get(int(float(raw_id)))
        except ValueError:
            ind = None
        if ind is None:
            raise _Refused(f"no indicator with id {raw_id} / 指标编号不存在")
        return inds[survivor(inds, ind.id)]
    name = _text(row.get("indicator"))
    if not name:
        raise _Refused("no indicator id or name / 缺少指标")
    key = canonical(name)
    found = {
        survivor(inds, i.id)
        for i in inds.values()
        if i.key == key or key in {canonical(str(a)) for a in i.aliases or []}
    }
    if len(found) != 1:
        raise _Refused(
            f"indicator {name!r} "
            + (
                "is ambiguous; give its id / 指标名称不唯一"
                if found
                else "not found / 未找到该指标"
            )
        )
    return inds[found.pop()]


def _parse(
    row: dict[str, Any], inds: dict[int, Indicator], regions: list[Region]
) -> dict[str, Any]:
    ind = _indicator(row, inds)
    year = int(_number(row.get("year"), "year"))
    if not 1900 <= year <= 2100:
        raise _Refused(f"year {year} out of range / 年份超出范围")
    month = None
    if _text(row.get("month")):
        month = int(_number(row.get("month"), "month"))
        if not 1 <= month <= 12:
            raise _Refused(f"month {month} not in 1–12 / 月份应为1–12")
    start_year = None
    if _text(row.get("start_year")):
        start_year = int(_number(row.get("start_year"), "start_year"))
        if not 1900 <= start_year < year:
            raise _Refused(
                f"start year {start_year} must be before the year {year} / 起始年份应早于年份"
            )
    if not _text(row.get("value")):
        raise _Refused("no value / 缺少数值")
    value = _number(row.get("value"), "value")
    basis = BASIS_WORDS.get(_text(row.get("basis")).lower())
    if basis is None:
        raise _Refused(f"basis {_text(row.get('basis'))!r} is not level, growth or increase")
    if start_year is not None and (basis != "increase" or month is not None):
        raise _Refused(
            "a start year is for an increase total over whole years / 起始年份仅用于多年累计新增"
        )
    unit = re.sub(r"\s+", "", _text(row.get("unit")))
    if basis == "growth":
        if unit and not is_rate_unit(unit):
            raise _Refused(f"a growth rate is in %, not {unit} / 增速单位应为%")
        unit = "%"
    elif unit and ind.unit and unit != ind.unit:
        if not compatible(unit, ind.unit):
            raise _Refused(f"unit {unit} does not fit {ind.name} ({ind.unit}) / 单位不符")
        value, unit = convert(value, unit, ind.unit), ind.unit
    region_id = ind.region_id
    name = _text(row.get("region"))
    if name:
        match = [r for r in regions if name in (r.name, r.code)]
        if not match:
            raise _Refused(f"region {name!r} not found / 未找到该地区")
        # A top region named for an indicator without a region (a document naming none)
        # means the indicator's own whole area.
        top = match[0].parent_id is None and ind.region_id is None
        region_id = None if top else match[0].id
    return {
        "indicator_id": ind.id,
        "year": year,
        "month": month,
        "value": value,
        "unit": unit or ind.unit,
        "basis": basis,
        "region_id": region_id,
        "start_year": start_year,
    }


def _safe(name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", name).strip("_") or "unit"


def write_templates(session: Session, outdir: Path, *, year: int | None = None) -> list[Path]:
    """One workbook per lead unit (`services.actuals.templates`) asking for the values of `year`
    (default: last year); targets without a lead unit go to 未指定牵头单位.xlsx."""
    from plancockpit.services.actuals.templates import plan_rows, write_workbook

    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for unit, book in sorted(plan_rows(session, year or date.today().year - 1).items()):
        path = outdir / f"{_safe(unit)}.xlsx"
        write_workbook(book, path)
        paths.append(path)
    return paths
