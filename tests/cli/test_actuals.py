"""`plancockpit template`, `import-actuals` and `regions load` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Observation
from plancockpit.services.cockpit.facts import StaleIndicator
from plancockpit.services.linking.link import link_all
from tests.services.linkcase import store

runner = CliRunner()


def test_template_fill_and_import(db_engine: Engine, db_url: str, tmp_path: Path) -> None:
    with transaction(db_engine) as session:
        store(session)
        link_all(session)
    out = runner.invoke(app, ["template", str(tmp_path / "t"), "--year", "2024", "--db", db_url])
    assert out.exit_code == 0, out.output
    path = tmp_path / "t" / "区商务局.xlsx"
    assert path.is_file() and (tmp_path / "t" / "区人力社保局.xlsx").is_file()
    book = load_workbook(path)
    sheet = book["填报 actuals"]
    sheet.cell(row=2, column=6, value=850)
    sheet.append([None, "没有这个指标", None, 2024, None, 1])
    book.save(path)
    res = runner.invoke(
        app, ["import-actuals", str(path), "--by", "李四", "--format", "json", "--db", db_url]
    )
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["accepted"] == 1 and report["refused"] == 1
    refused = [r for r in report["rows"] if r["status"] == "refused"]
    assert "not found" in refused[0]["reason"]
    accepted = next(r for r in report["rows"] if r["status"] == "accepted")
    with transaction(db_engine) as session:  # a running cockpit's refresher will recompute it
        indicator = session.get(Observation, accepted["observation_id"]).indicator_id  # type: ignore[union-attr]
        assert session.scalars(select(StaleIndicator.indicator_id)).all() == [indicator]
    table = runner.invoke(
        app, ["import-actuals", str(path), "--db", db_url], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0 and "duplicates 1" in table.output


def test_import_errors(db_url: str, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["import-actuals", str(tmp_path / "nope.xlsx"), "--db", db_url])
    assert missing.exit_code == 1 and "no such file" in missing.output
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    res = runner.invoke(app, ["import-actuals", str(bad), "--db", db_url])
    assert res.exit_code == 1 and "missing column" in res.output


def test_regions_load_and_list(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "# comment\ncode,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\n", encoding="utf-8"
    )
    out = runner.invoke(app, ["regions", "load", str(path), "--db", db_url])
    assert out.exit_code == 0 and "2 created" in out.output, out.output
    listed = json.loads(
        runner.invoke(app, ["regions", "list", "--format", "json", "--db", db_url]).output
    )
    assert {(r["name"], r["parent"]) for r in listed} == {("某区", ""), ("甲街道", "某区")}
    path.write_text("code,name,level,parent_code\nX,乙,town,Q\n", encoding="utf-8")
    bad = runner.invoke(app, ["regions", "load", str(path), "--db", db_url])
    assert bad.exit_code == 1 and "parent Q is unknown" in bad.output
