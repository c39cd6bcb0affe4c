"""`plancockpit projects import|list|show`: a real .xlsx ledger (written here with openpyxl), a
CSV with the unit in its cells, and a bad ledger refused whole (exit 1, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from plancockpit.cli import app

runner = CliRunner()


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "序号",
            "项目名称",
            "计划总投资(亿元)",
            "年度计划投资(亿元)",
            "年度完成投资(亿元)",
            "建设年限",
            "牵头部门",
            "形象进度",
            "镇街",
            "年度",
        ]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_list_show_and_a_refused_file(db_url: str, tmp_path: Path) -> None:
    good = _xlsx(
        tmp_path / "项目库.xlsx",
        [
            [
                1,
                "萧山国际机场三期配套工程",
                120.5,
                30,
                12.25,
                "2023-2026",
                "区交通局",
                "在建",
                "空港街道",
                2025,
            ],
            [2, "湘湖三期", 40, 8, None, "2024", "区文旅局", "前期", "", 2025],
        ],
    )
    out = runner.invoke(app, ["projects", "import", str(good), "--format", "json", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["created"] == 2
    listed = runner.invoke(
        app, ["projects", "list", "--year", "2025", "--format", "json", "--db", db_url]
    )
    rows = {r["name"]: r for r in json.loads(listed.output)}
    airport = rows["萧山国际机场三期配套工程"]
    assert (airport["stage"], airport["region"], airport["period_end"]) == (
        "在建",
        "空港街道",
        2026,
    )
    assert airport["progress"]["status"] == "off_track"  # 12.25 of 30 with the year over
    assert rows["湘湖三期"]["stage"] == "谋划"  # 前期 is the vocabulary's 谋划
    lagging = runner.invoke(
        app, ["projects", "list", "--year", "2025", "--lagging", "--db", db_url]
    )
    assert "萧山国际机场三期配套工程" in lagging.output and "湘湖三期" not in lagging.output
    shown = runner.invoke(
        app, ["projects", "show", str(airport["id"]), "--format", "json", "--db", db_url]
    )
    detail = json.loads(shown.output)
    assert [(y["year"], y["planned"], y["completed"]) for y in detail["years"]] == [
        (2025, 30.0, 12.25)
    ]
    assert detail["years"][0]["entered_by"].endswith("(cli)")  # the CLI user is the author

    csv = tmp_path / "更新.csv"
    csv.write_text(
        "项目名称,总投资,本年完成投资,年度,所属镇街\n"
        "萧山国际机场三期配套工程,1205000万元,28亿元,2025,空港街道\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["projects", "import", str(csv), "--db", db_url]).exit_code == 0
    again = json.loads(
        runner.invoke(
            app, ["projects", "show", str(airport["id"]), "--format", "json", "--db", db_url]
        ).output
    )
    assert (again["total_investment"], again["investment_text"]) == (120.5, "1205000万元")
    assert again["years"][0]["completed"] == 28.0
    assert len(again["history"]) >= 2  # the total and the year's completion changed

    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            [1, "新项目甲", 10, 2, 1, "2025", "区交通局", "在建", "", 2025],
            [2, "新项目乙", 10, 2, 1, "明年", "区交通局", "在建", "", 2025],
            [3, "新项目丙", 10, "1e999", 1, "2025", "区交通局", "在建", "", 2025],
        ],
    )
    out = runner.invoke(app, ["projects", "import", str(bad), "--db", db_url])
    assert out.exit_code == 1
    assert "row 3: period '明年'" in out.output and "row 4: planned" in out.output
    after = json.loads(
        runner.invoke(app, ["projects", "list", "--format", "json", "--db", db_url]).output
    )
    assert "新项目甲" not in {r["name"] for r in after}
