"""`plancockpit ingest`, `docs` and `outline`: files into the database, and what is stored."""

from __future__ import annotations

import os
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from plancockpit.cli.app import app
from plancockpit.cli.common import (
    DbOption,
    FormatOption,
    ListFormat,
    fail,
    open_db,
    print_json,
    shown,
)


class KindChoice(StrEnum):
    plan = "plan"
    annual_report = "annual_report"
    meeting = "meeting"
    interview = "interview"
    news = "news"
    other = "other"


PERIOD = re.compile(r"^\s*(?P<start>\d{4})\s*[-–—~至]\s*(?P<end>\d{4})\s*$")


def overrides_from(
    title: str | None,
    kind: KindChoice | None,
    region: str | None,
    period: str | None,
    base_year: int | None,
    year: int | None,
    on: str | None,
) -> dict[str, Any]:
    """Metadata set by hand on the command line, as `analyse` overrides."""
    values: dict[str, Any] = {"title": title, "region": region, "base_year": base_year}
    values["kind"] = kind.value if kind else None
    if period and year:
        raise fail("give either --period or --year, not both", code=2)
    if period:
        match = PERIOD.match(period)
        if not match or int(match["start"]) > int(match["end"]):
            raise fail(f"--period must look like 2021-2025, got '{period}'", code=2)
        values["period_start"], values["period_end"] = int(match["start"]), int(match["end"])
    if year:
        values["period_start"] = values["period_end"] = year
    if on:
        try:
            values["date"] = date.fromisoformat(on)
        except ValueError:
            raise fail(f"--date must look like 2026-01-15, got '{on}'", code=2) from None
    return {k: v for k, v in values.items() if v is not None}


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    db: DbOption = None,
    title: Annotated[str | None, typer.Option(help="Title, instead of the inferred one")] = None,
    kind: Annotated[KindChoice | None, typer.Option(help="Document kind")] = None,
    region: Annotated[str | None, typer.Option(help="Region, e.g. 萧山区")] = None,
    period: Annotated[str | None, typer.Option(help="Plan period, e.g. 2021-2025")] = None,
    base_year: Annotated[int | None, typer.Option(help="Plan base year, e.g. 2020")] = None,
    year: Annotated[int | None, typer.Option(help="The year an annual report is for")] = None,
    on: Annotated[str | None, typer.Option("--date", help="Document date, YYYY-MM-DD")] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Processes at work, this one included (0: one per core when there are many files) / 并行进程数（含本进程）",
        ),
    ] = 0,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Ingest documents: idempotent by content, one transaction per document. / 导入文档"""
    from plancockpit import collector
    from plancockpit.services.ingest.run import Outcome, ingest_paths

    collector.pace()  # a document's objects outlive young collections while it is stored

    overrides = overrides_from(title, kind, region, period, base_year, year, on)
    engine = open_db(db)
    err = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=fmt is ListFormat.json,
    ) as progress:
        task = progress.add_task("ingesting / 导入中", total=None)

        def done(outcome: Outcome) -> None:
            progress.advance(task)
            if outcome.status in ("failed", "skipped"):
                word = "error" if outcome.status == "failed" else "warning"
                progress.console.print(
                    Text(f"{word}: {shown(outcome.path)}: {outcome.message}"), soft_wrap=True
                )

        outcomes = ingest_paths(
            engine,
            paths,
            overrides,
            on_start=lambda total: progress.update(task, total=total),
            on_done=done,
            on_file=lambda path: progress.update(task, description=path.name),
            jobs=jobs or auto_jobs(paths),
        )
    if any(o.status == "ingested" for o in outcomes):  # a running cockpit refreshes every status
        from plancockpit.db.engine import transaction
        from plancockpit.services.cockpit import stale

        with transaction(engine) as session:
            stale.mark_all(session)
    engine.dispose()
    if fmt is ListFormat.json:
        print_json([{**o.__dict__, "path": str(o.path)} for o in outcomes])
    else:
        _summary(outcomes)
    if not outcomes:
        raise fail("no supported files found / 没有可导入的文件")
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


def _summary(outcomes: list[Any]) -> None:
    table = Table(title="ingest / 导入结果")
    for column in ("status", "file", "doc", "sections", "records", "note"):
        table.add_column(column, overflow="fold", no_wrap=column not in ("file", "note"))
    for o in outcomes:
        table.add_row(
            o.status,
            Text(shown(o.path.name or o.path)),
            str(o.document_id or ""),
            str(o.sections or ""),
            str(o.records or ""),
            Text(o.message),
        )
    out = Console()
    out.print(table)
    counts = {
        s: sum(o.status == s for o in outcomes)
        for s in ("ingested", "unchanged", "skipped", "failed")
    }
    if not counts["skipped"]:
        del counts["skipped"]
    out.print(Text(", ".join(f"{n} {s}" for s, n in counts.items())))


@app.command()
def docs(db: DbOption = None, fmt: FormatOption = ListFormat.table) -> None:
    """List stored documents. / 文档列表"""
    from plancockpit.db.engine import session_factory
    from plancockpit.services.records.documents import list_documents

    engine = open_db(db)
    with session_factory(engine)() as session:
        rows = list_documents(session)
    engine.dispose()
    if fmt is ListFormat.json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} documents / 文档")
    columns = ("id", "name", "title", "kind", "region", "period", "sections", "records")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "period", "records"))
    for row in rows:
        table.add_row(*(Text(str(row[c] if row[c] is not None else "")) for c in columns))
    Console().print(table)


@app.command()
def outline(
    doc: Annotated[str, typer.Argument(help="Document id or file name")],
    db: DbOption = None,
    fmt: FormatOption = ListFormat.table,
    sentences: Annotated[bool, typer.Option(help="Show sentence nodes too")] = False,
) -> None:
    """Print a stored document's outline tree. / 文档结构"""
    from plancockpit.db.engine import session_factory
    from plancockpit.services.records.documents import DocumentNotFound, get_document, outline_tree

    engine = open_db(db)
    with session_factory(engine)() as session:
        try:
            tree = outline_tree(session, get_document(session, doc), sentences=sentences)
        except DocumentNotFound as exc:
            raise fail(str(exc)) from exc
    engine.dispose()
    if fmt is ListFormat.json:
        print_json(tree)
        return
    for line in outline_lines(tree):
        typer.echo(line)


def outline_lines(node: dict[str, Any], depth: int = 0) -> list[str]:
    """One indented line per node: kind, number, title, span, lead units, table size."""
    label = " ".join(p for p in (node["number"], node["title"]) if p)
    parts = [f"{'  ' * depth}{node['kind']}: {label}", f"[{node['start']}–{node['end']})"]
    if node["lead_units"]:
        parts.append("牵头单位: " + "、".join(node["lead_units"]))
    if node["table"]:
        rows = node["table"].get("rows", [])
        parts.append(f"{len(rows)} rows × {max((len(r) for r in rows), default=0)} columns")
    lines = ["  ".join(parts)]
    for child in node["children"]:
        lines.extend(outline_lines(child, depth + 1))
    return lines


def auto_jobs(paths: list[Path], many: int = 8) -> int:
    """One process per core for a run of `many` files or more (starting workers costs about a
    second of CPU), else this one alone: a file or two is analysed here."""
    count = 0
    for path in paths:
        count += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
        if count >= many:
            return os.cpu_count() or 1
    return 1
