"""`plancockpit export DIR`: the open-data package (Frictionless Data Package) written to a folder."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, fail, open_db, shown


class DataFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@app.command("export")
def export(
    directory: Annotated[
        Path, typer.Argument(help="The folder to write (created if missing) / 输出目录")
    ],
    fmt: Annotated[DataFormat, typer.Option("--format", help="csv, json or xlsx")] = DataFormat.csv,
    db: DbOption = None,
) -> None:
    """Write indicators, targets, observations and assessments with datapackage.json. / 导出开放数据包"""
    from plancockpit.services.cockpit.refresh import ensure_fact_tables, refresh_facts
    from plancockpit.services.opendata import package as opendata

    engine = open_db(db)
    ensure_fact_tables(engine)
    engine.dispose()
    with db_transaction(db) as session:
        refresh_facts(session)  # the assessments as of today
        session.flush()
        try:
            written = opendata.write_package(session, directory, fmt.value)
        except OSError as exc:
            raise fail(f"cannot write {shown(directory)}: {exc.strerror or exc}") from None
    for path in written:
        typer.echo(f"wrote {shown(path)}")
