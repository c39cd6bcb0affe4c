"""`plancockpit template OUTDIR` and `plancockpit import-actuals FILE`: actual data from units."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    fail,
)
from plancockpit.cli.import_report import existing_file, print_import_report

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@app.command()
def template(
    outdir: Annotated[Path, typer.Argument(help="Folder for the workbooks (created if missing)")],
    year: Annotated[
        int | None, typer.Option("--year", help="The year to fill (default last year)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write one Excel workbook per lead unit listing its indicators to fill. / 生成填报模板"""
    from plancockpit.services.actuals.imports import write_templates

    try:
        with db_transaction(db) as session:
            paths = write_templates(session, outdir, year=year)
    except OSError as exc:
        raise fail(f"cannot write to {outdir}: {exc.strerror or exc}") from None
    for p in paths:
        typer.echo(str(p))
    typer.echo(f"{len(paths)} workbook(s) / 已生成 {len(paths)} 个模板")


def _mark_stale(session: Session, observation_ids: list[int]) -> None:
    """Mark the statuses of the imported values' indicators stale, in the import's transaction:
    a running cockpit's refresher recomputes them within a second."""
    from sqlalchemy import select

    from plancockpit.db.models import Observation
    from plancockpit.services.cockpit import stale

    if observation_ids:
        stale.mark(
            session,
            set(
                session.scalars(
                    select(Observation.indicator_id).where(Observation.id.in_(observation_ids))
                )
            ),
        )


@app.command("import-actuals")
def import_actuals(
    file: Annotated[Path, typer.Argument(help="A .xlsx or .csv file in the actuals layout")],
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Who imports: the author of every row (a 填报人 column is kept as a note)"
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Import actual values with a per-row report; conflicts flagged, both kept. / 导入实际数据"""
    from plancockpit.services.actuals.imports import import_file

    existing_file(file)
    with db_transaction(db) as session:
        report = import_file(session, file, entered_by=by)
        _mark_stale(session, [r.observation_id for r in report.rows if r.observation_id])
    data = report.to_json()
    table = Table("row", "status", "reason", "observation")
    for r in report.rows:
        colour = {"accepted": "green", "refused": "red", "skipped": "dim"}.get(r.status, "yellow")
        table.add_row(str(r.row), f"[{colour}]{r.status}[/]", r.reason, str(r.observation_id or ""))
    print_import_report(
        data,
        fmt,
        table,
        f"accepted {data['accepted']}, conflicts {data['conflicts']}, duplicates "
        f"{data['duplicates']}, refused {data['refused']}, skipped (blank) "
        f"{data['skipped']} / 接受 {data['accepted']} 行，拒绝 {data['refused']} 行，"
        f"未填写跳过 {data['skipped']} 行",
    )
