"""Actuals files: templates per lead unit, CSV layout, whole-file errors leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Observation, Region, Target
from plancockpit.services.actuals.imports import ActualsFileError, import_file, write_templates
from plancockpit.services.actuals.layout import DATA_SHEET


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
        session.add_all(
            [
                Target(
                    indicator_id=ind.id,
                    value=920,
                    unit="亿元",
                    deadline_year=2025,
                    lead_units=["区商务局"],
                ),
                Target(
                    indicator_id=jobs.id,
                    value=10,
                    unit="万人",
                    basis="increase",
                    deadline_year=2025,
                    lead_units=["区人力社保局", "区商务局"],
                ),
                Target(
                    indicator_id=jobs.id, value=2, unit="万人", basis="increase", deadline_year=2024
                ),
            ]
        )
    return db_engine


def _sheet(path: Path, name: str = DATA_SHEET) -> list[tuple[object, ...]]:
    """The rows that hold something (the data sheet has formatted spare rows below)."""
    rows = load_workbook(path)[name].iter_rows(values_only=True)
    return [r for r in rows if any(v is not None for v in r)]


def test_templates_one_per_lead_unit(small_db: Engine, tmp_path: Path) -> None:
    with transaction(small_db) as session:
        paths = write_templates(session, tmp_path / "out", year=2024)
    assert sorted(p.name for p in paths) == ["区人力社保局.xlsx", "区商务局.xlsx"]
    trade, hr = tmp_path / "out" / "区商务局.xlsx", tmp_path / "out" / "区人力社保局.xlsx"
    rows = _sheet(trade)
    assert rows[0][0] == "指标编号 indicator_id"
    # 城镇新增就业 is led by 区人力社保局 (first named) and co-led by 区商务局: reported once
    assert [(r[1], r[3], r[7]) for r in rows[1:]] == [("社会消费品零售总额", 2024, "水平")]
    assert [r[1:3] for r in _sheet(trade, "配合 co-led")[1:]] == [("城镇新增就业", "区人力社保局")]
    assert [(r[1], r[7]) for r in _sheet(hr)[1:]] == [("城镇新增就业", "新增")]
    targets = _sheet(trade, "目标 targets")
    assert ("社会消费品零售总额", "920亿元") in [(r[1], r[2]) for r in targets]
    assert "import-actuals" not in str(_sheet(trade, "说明 readme"))  # bureau staff use the page


def test_templates_ask_what_each_target_needs(db_engine: Engine, tmp_path: Path) -> None:
    """A growth target asks for the level and the rate; a target for every year asks for each
    year still without a value; the sheet validates numbers and locks what identifies a row."""
    with transaction(db_engine) as session:
        gdp = Indicator(name="地区生产总值", key="地区生产总值", unit="亿元")
        jobs = Indicator(name="城镇新增就业", key="城镇新增就业", unit="万人")
        session.add_all([gdp, jobs])
        session.flush()
        session.add(
            Target(
                indicator_id=gdp.id,
                value=7,
                unit="%",
                basis="growth",
                comparator="~",
                baseline_year=2020,
                deadline_year=2025,
                lead_units=["区发改局"],
            )
        )
        session.add_all(
            [
                Target(
                    indicator_id=jobs.id,
                    value=2,
                    unit="万人",
                    basis="increase",
                    baseline_year=y - 1,
                    deadline_year=y,
                    lead_units=["区人社局"],
                )
                for y in range(2021, 2026)
            ]
        )
        session.add(Observation(indicator_id=jobs.id, year=2021, value=2.2, basis="increase"))
        paths = write_templates(session, tmp_path, year=2024)
    by_name = {p.stem: p for p in paths}
    assert [(r[3], r[7], r[6]) for r in _sheet(by_name["区发改局"])[1:]] == [
        (2024, "水平", "亿元"),
        (2024, "增速", "%"),
    ]
    assert [(r[3], r[7]) for r in _sheet(by_name["区人社局"])[1:]] == [
        (2022, "新增"),
        (2023, "新增"),
        (2024, "新增"),
    ]  # 2021 has its value
    sheet = load_workbook(by_name["区发改局"])[DATA_SHEET]
    assert sheet.protection.sheet
    assert sheet["A2"].protection.locked and not sheet["F2"].protection.locked
    assert not sheet["A20"].protection.locked  # spare rows below are free
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert {"decimal", "whole", "list"} <= kinds
    assert "年均增长7%左右" in str(_sheet(by_name["区发改局"], "目标 targets"))


def test_filled_template_reads_back(small_db: Engine, tmp_path: Path) -> None:
    with transaction(small_db) as session:
        paths = write_templates(session, tmp_path, year=2024)
    for path, value in ((tmp_path / "区商务局.xlsx", 800), (tmp_path / "区人力社保局.xlsx", 2.1)):
        book = load_workbook(path)
        book[DATA_SHEET].cell(row=2, column=6, value=value)
        book.save(path)
    with transaction(small_db) as session:
        for path in paths:
            report = import_file(session, path, entered_by="李")
            assert report.count("accepted") == 1, report
        obs = session.scalars(select(Observation)).all()
        assert {(o.year, o.value, o.basis, o.entered_by) for o in obs} == {
            (2024, 800.0, "level", "李"),
            (2024, 2.1, "increase", "李"),
        }


def test_csv_layout_regions_and_refusals(small_db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "指标名称,地区,年份,月份,数值,单位,口径\n"
        '社会消费品零售总额,瓜沥镇,2024,,"1,234.5",万元,\n'
        "社会消费品零售总额,,2025,6,3.5%,%,增速\n"
        "社会消费品零售总额,火星,2025,,1,,\n"
        "社会消费品零售总额,,2025,13,1,,\n"
        "社会消费品零售总额,,2025,,,,\n"
        "社会消费品零售总额,,2025,,1,,stock\n"
        ",,,,,,\n",
        encoding="utf-8",
    )
    with transaction(small_db) as session:
        report = import_file(session, path)
        got = [(r.row, r.status) for r in report.rows]
        # row 6 names an indicator and a year but no value: left blank, skipped, not refused
        assert got == [
            (2, "accepted"),
            (3, "accepted"),
            (4, "refused"),
            (5, "refused"),
            (6, "skipped"),
            (7, "refused"),
        ]
        town = session.scalars(select(Observation).where(Observation.region_id.is_not(None))).one()
        assert town.value == pytest.approx(0.123450) and town.unit == "亿元"
        ytd = session.scalars(select(Observation).where(Observation.month == 6)).one()
        assert (ytd.basis, ytd.value, ytd.unit) == ("growth", 3.5, "%")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "名称,数值\nx,1\n", "missing column"),
        ("a.csv", "", "empty"),
        ("a.xlsx", "not a workbook", "not a readable workbook"),
        ("a.txt", "x", ".csv or .xlsx"),
    ],
)
def test_bad_files_refused_whole(
    small_db: Engine, tmp_path: Path, name: str, content: str, message: str
) -> None:
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
        encoding="utf-8",
    )
    with transaction(small_db) as session:
        report = import_file(session, path, entered_by="李")
        assert [r.status for r in report.rows] == ["accepted", "accepted", "refused", "refused"]
        obs = session.scalars(select(Observation).order_by(Observation.id)).all()
        assert [(o.start_year, o.value, o.conflict) for o in obs] == [
            (2016, 17.93, False),
            (None, 4.1, False),
        ]


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_non_finite_values_refused(small_db: Engine, tmp_path: Path, raw: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"指标名称,年份,数值\n社会消费品零售总额,2024,{raw}\n社会消费品零售总额,2025,900\n",
        encoding="utf-8",
    )
    with transaction(small_db) as session:
        report = import_file(session, path)
        assert [(r.status, "finite" in r.reason) for r in report.rows] == [
            ("refused", True),
            ("accepted", False),
        ]
        assert [o.value for o in session.scalars(select(Observation))] == [900]
