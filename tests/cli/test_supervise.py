"""`plancockpit supervise list|propose|open|close` on a seeded database (SQLite and PostgreSQL):
the rule proposes the red target's item, a planner's commands open and close items, bad input is
a one-line error and changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import SupervisionItem
from plancockpit.services import supervision as sv
from tests.web.conftest import SEED

runner = CliRunner()
LATER = (date.today() + timedelta(days=7)).isoformat()


def _items(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(SupervisionItem)) or 0


def test_propose_list_open_close(db_engine: Engine, db_url: str) -> None:
    ids = SEED.seed(db_engine)
    proposed = runner.invoke(app, ["supervise", "propose", "--db", db_url])
    assert proposed.exit_code == 0, proposed.output
    assert "1 proposed, 0 reopened" in proposed.output
    again = runner.invoke(app, ["supervise", "propose", "--db", db_url])
    assert "0 proposed, 0 reopened" in again.output
    listed = runner.invoke(app, ["supervise", "list", "--state", "proposed", "--format", "json", "--db", db_url])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)["items"]
    assert [(r["target_id"], r["state"], r["lead_units"]) for r in rows] == [(ids["t_gdp2"], "proposed", ["区发改局"])]

    opened = runner.invoke(app, ["supervise", "open", str(ids["t_gdp"]), "--ask", "请说明", "--due", LATER,
                                 "--unit", "区发改局", "--unit", "区统计局", "--db", db_url])
    assert opened.exit_code == 0, opened.output
    item_id = int(opened.output.split()[1])
    table = runner.invoke(app, ["supervise", "list", "--unit", "区统计局", "--db", db_url])
    assert "1 of 1 items" in table.output and "open" in table.output

    refused = runner.invoke(app, ["supervise", "close", str(item_id), "--db", db_url])
    assert refused.exit_code == 1 and refused.output.startswith("error:") and "只有「已答复」" in refused.output
    with transaction(db_engine) as s:
        sv.answer(s, item_id, by="ndrc", explanation="原因", measures="措施")
    closed = runner.invoke(app, ["supervise", "close", str(item_id), "--reason", "已整改", "--db", db_url])
    assert closed.exit_code == 0, closed.output
    with transaction(db_engine) as s:
        item = s.get(SupervisionItem, item_id)
        assert item is not None and item.state == "closed"
        assert item.transitions[-1].actor.endswith("(cli)") and item.transitions[-1].reason == "已整改"


def test_bad_input_is_one_line_and_changes_nothing(db_engine: Engine, db_url: str) -> None:
    ids = SEED.seed(db_engine)
    past = (date.today() - timedelta(days=1)).isoformat()
    for args, words in [
        (["open", str(ids["t_gdp2"]), "--ask", "x", "--due", past], "办结期限不能早于今天"),
        (["open", "99999", "--ask", "x", "--due", LATER], "目标不存在"),
        (["open", str(ids["t_gdp2"]), "--ask", "x", "--due", "next week"], "YYYY-MM-DD"),
        (["close", "5"], "督办事项不存在"),
        (["list", "--state", "bogus"], "未知状态"),
    ]:
        result = runner.invoke(app, ["supervise", *args, "--db", db_url])
        assert result.exit_code != 0 and words in result.output, result.output
    assert _items(db_engine) == 0
