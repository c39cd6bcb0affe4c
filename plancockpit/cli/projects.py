"""`plancockpit projects list|show|import`: major projects (重大项目) from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    db_transaction,
    fail,
    print_json,
)
from plancockpit.cli.import_report import existing_file, print_import_report

projects_app = typer.Typer(
    help="Major projects: list, show, import a ledger. / 重大项目", no_args_is_help=True
)
app.add_typer(projects_app, name="projects")


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


@projects_app.command("list")
def list_(
    region: Annotated[str, typer.Option("--region", help="Only this town or area / 所属镇街")] = "",
    lead_unit: Annotated[
        str, typer.Option("--lead-unit", help="Only this lead unit / 牵头单位")
    ] = "",
    stage: Annotated[str, typer.Option("--stage", help="谋划/签约/开工/在建/竣工/投产")] = "",
    lagging: Annotated[
        bool, typer.Option("--lagging", help="Only lagging projects / 仅滞后项目")
    ] = False,
    year: Annotated[
        int | None,
        typer.Option("--year", help="The year of the progress (default this year) / 年度"),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Projects with the year's planned vs completed investment (亿元). / 重大项目列表"""
    from plancockpit.services.projects.items import list_projects

    with db_transaction(db) as session:
        rows = list_projects(
            session, region=region, lead_unit=lead_unit, stage=stage, lagging=lagging, year=year
        )
    if fmt == ListFormat.json:
        print_json(rows)
        return
    for r in rows:
        p = r["progress"]
        typer.echo(
            f"{r['id']:>5}  {r['stage'] or '—':<3}  {r['name']}  [{r['lead_unit'] or '—'}]  "
            f"总投资 {_money(r['total_investment'])}  {p['year']}: "
            f"{_money(p['completed'])}/{_money(p['planned'])}  {p['status']}"
        )
    typer.echo(f"{len(rows)} project(s) / 共 {len(rows)} 个项目")


@projects_app.command("show")
def show(
    project_id: Annotated[int, typer.Argument(help="The project's id / 项目编号")],
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """One project: fields, investment per year, source, history. / 项目详情"""
    from plancockpit.services.projects.items import project_detail

    with db_transaction(db) as session:
        data: dict[str, Any] = project_detail(session, project_id)
    if fmt == ListFormat.json:
        print_json(data)
        return
    for key in (
        "name",
        "kind",
        "region",
        "lead_unit",
        "stage",
        "period_start",
        "period_end",
        "total_investment",
        "investment_text",
        "project_count",
        "source_file",
        "source_row",
        "sentence",
    ):
        if data.get(key) not in (None, ""):
            typer.echo(f"{key}: {data[key]}")
    for y in data["years"]:
        typer.echo(
            f"{y['year']}: planned {_money(y['planned'])} completed "
            f"{_money(y['completed'])} → {y['status']}"
        )


@projects_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A project ledger .xlsx or .csv / 项目库台账")],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Year of rows without a 年度 column (default this year) / 年度"
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Import a project ledger; one bad row refuses the file. / 导入项目库"""
    from plancockpit.db.audit import ACTOR
    from plancockpit.services.projects.items import import_ledger

    existing_file(file)
    with db_transaction(db) as session:
        # all or nothing: with a refused row import_ledger writes nothing
        report = import_ledger(session, file, by=str(session.info.get(ACTOR, "")), year=year)
    data = report.to_json()
    print_import_report(
        data,
        fmt,
        (f"row {row['row']}: {row['reason']}" for row in data["refused"]),
        f"created {data['created']}, updated {data['updated']}, years {data['years']}"
        f" / 新增 {data['created']} 个，更新 {data['updated']} 个",
    )
    if report.refused:
        raise fail(
            f"{len(report.refused)} row(s) refused, nothing imported / "
            f"{len(report.refused)} 行有误，未导入"
        )
