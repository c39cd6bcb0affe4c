"""`plancockpit user` and `serve`/`demo` as a newcomer meets them: bilingual help, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancockpit.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["user", "add", "x", "--role", "admin", "--password", "long-enough", "--db", "foo://bar"],
        ["user", "list", "--db", "foo://bar"],
        ["demo", "--db", "foo://bar"],
        ["serve", "--db", "foo://bar"],
    ],
)
def test_bad_db_url_is_one_line(args: list[str]) -> None:
    r = runner.invoke(app, args)
    assert r.exit_code == 1
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in r.output
    assert "数据库" in lines[0] or "驾驶舱" in lines[0]


def test_user_errors_are_bilingual(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'u.sqlite'}"
    ok = runner.invoke(
        app, ["user", "add", "ann", "--role", "planner", "--password", "long-enough", "--db", db]
    )
    assert ok.exit_code == 0 and "added ann (planner)" in ok.output
    again = runner.invoke(app, ["user", "add", "ann", "--password", "long-enough", "--db", db])
    assert again.exit_code == 1 and "already exists / 用户未添加" in again.output
    role = runner.invoke(
        app, ["user", "add", "bob", "--role", "boss", "--password", "long-enough", "--db", db]
    )
    assert (
        role.exit_code == 1 and "unknown role 'boss'" in role.output and "未知角色" in role.output
    )
    listed = runner.invoke(app, ["user", "list", "--db", db])
    assert listed.exit_code == 0 and "ann\tplanner" in listed.output


def test_user_add_help_is_bilingual() -> None:
    r = runner.invoke(app, ["user", "add", "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert "角色" in r.output and "密码" in r.output and "新增用户" in r.output
