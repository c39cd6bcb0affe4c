"""`plancockpit review`: list, confirm, edit, reject by id or filter, with one-line errors."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Record, Target
from plancockpit.services.linking.link import link_all
from tests.services.linkcase import store

runner = CliRunner()


def _seed(engine: Engine) -> dict[str, int]:
    with transaction(engine) as session:
        store(session)
        link_all(session)
        return {r.number + r.metric[:2]: r.id for r in session.scalars(select(Record))}


def test_review_commands(db_engine: Engine, db_url: str) -> None:
    ids = _seed(db_engine)
    listed = runner.invoke(
        app, ["review", "list", "--metric", "外资", "--format", "json", "--db", db_url]
    )
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {r["value"] for r in rows} == {8.42, 10.7, 7.0}
    fdi = ids["7实际"]
    out = runner.invoke(
        app, ["review", "edit", str(fdi), "value=7.5", "--by", "张三", "--db", db_url]
    )
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["review", "reject", str(ids["2.5城镇"]), "--db", db_url])
    assert out.exit_code == 0 and "1 record" in out.output
    out = runner.invoke(app, ["review", "confirm", "--metric", "地区生产总值", "--db", db_url])
    assert out.exit_code == 0 and "confirmed: 4" in out.output
    with transaction(db_engine) as session:
        assert session.scalars(select(Target.value).where(Target.record_id == fdi)).one() == 7.5
        assert not session.scalars(select(Target).where(Target.record_id == ids["2.5城镇"])).all()
        states = {
            r.review_state
            for r in session.scalars(select(Record).where(Record.metric == "地区生产总值"))
        }
        assert states == {"confirmed"}


def test_review_errors_are_one_line(db_engine: Engine, db_url: str) -> None:
    _seed(db_engine)
    cases = [
        (["review", "confirm"], "请给出记录编号"),
        (["review", "confirm", "999999"], "record(s) 999999 not found / 未找到记录 999999"),
        (["review", "edit", "1", "colour=red"], "cannot be edited; use"),
        (["review", "edit", "1", "colour=red"], "该字段不可修改"),
        (["review", "edit", "1", "value"], "field=value"),
        (["review", "list", "--state", "maybe"], "未知审核状态"),
    ]
    for args, message in cases:
        out = runner.invoke(app, [*args, "--db", db_url])
        assert out.exit_code != 0 and message in out.output, (args, out.output)
        assert len([ln for ln in out.output.splitlines() if ln.startswith("error:")]) == 1


def test_shared_option_help_is_bilingual() -> None:
    out = runner.invoke(app, ["review", "list", "--help"], env={"COLUMNS": "200"})
    assert "数据库地址 / Database URL" in out.output and "输出格式 / Output format" in out.output
