"""`plancockpit regions load FILE.csv` and `plancockpit regions list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, FormatOption, ListFormat, fail, open_db, print_json

regions_app = typer.Typer(help="Regions 区 → 镇/街道 → 村/社区. / 行政区划", no_args_is_help=True)
app.add_typer(regions_app, name="regions")


@regions_app.command()
def load(file: Annotated[Path, typer.Argument(help="CSV: code,name,level,parent_code")],
         db: DbOption = None) -> None:
    """Load or update regions from a CSV file (all or nothing). / 导入行政区划"""
    from plancockpit.db.engine import transaction
    from plancockpit.services.regions import RegionFileError, load_regions

    engine = open_db(db)
    try:
        with transaction(engine) as session:
            counts = load_regions(session, file)
    except RegionFileError as exc:
        raise fail(f"{file.name}: {exc}") from None
    typer.echo(f"{counts['created']} created, {counts['updated']} updated / 已导入")


@regions_app.command("list")
def list_cmd(db: DbOption = None, fmt: FormatOption = ListFormat.table) -> None:
    """List regions with their parents. / 列出地区"""
    from sqlalchemy import select

    from plancockpit.db.engine import transaction
    from plancockpit.db.models import Region

    engine = open_db(db)
    with transaction(engine) as session:
        regions = list(session.scalars(select(Region).order_by(Region.code)))
        names = {r.id: r.name for r in regions}
        rows = [{"id": r.id, "code": r.code, "name": r.name, "level": r.level,
                 "parent": names.get(r.parent_id or -1, "")} for r in regions]
    if fmt == ListFormat.json:
        print_json(rows)
        return
    table = Table("id", "code", "name", "level", "parent")
    for r in rows:
        table.add_row(*(str(r[k]) for k in ("id", "code", "name", "level", "parent")))
    Console().print(table)
