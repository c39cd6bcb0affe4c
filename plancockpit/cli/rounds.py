"""`plancockpit round open|list|board|close`: reporting rounds (填报) from the command line."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    fail,
    mail_after,
    print_json,
)

round_app = typer.Typer(
    help="Reporting rounds: open, list, completion board. / 填报轮次", no_args_is_help=True
)
app.add_typer(round_app, name="round")


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


@round_app.command("open")
def open_(
    title: Annotated[str, typer.Argument(help="The round's title / 名称")],
    period: Annotated[Period, typer.Option("--period", help="month, quarter or year / 周期")],
    year: Annotated[int, typer.Option("--year", help="The period's year / 年份")],
    due: Annotated[str, typer.Option("--due", help="Due date YYYY-MM-DD / 截止日期")],
    number: Annotated[
        int | None, typer.Option("--number", help="Month 1–12 or quarter 1–4 / 月份或季度")
    ] = None,
    domain: Annotated[
        str | None, typer.Option("--domain", help="Only this domain's indicators / 仅该领域")
    ] = None,
    document: Annotated[
        int | None,
        typer.Option(
            "--document", help="Only the indicators of this document's targets / 仅该文件的目标"
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Open a round: each lead unit and town owes its values by the due date. / 开启填报"""
    from plancockpit.db.audit import ACTOR
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.rounds import open_round

    try:
        due_date = date.fromisoformat(due)
    except ValueError:
        raise fail(f"due date {due!r} is not YYYY-MM-DD / 截止日期格式应为YYYY-MM-DD") from None
    if domain is not None and document is not None:
        raise fail("give --domain or --document, not both / 只能选择领域或文件之一")
    selection, value = (
        ("domain", domain)
        if domain is not None
        else (("document", str(document)) if document is not None else ("all", ""))
    )
    with db_transaction(db) as session:
        row = open_round(
            session,
            title=title,
            period_kind=period.value,
            year=year,
            number=number,
            due=due_date,
            selection=selection,
            selection_value=value,
            by=str(session.info.get(ACTOR, "")),
        )
        ids = take_pending(session)
    if fmt == ListFormat.json:
        print_json(row)
    else:
        typer.echo(
            f"round {row['id']}: {row['title']} ({row['period_label']}, due {row['due_date']}), "
            f"{row['counts']['owed']} value(s) owed / 已开启填报，应报 {row['counts']['owed']} 项"
        )
        if row["left_out"]:
            typer.echo(f"left out, no lead unit / 无牵头单位未纳入: {'、'.join(row['left_out'])}")
    mail_after(db, ids)


@round_app.command("list")
def list_(db: DbOption = None, fmt: FormatOption = ListFormat.table) -> None:
    """Every round with owed / filled / approved / late counts. / 列出填报轮次"""
    from plancockpit.services.followup.rounds import round_list

    with db_transaction(db) as session:
        data = round_list(session)
    if fmt == ListFormat.json:
        print_json(data)
        return
    for r in data["items"]:
        c = r["counts"]
        typer.echo(
            f"{r['id']}\t{r['state']}\t{r['period_label']}\t{r['due_date']}\t{r['title']}\t"
            f"owed {c['owed']} filled {c['filled']} approved {c['approved']} late {c['late']}"
        )
    typer.echo(f"{data['total']} round(s) / 共 {data['total']} 轮")


@round_app.command("board")
def board(
    round_id: Annotated[int, typer.Argument(help="Round id / 轮次编号")],
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """A round's completion board, per unit and town. / 填报完成情况"""
    from plancockpit.services.followup.rounds import board as board_of

    with db_transaction(db) as session:
        data: dict[str, Any] = board_of(session, round_id)
    if fmt == ListFormat.json:
        print_json(data)
        return
    r = data["round"]
    typer.echo(
        f"round {r['id']}: {r['title']} ({r['period_label']}, due {r['due_date']}, {r['state']})"
    )
    typer.echo("owner\tapprover\towed\tfilled\tapproved\treturned\tlate")
    for row in data["rows"]:
        typer.echo(
            "\t".join(
                str(row[k])
                for k in ("owner", "approver", "owed", "filled", "approved", "returned", "late")
            )
        )


@round_app.command("close")
def close(
    round_id: Annotated[int, typer.Argument(help="Round id / 轮次编号")], db: DbOption = None
) -> None:
    """Close a round: nothing more is filled or approved in it. / 结束填报"""
    from plancockpit.db.audit import ACTOR
    from plancockpit.services.followup.mail import take_pending
    from plancockpit.services.followup.rounds import close_round

    with db_transaction(db) as session:
        close_round(session, round_id, by=str(session.info.get(ACTOR, "")))
        ids = take_pending(session)
    typer.echo(f"closed round {round_id} / 已结束")
    mail_after(db, ids)
