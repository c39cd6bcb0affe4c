"""Actuals files: templates per lead unit, CSV layout, whole-file errors leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Observation, Region, Target
from plancockpit.services.actuals import ActualsFileError, import_file, write_templates


@pytest.fixture
def small_db(db_engine: Engine) -> Engine:
    with transaction(db_engine) as session:
        district = Region(code="D", name="某区", level="district")
        session.add(district)
        session.flush()
        session.add(Region(code="T1", name="瓜沥镇", level="town", parent_id=district.id))
        ind = Indicator(name="社会消费品零售总额", key="社会消费品零售总额", unit="亿元")
        jobs = Indicator(name="城镇新增就业", key="城镇新增就业", unit="万人")
        session.add_all([ind, jobs])
        session.flush()
        session.add_all([
            Target(indicator_id=ind.id, value=920, unit="亿元", deadline_year=2025,
                   lead_units=["区商务局"]),
            Target(indicator_id=jobs.id, value=10, unit="万人", basis="increase",
                   deadline_year=2025, lead_units=["区人力社保局", "区商务局"]),
            Target(indicator_id=jobs.id, value=2, unit="万人", basis="increase", deadline_year=2024),
        ])
    return db_engine


def test_templates_one_per_lead_unit(small_db: Engine, tmp_path: Path) -> None:
    with transaction(small_db) as session:
        paths = write_templates(session, tmp_path / "out", year=2024)
    assert sorted(p.name for p in paths) == ["区人力社保局.xlsx", "区商务局.xlsx", "未指定牵头单位.xlsx"]
    book = load_workbook(tmp_path / "out" / "区商务局.xlsx")
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "指标编号 indicator_id"
    assert {r[1] for r in rows[1:]} == {"社会消费品零售总额", "城镇新增就业"}
    assert all(r[3] == 2024 and r[5] is None for r in rows[1:])
    assert [r[7] for r in rows[1:] if r[1] == "城镇新增就业"] == ["increase"]


def test_filled_template_reads_back(small_db: Engine, tmp_path: Path) -> None:
    with transaction(small_db) as session:
        [path] = [p for p in write_templates(session, tmp_path, year=2024) if "商务" in p.name]
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=6, value=800 if sheet.cell(row=row, column=2).value
                   .startswith("社会") else 2.1)
    book.save(path)
    with transaction(small_db) as session:
        report = import_file(session, path, entered_by="李")
        assert report.count("accepted") == 2
        obs = session.scalars(select(Observation)).all()
        assert {(o.year, o.value, o.basis, o.entered_by) for o in obs} == {
            (2024, 800.0, "level", "李"), (2024, 2.1, "increase", "李")}


def test_csv_layout_regions_and_refusals(small_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "指标名称,地区,年份,月份,数值,单位,口径\n"
        "社会消费品零售总额,瓜沥镇,2024,,\"1,234.5\",万元,\n"
        "社会消费品零售总额,,2025,6,3.5%,%,增速\n"
        "社会消费品零售总额,火星,2025,,1,,\n"
        "社会消费品零售总额,,2025,13,1,,\n"
        "社会消费品零售总额,,2025,,,,\n"
        "社会消费品零售总额,,2025,,1,,stock\n"
        ",,,,,,\n", encoding="utf-8")
    with transaction(small_db) as session:
        report = import_file(session, path)
        got = [(r.row, r.status) for r in report.rows]
        # row 6 names an indicator and a year but no value: left blank, skipped, not refused
        assert got == [(2, "accepted"), (3, "accepted"), (4, "refused"), (5, "refused"),
                       (6, "skipped"), (7, "refused")]
        town = session.scalars(select(Observation).where(Observation.region_id.is_not(None))).one()
        assert town.value == pytest.approx(0.123450) and town.unit == "亿元"
        ytd = session.scalars(select(Observation).where(Observation.month == 6)).one()
        assert (ytd.basis, ytd.value, ytd.unit) == ("growth", 3.5, "%")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("a.csv", "名称,数值\nx,1\n", "missing column"),
     ("a.csv", "", "empty"),
     ("a.xlsx", "not a workbook", "not a readable workbook"),
     ("a.txt", "x", ".csv or .xlsx")],
)
def test_bad_files_refused_whole(small_db: Engine, tmp_path: Path, name: str, content: str,
                                 message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActualsFileError, match=message), transaction(small_db) as session:
        import_file(session, path)
    with transaction(small_db) as session:
        assert not session.scalars(select(Observation)).all()


def test_period_totals_in_a_file(small_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "totals.csv"
    path.write_text(
        "indicator,year,start_year,value,basis\n"
        "城镇新增就业,2020,2016,17.93,increase\n"  # a five-year total
        "城镇新增就业,2020,,4.1,increase\n"  # 2020 alone: another period, no conflict
        "城镇新增就业,2020,2020,1,increase\n"  # not before the year
        "城镇新增就业,2020,2016,900,level\n",  # a level has no start year
        encoding="utf-8")
    with transaction(small_db) as session:
        report = import_file(session, path, entered_by="李")
        assert [r.status for r in report.rows] == ["accepted", "accepted", "refused", "refused"]
        obs = session.scalars(select(Observation).order_by(Observation.id)).all()
        assert [(o.start_year, o.value, o.conflict) for o in obs] == [
            (2016, 17.93, False), (None, 4.1, False)]


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_non_finite_values_refused(small_db: Engine, tmp_path: Path, raw: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"指标名称,年份,数值\n社会消费品零售总额,2024,{raw}\n社会消费品零售总额,2025,900\n",
                    encoding="utf-8")
    with transaction(small_db) as session:
        report = import_file(session, path)
        assert [(r.status, "finite" in r.reason) for r in report.rows] == [
            ("refused", True), ("accepted", False)]
        assert [o.value for o in session.scalars(select(Observation))] == [900]
