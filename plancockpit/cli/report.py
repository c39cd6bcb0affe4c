"""`plancockpit report`: the year's 规划实施监测评估报告 as a Word document."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, fail


class ReportKind(StrEnum):
    annual = "annual"
    midterm = "midterm"


class Language(StrEnum):
    zh = "zh"
    en = "en"


@app.command()
def report(
    year: Annotated[
        int, typer.Option("--year", help="The year evaluated (on 31 December) / 评估年度")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="The .docx to write (default 评估报告YEAR.docx)")
    ] = None,
    region: Annotated[
        str, typer.Option("--region", help="Only this region and its sub-regions")
    ] = "",
    kind: Annotated[
        ReportKind, typer.Option("--kind", help="annual or midterm")
    ] = ReportKind.annual,
    lang: Annotated[Language, typer.Option("--lang", help="zh or en")] = Language.zh,
    charts: Annotated[bool, typer.Option(help="Draw the status chart")] = True,
    db: DbOption = None,
) -> None:
    """Write the monitoring and evaluation report (.docx). / 生成规划实施监测评估报告"""
    from plancockpit.report.docx_report import write_docx
    from plancockpit.services.progress.evaluation_report import evaluation_report

    path = out or Path(f"评估报告{year}.docx")
    if path.suffix.lower() != ".docx":
        raise fail(f"{path}: the report is a .docx file / 报告须为 .docx 文件", code=2)
    with db_transaction(db) as session:
        data = evaluation_report(session, year, region=region, kind=kind.value, lang=lang.value)
    try:
        write_docx(data, path, charts=charts)
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from None
    typer.echo(
        f"{path}: {data.total} targets, {len(data.domains)} domains, "
        f"{len(data.lagging)} lagging / 已生成"
    )
