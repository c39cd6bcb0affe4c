"""`plancockpit status`: each target's status on a date, with roll-ups."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
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
from plancockpit.vocabulary import STATUSES

COLOURS = {"green": "green", "yellow": "yellow", "red": "red", "grey": "bright_black"}


class By(StrEnum):
    domain = "domain"
    unit = "unit"
    region = "region"
    document = "document"


def _num(x: float | None, digits: int = 2) -> str:
    return "" if x is None else f"{x:.{digits}f}".rstrip("0").rstrip(".")


@app.command()
def status(
    by: Annotated[
        By | None, typer.Option("--by", help="Roll up by domain, unit, region or document")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Evaluation date YYYY-MM-DD (default today)")
    ] = None,
    settings: Annotated[
        Path | None, typer.Option("--settings", help="Thresholds YAML (default and per document)")
    ] = None,
    all_targets: Annotated[
        bool,
        typer.Option(
            "--all", help="Also list superseded targets and the history of ended plan periods"
        ),
    ] = False,
    history_only: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Only the history: targets of plan periods that have ended (a later one has begun)",
        ),
    ] = False,
    dropped_only: Annotated[
        bool,
        typer.Option("--dropped", help="Only plan targets no later plan or annual report mentions"),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Status of every target on a date, and the roll-ups. / 目标进度与红黄绿灯"""
    from plancockpit.services.progress.status import load_settings, status_report

    try:
        when = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise fail(f"--on must look like 2026-06-30, got '{on}'", code=2) from None
    with db_transaction(db) as session:
        thresholds = load_settings(session, settings) if settings else None
        report = status_report(
            session,
            when,
            by.value if by else None,
            **({"settings": thresholds} if thresholds else {}),
        )
    if fmt == ListFormat.json:
        print_json(report.to_json())
        return
    console = Console()
    table = Table(
        "id",
        "indicator",
        "target",
        "deadline",
        "latest",
        "expected",
        "p",
        "G",
        "status",
        "words",
        title=f"status on {when.isoformat()} / 截至{when.isoformat()}",
    )
    for s in report.targets:
        if history_only and not s.history:
            continue
        if ((s.superseded or s.history) and not (all_targets or history_only)) or (
            dropped_only and not s.dropped
        ):
            continue
        a = s.assessment
        marks = (
            (" ↓" if a.deteriorating else "")
            + (" ⌛" if a.stale else "")
            + (" ⚠" if s.conflicts else "")
            + (" Σ" if s.rolled_up else "")
            + (" ✗dropped" if s.dropped else "")
            + (" ⌂history" if s.history else "")
        )
        table.add_row(
            str(s.target_id),
            s.indicator + (f" ({s.region})" if s.region else ""),
            s.target_text,
            str(s.deadline or ""),
            _num(a.actual),
            _num(a.expected),
            _num(a.progress),
            _num(a.gap),
            f"[{COLOURS[a.light]}]{a.status}{marks}[/]",
            a.words,
        )
    console.print(table)
    dropped = [s for s in report.targets if s.dropped and not s.superseded]
    if dropped:
        console.print(
            f"✗dropped: {len(dropped)} plan target(s) that no later plan or annual "
            "report mentions / 后续规划和年度报告未再提及的规划目标: "
            + ", ".join(str(s.target_id) for s in dropped[:30])
            + (" …" if len(dropped) > 30 else "")
        )
    console.print(
        "marks: ↓ deteriorating  ⌛ stale  ⚠ conflicting data  Σ rolled up from "
        "sub-regions  ✗dropped  ⌂history (an ended plan period; not in the roll-ups) / "
        "标记: 恶化 过期 数据冲突 下级汇总 未再提及 已结束规划期（不计入汇总）"
    )
    hidden = sum(1 for s in report.targets if s.history and not s.superseded)
    if hidden and not (all_targets or history_only):
        console.print(
            f"{hidden} target(s) of ended plan periods not listed (--history lists "
            f"them) / 另有{hidden}个已结束规划期的目标未列出（用 --history 查看）"
        )
    if report.rollups or report.overall:
        roll = Table("group", "targets", *STATUSES, "score", "dropped", title="roll-up / 汇总")
        for r in [*report.rollups, *([report.overall] if report.overall else [])]:
            roll.add_row(
                r.group,
                str(r.total),
                *(str(r.counts.get(k, 0)) for k in STATUSES),
                _num(r.score),
                str(report.dropped.get(r.group, 0)),
            )
        console.print(roll)
