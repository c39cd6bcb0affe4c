"""`plancockpit regions load FILE.csv` and `plancockpit regions list`."""

from __future__ import annotations

from pathlib import Path
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
    fail,
    print_json,
)

regions_app = typer.Typer(help="Regions 区 → 镇/街道 → 村/社区. / 行政区划", no_args_is_help=True)
app.add_typer(regions_app, name="regions")


@regions_app.command()
def load(
    file: Annotated[Path, typer.Argument(help="CSV: code,name,level,parent_code")],
    db: DbOption = None,
) -> None:
    """Load or update regions from a CSV file (all or nothing). / 导入行政区划"""
    from plancockpit.services.regions.hierarchy import RegionFileError, load_regions

    with db_transaction(db) as session:
        try:
            counts = load_regions(session, file)
        except RegionFileError as exc:
            raise fail(f"{file.name}: {exc}") from None
    typer.echo(f"{counts['created']} created, {counts['updated']} updated / 已导入")


@regions_app.command("list")
def list_cmd(db: DbOption = None, fmt: FormatOption = ListFormat.table) -> None:
    """List regions with their parents. / 列出地区"""
    from plancockpit.services.regions.hierarchy import region_rows

    with db_transaction(db) as session:
        rows = region_rows(session)
    if fmt == ListFormat.json:
        print_json(rows)
        return
    table = Table("id", "code", "name", "level", "parent")
    for r in rows:
        table.add_row(*(str(r[k]) for k in ("id", "code", "name", "level", "parent")))
    Console().print(table)


def _print_check(check: object, fmt: ListFormat) -> None:
    from plancockpit.services.regions.breakdown import BreakdownCheck

    assert isinstance(check, BreakdownCheck)
    if fmt == ListFormat.json:
        print_json(check.to_json())
        return
    typer.echo(f"target {check.target_id}: {check.parts} part(s) / 分解数")
    if check.missing:
        typer.echo(f"  missing sub-regions / 未覆盖: {', '.join(check.missing)}")
    else:
        typer.echo("  every sub-region has a part / 已覆盖全部下级地区")
    if check.adds_up is None:
        typer.echo("  not summed: the indicator does not add across regions / 该指标不可加总")
    elif check.total is not None and check.whole is not None:
        word = "adds up / 合计达到总目标" if check.adds_up else "falls short / 合计低于总目标"
        typer.echo(
            f"  Σ parts {check.total:g} vs whole {check.whole:g}: difference "
            f"{check.difference:+g} ({word}; tolerance {check.tolerance:.1%})"
        )


@regions_app.command()
def breakdown(
    target_id: Annotated[int, typer.Argument(help="The whole target's id (plancockpit status)")],
    file: Annotated[Path, typer.Argument(help="CSV: region,value (地区,数值)")],
    tolerance: Annotated[float, typer.Option(help="Shortfall allowed, share of the whole")] = 0.005,
    strict: Annotated[
        bool, typer.Option(help="Refuse (write nothing) unless the parts cover and add up")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Break a target down to sub-regions from a CSV, with the checks. / 目标分解到下级地区"""
    from plancockpit.services.regions.breakdown import BreakdownError, load_breakdown

    class _Refused(Exception):
        pass

    try:
        with db_transaction(db) as session:
            try:
                check = load_breakdown(session, target_id, file, tolerance)
            except (BreakdownError, LookupError) as exc:
                raise fail(f"{file.name}: {exc}") from None
            if strict and not check.ok:
                raise _Refused
    except _Refused:
        _print_check(check, fmt)
        raise fail(
            "--strict: the parts do not cover the whole or do not add up; nothing "
            "written / 分解不完整，未写入"
        ) from None
    _print_check(check, fmt)


@regions_app.command()
def check(
    target_id: Annotated[int, typer.Argument(help="The whole target's id")],
    tolerance: Annotated[float, typer.Option(help="Shortfall allowed, share of the whole")] = 0.005,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Check a target's breakdown: coverage and sum. / 检查目标分解"""
    from plancockpit.services.regions.breakdown import check_breakdown

    with db_transaction(db) as session:
        found = check_breakdown(session, target_id, tolerance)
    _print_check(found, fmt)
