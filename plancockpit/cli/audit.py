"""`plancockpit events`: the audit trail — who changed which record, value, user or indicator."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, shown


@app.command("events")
def events(
    entity: Annotated[
        str,
        typer.Option(
            "--entity",
            help="record, target, observation, user, indicator, document, supervision, attachment, round, round_item, project or project_year / 对象类型",
        ),
    ] = "",
    entity_id: Annotated[
        int | None, typer.Option("--id", help="Only this entity's events / 对象编号")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="How many, newest first / 条数")
    ] = 50,
    csv_out: Annotated[
        Path | None,
        typer.Option("--csv", help="Write the whole trail as CSV to this file / 导出全部记录为CSV"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Show the audit trail, newest first, or export it whole. / 查看或导出操作日志"""
    import json

    from plancockpit.services.access import audit_log

    if entity and entity not in audit_log.ENTITIES:
        raise typer.BadParameter(
            f"use one of {', '.join(audit_log.ENTITIES)}", param_hint="--entity"
        )
    with db_transaction(db) as session:
        if csv_out is not None:
            csv_out.write_text(audit_log.events_csv(session), encoding="utf-8")
            typer.echo(f"wrote {shown(csv_out)}")
            return
        page = audit_log.events(session, entity=entity, entity_id=entity_id, limit=limit)
    for e in page["items"]:
        changes = json.dumps(e["changes"], ensure_ascii=False)
        typer.echo(
            f"{e['at'][:19]}\t{shown(e['actor'])}\t{e['action']}\t{e['entity']} {e['entity_id']}\t{shown(changes)}"
        )
    typer.echo(f"{len(page['items'])} of {page['total']} events")
