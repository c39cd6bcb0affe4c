"""`plancockpit status`, `link` and `indicators`: statuses and roll-ups from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Observation
from tests.services.linkcase import store

runner = CliRunner()


def _seed(engine: Engine, db_url: str) -> None:
    with transaction(engine) as session:
        store(session)
    out = runner.invoke(app, ["link", "--db", db_url])
    assert out.exit_code == 0 and "target(s)" in out.output, out.output
    with transaction(engine) as session:
        gdp = session.scalars(select(Indicator).where(Indicator.name == "地区生产总值")).one()
        session.add_all(
            [
                Observation(indicator_id=gdp.id, year=y, value=v, unit="亿元")
                for y, v in ((2021, 2000), (2022, 2200))
            ]
        )


def test_status_json_and_rollups(db_engine: Engine, db_url: str) -> None:
    _seed(db_engine, db_url)
    out = runner.invoke(
        app, ["status", "--on", "2023-06-30", "--by", "domain", "--format", "json", "--db", db_url]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    gdp = next(t for t in data["targets"] if t["indicator"] == "地区生产总值")
    assert gdp["assessment"]["status"] == "on_track" and gdp["assessment"]["words"] == "快于预期"
    assert gdp["assessment"]["expected"] > 1828.47
    groups = {r["group"]: r for r in data["rollups"]}
    assert groups["经济质效"]["counts"]["on_track"] >= 1
    assert data["overall"]["total"] == sum(1 for t in data["targets"] if not t["superseded"])
    table = runner.invoke(
        app,
        ["status", "--on", "2023-06-30", "--by", "unit", "--db", db_url],
        env={"COLUMNS": "200"},
    )
    assert table.exit_code == 0 and "区商务局" in table.output and "roll-up" in table.output


def test_status_settings_and_errors(db_engine: Engine, db_url: str, tmp_path: Path) -> None:
    _seed(db_engine, db_url)
    strict = tmp_path / "t.yaml"
    strict.write_text("documents:\n  plan.txt: {green: 1.9, faster: 2.0}\n", encoding="utf-8")
    out = runner.invoke(
        app,
        [
            "status",
            "--on",
            "2023-06-30",
            "--settings",
            str(strict),
            "--format",
            "json",
            "--db",
            db_url,
        ],
    )
    assert out.exit_code == 0, out.output
    gdp = next(t for t in json.loads(out.output)["targets"] if t["indicator"] == "地区生产总值")
    assert gdp["assessment"]["status"] == "at_risk"
    bad = tmp_path / "bad.yaml"
    bad.write_text("default: {greeen: 1}\n", encoding="utf-8")
    for args, message in (
        (["--on", "June"], "--on must look like"),
        (["--settings", str(bad)], "unknown threshold"),
        (["--by", "colour"], ""),
    ):
        res = runner.invoke(app, ["status", *args, "--db", db_url])
        assert res.exit_code != 0 and message in res.output


def test_indicators_list_merge_split(db_engine: Engine, db_url: str) -> None:
    _seed(db_engine, db_url)
    out = runner.invoke(app, ["indicators", "list", "--format", "json", "--db", db_url])
    rows = {r["name"]: r for r in json.loads(out.output)}
    keep, other = rows["地区生产总值"]["id"], rows["人均地区生产总值"]["id"]
    out = runner.invoke(app, ["indicators", "merge", str(keep), str(other), "--db", db_url])
    assert out.exit_code == 0, out.output
    names = [
        r["name"]
        for r in json.loads(
            runner.invoke(app, ["indicators", "list", "--format", "json", "--db", db_url]).output
        )
    ]
    assert "人均地区生产总值" not in names
    missing = runner.invoke(app, ["indicators", "merge", "999999", str(keep), "--db", db_url])
    assert missing.exit_code != 0 and "not found" in missing.output


def test_status_json_gives_sources_of_the_target_and_of_the_result(
    db_url: str, tmp_path: Path
) -> None:
    """`source` is the number that set the target; `assessment.latest_source` the record behind
    the observation that judged it (a later report's result), as offsets in the original text."""
    first = "一、2023年工作回顾\n略。\n二、2024年工作安排\n全年新增城镇就业6000人。\n"
    second = "一、2024年工作回顾\n全年新增城镇就业6435人。\n二、2025年工作安排\n略。\n"
    for year, text in ((2024, first), (2025, second)):
        path = tmp_path / f"report_{year}.txt"
        path.write_text(text, encoding="utf-8")
        out = runner.invoke(
            app,
            [
                "ingest",
                str(path),
                "--db",
                db_url,
                "--kind",
                "annual_report",
                "--year",
                str(year),
                "--region",
                "示例区",
            ],
        )
        assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["status", "--on", "2025-06-30", "--format", "json", "--db", db_url])
    assert out.exit_code == 0, out.output
    target = next(t for t in json.loads(out.output)["targets"] if t["deadline"] == 2024)
    src, latest = target["source"], target["assessment"]["latest_source"]
    assert src["doc"] == "report_2024.txt" and first[src["start"] : src["end"]] == "6000"
    assert latest["doc"] == "report_2025.txt" and second[latest["start"] : latest["end"]] == "6435"
    assert target["assessment"]["status"] == "achieved"
