"""`plancockpit supervise list|propose|open|close|reopen|sweep` on a seeded database (SQLite and PostgreSQL):
the rule proposes the red target's item, a planner's commands open and close items, bad input is
a one-line error and changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import SupervisionItem
from plancockpit.services.followup import supervision as sv
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
    listed = runner.invoke(
        app, ["supervise", "list", "--state", "proposed", "--format", "json", "--db", db_url]
    )
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)["items"]
    assert [(r["target_id"], r["state"], r["lead_units"]) for r in rows] == [
        (ids["t_gdp2"], "proposed", ["区发改局"])
    ]

    opened = runner.invoke(
        app,
        [
            "supervise",
            "open",
            str(ids["t_gdp"]),
            "--ask",
            "请说明",
            "--due",
            LATER,
            "--unit",
            "区发改局",
            "--unit",
            "区统计局",
            "--db",
            db_url,
        ],
    )
    assert opened.exit_code == 0, opened.output
    item_id = int(opened.output.split()[1])
    table = runner.invoke(app, ["supervise", "list", "--unit", "区统计局", "--db", db_url])
    assert "1 of 1 items" in table.output and "open" in table.output

    refused = runner.invoke(app, ["supervise", "close", str(item_id), "--db", db_url])
    assert (
        refused.exit_code == 1
        and refused.output.startswith("error:")
        and "只有「已答复」" in refused.output
    )
    with transaction(db_engine) as s:
        sv.answer(s, item_id, by="ndrc", explanation="原因", measures="措施")
    closed = runner.invoke(
        app, ["supervise", "close", str(item_id), "--reason", "已整改", "--db", db_url]
    )
    assert closed.exit_code == 0, closed.output
    with transaction(db_engine) as s:
        item = s.get(SupervisionItem, item_id)
        assert item is not None and item.state == "closed"
        assert (
            item.transitions[-1].actor.endswith("(cli)") and item.transitions[-1].reason == "已整改"
        )


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


def test_reopen_then_sweep_on_a_later_day_e_mails_the_overdue_item(
    db_engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plancockpit.services.access.users import add_user, set_ties
    from tests.services.smtpcase import local_smtp
    from tests.web.conftest import PASSWORD

    ids = SEED.seed(db_engine)
    with transaction(db_engine) as s:
        add_user(s, name="ndrc", role="reporter", password=PASSWORD)
        set_ties(s, "ndrc", unit="区发改局", email="ndrc@example.org")
        item_id = sv.open_item(
            s, target_id=ids["t_gdp2"], ask="请说明", due_date=date.today(), by="planner"
        ).id
    refused = runner.invoke(
        app, ["supervise", "reopen", str(item_id), "--reason", "x", "--db", db_url]
    )
    assert refused.exit_code == 1 and "只有「已销号、已撤销」的事项可以重新打开" in refused.output
    with transaction(db_engine) as s:
        sv.answer(s, item_id, by="ndrc", explanation="原因", measures="措施")
        sv.close(s, item_id, by="planner")
    server = local_smtp()
    inbox = next(server)
    try:
        monkeypatch.setenv("PLANCOCKPIT_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("PLANCOCKPIT_SMTP_PORT", str(inbox.port))
        reopened = runner.invoke(
            app,
            [
                "supervise",
                "reopen",
                str(item_id),
                "--reason",
                "整改未到位",
                "--due",
                LATER,
                "--db",
                db_url,
            ],
        )
        assert reopened.exit_code == 0, reopened.output
        assert (
            f"item {item_id} reopened, due {LATER}" in reopened.output
            and "e-mailed 1" in reopened.output
        )
        day_after = (date.fromisoformat(LATER) + timedelta(days=1)).isoformat()
        for day, told in [(LATER, "0 item(s)"), (day_after, "1 item(s)"), (day_after, "0 item(s)")]:
            swept = runner.invoke(app, ["supervise", "sweep", "--today", day, "--db", db_url])
            assert swept.exit_code == 0 and told in swept.output, swept.output
        reopen_mail, overdue_mail = inbox.wait(2)
        assert "重新打开" in reopen_mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
        assert "已超过办结期限" in overdue_mail.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
    finally:
        next(server, None)
    bad = runner.invoke(app, ["supervise", "sweep", "--today", "soon", "--db", db_url])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


@pytest.mark.parametrize(("minutes", "told"), [("60", 1), ("0", 0)])
def test_the_worker_sweeps_unless_told_not_to(
    db_engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, minutes: str, told: int
) -> None:
    from plancockpit.db.models import Notification
    from plancockpit.services.access.users import add_user, set_ties
    from tests.web.conftest import PASSWORD

    ids = SEED.seed(db_engine)
    with transaction(db_engine) as s:
        add_user(s, name="ndrc", role="reporter", password=PASSWORD)
        set_ties(s, "ndrc", unit="区发改局")
        past = date.today() - timedelta(days=3)
        sv.open_item(
            s, target_id=ids["t_gdp2"], ask="请说明", due_date=past, by="planner", today=past
        )
    monkeypatch.setenv("PLANCOCKPIT_SWEEP_MINUTES", minutes)
    monkeypatch.delenv("PLANCOCKPIT_SMTP_HOST", raising=False)
    done = runner.invoke(app, ["worker", "--once", "--db", db_url])
    assert done.exit_code == 0, done.output
    with transaction(db_engine) as s:
        kinds = list(s.scalars(select(Notification.kind)))
    assert kinds.count("item_overdue") == told * 2  # the unit's reporter and the planner
    monkeypatch.setenv("PLANCOCKPIT_SWEEP_MINUTES", "-1")
    bad = runner.invoke(app, ["worker", "--once", "--db", db_url])
    assert bad.exit_code == 1 and "sweep interval" in bad.output
