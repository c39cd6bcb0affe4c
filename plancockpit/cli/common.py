"""Options and output helpers shared by CLI commands."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="数据库地址 / Database URL (sqlite:///file or postgresql://…); "
        "默认 default $PLANCOCKPIT_DB or ./plancockpit.sqlite",
    ),
]


class ListFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[ListFormat, typer.Option("--format", help="输出格式 / Output format")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def shown(name: object) -> str:
    """A file name fit for one line of output: control characters (a newline in a name could
    forge an `error:` line) written as escapes."""
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode() for c in str(name)
    )


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def open_db(url: str | None) -> Engine:
    """The engine for `--db` (or $PLANCOCKPIT_DB), schema created or upgraded; a database that
    cannot be opened is a one-line error."""
    from sqlalchemy.exc import SQLAlchemyError

    from plancockpit.db.migrate import open_database

    try:
        return open_database(url)
    except (SQLAlchemyError, OSError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
        raise fail(f"cannot open database: {reason} / 无法打开数据库") from exc


@contextmanager
def db_transaction(url: str | None) -> Iterator[Session]:
    """One transaction on the `--db` database, opened as `open_db` does: commits on success,
    rolls back everything on any error; an error of the project's ends the command with its
    one-line message."""
    from plancockpit.db.audit import act_as
    from plancockpit.db.engine import transaction
    from plancockpit.errors import PlancockpitError

    try:
        with transaction(open_db(url)) as session:
            act_as(session, f"{getpass.getuser()} (cli)")
            yield session
    except PlancockpitError as exc:  # the project's errors, mapped once: one line, exit 1
        raise fail(str(exc).strip("'\"")) from None


def mail_after(db: str | None, ids: list[int]) -> None:
    """E-mail the notifications a committed command made, when an SMTP server is set
    (PLANCOCKPIT_SMTP_HOST); a failing server is logged, the inbox has them anyway."""
    from plancockpit.services.followup.mail import MailSettings, send

    try:
        settings = MailSettings.from_env()
    except ValueError as exc:
        raise fail(str(exc)) from None
    if settings is None or not ids:
        return
    sent = send(open_db(db), settings, ids)
    typer.echo(f"e-mailed {sent} notification(s) / 已发送 {sent} 封通知邮件")
