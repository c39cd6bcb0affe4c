"""`plancockpit regions breakdown/check` and `status --by region` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Record, Target
from plancockpit.services.linking.link import link_all
from tests.services.linkcase import store
from tests.services.progress.test_status_cases import _report

runner = CliRunner()
REGIONS = "code,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\nB,乙镇,镇,D\n"


def _whole(engine: Engine, db_url: str, tmp_path: Path) -> int:
    with transaction(engine) as session:
        store(session)
        link_all(session)
        whole = session.scalars(
            select(Target.id)
            .join(Indicator)
            .where(Indicator.name == "城镇新增就业", Target.value == 10)
        ).one()
    path = tmp_path / "regions.csv"
    path.write_text(REGIONS, encoding="utf-8")
    assert runner.invoke(app, ["regions", "load", str(path), "--db", db_url]).exit_code == 0
    return whole


def test_breakdown_reports_missing_and_shortfall(
    db_engine: Engine, db_url: str, tmp_path: Path
) -> None:
    whole = _whole(db_engine, db_url, tmp_path)
    parts = tmp_path / "parts.csv"
    parts.write_text("地区,数值\n甲街道,6\n", encoding="utf-8")
    strict = runner.invoke(
        app, ["regions", "breakdown", str(whole), str(parts), "--strict", "--db", db_url]
    )
    assert strict.exit_code == 1 and "乙镇" in strict.output and "nothing written" in strict.output
    out = runner.invoke(app, ["regions", "breakdown", str(whole), str(parts), "--db", db_url])
    assert out.exit_code == 0 and "missing" in out.output and "乙镇" in out.output
    assert "-4" in out.output and "falls short" in out.output
    parts.write_text("region,value\n甲街道,6\n乙镇,4\n", encoding="utf-8")
    runner.invoke(app, ["regions", "breakdown", str(whole), str(parts), "--db", db_url])
    data = json.loads(
        runner.invoke(
            app, ["regions", "check", str(whole), "--format", "json", "--db", db_url]
        ).output
    )
    assert data["ok"] and data["parts"] == 2 and data["difference"] == 0
    by_region = json.loads(
        runner.invoke(
            app,
            ["status", "--by", "region", "--on", "2023-01-01", "--format", "json", "--db", db_url],
        ).output
    )
    groups = {r["group"]: r["total"] for r in by_region["rollups"]}
    assert groups["甲街道"] == 1 and groups["某区"] > groups["甲街道"]


def test_breakdown_errors(db_engine: Engine, db_url: str, tmp_path: Path) -> None:
    whole = _whole(db_engine, db_url, tmp_path)
    parts = tmp_path / "parts.csv"
    parts.write_text("region,value\n火星,1\n", encoding="utf-8")
    bad = runner.invoke(app, ["regions", "breakdown", str(whole), str(parts), "--db", db_url])
    assert bad.exit_code == 1 and "火星" in bad.output
    missing = runner.invoke(app, ["regions", "check", "99999", "--db", db_url])
    assert missing.exit_code == 1 and "not found" in missing.output


def test_status_lists_dropped_targets(db_engine: Engine, db_url: str) -> None:
    with transaction(db_engine) as session:
        store(session)
        text = "地区生产总值增长6%。\n"  # a 2023 report naming GDP only
        _report(
            session,
            2023,
            text,
            "增长6%",
            "6",
            metric="地区生产总值",
            value=6,
            unit="%",
            basis="growth",
        )
        for r in session.scalars(
            select(Record).where(Record.metric == "实际利用外资", Record.year == 2026)
        ):
            r.review_state = "rejected"  # no later document names 外资 any more
    runner.invoke(app, ["link", "--db", db_url])
    out = runner.invoke(
        app, ["status", "--on", "2024-01-01", "--dropped", "--db", db_url], env={"COLUMNS": "220"}
    )
    assert out.exit_code == 0, out.output
    assert "✗dropped:" in out.output and "实际利用外资" in out.output
    assert "地区生产总值" not in out.output  # --dropped lists only the dropped targets
