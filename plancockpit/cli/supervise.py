"""`plancockpit supervise list|propose|open|close|reopen|sweep`: supervision items (督办) from the
command line; what a command notifies is e-mailed when PLANCOCKPIT_SMTP_HOST is set."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    mail_after,
    print_json,
    shown,
)

supervise_app = typer.Typer(
    help="Supervision items on targets (督办). / 督办事项", no_args_is_help=True
)
app.add_typer(supervise_app, name="supervise")


def _actor(session: object) -> str:
    from plancockpit.db.audit import ACTOR

    return str(getattr(session, "info", {}).get(ACTOR, "cli"))


@supervise_app.command("list")
def list_cmd(
    state: Annotated[
        str,
        typer.Option(
            "--state",
            help="proposed, open, answered, returned, closed, dismissed, "
            "in_progress or active / 状态",
        ),
    ] = "",
    unit: Annotated[
        str, typer.Option("--unit", help="Only this lead unit's items / 牵头单位")
    ] = "",
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only overdue items / 只看逾期")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="How many, newest first / 条数")
    ] = 100,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List supervision items, newest first. / 列出督办事项"""
    from plancockpit.services.followup.supervision import list_items

    with db_transaction(db) as session:
        page = list_items(session, state=state, unit=unit, overdue=overdue, limit=limit)
    if fmt == ListFormat.json:
        print_json(page)
        return
    table = Table("id", "indicator", "lead units", "due", "state", "target status")
    for i in page["items"]:
        table.add_row(
            str(i["id"]),
            shown(i["indicator_name"]),
            shown("、".join(i["lead_units"])),
            (i["due_date"] or "") + (" OVERDUE" if i["overdue"] else ""),
            i["state"],
            i["target_status"],
        )
    Console().print(table)
    typer.echo(f"{len(page['items'])} of {page['total']} items")


@supervise_app.command()
def propose(
    on: Annotated[
        str | None, typer.Option("--on", help="Statuses on this date (YYYY-MM-DD), default today")
    ] = None,
    db: DbOption = None,
) -> None:
    """Propose items for red targets and binding targets not green that have none; reopen closed
    items whose target turned red again. / 按规则提出督办事项"""
    from plancockpit.services.followup.supervision import propose as run
    from plancockpit.services.followup.supervision import states_from_statuses
    from plancockpit.services.progress.status import target_statuses

    day = _date(on, "--on") or date.today()
    from plancockpit.services.followup.mail import take_pending

    with db_transaction(db) as session:
        done = run(
            session,
            states_from_statuses(target_statuses(session, day)),
            by=_actor(session),
            today=day,
        )
        ids = take_pending(session)
    mail_after(db, ids)
    typer.echo(
        f"{len(done['proposed'])} proposed, {len(done['reopened'])} reopened / 新提出、重新打开"
    )
    for key in ("proposed", "reopened"):
        if done[key]:
            typer.echo(f"{key}: {', '.join(map(str, done[key]))}")


@supervise_app.command("open")
def open_cmd(
    target: Annotated[int, typer.Argument(help="The target's id / 目标编号")],
    ask: Annotated[str, typer.Option("--ask", help="What is asked / 督办要求")],
    due: Annotated[
        str, typer.Option("--due", help="Due date YYYY-MM-DD (today or later) / 办结期限")
    ],
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="A lead unit (repeat); default the target's")
    ] = None,
    db: DbOption = None,
) -> None:
    """Open a supervision item on a target. / 发起督办"""
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.supervision import open_item

    due_date = _date(due, "--due")
    assert due_date is not None
    with db_transaction(db) as session:
        item = open_item(
            session,
            target_id=target,
            ask=ask,
            due_date=due_date,
            lead_units=unit or None,
            by=_actor(session),
        )
        typer.echo(f"item {item.id} open on target {target}, due {item.due_date} / 已发起督办")
        ids = take_pending(session)
    mail_after(db, ids)


@supervise_app.command()
def close(
    item: Annotated[int, typer.Argument(help="The item's id / 事项编号")],
    reason: Annotated[str, typer.Option("--reason", help="Why (optional) / 理由")] = "",
    db: DbOption = None,
) -> None:
    """Close an answered item (销号). / 督办销号"""
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.supervision import close as close_item

    with db_transaction(db) as session:
        close_item(session, item, by=_actor(session), reason=reason)
        ids = take_pending(session)
    typer.echo(f"item {item} closed / 已销号")
    mail_after(db, ids)


@supervise_app.command()
def reopen(
    item: Annotated[int, typer.Argument(help="The item's id / 事项编号")],
    reason: Annotated[
        str, typer.Option("--reason", help="Why it is reopened (needed) / 重新打开的理由")
    ],
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            help="New due date YYYY-MM-DD (default: the old one, "
            "or 30 days from today when it has passed)",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Reopen a closed or dismissed item; its lead units are told. / 重新打开督办事项"""
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.supervision import reopen as reopen_item

    due_date = _date(due, "--due")
    with db_transaction(db) as session:
        done = reopen_item(session, item, by=_actor(session), reason=reason, due_date=due_date)
        typer.echo(f"item {item} reopened, due {done.due_date} / 已重新打开")
        ids = take_pending(session)
    mail_after(db, ids)


@supervise_app.command()
def sweep(
    today: Annotated[
        str | None, typer.Option("--today", help="Take this date (YYYY-MM-DD) as today")
    ] = None,
    db: DbOption = None,
) -> None:
    """Notify overdue items and rounds once (for cron; `plancockpit worker` does it on its own).
    / 提醒逾期的督办事项和填报"""
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.overdue import sweep as run

    day = _date(today, "--today") or date.today()
    with db_transaction(db) as session:
        done = run(session, day)
        ids = take_pending(session)
    typer.echo(
        f"{len(done['items'])} item(s), {len(done['rounds'])} round(s) newly overdue, "
        f"{len(ids)} notification(s) / 新逾期事项、填报轮次"
    )
    mail_after(db, ids)


def _date(raw: str | None, option: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise typer.BadParameter(f"{raw!r} is not a date YYYY-MM-DD", param_hint=option) from None
