"""`plancockpit round open|list|board|close`: a real round in the database, its refusals as
one-line errors that store nothing, and the e-mail of its notifications when SMTP is set."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Round, RoundItem
from plancockpit.services.access.users import set_ties
from tests.services.roundcase import build
from tests.services.smtpcase import Inbox, local_smtp

runner = CliRunner()
DUE = (date.today() + timedelta(days=5)).isoformat()


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    yield from local_smtp()


def test_open_list_board_close(db_engine: Engine, db_url: str) -> None:
    with transaction(db_engine) as s:
        build(s)
    opened = runner.invoke(
        app,
        [
            "round",
            "open",
            "一季度填报",
            "--period",
            "quarter",
            "--year",
            "2025",
            "--number",
            "1",
            "--due",
            DUE,
            "--db",
            db_url,
        ],
    )
    assert opened.exit_code == 0, opened.output
    assert "round 1: 一季度填报 (2025年第1季度" in opened.output and "应报 3 项" in opened.output
    assert "无主指标" in opened.output
    listed = runner.invoke(app, ["round", "list", "--db", db_url])
    assert "1\topen\t2025年第1季度" in listed.output and "owed 3 filled 0" in listed.output
    board = runner.invoke(app, ["round", "board", "1", "--db", db_url])
    assert "东镇\t区发展和改革局\t1\t0\t0\t0\t0" in board.output
    closed = runner.invoke(app, ["round", "close", "1", "--db", db_url])
    assert closed.exit_code == 0 and "closed round 1" in closed.output
    again = runner.invoke(app, ["round", "close", "1", "--db", db_url])
    assert again.exit_code == 1 and "already closed" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--due", "2001-01-01"], "in the past"),
        (["--due", "tomorrow"], "not YYYY-MM-DD"),
        (["--due", DUE, "--domain", "无此领域"], "has no indicators"),
        (["--due", DUE, "--domain", "x", "--document", "1"], "not both"),
        (["--due", DUE, "--number", "3"], "no month or quarter"),
    ],
)
def test_refusals_store_nothing(
    db_engine: Engine, db_url: str, args: list[str], message: str
) -> None:
    with transaction(db_engine) as s:
        build(s)
    r = runner.invoke(
        app, ["round", "open", "x", "--period", "year", "--year", "2025", *args, "--db", db_url]
    )
    assert r.exit_code != 0 and message in r.output
    with transaction(db_engine) as s:
        assert s.scalar(select(func.count()).select_from(Round)) == 0
        assert s.scalar(select(func.count()).select_from(RoundItem)) == 0
    assert runner.invoke(app, ["round", "board", "7", "--db", db_url]).exit_code == 1


def test_opening_e_mails_those_who_owe(
    db_engine: Engine, db_url: str, smtp: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(db_engine) as s:
        build(s)
        set_ties(s, "east", email="east@example.org")
    monkeypatch.setenv("PLANCOCKPIT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANCOCKPIT_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("PLANCOCKPIT_SMTP_FROM", "cockpit@example.org")
    r = runner.invoke(
        app,
        [
            "round",
            "open",
            "年度",
            "--period",
            "year",
            "--year",
            "2025",
            "--due",
            DUE,
            "--db",
            db_url,
        ],
    )
    assert r.exit_code == 0 and "e-mailed 1 notification(s)" in r.output
    [mail] = smtp.wait(1)
    assert mail["To"] == "east@example.org" and mail["From"] == "cockpit@example.org"
