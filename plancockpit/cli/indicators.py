"""`plancockpit link` and `plancockpit indicators list|merge|split`."""

from __future__ import annotations

from typing import Annotated, cast

import typer
from rich.console import Console
from rich.table import Table

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    print_json,
)

indicators_app = typer.Typer(
    help="Indicators: list, merge, split. / 指标管理", no_args_is_help=True
)
app.add_typer(indicators_app, name="indicators")


@app.command()
def link(db: DbOption = None, fmt: FormatOption = ListFormat.table) -> None:
    """Build or refresh indicators, targets and observations from all records. / 关联指标"""
    from plancockpit.services.linking.link import link_all

    with db_transaction(db) as session:
        report = link_all(session)
    if fmt == ListFormat.json:
        print_json(report.to_json())
        return
    typer.echo(
        f"{report.documents} document(s): {report.targets} target(s), "
        f"{report.observations} observation(s), {report.indicators_created} new "
        f"indicator(s), {len(report.skipped)} record(s) skipped / 关联完成"
    )


@indicators_app.command("list")
def list_cmd(
    q: Annotated[str, typer.Option("--q", help="Name contains")] = "",
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List indicators with their targets and observations counted. / 指标列表"""
    from plancockpit.services.linking.link import indicator_rows

    with db_transaction(db) as session:
        rows = indicator_rows(session, q)
    if fmt == ListFormat.json:
        print_json(rows)
        return
    table = Table("id", "name", "unit", "domain", "region", "targets", "observations", "aliases")
    for r in rows:
        table.add_row(
            *(
                str(r[k])
                for k in ("id", "name", "unit", "domain", "region", "targets", "observations")
            ),
            "、".join(str(a) for a in cast(list[object], r["aliases"])),
        )
    Console().print(table)


@indicators_app.command()
def merge(
    keep: Annotated[int, typer.Argument(help="The indicator that stays")],
    others: Annotated[list[int], typer.Argument(help="Indicators merged into it")],
    db: DbOption = None,
) -> None:
    """Merge indicators that are the same measure; survives relinking. / 合并指标"""
    from plancockpit.services.indicators.edits import merge_indicators

    with db_transaction(db) as session:
        kept = merge_indicators(session, keep, others)
        name = kept.name
    typer.echo(f"merged {len(others)} into {keep} {name} / 已合并")


@indicators_app.command()
def split(
    indicator: Annotated[int, typer.Argument(help="The indicator to split")],
    records: Annotated[list[int], typer.Argument(help="Record ids to move out")],
    name: Annotated[str, typer.Option("--name", help="The new indicator's name")],
    by: Annotated[str, typer.Option("--by", help="Who splits")] = "cli",
    db: DbOption = None,
) -> None:
    """Move mentions to a new indicator (their metric is edited to the new name). / 拆分指标"""
    from plancockpit.services.indicators.edits import split_indicator

    with db_transaction(db) as session:
        new = split_indicator(session, indicator, records, name, by=by)
        new_id = new.id
    typer.echo(f"split {len(records)} record(s) into indicator {new_id} {name} / 已拆分")
